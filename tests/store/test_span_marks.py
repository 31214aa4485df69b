"""Reading a document's spans as plain (annotator, layer, label, start, end) tuples."""

from __future__ import annotations

from pathlib import Path

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
