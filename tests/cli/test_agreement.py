"""`annotator agreement`: the readable table, the JSON object and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.helpers.cli import Place
from tests.helpers.team_project import build_team_project


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    return build_team_project(tmp_path / "team.db")


def agreement(db: Path | str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["agreement", "--db", str(db), *args])
    return result.exit_code, result.output


def test_the_table_shows_pairs_measures_labels_and_the_worst_documents(
    team_db: Path, on_backend: Place
) -> None:
    code, out = agreement(on_backend(team_db), "--layer", "entity")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "ana, budi, citra: 2 documents marked done by at least two, 1 by all"
    assert any(
        line.split() == ["ana", "/", "budi", "2", "0.500", "0.750", *line.split()[-1:]]
        for line in lines
    )
    assert any(line.split()[:3] == ["ana", "/", "citra"] and "1.000" in line for line in lines)
    assert any(line.split()[:2] == ["layer", "entity"] for line in lines)
    assert any(line.split()[:3] == ["ORG", "0.333", "0.333"] for line in lines)
    worst = lines.index("most disagreement (tokens someone labelled that not all labelled alike):")
    assert lines[worst + 1].split() == ["d1", "60%", "3", "of", "5", "Title", "d1"]


def test_json_prints_the_measures_for_the_chosen_annotators_and_documents(team_db: Path) -> None:
    code, out = agreement(team_db, "--annotators", "ana, budi", "--docs", "d1,d2", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["annotators"] == ["ana", "budi"]
    (pair,) = data["pairs"]
    assert (pair["a"], pair["b"], pair["docs"]) == ("ana", "budi", 2)
    assert pair["span_f1"] == 0.5 and pair["span_f1_overlap"] == 0.75
    assert data["labels"]["GPE"]["pairs"][0]["span_f1"] == pytest.approx(0.8)
    assert set(data["layers"]) == {"entity", "claim", "section"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--annotators", "ana"],
            "Error: agreement needs at least two annotators who marked documents done (found: ana)",
        ),
        (
            ["--annotators", "ana,budi", "--docs", "d3"],
            "Error: no document is marked done by "
            "all of ana, budi; agreement is measured on documents every compared annotator "
            "finished",
        ),
        (
            ["--annotators", "ana,@gold"],
            "Error: annotator name '@gold' is not allowed: names "
            "starting with @ are kept for the tool (@gold is the curated annotation)",
        ),
        (
            ["--layer", "entities"],
            "Error: unknown layer 'entities'; known layers: entity, claim, section",
        ),
    ],
)
def test_bad_requests_get_one_line_and_a_non_zero_exit(
    team_db: Path, args: list[str], message: str
) -> None:
    code, out = agreement(team_db, *args)
    assert (code, out) == (1, message + "\n")
