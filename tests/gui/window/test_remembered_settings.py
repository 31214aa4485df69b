"""What the window remembers: text size, layout, snapping and the annotator name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.config import load_config
from annotator.gui.article.view import ArticleView
from annotator.gui.controllers.text_size import DEFAULT_FONT_SIZE
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from annotator.store.repository import Repository
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL
from tests.helpers.window_fixtures import make_settings


def reopen(qtbot: QtBot, repo: Repository, db_path: Path, settings_path: Path) -> MainWindow:
    window = MainWindow(repo, db_path, "tester", make_settings(settings_path))
    qtbot.addWidget(window)
    window.documents.open_first_document()
    return window


def test_font_size_keys_and_persistence(
    qtbot: QtBot, view: ArticleView, repo: Repository, db_path: Path, settings_path: Path
) -> None:
    assert view.font().pointSizeF() == DEFAULT_FONT_SIZE
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    assert view.font().pointSizeF() == DEFAULT_FONT_SIZE + 2
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.font().pointSizeF() == DEFAULT_FONT_SIZE + 1

    again = reopen(qtbot, repo, db_path, settings_path)
    assert again.view.font().pointSizeF() == DEFAULT_FONT_SIZE + 1
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.font().pointSizeF() == DEFAULT_FONT_SIZE
    assert reopen(qtbot, repo, db_path, settings_path).text_size.font_size == DEFAULT_FONT_SIZE


def test_layout_last_document_and_snapping_are_remembered(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    repo: Repository,
    db_path: Path,
    settings_path: Path,
) -> None:
    window.resize(700, 500)  # inside the offscreen 800x600 screen
    window.palette_dock.hide()
    window.actions_["edit.snap_to_words"].setChecked(False)
    workspace.open_document("second")
    window.close()
    again = reopen(qtbot, repo, db_path, settings_path)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (700, 500)
    assert again.palette_dock.isHidden()
    assert not again.actions_["edit.snap_to_words"].isChecked()
    assert again.workspace.doc is not None and again.workspace.doc.id == "second"


def test_showing_other_annotators_work_is_remembered(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    repo: Repository,
    db_path: Path,
    settings_path: Path,
) -> None:
    assert not window.actions_["view.show.others"].isChecked() and not view.ghosts.visible
    qtbot.keyClick(view, Qt.Key.Key_6, CTRL | ALT)
    window.close()
    again = reopen(qtbot, repo, db_path, settings_path)
    assert again.actions_["view.show.others"].isChecked() and again.view.ghosts.visible
    again.actions_["view.show.others"].trigger()  # View ▸ Show ▸ Other Annotators' Work
    again.close()
    third = reopen(qtbot, repo, db_path, settings_path)
    assert not third.actions_["view.show.others"].isChecked() and not third.view.ghosts.visible


def test_annotator_name_is_saved_and_recorded_on_new_spans(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    saved: SavedProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  Dewi  ", True))
    window.actions_["file.set_annotator_name"].trigger()
    assert load_config()["annotator"] == "Dewi"
    assert window.status_bar.annotator_text() == "Annotator: Dewi"
    view.set_selection_cp(12, 19)
    window.span_editing.apply_label("GPE")
    (span,) = saved.spans("emoji")
    assert span.annotator == "Dewi"
    assert saved.edit_log()[0].annotator == "Dewi"


def test_about_box_is_non_modal_and_names_the_database(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    box = window.show_about()
    assert box.isVisible() and not box.isModal()
    assert str(db_path) in box.text()
