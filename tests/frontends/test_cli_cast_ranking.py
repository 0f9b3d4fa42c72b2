"""`python -m bot cast [--json] [NAME]` and `python -m bot ranking [--json]`."""

from __future__ import annotations

import json

import pytest

from bot.frontends import cli

PAIRS = {"Park Ji-hu": "Nam On-jo", "Yoon Chan-young": "Lee Cheong-san", "Cho Yi-hyun": "Choi Nam-ra",
         "Lomon": "Lee Su-hyeok", "Lim Jae-hyeok": "Yang Dae-su", "Yoo In-soo": "Yoon Gwi-nam",
         "Lee You-mi": "Lee Na-yeon"}


@pytest.fixture
def with_answerer(monkeypatch, answerer, settings):
    monkeypatch.setattr(cli, "_answerer", lambda _settings: answerer)
    monkeypatch.setattr(cli, "load_settings", lambda: settings)


def test_cast_json_lists_the_seven_pairs_each_person_once_and_the_crew(with_answerer, capsys):
    assert cli.main(["cast", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pairs = {p["name"]: [c["name"] for c in p["characters"]] for p in data["cast"] if p["characters"]}
    assert pairs == {actor: [character] for actor, character in PAIRS.items()}
    spellings = [s for p in data["cast"] + data["crew"] for s in (p["name"], *p["variants"])]
    assert len(spellings) == len(set(spellings))
    assert {"Park Ji-hoo", "Park Ji-Hu", "Park Solomon", "Lee Yoo-mi", "Yoon Chang-Young"} <= set(spellings)
    crew = {p["name"]: {j["job"] for j in p["jobs"]} for p in data["crew"]}
    assert crew["Lee JQ"] == {"creator", "director", "showrunner"}
    assert crew["Joo Dong-Geun"] == {"original webtoon author"}
    assert all(j["citations"] for p in data["crew"] for j in p["jobs"])
    assert all(c["citations"] for p in data["cast"] for c in p["characters"])


def test_cast_text(with_answerer, capsys):
    assert cli.main(["cast"]) == 0
    out = capsys.readouterr().out
    assert "Lomon as Lee Su-hyeok [1] (also written Park Solomon)" in out
    assert "Created by (the articles differ):" in out


def test_cast_name_in_any_spelling(with_answerer, capsys):
    assert cli.main(["cast", "Chung-San"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Lee Cheong-san (also written Chung-San)\nPlayed by Yoon Chan-young")
    assert "[spoiler]" in out
    assert cli.main(["cast", "--json", "park", "ji", "hoo"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["found"] and found["entry"]["name"] == "Park Ji-hu"


def test_an_unknown_name_gets_the_closest_names_and_exit_zero(with_answerer, capsys):
    assert cli.main(["cast", "Lee Min-ho"]) == 0
    out = capsys.readouterr().out.strip()
    assert len(out.splitlines()) == 1
    assert out.startswith("I don't know anyone called “Lee Min-ho” in the articles. Closest names: ")


def test_ranking_json_lists_every_figure_with_a_citation(with_answerer, capsys):
    assert cli.main(["ranking", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    figures = {(f["kind"], f["number"], f["show"]) for f in data["figures"]}
    for expected in [("points", 679, "All of Us Are Dead"), ("points", 231, "Squid Game"),
                     ("countries", 25, "All of Us Are Dead"), ("time", 7, "All of Us Are Dead"),
                     ("hours", 124_000_000, "All of Us Are Dead"), ("hours", 1_000_000_000, "Squid Game"),
                     ("percent", 200, None), ("chart_position", 1, "All of Us Are Dead")]:
        assert expected in figures
    assert ("points", 634, "Hellbound") not in figures  # that sentence is about Hellbound alone
    assert all(f["citation"]["text"] and f["citation"]["source_id"] for f in data["figures"])


def test_ranking_text(with_answerer, capsys):
    assert cli.main(["ranking"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("All of Us Are Dead in figures, in the order of the launch, released 2022-01-28:")
    assert "25 countries: countries where it ranked No. 1 (All of Us Are Dead)" in out
