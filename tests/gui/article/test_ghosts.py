"""Other annotators' spans in the article view: hidden until shown, then drawn faint over the
text they cover, tagged with the annotator's name clear of the own tags, and never selected."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Span
from annotator.gui.article.view import ArticleView
from tests.helpers.article import centre_of, find_span

TEXT = "😀😀 Jakarta-Baku talks ended.\nSecond line ends here 😀"
DOC = Document(id="d", text=TEXT)


def theirs(span: Span, annotator: str = "budi") -> Span:
    return replace(span, id=f"{annotator}-{span.id}", annotator=annotator)


MINE = find_span(DOC, "entity", "GPE", "Jakarta")
GHOSTS = [
    theirs(find_span(DOC, "entity", "MISC", "😀😀")),  # the first two code points
    theirs(find_span(DOC, "entity", "GPE", "Jakarta")),  # the own span's text, another's
    theirs(find_span(DOC, "entity", "GPE", "Baku"), "citra"),  # touches Jakarta across "-"
    theirs(find_span(DOC, "entity", "MISC", "😀", 2)),  # the last code point
]


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.set_document(TEXT, [MINE], default_schema())
    widget.ghosts.set_spans(GHOSTS)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_ghosts_are_held_but_not_drawn_until_shown(view: ArticleView) -> None:
    assert view.ghosts.spans() == GHOSTS and not view.ghosts.visible
    assert view.ghost_geometry() == []
    view.ghosts.set_visible(True)
    ghosts = view.ghost_geometry()
    assert [(g.span.text, g.tag_text) for g in ghosts] == [
        ("😀😀", "budi: MISC"),
        ("Jakarta", "budi: GPE"),
        ("Baku", "citra: GPE"),
        ("😀", "budi: MISC"),
    ]


def test_a_ghost_covers_the_same_pixels_as_an_own_span_of_its_text(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    ghost = next(g for g in view.ghost_geometry() if g.span.text == "Jakarta")
    own = view.span_geometry(MINE.id)
    assert [r.left() for r in ghost.rects] == [b.rect.left() for b in own]
    assert [r.right() for r in ghost.rects] == [b.rect.right() for b in own]


def test_ghost_tags_sit_in_the_band_clear_of_each_other_and_of_own_tags(
    view: ArticleView,
) -> None:
    view.ghosts.set_visible(True)
    own = [tag.rect for tag in view.tag_geometry()]
    tags = [g.tag for g in view.ghost_geometry()]
    assert all(tag is not None for tag in tags)
    placed = [*own, *(tag for tag in tags if tag is not None)]
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not a.intersects(b), (a, b)


def test_with_tags_off_the_name_is_left_to_the_tooltip(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    view.set_tags_visible(False)
    ghosts = view.ghost_geometry()
    assert len(ghosts) == 4 and all(g.tag is None for g in ghosts)
    baku = next(g for g in ghosts if g.span.text == "Baku")
    tooltip = view.tooltip_at(baku.rects[0].center())
    assert tooltip.startswith("<i>citra's span, read-only</i><br><b>GPE</b>")


def test_clicking_a_ghost_selects_nothing_and_tab_walks_only_own_spans(
    qtbot: QtBot, view: ArticleView
) -> None:
    view.ghosts.set_visible(True)
    baku = next(g for g in view.ghost_geometry() if g.span.text == "Baku")
    assert view.span_at(baku.rects[0].center()) is None
    view.select_span(baku.span.id)
    assert view.selected_span_id() is None
    view.select_span(MINE.id)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the one own span again, never a ghost
    assert view.selected_span_id() == MINE.id
    assert view.span_at(QPointF(centre_of(view, MINE.id))) == MINE.id


def test_a_new_document_drops_the_previous_documents_ghosts(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    view.set_document("Another text.", [], default_schema())
    assert view.ghosts.spans() == [] and view.ghost_geometry() == []
    assert view.ghosts.visible  # the toggle stays as the user set it


def test_a_ghost_put_or_removed_shows_at_once(view: ArticleView) -> None:
    view.ghosts.set_visible(True)
    view.ghosts.remove(GHOSTS[1].id)
    view.ghosts.remove("not a ghost")
    assert [g.span.id for g in view.ghost_geometry()] == [GHOSTS[0].id, *(s.id for s in GHOSTS[2:])]
    relabelled = replace(GHOSTS[2], label="LOC")
    view.ghosts.put(relabelled)
    assert len(view.ghosts) == 3
    assert [g.tag_text for g in view.ghost_geometry()][1] == "citra: LOC"
