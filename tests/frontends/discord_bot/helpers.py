"""Reading what the bot sent: the embed of a reply, its quotes, and whether they are verbatim."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from typing import Any

from bot.answers.model import Answer
from bot.frontends.discord_bot.answering import Answering
from bot.frontends.discord_bot.services import Facts, facts_of
from bot.knowledge.articles import Article, fold_ws
from bot.settings import PROJECT_ROOT
from tests.fake_discord import Call

EPHEMERAL = 1 << 6
_QUOTE_LINE = re.compile(r"^> (\|\|)?“(?P<text>.*)”(\|\|)? \[(?P<n>\d+)\]$")
_ESCAPE = re.compile(r"\\([^0-9A-Za-z\s])")


def message_body(call: Call) -> dict[str, Any]:
    """The message part of a request: the `data` of an interaction callback, else the body."""
    return call.body.get("data") or {} if call.path.endswith("/callback") else call.body


def embed_of(call: Call) -> dict[str, Any]:
    embeds = message_body(call)["embeds"]
    assert len(embeds) == 1
    return embeds[0]


def quotes_in(embed: dict[str, Any]) -> list[tuple[str, int]]:
    """(quote text as Discord shows it, citation number) for every quote line of an answer embed."""
    found = []
    for line in embed["description"].split("\n\n"):
        match = _QUOTE_LINE.match(line)
        assert match, f"not a quote line: {line!r}"
        found.append((unescape(match["text"]), int(match["n"])))
    return found


def unescape(text: str) -> str:
    """What Discord shows for markdown-escaped text."""
    return _ESCAPE.sub(r"\1", text)


def seed_texts() -> str:
    """All seed files' text, white space folded: a quote must appear in it verbatim."""
    seeds = PROJECT_ROOT / "seeds"
    return "\n".join(fold_ws(path.read_text(encoding="utf-8")) for path in sorted(seeds.glob("*.txt")))


@dataclass
class Slow:
    """The real answerer, made slow: for answers that miss the defer budget."""

    inner: Answering
    delay: float

    def ask(self, question: str) -> Answer:
        time.sleep(self.delay)
        return self.inner.ask(question)

    @property
    def articles(self) -> list[Article]:
        return list(self.inner.articles)


@dataclass
class Broken:
    """An answerer that fails, for the error paths (after `delay` seconds)."""

    inner: Answering
    delay: float = 0.0

    def ask(self, question: str) -> Answer:
        time.sleep(self.delay)
        raise RuntimeError("the index exploded")

    @property
    def articles(self) -> list[Article]:
        return list(self.inner.articles)


def many_articles(answerer: Any, times: int) -> Facts:
    """The real facts, with each article listed `times` over: enough for /sources to need pages."""
    facts = facts_of(answerer)
    return replace(facts, articles=list(facts.articles) * times)
