"""Cast and crew read from the articles: role pairs, merged spellings, crew, disagreements, citations."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge.articles import Article, Paragraph, fold_ws, load_articles, seed_files
from bot.knowledge.cast import Cast, Character, Person, build_cast
from bot.knowledge.facts import Citation
from bot.knowledge.names import AliasBook
from bot.knowledge.passages import split_articles
from bot.knowledge.store import load_or_build
from bot.knowledge.subjects import attribute
from bot.settings import DEFAULT_ALIASES_FILE
from tests.conftest import SEEDS
from tests.knowledge.test_subjects import OTHER_SHOWS

PAIRS = [("Park Ji-hu", "Nam On-jo"), ("Yoon Chan-young", "Lee Cheong-san"), ("Cho Yi-hyun", "Choi Nam-ra"),
         ("Lomon", "Lee Su-hyeok"), ("Lim Jae-hyeok", "Yang Dae-su"), ("Yoo In-soo", "Yoon Gwi-nam"),
         ("Lee You-mi", "Lee Na-yeon")]
SAME_PERSON = [("Park Ji-hu", "Park Ji-hoo", "Park Ji-Hu"), ("Yoon Chan-young", "Yoon Chang-Young"),
               ("Lomon", "Park Solomon"), ("Lee You-mi", "Lee Yoo-mi"), ("Lee JQ", "Lee Jae-kyoo", "Lee Jae-Gyu"),
               ("Chun Sung-il", "Cheon Seong-il")]


def cast_of(articles: list[Article]) -> Cast:
    sentences, _ = split_articles(articles)
    return build_cast(articles, attribute(articles, sentences), AliasBook.load(DEFAULT_ALIASES_FILE))


@pytest.fixture(scope="module")
def cast() -> Cast:
    return cast_of(load_articles(seed_files(SEEDS)))


def person(cast: Cast, name: str) -> Person:
    match = cast.lookup(name)
    assert match is not None and isinstance(match.entry, Person), name
    return match.entry


def all_citations(cast: Cast) -> Iterator[Citation]:
    for p in cast.people:
        yield from p.citations
        for role in p.roles:
            yield from role.citations
        for job in p.jobs:
            yield from job.citations
    for c in cast.characters:
        yield from (*c.pairs, *c.citations)
    for credit in cast.credits:
        for version in credit.versions:
            yield from version.citations


@pytest.mark.parametrize(("actor", "character"), PAIRS)
def test_the_seven_actor_character_pairs_are_found(cast: Cast, actor: str, character: str) -> None:
    played = person(cast, actor)
    assert [r.character for r in played.roles] == [character]
    assert played.name == actor and played.in_cast
    role_of = cast.lookup(character)
    assert role_of is not None and isinstance(role_of.entry, Character)
    assert role_of.entry.played_by == (actor,)
    assert all(actor in c.text or any(v in c.text for v in played.variants) for c in played.roles[0].citations)


def test_only_these_pairs_are_found(cast: Cast) -> None:
    found = {(p.name, r.character) for p in cast.people for r in p.roles}
    assert found == set(PAIRS)  # "she played Ji-Yeong (player 240)" in Squid Game is not a role here


@pytest.mark.parametrize("spellings", SAME_PERSON)
def test_spellings_of_one_person_are_merged_and_shown(cast: Cast, spellings: tuple[str, ...]) -> None:
    entries = {id(person(cast, s)) for s in spellings}
    assert len(entries) == 1
    merged = person(cast, spellings[0])
    assert set(spellings) <= {merged.name, *merged.variants}
    holders = [p for p in cast.people if set(spellings) & {p.name, *p.variants}]
    assert holders == [merged]  # each person once


def test_a_character_named_by_given_name_alone_is_the_same_character(cast: Cast) -> None:
    cheong_san = cast.lookup("Chung-San")
    assert cheong_san is not None and cheong_san.entry.name == "Lee Cheong-san"
    assert "Chung-San" in cheong_san.entry.variants
    spoilers = [c for c in cheong_san.entry.citations if c.spoiler]
    assert spoilers and all("Chung-San" in c.text for c in spoilers)


def test_the_rest_of_the_cast_is_listed_without_a_character(cast: Cast) -> None:
    others = {p.name for p in cast.cast if not p.roles}
    assert others == {"Kim Byung-chul", "Lee Kyu-hyung", "Jeon Bae-soo"}


def test_the_crew_is_credited_with_citations(cast: Cast) -> None:
    credits = {c.job: c for c in cast.credits}
    assert set(credits) == {"creator", "director", "writer", "showrunner", "original webtoon author", "studio"}
    assert credits["writer"].versions[0].names == ("Chun Sung-il",)
    assert credits["showrunner"].versions[0].names == ("Lee JQ",)
    assert credits["original webtoon author"].versions[0].names == ("Joo Dong-Geun",)
    assert set(credits["studio"].versions[0].names) == {"JTBC Studios", "Film Monster"}
    assert {"Lee JQ", "Kim Nam-su"} == set(credits["director"].versions[0].names)
    assert all(v.citations for c in cast.credits for v in c.versions)
    crew = {p.name: {j.job for j in p.jobs} for p in cast.crew}
    assert crew["Lee JQ"] == {"creator", "director", "showrunner"}
    assert crew["Chun Sung-il"] == {"creator", "writer"}


def test_who_created_the_series_is_shown_in_each_articles_version(cast: Cast) -> None:
    creator = next(c for c in cast.credits if c.job == "creator")
    assert not creator.agreed
    versions = {frozenset(v.names): {c.source_id for c in v.citations} for v in creator.versions}
    assert versions[frozenset({"Kim Nam-su", "Lee JQ"})] == {"001_0d47506822c5eebb"}
    assert versions[frozenset({"Lee JQ", "Chun Sung-il", "Kim Nam-su"})] == {"002_cd3ce04a79d190fd"}
    assert versions[frozenset({"Chun Sung-il"})] == {"004_477cd0dc64dba67c"}


def test_every_citation_is_verbatim_from_its_seed(cast: Cast) -> None:
    seeds = {p.stem: fold_ws(p.read_text(encoding="utf-8")) for p in seed_files(SEEDS)}
    citations = set(all_citations(cast))
    assert citations
    for citation in citations:
        assert fold_ws(citation.text) in seeds[citation.source_id], citation.text


def test_lookups_tolerate_spelling_spacing_and_typos(cast: Cast) -> None:
    for query, name in [("park jihoo", "Park Ji-hu"), ("Cheongsan", "Lee Cheong-san"), ("Solomon", "Lomon"),
                        ("Lee Jae Gyu", "Lee JQ"), ("Kim Nam-soo", "Kim Nam-su"), ("nam on jo", "Nam On-jo")]:
        match = cast.lookup(query)
        assert match is not None and match.entry.name == name, query
    assert cast.lookup("Park") is None  # two people are called Park
    assert "Park Ji-hu" in cast.closest("Park")
    assert cast.lookup("Gong Yoo") is None


def test_suggestions_cover_every_spelling(cast: Cast) -> None:
    best = cast.suggest("chung")[0]
    assert (best.spelling, best.entry.name) == ("Chung-San", "Lee Cheong-san")
    assert {m.entry.name for m in cast.suggest("park")} >= {"Park Ji-hu", "Lomon"}
    assert len(cast.suggest("")) == len(cast.people) + len(cast.characters)  # 23: under Discord's 25


def test_the_cast_survives_the_trip_through_json(cast: Cast) -> None:
    assert Cast.from_dict(cast.to_dict()) == cast


def test_the_patterns_work_on_an_article_they_have_never_seen() -> None:
    text = ("The thriller All of Us Are Dead stars Kim Min-ji (Han Seo-yeon) and Jo Woo-jin as Park Mun-su. "
            "It was directed by Jang Hoon and written by Oh Se-ra, based on the novel Night Rain by Lee Do-hyun. "
            "Han Seo-yeon survives, while Kim Min-jee said the role changed her.")
    article = Article("900_test", "A new show", "2024-05-01", (Paragraph(text),))
    cast = cast_of([article])
    assert {(p.name, r.character) for p in cast.people for r in p.roles} == {
        ("Kim Min-ji", "Han Seo-yeon"), ("Jo Woo-jin", "Park Mun-su")}
    assert "Kim Min-jee" in person(cast, "Kim Min-ji").variants
    jobs = {c.job: c.versions[0].names for c in cast.credits}
    assert jobs == {"director": ("Jang Hoon",), "writer": ("Oh Se-ra",), "original novel author": ("Lee Do-hyun",)}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_new_article_with_a_new_pair_appears_after_reindexing(seeds: Path, tmp_path: Path, embedder) -> None:
    index = tmp_path / "index"
    assert load_or_build(seeds, index, embedder).cast.lookup("Kim Si-eun") is None
    (seeds / "005_season_two.txt").write_text(
        "date 2023-06-01\n\nAll of Us Are Dead season 2 adds to its cast\n\n"
        "Netflix confirmed the second season. The new cast includes Kim Si-eun (Oh Ha-ri), a transfer student.\n",
        encoding="utf-8")
    knowledge = load_or_build(seeds, index, embedder)
    match = knowledge.cast.lookup("Kim Si-eun")
    assert match is not None and isinstance(match.entry, Person)
    assert [r.character for r in match.entry.roles] == ["Oh Ha-ri"]
    assert match.entry.roles[0].citations[0].source_id == "005_season_two"
    reloaded = load_or_build(seeds, index, embedder)  # from index/facts.json this time
    assert reloaded.cast == knowledge.cast


def test_editing_the_alias_file_rebuilds_the_index(seeds: Path, tmp_path: Path, embedder, caplog) -> None:
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Lomon = Park Solomon\n", encoding="utf-8")
    index = tmp_path / "index"
    load_or_build(seeds, index, embedder, aliases)
    aliases.write_text("Lomon = Park Solomon\nLee JQ = Lee Jae-kyoo\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="bot.knowledge.store"):
        load_or_build(seeds, index, embedder, aliases)
    assert "alias file changed" in caplog.text


def test_articles_about_other_shows_change_nothing(cast: Cast) -> None:
    """Other shows' casts and crews (an actor of this series among them, in another role) stay out."""
    with_others = cast_of(load_articles(seed_files(SEEDS) + seed_files(OTHER_SHOWS)))
    assert with_others.to_dict() == cast.to_dict()


def test_every_rule_reaches_the_one_accept_step() -> None:
    text = ("All of Us Are Dead adds two names. Kim Min-ji, who plays the transfer student Han Seo-yeon, joins. "
            "Oh Ha-ri, played by Jo Woo-jin, returns. The Director General of the agency praised it. "
            "Writer Yeon wrote the speech, and the series is also directed by Park Do-yun. "
            "Lee Yoo-mi shot to fame with her role in Squid Game, where she played Ji-Yeong (player 240).")
    cast = cast_of([Article("900_test", "News", None, (Paragraph(text),))])
    assert {(p.name, r.character) for p in cast.people for r in p.roles} == {
        ("Kim Min-ji", "Han Seo-yeon"), ("Jo Woo-jin", "Oh Ha-ri")}
    assert {c.job: c.versions[0].names for c in cast.credits} == {"director": ("Park Do-yun",)}


def test_a_fact_read_twice_from_one_sentence_counts_once() -> None:
    text = "All of Us Are Dead is directed by Lee JQ, with director Lee JQ also serving as director."
    cast = cast_of([Article("900_test", "News", None, (Paragraph(text),))])
    director = next(c for c in cast.credits if c.job == "director")
    assert director.versions[0].names == ("Lee JQ",) and len(director.versions[0].citations) == 1
