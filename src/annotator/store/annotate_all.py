"""Annotate all over the store: gather documents and spans for the core preview."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.edits import Batch
from annotator.core.find import PLAIN, FindOptions
from annotator.core.model import Span
from annotator.core.operations.annotate_all import Occurrence, build_batch, preview
from annotator.core.operations.ownership import split_own
from annotator.store.repository import Repository
from annotator.store.search import candidate_ids


def preview_in_store(
    repo: Repository,
    label: str,
    query: str,
    options: FindOptions = PLAIN,
    doc_ids: Iterable[str] | None = None,
    annotator: str | None = None,
) -> list[Occurrence]:
    """Occurrences of ``query`` in ``doc_ids`` (default: the whole corpus) with clashes.

    With ``annotator``, clashes and duplicates are counted against that annotator's own spans
    only: another annotator's span over the same text is theirs, not a reason to skip.
    """
    if not query:
        return []
    ids = candidate_ids(repo, query, options) if doc_ids is None else list(doc_ids)
    docs = ((repo.document(doc_id), _spans(repo, doc_id, annotator)) for doc_id in ids)
    return preview(docs, repo.schema(), label, query, options)


def _spans(repo: Repository, doc_id: str, annotator: str | None) -> list[Span]:
    spans = repo.spans(doc_id)
    return spans if annotator is None else split_own(spans, annotator)[0]


def batch_in_store(
    repo: Repository, occurrences: Iterable[Occurrence], label: str, annotator: str
) -> Batch:
    """The Batch for the ticked ``occurrences`` (apply it with ``repo.apply``)."""
    occurrences = list(occurrences)
    documents = {doc_id: repo.document(doc_id) for doc_id in {o.doc_id for o in occurrences}}
    return build_batch(occurrences, documents, repo.schema(), label, annotator)
