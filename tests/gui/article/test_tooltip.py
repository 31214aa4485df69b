"""Hovering a span tells who made it, when, its attributes, note and relations."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from annotator.assets import default_schema
from annotator.core.model import Document, Relation
from annotator.gui.article.view import ArticleView
from tests.helpers.article import centre_of, find_span

TEXT = "Retno said <Jakarta> is calm & safe.\n"
DOC = Document(id="d", text=TEXT)


def test_the_tooltip_of_a_span_says_everything_about_it(qtbot: QtBot) -> None:
    claim = replace(
        find_span(DOC, "claim", "CLAIM", "<Jakarta> is calm & safe"),
        attrs={"checkworthy": True},
        note="check with <BMKG>",
        created_at="2026-12-01T09:30:12.000+00:00",
    )
    retno = find_span(DOC, "entity", "PER", "Retno")
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 200)
    view.set_document(TEXT, [claim, retno], default_schema())
    view.set_relations([Relation("r", "d", "claimant", claim.id, retno.id)])
    view.show()
    qtbot.waitExposed(view)

    text = view.tooltip_at(centre_of(view, claim.id).toPointF())
    assert text.split("<br>") == [
        "<b>CLAIM</b> (claim) “&lt;Jakarta&gt; is calm &amp; safe”",
        "by tester, 2026-12-01 09:30 UTC",
        "checkworthy: True",
        "note: check with &lt;BMKG&gt;",
        "claimant → PER “Retno”",
    ]
    assert view.tooltip_at(centre_of(view, retno.id).toPointF()).endswith(
        "claimant ← CLAIM “&lt;Jakarta&gt; is calm &amp; safe”"
    )
    assert view.tooltip_at(centre_of(view, retno.id).toPointF() + QPointF(0, 100)) == ""
