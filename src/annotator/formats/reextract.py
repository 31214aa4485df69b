"""Extract kept web pages again, with other settings, keeping what was annotated on the
text that did not change.

Every page is extracted before anything is written: one page that fails leaves the project
as it was. A span (or decided suggestion) on lines equal in the old and new text moves with
them (``core.text_diff``); one on changed lines is removed, with its relations, and listed
in the report. Pending section suggestions are replaced by the new extraction's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from annotator.core.model import Span
from annotator.core.suggestion_edits import Suggestion
from annotator.core.text_diff import offset_map
from annotator.formats.html import PageInput, extract, section_suggestions
from annotator.formats.html_extract import SECTION_SOURCE
from annotator.formats.records import FormatError
from annotator.store.page_sources import (
    NewExtraction,
    documents_with_pages,
    kept_page,
    replace_extractions,
)
from annotator.store.repository import Repository
from annotator.store.suggestions import suggestions as stored_suggestions

Move = Callable[[int, int], tuple[int, int] | None]


@dataclass
class ReextractReport:
    documents: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_spans: int = 0
    removed_spans: list[tuple[str, Span]] = field(default_factory=list)
    suggestions: int = 0

    def lines(self) -> list[str]:
        out = [
            f"extracted {len(self.documents)} document(s) again; {self.kept_spans} span(s) kept, "
            f"{len(self.removed_spans)} removed (their text changed)"
        ]
        out += [f"  {doc_id}" for doc_id in self.documents]
        if self.unchanged:
            out.append(f"{len(self.unchanged)} document(s) unchanged: " + ", ".join(self.unchanged))
        if self.suggestions:
            out.append(f"{self.suggestions} section suggestion(s) to review")
        out += [
            f"  removed {span.label} “{span.text}” from {doc_id}"
            for doc_id, span in self.removed_spans
        ]
        return out


def _moved_suggestions(old: list[Suggestion], move: Move) -> list[Suggestion]:
    """Suggestions on unchanged text, moved; pending section suggestions are made anew."""
    kept = []
    for sug in old:
        if sug.status == "pending" and sug.source == SECTION_SOURCE:
            continue
        place = move(sug.start, sug.end)
        if place is not None:
            kept.append(replace(sug, start=place[0], end=place[1]))
    return kept


def _new_extraction(
    repo: Repository, doc_id: str, keep_boilerplate: bool | None, report: ReextractReport
) -> NewExtraction | None:
    page = kept_page(repo, doc_id)
    if page is None:
        raise FormatError(
            f"document {doc_id!r} has no kept web page (only documents imported from .html, "
            ".htm or .warc files have one)"
        )
    settings = dict(page.settings)
    if keep_boilerplate is not None:
        settings["keep_boilerplate"] = keep_boilerplate
    source = f"{doc_id} ({page.url})" if page.url else doc_id
    extracted = extract(
        PageInput(page.html, source, doc_id, page.url or None, settings.get("charset")),
        bool(settings.get("keep_boilerplate")),
    )
    doc = repo.document(doc_id)
    if extracted.text == doc.text and settings == page.settings:
        report.unchanged.append(doc_id)
        return None
    move = offset_map(doc.text, extracted.text).move
    moved: list[Span] = []
    dropped: list[str] = []
    for span in repo.spans(doc_id):
        place = move(span.start, span.end)
        if place is None:
            dropped.append(span.id)
            report.removed_spans.append((doc_id, span))
        else:
            moved.append(replace(span, start=place[0], end=place[1]))
    kept = _moved_suggestions(stored_suggestions(repo, doc_id=doc_id, status=None), move)
    taken = {(s.start, s.end, s.label) for s in moved} | {(s.start, s.end, s.label) for s in kept}
    fresh, _ = section_suggestions(doc_id, extracted, repo.schema())
    fresh = [s for s in fresh if (s.start, s.end, s.label) not in taken]
    report.documents.append(doc_id)
    report.kept_spans += len(moved)
    report.suggestions += len(fresh)
    meta = {**doc.meta, "title": extracted.title, **extracted.meta}
    return NewExtraction(
        doc_id=doc_id,
        text=extracted.text,
        title=extracted.title[:200],
        meta=meta,
        settings=settings,
        moved_spans=tuple(moved),
        dropped_spans=tuple(dropped),
        suggestions=tuple(kept + fresh),
    )


def reextract(
    repo: Repository,
    doc_ids: Sequence[str] = (),
    *,
    keep_boilerplate: bool | None = None,
    annotator: str = "",
) -> ReextractReport:
    """Extract the kept pages of ``doc_ids`` (none: every document that has one) again.

    ``keep_boilerplate`` None keeps each page's own setting. FormatError names the document
    whose page fails; then nothing is written.
    """
    report = ReextractReport()
    wanted = list(doc_ids) or documents_with_pages(repo)
    if not wanted:
        raise FormatError("no document has a kept web page to extract again")
    for doc_id in wanted:
        if not repo.has_document(doc_id):
            raise FormatError(f"no document with id {doc_id!r}")
    extractions = [
        new
        for doc_id in wanted
        if (new := _new_extraction(repo, doc_id, keep_boilerplate, report)) is not None
    ]
    replace_extractions(repo, extractions, annotator)
    return report
