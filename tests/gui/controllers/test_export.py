"""File ▸ Export… through the dialog: options per format, a split CoNLL export with its report,
Cancel leaving nothing behind, and the last choices remembered."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.model import Span
from annotator.core.progress import CancelCheck, Progress
from annotator.core.team import GOLD
from annotator.formats import optional
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.registry import FORMATS, export_formats
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.export import ExportDialog
from annotator.gui.editing.tasks import Task
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import EXPORT_DIR, IMPORT_DIR
from annotator.store.repository import Repository
from tests.helpers.curated_team import add_team_documents


def open_dialog(window: MainWindow) -> ExportDialog:
    window.actions_["file.export"].trigger()
    dialog = window.transfers.dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    return dialog


def click(qtbot: QtBot, widget: QPushButton) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def misaligned_span(repo: Repository) -> None:
    """'Rotter' ends inside the token 'Rotterdam': no tokenised format can hold it as is."""
    text = repo.document("second").text
    start = text.index("Rotter")
    with repo.transaction():
        repo.add_spans([Span("s-bad", "second", "entity", "GPE", start, start + 6, "Rotter")])


def run_export(qtbot: QtBot, window: MainWindow, dialog: ExportDialog) -> Task:
    click(qtbot, dialog.export_button)
    (task,) = window.runner.tasks
    return task


ENABLED = {  # format -> widgets enabled besides format, status and output
    "native": set(),
    "spacy": {"annotator", "layer", "split", "alignment"},
    "conll": {"annotator", "layer", "split", "alignment", "scheme"},
    "hf": {"annotator", "layer", "split", "alignment", "scheme", "parquet", "hf_unit"},
    "brat": {"annotator", "layer", "split"},
    "doccano": {"annotator", "layer", "split", "offsets"},
    "labelstudio": {"annotator", "layer", "split"},
    "prodigy": {"annotator", "layer", "split", "alignment"},
}


def test_options_that_a_format_ignores_are_disabled(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    view.set_selection_cp(12, 19)
    window.span_editing.apply_label("GPE")
    dialog = open_dialog(window)
    assert [dialog.annotator_box.itemText(i) for i in range(dialog.annotator_box.count())] == [
        "Documents of one annotator (others left out)",
        "Gold of curated documents",
        "All annotators together",
        "tester",
    ]
    layers = [dialog.layer_box.itemText(i) for i in range(dialog.layer_box.count())]
    assert layers[0] == "All layers" and {"entity", "claim", "section"} <= set(layers)
    widgets = {
        "annotator": dialog.annotator_box,
        "layer": dialog.layer_box,
        "split": dialog.split_check,
        "alignment": dialog.alignment_box,
        "scheme": dialog.scheme_box,
        "parquet": dialog.parquet_check,
        "hf_unit": dialog.hf_unit_box,
        "offsets": dialog.offsets_box,
    }
    assert set(ENABLED) == set(export_formats())
    model = dialog.layer_box.model()
    assert isinstance(model, QStandardItemModel)
    for fmt, enabled in ENABLED.items():
        dialog.format_box.setCurrentText(fmt)
        assert {name for name, w in widgets.items() if w.isEnabled()} == enabled, fmt
        assert all(w.isVisible() for w in widgets.values())  # disabled, never hidden
        assert dialog.format_help.text()
        one_layer = fmt in ("conll", "hf")
        assert model.item(0).isEnabled() is not one_layer
        if one_layer:
            assert dialog.layer_box.currentData() == "entity"
    dialog.format_box.setCurrentText("hf")
    assert not dialog.chunk_box.isEnabled() and dialog.options().hf_unit == "document"
    dialog.hf_unit_box.setCurrentIndex(dialog.hf_unit_box.findData("chunk"))
    dialog.chunk_box.setValue(64)
    assert dialog.chunk_box.isEnabled() and dialog.options().hf_unit == "chunk:64"
    dialog.format_box.setCurrentText("doccano")
    assert not dialog.chunk_box.isEnabled() and dialog.options().hf_unit == "document"
    assert dialog.path_label.text() == "Output file:"
    assert dialog.chosen_path().suffix == ".jsonl"
    click_check = dialog.split_check
    qtbot.mouseClick(click_check, Qt.MouseButton.LeftButton, pos=click_check.rect().center())
    assert click_check.isChecked() and dialog.seed_box.isEnabled()
    assert dialog.path_label.text() == "Output folder:" and dialog.chosen_path().suffix == ""
    dialog.fractions[0].setValue(0.9)  # 0.9 + 0.1 + 0.1
    assert not dialog.export_button.isEnabled() and "add up to 1.10" in dialog.hint.text()
    dialog.fractions[0].setValue(0.8)
    assert dialog.export_button.isEnabled()
    dialog.format_box.setCurrentText("spacy")
    assert dialog.path_label.text() == "Output folder:"
    dialog.reject()


def test_a_folder_holding_files_is_replaced_only_when_asked(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "mine.txt").write_text("old", encoding="utf-8")
    dialog = open_dialog(window)
    dialog.format_box.setCurrentText("brat")
    dialog.path_edit.setText(str(out))
    assert not dialog.export_button.isEnabled() and "corpus holds files" in dialog.hint.text()
    assert dialog.replace_check.isEnabled()
    qtbot.mouseClick(
        dialog.replace_check, Qt.MouseButton.LeftButton, pos=dialog.replace_check.rect().center()
    )
    assert dialog.export_button.isEnabled() and dialog.options().overwrite
    task = run_export(qtbot, window, dialog)
    with qtbot.waitSignal(task.succeeded, timeout=20_000):
        pass
    assert not (out / "mine.txt").exists() and len(list(out.glob("*.ann"))) == 2
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_split_conll_export_writes_three_files_and_reports_the_misaligned_span(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    repo: Repository,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view.set_selection_cp(12, 19)
    window.span_editing.apply_label("GPE")
    misaligned_span(repo)
    dialog = open_dialog(window)
    dialog.format_box.setCurrentText("conll")
    dialog.split_check.setChecked(True)
    for spin, value in zip(dialog.fractions, (0.5, 0.5, 0.0), strict=True):
        spin.setValue(value)
    dialog.scheme_box.setCurrentIndex(dialog.scheme_box.findData("bioes"))
    dialog.hf_unit_box.setCurrentIndex(dialog.hf_unit_box.findData("chunk"))
    dialog.chunk_box.setValue(64)
    out = tmp_path / "corpus"
    dialog.path_edit.setText(str(out))
    task = run_export(qtbot, window, dialog)
    with qtbot.waitSignal(task.succeeded, timeout=20_000) as blocker:
        pass
    report = blocker.args[0]
    assert isinstance(report, ExportReport) and report.per_split == {
        "train": 1,
        "dev": 1,
        "test": 0,
    }
    assert sorted(p.name for p in out.iterdir()) == ["dev.conll", "test.conll", "train.conll"]
    written = (out / "train.conll").read_text() + (out / "dev.conll").read_text()
    assert "Jakarta -X- _ S-GPE" in written  # BIOES, as chosen
    assert "Rotterdam -X- _ O" in written
    box = window.transfers.report_box
    assert box is not None and box.isVisible() and not box.isModal()
    text = box.report_text()
    assert "1 span(s) not exported as annotated" in text
    assert "second 21..27 GPE 'Rotter': starts or ends inside a token" in text
    # long lines wrap instead of running off the window's edge
    assert box.text.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    qtbot.waitUntil(lambda: box.text.horizontalScrollBar().maximum() == 0)
    click(qtbot, box.copy_button)
    assert QGuiApplication.clipboard().text() == text
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    click(qtbot, box.open_button)
    assert opened == [QUrl.fromLocalFile(str(out))]
    qtbot.waitUntil(lambda: not window.runner.tasks)

    again = open_dialog(window)  # the last choices come back
    assert again.chosen_format() == "conll" and again.split_check.isChecked()
    assert [s.value() for s in again.fractions] == [0.5, 0.5, 0.0]
    assert again.options().scheme == "bioes" and again.chosen_path() == out
    assert again.chosen_hf_unit() == "chunk:64"
    again.reject()


def test_cancelled_export_leaves_nothing_behind(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = FORMATS["conll"].exporter
    assert real is not None
    gate = threading.Event()

    def held(
        repo: Repository,
        out: Path,
        options: ExportOptions,
        progress: Progress,
        cancel: CancelCheck,
    ) -> ExportReport:
        def slow(done: int, total: int, message: str = "") -> None:
            progress(done, total, message)
            gate.wait(5)  # the first document is written; hold until Cancel is pressed

        return real(repo, out, options, slow, cancel)

    monkeypatch.setitem(FORMATS, "conll", replace(FORMATS["conll"], exporter=held))
    target = tmp_path / "exports"
    target.mkdir()
    out = target / "corpus"
    dialog = open_dialog(window)
    dialog.format_box.setCurrentText("conll")
    dialog.path_edit.setText(str(out))
    task = run_export(qtbot, window, dialog)
    with qtbot.waitSignal(task.progressed, timeout=20_000):
        pass
    progress_dialog = window.runner.last_dialog
    assert progress_dialog is not None
    (cancel_button,) = progress_dialog.findChildren(QPushButton)
    cancel_button.click()
    gate.set()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        pass
    assert not out.exists()
    assert list(target.iterdir()) == []  # no staging folder left either
    assert "Export cancelled; nothing was written" in window.status_bar.message()
    qtbot.waitUntil(lambda: not window.runner.tasks)


def test_the_dialog_keeps_a_typed_name_across_split_and_format_changes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_dialog(window)
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "kemhan-2024.jsonl"))
    dialog.format_box.setCurrentText("doccano")
    assert dialog.chosen_path() == tmp_path / "kemhan-2024.jsonl"
    split = dialog.split_check
    qtbot.mouseClick(split, Qt.MouseButton.LeftButton, pos=split.rect().center())
    assert dialog.chosen_path() == tmp_path / "kemhan-2024"  # a split writes a folder
    dialog.format_box.setCurrentText("spacy")
    assert dialog.chosen_path() == tmp_path / "kemhan-2024"
    qtbot.mouseClick(split, Qt.MouseButton.LeftButton, pos=split.rect().center())
    dialog.format_box.setCurrentText("native")
    assert dialog.chosen_path() == tmp_path / "kemhan-2024.jsonl"
    # an untouched default name follows the format
    dialog.path_edit.setText(str(tmp_path / "annotator-native.jsonl"))
    dialog.format_box.setCurrentText("spacy")
    assert dialog.chosen_path() == tmp_path / "annotator-spacy"
    dialog.reject()


def test_hf_is_offered_disabled_with_the_install_command_when_datasets_is_missing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(optional, "find_spec", lambda name: None)
    dialog = open_dialog(window)
    model = dialog.format_box.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(dialog.format_box.findText("hf"))
    assert not item.isEnabled()
    assert item.toolTip() == (
        "The hf export needs the Hugging Face datasets library: pip install datasets "
        "(in a source checkout: pip install -e '.[hf]')"
    )
    assert model.item(dialog.format_box.findText("spacy")).isEnabled()
    dialog.reject()


def test_the_first_export_goes_to_an_exports_folder_not_beside_the_imported_files(
    window: MainWindow, tmp_path: Path
) -> None:
    window.settings.setValue(IMPORT_DIR, str(tmp_path / "scraped"))
    dialog = open_dialog(window)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert dialog.chosen_path().parent == Path(documents or Path.home()) / "annotator-exports"
    dialog.reject()
    window.settings.setValue(EXPORT_DIR, str(tmp_path / "exports"))
    dialog = open_dialog(window)
    assert dialog.chosen_path().parent == tmp_path / "exports"  # then where the last one went
    dialog.reject()


def test_gold_is_chosen_in_the_dialog_and_mixed_documents_are_named_in_the_report(
    qtbot: QtBot, window: MainWindow, repo: Repository, tmp_path: Path
) -> None:
    add_team_documents(repo)
    dialog = open_dialog(window)
    names = [dialog.annotator_box.itemText(i) for i in range(dialog.annotator_box.count())]
    assert names[3:] == ["ana", "budi"]  # gold has its own entry
    dialog.format_box.setCurrentText("brat")
    dialog.path_edit.setText(str(tmp_path / "mixed"))
    task = run_export(qtbot, window, dialog)
    with qtbot.waitSignal(task.succeeded, timeout=20_000):
        pass
    box = window.transfers.report_box
    assert box is not None
    assert (
        "left out: mixed (spans by ana, budi): choose --gold, --annotator or --all-annotators"
        in box.report_text()
    )
    qtbot.waitUntil(lambda: not window.runner.tasks)

    again = open_dialog(window)
    again.annotator_box.setFocus()
    while again.annotator_box.currentData() != GOLD:
        qtbot.keyClick(again.annotator_box, Qt.Key.Key_Down)
    assert again.options().gold and again.options().annotator is None
    out = tmp_path / "gold"
    again.path_edit.setText(str(out))
    task = run_export(qtbot, window, again)
    with qtbot.waitSignal(task.succeeded, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].left_out == []
    assert sorted(p.name for p in out.glob("*.ann")) == ["curated.ann"]
    ann = (out / "curated.ann").read_text("utf-8")
    assert "PER 0 12\tBudi Santoso" in ann and "located_in" in ann
    qtbot.waitUntil(lambda: not window.runner.tasks)
