"""A Previous/Next view over a list of embeds, for any reply too long for one (/sources, /ranking)."""

from __future__ import annotations

import contextlib
from typing import Any

import discord

from bot.frontends.discord_bot.respond import NO_MENTIONS, respond, to_embed

PAGE_TIMEOUT_SECONDS = 600.0  # well inside the 15 minutes an interaction token stays valid
Button = discord.ui.Button["Paginator"]


class Paginator(discord.ui.View):
    """Turns pages for the person who asked; the buttons are removed when it times out."""

    def __init__(self, pages: list[dict[str, Any]], owner_id: int,
                 timeout: float = PAGE_TIMEOUT_SECONDS) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.page = 0
        self.origin: discord.Interaction | None = None
        self._show_position()

    def _show_position(self) -> None:
        self.previous_page.disabled = self.page == 0
        self.next_page.disabled = self.page == len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the person who asked can turn these pages; ask me yourself to get your own copy.",
                ephemeral=True, allowed_mentions=NO_MENTIONS)
            return False
        return True

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + step))
        self._show_position()
        await interaction.response.edit_message(embed=to_embed(self.pages[self.page]), view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous_page(self, interaction: discord.Interaction, _button: Button) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next_page(self, interaction: discord.Interaction, _button: Button) -> None:
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        if self.origin is not None:
            # If the message is gone or the token expired there is nothing left to tidy.
            with contextlib.suppress(discord.HTTPException):
                await self.origin.edit_original_response(view=None)


async def send_pages(interaction: discord.Interaction, pages: list[dict[str, Any]], *,
                     ephemeral: bool) -> None:
    """One page as a plain reply; more with Previous/Next buttons."""
    if len(pages) == 1:
        await respond(interaction, pages[0], ephemeral=ephemeral)
        return
    view = Paginator(pages, owner_id=interaction.user.id)
    await respond(interaction, pages[0], ephemeral=ephemeral, view=view)
    view.origin = interaction
