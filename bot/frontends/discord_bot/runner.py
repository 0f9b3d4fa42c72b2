"""`python -m bot run` and `python -m bot sync`: start-up, shutdown, and one clear line on failure.

Start-up: log in first (it checks the token in a fraction of a second), then open the gateway while
the answers index loads in a worker thread; a question that arrives meanwhile is deferred and
answered once the answerer is ready. Shutdown (SIGTERM, SIGINT): stop taking questions, give those in
flight a few seconds, tell the rest "the bot is restarting", then close; exit code 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import sys
from collections.abc import Awaitable, Callable

import aiohttp
import discord

from bot.exits import LOCAL_ERRORS, ExitCode
from bot.frontends.discord_bot.client import make_bot
from bot.frontends.discord_bot.feedback import Feedback
from bot.frontends.discord_bot.services import Services, build_services, load_core
from bot.frontends.discord_bot.sync import sync_all
from bot.knowledge.store import IndexUnavailable
from bot.records import Records
from bot.settings import Settings

log = logging.getLogger(__name__)

PORTAL = "https://discord.com/developers/applications"
NO_TOKEN = (f"DISCORD_TOKEN is not set: create a bot at {PORTAL} (Bot → Reset Token) "
            "and put DISCORD_TOKEN=… in .env.")
BAD_TOKEN = (f"Discord rejected DISCORD_TOKEN: copy the bot token again from {PORTAL} "
             "(your application → Bot → Reset Token) into .env.")
MALFORMED_TOKEN = (f"DISCORD_TOKEN does not look like a bot token (letters, digits, '.', '_' and '-' only): "
                   f"copy it again from {PORTAL} (Bot → Reset Token) into .env.")
INTENT_MISSING = ("BOT_ANSWER_CHANNEL_IDS needs the Message Content intent: turn it on in the Developer "
                  f"Portal ({PORTAL} → Bot → Privileged Gateway Intents) or unset BOT_ANSWER_CHANNEL_IDS.")
SHARDING_REQUIRED = ("Discord requires this bot to be sharded (gateway close code 4011: it is in too many "
                     "servers for one connection): set BOT_SHARD_COUNT (and BOT_SHARD_IDS in each process).")
UNREACHABLE = "Could not reach Discord at {url} ({error}); check the network or DISCORD_API_BASE_URL."
GATEWAY_CLOSED = "The Discord gateway closed the connection (code {code}); check DISCORD_GATEWAY_URL."
LOAD_FAILED = "Could not load the answers index ({error}); see the log above."
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9._-]+")
_GATEWAY_AUTH_FAILED = 4004
_SHARDING_REQUIRED = 4011


class LoadFailed(Exception):
    """The answerer or the facts could not be loaded."""


def run_bot(settings: Settings) -> int:
    """Run the bot until stopped; 0 on a clean stop, 1 (with one line on stderr) when it cannot run."""
    return _main(settings, _serve)


def sync_commands(settings: Settings) -> int:
    """Register the slash commands now, whether or not they changed."""
    return _main(settings, _sync)


def _main(settings: Settings, job: Callable[[Settings], Awaitable[None]]) -> int:
    _setup_logging(settings.log_level)
    problem = _token_problem(settings.discord_token)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        asyncio.run(job(settings))
    except KeyboardInterrupt:
        return 0
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print(INTENT_MISSING, file=sys.stderr)
        return 1
    except discord.ConnectionClosed as exc:
        lines = {_GATEWAY_AUTH_FAILED: BAD_TOKEN, _SHARDING_REQUIRED: SHARDING_REQUIRED}
        print(lines.get(exc.code, GATEWAY_CLOSED.format(code=exc.code)), file=sys.stderr)
        return 1
    except LoadFailed as exc:
        if isinstance(exc.__cause__, (IndexUnavailable, *LOCAL_ERRORS)):
            raise exc.__cause__ from None  # the command line words it, with its own exit code
        print(LOAD_FAILED.format(error=exc), file=sys.stderr)
        return 1
    except LOCAL_ERRORS:
        raise  # a folder or file, not the network: the command line words it (bot/frontends/cli.py)
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound, discord.DiscordServerError) as exc:
        print(UNREACHABLE.format(url=settings.discord_api_base_url, error=type(exc).__name__),
              file=sys.stderr)
        return ExitCode.NETWORK
    return 0


def _token_problem(token: str | None) -> str | None:
    if not token:
        return NO_TOKEN
    if not _TOKEN_SHAPE.fullmatch(token):
        return MALFORMED_TOKEN
    return None


async def load_in_background(services: Services, settings: Settings) -> None:
    """Load the facts and the answerer in a worker thread and hand them to the services."""
    log.info("Loading the answers index…")
    try:
        loop = asyncio.get_running_loop()
        facts, answerer = await asyncio.to_thread(
            load_core, settings, lambda facts: loop.call_soon_threadsafe(services.facts.set, facts))
    except Exception as exc:
        if isinstance(exc, (IndexUnavailable, *LOCAL_ERRORS)):  # the operator's to fix: the line says how
            log.error("Loading the answers index failed: %s", exc)
        else:
            log.exception("Loading the answers index failed")
        services.facts.fail(exc)
        services.answers.answerer.fail(exc)
        raise LoadFailed(type(exc).__name__) from exc
    services.facts.set(facts)
    services.answers.use(answerer)
    log.info("Answers index loaded; answering")


async def _serve(settings: Settings) -> None:
    feedback = Feedback()  # the records are opened once the token is known good
    try:
        await _serve_with(settings, build_services(settings, store=feedback))
    finally:
        await feedback.close()  # what is queued is written first


async def _serve_with(settings: Settings, services: Services) -> None:
    stop = asyncio.Event()
    _stop_on_signals(stop)
    async with make_bot(services) as bot:
        await bot.login(settings.discord_token or "")
        services.store.use(await Records.open(settings))  # disabled, with one log line, if unusable
        connection = asyncio.create_task(bot.connect())
        loading = asyncio.create_task(load_in_background(services, settings))
        stopping = asyncio.create_task(stop.wait())
        pending = {connection, loading, stopping}
        try:
            while pending:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                if connection in done:
                    connection.result()  # the gateway ended: a clean close, or its one-line error
                    return
                if loading in done:
                    loading.result()  # a failed load ends the run with its one line
                if stopping in done:
                    await shut_down(bot, services)
                    with contextlib.suppress(asyncio.CancelledError):
                        await connection
                    return
        finally:
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)


async def shut_down(bot: discord.Client, services: Services) -> None:
    """Stop taking questions, let those in flight finish (or say "restarting"), then close."""
    log.info("Stopping: finishing the questions in flight (up to %.0f s)", services.settings.shutdown_grace_seconds)
    left = await services.answers.drain(services.settings.shutdown_grace_seconds)
    if left:
        log.info("Told %d unanswered question(s) that the bot is restarting", left)
    await bot.close()
    log.info("Stopped")


async def _sync(settings: Settings) -> None:
    services = build_services(settings)
    async with make_bot(services, sync_commands=False) as bot:
        await bot.login(settings.discord_token or "")
        count = await sync_all(bot, settings.discord_guild_id)
    where = f" and to guild {settings.discord_guild_id}" if settings.discord_guild_id else ""
    print(f"Synced {count} slash commands globally{where}.")


def _stop_on_signals(stop: asyncio.Event) -> None:
    """SIGTERM (a service manager, a container) and SIGINT (Ctrl-C) both shut down cleanly."""
    # Signal handlers exist only on Unix event loops, and only in the main thread.
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)


def _setup_logging(level: str) -> None:
    """discord.py's own log format, unless the caller (the CLI) already configured logging."""
    if not logging.getLogger().handlers:
        discord.utils.setup_logging(level=logging.getLevelNamesMapping().get(level, logging.INFO), root=True)
