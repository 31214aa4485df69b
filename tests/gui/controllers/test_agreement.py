"""Project ▸ Agreement…: the heat map, the per-label bars and the documents by disagreement,
measured in the background from what the annotators saved; a document opens on Enter."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.gui.dialogs.agreement import AgreementDialog
from annotator.gui.dialogs.agreement_views import heat
from annotator.gui.main_window import MainWindow
from annotator.store.repository import Repository
from tests.helpers.team_project import add_team_documents


def open_agreement(qtbot: QtBot, window: MainWindow) -> AgreementDialog:
    window.actions_["project.agreement"].trigger()
    dialog = window.agreement.dialog
    assert dialog is not None and dialog.isVisible()
    if dialog.task is not None:  # measuring in the background
        with qtbot.waitSignal(dialog.computed, timeout=20_000):
            pass
    return dialog


def recompute(qtbot: QtBot, dialog: AgreementDialog) -> None:
    with qtbot.waitSignal(dialog.computed, timeout=20_000):
        qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)


def cell(dialog: AgreementDialog, row: int, column: int) -> str:
    return str(dialog.matrix_model.index(row, column).data())


def test_the_view_measures_everyone_who_finished_documents(
    qtbot: QtBot, window: MainWindow, repo: Repository
) -> None:
    add_team_documents(repo)
    dialog = open_agreement(qtbot, window)
    assert dialog.chosen_annotators() == ["ana", "budi", "citra"]
    assert dialog.summary.text().startswith(
        "2 documents marked done by at least two of ana, budi, citra, 1 by all."
    )
    dialog.layer_box.setCurrentText("entity")
    recompute(qtbot, dialog)
    assert [cell(dialog, 0, n) for n in range(3)] == ["", "0.621", "1.000"]
    assert cell(dialog, 2, 1) == "0.518"  # budi and citra, the matrix is symmetric
    dialog.measure_box.setCurrentText("Span F1 (exact)")
    assert cell(dialog, 0, 1) == "0.500"
    assert [name for name, _, _ in dialog.labels.items] == ["GPE", "ORG", "PER"]
    assert dialog.labels.value_text["PER"] == "0.773"
    first = dialog.documents_model.index(0, 0)
    assert [dialog.documents_model.index(0, c).data() for c in range(4)] == [
        "d1",
        "Title d1",
        "60%",
        "3 of 5",
    ]
    dialog.documents.setFocus()
    dialog.documents.setCurrentIndex(first)
    with qtbot.waitSignal(window.agreement.documentChosen) as chosen:
        qtbot.keyClick(dialog.documents, Qt.Key.Key_Return)
    assert chosen.args == ["d1"]
    assert window.workspace.doc is not None and window.workspace.doc.id == "d1"
    assert window.curation.dock.isVisible()  # opened with its annotators compared
    assert window.curation.curation is not None
    assert window.curation.curation.annotators == ["ana", "budi", "citra"]


def test_each_cell_is_coloured_by_its_value(
    qtbot: QtBot, window: MainWindow, repo: Repository
) -> None:
    add_team_documents(repo)
    dialog = open_agreement(qtbot, window)
    dialog.measure_box.setCurrentText("Span F1 (overlap)")
    image = dialog.matrix.viewport().grab().toImage()
    for row, column in ((0, 1), (0, 2)):
        corner = dialog.matrix.visualRect(dialog.matrix_model.index(row, column)).topLeft()
        pixel = QColor(image.pixel(corner + QPoint(3, 3)))
        value = float(cell(dialog, row, column))
        assert pixel.name() == heat(value).name()
    assert heat(0.0).hue() == 0 and heat(1.0).hue() == 120  # red for none, green for all


def test_fewer_than_two_annotators_get_a_message_not_a_measure(
    qtbot: QtBot, window: MainWindow, repo: Repository
) -> None:
    add_team_documents(repo)
    dialog = open_agreement(qtbot, window)
    for n in (1, 2):
        dialog.annotator_list.item(n).setCheckState(Qt.CheckState.Unchecked)
    recompute(qtbot, dialog)
    assert dialog.message.text() == (
        "Choose at least two annotators; only people who marked a document done are listed."
    )
    assert dialog.matrix_model.rowCount() == 0 and dialog.documents_model.rowCount() == 0


def test_a_project_nobody_finished_says_so(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_agreement(qtbot, window)
    assert dialog.annotator_list.count() == 0
    assert dialog.message.text().startswith("Choose at least two annotators")
