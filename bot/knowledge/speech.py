"""Who said what: quotes and reported speech attributed to their speaker at index time.

News articles name a speaker in full once ("It is helmed by Lee Jae-Gyu …") and then by surname
("… ," Lee said) or pronoun ("… ," she said). A question like "what did Park Ji-hu say about the
pandemic" needs the sentence whose speaker is Park Ji-hu, so each sentence that reports speech gets
the full name of its speaker: a surname resolves to the latest full name of the article that has
it, a pronoun to the speaker of the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SAYS = (r"(?:said|says|saying|told|added|explained|noted|stated|revealed|claimed|claiming|spoke|spoken|"
         r"quipped|quipping|tweeted|shared|admitted|recalled|hailed|praised|mentioned|mentioning|wrote|reported)")
# What an outlet published: "according to a report by Pinkvilla", "as per a report on Deadline".
_REPORT = r"(?:(?:a|an|the)\s+(?:\w+\s+)?(?:report|data|story|article|survey)\s+(?:by|from|in|on|of)\s+)?"
_MODAL = r"(?:(?:had|has|have|also|previously|once|then|later|recently)\s+){0,3}"
_PERSON = r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}"
_WHO = (rf"(?P<who>(?:a|one|another|many)\s+(?:[A-Za-z]+\s+){{0,2}}?(?:user|fan|viewer|critic)s?|"
        rf"{_PERSON}|she|he|they|another|many)")
# Where a sentence names its speaker, one row per form; the first that matches wins.
ATTRIBUTIONS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    rf"[,.!?][\"”’']\s*{_WHO}\s+{_MODAL}{_SAYS}\b",  # "… ," Lee said
    rf"^{_WHO}\s+{_MODAL}{_SAYS}\b",  # Park said the isolation …
    rf"\b(?:[Aa]ccording to|[Aa]s per) {_REPORT}{_WHO}",  # … according to Netflix's description, as per Deadline
    rf",\s*{_WHO}\s+{_MODAL}reported\b",  # …, Soompi reported
    rf"\bwith {_WHO}\s+{_SAYS}\b",  # … with one user quipping that …
))
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\b")
_PRONOUNS = frozenset({"she", "he", "they"})
_QUOTE_MARKS = frozenset("\"“")


def speaker_of(text: str) -> str | None:
    """The speaker a sentence names, as written ("Lee", "she", "a Twitter user"), if it reports speech."""
    for pattern in ATTRIBUTIONS:
        match = pattern.search(text)
        if match:
            who = match.group("who")
            return who
    return None


def attribute(texts: Sequence[str]) -> list[str | None]:
    """The resolved speaker of each sentence of one article, in order (None: not speech)."""
    speakers: list[str | None] = []
    names: list[str] = []  # full names in order of appearance
    last: str | None = None
    for text in texts:
        who = speaker_of(text)
        if who is None and text[:1] in _QUOTE_MARKS and speakers and speakers[-1] is not None:
            # A quotation straight after someone's words, unattributed, goes on with them.
            who = speakers[-1]
        elif who is not None and who.lower() in _PRONOUNS:
            who = last
        elif who is not None and " " not in who:
            who = next((n for n in reversed(names) if who in n.split()), who)
        names.extend(_FULL_NAME.findall(text))
        speakers.append(who)
        if who is not None:
            last = who
    return speakers
