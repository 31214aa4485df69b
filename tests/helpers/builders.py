"""Small builders and reads shared by tests in several folders."""

from __future__ import annotations

from annotator.core.edits import AddSpan
from annotator.core.model import Document, Span, make_span
from annotator.store.repository import Repository


def add_span(repo: Repository, doc: Document, label: str, needle: str) -> Span:
    """Annotate the first occurrence of ``needle`` with ``label`` as the user "ann" would."""
    start = doc.text.index(needle)
    span = make_span(
        doc, repo.schema().label(label).layer, label, start, start + len(needle), "ann"
    )
    repo.apply(AddSpan(span), "ann")
    return span


def existing_span(repo: Repository, span_id: str) -> Span:
    """The span with ``span_id``; fails the test if it is not in the project."""
    span = repo.span(span_id)
    assert span is not None, f"span {span_id} is not in the project"
    return span
