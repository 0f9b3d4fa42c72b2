"""Previous/Next buttons over a reply too long for one embed (/sources, /ranking, /cast), that keep
working after a restart.

A button's `custom_id` says everything needed to turn the page: which listing, who may turn it and
the page it leads to (`pages:ranking:<user id>:2:n`). discord.py routes clicks on such IDs to
`PageButton` (a `discord.ui.DynamicItem`) whether or not this process sent the message, and the
listing is built again from the stored facts, so nothing is kept in memory between clicks.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.frontends.discord_bot.respond import NO_MENTIONS, defer_budget, respond, to_embed, too_late
from bot.frontends.discord_bot.services import Facts, Services

Pages = list[dict[str, Any]]
# Builds a listing again when a button is clicked (the clicked message says e.g. whose cast it was).
Source = Callable[[discord.Interaction], Awaitable[Pages]]
NOT_YOURS = "Only the person who asked can turn these pages; ask me yourself to get your own copy."

_sources: weakref.WeakKeyDictionary[discord.Client, dict[str, Source]] = weakref.WeakKeyDictionary()


def register(client: discord.Client, kind: str, source: Source) -> None:
    """Let `kind` listings of `client` be paged; the first registration adds the button handler."""
    if client not in _sources:
        _sources[client] = {}
        client.add_dynamic_items(PageButton)
    _sources[client][kind] = source


class PageButton(discord.ui.DynamicItem[discord.ui.Button], template=r"pages:(?P<kind>\w+):(?P<owner>\d+):"
                                                                        r"(?P<page>\d+):(?P<way>[pn])"):
    """Previous (`p`) or Next (`n`), leading to `page` of the `kind` listing of user `owner`."""

    def __init__(self, kind: str, owner: int, page: int, way: str, *, disabled: bool = False) -> None:
        label, emoji = ("Previous", "◀️") if way == "p" else ("Next", "▶️")
        super().__init__(discord.ui.Button(label=label, emoji=emoji, style=discord.ButtonStyle.secondary,
                                           custom_id=f"pages:{kind}:{owner}:{page}:{way}", disabled=disabled))
        self.kind, self.owner, self.page = kind, owner, page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: Any) -> PageButton:
        return cls(match["kind"], int(match["owner"]), int(match["page"]), match["way"])

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if too_late(interaction):
            return False
        if interaction.user.id != self.owner:
            await interaction.response.send_message(NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return False
        return True

    async def callback(self, interaction: discord.Interaction) -> None:
        source = _sources.get(interaction.client, {}).get(self.kind)
        if source is None:
            raise LookupError(f"no listing called {self.kind!r} is registered")
        job = asyncio.ensure_future(source(interaction))
        done, _ = await asyncio.wait({job}, timeout=defer_budget(interaction))
        if not done:  # the facts are still loading: take the click, turn the page when they are there
            await interaction.response.defer()
        pages = await job
        page = min(self.page, len(pages) - 1)
        update = {"embed": to_embed(pages[page]), "view": buttons(self.kind, self.owner, page, len(pages))}
        if interaction.response.is_done():
            await interaction.edit_original_response(**update)
        else:
            await interaction.response.edit_message(**update)


def buttons(kind: str, owner: int, page: int, total: int) -> discord.ui.View | None:
    """Previous/Next for `page` (from 0) of `total`; None when there is one page."""
    if total <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(kind, owner, max(page - 1, 0), "p", disabled=page == 0))
    view.add_item(PageButton(kind, owner, min(page + 1, total - 1), "n", disabled=page == total - 1))
    return view


async def facts_for(interaction: discord.Interaction, services: Services, *, ephemeral: bool) -> Facts:
    """The stored facts; while they still load, "thinking…" first, within Discord's 3 s."""
    if not services.facts.ready:
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    return await services.facts.get()


async def send_pages(interaction: discord.Interaction, kind: str, pages: Pages, *, ephemeral: bool) -> None:
    """Page 1, with buttons when there are more."""
    view = buttons(kind, interaction.user.id, 0, len(pages))
    await respond(interaction, pages[0], ephemeral=ephemeral, view=view)
