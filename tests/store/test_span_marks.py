"""Reading a document's spans as plain (annotator, layer, label, start, end) tuples."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Span
from annotator.core.team import GOLD
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.span_marks import span_marks
from tests.helpers.team_project import build_team_project


def test_every_annotators_spans_of_the_document_and_no_other(tmp_path: Path) -> None:
    repo = Repository(open_db(build_team_project(tmp_path / "team.db")))
    assert sorted(span_marks(repo, "d2")) == [
        ("ana", "entity", "GPE", 8, 15),
        ("budi", "entity", "GPE", 8, 15),
        ("citra", "entity", "LOC", 0, 4),
    ]
    assert span_marks(repo, "no-such-document") == []
    repo.db.close()


def test_unattributed_and_gold_spans_are_marks_too(tmp_path: Path) -> None:
    repo = Repository(open_db(build_team_project(tmp_path / "team.db")))
    text = repo.document("d3").text
    with repo.transaction():
        repo.add_spans(
            [
                Span("u", "d3", "entity", "ORG", 0, 1, text[0:1], ""),
                Span("g", "d3", "claim", "CLAIM", 0, len(text), text, GOLD),
            ]
        )
    marks = span_marks(repo, "d3")
    assert ("", "entity", "ORG", 0, 1) in marks
    assert (GOLD, "claim", "CLAIM", 0, len(text)) in marks
    assert all(type(value) is int for mark in marks for value in mark[3:])
    repo.db.close()
