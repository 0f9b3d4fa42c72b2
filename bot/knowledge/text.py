"""Words for lexical matching: the same tokens for articles and questions, spelling variants folded."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

from bot.knowledge.names import syllable_key
from bot.knowledge.wordlists import MONTHS, NUMBER_WORDS

# Words that carry no topic in a fan's question, on top of English function words.
QUESTION_FILLER = frozenset(
    "tell know please say said name called anyone anybody someone somebody also get gets getting got ever exactly "
    "keep keeps kept keeping alongside "
    "many much would could like us happen happens happened make makes made else yet ok okay pls plz "
    "spoiler spoilers something anything stuff making thing things seen saw somewhere besides "
    "eventually actually really".split()
)
# Fans' shorthand for seasons and episodes: s2 is season 2, ep3 is episode 3.
_SHORTHAND = ((re.compile(r"\bs(\d{1,2})\b", re.I), r"season \1"),
              (re.compile(r"\beps?(\d{1,3})\b", re.I), r"episode \1"))
# Country abbreviations, matched case-sensitively so the pronoun "us" stays a stopword.
_COUNTRIES = ((re.compile(r"\bU\.S\.A?\.?|\bUSA?\b|\bUnited States\b"), " usa "),
              (re.compile(r"\bU\.K\.?|\bUK\b|\bUnited Kingdom\b"), " uk "))
STOPWORDS = frozenset(STOPWORDS_EN_PLUS) | QUESTION_FILLER
_MONTH = "(?:" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + ")"
# A number beside a month is its day ("January 28", "28 Jan"), never a count ("its first 28 days"): the month
# stands for the date.
DAY_OF_MONTH = re.compile(rf"\b(?P<month>{_MONTH})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b|"
                          rf"\b(?P<before>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<after>{_MONTH})\b", re.I)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STEMMER = snowballstemmer.stemmer("english")
# A number written as a word meets its figure ("twelve episodes", "12 episodes"); "a" stays a stopword.
_NUMBER_WORDS = {w: str(n) for w, n in NUMBER_WORDS.items() if len(w) > 2 and n <= 20}
# Stems this long that begin another stem are one word family: direct/director, creat/creator.
MIN_FAMILY_PREFIX = 5


def fold_accents(text: str) -> str:
    """Lower case without accents or typographic quotes, so `Café’s` reads as `cafe's`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").lower()


def words(text: str) -> list[str]:
    """The plain words of a text, lower case, possessive `'s` dropped.

    A hyphenated word gives its parts and the parts joined, so `Cheong-san`, `cheong san` and
    `cheongsan` all meet.
    """
    for pattern, replacement in (*_COUNTRIES, *_SHORTHAND):
        text = pattern.sub(replacement, text)
    text = DAY_OF_MONTH.sub(lambda m: m["month"] or m["after"], text)
    found = []
    for word in _WORD.findall(re.sub(r"'s\b", "", fold_accents(text))):
        parts = word.split("-")
        found.extend(parts)
        if len(parts) > 1:
            found.append("".join(parts))
    return found


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """One word's matching form: stemmed, then romanization-folded (Hyozan and Hyosan meet)."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return syllable_key(_STEMMER.stemWord(word)) or word


def same_family(a: str, b: str) -> bool:
    """Derivations the stemmer leaves apart: `directors` and `directed`, `Twitter` and `Twitteratis`."""
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_FAMILY_PREFIX and long.startswith(short)


class Thesaurus:
    """Groups of interchangeable words, from a reviewed file (see bot/data/synonyms.txt)."""

    def __init__(self, groups: list[frozenset[str]], spellings: frozenset[str] = frozenset()) -> None:
        self.words = spellings  # the words as written in the file, for mending typos
        self._groups_of: dict[str, set[int]] = {}
        for number, group in enumerate(groups):
            for member in group:
                self._groups_of.setdefault(member, set()).add(number)

    @classmethod
    def load(cls, path: Path) -> Thesaurus:
        groups = []
        spellings: set[str] = set()
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                line_words = words(line.split("#", 1)[0])
                members = frozenset(term(w) for w in line_words)
                if len(members) > 1:
                    groups.append(members)
                    spellings.update(line_words)
        return cls(groups, frozenset(spellings))

    def related(self, a: str, b: str) -> bool:
        return bool(self._groups_of.get(a, set()) & self._groups_of.get(b, set()))


def terms(text: str) -> list[str]:
    """The content terms of a text, in order, repeats kept (BM25 counts them)."""
    return [term(w) for w in words(text) if w not in STOPWORDS]
