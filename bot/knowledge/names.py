"""Korean names in their many romanizations: one comparable key per spelling, plus reviewed aliases.

Fans and outlets write the same name differently (Cheong-san / Chung-San, Ji-hu / Ji-hoo,
Jae-kyoo / Jae-Gyu, Hyosan / Hyozan, Chun Sung-il / Cheon Seong-il). Most variants come from a
few systematic choices of the romanization systems, so `name_key` undoes those choices; what no
rule can derive (a stage name, an English initial) lives in the reviewed alias file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

# Spelling choices that differ between Revised Romanization, McCune-Reischauer and informal use,
# applied in this order to a lower-case syllable.
_ROMANIZATION_RULES: tuple[tuple[str, str], ...] = (
    ("eo", "u"),  # Cheon / Chun, Seong / Sung, Hyeok / Hyuk
    ("oo", "u"),  # Ji-hoo / Ji-hu, Kyoo / Kyu
    ("ou", "u"),  # You-mi / Yu-mi, Young / Yung
    ("eu", "u"),  # Geun / Gun
    ("wo", "u"),  # Won / Un is rarer; keeps Kwon / Kun apart from Kon
    ("ee", "i"),  # Lee / Li
    ("sh", "s"),  # Shin / Sin
    ("k", "g"),  # Kyoo / Gyu, Kang / Gang
    ("z", "s"),  # Hyozan / Hyosan
)
_NON_LETTERS = re.compile(r"[^a-z]")
# How the articles write a Korean given name: capitalised syllables joined by a hyphen (Ji-hu, Nam-ra).
HYPHENATED_NAME = re.compile(r"\b[A-Z][a-z]+-[A-Za-z]+\b")


def syllable_key(syllable: str) -> str:
    """A spelling-independent form of one romanized syllable or word."""
    key = _NON_LETTERS.sub("", syllable.lower())
    for old, new in _ROMANIZATION_RULES:
        key = key.replace(old, new)
    return key


def name_key(name: str) -> str:
    """A spelling-independent form of a whole name: `Cheon Seong-il` and `Chun Sung-il` agree."""
    return " ".join(syllable_key(part) for part in re.split(r"[\s\-‐‑]+", name) if part)


def similar_keys(a: str, b: str, threshold: float = 0.85) -> bool:
    """Keys close enough to be the same name (Chan-young / Chang-Young differ by one letter)."""
    if a == b:
        return True
    if a.count(" ") != b.count(" "):
        return False
    return Levenshtein.normalized_similarity(a, b) >= threshold


@dataclass(frozen=True)
class AliasBook:
    """Groups of names that stand for one person although no spelling rule relates them."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def load(cls, path: Path) -> AliasBook:
        """Read the alias file: one person a line, names separated by "=", `#` starts a comment."""
        groups = []
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                names = tuple(part.strip() for part in line.split("#", 1)[0].split("=") if part.strip())
                if len(names) >= 2:
                    groups.append(names)
        return cls(tuple(groups))

    def variants(self, name: str) -> tuple[str, ...]:
        """Every alias of `name` (itself excluded); empty when it has none."""
        key = name_key(name)
        for group in self.groups:
            if any(similar_keys(key, name_key(other)) for other in group):
                return tuple(other for other in group if name_key(other) != key)
        return ()

    def mentioned_in(self, text: str) -> list[tuple[str, ...]]:
        """The alias groups any of whose names occur in `text`, spelling variants included."""
        text_key = f" {name_key(text)} "
        return [group for group in self.groups if any(f" {name_key(n)} " in text_key for n in group)]
