"""`/cast [name]`: the cast and crew, or one actor or character, with autocomplete over every name and
spelling the articles use (Park Ji-hu, Park Ji-hoo, Chung-San, Lomon, Park Solomon…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.frontends.discord_bot.facts import knowledge_of
from bot.frontends.discord_bot.paginator import send_pages
from bot.replies.cast import CHOICE_LIMIT, autocomplete_choices, cast_pages, lookup_pages

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot


def setup(client: AnswerBot) -> None:
    @client.tree.command(name="cast", description="Who plays whom in All of Us Are Dead, and who made it.")
    @app_commands.describe(name="An actor or a character, in any spelling, e.g. Cheong-san or Park Ji-hoo")
    @app_commands.check(client.fact_cooldown_check)
    async def cast(interaction: discord.Interaction,
                   name: app_commands.Range[str, 1, CHOICE_LIMIT] | None = None) -> None:
        facts = knowledge_of(client).cast
        if name is None:
            await send_pages(interaction, cast_pages(facts), ephemeral=False)
            return
        # A name the articles don't know gets a private "closest names" line, not a public post.
        await send_pages(interaction, lookup_pages(facts, name), ephemeral=facts.lookup(name) is None)

    @cast.autocomplete("name")
    async def cast_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        facts = knowledge_of(client).cast
        return [app_commands.Choice(name=label, value=value) for label, value in autocomplete_choices(facts, current)]
