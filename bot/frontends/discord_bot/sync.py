"""Registering the slash commands with Discord: compare with what Discord has, write only the difference.

After READY, in the background, the bot fetches its registered commands (`GET …/commands`,
`CommandTree.fetch_commands`), compares them field by field with its own tree and `PUT`s the set
only when they differ. Nothing is stored locally: commands deleted or changed on Discord's side (a
reset application, another deploy) are registered again at the next start. A failed or rate-limited
sync is logged and retried a few times without holding up answering; a guild the bot may not write
commands to (403) is logged once. `python -m bot sync` writes the set unconditionally.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

log = logging.getLogger(__name__)

RETRY_DELAYS = (2.0, 10.0, 60.0)  # seconds before each new attempt after a failed sync
# The fields Discord keeps for a command and an option, with the value it assumes when one is left out.
COMMAND_FIELDS: Mapping[str, Any] = {
    "type": 1, "name": None, "description": "", "name_localizations": {}, "description_localizations": {},
    "default_member_permissions": None, "nsfw": False, "options": []}
OPTIONAL_COMMAND_FIELDS = ("contexts", "integration_types")  # compared only when the bot sets them
OPTION_FIELDS: Mapping[str, Any] = {
    "type": None, "name": None, "description": "", "name_localizations": {}, "description_localizations": {},
    "required": False, "choices": [], "channel_types": [], "min_value": None, "max_value": None,
    "min_length": None, "max_length": None, "autocomplete": False, "options": []}


def _normal(data: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """`data` reduced to `fields`, defaults filled in and options normalised the same way."""
    result = {}
    for key, default in fields.items():
        value = data.get(key)
        value = default if value is None or value == {} or value == [] else value
        if key == "options":
            value = [_normal(option, OPTION_FIELDS) for option in value]
        elif key == "choices":
            value = [{"name": c["name"], "value": c["value"]} for c in value]
        elif key == "default_member_permissions" and value is not None:
            value = str(value)
        result[key] = value
    return result


def normal_command(data: Mapping[str, Any], optional: Sequence[str] = ()) -> dict[str, Any]:
    normal = _normal(data, COMMAND_FIELDS)
    for key in optional:
        normal[key] = sorted(data.get(key) or [])
    return normal


def remote_dict(command: app_commands.AppCommand) -> dict[str, Any]:
    """A fetched command as Discord describes it (AppCommand.to_dict leaves out two fields)."""
    permissions = command.default_member_permissions
    return {**command.to_dict(), "nsfw": command.nsfw,
            "default_member_permissions": None if permissions is None else permissions.value}


def differences(local: Sequence[Mapping[str, Any]], remote: Sequence[Mapping[str, Any]]) -> list[str]:
    """What differs between the bot's commands and Discord's, one line each (empty: in sync)."""
    mine = {c["name"]: c for c in local}
    theirs = {c["name"]: c for c in remote}
    lines = [f"/{name} is missing on Discord" for name in mine.keys() - theirs.keys()]
    lines += [f"/{name} is on Discord but no longer in the bot" for name in theirs.keys() - mine.keys()]
    for name in sorted(mine.keys() & theirs.keys()):
        optional = [k for k in OPTIONAL_COMMAND_FIELDS if mine[name].get(k) is not None]
        a, b = normal_command(mine[name], optional), normal_command(theirs[name], optional)
        lines += [f"/{name}: {key} differs" for key in a if a[key] != b[key]]
    return sorted(lines)


async def sync_scope(bot: commands.Bot, guild: discord.abc.Snowflake | None) -> bool:
    """Fetch, compare, PUT when different. True when a PUT was made."""
    tree = bot.tree
    local = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
    remote = [remote_dict(command) for command in await tree.fetch_commands(guild=guild)]
    where = f"guild {guild.id}" if guild else "globally"
    changes = differences(local, remote)
    if not changes:
        log.info("Slash commands %s are up to date on Discord", where)
        return False
    log.info("Syncing %d slash commands %s: %s", len(local), where, "; ".join(changes))
    await tree.sync(guild=guild)
    return True


async def sync_in_background(bot: commands.Bot, guild_id: int | None) -> None:
    """Sync globally and, with DISCORD_GUILD_ID, to that guild; retried on failure, never raised."""
    scopes: list[discord.abc.Snowflake | None] = [None]
    if guild_id is not None:
        guild = discord.Object(id=guild_id)
        bot.tree.copy_global_to(guild=guild)
        scopes.append(guild)
    for scope in scopes:
        for attempt, delay in enumerate((*RETRY_DELAYS, None)):
            try:
                await sync_scope(bot, scope)
                break
            except discord.Forbidden as exc:
                where = f"guild {scope.id}" if scope else "the application"
                log.warning("Not allowed to register slash commands in %s (%s); not trying again", where, exc)
                break
            except (discord.HTTPException, OSError) as exc:
                if delay is None:
                    log.warning("Could not sync the slash commands after %d attempts (%s); the bot runs on "
                                "with the commands Discord has", attempt + 1, exc)
                    break
                log.warning("Could not sync the slash commands (%s); trying again in %.0f s", exc, delay)
                await asyncio.sleep(delay)


async def sync_all(bot: commands.Bot, guild_id: int | None) -> int:
    """`python -m bot sync`: write the commands globally (and to the guild) now. Returns how many."""
    synced = await bot.tree.sync()
    if guild_id is not None:
        guild = discord.Object(id=guild_id)
        bot.tree.copy_global_to(guild=guild)
        await bot.tree.sync(guild=guild)
    return len(synced)
