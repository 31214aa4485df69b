"""What a merged document brings besides annotations: the curator's decisions on annotators'
spans and the pending suggestions (``team.merge`` calls these inside its one transaction).

A decision is keyed by document and span; it follows its span when the merge gave the span
another id. A decision the team project already holds is kept: the same one is already
present, another one is refused. A suggestion with the same layer, label, offsets and source
as one of the project's (pending or decided) is already present, so a suggestion the team
rejected does not come back from a copy made before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from annotator.core.model import new_id
from annotator.core.suggestion_edits import Suggestion
from annotator.store.curation import decisions
from annotator.store.project_merge import (
    DecisionRow,
    add_decisions,
    curation_decision_rows,
    taken_ids,
)
from annotator.store.repository import Repository
from annotator.store.suggestions import insert_suggestions, suggestions
from annotator.team.merge_report import SourceReport


def merge_decisions(
    repo: Repository,
    source: Repository,
    doc_id: str,
    id_map: Mapping[str, str | None],
    as_name: str,
    report: SourceReport,
) -> None:
    """Add the source's decisions on the document's spans; ``id_map`` maps a source span id
    to its id in the team, or to None when the span was refused (a span the source no longer
    holds keeps its id)."""
    theirs = curation_decision_rows(source, doc_id)
    if not theirs:
        return
    ours = decisions(repo, doc_id)
    where = f"{report.source}: document {doc_id!r}"
    added: list[DecisionRow] = []
    for row in theirs:
        span_id = id_map.get(row.span_id, row.span_id)
        if span_id is None:
            report.refuse(
                "curation decisions",
                f"{where}: the decision on span {row.span_id!r}: its span was refused",
            )
            continue
        kept = ours.get(span_id)
        if kept == row.decision:
            report.present("curation decisions")
            continue
        if kept is not None:
            span = next((s for s in repo.spans(doc_id) if s.id == span_id), None)
            what = (
                f"{span.label} span {span.start}..{span.end} ({span.annotator or 'unattributed'})"
                if span is not None
                else f"span {span_id!r}"
            )
            report.refuse(
                "curation decisions",
                f"{where}: {what} is {row.decision} there but {kept} in the project; "
                "the project's is kept",
            )
            continue
        ours[span_id] = row.decision
        added.append(replace(row, span_id=span_id, curator=row.curator or as_name))
    report.add("curation decisions", add_decisions(repo, added))


def merge_suggestions(
    repo: Repository, source: Repository, doc_id: str, report: SourceReport
) -> None:
    """Add the source's pending suggestions of the document that the project lacks."""
    theirs = suggestions(source, doc_id=doc_id)
    if not theirs:
        return
    ours = suggestions(repo, doc_id=doc_id, status=None)
    keys = {_suggestion_key(s) for s in ours}
    ids = {s.id for s in ours}
    taken = taken_ids(repo, "suggestions", [s.id for s in theirs if s.id not in ids])
    added = []
    for suggestion in theirs:
        key = (
            suggestion.layer,
            suggestion.label,
            suggestion.start,
            suggestion.end,
            suggestion.source,
        )
        if key in keys:
            report.present("suggestions")
            continue
        if suggestion.id in ids or suggestion.id in taken:
            suggestion = replace(suggestion, id=new_id("g"))
        keys.add(key)
        added.append(suggestion)
    report.add("suggestions", insert_suggestions(repo, added))


def _suggestion_key(suggestion: Suggestion) -> tuple[str, str, int, int, str]:
    return (suggestion.layer, suggestion.label, suggestion.start, suggestion.end, suggestion.source)
