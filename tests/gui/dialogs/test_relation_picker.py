"""The relation type picker offers only what the schema allows and is driven by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from annotator.core.model import Document, Span
from annotator.core.operations.relations import make_relation
from annotator.gui.dialogs.relation_picker import RelationTypePicker
from annotator.store.repository import Repository
from tests.helpers.builders import add_span


def open_picker(qtbot: QtBot, head: Span, tail: Span, repo: Repository) -> RelationTypePicker:
    picker = RelationTypePicker(head, tail, repo.schema())
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    return picker


def test_lists_only_allowed_types_and_enter_picks(
    qtbot: QtBot, repo: Repository, emoji_doc: Document
) -> None:
    claim = add_span(repo, emoji_doc, "CLAIM", "Tabbed line")
    person = add_span(repo, emoji_doc, "PER", "Jakarta")
    picker = open_picker(qtbot, claim, person, repo)
    assert picker.allowed_types() == ["claimant", "target"]
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.type_list, Qt.Key.Key_Down)
        qtbot.keyClick(picker.type_list, Qt.Key.Key_Return)
    assert picker.chosen() == "target"
    # the emitted choice becomes a relation in the database
    repo.apply(make_relation(picker.chosen() or "", claim, person, repo.schema(), "ann"), "ann")
    stored = repo.relations("emoji")
    assert [(r.label, r.head, r.tail) for r in stored] == [("target", claim.id, person.id)]


def test_first_letter_selects_and_escape_cancels(
    qtbot: QtBot, repo: Repository, emoji_doc: Document
) -> None:
    claim = add_span(repo, emoji_doc, "CLAIM", "Tabbed line")
    other = add_span(repo, emoji_doc, "QUOTE", "Second line")
    picker = open_picker(qtbot, claim, other, repo)
    assert picker.allowed_types() == ["contradicts"]
    person_claim = open_picker(qtbot, claim, add_span(repo, emoji_doc, "ORG", "Jakarta"), repo)
    qtbot.keyClicks(person_claim.type_list, "t")
    assert person_claim.type_list.currentItem().text().startswith("target")
    with qtbot.waitSignal(person_claim.rejected):
        qtbot.keyClick(person_claim.type_list, Qt.Key.Key_Escape)
    assert person_claim.chosen() is None
    assert picker.result() != QDialog.DialogCode.Accepted


def test_no_allowed_type_shows_the_reason(
    qtbot: QtBot, repo: Repository, emoji_doc: Document
) -> None:
    person = add_span(repo, emoji_doc, "PER", "Jakarta")
    claim = add_span(repo, emoji_doc, "CLAIM", "Tabbed line")
    picker = open_picker(qtbot, person, claim, repo)
    assert picker.allowed_types() == []
    assert not picker.ok_button.isEnabled()
    reason = picker.reason.text()
    assert "no relation type from a PER span to a CLAIM span" in reason
    assert "The other way round (CLAIM → PER) allows: claimant, target" in reason
    assert "located_in (to GPE, LOC)" in reason
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.chosen() is None and picker.isVisible()


def test_every_description_fits_without_scrolling_sideways(
    qtbot: QtBot, repo: Repository, emoji_doc: Document
) -> None:
    claim = add_span(repo, emoji_doc, "CLAIM", "Tabbed line")
    person = add_span(repo, emoji_doc, "PER", "Jakarta")
    picker = open_picker(qtbot, claim, person, repo)
    view = picker.type_list
    assert view.sizeHintForColumn(0) <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
