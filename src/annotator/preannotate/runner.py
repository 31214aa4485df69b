"""Running a suggester over documents and storing what it proposes, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.errors import ValidationError
from annotator.core.model import Document, new_id, now_iso
from annotator.core.progress import CancelCheck, Progress, checkpoint, never_cancelled, no_progress
from annotator.core.suggestion_edits import Suggestion
from annotator.preannotate.base import Candidate, PreannotateReport, Suggester
from annotator.store.corpus import documents_in_order
from annotator.store.repository import Repository
from annotator.store.suggestions import insert_suggestions, suggested_keys


def run_preannotation(
    repo: Repository,
    suggester: Suggester,
    doc_ids: Sequence[str] | None = None,
    *,
    annotator: str = "",
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> PreannotateReport:
    """Store ``suggester``'s proposals for ``doc_ids`` (default all) as pending suggestions.

    Progress counts two steps per document: matching, then saving. The documents are read
    and matched first, outside any write transaction (a long run
    must not lock the project against the annotator's own edits); then everything is
    written in one transaction. Cancelling raises ``Cancelled`` with nothing written.
    A proposal identical to an existing span, or already suggested (any status, so a
    rejected one stays rejected), is skipped; overlapping ones are kept as suggestions.
    """
    schema = repo.schema()
    ids = list(doc_ids) if doc_ids is not None else repo.document_ids()
    missing = [doc_id for doc_id in ids if not repo.has_document(doc_id)]
    if missing:
        raise ValidationError(f"no document with id {', '.join(map(repr, missing[:5]))}")
    report = PreannotateReport(suggester.source)
    found: list[tuple[Document, list[Candidate]]] = []
    total = len(ids)
    steps = 2 * total  # matching each document, then saving its suggestions
    for done, doc in enumerate(documents_in_order(repo, ids), start=1):
        checkpoint(cancel)
        found.append((doc, suggester.suggest(doc)))
        progress(done, steps, f"matching {doc.id}")
    checkpoint(cancel)
    report.unmapped.update(suggester.skipped_labels)
    report.documents = total
    created = now_iso()
    with repo.transaction():
        rows: list[Suggestion] = []
        for saved, (doc, candidates) in enumerate(found, start=1):
            if saved % 100 == 0 or saved == total:
                progress(total + saved, steps, "saving suggestions")
            spans = {(s.start, s.end, s.label) for s in repo.spans(doc.id)}
            known = suggested_keys(repo, doc.id)
            for cand in candidates:
                key = (cand.start, cand.end, cand.label)
                if key in spans:
                    report.same_as_span += 1
                    continue
                if key in known:
                    report.already_suggested += 1
                    continue
                known.add(key)
                rows.append(
                    Suggestion(
                        id=new_id("g"),
                        doc_id=doc.id,
                        layer=schema.label(cand.label).layer,
                        label=cand.label,
                        start=cand.start,
                        end=cand.end,
                        text=doc.text[cand.start : cand.end],
                        source=suggester.source,
                        score=cand.score,
                        created_at=created,
                    )
                )
                report.per_label[cand.label] += 1
        checkpoint(cancel)
        insert_suggestions(repo, rows)
        repo.log(annotator, "preannotate", None, f"{len(rows)} suggestions", report.to_dict())
    return report
