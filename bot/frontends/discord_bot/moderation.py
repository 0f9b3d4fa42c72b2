"""`/report` and `/articles add|list|remove`: for members with Manage Server, answered privately.

Discord shows these commands only to members with Manage Server (`default_member_permissions`),
but a server's admins can change who sees them, so each use is checked here as well.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers.answerer import Answerer
from bot.answers.library import ArticleRejected, Library, check_size
from bot.frontends.discord_bot.feedback import Feedback
from bot.frontends.discord_bot.respond import notify, respond
from bot.frontends.discord_bot.services import Services, facts_of
from bot.records import RecordsUnavailable
from bot.records.report import build_report
from bot.replies.discord import escape_markdown
from bot.replies.moderation import (
    MANAGE_ONLY,
    REPORT_UNAVAILABLE,
    articles_embed,
    change_embed,
    rejected_line,
)
from bot.replies.report import report_embed

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
MANAGE_SERVER = discord.Permissions(manage_guild=True)
CHOICES = 25  # Discord's limit for autocomplete


class _ServicesSlot:
    """The library's view of the services: the answerer in use, and how a new one is put in (with its facts)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def current(self) -> Answerer | None:
        return self.services.answers.answerer.current  # type: ignore[return-value]

    def use(self, answerer: Answerer) -> None:
        self.services.answers.use(answerer)
        self.services.facts.set(facts_of(answerer))


async def _allowed(interaction: discord.Interaction) -> bool:
    if interaction.guild is not None and interaction.permissions.manage_guild:
        return True
    await notify(interaction, MANAGE_ONLY)
    return False


def setup(bot: commands.Bot, services: Services) -> None:
    library = Library(services.settings, _ServicesSlot(services))

    @bot.tree.command(name="report", description="What fans asked: answer rate, what the articles miss, "
                                                 "answers voted Not helpful.")
    @app_commands.default_permissions(manage_guild=True)  # in DMs `_allowed` refuses it
    @app_commands.describe(days=f"How many days back (default {DEFAULT_DAYS})")
    async def report(interaction: discord.Interaction,
                     days: app_commands.Range[int, 1, 3650] = DEFAULT_DAYS) -> None:
        if not await _allowed(interaction):
            return
        feedback = services.store
        if not isinstance(feedback, Feedback) or feedback.records is None:
            await notify(interaction, REPORT_UNAVAILABLE)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        answerer: Any = services.answers.answerer.current
        try:
            built = await build_report(feedback.records, days, getattr(answerer, "embedder", None))
        except RecordsUnavailable as exc:
            log.warning("/report: %s", exc)
            await notify(interaction, REPORT_UNAVAILABLE)
            return
        await respond(interaction, report_embed(built), ephemeral=True)

    articles = app_commands.Group(name="articles", description="Add, list or remove the articles I answer from.",
                                  default_permissions=MANAGE_SERVER, guild_only=True)

    @articles.command(name="add", description="Add a news article (a UTF-8 .txt file, at most 200 kB).")
    @app_commands.describe(file="The article as a .txt file")
    async def add(interaction: discord.Interaction, file: discord.Attachment) -> None:
        if not await _allowed(interaction):
            return
        try:
            check_size(file.filename, file.size)  # before downloading anything
        except ArticleRejected as exc:
            await notify(interaction, rejected_line("add", escape_markdown(str(exc))))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            data = await file.read()  # from the attachment's URL
            change = await library.add(file.filename, data)
        except ArticleRejected as exc:
            await notify(interaction, rejected_line("add", escape_markdown(str(exc))))
            return
        except discord.HTTPException as exc:
            log.warning("/articles add: could not download %s: %s", file.filename, exc)
            await notify(interaction, rejected_line("add", "the file could not be downloaded from Discord; "
                                                           "try again"))
            return
        await respond(interaction, change_embed(change, added=True), ephemeral=True)

    @articles.command(name="list", description="The articles I answer from, with their IDs.")
    async def list_(interaction: discord.Interaction) -> None:
        if not await _allowed(interaction):
            return
        try:
            known = library.articles()
        except ArticleRejected as exc:
            await notify(interaction, str(exc))
            return
        await respond(interaction, articles_embed(known), ephemeral=True)

    @articles.command(name="remove", description="Stop answering from one article.")
    @app_commands.describe(name="The article (start typing its title or ID)")
    async def remove(interaction: discord.Interaction, name: str) -> None:
        if not await _allowed(interaction):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            change = await library.remove(name)
        except ArticleRejected as exc:
            await notify(interaction, rejected_line("remove", escape_markdown(str(exc))))
            return
        await respond(interaction, change_embed(change, added=False), ephemeral=True)

    @remove.autocomplete("name")
    async def article_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            known = library.articles()
        except ArticleRejected:
            return []
        typed = current.casefold()
        return [app_commands.Choice(name=f"{a.label} ({a.source_id})"[:100], value=a.source_id)
                for a in known if typed in a.label.casefold() or typed in a.source_id.casefold()][:CHOICES]

    bot.tree.add_command(articles)
