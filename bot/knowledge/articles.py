"""Parse seed files into articles: title, date and clean paragraphs, without page furniture.

Seed files are copies of web pages pasted as text, so besides the article they carry bylines,
image credits and captions, "Related:" links, tag and topic lists and comment prompts. None of
that may ever be quoted as an answer, so it is dropped here, once, by pattern rather than by file.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.knowledge.progress import stage
from bot.settings import DEFAULT_MAX_SEED_MB, MEGABYTE
from bot.text_input import clean_article

log = logging.getLogger(__name__)

SEED_SUFFIXES = {".txt", ".md"}
DEFAULT_MAX_SEED_BYTES = int(DEFAULT_MAX_SEED_MB * MEGABYTE)
_warned: set[tuple[str, str]] = set()

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
_SPOILER_MARKER = re.compile(r"^\W*(major\s+)?spoilers?(\s+(warning|alert|ahead))?\W*$", re.IGNORECASE)
# Labels a web page puts in front of furniture: "Tags: …", "Image: …", "Related: …".
_LABELLED_FURNITURE = re.compile(
    r"^(image|images|photo|photos|picture|pictures|credits?|source|tags?|topics|related|read more|"
    r"also read|read also|see also|last updated|updated|published|advertisement)\s*:",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(written|reported|posted|edited|story|words)?\s*by\b", re.IGNORECASE)
# Whole-line interface text of news sites; after the ones in _END the article is over.
_UI_TEXT = re.compile(
    r"^(expand image|advertisement|share( this( article)?)?|follow us.*|subscribe.*|"
    r"explore new topics.*|click here.*|view comments?|\d+ comments?)\W*$",
    re.IGNORECASE,
)
_END = re.compile(r"^(leave a (comment|reply)|this article'?s topics|comments?|you may also like)\W*$",
                  re.IGNORECASE)
_PHOTO_AGENCIES = re.compile(
    r"\b(pixabay|getty images|shutterstock|unsplash|pexels|wikimedia commons|instagram|"
    r"twitter|afp|reuters|yonhap)\W*$",
    re.IGNORECASE,
)
# Where a page states its outlet or date on a line of its own (that line is furniture, dropped after).
_OUTLET_LINES = (
    re.compile(r"^(?:publication|outlet|originally published (?:on|by|in|at))\s*:?\s+(?P<outlet>[A-Z].{1,60}?)\W*$",
               re.IGNORECASE),
    re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<outlet>[A-Z].{1,60}?)(?:[.,]?\s*all rights reserved.*|\.)?$",
               re.IGNORECASE),
)
_DATE_LINE = re.compile(r"^(?:(?:published|posted|updated|last updated|date)\s*(?:on\s*)?:?\s*)?"
                        r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})|"
                        r"\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)\]]*\s+[A-Z]")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    """One clean paragraph; `section` is the heading above it, `spoiler` set after a spoiler marker."""

    text: str
    spoiler: bool = False
    section: str | None = None


@dataclass(frozen=True)
class Article:
    """One seed file's article. `source_id` is the file name without extension (the whole name when
    two files share a stem; see `source_ids`)."""

    source_id: str
    title: str | None  # the headline: a heading above the article's first paragraph
    date: str | None
    paragraphs: tuple[Paragraph, ...]
    outlet: str | None = None  # the publication, where the page names it ("Publication: …", "© 2022 …")
    byline: str | None = None  # who wrote it, as the page prints it ("Written By Joel Kurian"): never a passage

    @property
    def author(self) -> str | None:
        """The name the byline prints, lower case ("Written By Joel Kurian": "joel kurian")."""
        return _BYLINE.sub("", self.byline or "", count=1).strip().lower() or None

    @property
    def label(self) -> str:
        """What a reader sees in a citation: the headline, else the opening words of the article, and the
        outlet when the page names it."""
        if self.title:
            name = self.title
        else:
            lead = self.paragraphs[0].text if self.paragraphs else self.source_id
            name = lead if len(lead) <= 70 else lead[:70].rsplit(" ", 1)[0] + "…"
        return f"{name} — {self.outlet}" if self.outlet else name


class SeedError(ValueError):
    """A seed file that cannot be read as an article (empty, binary, not UTF-8)."""


class NoSeeds(Exception):
    """No article to build an index from: the seeds folder is missing, unreadable or has no usable file."""


def fold_ws(text: str) -> str:
    """Collapse every run of white space (no-break spaces included) into one space."""
    return _WS.sub(" ", text).strip()


def _words(line: str) -> int:
    return len(line.split())


def _is_heading(line: str) -> bool:
    """A headline or sub-heading: short and not ending like a sentence (a question mark may end it)."""
    if _words(line) > 25 or _SENTENCE_INSIDE.search(line):
        return False
    return not _SENTENCE_END.search(line) or (line.endswith("?") and _words(line) <= 12)


def _is_caption(line: str) -> bool:
    """Short text under a picture: no sentence of its own, or ending in a photo agency's name."""
    return _words(line) <= 12 and (not _SENTENCE_END.search(line) or bool(_PHOTO_AGENCIES.search(line)))


def _is_byline(line: str) -> bool:
    return _words(line) <= 6 and bool(_BYLINE.match(line))


def _is_person_name(line: str) -> bool:
    """A byline's name line: two to four capitalised words and nothing else."""
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha()
                                        for w in words)


def _is_furniture(line: str, image_block: bool, after_byline: bool) -> bool:
    """Labels, interface text, a byline's name, and captions (in a block with an image credit)."""
    if _LABELLED_FURNITURE.match(line) or _UI_TEXT.match(line):
        return True
    if after_byline and _is_person_name(line):
        return True
    return _is_caption(line) and (image_block or bool(_PHOTO_AGENCIES.search(line)))


def _blocks(text: str) -> Iterator[list[str]]:
    """Groups of consecutive non-blank lines, each line with its white space folded."""
    block: list[str] = []
    for raw in text.splitlines():
        line = fold_ws(raw)
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def decode_seed(path: Path) -> str:
    """The cleaned text of a seed file (see bot.text_input), or SeedError saying why it is no article."""
    data = path.read_bytes()
    if not data.strip():
        raise SeedError("it is empty")
    if b"\x00" in data:
        raise SeedError("it is binary, not text")
    try:
        return clean_article(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SeedError(f"it is not UTF-8 text (byte {exc.start})") from None


def parse_article(source_id: str, text: str) -> Article:
    """Turn one seed file's text into an Article."""
    date = None
    match = _DATE_PREFIX.match(text)
    if match:
        date = match.group(1)
        text = text[match.end():]

    headings: list[str] = []
    paragraphs: list[Paragraph] = []
    spoiler = False
    section: str | None = None
    outlet: str | None = None
    byline: str | None = None
    for block in _blocks(text):
        image_block = any(_LABELLED_FURNITURE.match(line) or _UI_TEXT.match(line) for line in block)
        after_byline = False
        pending: list[str] = []
        for line in block:
            if _END.match(line):
                return _finish(source_id, date, headings, paragraphs, pending, spoiler, section, outlet, byline)
            if outlet is None and (outlet := _outlet(line)):
                continue
            if date is None and not paragraphs and not pending and (date := _date_line(line)):
                continue
            if _SPOILER_MARKER.match(line):
                spoiler = True
                continue
            is_byline = _is_byline(line)
            if is_byline or _is_furniture(line, image_block, after_byline):
                # The first byline is kept whole, its name on the same line ("By Jane Doe") or the next.
                if is_byline and byline is None:
                    byline = line
                elif after_byline and _is_person_name(line) and byline and _BYLINE.fullmatch(byline):
                    byline = f"{byline} {line}"
                after_byline = is_byline
                continue
            after_byline = False
            if _is_heading(line) and not pending and (len(block) == 1 or not paragraphs):
                if not paragraphs:  # a heading further down is a sub-heading, never the headline
                    headings.append(line)
                section = line
                continue
            # A line without an ending, followed by one that starts in lower case, is a hard wrap.
            if pending and not _SENTENCE_END.search(pending[-1]) and line[:1].islower():
                pending[-1] = f"{pending[-1]} {line}"
            else:
                pending.append(line)
        paragraphs.extend(Paragraph(p, spoiler, section) for p in pending)
    return _finish(source_id, date, headings, paragraphs, [], spoiler, section, outlet, byline)


def _finish(source_id: str, date: str | None, headings: list[str], paragraphs: list[Paragraph],
            pending: list[str], spoiler: bool, section: str | None, outlet: str | None,
            byline: str | None) -> Article:
    paragraphs = paragraphs + [Paragraph(p, spoiler, section) for p in pending]
    # A byline whose name never came ("Written By" alone) names no one.
    named = byline if byline and not _BYLINE.fullmatch(byline) else None
    return Article(source_id, headings[0] if headings else None, date, tuple(paragraphs), outlet, named)


def _outlet(line: str) -> str | None:
    """The publication a furniture line names ("Originally published in The Korea Times", "© 2022 Soompi");
    an image's "Source:" is the picture's, not the article's."""
    if _words(line) > 12:
        return None
    match = next((m for p in _OUTLET_LINES if (m := p.match(line))), None)
    return match.group("outlet").strip() if match else None


def _date_line(line: str) -> str | None:
    """The ISO date of a dateline above the article ("Published: January 30, 2022", "7 Feb 2022")."""
    match = _DATE_LINE.match(line)
    if not match or _words(line) > 8:
        return None
    raw = re.sub(r"[.,]", "", match.group("date"))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def seed_files(seeds_dir: Path, max_bytes: int = DEFAULT_MAX_SEED_BYTES) -> list[Path]:
    """The article files of a seeds folder, in a stable order; every other entry is skipped with a
    warning saying why (hidden files quietly). NoSeeds when the folder is missing or unreadable."""
    try:
        entries = sorted(seeds_dir.iterdir())
    except FileNotFoundError:
        raise NoSeeds(f"The seeds folder {seeds_dir} does not exist: create it and add article files "
                      "(.txt or .md), or set BOT_SEEDS_DIR.") from None
    except OSError as exc:
        raise NoSeeds(f"The seeds folder {seeds_dir} cannot be read ({exc.strerror}).") from None
    found = []
    for path in entries:
        problem = _skip_reason(path, max_bytes)
        if problem is None:
            found.append(path)
        elif problem:
            _warn_once(path, problem)
    return found


def _skip_reason(path: Path, max_bytes: int) -> str | None:
    """Why an entry of seeds/ is no seed file (empty string: skip without a word), or None."""
    if path.name.startswith("."):
        return ""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8; rename it"
    if path.is_symlink() and not path.exists():
        return "it is a broken link"
    if path.is_dir():
        return "it is a folder (seeds are not read from subfolders)"
    if not path.is_file():
        return "it is not a regular file (a pipe, socket or device)"
    if path.suffix.lower() not in SEED_SUFFIXES:
        return f"only {' and '.join(sorted(SEED_SUFFIXES))} files are read"
    size = path.stat().st_size
    if size > max_bytes:
        return (f"it is {size / MEGABYTE:.1f} MB, over the {max_bytes / MEGABYTE:g} MB limit "
                "(BOT_MAX_SEED_MB); split it or raise the limit")
    return None


def _warn_once(path: Path, problem: str) -> None:
    """Warn about a skipped entry once per process, though the seeds are listed at every check."""
    key = (str(path), problem)
    if key not in _warned:
        _warned.add(key)
        log.warning("Skipping %s: %s", printable_name(path), problem)


def printable_name(path: Path) -> str:
    """A path as it can be printed and logged, even when its name is not valid UTF-8."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def source_ids(paths: Iterable[Path]) -> dict[Path, str]:
    """Each seed file's source id: its name without extension, or its whole name when two files
    share that stem (dup.txt and dup.md), so a citation always names one file."""
    paths = list(paths)
    stems = Counter(p.stem for p in paths)
    return {p: p.stem if stems[p.stem] == 1 else p.name for p in paths}


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """Parse every readable seed; a bad one is skipped with a warning that names it. NoSeeds when
    no article is left, so an empty seeds/ is one clear message rather than an empty index."""
    articles = []
    ids = source_ids(paths)
    for path, source_id in ids.items():
        try:
            article = parse_article(source_id, decode_seed(path))
        except (SeedError, OSError) as exc:
            log.warning("Skipping seed file %s: %s", printable_name(path), exc)
            continue
        if not article.paragraphs:
            log.warning("Skipping seed file %s: no article text left after cleaning", printable_name(path))
            continue
        articles.append(article)
        stage("reading seeds", sum(len(a.paragraphs) for a in articles))
    if not articles:
        where = f" in {next(iter(ids)).parent}" if ids else ""
        raise NoSeeds(f"No usable article files{where}: add UTF-8 .txt or .md files to the seeds folder "
                      "(BOT_SEEDS_DIR), then run `python -m bot index`.")
    return articles
