"""Kept web pages: stored compressed with their document, and a new extraction written whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.edits import AddRelation
from annotator.core.model import Document, Relation, make_span
from annotator.core.suggestion_edits import Suggestion
from annotator.store.backend import integrity_errors
from annotator.store.corpus import add_annotated_document
from annotator.store.page_sources import (
    KeptPage,
    NewExtraction,
    documents_with_pages,
    keep_page,
    kept_page,
    replace_extractions,
)
from annotator.store.repository import Repository
from annotator.store.suggestions import insert_suggestions, suggestions

TEXT = "Title 😀\n\nAd line\n\nBudi 👩🏽‍🎨 Santoso spoke.\n"
NEW_TEXT = "Title 😀\n\nBudi 👩🏽‍🎨 Santoso spoke.\n"
HTML = "<html><body><h1>Title 😀</h1>" + "<p>Budi Santoso spoke.</p>" * 50 + "</body></html>"


def stored(repo: Repository) -> Document:
    doc = Document(id="page", text=TEXT, title="Title 😀")
    with repo.transaction():
        add_annotated_document(repo, doc, [], [])
        keep_page(repo, "page", KeptPage(HTML.encode(), "https://a.example/", {"x": 1}))
    return doc


def test_a_kept_page_reads_back_byte_for_byte_and_is_stored_compressed(repo: Repository) -> None:
    stored(repo)
    page = kept_page(repo, "page")
    assert page == KeptPage(HTML.encode(), "https://a.example/", {"x": 1})
    size = repo.db.execute("SELECT length(html) FROM page_sources").fetchone()[0]
    assert size < len(HTML.encode()) / 5
    assert documents_with_pages(repo) == ["page"]
    assert kept_page(repo, "emoji") is None


def test_a_page_needs_its_document(repo: Repository) -> None:
    with pytest.raises(integrity_errors(), match=r"(?i)foreign key"), repo.transaction():
        keep_page(repo, "missing", KeptPage(b"<html></html>"))
    assert documents_with_pages(repo) == []


def test_a_new_extraction_moves_spans_drops_others_and_replaces_suggestions(
    repo: Repository,
) -> None:
    doc = stored(repo)
    first = make_span(doc, "section", "HEADLINE", 0, 7, "ann")  # the first characters
    budi = make_span(doc, "entity", "PER", TEXT.index("Budi"), TEXT.index(" spoke"), "ann")
    ad = make_span(doc, "claim", "CLAIM", TEXT.index("Ad"), TEXT.index("Ad") + 7, "ann")
    with repo.transaction():
        repo.add_spans([first, budi, ad])
    repo.apply(AddRelation(Relation("r1", "page", "claimant", ad.id, budi.id)), "ann")
    with repo.transaction():
        insert_suggestions(
            repo, [Suggestion("g1", "page", "section", "BOILERPLATE", 9, 16, "Ad line", "html")]
        )
    moved = replace(budi, start=NEW_TEXT.index("Budi"), end=NEW_TEXT.index(" spoke"))
    fresh = Suggestion("g2", "page", "section", "HEADLINE", 0, 7, "Title 😀", "html-structure")
    new = NewExtraction(
        doc_id="page",
        text=NEW_TEXT,
        title="Title 😀",
        meta={"url": "https://a.example/"},
        settings={"keep_boilerplate": False},
        moved_spans=(first, moved),
        dropped_spans=(ad.id,),
        suggestions=(fresh,),
    )
    replace_extractions(repo, [new], "ann")
    assert repo.document("page").text == NEW_TEXT
    assert repo.document("page").meta == {"url": "https://a.example/"}
    assert [(s.label, s.text) for s in repo.spans("page")] == [
        ("HEADLINE", "Title 😀"),
        ("PER", "Budi 👩🏽‍🎨 Santoso"),
    ]
    assert repo.relations("page") == []
    assert [s.id for s in suggestions(repo, doc_id="page", status=None)] == ["g2"]
    page = kept_page(repo, "page")
    assert page is not None and page.settings == {"keep_boilerplate": False}
    entry = repo.edit_log("page")[0]
    assert (entry.kind, entry.annotator, entry.summary) == (
        "reextract",
        "ann",
        "extracted again: 2 span(s) kept, 1 removed",
    )
    assert entry.payload == {"settings": {"keep_boilerplate": False}, "removed_spans": [ad.id]}
