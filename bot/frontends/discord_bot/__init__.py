"""The Discord front end: slash commands, mentions and replies, answered with quotes and citations.

`run_bot` and `sync_commands` are what `python -m bot run` and `python -m bot sync` call.
"""

from bot.frontends.discord_bot.runner import NO_TOKEN, run_bot, sync_commands

__all__ = ["NO_TOKEN", "run_bot", "sync_commands"]
