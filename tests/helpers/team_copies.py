"""Project files as a team has them: the team project, and each annotator's offline copy of it
annotated through the store like the app annotates (edits applied and logged)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotator.assets import default_schema
from annotator.core.edits import AddRelation, AddSpan, UpdateDocument
from annotator.core.model import Document, Relation, Span, new_id
from annotator.seed import ensure_project
from annotator.store.db import open_db, open_file
from annotator.store.migrations import migrations
from annotator.store.repository import Repository

NEWS = "Ana Putri 😀 met 👩🏽‍🎨 Budi in Jakarta on Monday."
"""Astral characters before the names: code point offsets differ from UTF-16 ones."""
WEATHER = "Rain in Bandung and Bogor."

SpanSpec = tuple[str, str, int, int]
"""(document id, label, start, end) of a span to make."""


def team_project(path: Path) -> Path:
    """A project with the two documents ``news`` and ``weather`` and nobody's work yet."""
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document("news", NEWS, title="News"))
        repo.add_document(Document("weather", WEATHER, title="Weather"))
    repo.db.close()
    return path


def copy_of(team: Path, path: Path) -> Path:
    """An annotator's copy of the (closed) team project file."""
    shutil.copyfile(team, path)
    return path


def annotate(
    path: Path,
    annotator: str,
    spans: list[SpanSpec],
    statuses: dict[str, str] | None = None,
    relations: list[tuple[str, int, int]] | None = None,
) -> list[str]:
    """Make ``spans`` as ``annotator`` (an empty name: unattributed), then the ``relations``
    (type, index of head span, index of tail span), then set their ``statuses``; returns the
    new span ids."""
    repo = Repository(open_db(path), viewer=annotator)
    made: list[Span] = []
    try:
        for doc_id, label, start, end in spans:
            layer = repo.schema().label(label).layer
            text = repo.document(doc_id).text
            span = Span(new_id("s"), doc_id, layer, label, start, end, text[start:end], annotator)
            repo.apply(AddSpan(span), annotator)
            made.append(span)
        for name, head, tail in relations or []:
            first, second = made[head], made[tail]
            relation = Relation(
                new_id("r"), first.doc_id, name, first.id, second.id, annotator=annotator
            )
            repo.apply(AddRelation(relation), annotator)
        for doc_id, status in (statuses or {}).items():
            before = repo.document(doc_id).status
            repo.apply(UpdateDocument(doc_id, {"status": before}, {"status": status}), annotator)
    finally:
        repo.db.close()
    return [span.id for span in made]


def dump(path: Path) -> list[str]:
    """Every row of every table, as text: equal dumps mean an unchanged project."""
    db = open_file(path, readonly=True)
    try:
        return list(db.conn.iterdump())
    finally:
        db.close()


def older_project(path: Path, annotator: str) -> Path:
    """A project as annotator wrote it before statuses were per annotator (schema version 5):
    the news document done, with one PER span of ``annotator``."""
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn), stop_before="0006_annotator_status")
    conn.execute("PRAGMA user_version = 5")
    conn.execute(
        "INSERT INTO project(key, value) VALUES ('schema', ?)",
        [json.dumps(default_schema().to_dict())],
    )
    conn.execute(
        "INSERT INTO documents(id, position, text, status, created_at) "
        "VALUES ('news', 1, ?, 'done', '2026-01-01T00:00:00.000+00:00')",
        [NEWS],
    )
    conn.execute(
        'INSERT INTO spans(id, doc_id, layer, label, start, "end", text, annotator) '
        "VALUES ('s-old', 'news', 'entity', 'PER', 0, 9, ?, ?)",
        [NEWS[0:9], annotator],
    )
    conn.commit()
    conn.close()
    return path
