"""What moderators and voters read: vote acknowledgements, article changes, the article list.

Plain text and embed dicts, no `discord` import (see bot/replies/discord.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.answers.library import Change
from bot.knowledge.articles import Article
from bot.records import VoteResult
from bot.replies.discord import (
    DESCRIPTION_LIMIT,
    FIELD_VALUE_LIMIT,
    NOTICE_COLOUR,
    escape_markdown,
    pack_lines,
)
from bot.replies.wording import citation_line

HELPFUL, NOT_HELPFUL = "Helpful", "Not helpful"

VOTE_LINES = {
    VoteResult.RECORDED: "Thanks: your vote ({vote}) is counted. The moderators read these.",
    VoteResult.CHANGED: "Changed: your vote is now {vote}.",
    VoteResult.SAME: "You already voted {vote} on this answer; it still counts once.",
    VoteResult.FORGOTTEN: "That answer is too old for me to remember, so I can't take a vote on it. "
                          "Ask again and vote on the new answer!",
    VoteResult.DISABLED: "Sorry, votes can't be recorded right now. The moderators have been told in the log.",
}
REPORT_UNAVAILABLE = "The report isn't available: the bot's database can't be read right now (see the bot's log)."
MANAGE_ONLY = "Only members with the Manage Server permission can use this."


def vote_line(result: VoteResult, helpful: bool) -> str:
    return VOTE_LINES[result].format(vote=HELPFUL if helpful else NOT_HELPFUL)


def rejected_line(action: str, reason: str) -> str:
    """`I couldn't add the article: it is empty.`"""
    return f"I couldn't {action} the article: {reason}."


def change_embed(change: Change, *, added: bool) -> dict[str, Any]:
    """The private summary after `/articles add` or `/articles remove`."""
    title = escape_markdown(change.title or change.source_id)
    lines = [f"**{title}**" + (f" ({change.date})" if change.date else ""),
             f"ID `{change.source_id}`, {change.paragraphs} paragraphs.",
             f"I now answer from {change.articles} articles."]
    embed: dict[str, Any] = {"title": "Article added" if added else "Article removed",
                             "description": "\n".join(lines)[:DESCRIPTION_LIMIT], "color": NOTICE_COLOUR}
    if added:
        facts = [f"• {escape_markdown(fact)}" for fact in change.new_facts] or ["none"]
        embed["fields"] = [{"name": "New cast, crew and chart facts", "value": pack_lines(facts, FIELD_VALUE_LIMIT)[0],
                            "inline": False}]
    return embed


def articles_embed(articles: Sequence[Article]) -> dict[str, Any]:
    """The articles with the IDs `/articles remove` takes (the description is cut at Discord's limit)."""
    lines = [f"{citation_line(n, escape_markdown(a.label), a.date)} — `{a.source_id}`"
             for n, a in enumerate(articles, 1)]
    description = pack_lines(lines, DESCRIPTION_LIMIT)[0] if lines else "No articles yet."
    return {"title": f"{len(articles)} articles", "description": description, "color": NOTICE_COLOUR}
