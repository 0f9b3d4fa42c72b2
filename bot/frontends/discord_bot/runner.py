"""`python -m bot run` and `python -m bot sync`: start-up, shutdown, and one clear line on failure.

The order of start-up matters: log in first (it checks the token and syncs changed commands in
a fraction of a second), then load the answers index (several seconds), then open the gateway, so
that a bad token is reported at once and no question arrives before the bot can answer it.
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
from bot.frontends.discord_bot.client import AnswerBot
from bot.frontends.discord_bot.sync import sync_all
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
UNREACHABLE = "Could not reach Discord at {url} ({error}); check the network or DISCORD_API_BASE_URL."
GATEWAY_CLOSED = "The Discord gateway closed the connection (code {code}); check DISCORD_GATEWAY_URL."
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9._-]+")
_GATEWAY_AUTH_FAILED = 4004


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
        print(BAD_TOKEN if exc.code == _GATEWAY_AUTH_FAILED else GATEWAY_CLOSED.format(code=exc.code),
              file=sys.stderr)
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


async def _serve(settings: Settings) -> None:
    async with AnswerBot(settings) as client:
        _stop_on_sigterm(client)
        await client.login(settings.discord_token or "")
        from bot.answers.answerer import load_answerer  # heavy (torch, faiss): once the token is known good

        log.info("Loading the answers index…")
        client.use(await asyncio.to_thread(load_answerer, settings))
        await client.connect()


async def _sync(settings: Settings) -> None:
    async with AnswerBot(settings, sync_on_login=False) as client:
        await client.login(settings.discord_token or "")
        count = await sync_all(client)
    where = f" and to guild {settings.discord_guild_id}" if settings.discord_guild_id else ""
    print(f"Synced {count} slash commands globally{where}.")


def _stop_on_sigterm(client: AnswerBot) -> None:
    """Close cleanly (gateway and sessions) when a service manager or container stops the bot."""
    # Signal handlers exist only on Unix event loops, and only in the main thread.
    with contextlib.suppress(NotImplementedError, RuntimeError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM,
                                                      lambda: asyncio.ensure_future(client.close()))


def _setup_logging(level: str) -> None:
    """discord.py's own log format, unless the caller (the CLI) already configured logging."""
    if not logging.getLogger().handlers:
        discord.utils.setup_logging(level=logging.getLevelNamesMapping().get(level, logging.INFO), root=True)
