"""Live refresh: copies of the app on one server project see each other's work within 2 s."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.assignment import AssignmentPlan
from annotator.core.edits import AddSpan, UpdateDocument
from annotator.core.model import Document, Span, make_span
from annotator.gui.controllers.live_refresh import COALESCE_MS, LiveRefresh
from annotator.gui.main_window import MainWindow
from annotator.gui.panels.document_list import DocumentListModel
from annotator.seed import ensure_project
from annotator.store.assignments import write_plan
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.postgres.notices import ChangeListener
from annotator.store.repository import Repository
from tests.helpers.postgres import PgServer
from tests.helpers.window_fixtures import make_settings

LONG_TEXT = "\n".join(f"Paragraph {i} mentions Jakarta and Surabaya." for i in range(400))

OpenWindow = Callable[[str], MainWindow]


@pytest.fixture
def server_project(pg_url: str) -> str:
    """A server project with a long document and a short one."""
    repo = Repository(open_db(pg_url))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="d1", text=LONG_TEXT, title="Long"))
        repo.add_document(Document(id="d2", text="Rotterdam port grows.", title="Short"))
    repo.db.close()
    return pg_url


@pytest.fixture
def open_window(qtbot: QtBot, server_project: str, tmp_path: Path) -> Iterator[OpenWindow]:
    """Opens a copy of the app on the server project as the annotator named: its own
    connection and settings, the long document open."""
    windows: list[MainWindow] = []

    def open_as(annotator: str) -> MainWindow:
        repo = Repository(open_db(server_project))
        settings = make_settings(tmp_path / f"{annotator}-{len(windows)}.ini")
        window = MainWindow(repo, server_project, annotator, settings)
        qtbot.addWidget(window)
        window.documents.open_first_document("d1")
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_as
    for window in windows:
        window.close()
        window.runner.cancel_all()
        window.workspace.repo.db.close()


def someone_else(url: str, annotator: str) -> Repository:
    """Another program's connection to the project (the command line, a script)."""
    return Repository(open_db(url), annotator)


def live(window: MainWindow) -> LiveRefresh:
    assert window.live_refresh is not None
    return window.live_refresh


def done_by(window: MainWindow, doc_id: str) -> str:
    model = window.doc_model
    return str(model.index(model.row_of(doc_id), DocumentListModel.DONE_BY).data() or "")


def span_count(window: MainWindow, doc_id: str) -> int:
    model = window.doc_model
    return int(model.index(model.row_of(doc_id), DocumentListModel.SPANS).data())


def team_column_shown(window: MainWindow) -> bool:
    return not window.doc_list.isColumnHidden(DocumentListModel.DONE_BY)


def ghost_ids(window: MainWindow) -> set[str]:
    return {span.id for span in window.view.ghosts.spans()}


def add_own_span(window: MainWindow, needle: str, label: str = "GPE", nth: int = 0) -> Span:
    """A span over the ``nth`` occurrence of ``needle``, made in ``window`` by its annotator."""
    doc = window.workspace.doc
    assert doc is not None
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    layer = window.workspace.schema.label(label).layer
    span = make_span(doc, layer, label, start, start + len(needle), window.workspace.annotator)
    assert window.session.perform(AddSpan(span))
    return span


def test_a_status_change_in_one_window_shows_in_the_others_list_within_two_seconds(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    ana, ben = open_window("ana"), open_window("ben")
    assert done_by(ana, "d1") == "" and not team_column_shown(ana)
    ben.actions_["document.status.done"].trigger()
    assert ben.workspace.doc is not None and ben.workspace.doc.status == "done"
    qtbot.waitUntil(lambda: done_by(ana, "d1") == "1/1" and team_column_shown(ana), timeout=2000)
    assert ana.workspace.doc is not None and ana.workspace.doc.status == "todo"
    assert done_by(ana, "d2") == ""


def test_a_span_another_annotator_adds_appears_in_the_ghosts_and_the_comparison(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    ana, ben = open_window("ana"), open_window("ben")
    ana.curation.open()
    assert "Nobody" in ana.status_bar.message()
    span = add_own_span(ben, "Surabaya", nth=3)
    qtbot.waitUntil(lambda: span.id in ghost_ids(ana), timeout=2000)
    qtbot.waitUntil(lambda: "one annotator: ben" in ana.comparison.heading.text(), timeout=2000)
    assert ana.view.spans() == [] and ana.span_model.rowCount() == 0
    qtbot.waitUntil(lambda: span_count(ana, "d1") == 1, timeout=2000)


def test_an_open_comparison_waits_while_the_curator_edits_a_gold_span(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    ana, ben, carl = open_window("ana"), open_window("ben"), open_window("carl")
    first = add_own_span(ben, "Surabaya", nth=3)
    qtbot.waitUntil(lambda: first.id in ghost_ids(ana), timeout=2000)
    ana.curation.open()
    ana.comparison.shown.setCurrentText("Everything still open")  # one reading: no difference
    table = ana.comparison.table
    qtbot.keyClick(table, Qt.Key.Key_E)  # accept ben's span into gold and edit it
    assert ana.curation.editing is not None
    second = add_own_span(carl, "Jakarta", nth=3)
    qtbot.waitUntil(lambda: second.id in ghost_ids(ana), timeout=2000)
    assert "one annotator: ben" in ana.comparison.heading.text()
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert ana.curation.editing is None
    assert "2 annotators (ben, carl)" in ana.comparison.heading.text()


def test_the_annotators_own_status_set_in_another_copy_of_the_app_shows_here(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    first, second = open_window("ana"), open_window("ana")
    first.actions_["document.status.done"].trigger()
    qtbot.waitUntil(lambda: second.actions_["document.status.done"].isChecked(), timeout=2000)
    assert second.workspace.doc is not None and second.workspace.doc.status == "done"
    model = second.doc_model
    assert model.index(model.row_of("d1"), DocumentListModel.STATUS).data() == "Done"


def test_a_refresh_keeps_the_users_selection_and_scroll_position(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    ana, ben = open_window("ana"), open_window("ben")
    own = add_own_span(ana, "Jakarta", nth=200)
    ana.view.select_span(own.id)
    bar = ana.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    assert scroll > 0
    theirs = add_own_span(ben, "Jakarta", nth=0)
    qtbot.waitUntil(lambda: theirs.id in ghost_ids(ana), timeout=2000)
    assert bar.value() == scroll
    assert ana.workspace.selected_span_id == own.id
    assert [span.id for span in ana.view.spans()] == [own.id]


def test_the_windows_own_commits_do_not_refresh_it(qtbot: QtBot, open_window: OpenWindow) -> None:
    ana = open_window("ana")
    with qtbot.assertNotEmitted(live(ana).refreshed, wait=600):
        add_own_span(ana, "Jakarta")
        ana.actions_["document.status.in_progress"].trigger()


def test_a_burst_of_commits_elsewhere_is_shown_in_few_refreshes_at_least_200_ms_apart(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    refreshed: list[float] = []
    live(ana).refreshed.connect(lambda _ids: refreshed.append(time.monotonic()))
    ben = someone_else(server_project, "ben")
    statuses = ["in_progress", "needs_review", "done"] * 5
    before = "todo"
    for status in statuses:
        ben.apply(UpdateDocument("d2", {"status": before}, {"status": status}), "ben")
        before = status
        qtbot.wait(25)
    qtbot.waitUntil(lambda: done_by(ana, "d2") == "1/1", timeout=2000)
    gaps = [later - earlier for earlier, later in pairwise(refreshed)]
    assert 1 <= len(refreshed) < len(statuses)
    assert all(gap >= COALESCE_MS / 1000 for gap in gaps), gaps
    ben.db.close()


def test_an_assignment_elsewhere_narrows_the_list_to_the_annotators_queue(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    assert ana.doc_model.document_ids() == ["d1", "d2"]
    owner = someone_else(server_project, "owner")
    write_plan(owner, AssignmentPlan((("d2", "ana"),), {"ana": 1}, {"ana": 1}))
    qtbot.waitUntil(lambda: ana.doc_model.document_ids() == ["d2"], timeout=2000)
    assert ana.workspace.doc is not None and ana.workspace.doc.id == "d1"  # still open
    owner.db.close()


def test_a_dropped_listener_reconnects_quietly_and_catches_up(
    qtbot: QtBot, open_window: OpenWindow, server_project: str, pg_server: PgServer
) -> None:
    ana = open_window("ana")
    first = live(ana).listener
    assert first is not None and first.pid is not None
    ben = someone_else(server_project, "ben")
    with qtbot.waitSignal(live(ana).listening, check_params_cb=lambda up: not up, timeout=5000):
        pg_server.admin(f"SELECT pg_terminate_backend({first.pid})")
    ben.apply(UpdateDocument("d1", {"status": "todo"}, {"status": "done"}), "ben")
    qtbot.waitUntil(lambda: done_by(ana, "d1") == "1/1", timeout=5000)
    again = live(ana).listener
    assert again is not None and again.pid != first.pid
    assert ana.status_bar.kind() != "problem"
    ben.apply(UpdateDocument("d2", {"status": "todo"}, {"status": "done"}), "ben")
    qtbot.waitUntil(lambda: done_by(ana, "d2") == "1/1", timeout=2000)
    ben.db.close()


def test_a_server_away_at_first_is_tried_again_in_the_background_until_it_answers(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    live(ana).close()
    attempts: list[float] = []

    def flaky() -> ChangeListener:
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise StoreError("PostgreSQL database corpus on db:5432: cannot connect to the server")
        return ChangeListener(server_project)

    ws = ana.workspace
    parts = (ana.doc_model, ana.doc_list, ana.doc_filter, ana.view, ana.curation, ana.status_bar)
    first = ana.documents.open_first_document
    refresh = LiveRefresh(ws, *parts, ana.queue.refresh, first, flaky, ana)
    assert refresh.listener is None and len(attempts) == 1
    ben = someone_else(server_project, "ben")
    with qtbot.waitSignal(refresh.listening, timeout=5000):
        ben.apply(UpdateDocument("d1", {"status": "todo"}, {"status": "done"}), "ben")
    assert len(attempts) == 3 and attempts[2] - attempts[0] >= 1.0  # pauses of 0.25 s and 1 s
    qtbot.waitUntil(lambda: done_by(ana, "d1") == "1/1", timeout=2000)
    assert ana.status_bar.kind() != "problem"
    refresh.close()
    ben.db.close()


def import_elsewhere(url: str, documents: list[Document]) -> None:
    """An import by another program (the command line): all documents in one transaction."""
    other = someone_else(url, "owner")
    with other.transaction():
        for doc in documents:
            other.add_document(doc)
    other.db.close()


def test_documents_imported_in_one_window_appear_in_the_others_list_within_two_seconds(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    ana, ben = open_window("ana"), open_window("ben")
    ana.doc_filter.proxy.set_text("port")  # the imported file's name
    assert ana.doc_filter.visible_ids() == []
    path = tmp_path / "port.txt"
    path.write_text("Rotterdam and Jakarta sign a port deal.\n", encoding="utf-8")
    task = ben.transfers.start_import([path])
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    imported = [i for i in ben.doc_model.document_ids() if i not in ("d1", "d2")]
    assert len(imported) == 1
    qtbot.waitUntil(lambda: imported[0] in ana.doc_model.document_ids(), timeout=2000)
    assert ana.doc_filter.visible_ids() == imported  # the filter still applies
    assert ana.workspace.doc is not None and ana.workspace.doc.id == "d1"


def test_a_thousand_documents_imported_elsewhere_are_listed_in_one_refresh(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    bar = ana.doc_list.verticalScrollBar()
    refreshed: list[object] = []
    live(ana).refreshed.connect(refreshed.append)
    import_elsewhere(
        server_project, [Document(id=f"n{i:04}", text=f"Note {i}.") for i in range(1000)]
    )
    qtbot.waitUntil(lambda: len(ana.doc_model.document_ids()) == 1002, timeout=2000)
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    import_elsewhere(server_project, [Document(id="z-last", text="Last one.")])
    qtbot.waitUntil(lambda: ana.doc_model.document_ids()[-1] == "z-last", timeout=2000)
    assert bar.value() == scroll
    assert len(refreshed) == 2
    assert ana.doc_list.currentIndex().data(DocumentListModel.IdRole) == "d1"


def test_a_note_title_and_label_changed_in_one_window_show_in_the_other(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    ana, ben = open_window("ana"), open_window("ben")
    panel = ben.document_panel
    panel.note_edit.setPlainText("Check the dates with the desk.")
    panel.note_edit.commit()
    panel.title_edit.setText("Long report")
    panel.title_edit.editingFinished.emit()
    qtbot.waitUntil(
        lambda: ana.document_panel.note_edit.toPlainText() == "Check the dates with the desk.",
        timeout=2000,
    )
    qtbot.waitUntil(lambda: ana.document_panel.title_edit.text() == "Long report", timeout=2000)
    assert ana.windowTitle().startswith("Long report — ")
    model = ana.doc_model
    assert model.index(model.row_of("d1"), DocumentListModel.TITLE).data() == "Long report"
    assert ana.workspace.doc is not None and ana.workspace.doc.note.startswith("Check")


def test_a_note_being_typed_is_kept_when_the_document_changes_elsewhere(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    ana.document_panel.note_edit.setPlainText("half a thou")
    other = someone_else(server_project, "ben")
    other.apply(UpdateDocument("d1", {"title": "Long"}, {"title": "Longer"}), "ben")
    qtbot.waitUntil(lambda: ana.document_panel.title_edit.text() == "Longer", timeout=2000)
    assert ana.document_panel.note_edit.toPlainText() == "half a thou"
    other.db.close()


def test_the_open_document_deleted_elsewhere_closes_and_says_so(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    other = someone_else(server_project, "owner")
    other.db.execute("DELETE FROM documents WHERE id = 'd1'")
    qtbot.waitUntil(lambda: ana.doc_model.document_ids() == ["d2"], timeout=2000)
    assert ana.workspace.doc is not None and ana.workspace.doc.id == "d2"
    assert ana.status_bar.message() == ("“Long” was deleted from the project elsewhere")
    other.db.close()


def test_a_text_extracted_again_elsewhere_reopens_the_document_at_the_same_paragraph(
    qtbot: QtBot, open_window: OpenWindow, server_project: str
) -> None:
    ana = open_window("ana")
    bar = ana.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    paragraph = ana.view.firstVisibleBlock().blockNumber()
    assert paragraph > 0
    other = someone_else(server_project, "owner")
    other.db.execute(
        "UPDATE documents SET text = ? WHERE id = 'd1'", [LONG_TEXT.replace("Jakarta", "Bogor")]
    )
    qtbot.waitUntil(lambda: "Bogor" in ana.view.toPlainText(), timeout=2000)
    assert ana.view.firstVisibleBlock().blockNumber() == paragraph
    other.db.close()


def test_a_project_file_is_not_listened_to(window: MainWindow) -> None:
    assert window.live_refresh is None
