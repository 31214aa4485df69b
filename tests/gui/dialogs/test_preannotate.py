from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import Document
from annotator.gui.dialogs.preannotate import PreannotateDialog
from annotator.store.db import open_db
from annotator.store.models import trained_models
from annotator.store.repository import Repository
from tests.helpers.trained_project import TODO, TrainedProject


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


def test_a_model_trained_in_the_project_suggests_naming_its_version(
    qtbot, tmp_path: Path, trained_project: TrainedProject
) -> None:
    db = trained_project.copy_to(tmp_path / "trained.db")
    repo = Repository(open_db(db))
    try:
        dialog = PreannotateDialog(db, "ann", TODO, models=trained_models(repo))
        qtbot.addWidget(dialog)
        dialog.show()
        model = trained_project.model
        assert not dialog.trained.isEnabled()
        dialog.kind.setCurrentText("Model trained in this project")
        assert dialog.trained.isEnabled()
        assert dialog.trained.currentText().startswith(f"{model.model_id} · held-out F ")
        assert dialog.source.text() == str(model.path.resolve())
        with qtbot.waitSignal(dialog.runFinished, timeout=60000) as blocker:
            qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        source = f"model:{model.model_id}"
        assert blocker.args[0].source == source
        qtbot.waitUntil(lambda: not dialog.is_running())
        rows = repo.db.execute("SELECT DISTINCT doc_id, source FROM suggestions ORDER BY doc_id")
        assert [tuple(row) for row in rows] == [(doc_id, source) for doc_id in TODO]
        total = blocker.args[0].total
        assert dialog.message.text().startswith(f"{total} suggestions from {source} in 3 ")

        dialog.kind.setCurrentText("spaCy pipeline")  # the same folder, chosen as a pipeline
        dialog.source.setText(str(model.path))
        with qtbot.waitSignal(dialog.runFinished, timeout=60000) as again:
            qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        assert again.args[0].source == source
        qtbot.waitUntil(lambda: not dialog.is_running())
    finally:
        repo.db.close()


def test_without_a_trained_model_the_choice_says_how_to_make_one(qtbot, db_path: Path) -> None:
    dialog = PreannotateDialog(db_path, "ann")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentText("Model trained in this project")
    assert dialog.trained.currentText() == (
        "No model trained in this project yet (Project ▸ Train Model…)"
    )
    assert not dialog.trained.isEnabled() and dialog.source.text() == ""
