"""Read a question the way a fan wrote it: shorthand spelt out, chatter dropped, typos mended, "it" resolved.

This runs once, before anything else looks at the question, so every later stage sees tidy words:
"just finished ep 5 omg who plays suhyuk" → "who plays suhyuk", "whos the directer" → "who is the
director", "when did it relase" → "when did All of Us Are Dead release". The shorthand is a reviewed
word list (bot/data/fan_words.txt); spelling is mended with symspellpy against the articles' own words
first (names included) and an English frequency list second, and only for words neither knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path

from symspellpy import SymSpell, Verbosity

from bot.answers.questions import PERSONAL_PRONOUN
from bot.knowledge.names import name_key, similar_keys

FAN_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "fan_words.txt"
SERIES = "{series}"
# Words this short are too ambiguous to mend (the list spells out the usual short forms).
MIN_MEND_LENGTH = 4
ENGLISH_LIST = "frequency_dictionary_en_82_765.txt"
# A word the articles don't know is mended towards one of this many most frequent English words.
ENGLISH_SPELLINGS = 30_000
# How many edits a word of a given length may need to be mended: one up to 5 letters, else two.
SHORT_WORD = 5
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")
# Chatter before a question ("just finished ep 5 omg 😍 who plays …") ends where a question word starts.
_QUESTION_WORD = r"who|whom|whose|what|when|where|which|why|how|whos|whats|wheres|whens|hows|wat|wen"
# A question word at the very end ("… at the end or what") is a tag, not where the question starts.
_QUESTION_START = re.compile(rf"\b(?:{_QUESTION_WORD})\b(?=\W+\w)", re.I)
_LEADING_QUESTION = re.compile(rf"^(?:{_QUESTION_WORD}|is|are|r|was|were|do|does|did|has|have|can|will|"
                               r"could|would|should)\b", re.I)
# A yes-or-no question's verb and its subject ("is it", "does my"): an aside may only follow them.
_ASKING_WITH_SUBJECT = re.compile(r"^(?:is|are|r|was|were|do|does|did|has|have|can|will|could|would|should)\s+\S+",
                                  re.I)
# A question that names nothing it asks about ("whos the actr") is about what the chatter before it named
# ("daesu was the funniest lol whos the actr"), as one pointing back with a pronoun is.
_BARE_ASK = re.compile(rf"^(?:{_QUESTION_WORD})(?:\s+(?:is|was|r|are))?\s+(?:the|their|his|her)\s+"
                       r"(?:act\w*|character|role|name|voice)\W*$", re.I)
# "That" near the start of a question is what was just said ("was that week one"), not the show ("that show").
_THAT = re.compile(r"^\W*(?:\w+\s+){0,2}(?:that|those)\b(?!\s+(?:show|series|drama|k-?drama|one)\b)", re.I)
# A question is split into segments at sentence ends and emoji; only those that ask are kept. An abbreviation
# ("the U.S. list") or a number after a full stop ("No. 1") ends no sentence.
_SEGMENT_BREAK = re.compile(r"(?<=[?!.])(?<![A-Z]\.[A-Z]\.)\s+(?!\d)|[\U0001F000-\U0001FFFF\u2600-\u27BF]+")
# Chatter after the question: a fan's aside ("… ngl shes the coolest", "… my gf keeps telling me …") runs from
# its marker to the end; "my" only opens one as its subject ("how do i change my profile pic" asks about it).
_CHATTER_AFTER = re.compile(r"\s+(?:lol|lmao|ngl|tbh|fr|omg|smh|imo|i'm|im|i've|ive|she's|shes|he's|hes|they're|theyre|"
                            r"my(?=\s+\w+(?:\s+\w+)?\s+(?:is|was|keeps?|says?|said|thinks?|told|tells|loves?|wants?)\b))"
                            r"\b.*$|"
                            # … or a clause after a comma that ends on such a marker (", they killed it ngl").
                            r",[^,?]*\b(?:lol|lmao|ngl|tbh|fr|omg|smh|imo)\W*$", re.I)
# What the fan was doing, before the question: "just finished ep 3 and …", "binged it all, …".
_OPENING_ASIDE = re.compile(r"^(?:(?:just|ok|okay|omg|so)\s+)*(?:finished|watched|binged|started|watching|binging)\b"
                            r"[^,]*?(?:,|\band\b)\s*", re.I)
# A position inside a sentence: after a word and a space, not after a sentence's end.
_INSIDE = re.compile(r"(?<=[\w,] )")
_CHATTER_OPENERS = re.compile(r"\b(?:just|omg|lol|wait|ok|okay|so|btw|idk|ngl|tbh|finished|watched|watching|"
                              r"binged|guys)\b", re.I)


def load_fan_words(path: Path = FAN_WORDS_FILE) -> dict[str, str]:
    """shorthand → meaning (empty: drop the word), from the reviewed file."""
    table: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0]
            if "=" in line:
                short, meaning = (part.strip() for part in line.split("=", 1))
                if short:
                    table[short.lower()] = meaning
    return table


class Normaliser:
    """Turns a fan's question into tidy English over the articles' own words."""

    def __init__(self, vocabulary: Counter[str], series: str | None,
                 fan_words: dict[str, str] | None = None, names: Iterable[str] = ()) -> None:
        table = load_fan_words() if fan_words is None else fan_words
        title = series or "the series"
        self._table = {k: v.replace(SERIES, title) for k, v in table.items()}
        alternatives = "|".join(re.escape(k) for k in sorted(self._table, key=len, reverse=True))
        # Not a letter of an abbreviation: the "U" of "U.S." is no "u".
        self._shorthand = (re.compile(rf"(?<![\w'/.-])(?:{alternatives})(?![\w'/-]|\.\w)", re.I)
                           if alternatives else None)
        self._articles = _symspell(vocabulary.items())
        # Given names as fans run them together ("suhyuk" for Su-hyeok) are left to the name matcher,
        # never "mended" into another word of the articles.
        self._name_keys = frozenset(_joined_key(n) for n in names)
        self._known = set(vocabulary) | set(self._table) | {w for v in self._table.values() for w in v.lower().split()}

    def normalise(self, text: str) -> str:
        """The question in tidy words (case kept where nothing changed: "US" is not "us")."""
        text = self._question_part(_fold_typography(text))
        # A word typed with a capital inside the sentence is a name as the fan spells it ("Joel Kurian").
        text = _TOKEN.sub(lambda m: m.group(0) if _INSIDE.match(text, m.start()) and m.group(0)[:1].isupper()
                          else self._mend(m.group(0)), text)
        if self._shorthand:
            text = self._shorthand.sub(lambda m: self._table[m.group(0).lower()], text)
        return " ".join(text.split())

    def _question_part(self, text: str) -> str:
        """Drop the chatter around the question: segments that ask nothing, an opener before the asking."""
        segments = [s.strip() for s in _SEGMENT_BREAK.split(text) if s and s.strip()]
        asks = [bool(s.endswith("?") or _LEADING_QUESTION.match(s) or _QUESTION_START.search(s)) for s in segments]
        if len(segments) > 1 and any(asks):
            # An asking segment that points back keeps the one before it ("yoo insoo is so creepy 💀 whats his …").
            pointed_at = [*(a and _points_back(s)
                            for a, s in zip(asks[1:], segments[1:], strict=True)), False]
            segments = [s for s, a, p in zip(segments, asks, pointed_at, strict=True) if a or p]
        kept = []
        for segment in segments:
            start = _QUESTION_START.search(segment) or _ASKING_WITH_SUBJECT.match(segment)
            if start:
                segment = (segment[:start.end()] + _CHATTER_AFTER.sub("", segment[start.end():], count=1)).rstrip(" ,;")
                if start.start() > 0 and _CHATTER_OPENERS.search(segment[:start.start()]) \
                        and not _points_back(segment[start.start():]):
                    segment = segment[start.start():]
            kept.append(_OPENING_ASIDE.sub("", segment, count=1))
        return " ".join(kept) if kept else text

    def _mend(self, typed: str) -> str:
        """The word itself if known; else the closest article word, else the closest English word."""
        if typed.lower().endswith("'s"):
            # Mend the owner, keep the possessive: "hu's" is Ji-hu's, not "hubs".
            return self._mend(typed[:-2]) + typed[-2:]
        word = typed.lower()
        if word in self._known or len(word) < MIN_MEND_LENGTH or any(ch.isdigit() for ch in word):
            return typed
        plain = word.replace("-", "")
        if plain in self._known or self._is_name(plain):
            return typed
        if is_english(word):
            return typed
        english = _english()[1]
        distance = 1 if len(word) <= SHORT_WORD else 2
        # English words get one edit only: an unknown name two edits from one ("gwinam") is not a typo of it.
        for speller, most in ((self._articles, distance), (english, 1)):
            found = speller.lookup(plain, Verbosity.CLOSEST, max_edit_distance=most)
            if found:
                # Among equally close words, one ending alike is likelier (directer: director, not directed).
                return min(found, key=lambda s: (s.distance, s.term[-1] != plain[-1], -s.count)).term
        return typed

    def _is_name(self, word: str) -> bool:
        key = _joined_key(word)
        return any(similar_keys(key, known) for known in self._name_keys)


def _points_back(asking: str) -> bool:
    """Whether a question needs what was said before it to say whom or what it is about ("124 million hours...
    was that week one or total")."""
    return bool(PERSONAL_PRONOUN.search(asking) or _BARE_ASK.match(asking) or _THAT.match(asking))


@cache
def _english() -> tuple[frozenset[str], SymSpell]:
    """Every word of symspellpy's English list, and a one-edit speller over its most frequent ones.

    Loaded once, at the first word the articles don't know (or by `load_english`): the whole list
    as a two-edit speller costs seconds and 140 MB, for corrections that only ever take one edit.
    """
    words: set[str] = set()
    speller = SymSpell(max_dictionary_edit_distance=1)
    with (files("symspellpy") / ENGLISH_LIST).open(encoding="utf-8") as lines:
        for line in lines:  # the list runs from the most frequent word down
            word, _, count = line.partition(" ")
            if len(words) < ENGLISH_SPELLINGS:
                speller.create_dictionary_entry(word, int(count))
            words.add(word)
    return frozenset(words), speller


def load_english() -> None:
    """Load the English list now: a long-running bot does it at start-up, so no fan's question
    waits the half second it takes (a one-off question from the command line may never need it)."""
    _english()


def is_english(word: str) -> bool:
    """Whether the word is in symspellpy's English list: a word, not a typo to mend into another."""
    return word in _english()[0]


def _joined_key(name: str) -> str:
    """A name's spelling-independent key with its parts run together, as fans type them."""
    return name_key(name).replace(" ", "")


def _fold_typography(text: str) -> str:
    """Accents and typographic quotes folded, case kept."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'").replace("‘", "'")


def _symspell(counts: Iterable[tuple[str, int]]) -> SymSpell:
    speller = SymSpell(max_dictionary_edit_distance=2)
    for word, count in counts:
        if len(word) >= MIN_MEND_LENGTH and not word.isdigit():
            speller.create_dictionary_entry(word, count)
    return speller
