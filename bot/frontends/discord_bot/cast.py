"""`/cast [name]`: the cast and crew, or one actor or character, with autocomplete over every name and
spelling the articles use (Park Ji-hu, Park Ji-hoo, Chung-San, Lomon, Park Solomon…). Reads the
stored facts only: it answers while the model is still loading, and is never throttled."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord_bot import paginator
from bot.frontends.discord_bot.services import Services
from bot.replies.cast import CHOICE_LIMIT, autocomplete_choices, cast_pages, lookup_pages


def setup(bot: commands.Bot, services: Services) -> None:
    @bot.tree.command(name="cast", description="Who plays whom in All of Us Are Dead, and who made it.")
    @app_commands.describe(name="An actor or a character, in any spelling, e.g. Cheong-san or Park Ji-hoo")
    async def cast(interaction: discord.Interaction,
                   name: app_commands.Range[str, 1, CHOICE_LIMIT] | None = None) -> None:
        facts = (await paginator.facts_for(interaction, services, ephemeral=False)).cast
        if name is None:
            await paginator.send_pages(interaction, "cast", cast_pages(facts), ephemeral=False)
            return
        # A name the articles don't know gets a private "closest names" line, not a public post.
        await paginator.send_pages(interaction, "person", lookup_pages(facts, name),
                                   ephemeral=facts.lookup(name) is None)

    @cast.autocomplete("name")
    async def cast_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        facts = services.facts.current
        if facts is None:
            return []  # still loading: no suggestions rather than a late answer
        return [app_commands.Choice(name=label, value=value)
                for label, value in autocomplete_choices(facts.cast, current)]

    async def whole_cast(interaction: discord.Interaction) -> paginator.Pages:
        return cast_pages((await services.facts.get()).cast)

    async def one_person(interaction: discord.Interaction) -> paginator.Pages:
        """The person of the clicked message: its title is the name the lookup matched."""
        embeds = interaction.message.embeds if interaction.message else []
        return lookup_pages((await services.facts.get()).cast, embeds[0].title or "" if embeds else "")

    paginator.register(bot, "cast", whole_cast)
    paginator.register(bot, "person", one_person)
