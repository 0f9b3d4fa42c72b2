"""`cast` and `/cast`: the cast and crew, or one person or character, for the terminal, JSON and Discord.

Every line cites the articles it comes from; where the articles credit different people with one
job, each version is shown with its own sources rather than one being chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.knowledge.cast import Cast, Character, Credit, Entry, Person
from bot.knowledge.facts import Citation
from bot.replies.citations import Block, Layout, Numbering, pages, quote_markdown, quote_text
from bot.replies.discord import NOTICE_COLOUR, escape_markdown
from bot.replies.text import citation_json

# How a job reads as a heading; a job not listed here reads as itself.
JOB_HEADINGS = {"creator": "Created by", "director": "Directed by", "writer": "Written by",
                "showrunner": "Showrunner", "producer": "Produced by", "studio": "Studios"}
DIFFER = "the articles differ"
CAST_LINES_PER_PAGE = 25
AUTOCOMPLETE_LIMIT = 25  # Discord's maximum number of choices
CHOICE_LIMIT = 100  # Discord's maximum length of a choice's name and value
LOOKUP_HINT = "/cast name:<actor or character> tells more about one person"


def job_heading(job: str) -> str:
    """"Directed by", "Original webtoon by": how a credits line starts."""
    if job.startswith("original ") and job.endswith(" author"):
        return f"Original {job.removeprefix('original ').removesuffix(' author')} by"
    return JOB_HEADINGS.get(job, job.capitalize())


def _plain(text: str) -> str:
    return text


def spellings(entry: Entry) -> list[str]:
    """The entry's other spellings, leaving out those that differ from the name (or from one another)
    only in capitals: "Park Ji-Hu" says nothing "Park Ji-hu" doesn't."""
    seen = {entry.name.casefold()}
    kept = []
    for variant in entry.variants:
        if variant.casefold() not in seen:
            seen.add(variant.casefold())
            kept.append(variant)
    return kept


def _also(entry: Entry, show: Callable[[str], str] = _plain) -> str:
    other = spellings(entry)
    return f" (also written {show(', '.join(other))})" if other else ""


def _credits_of(cast: Cast, person: Person) -> list[Credit]:
    jobs = {j.job for j in person.jobs}
    return [c for c in cast.credits if c.job in jobs]


# ----- JSON ---------------------------------------------------------------------------------------


def _cites(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [citation_json(c) for c in citations]


def person_json(person: Person) -> dict[str, Any]:
    return {"name": person.name, "variants": list(person.variants),
            "characters": [{"name": r.character, "citations": _cites(r.citations)} for r in person.roles],
            "jobs": [{"job": j.job, "citations": _cites(j.citations)} for j in person.jobs],
            "citations": _cites(person.citations)}


def character_json(character: Character) -> dict[str, Any]:
    return {"name": character.name, "variants": list(character.variants), "played_by": list(character.played_by),
            "pairs": _cites(character.pairs), "citations": _cites(character.citations)}


def credit_json(credit: Credit) -> dict[str, Any]:
    return {"job": credit.job, "agreed": credit.agreed,
            "versions": [{"names": list(v.names), "citations": _cites(v.citations)} for v in credit.versions]}


def cast_json(cast: Cast) -> dict[str, Any]:
    """`cast --json`: everyone once with their other spellings, the characters, and the credits by job."""
    return {"series": cast.series, "cast": [person_json(p) for p in cast.cast],
            "crew": [person_json(p) for p in cast.crew],
            "characters": [character_json(c) for c in cast.characters],
            "credits": [credit_json(c) for c in cast.credits]}


def lookup_json(cast: Cast, query: str) -> dict[str, Any]:
    """`cast --json NAME`: the one person or character named, or the closest names."""
    match = cast.lookup(query)
    if match is None:
        return {"query": query, "found": False, "suggestions": cast.closest(query)}
    entry = match.entry
    if isinstance(entry, Person):
        return {"query": query, "found": True, "kind": "person", "matched": match.spelling,
                "entry": person_json(entry), "credits": [credit_json(c) for c in _credits_of(cast, entry)]}
    return {"query": query, "found": True, "kind": "character", "matched": match.spelling,
            "entry": character_json(entry), "credits": []}


# ----- lines shared by the terminal and Discord -----------------------------------------------------


def _bold(text: str) -> str:
    return f"**{escape_markdown(text)}**"


def _cast_line(person: Person, numbering: Numbering, *, markdown: bool = False) -> tuple[str, list[Citation]]:
    """`Park Ji-hu as Nam On-jo [1] (also written …)`, or the name and its sources for other cast."""
    show, strong = (escape_markdown, _bold) if markdown else (_plain, _plain)
    if person.roles:
        cited = [c for r in person.roles for c in r.citations]
        roles = " and ".join(f"{strong(r.character)} {numbering.refs(r.citations)}" for r in person.roles)
        return f"{strong(person.name)} as {roles}{_also(person, show)}", cited
    return f"{show(person.name)} {numbering.refs(person.citations)}{_also(person, show)}", list(person.citations)


def _names(names: tuple[str, ...], show: Callable[[str], str]) -> str:
    return ", ".join(show(n) for n in names)


def _credit_lines(credit: Credit, numbering: Numbering, show: Callable[[str], str] = _plain,
                  bullet: str = "  ") -> list[str]:
    """One line for a job the articles agree on; else a line per version, each with its sources."""
    heading = job_heading(credit.job)
    if credit.agreed:
        version = credit.versions[0]
        return [f"{heading}: {_names(version.names, show)} {numbering.refs(version.citations)}"]
    return [f"{heading} ({DIFFER}):"] + [f"{bullet}{_names(v.names, show)} {numbering.refs(v.citations)}"
                                        for v in credit.versions]


def _entry_lines(cast: Cast, entry: Entry, numbering: Numbering,
                 show: Callable[[str], str] = _plain) -> tuple[list[str], list[Citation]]:
    """What the articles establish about one entry, as lines with citation numbers, and the citations."""
    if isinstance(entry, Character):
        played = " and ".join(show(p) for p in entry.played_by) or "an actor the articles don't name"
        return [f"Played by {played} {numbering.refs(entry.pairs)}"], list(entry.pairs)
    lines: list[str] = []
    cited: list[Citation] = []
    for role in entry.roles:
        lines.append(f"Plays {show(role.character)} {numbering.refs(role.citations)}")
        cited += role.citations
    if entry.in_cast and not entry.roles:
        lines.append(f"In the cast {numbering.refs(entry.citations)}")
        cited += entry.citations
    for credit in _credits_of(cast, entry):
        mine = [c for v in credit.versions if entry.name in v.names for c in v.citations]
        line = f"{credit.job.capitalize()} {numbering.refs(mine)}"
        if not credit.agreed:
            line += f" ({DIFFER}: " + "; ".join(f"{_names(v.names, show)} {numbering.refs(v.citations)}"
                                               for v in credit.versions) + ")"
        lines.append(line)
        cited += [c for v in credit.versions for c in v.citations]
    return lines, cited


def _not_found(cast: Cast, query: str) -> str:
    closest = cast.closest(query)
    hint = f" Closest names: {', '.join(closest)}." if closest else ""
    return f"I don't know anyone called “{query}” in the articles.{hint}"


# ----- terminal -----------------------------------------------------------------------------------


def cast_text(cast: Cast) -> str:
    """The whole cast and crew, one person a line, then the sources."""
    if not cast.people:
        return "The articles I know don't name the cast or crew."
    numbering = Numbering()
    lines = [f"Cast and crew of {cast.series or 'the series'}, as the articles give them:", "", "Cast"]
    lines += [f"  {_cast_line(p, numbering)[0]}" for p in cast.cast]
    lines += ["", "Crew"] + [f"  {line}" for credit in cast.credits for line in _credit_lines(credit, numbering)]
    spelt = [f"{p.name} = {', '.join(spellings(p))}" for p in cast.crew if spellings(p)]
    if spelt:
        lines += ["", "Also written: " + "; ".join(spelt)]
    return "\n".join([*lines, "", "Sources", *numbering.source_lines()])


def lookup_text(cast: Cast, query: str) -> str:
    """`cast NAME`: who they play or who plays them, and every sentence naming them, cited."""
    match = cast.lookup(query)
    if match is None:
        return _not_found(cast, query)
    entry = match.entry
    numbering = Numbering()
    facts, _ = _entry_lines(cast, entry, numbering)
    lines = [f"{entry.name}{_also(entry)}", *facts, "", "What the articles say:"]
    lines += [f"  {quote_text(c, numbering)}" for c in entry.citations]
    return "\n".join([*lines, "", "Sources", *numbering.source_lines()])


# ----- Discord ------------------------------------------------------------------------------------


def cast_pages(cast: Cast) -> list[dict[str, Any]]:
    """`/cast`: actor ↔ character pairs, the rest of the cast, then the crew by job; paged when long."""
    numbering = Numbering()
    blocks = [Block("__Cast__", ())] if cast.cast else []
    for person in cast.cast:
        line, cited = _cast_line(person, numbering, markdown=True)
        blocks.append(Block(line, tuple(cited)))
    if cast.credits:
        blocks.append(Block("\n__Crew__", ()))
    for credit in cast.credits:
        cited = tuple(c for v in credit.versions for c in v.citations)
        lines = _credit_lines(credit, numbering, escape_markdown, "• ")
        if credit.job.startswith("original "):  # which webtoon (novel…) it adapts, in the articles' words
            source = min(cited, key=lambda c: len(c.text))
            lines.append(quote_markdown(source, numbering))
        blocks.append(Block("\n".join(lines), cited))
    title = f"Cast and crew of {cast.series}" if cast.series else "Cast and crew"
    return pages(Layout(title, LOOKUP_HINT, CAST_LINES_PER_PAGE, "\n"), blocks, numbering)


def lookup_pages(cast: Cast, query: str) -> list[dict[str, Any]]:
    """`/cast name:…`: one person or character, then every sentence naming them; paged when long."""
    match = cast.lookup(query)
    if match is None:
        return [{"description": escape_markdown(_not_found(cast, query)), "color": NOTICE_COLOUR}]
    entry = match.entry
    numbering = Numbering()
    facts, cited = _entry_lines(cast, entry, numbering, escape_markdown)
    head = [Block("\n".join(facts), tuple(cited))] if facts else []
    quotes = [Block(quote_markdown(c, numbering), (c,)) for c in entry.citations]
    note = f"Also written {', '.join(spellings(entry))}" if spellings(entry) else None
    return pages(Layout(entry.name, note), [*head, *quotes], numbering)


def autocomplete_choices(cast: Cast, typed: str) -> list[tuple[str, str]]:
    """(label, value) choices for `/cast name:`, over every name and spelling; the value is the name."""
    choices = []
    for match in cast.suggest(typed, AUTOCOMPLETE_LIMIT):
        entry = match.entry
        shown = entry.name if match.spelling == entry.name else f"{match.spelling} = {entry.name}"
        choices.append((f"{shown} — {_describe(entry)}"[:CHOICE_LIMIT], entry.name[:CHOICE_LIMIT]))
    return choices


def _describe(entry: Entry) -> str:
    if isinstance(entry, Character):
        return f"played by {' and '.join(entry.played_by)}" if entry.played_by else "character"
    if entry.roles:
        return "plays " + " and ".join(r.character for r in entry.roles)
    jobs = [j.job for j in entry.jobs]
    return ", ".join(jobs) if jobs else "cast"

