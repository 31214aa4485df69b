"""Annotating independently: the window shows the annotator's own spans to edit, hides other
annotators' until View ▸ Show ▸ Other Annotators' Work shows them ghosted, and no key, click
or stale selection changes another annotator's span. Every check reads the database afresh."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.core.edits import Changes, Edit
from annotator.gui.article.view import ArticleView
from annotator.gui.crash import CrashHandler
from annotator.gui.main_window import MainWindow
from annotator.gui.state import Workspace
from annotator.store.repository import Repository
from tests.helpers.connection_faults import UNREACHABLE_REASON, cut_off, server_db
from tests.helpers.fixtures import EMOJI_TEXT
from tests.helpers.postgres import PgServer
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL, SHIFT, select_by_keys
from tests.helpers.window import (
    add_others_relation,
    add_others_span,
    add_span,
    middle_of,
    point_of,
)

LEFT = Qt.MouseButton.LeftButton


def show_others(qtbot: QtBot, view: ArticleView) -> None:
    qtbot.keyClick(view, Qt.Key.Key_6, CTRL | ALT)


def test_an_annotator_sees_only_their_own_spans_by_default(
    window: MainWindow, view: ArticleView
) -> None:
    theirs = add_others_span(window, "budi", "GPE", "Jakarta")
    mine = add_span(window, "PER", "café")
    model = window.span_list.model()
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["PER"]
    assert [span.id for span in view.spans()] == [mine.id]
    assert view.span_geometry(theirs.id) == []
    assert view.ghost_geometry() == []
    assert [tag.label for tag in view.tag_geometry()] == ["PER"]
    assert view.tooltip_at(middle_of(window, theirs).toPointF()) == ""
    assert not window.actions_["view.show.others"].isChecked()


def test_ctrl_alt_6_shows_others_spans_ghosted_with_their_names_and_hides_them_again(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    theirs = add_others_span(window, "budi", "GPE", "Jakarta")
    add_span(window, "PER", "café")
    show_others(qtbot, view)
    assert window.actions_["view.show.others"].isChecked()
    [ghost] = view.ghost_geometry()
    assert (ghost.span.id, ghost.tag_text) == (theirs.id, "budi: GPE")
    assert ghost.rects and ghost.tag is not None
    own_tags = [tag.rect for tag in view.tag_geometry()]
    assert all(not ghost.tag.intersects(rect) for rect in own_tags)
    assert ghost.tag.bottom() <= ghost.rects[0].top()  # in the band above the line
    tooltip = view.tooltip_at(middle_of(window, theirs).toPointF())
    assert tooltip.startswith("<i>budi's span, read-only</i><br><b>GPE</b> (entity) “Jakarta”")
    assert [span.id for span in view.spans()] != [theirs.id]  # still not the view's to select

    qtbot.keyClick(view, Qt.Key.Key_1, CTRL | ALT)  # hiding entities hides their ghosts too
    assert view.ghost_geometry() == []
    qtbot.keyClick(view, Qt.Key.Key_1, CTRL | ALT)
    assert len(view.ghost_geometry()) == 1
    show_others(qtbot, view)
    assert view.ghost_geometry() == []


def test_clicks_and_keys_on_a_ghost_change_nothing(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    workspace: Workspace,
    saved: SavedProject,
) -> None:
    theirs = add_others_span(window, "budi", "GPE", "Jakarta")
    show_others(qtbot, view)
    qtbot.mouseClick(view.viewport(), LEFT, pos=middle_of(window, theirs))
    assert workspace.selected_span_id is None
    for key, modifiers in (
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_O, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Right, ALT | SHIFT),
        (Qt.Key.Key_Left, ALT),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
    ):
        qtbot.keyClick(view, key, modifiers)
    assert workspace.selected_span_id is None  # Tab found no span of this annotator
    assert saved.spans() == [theirs]


def test_another_annotators_span_selected_by_a_forgetful_path_is_refused(
    window: MainWindow, workspace: Workspace, saved: SavedProject
) -> None:
    theirs = add_others_span(window, "budi", "GPE", "Jakarta")
    workspace.select_span(theirs.id)
    window.span_editing.delete_selected_span()
    refusal = "This span is budi's: GPE “Jakarta” can be changed only by budi"
    assert window.status_bar.message() == refusal
    window.span_editing.move_boundary("end", 1, False)
    window.span_editing.label_hotkey("o")
    assert window.status_bar.message() == refusal
    assert saved.spans() == [theirs]
    assert not window.session.stack.count()


def test_selecting_the_text_of_a_ghost_makes_an_own_span_beside_it(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    theirs = add_others_span(window, "budi", "GPE", "Jakarta")
    view.set_selection_cp(theirs.start, theirs.end)
    qtbot.keyClick(view, "g")  # the same label on the same text is this annotator's own
    assert sorted((s.annotator, s.label, s.text) for s in saved.spans()) == [
        ("budi", "GPE", "Jakarta"),
        ("tester", "GPE", "Jakarta"),
    ]
    assert [s.annotator for s in view.spans()] == ["tester"]


def test_two_annotators_each_add_a_section_over_the_same_text(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    doc = window.workspace.doc
    assert doc is not None
    theirs = add_others_span(window, "budi", "BODY", doc.text)
    show_others(qtbot, view)
    view.set_selection_cp(0, len(doc.text))
    qtbot.keyClick(view, "5")  # BODY
    sections = sorted((s.annotator, s.label, s.start, s.end) for s in saved.spans())
    assert sections == [("budi", "BODY", 0, len(doc.text)), ("tester", "BODY", 0, len(doc.text))]
    assert window.status_bar.message().startswith("Saved: added BODY")
    view.set_selection_cp(3, 8)
    qtbot.keyClick(view, "3")  # LEAD over the own BODY: the layer allows no overlap
    assert window.status_bar.message().startswith("Not saved: section spans may not overlap")
    assert len(saved.spans()) == 2
    assert [g.span.id for g in view.ghost_geometry()] == [theirs.id]


def test_the_document_list_counts_every_annotators_spans(
    window: MainWindow, saved: SavedProject
) -> None:
    add_others_span(window, "budi", "GPE", "Jakarta")
    add_span(window, "PER", "café")
    model = window.doc_list.model()
    row = next(r for r in range(model.rowCount()) if "Emoji" in str(model.index(r, 0).data()))
    assert model.index(row, 1).data() == 2 and len(saved.spans()) == 2


def test_a_ghost_under_the_point_of_an_own_span_leaves_the_tooltip_to_the_own_one(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    add_others_span(window, "budi", "ORG", "Jakarta")
    mine = add_span(window, "GPE", "Jakarta")
    show_others(qtbot, view)
    assert view.tooltip_at(point_of(window, mine.start + 1).toPointF()).startswith("<b>GPE</b>")


def test_others_relations_are_ghosted_with_their_work_and_relation_keys_leave_them_alone(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    workspace: Workspace,
    saved: SavedProject,
) -> None:
    claim = add_others_span(window, "budi", "CLAIM", "Hi 😀 there")
    place = add_others_span(window, "budi", "GPE", "Jakarta")
    theirs = add_others_relation(window, "budi", "target", claim, place)
    mine = add_span(window, "CLAIM", "Tabbed line")
    assert view.ghost_arc_geometry() == [] and view.arc_geometry() == []
    show_others(qtbot, view)
    [arc] = view.ghost_arc_geometry()
    assert (arc.relation_id, arc.label, arc.stub) == (theirs.id, "budi: target", False)

    viewport = view.viewport()
    qtbot.mouseClick(viewport, LEFT, pos=arc.label_rect.center().toPoint())
    qtbot.mouseClick(viewport, LEFT, pos=middle_of(window, claim))
    assert workspace.selected_span_id is None
    for key in (Qt.Key.Key_R, Qt.Key.Key_Delete, Qt.Key.Key_Return):
        qtbot.keyClick(view, key)
    assert not window.relations.active
    qtbot.mousePress(viewport, LEFT, CTRL, pos=middle_of(window, claim))  # a drag between ghosts
    qtbot.mouseMove(viewport, middle_of(window, place))
    qtbot.mouseRelease(viewport, LEFT, CTRL, pos=middle_of(window, place))
    assert window.relations.picker is None

    view.select_span(mine.id)  # from an own claim, the ghost is never the other end
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert window.relations.active and "No span here may be the other end" in view.banner_text()
    qtbot.mouseClick(viewport, LEFT, pos=middle_of(window, place))
    qtbot.mouseClick(viewport, LEFT, pos=arc.label_rect.center().toPoint())
    assert window.status_bar.message() == (
        "Click a span to end the relation there, or press Esc to cancel"
    )
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert saved.relations() == [theirs]
    assert sorted(s.id for s in saved.spans()) == sorted([claim.id, place.id, mine.id])
    assert [arc.relation_id for arc in view.ghost_arc_geometry()] == [theirs.id]


def test_a_new_annotator_name_clears_undo_and_splits_own_and_others_again(
    qtbot: QtBot,
    window: MainWindow,
    view: ArticleView,
    saved: SavedProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claim = add_others_span(window, "budi", "CLAIM", "Hi 😀 there")
    place = add_others_span(window, "budi", "GPE", "Jakarta")
    theirs = add_others_relation(window, "budi", "target", claim, place)
    mine = add_span(window, "PER", "café")
    show_others(qtbot, view)
    undo = window.actions_["edit.undo"]
    assert window.session.stack.count() == 1 and undo.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("budi", True))
    window.actions_["file.set_annotator_name"].trigger()
    assert window.session.stack.count() == 0 and not undo.isEnabled()
    assert sorted(span.id for span in view.spans()) == sorted([claim.id, place.id])
    assert [g.span.id for g in view.ghost_geometry()] == [mine.id]
    assert [(a.relation_id, a.label) for a in view.arc_geometry()] == [(theirs.id, "target")]
    assert view.ghost_arc_geometry() == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the step was tester's: nothing to undo now
    assert saved.span(mine.id) == mine and saved.relations() == [theirs]


def test_the_shown_spans_stay_those_stored_through_edits_by_everyone(
    window: MainWindow, saved: SavedProject
) -> None:
    """The comparison of annotators takes the spans the window holds instead of reading a big
    document again, so they must be exactly the stored ones, in document order."""
    add_others_span(window, "budi", "GPE", "Jakarta")
    mine = add_span(window, "PER", "café")
    add_span(window, "GPE", "Jakarta")  # touching budi's: own and others' kept apart
    window.session.stack.undo()  # an undone edit leaves the shown spans too
    assert window.display.shown_spans("second") is None
    shown = window.display.shown_spans("emoji")
    assert shown is not None
    assert [s.id for s in shown] == [s.id for s in saved.spans("emoji")]
    assert mine.id in {s.id for s in shown}
    assert {s.annotator for s in shown} == {"tester", "budi"}


@pytest.mark.qt_no_exception_capture
def test_a_document_whose_spans_cannot_be_read_is_closed_not_shown_with_another_text(
    qtbot: QtBot,
    server_window: MainWindow,
    server_crash_handler: CrashHandler,
    pg_server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = server_window.workspace.repo
    assert repo.document("second").title == "Second"  # read before the server went away
    cut_off(pg_server, server_db(repo), monkeypatch)
    qtbot.keyClick(server_window.doc_list, Qt.Key.Key_Down)
    status = server_window.status_bar
    qtbot.waitUntil(lambda: status.kind() == "problem")
    qtbot.wait(50)  # every failure of the action reported
    assert server_crash_handler.dialog is None
    assert re.match(r"^Not opened: " + UNREACHABLE_REASON, status.message())
    assert server_window.workspace.doc is None
    assert server_window.view.toPlainText() == ""
    assert server_window.span_list.model().rowCount() == 0


@pytest.mark.qt_no_exception_capture
def test_an_edit_saved_just_before_the_server_went_away_says_it_was_saved_but_may_not_show(
    qtbot: QtBot,
    server_window: MainWindow,
    server_crash_handler: CrashHandler,
    server_saved: SavedProject,
    pg_server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = server_window.workspace.repo
    apply = Repository.apply

    def apply_then_lose_the_server(self: Repository, edit: Edit, annotator: str) -> Changes:
        changes = apply(self, edit, annotator)
        cut_off(pg_server, server_db(repo), monkeypatch)
        return changes

    monkeypatch.setattr(Repository, "apply", apply_then_lose_the_server)
    start = EMOJI_TEXT.find("Jakarta")
    select_by_keys(qtbot, server_window, start, len("Jakarta"))
    qtbot.keyClick(server_window.view, "g")
    status = server_window.status_bar
    qtbot.waitUntil(lambda: status.kind() == "problem")
    qtbot.wait(50)  # every failure of the action reported
    assert server_crash_handler.dialog is None
    assert re.match(
        r"^Saved: added GPE “Jakarta”, but it could not be read back to show it: "
        + UNREACHABLE_REASON[:-1]
        + r"; open the document again once the server is back$",
        status.message(),
    )
    assert [row[1:] for row in server_saved.span_rows()] == [("GPE", start, start + 7, "Jakarta")]
    doc = server_window.workspace.doc
    assert doc is not None and doc.id == "emoji"
    assert server_window.view.toPlainText() == EMOJI_TEXT
