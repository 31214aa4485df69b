"""Import and export through the background task runner, with progress, Cancel and reports."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.progress import CancelCheck, Progress
from annotator.formats.importer import import_paths
from annotator.formats.records import ImportReport
from annotator.formats.registry import export_formats
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.export import ExportDialog
from annotator.gui.editing.tasks import Task
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from annotator.store.repository import Repository
from tests.helpers.saved import SavedProject


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n}.txt"
        path.write_text(f"Article {n} from Jakarta 😀.\nSecond line.\n", encoding="utf-8")
        paths.append(path)
    return paths


def only_task(window: MainWindow) -> Task:
    (task,) = window.runner.tasks
    return task


def test_import_files_action_runs_in_the_background_and_refreshes_the_list(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    saved: SavedProject,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = write_articles(tmp_path / "in", 3)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], "")
    )
    window.actions_["file.import_files"].trigger()
    window.transfers.dialog.buttons.accepted.emit()  # the Import dialog lists them: accept
    task = only_task(window)
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    report = blocker.args[0]
    assert isinstance(report, ImportReport)
    assert report.imported == ["article-0", "article-1", "article-2"]
    assert window.doc_model.rowCount() == 5
    assert workspace.doc is not None and workspace.doc.id == "emoji"  # the open document stays open
    assert "imported 3 document(s)" in window.status_bar.message()
    assert window.transfers.report_box is not None
    assert window.transfers.report_box.isVisible() and not window.transfers.report_box.isModal()
    assert saved.document("article-1").text.startswith("Article 1 from Jakarta")
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_cancelled_import_writes_nothing(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    paths = write_articles(tmp_path / "in", 4)
    gate = threading.Event()

    def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> ImportReport:
        def held(done: int, total: int, message: str = "") -> None:
            progress(done, total, message)
            gate.wait(5)  # hold the worker until the user has pressed Cancel

        return import_paths(repo, paths, progress=held, cancel=cancel)

    task = window.runner.start("Importing", work)
    dialog = window.runner.last_dialog
    assert dialog is not None
    with qtbot.waitSignal(task.progressed, timeout=10_000):
        pass
    (cancel_button,) = dialog.findChildren(QPushButton)
    assert cancel_button.text() == "Cancel"
    cancel_button.click()
    gate.set()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        pass
    assert saved.document_ids() == ["emoji", "second"]
    assert saved.edit_log() == []
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_failed_import_reports_the_file_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    paths = write_articles(tmp_path / "in", 2)
    bad = tmp_path / "in" / "empty.txt"
    bad.write_text("", encoding="utf-8")
    task = window.transfers.start_import([*paths, bad])
    with qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
        pass
    assert "empty.txt" in blocker.args[0]
    assert "Import failed" in window.status_bar.message()
    assert window.status_bar.kind() == "problem"
    assert saved.document_ids() == ["emoji", "second"]
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_export_writes_the_native_jsonl(
    qtbot: QtBot, window: MainWindow, view: ArticleView, tmp_path: Path
) -> None:
    view.set_selection_cp(12, 19)
    window.span_editing.apply_label("GPE")
    out = tmp_path / "out" / "project.jsonl"
    task = window.transfers.start_export("native", out)
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["emoji", "second"]
    assert [(s["label"], s["text"]) for s in records[0]["spans"]] == [("GPE", "Jakarta")]
    assert "Exported 2 document(s), 1 span(s)" in window.status_bar.message()
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_export_dialog_offers_every_registered_format(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path)
    qtbot.addWidget(dialog)
    formats = [dialog.format_box.itemText(i) for i in range(dialog.format_box.count())]
    assert formats == sorted(export_formats())
    dialog.status_box.setCurrentIndex(3)
    assert dialog.chosen_status() == "done"
    dialog.path_edit.setText("")
    assert not dialog.buttons.buttons()[0].isEnabled()
    dialog.path_edit.setText(str(tmp_path / "x.jsonl"))
    assert dialog.chosen_path() == tmp_path / "x.jsonl"
