"""Discord replies as plain embed dicts, inside Discord's limits; the front end only wraps them.

This module must not import `discord`: everything below the front ends runs without it, and plain
dicts are what the tests compare with Discord's own schema anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.answers.model import Answer, Quote
from bot.knowledge.articles import Article
from bot.knowledge.ranking import Figure, Ranking
from bot.replies.wording import ASK_ME, about_line, citation_line, no_answer_message

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_LIMIT = 25
EMBEDS_TOTAL_LIMIT = 6000

ANSWER_COLOUR = 0xB3261E
NOTICE_COLOUR = 0x5F6368
CITATION_LABEL_LIMIT = 200  # one citation line must never crowd out the quotes
MAX_QUOTES = 10  # bounds the sources list, so the quotes always keep most of the 6000 characters
SOURCES_FIELD_NAME = "Sources"
SPOILER_FOOTER = "Spoilers are hidden: click a black bar to reveal it."

SLOW_DOWN_MESSAGE = "Slow down a little, please: you can ask again in {seconds} s."
ERROR_MESSAGE = "Sorry, something went wrong while answering. Please try again in a moment."
BUSY_MESSAGE = "I'm busy answering a lot of questions right now: please try again in a moment."
RESTARTING_MESSAGE = "The bot is restarting: please ask again in a minute."
REPEAT_MESSAGE = "You just asked me that: my answer is right above."

# Characters Discord reads as markdown anywhere in a line, or as the start of a mention, emoji,
# timestamp or masked link; a backslash in front of ASCII punctuation shows the character itself.
# (`#`, `>` and `-` only count at the start of a line, and every line here starts with our own text.)
_MARKDOWN = re.compile(r"([\\*_~`|<\[])")
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'\u201d\u2019)\]])\s+")  # closing quotes
ELLIPSIS = "…"


def escape_markdown(text: str) -> str:
    """Show `text` literally: no formatting, no spoiler break-out, no mention-looking `@everyone`."""
    return _MASS_MENTION.sub("@\u200b\\1", _MARKDOWN.sub(r"\\\1", text))


def trim_sentences(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a sentence boundary (at a word if one sentence
    is already too long), with `…` marking the cut."""
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_SPLIT.split(text):
        candidate = f"{kept} {sentence}" if kept else sentence
        if len(candidate) + len(ELLIPSIS) + 1 > limit:
            break
        kept = candidate
    if not kept:
        kept = text[: max(limit - len(ELLIPSIS), 0)].rsplit(" ", 1)[0]
        return (kept + ELLIPSIS)[:limit]
    return f"{kept} {ELLIPSIS}"


def embed_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6000 per message: title, description, field names and
    values, footer text and author name."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields") or ())
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def citation_markdown(number: int, label: str, date: str | None) -> str:
    """`[n] Title (date)` for an embed: markdown escaped, a very long title cut at a word."""
    label = escape_markdown(label)
    if len(label) > CITATION_LABEL_LIMIT:
        label = label[: CITATION_LABEL_LIMIT - 1].rsplit(" ", 1)[0] + ELLIPSIS
    return citation_line(number, label, date)


def pack_lines(lines: Sequence[str], limit: int) -> list[str]:
    """Join lines into as few chunks of at most `limit` characters as possible."""
    chunks: list[str] = []
    for line in lines:
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line[:limit])
    return chunks


def _sources_fields(answer: Answer) -> list[dict[str, Any]]:
    lines = [citation_markdown(n, q.label or q.title or q.source_id, q.date) for n, q in enumerate(answer.sources(), 1)]
    chunks = pack_lines(lines, FIELD_VALUE_LIMIT)
    return [{"name": SOURCES_FIELD_NAME if i == 0 else f"{SOURCES_FIELD_NAME} (cont.)", "value": chunk,
             "inline": False} for i, chunk in enumerate(chunks)]


def quote_line(number: int, text: str, spoiler: bool) -> str:
    quoted = f"“{escape_markdown(text)}”"
    return f"> {'||' + quoted + '||' if spoiler else quoted} [{number}]"


def _fit_quotes(quotes: Sequence[Quote], budget: int) -> list[Quote]:
    """The quotes whose lines fit in `budget` characters of description; the first that does not
    fit is trimmed at a sentence boundary (if it is the first of all, or enough room is left)."""
    kept: list[Quote] = []
    used = 0
    for quote in quotes:
        frame = len(quote_line(len(quotes), "", quote.spoiler)) + (2 if kept else 0)
        room = budget - used - frame
        if len(escape_markdown(quote.text)) <= room:
            kept.append(quote)
            used += frame + len(escape_markdown(quote.text))
            continue
        if room > 0 and (not kept or room >= 80):
            # Escaping only lengthens text, so trim the raw text until its escaped form fits.
            text = trim_sentences(quote.text, room)
            while len(escape_markdown(text)) > room:
                text = trim_sentences(text, len(text) - (len(escape_markdown(text)) - room))
            kept.append(replace(quote, text=text))
        break
    return kept


def answer_embed(answer: Answer) -> dict[str, Any]:
    """The embed for one answer: verbatim quotes with citation numbers, then the numbered sources.

    Quotes are dropped from the end (and the last kept one trimmed at a sentence boundary) until
    the whole embed fits Discord's limits; citation numbers follow the quotes that remain.
    """
    if not answer.answered:
        return {"description": no_answer_message(answer), "color": NOTICE_COLOUR}
    candidates = replace(answer, quotes=answer.quotes[:MAX_QUOTES])
    footer = {"text": SPOILER_FOOTER} if any(q.spoiler for q in candidates.quotes) else None
    title = escape_markdown(about_line(answer.about))[:TITLE_LIMIT] if answer.about else None
    fixed = embed_length({"title": title, "fields": _sources_fields(candidates), "footer": footer})
    kept = _fit_quotes(candidates.quotes, min(DESCRIPTION_LIMIT, EMBEDS_TOTAL_LIMIT - fixed))
    shown = replace(answer, quotes=tuple(kept))
    embed: dict[str, Any] = {
        "description": "\n\n".join(quote_line(shown.citation_number(q), q.text, q.spoiler) for q in kept),
        "color": ANSWER_COLOUR,
        "fields": _sources_fields(shown)[:FIELDS_LIMIT],
    }
    if title:
        embed["title"] = title
    if any(q.spoiler for q in kept):
        embed["footer"] = {"text": SPOILER_FOOTER}
    return embed


def notice_embed(text: str) -> dict[str, Any]:
    """A one-line embed for the bot's own notices (cooldown, errors)."""
    return {"description": text[:DESCRIPTION_LIMIT], "color": NOTICE_COLOUR}


# The figures fans come to /ranking for, one line each on its first page: (label, kind of figure,
# words its measure must contain, best first). The series' own figures only, the first that fits.
HEADLINES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Hours viewed", "hours", ("",)),
    ("Countries at No. 1", "countries", ("no. 1", "")),
    ("Days to No. 1", "time", ("no. 1",)),
    ("Rank", "chart_position", ("worldwide", "")),
)


def headline_figures(ranking: Ranking) -> list[tuple[str, Figure]]:
    """(label, figure) for each headline the articles give a figure of, in HEADLINES order."""
    picked = []
    for label, kind, wanted in HEADLINES:
        candidates = [f for f in ranking.figures if f.kind == kind and (f.show == ranking.series or not ranking.series)]
        match = next((f for words in wanted for f in candidates if words in f.measure.lower()), None)
        if match is not None:
            picked.append((label, match))
    return picked


def headline_line(label: str, figure: Figure, number: int) -> str:
    """`**Hours viewed:** more than 124 million hours (hours watched) [1]`."""
    return f"**{label}:** {escape_markdown(figure.value)} ({escape_markdown(figure.measure)}) [{number}]"


def slow_down_message(retry_after: float) -> str:
    return SLOW_DOWN_MESSAGE.format(seconds=max(1, round(retry_after)))


def embed_text(embed: dict[str, Any]) -> str:
    """An embed as plain message content, for channels where the bot may not embed links: the same
    lines (title, description, fields, footer), cut at a line to Discord's 2000 characters."""
    parts = [f"**{embed['title']}**"] if embed.get("title") else []
    parts += [embed["description"]] if embed.get("description") else []
    parts += [f"**{f['name']}**\n{f['value']}" for f in embed.get("fields") or ()]
    parts += [f"-# {embed['footer']['text']}"] if (embed.get("footer") or {}).get("text") else []
    text = "\n\n".join(parts)
    if len(text) <= CONTENT_LIMIT:
        return text
    kept = text[: CONTENT_LIMIT - len(ELLIPSIS) - 1].rsplit("\n", 1)[0]
    if kept.count("||") % 2:  # never leave a spoiler open
        kept = kept.rsplit("||", 1)[0]
    return f"{kept}\n{ELLIPSIS}"


def sources_pages(articles: Sequence[Article], per_page: int = 10) -> list[dict[str, Any]]:
    """The articles the bot knows, `per_page` to an embed, numbered across pages."""
    lines = [citation_line(n, escape_markdown(a.label), a.date) for n, a in enumerate(articles, 1)]
    if not lines:
        return [notice_embed("I don't have any articles yet.")]
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    embeds = []
    for number, page in enumerate(pages, 1):
        embed: dict[str, Any] = {
            "title": f"Articles I quote from ({len(articles)})",
            "description": "\n".join(page)[:DESCRIPTION_LIMIT],
            "color": ANSWER_COLOUR,
        }
        if len(pages) > 1:
            embed["footer"] = {"text": f"Page {number}/{len(pages)}"}
        embeds.append(embed)
    return embeds


def help_embed(commands: Sequence[tuple[str, str]], bot_mention: str | None) -> dict[str, Any]:
    """How to ask: the slash commands (name, description) and the mention/reply ways."""
    lines = [ASK_ME, ""]
    lines += [f"`/{name}` {description}" for name, description in commands]
    if bot_mention:
        lines += ["", f"You can also mention me ({bot_mention}) with a question, "
                      "or reply to one of my answers."]
    lines += ["", "I quote the articles word for word and number my sources; spoilers stay hidden "
                  "behind black bars until you click them."]
    return {"title": "How to ask me", "description": "\n".join(lines)[:DESCRIPTION_LIMIT],
            "color": ANSWER_COLOUR}
