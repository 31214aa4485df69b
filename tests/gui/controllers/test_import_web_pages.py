"""File ▸ Import… with web pages and archives: the dialog offers them and their options, and the
import writes the articles with their section suggestions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.gui.dialogs.import_files import FILE_FILTER
from annotator.gui.main_window import MainWindow
from annotator.store.suggestions import suggestions
from tests.helpers.news_pages import ENGLISH_PAGE, write_crawl, write_page
from tests.helpers.saved import SavedProject

INDONESIAN_ID = "kabarnusantara-example-news-banjir-kalsel"


def test_dialog_imports_a_page_and_an_archive_with_the_web_options(
    qtbot: QtBot, window: MainWindow, saved: SavedProject, tmp_path: Path
) -> None:
    assert all(f"*.{ext}" in FILE_FILTER for ext in ("html", "htm", "warc", "warc.gz"))
    page = write_page(tmp_path, "rotterdam.html", ENGLISH_PAGE)
    dialog = window.transfers.import_dialog([page])
    assert dialog.inputs.topLevelItem(0).text(1) == "html"
    assert dialog.boilerplate_check.isEnabled() and not dialog.url_filter_edit.isEnabled()
    crawl = write_crawl(tmp_path / "crawl.warc.gz")
    dialog.add_paths([crawl])
    assert dialog.inputs.topLevelItem(1).text(1) == "warc"
    assert dialog.url_filter_edit.isEnabled()
    qtbot.keyClicks(dialog.url_filter_edit, "(kabar")
    assert not dialog.import_button.isEnabled()
    assert "is not a regular expression" in dialog.hint.text()
    dialog.url_filter_edit.clear()
    qtbot.keyClicks(dialog.url_filter_edit, "kabarnusantara")
    dialog.boilerplate_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (task,) = window.runner.tasks
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].imported == ["rotterdam", INDONESIAN_ID]
    assert "By Maartje de Vries" in saved.document("rotterdam").text  # boilerplate kept
    labels = saved.read(lambda repo: [s.label for s in suggestions(repo, doc_id=INDONESIAN_ID)])
    assert labels.count("BOILERPLATE") == 4 and labels.count("CAPTION") == 2
    box = window.transfers.report_box
    assert box is not None and "4 response(s) left out by --url-filter" in box.report_text()
    qtbot.waitUntil(lambda: not window.runner.tasks)
