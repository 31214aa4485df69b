from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import Document
from annotator.gui.dialogs.preannotate import PreannotateDialog
from annotator.store.repository import Repository


def pending(repo: Repository) -> list[tuple[str, str]]:
    rows = repo.db.execute("SELECT label, text FROM suggestions ORDER BY doc_id, start")
    return [tuple(r) for r in rows]


def make_dialog(qtbot, db_path: Path, source: Path) -> PreannotateDialog:
    dialog = PreannotateDialog(db_path, "ann")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setText(str(source))
    return dialog


def test_run_in_background_stores_suggestions(
    qtbot, repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="d1", text="Floods in Jakarta 😀 and Bandung."))
    gaz = tmp_path / "cities.csv"
    gaz.write_text("Jakarta,GPE\nBandung,GPE\n")
    dialog = make_dialog(qtbot, db_path, gaz)
    with qtbot.waitSignal(dialog.runFinished, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].total == 2
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert pending(repo) == [("GPE", "Jakarta"), ("GPE", "Bandung")]
    assert "2 suggestions from gazetteer:cities.csv" in dialog.message.text()


def test_cancel_during_a_run_writes_nothing(
    qtbot, repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    with repo.transaction():
        for i in range(3000):
            repo.add_document(Document(id=f"d{i}", text=f"Report {i} from Jakarta."))
    gaz = tmp_path / "cities.csv"
    gaz.write_text("Jakarta,GPE\n")
    dialog = make_dialog(qtbot, db_path, gaz)
    with qtbot.waitSignal(dialog.progress.valueChanged, timeout=20000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
    assert dialog.message.text() == "Cancelled; nothing was written."
    assert pending(repo) == []


def test_bad_source_reports_the_error(qtbot, db_path: Path, repo: Repository, tmp_path: Path):
    gaz = tmp_path / "bad.csv"
    gaz.write_text("Jakarta,CITY\n")
    dialog = make_dialog(qtbot, db_path, gaz)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
    assert dialog.message.text().startswith("Error:") and "unknown label" in dialog.message.text()


def test_closing_during_a_run_cancels_it(
    qtbot, repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    with repo.transaction():
        for i in range(3000):
            repo.add_document(Document(id=f"d{i}", text=f"Report {i} from Jakarta."))
    gaz = tmp_path / "cities.csv"
    gaz.write_text("Jakarta,GPE\n")
    dialog = make_dialog(qtbot, db_path, gaz)
    with qtbot.waitSignal(dialog.progress.valueChanged, timeout=20000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    dialog.close()
    assert pending(repo) == []
