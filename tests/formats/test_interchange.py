"""What the annotation-tool exports share: a relation whose span the export leaves out is left
out too, and the report names the option that left it out."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Relation
from annotator.core.progress import no_progress
from annotator.formats.export_api import ExportOptions
from annotator.formats.registry import exporter
from annotator.store.repository import Repository
from tests.helpers.curated_team import MADE_AT, TEAM_TEXT, add_team_documents, team_span


@pytest.fixture
def team(repo: Repository) -> Repository:
    """The curated team documents, with budi's claim about Budi Santoso in ``curated`` joined
    to his PER span by a claimant relation (gold has a located_in relation there)."""
    add_team_documents(repo)
    claim_layer = repo.schema().label("CLAIM").layer
    claim = replace(team_span("curated", "budi", "CLAIM", TEAM_TEXT), layer=claim_layer)
    person = team_span("curated", "budi", "PER", "Budi Santoso")
    with repo.transaction():
        repo.add_spans([claim])
        repo.add_relations(
            [
                Relation(
                    "curated-budi-r1", "curated", "claimant", claim.id, person.id, "budi", MADE_AT
                )
            ]
        )
    return repo


def relation_notes(repo: Repository, tmp_path: Path, **options: Any) -> tuple[list[str], int]:
    """The report's notes about left-out relations, and the relations doccano's file holds."""
    out = tmp_path / "d.jsonl"
    report = exporter("doccano")(
        repo, out, ExportOptions(offsets="codepoint", **options), no_progress, lambda: False
    )
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    written = sum(len(line.get("relations", [])) for line in lines)
    return [note for note in report.notes if "relation(s) left out" in note], written


def test_gold_export_says_annotators_relations_are_left_out_because_of_gold(
    team: Repository, tmp_path: Path
) -> None:
    notes, written = relation_notes(team, tmp_path, gold=True)

    assert written == 1  # gold's located_in
    (note,) = notes
    assert re.fullmatch(r"1 relation\(s\) left out: a span they join is not gold \(--gold\)", note)


def test_an_annotators_export_names_the_annotator_as_the_reason(
    team: Repository, tmp_path: Path
) -> None:
    notes, written = relation_notes(team, tmp_path, annotator="budi")

    assert written == 1  # budi's claimant
    assert notes == ["1 relation(s) left out: a span they join is not budi's (--annotator)"]


def test_a_layer_export_names_the_layer_as_the_reason(team: Repository, tmp_path: Path) -> None:
    notes, written = relation_notes(team, tmp_path, annotator="budi", layer="entity")

    assert written == 0  # budi's claim is in the claim layer
    assert sorted(notes) == [
        "1 relation(s) left out: a span they join is not budi's (--annotator)",  # gold's
        "1 relation(s) left out: a span they join is not in layer entity (--layer)",
    ]


def test_an_annotator_name_with_braces_is_written_as_it_is(
    repo: Repository, tmp_path: Path
) -> None:
    add_team_documents(repo)

    notes, _written = relation_notes(repo, tmp_path, annotator="{x}")

    assert notes == ["1 relation(s) left out: a span they join is not {x}'s (--annotator)"]
