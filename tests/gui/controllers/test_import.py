"""File ▸ Import…: the dialog lists each input's detected format, forces doccano code point
offsets, and with "skip bad inputs" imports the good ones and lists the bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.config import backup_folder
from annotator.formats.records import ImportReport
from annotator.gui.dialogs.import_files import ImportDialog
from annotator.gui.main_window import MainWindow
from annotator.store.backups import list_backups
from tests.helpers.brat_corpus import write_corpus
from tests.helpers.saved import SavedProject

EMOJI = "Rain 😀 hit Jakarta today."


def brat_folder(root: Path) -> Path:
    folder = root / "brat"
    folder.mkdir(parents=True)
    (folder / "b1.txt").write_text("Floods in Surabaya.\n", encoding="utf-8")
    (folder / "b1.ann").write_text("T1\tGPE 10 18\tSurabaya\n", encoding="utf-8")
    return folder


def doccano_file(root: Path, name: str = "tasks.jsonl") -> Path:
    """doccano JSONL whose offsets count code points (UTF-16 would put 'Jakarta' one later)."""
    start = EMOJI.index("Jakarta")
    path = root / name
    record = {"id": "d1", "text": EMOJI, "label": [[start, start + 7, "GPE"]]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def rows(dialog: ImportDialog) -> dict[str, str]:
    return {
        Path(dialog.inputs.topLevelItem(n).text(0)).name: dialog.inputs.topLevelItem(n).text(1)
        for n in range(dialog.inputs.topLevelItemCount())
    }


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_dialog_detects_formats_and_imports_with_code_point_offsets(
    qtbot: QtBot,
    window: MainWindow,
    saved: SavedProject,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = brat_folder(tmp_path / "in")
    doccano = doccano_file(tmp_path / "in")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    window.actions_["file.import_folder"].trigger()
    dialog = window.transfers.dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert rows(dialog) == {"brat": "brat"}
    assert not dialog.offsets_box.isEnabled()  # no doccano input yet
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(doccano)], ""))
    click(qtbot, dialog.add_files_button)
    assert rows(dialog) == {"brat": "brat", "tasks.jsonl": "doccano"}
    assert dialog.offsets_box.isEnabled() and dialog.chosen_offsets() == "utf16"
    dialog.offsets_box.setCurrentIndex(dialog.offsets_box.findData("codepoint"))
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    report = blocker.args[0]
    assert isinstance(report, ImportReport) and sorted(report.imported) == ["b1", "d1"]
    check = saved
    assert [(s.label, s.text) for s in check.spans("d1")] == [("GPE", "Jakarta")]
    assert [(s.label, s.text) for s in check.spans("b1")] == [("GPE", "Surabaya")]
    assert window.doc_model.rowCount() == 4  # the list refreshed
    box = window.transfers.report_box
    assert box is not None and box.isVisible() and "imported 2 document(s)" in box.report_text()
    assert window.settings.value("import/offsets") == "codepoint"  # remembered
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_skip_bad_imports_the_good_inputs_and_lists_the_bad(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    good = root / "good.txt"
    good.write_text("A good article about Jakarta.\n", encoding="utf-8")
    unreadable = root / "notes.jsonl"
    unreadable.write_text("this is not JSON\n", encoding="utf-8")
    wrong_label = root / "wrong.jsonl"
    wrong_label.write_text(
        json.dumps({"id": "w1", "text": "Hi Jakarta", "label": [[3, 10, "NOPE"]]}) + "\n",
        encoding="utf-8",
    )
    dialog = window.transfers.import_dialog([good, unreadable, wrong_label])
    shown = rows(dialog)
    assert shown["good.txt"] == "plain" and shown["wrong.jsonl"] == "doccano"
    assert shown["notes.jsonl"].startswith("✗ neither JSON nor JSONL")
    assert not dialog.import_button.isEnabled() and "cannot be read" in dialog.hint.text()
    dialog.skip_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    report = blocker.args[0]
    assert report.imported == ["good"]
    assert [Path(where.split(":")[0]).name for where, _ in report.skipped] == [
        "notes.jsonl",
        "wrong.jsonl",
    ]
    box = window.transfers.report_box
    assert box is not None
    text = box.report_text()
    assert "skipped 2 bad input(s)" in text and "unknown label 'NOPE'" in text
    assert str(unreadable) in text
    assert sorted(saved.document_ids()) == ["emoji", "good", "second"]
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_forcing_a_format_replans_every_input(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    doccano = doccano_file(tmp_path)
    dialog = window.transfers.import_dialog([doccano])
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("prodigy"))
    assert rows(dialog) == {"tasks.jsonl": "prodigy"}
    click(qtbot, dialog.remove_button)  # nothing selected: nothing removed
    dialog.inputs.topLevelItem(0).setSelected(True)
    click(qtbot, dialog.remove_button)
    assert rows(dialog) == {} and not dialog.import_button.isEnabled()
    dialog.reject()


def test_a_brat_corpus_with_annotation_conf_offers_its_types_to_the_schema(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    without_conf = window.transfers.import_dialog([brat_folder(tmp_path / "plain")])
    assert not without_conf.conf_check.isEnabled()
    without_conf.reject()
    corpus = write_corpus(tmp_path / "GE")
    dialog = window.transfers.import_dialog([corpus])
    assert dialog.conf_check.isEnabled() and not dialog.conf_check.isChecked()
    assert dialog.conf_check.toolTip() == str(corpus / "annotation.conf")
    dialog.conf_check.setChecked(True)
    click(qtbot, dialog.import_button)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].imported == ["PMC-10-abstract"]
    stored = {label.name: label.layer for label in saved.read(lambda repo: repo.schema().labels)}
    assert stored["Protein"] == "entity" and stored["Gene_expression"] == "event"
    assert sorted(s.label for s in saved.spans("PMC-10-abstract"))[:2] == [
        "Entity",
        "Gene_expression",
    ]
    assert window.label_palette.item_for("Gene_expression") is not None  # the app took it
    assert window.workspace.schema.has_label("Protein")
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_an_import_that_adds_to_the_open_document_shows_its_spans(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    doc = window.workspace.doc
    assert doc is not None
    before = window.span_model.rowCount()
    start = next(n for n, ch in enumerate(doc.text) if ch.isalpha())
    span = {"layer": "entity", "label": "ORG", "start": start, "end": start + 1}
    path = tmp_path / "more.jsonl"
    record = {"id": doc.id, "text": doc.text, "status": "done", "spans": [span]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    dialog = window.transfers.import_dialog([path])
    click(qtbot, dialog.import_button)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].added == {doc.id: "1 span(s), 0 relation(s), status 'done'"}
    assert ("ORG", doc.text[start]) in [(s.label, s.text) for s in saved.spans(doc.id)]
    assert window.span_model.rowCount() == before + 1
    assert window.workspace.doc is not None and window.workspace.doc.status == "done"


def test_an_import_into_a_project_with_documents_is_backed_up_first(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "new.txt"
    source.write_text("A new article about Surabaya.\n", encoding="utf-8")
    dialog = window.transfers.import_dialog([source])
    click(qtbot, dialog.import_button)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    [backup] = list_backups(backup_folder(db_path))
    assert backup.reason == "before-import"
    before = SavedProject(backup.path)
    assert sorted(before.read(lambda repo: repo.document_ids())) == ["emoji", "second"]
    qtbot.waitUntil(lambda: not window.runner.tasks)
