"""Relations in the real window: R + Tab + Enter + the type picker, clicks, Ctrl+drag, refusals,
deleting from the inspector, undo and redo. Every check reads the database afresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.edits import AddRelation
from annotator.core.model import Relation
from annotator.gui.article.view import ArticleView
from annotator.gui.dialogs.relation_picker import RelationTypePicker
from annotator.gui.editing.undo import EditSession
from annotator.gui.main_window import MainWindow
from tests.helpers.saved import SavedProject
from tests.helpers.user_input import ALT, CTRL, SHIFT
from tests.helpers.window import add_others_span, add_span, middle_of

LEFT = Qt.MouseButton.LeftButton


def open_picker(qtbot: QtBot, window: MainWindow) -> RelationTypePicker:
    qtbot.waitUntil(lambda: window.relations.picker is not None)
    picker = window.relations.picker
    assert picker is not None
    qtbot.waitUntil(picker.isVisible)
    return picker


def test_r_tab_enter_and_picker_create_the_relation(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    gpe = add_span(window, "GPE", "Jakarta")
    date = add_span(window, "DATE", "Tabbed")
    claim = add_span(window, "CLAIM", "Second line")
    view.select_span(claim.id)

    qtbot.keyClick(view, "r")
    assert window.relations.active
    assert window.status_bar.message().startswith("Relation from CLAIM “Second line”: Tab")
    assert "Esc to cancel" in window.status_bar.message()
    assert view.banner_text() == (
        "Relation mode: from CLAIM “Second line”. Tab / Shift+Tab: the 1 allowed other end, "
        "nearest first · Enter: choose the type · Esc: cancel"
    )
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # only allowed ends: the DATE is skipped
    assert view.candidate_span_id() == gpe.id
    assert "to GPE “Jakarta”" in window.status_bar.message()
    # the candidate is outlined, not selected: the inspector stays on the head
    assert view.selected_span_id() == claim.id
    assert window.inspector.inspector.span is not None
    assert window.inspector.inspector.span.id == claim.id
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.candidate_span_id() == gpe.id  # the one candidate, again
    qtbot.keyClick(view, "p")  # a label hotkey must not relabel the span being looked at
    assert saved.span(gpe.id).label == "GPE"

    qtbot.keyClick(view, Qt.Key.Key_Return)
    picker = open_picker(qtbot, window)
    assert picker.allowed_types() == ["claimant", "target"]
    qtbot.keyClick(picker.type_list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.type_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.relations.picker is None)

    [relation] = saved.relations()
    assert (relation.label, relation.head, relation.tail, relation.annotator) == (
        "target",
        claim.id,
        gpe.id,
        "tester",
    )
    assert window.status_bar.message() == "Saved: added relation target"
    assert view.selected_span_id() == claim.id  # back on the head, showing the new relation
    assert (view.banner_text(), view.candidate_span_id()) == ("", None)
    items = window.inspector.inspector.relation_list
    assert items.count() == 1 and items.item(0).text() == "target → “Jakarta” (GPE)"

    # Relation mode is over: Tab walks every span again, the DATE included.
    assert not window.relations.active
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    assert view.selected_span_id() == date.id
    qtbot.keyClick(view, "q")  # and hotkeys label again
    assert saved.span(date.id).label == "QUANTITY"


def test_refused_relations_say_why_and_write_nothing(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    date = add_span(window, "DATE", "Tabbed")
    claim = add_span(window, "CLAIM", "Second line")
    view.select_span(date.id)
    qtbot.keyClick(view, "R")
    assert not window.relations.active
    assert window.status_bar.kind() == "problem"
    assert "no relation type starting from a DATE span" in window.status_bar.message()

    view.select_span(claim.id)
    qtbot.keyClick(view, "r")
    assert window.relations.active
    qtbot.mouseClick(view.viewport(), LEFT, pos=middle_of(window, date))  # not an allowed end
    assert window.relations.picker is None
    message = window.status_bar.message()
    assert "no relation type from a CLAIM span to a DATE span" in message
    assert "press Esc to cancel" in message
    assert window.relations.active  # another end may still be chosen
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.relations.active
    assert view.selected_span_id() == claim.id
    assert window.status_bar.message() == "No relation added"
    assert saved.relations() == []


def test_click_picks_the_other_end(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    per = add_span(window, "PER", "there")
    claim = add_span(window, "CLAIM", "Second line")
    view.select_span(claim.id)
    qtbot.keyClick(view, "r")
    qtbot.mouseClick(view.viewport(), LEFT, pos=middle_of(window, per))
    picker = open_picker(qtbot, window)
    qtbot.keyClick(picker.type_list, Qt.Key.Key_Return)  # first allowed type: claimant
    qtbot.waitUntil(lambda: window.relations.picker is None)
    assert [(r.label, r.head, r.tail) for r in saved.relations()] == [
        ("claimant", claim.id, per.id)
    ]


def test_ctrl_drag_from_span_to_span_creates_a_relation_plain_drag_selects_text(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    gpe = add_span(window, "GPE", "Jakarta")
    claim = add_span(window, "CLAIM", "Second line")
    viewport = view.viewport()
    start, end = middle_of(window, claim), middle_of(window, gpe)

    # A plain drag from inside the claim selects text, as everywhere else.
    qtbot.mousePress(viewport, LEFT, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, pos=end)
    assert window.relations.picker is None
    selection = view.selection_cp()
    assert selection[0] < selection[1]

    qtbot.mousePress(viewport, LEFT, CTRL, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, CTRL, pos=end)
    picker = open_picker(qtbot, window)
    assert picker.allowed_types() == ["claimant", "target"]
    qtbot.keyClick(picker.type_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.relations.picker is None)
    assert [(r.label, r.head, r.tail, r.annotator) for r in saved.relations()] == [
        ("claimant", claim.id, gpe.id, "tester")
    ]
    assert len(saved.relations()) == 1  # Enter accepted once, not twice


def test_ctrl_drag_to_a_refused_end_writes_nothing(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    date = add_span(window, "DATE", "Tabbed")
    claim = add_span(window, "CLAIM", "Second line")
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, CTRL, pos=middle_of(window, claim))
    qtbot.mouseRelease(viewport, LEFT, CTRL, pos=middle_of(window, date))
    assert window.relations.picker is None
    assert "no relation type from a CLAIM span to a DATE span" in window.status_bar.message()
    assert saved.relations() == []


def test_delete_relation_in_the_inspector_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, view: ArticleView, session: EditSession, saved: SavedProject
) -> None:
    gpe = add_span(window, "GPE", "Jakarta")
    claim = add_span(window, "CLAIM", "Second line")
    relation = Relation("r-1", "emoji", "target", claim.id, gpe.id, "tester", "2024-01-01")
    assert session.perform(AddRelation(relation))
    view.select_span(claim.id)
    inspector = window.inspector.inspector
    assert inspector.relation_list.count() == 1

    rect = inspector.relation_list.visualItemRect(inspector.relation_list.item(0))
    qtbot.mouseClick(inspector.relation_list.viewport(), LEFT, pos=rect.center())
    qtbot.keyClick(inspector.relation_list, Qt.Key.Key_Delete)
    assert saved.relations() == []
    assert inspector.relation_list.count() == 0
    assert window.status_bar.message() == "Saved: deleted relation target"

    qtbot.keyClick(inspector.relation_list, Qt.Key.Key_Z, CTRL)
    assert [r.id for r in saved.relations()] == ["r-1"]
    assert inspector.relation_list.count() == 1
    qtbot.keyClick(inspector.relation_list, Qt.Key.Key_Z, CTRL | SHIFT)
    assert saved.relations() == []


def test_deleting_a_span_takes_its_relations_and_undo_brings_both(
    qtbot: QtBot, window: MainWindow, view: ArticleView, session: EditSession, saved: SavedProject
) -> None:
    gpe = add_span(window, "GPE", "Jakarta")
    claim = add_span(window, "CLAIM", "Second line")
    relation = Relation("r-1", "emoji", "claimant", claim.id, gpe.id, "tester", "2024-01-01")
    assert session.perform(AddRelation(relation))
    view.select_span(gpe.id)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not saved.has_span(gpe.id)
    assert saved.relations() == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved.has_span(gpe.id)
    assert [r.id for r in saved.relations()] == ["r-1"]


def test_tab_offers_the_allowed_ends_nearest_first(
    qtbot: QtBot, window: MainWindow, view: ArticleView
) -> None:
    far = add_span(window, "PER", "Hi")
    near = add_span(window, "GPE", "Jakarta")
    nearer = add_span(window, "ORG", "café")
    add_span(window, "DATE", "Tabbed")  # not allowed: never offered
    claim = add_span(window, "CLAIM", "and e\u0301")
    view.select_span(claim.id)
    qtbot.keyClick(view, "r")
    offered = []
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        offered.append(view.candidate_span_id())
    assert offered == [nearer.id, near.id, far.id, nearer.id]
    qtbot.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    assert view.candidate_span_id() == far.id
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert (view.banner_text(), view.candidate_span_id()) == ("", None)
    assert view.selected_span_id() == claim.id


def test_relation_mode_tab_skips_other_annotators_spans_even_when_shown(
    qtbot: QtBot, window: MainWindow, view: ArticleView, saved: SavedProject
) -> None:
    theirs = add_others_span(window, "budi", "PER", "café")
    gpe = add_span(window, "GPE", "Jakarta")
    claim = add_span(window, "CLAIM", "Second line")
    qtbot.keyClick(view, Qt.Key.Key_6, CTRL | ALT)  # others' work shown, ghosted
    assert [g.span.id for g in view.ghost_geometry()] == [theirs.id]
    view.select_span(claim.id)
    qtbot.keyClick(view, "r")
    assert "the 1 allowed other end" in view.banner_text()
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert view.candidate_span_id() == gpe.id
    qtbot.mouseClick(view.viewport(), LEFT, pos=middle_of(window, theirs))
    assert window.relations.active and saved.relations() == []
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.relations.active
    assert saved.relations() == []
