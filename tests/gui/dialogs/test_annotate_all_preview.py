from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.edits import AddSpan
from annotator.core.find import FindOptions
from annotator.core.model import Document, make_span
from annotator.gui.dialogs.annotate_all_preview import AnnotateAllDialog
from annotator.store.repository import Repository

TEXT = "Jakarta 😀 said Jakarta. In Jakarta 👩🏽‍🎨 again, Jakarta."


@pytest.fixture
def project(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT))
    repo.apply(AddSpan(make_span(repo.document("d1"), "entity", "GPE", 0, 7, "ann")), "ann")
    return repo


def gpe_spans(repo: Repository) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in repo.spans("d1") if s.label == "GPE"]


def test_untick_apply_and_undo_as_one_step(qtbot, project: Repository) -> None:
    dialog = AnnotateAllDialog.for_query(
        project, "GPE", "Jakarta", FindOptions(case=True), "ann", ["d1"]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 3  # the labelled one is a clash, listed apart
    assert dialog.clash_count() == 1
    assert "already annotated" in dialog.clash_list.item(0).text()
    # untick the second occurrence from the keyboard: move to it, press Space
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert len(dialog.ticked()) == 2
    assert dialog.summary.text().startswith("Label 2 of 3 occurrences as GPE")
    with qtbot.waitSignal(dialog.batchReady) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    batch = blocker.args[0]
    assert batch is dialog.batch() and len(batch.edits) == 2
    log = len(project.edit_log())
    project.apply(batch, "ann")
    second = TEXT.find("Jakarta", TEXT.find("Jakarta", 1) + 1)
    expected = sorted([(0, 7), (TEXT.find("Jakarta", 1), TEXT.find("Jakarta", 1) + 7)])
    assert (second, second + 7) not in gpe_spans(project)
    assert len(gpe_spans(project)) == 3 and expected[0] in gpe_spans(project)
    assert len(project.edit_log()) == log + 1
    project.apply(batch.inverse(), "ann")
    assert gpe_spans(project) == [(0, 7)]


def test_untick_all_disables_apply_and_cancel_gives_no_batch(qtbot, project: Repository) -> None:
    dialog = AnnotateAllDialog.for_query(project, "GPE", "jakarta", FindOptions(), "ann")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert not dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert dialog.apply_button.isEnabled() and len(dialog.ticked()) == 3
    dialog.reject()
    assert dialog.batch() is None
