"""Questions asked by message: mentions of the bot, replies to its answers, DMs, (opt-in) every
message of the BOT_ANSWER_CHANNEL_IDS channels and of the threads and forum posts under them, and
questions edited within a minute (the bot edits its answer).

Discord shows the bot a message's text without the privileged Message Content intent only when the
message mentions it (a reply that keeps its "@ ping" on counts) or is a DM; reading every message of
a channel needs that intent, which the client requests only when such channels are configured.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass

import discord
from discord.ext import commands

from bot.answers.model import Answer, Outcome
from bot.frontends.discord_bot import questions
from bot.frontends.discord_bot.respond import Voice, edit_reply, reply_to, voice_in
from bot.frontends.discord_bot.services import Services
from bot.records import Asked
from bot.replies.discord import answer_embed, notice_embed

log = logging.getLogger(__name__)

EDIT_WINDOW_SECONDS = 60.0  # an edited question is answered again within this long of being asked
REMEMBERED_REPLIES = 1000  # recent answers kept to be edited


def question_text(message: discord.Message, bot_id: int, role_id: int | None) -> str:
    """The message without the mentions that address the bot."""
    ids = str(bot_id) if role_id is None else f"{bot_id}|&{role_id}"
    return re.sub(rf"<@!?(?:{ids})>", " ", message.content).strip()


def in_answer_channel(channel: discord.abc.Messageable, answer_channels: frozenset[int]) -> bool:
    """The channel is an answer channel, or a thread or forum post under one."""
    parent = getattr(channel, "parent_id", None)
    return getattr(channel, "id", None) in answer_channels or (parent is not None and parent in answer_channels)


@dataclass
class MessageEdge:
    """A question asked by message: everything is a reply in place (so a notice is sent once per
    flood, not once per message), or the edit of the earlier answer when the question was edited."""

    message: discord.Message
    voice: Voice
    addressed: bool
    replies: OrderedDict[int, discord.Message]
    silent_channels: set[int]  # channels where the bot may not send, already logged

    @property
    def user_id(self) -> int:
        return self.message.author.id

    def defer_budget(self) -> float | None:
        return None  # a message has no deadline; Discord shows nothing while the bot works

    async def thinking(self) -> None:
        """Never called: there is no deadline to defer for."""

    async def notice(self, text: str, *, repeat: bool = False) -> None:
        if not repeat:  # the same question twice in a row: the answer is right there already
            await self._send(notice_embed(text))

    async def quiet(self) -> None:
        """Nothing to acknowledge for a message."""

    async def answer(self, answer: Answer, view: discord.ui.View | None = None) -> None:
        if answer.outcome is Outcome.NOT_A_QUESTION and not self.addressed:
            return  # chat in an answer channel ("thanks!") is not a question to decline
        await self._send(answer_embed(answer), view)

    @property
    def asked(self) -> Asked:
        via = "reply" if self.message.reference else "mention" if self.addressed else "channel"
        return Asked(via, self.message.guild.id if self.message.guild else None, self.message.channel.id,
                     self.user_id)

    async def _send(self, embed: dict, view: discord.ui.View | None = None) -> None:
        """Reply (or edit the earlier reply), logging rather than raising when Discord refuses;
        silent (logged once per channel) where the bot may not send."""
        channel_id = self.message.channel.id
        if not self.voice.send:
            if channel_id not in self.silent_channels:
                self.silent_channels.add(channel_id)
                log.warning("Not answering in channel %s: the bot lacks the Send Messages permission there", channel_id)
            return
        earlier = self.replies.get(self.message.id)
        try:
            if earlier is not None:
                await edit_reply(earlier, embed, self.voice, view)
                return
            sent = await reply_to(self.message, embed, self.voice, view)
        except discord.HTTPException as exc:
            log.warning("Could not reply to message %s in channel %s: %s", self.message.id,
                        self.message.channel.id, exc)
            return
        self.replies[self.message.id] = sent
        while len(self.replies) > REMEMBERED_REPLIES:
            self.replies.popitem(last=False)


def setup(bot: commands.Bot, services: Services) -> None:
    replies: OrderedDict[int, discord.Message] = OrderedDict()
    silent_channels: set[int] = set()

    async def answer_message(message: discord.Message, *, edited: bool = False) -> None:
        me = bot.user
        if me is None or message.author.bot or message.webhook_id is not None:
            return
        role = message.guild.self_role if message.guild else None  # users often pick the bot's role
        mentioned = any(user.id == me.id for user in message.mentions) or (
            role is not None and role in message.role_mentions)
        replied_to = message.reference.resolved if message.reference else None
        replied = isinstance(replied_to, discord.Message) and replied_to.author.id == me.id
        addressed = mentioned or replied or isinstance(message.channel, discord.DMChannel)
        if not addressed and not in_answer_channel(message.channel, services.settings.answer_channel_ids):
            return
        question = question_text(message, me.id, role.id if role else None)
        if not question and not (message.content and mentioned):
            # Nothing to read: a reply without the ping carries no text unless the intent is on.
            return
        if edited and message.id not in replies:
            return  # an edit of a message the bot did not answer, or answered too long ago
        voice = voice_in(message.channel, message.guild.me if message.guild else None)
        await questions.ask(services, MessageEdge(message, voice, addressed, replies, silent_channels), question)

    async def on_message(message: discord.Message) -> None:
        await answer_message(message)

    async def on_raw_message_edit(payload: discord.RawMessageUpdateEvent) -> None:
        message = payload.message
        if "content" not in payload.data or message.edited_at is None:
            return  # an embed being resolved, not the author's edit
        if (message.edited_at - message.created_at).total_seconds() > EDIT_WINDOW_SECONDS:
            return
        await answer_message(message, edited=True)

    bot.add_listener(on_message)
    bot.add_listener(on_raw_message_edit)
