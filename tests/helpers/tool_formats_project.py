"""A small project for the annotation-tool format tests: emoji before spans (so UTF-16 and
code point offsets differ), every layer, attributes, notes, relations, a multi-line section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import Document, Relation, Span
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.importer import import_records
from annotator.formats.records import DocumentRecord
from annotator.formats.registry import exporter
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

HEADLINE = "Floods 😀 hit Jakarta 👩🏽‍🎨 again"
BODY = "President Joko Widodo said 😀 Jakarta must move.\nThe café owner agreed."
TEXT = f"{HEADLINE}\n{BODY}\n"
SECOND = "Reuters reported rain in Surabaya on Monday."


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(
    doc: Document, sid: str, layer: str, label: str, needle: str, nth: int = 0, **kw: Any
) -> Span:
    start, end = at(doc.text, needle, nth)
    return Span(sid, doc.id, layer, label, start, end, doc.text[start:end], **kw)


def records() -> list[DocumentRecord]:
    news = Document("news-1", TEXT, title=HEADLINE, lang="en", labels={"topic": "politics"})
    body_start = len(HEADLINE) + 1
    spans = [
        span(news, "s-head", "section", "HEADLINE", HEADLINE),
        Span("s-body", news.id, "section", "BODY", body_start, body_start + len(BODY), BODY),
        span(news, "s-gpe1", "entity", "GPE", "Jakarta"),
        span(news, "s-per", "entity", "PER", "Joko Widodo", note="President of Indonesia"),
        span(news, "s-gpe2", "entity", "GPE", "Jakarta", nth=1, attrs={"negated": True}),
        span(
            news,
            "s-claim",
            "claim",
            "CLAIM",
            "Jakarta must move",
            attrs={"checkworthy": True, "verifiability": "contested"},
        ),
    ]
    relations = [
        Relation("r-claimant", news.id, "claimant", "s-claim", "s-per"),
        Relation("r-target", news.id, "target", "s-claim", "s-gpe2"),
    ]
    second = Document("news-2", SECOND, title="Rain", lang="en")
    spans2 = [
        span(second, "s-org", "entity", "ORG", "Reuters"),
        span(second, "s-gpe3", "entity", "GPE", "Surabaya"),
        span(second, "s-date", "entity", "DATE", "Monday"),
    ]
    return [
        DocumentRecord(news, tuple(spans), tuple(relations), "test"),
        DocumentRecord(second, tuple(spans2), (), "test"),
    ]


def populate(repo: Repository) -> None:
    import_records(repo, records())


def new_repo(path: Path) -> Repository:
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    return repo


def export(repo: Repository, fmt: str, out: Path, **options: Any) -> ExportReport:
    return exporter(fmt)(repo, out, ExportOptions(**options), lambda *a: None, lambda: False)


def utf16(text: str, offset: int) -> int:
    """UTF-16 units before ``offset``, computed from the encoding, not from our index."""
    return len(text[:offset].encode("utf-16-le")) // 2
