"""Reading a document's spans back: every field, in document order, big documents too."""

from __future__ import annotations

import gc
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.model import Document, Span, make_span
from annotator.store import span_reading
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.repository import Repository


def test_spans_come_back_in_document_order_with_every_field(
    repo: Repository, emoji_doc: Document
) -> None:
    made = [
        make_span(emoji_doc, "entity", "GPE", 12, 19, "ana", span_id="s-b"),
        make_span(emoji_doc, "entity", "PER", 12, 19, "ana", span_id="s-a"),  # same extent
        make_span(emoji_doc, "claim", "CLAIM", 0, 30, "bo", attrs={"stance": "pro"}),
        make_span(emoji_doc, "entity", "ORG", 12, 25, "bo", note="checked"),  # outer first
        replace(make_span(emoji_doc, "entity", "LOC", 3, 4, "bo"), origin="gazetteer:x.csv"),
    ]
    with repo.transaction():
        repo.add_spans(made)
    stored = repo.spans("emoji")
    expected = sorted(made, key=lambda s: (s.start, -s.end, s.id))
    assert stored == expected
    assert [s.id for s in stored][2:] == [made[3].id, "s-a", "s-b"]
    assert all(emoji_doc.text[s.start : s.end] == s.text for s in stored)
    stored[0].attrs["stance"] = "contra"  # each span owns its attrs
    assert repo.spans("emoji")[0].attrs == {"stance": "pro"}
    assert stored[1].attrs is not stored[2].attrs


def test_a_big_document_reads_in_order_and_leaves_the_collector_on(repo: Repository) -> None:
    rng = random.Random(3)
    doc = Document(id="big", text="word " * 20_000)
    spans = []
    for _ in range(12_000):  # above the size where the read collects garbage itself
        start = rng.randrange(0, 99_000)
        spans.append(make_span(doc, "entity", "PER", start, start + rng.randint(1, 9), "a"))
    with repo.transaction():
        repo.add_document(doc)
        repo.add_spans(spans)
    stored = repo.spans("big")
    assert [s.id for s in stored] == [
        s.id for s in sorted(spans, key=lambda s: (s.start, -s.end, s.id))
    ]
    assert gc.isenabled()


def test_spans_with_quotes_newlines_and_nested_attributes_read_back_unchanged(
    repo: Repository, emoji_doc: Document
) -> None:
    made = [
        make_span(
            emoji_doc,
            "entity",
            "PER",
            0,
            2,
            'ana "the \\ first"',
            note='line one\nline "two" \\ 😀\ttab',
            attrs={"nested": {"list": [1, 2.5, None, "😀"]}, "negated": False},
        ),
        replace(make_span(emoji_doc, "entity", "ORG", 0, 1, "1"), origin='gazetteer:"x".csv'),
    ]
    with repo.transaction():
        repo.add_spans(made)
    assert repo.spans("emoji") == sorted(made, key=lambda s: (s.start, -s.end, s.id))


def test_a_document_without_spans_reads_as_none(repo: Repository, emoji_doc: Document) -> None:
    assert repo.spans("emoji") == []


def _stored(repo: Repository, doc: Document, count: int, annotator: str) -> list[Span]:
    spans = [make_span(doc, "entity", "PER", n, n + 2, annotator) for n in range(count)]
    with repo.transaction():
        repo.add_spans(spans)
    return spans


def test_spans_read_while_the_app_does_something_else_equal_the_spans_read_at_once(
    repo: Repository, emoji_doc: Document
) -> None:
    _stored(repo, emoji_doc, 5, "ana")
    reading = repo.pending_spans("emoji")
    assert reading.spans() == repo.spans("emoji")


def test_spans_another_program_committed_before_the_read_are_read(
    repo: Repository, emoji_doc: Document, project_location: Location
) -> None:
    other = Repository(open_db(project_location))
    try:
        made = _stored(other, emoji_doc, 3, "bo")
    finally:
        other.db.close()
    assert {s.id for s in repo.pending_spans("emoji").spans()} == {s.id for s in made}


def test_spans_added_in_the_open_transaction_are_read_too(
    repo: Repository, emoji_doc: Document
) -> None:
    made = make_span(emoji_doc, "entity", "PER", 0, 2, "ana")
    with repo.transaction():
        repo.add_spans([made])
        assert repo.pending_spans("emoji").spans() == [made]


def test_when_a_second_connection_fails_the_project_connection_reads_the_spans(
    db_path: Path, repo: Repository, emoji_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``db_path``: a project file, the only kind read on a second connection."""
    made = _stored(repo, emoji_doc, 2, "ana")

    def refuse(_path: str) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(span_reading, "open_reader", refuse)
    assert repo.pending_spans("emoji").spans() == made
