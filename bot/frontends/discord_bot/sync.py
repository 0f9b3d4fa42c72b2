"""Registering the slash commands with Discord, only when they changed.

Discord rate-limits command registration hard, so start-up compares a hash of what a sync would
send with the one stored after the last successful sync, and skips an unchanged set.
`python -m bot sync` forces one. The stored state also remembers which guild got copies of the
commands, so that unsetting DISCORD_GUILD_ID removes them there instead of leaving duplicates.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import discord

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot

log = logging.getLogger(__name__)

STATE_FILE = "discord_commands.json"


def state_path(client: AnswerBot) -> Path:
    return client.settings.index_dir / STATE_FILE


def _stored(client: AnswerBot) -> dict[str, Any]:
    try:
        state = json.loads(state_path(client).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def commands_hash(client: AnswerBot) -> str:
    """What a sync would send, and where to: the commands, the application and the guild."""
    payload = {
        "application_id": client.application_id,
        "guild_id": client.settings.discord_guild_id,
        "commands": [command.to_dict(client.tree) for command in client.tree.get_commands()],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


async def sync_all(client: AnswerBot) -> int:
    """Sync globally and, with DISCORD_GUILD_ID, to that guild too (instant there); remove the
    copies from a guild synced before but no longer configured. Returns the number of commands."""
    previous_guild = _stored(client).get("guild_id")
    synced = await client.tree.sync()
    guild_id = client.settings.discord_guild_id
    if guild_id is not None:
        guild = discord.Object(id=guild_id)
        client.tree.copy_global_to(guild=guild)
        await client.tree.sync(guild=guild)
    if isinstance(previous_guild, int) and previous_guild != guild_id:
        old = discord.Object(id=previous_guild)
        client.tree.clear_commands(guild=old)
        await client.tree.sync(guild=old)
        log.info("Removed the slash commands' copies from guild %s", previous_guild)
    path = state_path(client)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {"hash": commands_hash(client), "guild_id": guild_id}
    path.write_text(json.dumps(state) + "\n", encoding="utf-8")
    return len(synced)


async def sync_if_changed(client: AnswerBot) -> bool:
    """Sync when the command set differs from the last one synced. A failed sync is logged and
    retried at the next start; the bot runs on with the commands Discord already has."""
    if _stored(client).get("hash") == commands_hash(client):
        log.info("Slash commands unchanged since the last sync; not syncing")
        return False
    try:
        count = await sync_all(client)
    except discord.HTTPException as exc:
        log.warning("Could not sync the slash commands (%s); will try again at the next start", exc)
        return False
    guild_id = client.settings.discord_guild_id
    log.info("Synced %d slash commands globally%s", count, f" and to guild {guild_id}" if guild_id else "")
    return True
