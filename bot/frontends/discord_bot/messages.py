"""Questions asked by message: mentions of the bot, replies to its answers, DMs, and (opt-in) every
message of the BOT_ANSWER_CHANNEL_IDS channels.

Discord shows the bot a message's text without the privileged Message Content intent only when the
message mentions it (a reply that keeps its "@ ping" on counts) or is a DM; reading every message of
a channel needs that intent, which the client requests only when such channels are configured.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.answers.model import Outcome
from bot.frontends.discord_bot.respond import reply_to
from bot.replies.discord import ERROR_MESSAGE, answer_embed, cooldown_message, notice_embed

if TYPE_CHECKING:
    from bot.frontends.discord_bot.client import AnswerBot

log = logging.getLogger(__name__)


def setup(client: AnswerBot) -> None:
    @client.event
    async def on_message(message: discord.Message) -> None:
        await answer_message(client, message)


def question_text(message: discord.Message, bot_id: int, role_id: int | None) -> str:
    """The message without the mentions that address the bot."""
    ids = str(bot_id) if role_id is None else f"{bot_id}|&{role_id}"
    return re.sub(rf"<@!?(?:{ids})>", " ", message.content).strip()


async def answer_message(client: AnswerBot, message: discord.Message) -> None:
    me = client.user
    if me is None or message.author.bot or message.webhook_id is not None:
        return
    role = message.guild.self_role if message.guild else None  # users often pick the bot's role
    mentioned = any(user.id == me.id for user in message.mentions) or (
        role is not None and role in message.role_mentions)
    replied_to = message.reference.resolved if message.reference else None
    replied = isinstance(replied_to, discord.Message) and replied_to.author.id == me.id
    addressed = mentioned or replied or isinstance(message.channel, discord.DMChannel)
    if not addressed and message.channel.id not in client.settings.answer_channel_ids:
        return
    question = question_text(message, me.id, role.id if role else None)
    if not question and not (message.content and mentioned):
        # Nothing to read: a reply without the ping carries no text unless the intent is on.
        return
    wait = client.cooldowns.hit(message.author.id)
    if wait > 0:
        if client.cooldowns.first_warning(message.author.id):
            await _reply_safely(message, notice_embed(cooldown_message(wait)))
        return
    try:
        answer = await client.answer(question)
    except Exception:
        log.exception("Answering message %s in channel %s failed", message.id, message.channel.id)
        await _reply_safely(message, notice_embed(ERROR_MESSAGE))
        return
    if answer.outcome is Outcome.NOT_A_QUESTION and not addressed:
        return  # chat in an answer channel ("thanks!") is not a question to decline
    await _reply_safely(message, answer_embed(answer))


async def _reply_safely(message: discord.Message, embed: dict[str, Any]) -> None:
    """Reply, logging (not raising) when Discord refuses, e.g. for a missing permission."""
    try:
        await reply_to(message, embed)
    except discord.HTTPException as exc:
        log.warning("Could not reply to message %s in channel %s: %s", message.id, message.channel.id, exc)

