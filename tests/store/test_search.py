from __future__ import annotations

import pytest

from annotator.core.edits import AddSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, make_span
from annotator.store.repository import Repository
from annotator.store.search import concordance

TEXT_A = "Hi 😀 Jakarta 👩🏽‍🎨 floods; Jakartanya lagi. JAKARTA 東京 Jakarta."
TEXT_B = "No match here 😀😀 but a jakarta at the end"


@pytest.fixture
def corpus(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="a", text=TEXT_A, title="A"))
        repo.add_document(Document(id="b", text=TEXT_B, title="B"))
        repo.add_document(Document(id="c", text="nothing at all", title="C", status="done"))
    doc = repo.document("a")
    start = TEXT_A.find("Jakarta")
    repo.apply(AddSpan(make_span(doc, "entity", "GPE", start, start + 7, "ann1")), "ann1")
    return repo


def test_plain_hits_match_str_find_on_emoji_text(corpus: Repository) -> None:
    hits = concordance(corpus, "Jakarta", case=True)
    expected, at = [], TEXT_A.find("Jakarta")
    while at >= 0:
        expected.append(("a", at, at + 7))
        at = TEXT_A.find("Jakarta", at + 1)
    assert [(h.doc_id, h.start, h.end) for h in hits] == expected
    for hit in hits:
        assert TEXT_A[hit.start : hit.end] == hit.match == "Jakarta"
        assert TEXT_A[: hit.start].endswith(hit.left)
        assert TEXT_A[hit.end :].startswith(hit.right)


def test_case_insensitive_spans_documents_and_reports_labels(corpus: Repository) -> None:
    hits = concordance(corpus, "jakarta")
    assert [h.doc_id for h in hits] == ["a", "a", "a", "a", "b"]
    assert hits[0].labels == ("GPE",) and hits[1].labels == ()
    assert hits[0].title == "A"
    assert TEXT_B[hits[-1].start : hits[-1].end] == "jakarta"


def test_whole_word_and_filters(corpus: Repository) -> None:
    assert len(concordance(corpus, "jakarta", whole_word=True)) == 4
    labelled = concordance(corpus, "jakarta", label="GPE")
    assert [(h.doc_id, h.start) for h in labelled] == [("a", TEXT_A.find("Jakarta"))]
    assert concordance(corpus, "jakarta", annotator="someone-else") == []
    assert len(concordance(corpus, "jakarta", layer="entity")) == 1
    assert concordance(corpus, "nothing", status="done")[0].doc_id == "c"
    assert concordance(corpus, "nothing", status="todo") == []


def test_regex_and_short_queries_without_index(corpus: Repository) -> None:
    hits = concordance(corpus, r"😀+", regex=True)
    assert [(h.doc_id, h.match) for h in hits] == [("a", "😀"), ("b", "😀😀")]
    assert TEXT_B[hits[1].start : hits[1].end] == "😀😀"
    assert [h.match for h in concordance(corpus, "東京")] == ["東京"]
    with pytest.raises(ValidationError):
        concordance(corpus, "(", regex=True)


def test_index_follows_document_changes(corpus: Repository) -> None:
    corpus.db.execute("UPDATE documents SET text = 'Rotterdam port' WHERE id = 'c'")
    assert [h.doc_id for h in concordance(corpus, "rotterdam")] == ["c"]
    assert concordance(corpus, "nothing at") == []
    with corpus.transaction():
        corpus.db.execute("DELETE FROM documents WHERE id = 'c'")
    assert concordance(corpus, "rotterdam") == []


def test_limit(corpus: Repository) -> None:
    assert len(concordance(corpus, "a", limit=3)) == 3


def test_migration_backfills_documents_that_existed_before(tmp_path) -> None:
    import sqlite3

    from sqlite_utils import Database

    from annotator.store.db import open_db
    from annotator.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(str(path)))
    migrations.apply(old, stop_before="0002_fts")
    old.execute(
        "INSERT INTO documents(id, position, text, created_at) VALUES ('old', 1, ?, '')",
        ["Before the index: Jakarta 😀"],
    )
    old.conn.commit()
    old.close()
    repo = Repository(open_db(path))
    hits = concordance(repo, "jakarta")
    assert [(h.doc_id, h.start, h.end) for h in hits] == [("old", 18, 25)]
    repo.db.close()


def test_offsets_on_the_shared_emoji_text(repo: Repository, emoji_doc: Document) -> None:
    text = emoji_doc.text
    for needle in (
        "Jakarta",
        "👩🏽‍🎨",
        "e\u0301",
        "café",
        "القاهرة",
        "東京",
        "Tabbed line\nSecond",
    ):
        hits = concordance(repo, needle, case=True)
        assert [(h.start, h.end) for h in hits] == [
            (text.find(needle), text.find(needle) + len(needle))
        ], needle
    assert [h.match for h in concordance(repo, "CAFÉ")] == ["café"]
