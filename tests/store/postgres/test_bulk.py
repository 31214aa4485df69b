"""Bulk writes of an import: on a server they stream in with COPY and behave as the row-by-row
inserts on SQLite do (every test taking ``repo`` runs on both): the rows read back exactly as
written, and a taken id fails the whole write, which the transaction or savepoint undoes."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Document, Relation, Span, make_span
from annotator.store.backend import integrity_errors
from annotator.store.db import open_db
from annotator.store.postgres.bulk import copy_rows
from annotator.store.repository import Repository
from annotator.store.rows import SPAN_COLUMNS

TEXT = 'Baku\tsaid \\N and C:\\path "quoted"\n😀😀 Yerevan fired first.\r\nEnd'
"""Tab, newline, backslash, a literal ``\\N`` (COPY's text form of NULL), quotes, two emoji."""


def _doc(doc_id: str = "a") -> Document:
    return Document(id=doc_id, text=TEXT)


def _spans(doc: Document) -> list[Span]:
    emoji = doc.text.index("😀")
    last = len(doc.text)
    return [
        make_span(doc, "entity", "GPE", 0, 4, "ana", span_id="first-char"),
        make_span(doc, "entity", "ORG", 4, 10, "ana", span_id="touching"),
        make_span(doc, "claim", "CLAIM", 10, 20, "", span_id="backslash-n"),
        make_span(doc, "entity", "PER", emoji, emoji + 2, "budi", span_id="two-emoji"),
        make_span(doc, "entity", "MISC", last - 3, last, "ana", span_id="last-char"),
        make_span(
            doc,
            "entity",
            "GPE",
            emoji + 3,
            emoji + 10,
            "ana",
            span_id="with-attrs",
            attrs={"confidence": "high", "notes": ["a\tb", "c\\d"]},
            note="line one\nline two \\N\ttab",
        ),
    ]


def _stored(repo: Repository, doc: Document, spans: list[Span]) -> None:
    with repo.transaction():
        repo.add_document(doc)
        assert repo.add_spans(spans) == len(spans)


def test_spans_added_in_bulk_read_back_exactly_as_written(repo: Repository) -> None:
    doc = _doc()
    spans = _spans(doc)
    _stored(repo, doc, spans)
    read = repo.spans("a")
    assert sorted(read, key=lambda s: s.id) == sorted(spans, key=lambda s: s.id)
    assert all(doc.text[s.start : s.end] == s.text for s in read)
    assert [s.text for s in read if s.id == "two-emoji"] == ["😀😀"]


def test_relations_added_in_bulk_read_back_exactly_as_written(repo: Repository) -> None:
    doc = _doc()
    _stored(repo, doc, _spans(doc))
    relations = [
        Relation("r1", "a", "claimant", "backslash-n", "first-char", "ana", "2026-12-01T10:00"),
        Relation("r\\N", "a", "claimant", "backslash-n", "two-emoji", "", ""),
        Relation("r\t3", "a", "claimant", "backslash-n", "last-char", "budi", ""),
    ]
    with repo.transaction():
        assert repo.add_relations(relations) == 3
    assert sorted(repo.relations("a"), key=lambda r: r.id) == sorted(relations, key=lambda r: r.id)


def test_an_empty_bulk_write_writes_nothing(repo: Repository) -> None:
    doc = _doc()
    with repo.transaction():
        repo.add_document(doc)
        assert repo.add_spans([]) == 0
        assert repo.add_relations([]) == 0
    assert repo.spans("a") == [] and repo.relations("a") == []


def test_one_span_is_written_like_many(repo: Repository) -> None:
    doc = _doc()
    (span,) = _spans(doc)[3:4]
    _stored(repo, doc, [span])
    assert repo.spans("a") == [span]


def test_a_taken_span_id_fails_the_whole_bulk_write_and_the_transaction_keeps_nothing(
    repo: Repository,
) -> None:
    first, second = _doc("a"), _doc("b")
    _stored(repo, first, [make_span(first, "entity", "GPE", 0, 4, "ana", span_id="s1")])
    clash = [make_span(second, "entity", "GPE", n, n + 4, "ana", span_id=f"s{n}") for n in (5, 1)]
    with pytest.raises(integrity_errors()), repo.transaction():
        repo.add_document(second)
        repo.add_spans([make_span(second, "entity", "GPE", 0, 4, "ana", span_id="s0"), *clash])
    assert not repo.has_document("b")
    assert repo.span("s0") is None and repo.span("s5") is None
    assert [s.id for s in repo.spans("a")] == ["s1"]
    _stored(repo, second, [make_span(second, "entity", "GPE", 0, 4, "ana", span_id="s0")])
    assert [s.id for s in repo.spans("b")] == ["s0"]


def test_a_taken_id_inside_a_savepoint_undoes_that_part_alone(repo: Repository) -> None:
    doc = _doc()
    taken = make_span(doc, "entity", "GPE", 0, 4, "ana", span_id="taken")
    _stored(repo, doc, [taken])
    again = make_span(doc, "entity", "ORG", 11, 15, "ana", span_id="taken")
    fresh = make_span(doc, "entity", "ORG", 11, 15, "ana", span_id="fresh")
    with repo.transaction():
        with pytest.raises(integrity_errors()), repo.db.atomic():
            repo.add_spans([fresh, again])
        repo.add_spans([fresh, make_span(doc, "entity", "PER", 5, 9, "ana", span_id="other")])
    assert sorted(s.id for s in repo.spans("a")) == ["fresh", "other", "taken"]


def test_a_relation_to_a_span_that_is_not_there_fails_the_bulk_write(repo: Repository) -> None:
    doc = _doc()
    _stored(repo, doc, _spans(doc))
    relations = [
        Relation("r1", "a", "claimant", "backslash-n", "first-char"),
        Relation("r2", "a", "claimant", "backslash-n", "no-such-span"),
    ]
    with pytest.raises(integrity_errors()), repo.transaction():
        repo.add_relations(relations)
    assert repo.relations("a") == []


def test_on_a_server_a_taken_span_id_is_named_in_the_failure(pg_url: str) -> None:
    repo = Repository(open_db(pg_url))
    try:
        first, second = _doc("a"), _doc("b")
        _stored(repo, first, [make_span(first, "entity", "GPE", 0, 4, "ana", span_id="s1")])
        spans = [make_span(second, "entity", "GPE", n, 9, "ana", span_id=f"s{n}") for n in (0, 1)]
        with (
            pytest.raises(integrity_errors(), match=r"(?s)unique.*Key \(id\)=\(s1\) already"),
            repo.transaction(),
        ):
            repo.add_document(second)
            repo.add_spans(spans)
        assert not repo.has_document("b")
    finally:
        repo.db.close()


def test_copy_refuses_a_project_file(tmp_path: Path) -> None:
    db = open_db(tmp_path / "project.db")
    try:
        with pytest.raises(TypeError, match=r"^COPY needs a PostgreSQL project, not Database$"):
            copy_rows(db, "spans", SPAN_COLUMNS, [])
    finally:
        db.close()
