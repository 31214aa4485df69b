"""Annotate all over a project database: occurrences gathered from the store, one undo step."""

from __future__ import annotations

import pytest

from annotator.core.edits import AddSpan, Batch
from annotator.core.find import FindOptions
from annotator.core.model import Document, make_span
from annotator.store.annotate_all import batch_in_store, preview_in_store
from annotator.store.repository import Repository

TEXT_1 = "Jakarta 😀 said Jakarta. Later, in Jakarta 👩🏽‍🎨 again."
TEXT_2 = "Rotterdam and Jakarta.\nSection two."


@pytest.fixture
def project(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT_1))
        repo.add_document(Document(id="d2", text=TEXT_2))
    d1, d2 = repo.document("d1"), repo.document("d2")
    first = TEXT_1.find("Jakarta")
    repo.apply(AddSpan(make_span(d1, "entity", "GPE", first, first + 7, "ann")), "ann")
    repo.apply(AddSpan(make_span(d2, "section", "BODY", 0, 22, "ann")), "ann")
    return repo


def test_preview_lists_every_occurrence_with_context_and_clash(project: Repository) -> None:
    occ = preview_in_store(project, "GPE", "Jakarta", FindOptions(case=True))
    assert [(o.doc_id, o.start) for o in occ] == [
        ("d1", 0),
        ("d1", TEXT_1.find("Jakarta", 1)),
        ("d1", TEXT_1.rfind("Jakarta")),
        ("d2", TEXT_2.find("Jakarta")),
    ]
    assert occ[0].clash.startswith("already annotated")
    assert [o.ok for o in occ[1:]] == [True, True, True]
    assert occ[2].right.startswith(" 👩🏽‍🎨 again")
    for o in occ:
        text = TEXT_1 if o.doc_id == "d1" else TEXT_2
        assert text[o.start : o.end] == o.match


def test_overlap_in_a_non_overlap_layer_is_a_clash(project: Repository) -> None:
    occ = preview_in_store(project, "HEADLINE", "Rotterdam")
    assert len(occ) == 1 and occ[0].clash.startswith("overlaps BODY")
    batch = batch_in_store(project, occ, "HEADLINE", "ann")
    assert batch.edits == ()


def test_apply_ticked_as_one_step_and_undo_as_one_step(project: Repository) -> None:
    before = project.span_count()
    occ = preview_in_store(project, "GPE", "jakarta")
    ticked = [o for o in occ if o.doc_id != "d2" or o.start != 0]
    unticked = ticked.pop(1)  # the user unticks the second occurrence
    batch = batch_in_store(project, ticked, "GPE", "ann")
    assert isinstance(batch, Batch) and len(batch.edits) == 2  # clash left out
    log_before = len(project.edit_log())
    project.apply(batch, "ann")
    assert project.span_count() == before + 2
    assert len(project.edit_log()) == log_before + 1
    spans = {(s.doc_id, s.start) for s in project.spans("d1") + project.spans("d2")}
    assert (unticked.doc_id, unticked.start) not in spans
    assert all(
        s.text == "Jakarta" for s in project.spans("d1") + project.spans("d2") if s.label == "GPE"
    )
    project.apply(batch.inverse(), "ann")
    assert project.span_count() == before
    assert preview_in_store(project, "GPE", "jakarta")[1].ok


def test_preview_in_the_documents_asked_only_and_nothing_for_an_empty_query(
    project: Repository,
) -> None:
    occ = preview_in_store(project, "GPE", "Jakarta", doc_ids=["d2"])
    assert [(o.doc_id, o.start, o.end) for o in occ] == [("d2", 14, 21)]
    assert preview_in_store(project, "GPE", "Jakarta", doc_ids=[]) == []
    assert preview_in_store(project, "GPE", "") == []
    everywhere = preview_in_store(project, "GPE", "jakarta", FindOptions(case=False))
    assert [o.doc_id for o in everywhere] == ["d1", "d1", "d1", "d2"]
    assert preview_in_store(project, "GPE", "jakarta", FindOptions(case=True)) == []


def test_another_annotators_spans_are_no_clash_for_an_annotator(project: Repository) -> None:
    d2 = project.document("d2")
    project.apply(AddSpan(make_span(d2, "section", "LEAD", 0, 22, "budi")), "budi")
    mine = preview_in_store(project, "GPE", "Jakarta", FindOptions(case=True), annotator="budi")
    assert [o.ok for o in mine] == [True, True, True, True]
    headline = preview_in_store(project, "HEADLINE", "Rotterdam", annotator="budi")
    assert headline[0].clash.startswith("overlaps LEAD")
    assert preview_in_store(project, "HEADLINE", "Rotterdam", annotator="citra")[0].ok
