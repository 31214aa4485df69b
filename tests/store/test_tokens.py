"""A document's kept tokens are stored with it and go when it goes."""

from __future__ import annotations

from annotator.core.model import Document
from annotator.core.tokenisation import from_pairs
from annotator.store.corpus import add_annotated_document
from annotator.store.repository import Repository
from annotator.store.tokens import kept_tokens


def test_tokens_stored_with_a_document_read_back_and_cascade(repo: Repository) -> None:
    tokens = from_pairs([(0, 10), (11, 22)], [0, 1])
    with repo.transaction():
        add_annotated_document(repo, Document("d", "1996-08-30\nall-rounder"), [], [], "", tokens)
        add_annotated_document(repo, Document("plain", "no tokens kept"), [], [])
    assert kept_tokens(repo, "d") == tokens
    assert kept_tokens(repo, "plain") is None
    with repo.transaction():
        repo.db.execute("DELETE FROM documents WHERE id = 'd'")
    assert kept_tokens(repo, "d") is None


def test_tokens_are_stored_as_compact_json(repo: Repository) -> None:
    with repo.transaction():
        add_annotated_document(
            repo, Document("d", "Baku said it."), [], [], "", from_pairs([(0, 4), (5, 9)], [0])
        )
    stored = repo.db.execute("SELECT tokens FROM document_tokens").fetchone()[0]
    assert stored == '{"starts":[0,5],"ends":[4,9],"sentence_starts":[0]}'
