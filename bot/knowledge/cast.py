"""Who is who, read from the articles: actors and their characters, the rest of the cast, and the crew.

Nothing here is typed in by hand. At index time the sentences are read for the patterns news
articles use to name people:

- role pairs: "Actor (Character)", "Actor as Character", "Actor plays Character";
- cast lists: "stars A, B and C", "the cast includes A (X), B (Y)";
- crew: "directed/helmed/created/written/produced by A and B", "A penned…", "Creator A",
  "A (also serving) as showrunner", "the webtoon … by A".

The same person is written many ways (Park Ji-hu / Park Ji-hoo / Park Ji-Hu, Lomon / Park Solomon),
so spellings are merged by the romanization-aware keys of bot.knowledge.names, by fuzzy matching of
those keys, and by the reviewed alias file for what no rule can derive. Every fact keeps the
sentences it came from; where articles credit different people with one job (who "created" the
series), each article's version is kept with its sources rather than one being picked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.knowledge.articles import Article
from bot.knowledge.facts import Citation, unique_citations
from bot.knowledge.names import AliasBook, name_key, similar_keys
from bot.knowledge.passages import Sentence
from bot.knowledge.subjects import Series, Works, about_series
from bot.knowledge.text import STOPWORDS

# One word of a name: "Park", "Ji-hu", "Chan-young", "Yi-Hyun"; or initials: "JQ", "JTBC".
_WORD = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*|[A-Z]{2,4})"
NAME = rf"{_WORD}(?:[ \t]{_WORD}){{0,2}}"
# Words that credit a job, as verbs ("helmed by") and as nouns ("Creator X", "X as writer").
JOB_WORDS = {
    "created": "creator", "co-created": "creator", "directed": "director", "co-directed": "director",
    "helmed": "director", "written": "writer", "wrote": "writer", "penned": "writer", "co-written": "writer",
    "produced": "producer", "creator": "creator", "director": "director", "writer": "writer",
    "screenwriter": "writer", "showrunner": "showrunner", "producer": "producer",
}
# Jobs in the order a credits list reads (the original work first would bury the makers).
JOB_ORDER = ("creator", "director", "writer", "showrunner", "original author", "studio", "producer")
_VERB = "created|co-created|directed|co-directed|helmed|written|co-written|produced"
_ACTIVE_VERB = "directed|helmed|wrote|penned|created|co-created|co-directed"
_NOUN = "screenwriter|showrunner|creator|director|producer|writer"
_PLAYS = r"(?:as|plays|played|portrays|portrayed|stars\s+as|starred\s+as)"

# One table per fact kind: (label, pattern). Groups: `actor`/`character` for a pair; `name` for one
# person, or none when a list of names follows the match; `job` (job words) and `kind` (an original's).
PAIR_RULES = (
    ("actor (character)", re.compile(rf"(?P<actor>{NAME}),?\s*\((?P<character>{NAME})\)")),
    # "Cho Yi-hyun, who plays the resident Jang Yoon-bok": up to two words describing the character.
    ("actor plays character", re.compile(rf"(?P<actor>{NAME}),?\s+(?:who\s+)?{_PLAYS}\s+"
                                         rf"(?:the\s+(?:[a-z]+\s+){{1,2}})?(?P<character>{NAME})")),
    ("character, played by actor", re.compile(rf"(?P<character>{NAME}),?\s+(?:played|portrayed)\s+by\s+"
                                              rf"(?P<actor>{NAME})")),
)
CAST_RULES = (
    ("stars …", re.compile(r"\b(?:stars|starring|co-stars)\s+")),
    ("the cast includes …", re.compile(r"\bcast\s+(?:includes?|including|members\s+include|is|are)\s+|\bcast:\s+",
                                       re.IGNORECASE)),
)
CREW_RULES = (
    ("directed by …", re.compile(rf"\b(?P<job>(?i:{_VERB})(?:\s*(?:,|and)\s*(?i:{_VERB}))*)\s+by\s+")),
    ("A directed", re.compile(rf"(?P<name>{NAME})\s+(?:also\s+|has\s+|had\s+)?(?P<job>{_ACTIVE_VERB})\b")),
    ("Director A", re.compile(rf"\b(?i:(?P<job>{_NOUN}))s?\s+(?P<name>{NAME})")),
    ("A as director", re.compile(rf"(?P<name>{NAME})\s+(?:also\s+)?(?:(?:serving|serves|served|working|works|"
                                 rf"worked)\s+)?as\s+(?:the\s+|its\s+|a\s+|an\s+)?(?P<job>{_NOUN})\b")),
    ("webtoon by A", re.compile(rf"\b(?P<kind>webtoon|web\s?comic|comic|manhwa|manga|novel|book)\b[^.;()]{{0,80}}?"
                                rf"\bby\s+(?P<name>{NAME})")),
)
_ITEM = re.compile(rf"(?:and\s+)?(?P<name>{NAME})(?:,?\s*\((?P<role>{NAME})\))?")
_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# Words that make a credited name a company rather than a person.
_COMPANY = re.compile(r"\b(?:Studios?|Pictures|Entertainment|Media|Films?|Productions?|Company|Networks?|"
                      r"Broadcasting|Group|Inc|Ltd)\b")
# A crew member is named in full ("Lee JQ", "Kim Nam-su"); one word alone ("General", "Yeon") is a
# title or a part of a name. Actors may go by one name (Lomon).
MIN_CREW_WORDS = 2
# Fuzzy matching of a name someone typed (for lookups and suggestions, not for merging).
LOOKUP_SIMILARITY = 0.85
SUGGESTION_CUTOFF = 75
MIN_FUZZY_KEY = 4  # a shorter fragment matches too much to rank fuzzily


@dataclass(frozen=True)
class Role:
    """A character a person plays, with the sentences that say so."""

    character: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Job:
    """A job a person or company did on the series, with the sentences that say so."""

    job: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Person:
    """One person (or studio), however the articles spell them."""

    name: str
    variants: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    jobs: tuple[Job, ...] = ()
    in_cast: bool = False
    citations: tuple[Citation, ...] = ()  # every sentence that names them

    @property
    def short_forms(self) -> tuple[str, ...]:
        return _given_names((self.name, *self.variants))


@dataclass(frozen=True)
class Character:
    """A character of the series and who plays them."""

    name: str
    variants: tuple[str, ...]
    played_by: tuple[str, ...]
    pairs: tuple[Citation, ...] = ()  # the sentences pairing them with an actor
    citations: tuple[Citation, ...] = ()  # every sentence that names them

    @property
    def short_forms(self) -> tuple[str, ...]:
        return _given_names((self.name, *self.variants))


@dataclass(frozen=True)
class Version:
    """The people one or more articles credit with a job."""

    names: tuple[str, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Credit:
    """A job and who did it; more than one version when the articles disagree."""

    job: str
    versions: tuple[Version, ...]

    @property
    def agreed(self) -> bool:
        return len(self.versions) == 1


Entry = Person | Character


@dataclass(frozen=True)
class Match:
    """A name found for a query: the entry, and the spelling of it that matched."""

    entry: Entry
    spelling: str


@dataclass(frozen=True)
class Cast:
    """Everyone the articles name in the making of the series."""

    series: str | None
    people: tuple[Person, ...]
    characters: tuple[Character, ...]
    credits: tuple[Credit, ...]

    @property
    def cast(self) -> list[Person]:
        return [p for p in self.people if p.in_cast]

    @property
    def crew(self) -> list[Person]:
        return [p for p in self.people if p.jobs]

    @cached_property
    def spellings(self) -> list[tuple[str, Entry]]:
        """Every name, variant and (unambiguous) given name, with the entry it stands for."""
        found: list[tuple[str, Entry]] = []
        for entry in (*self.people, *self.characters):
            found.extend((name, entry) for name in (entry.name, *entry.variants, *entry.short_forms))
        return found

    def lookup(self, query: str) -> Match | None:
        """The person or character `query` names, tolerant of spelling, spacing and typos; a last name
        alone ("Solomon") is enough when only one person has it."""
        key = name_key(query)
        if not key:
            return None
        compact = key.replace(" ", "")
        exact = next((Match(e, s) for s, e in self.spellings if s.casefold() == query.strip().casefold()), None)
        if exact:
            return exact
        best: tuple[float, Match] | None = None
        for spelling, entry in self.spellings:
            other = name_key(spelling)
            if other == key or other.replace(" ", "") == compact:
                return Match(entry, spelling)
            score = Levenshtein.normalized_similarity(compact, other.replace(" ", ""))
            if (similar_keys(key, other) or score >= LOOKUP_SIMILARITY) and (best is None or score > best[0]):
                best = (score, Match(entry, spelling))
        if best:
            return best[1]
        by_word = {id(e): Match(e, s) for s, e in self.spellings if name_key(s.split()[-1]) == key}
        return next(iter(by_word.values())) if len(by_word) == 1 else None

    def suggest(self, query: str, limit: int = 25) -> list[Match]:
        """Names for a partly typed query, best first: those with a word starting so, then fuzzy matches."""
        if not query.strip():
            return [Match(entry, entry.name) for entry in self._entries()][:limit]
        typed = query.strip().casefold()
        key = name_key(query)
        scored: dict[int, tuple[float, Match]] = {}
        for spelling, entry in self.spellings:
            words = spelling.casefold().replace("-", " ").split()
            if spelling.casefold().startswith(typed):
                score = 300.0
            elif any(w.startswith(typed) for w in words):
                score = 200.0
            elif len(key.replace(" ", "")) >= MIN_FUZZY_KEY:
                score = fuzz.WRatio(key, name_key(spelling))
                if score < SUGGESTION_CUTOFF:
                    continue
            else:
                continue
            ident = id(entry)
            if ident not in scored or score > scored[ident][0]:  # full names come before given names
                scored[ident] = (score, Match(entry, spelling))
        return [m for _, m in sorted(scored.values(), key=lambda s: -s[0])][:limit]

    def closest(self, query: str, limit: int = 5) -> list[str]:
        """The names nearest to one that matched nothing (by any spelling of them), for "did you mean"."""
        scored = process.extract(name_key(query), [name_key(s) for s, _ in self.spellings], scorer=fuzz.WRatio,
                                 limit=None)
        names = dict.fromkeys(self.spellings[index][1].name for _, _, index in scored)
        return list(names)[:limit]

    def _entries(self) -> Iterator[Entry]:
        yield from self.cast
        yield from self.characters
        yield from (p for p in self.people if not p.in_cast)

    def to_dict(self) -> dict[str, Any]:
        return {"series": self.series, "people": [_person_dict(p) for p in self.people],
                "characters": [_character_dict(c) for c in self.characters],
                "credits": [{"job": c.job, "versions": [{"names": list(v.names), "citations": _cites(v.citations)}
                                                       for v in c.versions]} for c in self.credits]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cast:
        people = tuple(Person(p["name"], tuple(p["variants"]),
                              tuple(Role(r["character"], _citations(r["citations"])) for r in p["roles"]),
                              tuple(Job(j["job"], _citations(j["citations"])) for j in p["jobs"]),
                              p["in_cast"], _citations(p["citations"])) for p in data["people"])
        characters = tuple(Character(c["name"], tuple(c["variants"]), tuple(c["played_by"]),
                                     _citations(c["pairs"]), _citations(c["citations"])) for c in data["characters"])
        credits = tuple(Credit(c["job"], tuple(Version(tuple(v["names"]), _citations(v["citations"]))
                                               for v in c["versions"])) for c in data["credits"])
        return cls(data["series"], people, characters, credits)


def _cites(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [vars(c).copy() for c in citations]


def _citations(data: Iterable[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation.from_dict(c) for c in data)


def _person_dict(p: Person) -> dict[str, Any]:
    return {"name": p.name, "variants": list(p.variants), "in_cast": p.in_cast,
            "roles": [{"character": r.character, "citations": _cites(r.citations)} for r in p.roles],
            "jobs": [{"job": j.job, "citations": _cites(j.citations)} for j in p.jobs],
            "citations": _cites(p.citations)}


def _character_dict(c: Character) -> dict[str, Any]:
    return {"name": c.name, "variants": list(c.variants), "played_by": list(c.played_by),
            "pairs": _cites(c.pairs), "citations": _cites(c.citations)}


def _given_names(names: Iterable[str]) -> tuple[str, ...]:
    """The hyphenated given names of full names ("On-jo" of "Nam On-jo"): how articles name characters."""
    return tuple(dict.fromkeys(n.split()[-1] for n in names if len(n.split()) > 1 and "-" in n.split()[-1]))


def is_name(text: str) -> bool:
    """A capitalised phrase that can be a name: not a sentence word such as "The", "She", "After"."""
    words = text.split()
    return bool(words) and words[0].casefold() not in STOPWORDS


# ----- extraction ---------------------------------------------------------------------------------


@dataclass
class _Found:
    """Spellings seen in one role, with the sentences where they were seen."""

    kind: str  # "person" or "character"
    spelling: str
    sentence: Sentence


@dataclass
class _Facts:
    """Raw facts of the articles, by spelling, before spellings are merged into people. Every match of
    every rule table goes through `accept`; a fact already read from its sentence is not added twice."""

    works: Works
    names: list[_Found] = field(default_factory=list)
    pairs: list[tuple[str, str, Sentence]] = field(default_factory=list)  # actor, character
    cast: list[tuple[str, Sentence]] = field(default_factory=list)
    jobs: list[tuple[str, str, Sentence]] = field(default_factory=list)  # name, job
    _seen: set[tuple[str, ...]] = field(default_factory=set)

    def accept(self, kind: str, sentence: Sentence, at: int, *names: str, min_words: int = 1) -> bool:
        """The one gate of every fact: read where the sentence speaks of this series (not in "her role in
        Squid Game, where she played …"), of names shaped like names, once per sentence by folded name."""
        if not self.works.is_series(self.works.work_at(sentence.text, at, None)):
            return False
        if not all(_name_shaped(n, min_words) for n in names):
            return False
        key = (kind, str(sentence.id), *(name_key(n) for n in names))
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def person(self, spelling: str, sentence: Sentence) -> None:
        self.names.append(_Found("person", spelling, sentence))

    def character(self, spelling: str, sentence: Sentence) -> None:
        self.names.append(_Found("character", spelling, sentence))

    def pair(self, actor: str, character: str, sentence: Sentence, at: int) -> None:
        if self.accept("pair", sentence, at, actor, character):
            self.pairs.append((actor, character, sentence))
            self.person(actor, sentence)
            self.character(character, sentence)

    def member(self, name: str, sentence: Sentence, at: int) -> None:
        if self.accept("cast", sentence, at, name):
            self.cast.append((name, sentence))
            self.person(name, sentence)

    def credit(self, name: str, job: str, sentence: Sentence, at: int) -> None:
        if job == "producer" and _COMPANY.search(name):
            job = "studio"
        if self.accept(job, sentence, at, name, min_words=MIN_CREW_WORDS):
            self.jobs.append((name, job, sentence))
            self.person(name, sentence)


def _name_shaped(name: str, min_words: int) -> bool:
    """A name, not a sentence word ("The"), a job ("Writer Yeon") or a lone word where a full name is due."""
    words = name.split()
    return is_name(name) and len(words) >= min_words and not any(w.casefold() in JOB_WORDS for w in words)


def _names_list(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(position, name) of a list of names beginning at `start`: "A (X), B and C"."""
    position = start
    while True:
        item = _ITEM.match(text, position)
        if not item or not is_name(item.group("name")):
            return
        yield item.start("name"), item.group("name")
        separator = _SEPARATOR.match(text, item.end())
        if not separator:
            return
        position = separator.end()


def _read(sentence: Sentence, facts: _Facts) -> None:
    """Every rule of every table over one sentence."""
    text = sentence.text
    for _label, pattern in PAIR_RULES:
        for m in pattern.finditer(text):
            facts.pair(m.group("actor"), m.group("character"), sentence, m.start())
    for _label, pattern in CAST_RULES:
        for m in pattern.finditer(text):
            for at, name in _names_list(text, m.end()):
                facts.member(name, sentence, at)
    for _label, pattern in CREW_RULES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if groups.get("kind"):
                jobs = {f"original {' '.join(m.group('kind').casefold().split())} author"}
            else:
                jobs = {JOB_WORDS[w.casefold()] for w in re.findall(r"[\w-]+", m.group("job"))
                        if w.casefold() in JOB_WORDS}
            named = [(m.start("name"), m.group("name"))] if groups.get("name") else _names_list(text, m.end())
            for at, name in named:
                for job in sorted(jobs):
                    facts.credit(name, job, sentence, at)


# ----- merging spellings into people --------------------------------------------------------------


class _Groups:
    """Union-find over spellings of one kind (people or characters)."""

    def __init__(self, spellings: Sequence[str], seen_in: dict[str, set[int]], aliases: AliasBook) -> None:
        self.parent = {s: s for s in spellings}
        keys = {s: name_key(s) for s in spellings}
        for i, a in enumerate(spellings):
            for b in spellings[i + 1:]:
                same_key = keys[a] == keys[b]
                # Two names in one sentence are two people, however alike (a cast list never repeats one).
                alike = similar_keys(keys[a], keys[b]) and not seen_in[a] & seen_in[b]
                if same_key or alike or any(keys[b] == name_key(v) for v in aliases.variants(a)):
                    self.union(a, b)

    def find(self, s: str) -> str:
        while self.parent[s] != s:
            self.parent[s] = self.parent[self.parent[s]]
            s = self.parent[s]
        return s

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for s in self.parent:
            found[self.find(s)].append(s)
        return list(found.values())


def _canonical(spellings: list[str], in_pairs: Counter[str], seen: Counter[str], order: dict[str, int]) -> str:
    """The spelling the cast list with roles uses, else the most used one, else the first seen."""
    return max(spellings, key=lambda s: (in_pairs[s], seen[s], -order[s]))


@dataclass(eq=False)  # one entity per person: compared and hashed by identity
class _Entity:
    kind: str
    name: str
    spellings: list[str]
    aliases: tuple[str, ...] = ()
    citations: list[Citation] = field(default_factory=list)
    mention_spellings: list[str] = field(default_factory=list)

    @property
    def variants(self) -> tuple[str, ...]:
        found = [*self.spellings, *self.mention_spellings, *self.aliases]
        return tuple(dict.fromkeys(s for s in found if s != self.name))


def _entities(facts: _Facts, aliases: AliasBook) -> dict[tuple[str, str], _Entity]:
    """(kind, spelling) → the entity that spelling belongs to, spellings merged per kind."""
    in_pairs: Counter[str] = Counter(a for a, _, _ in facts.pairs) + Counter(c for _, c, _ in facts.pairs)
    seen: Counter[str] = Counter()
    seen_in: dict[str, set[int]] = defaultdict(set)
    order: dict[str, int] = {}
    for found in facts.names:
        if found.sentence.id not in seen_in[found.spelling]:
            seen[found.spelling] += 1
        seen_in[found.spelling].add(found.sentence.id)
        order.setdefault(found.spelling, len(order))
    result: dict[tuple[str, str], _Entity] = {}
    for kind in ("person", "character"):
        spellings = list(dict.fromkeys(f.spelling for f in facts.names if f.kind == kind))
        for group in _Groups(spellings, seen_in, aliases).groups():
            group.sort(key=order.__getitem__)
            name = _canonical(group, in_pairs, seen, order)
            alias_names = tuple(a for s in group for a in aliases.variants(s)
                                if all(name_key(a) != name_key(g) for g in group))
            entity = _Entity(kind, name, group, tuple(dict.fromkeys(alias_names)))
            for spelling in group:
                result[(kind, spelling)] = entity
    return result


def _mentions(entities: Iterable[_Entity], articles: dict[str, Article], sentences: Sequence[Sentence]) -> None:
    """Add to each entity every sentence naming it by any spelling, or by its given name alone when no
    one else has that given name ("Chung-San" for Lee Cheong-san), and the spellings seen doing so."""
    forms: list[tuple[str, _Entity]] = []
    given: dict[str, list[_Entity]] = defaultdict(list)
    for entity in entities:
        names = (entity.name, *entity.variants)
        forms.extend((name_key(n), entity) for n in names)
        for short in _given_names(names):
            if entity not in given[name_key(short)]:
                given[name_key(short)].append(entity)
    forms.extend((key, owners[0]) for key, owners in given.items() if len(owners) == 1)
    index = _FormIndex(forms)
    for sentence in sentences:
        for spelling, entity in _named_in(sentence.text, index):
            citation = Citation.of(articles[sentence.source_id], sentence)
            if citation not in entity.citations:
                entity.citations.append(citation)
            if spelling != entity.name and spelling not in entity.variants:
                entity.mention_spellings.append(spelling)


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)(?:[ \t]+[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)*")


class _FormIndex:
    """Name keys to entities: exact keys in a dict, fuzzy candidates bucketed by shape and surname."""

    def __init__(self, forms: list[tuple[str, _Entity]]) -> None:
        self.exact: dict[str, _Entity] = {}
        self.buckets: dict[tuple[int, str], list[tuple[str, _Entity]]] = defaultdict(list)
        for key, entity in forms:
            self.exact.setdefault(key, entity)
            self.buckets[(key.count(" "), key.split(" ")[0])].append((key, entity))

    def find(self, key: str) -> _Entity | None:
        if key in self.exact:
            return self.exact[key]
        if " " not in key:
            return None
        bucket = self.buckets.get((key.count(" "), key.split(" ")[0]), [])
        return next((e for k, e in bucket if similar_keys(k, key)), None)


def _named_in(text: str, forms: _FormIndex) -> Iterator[tuple[str, _Entity]]:
    """(spelling, entity) for every name in `text`, longest first, without overlaps."""
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group(0).split()
        taken = [False] * len(words)
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                if any(taken[start:start + size]):
                    continue
                spelling = " ".join(words[start:start + size])
                entity = forms.find(name_key(spelling))
                if entity is not None:
                    taken[start:start + size] = [True] * size
                    yield spelling, entity


def build_cast(articles: Sequence[Article], sentences: Sequence[Sentence], aliases: AliasBook,
               series: Series | None = None) -> Cast:
    """Read every sentence about the series for people, roles and jobs (bot.knowledge.subjects says which
    those are), and merge the spellings of each person."""
    sentences = about_series(sentences)
    facts = _Facts(Works.of(series or Series.load(), (s.text for s in sentences)))
    for sentence in sentences:
        _read(sentence, facts)
    by_id = {a.source_id: a for a in articles}
    entities = _entities(facts, aliases)
    unique = list(dict.fromkeys(entities.values()))
    _mentions(unique, by_id, sentences)

    def cite(sentence: Sentence) -> Citation:
        return Citation.of(by_id[sentence.source_id], sentence)

    roles: dict[_Entity, dict[_Entity, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for actor, character, sentence in facts.pairs:
        roles[entities[("person", actor)]][entities[("character", character)]].append(cite(sentence))
    jobs: dict[_Entity, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for name, job, sentence in facts.jobs:
        jobs[entities[("person", name)]][job].append(cite(sentence))
    in_cast = {entities[("person", n)] for n, _ in facts.cast} | set(roles)

    people = []
    for entity in (e for e in unique if e.kind == "person"):
        people.append(Person(
            entity.name, entity.variants,
            tuple(Role(c.name, unique_citations(cites)) for c, cites in roles[entity].items()),
            tuple(Job(job, unique_citations(jobs[entity][job])) for job in _job_order(jobs[entity])),
            entity in in_cast, unique_citations(entity.citations)))
    characters = []
    for entity in (e for e in unique if e.kind == "character"):
        played_by = [p.name for p, played in roles.items() if entity in played]
        pair_citations = [c for played in roles.values() for c in played.get(entity, [])]
        characters.append(Character(entity.name, entity.variants, tuple(played_by),
                                    unique_citations(pair_citations), unique_citations(entity.citations)))
    people.sort(key=lambda p: (not p.roles, not p.in_cast))
    return Cast(facts.works.series.title, tuple(people), tuple(characters), _credits(facts, entities, cite))


def _job_order(jobs: Iterable[str]) -> list[str]:
    def rank(job: str) -> int:
        base = "original author" if job.startswith("original ") else job
        return JOB_ORDER.index(base) if base in JOB_ORDER else len(JOB_ORDER)

    return sorted(jobs, key=lambda j: (rank(j), j))


def _credits(facts: _Facts, entities: dict[tuple[str, str], _Entity],
             cite: Callable[[Sentence], Citation]) -> tuple[Credit, ...]:
    """Per job, who each article credits; articles crediting the same people share one version."""
    by_job: dict[str, dict[str, list[tuple[str, Sentence]]]] = defaultdict(lambda: defaultdict(list))
    for name, job, sentence in facts.jobs:
        by_job[job][sentence.source_id].append((entities[("person", name)].name, sentence))
    credits = []
    for job in _job_order(by_job):
        versions: dict[frozenset[str], tuple[list[str], list[Citation]]] = {}
        for credited in by_job[job].values():
            names = list(dict.fromkeys(n for n, _ in credited))
            version = versions.setdefault(frozenset(names), (names, []))
            version[1].extend(cite(s) for _, s in credited)
        credits.append(Credit(job, tuple(Version(tuple(names), unique_citations(cites))
                                         for names, cites in versions.values())))
    return tuple(credits)
