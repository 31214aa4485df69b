"""Merging annotators' project files into the team project (``team.merge``)."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.progress import Cancelled
from annotator.formats.export_api import ExportOptions
from annotator.formats.native import export as native_export
from annotator.seed import ensure_project
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.project_merge import StatusRow, put_status
from annotator.store.repository import Repository
from annotator.store.statuses import all_statuses
from annotator.team.merge import MergeRefused, merge_projects
from annotator.team.merge_report import MergeReport
from annotator.team.schema_merge import SchemaConflict
from tests.helpers.team_copies import (
    NEWS,
    WEATHER,
    annotate,
    copy_of,
    dump,
    older_project,
    team_project,
)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return team_project(tmp_path / "team.db")


@pytest.fixture
def ana(team: Path, tmp_path: Path) -> Path:
    """Ana's copy: two spans on the news, joined by a relation, and the news done."""
    path = copy_of(team, tmp_path / "ana.db")
    annotate(
        path,
        "ana",
        [("news", "PER", 0, 9), ("news", "GPE", 29, 36)],
        {"news": "done"},
        relations=[("located_in", 0, 1)],
    )
    return path


@pytest.fixture
def budi(team: Path, tmp_path: Path) -> Path:
    """Budi's copy: the same person as Ana marked, and a city in the weather, which is done."""
    path = copy_of(team, tmp_path / "budi.db")
    annotate(
        path,
        "budi",
        [("news", "PER", 0, 9), ("weather", "GPE", 8, 15)],
        {"news": "in_progress", "weather": "done"},
    )
    return path


def merge(team: Path, *sources: Path, **options: object) -> MergeReport:
    repo = Repository(open_db(team))
    try:
        return merge_projects(repo, list(sources), **options)  # type: ignore[arg-type]
    finally:
        repo.db.close()


def exported(team: Location, tmp_path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """The native JSONL export read back: per document, (annotator, label, text) of each span,
    each checked against the document text."""
    out = tmp_path / "export.jsonl"
    repo = Repository(open_db(team, readonly=True))
    try:
        native_export(repo, out, ExportOptions(), lambda *a: None, lambda: False)
    finally:
        repo.db.close()
    found: dict[str, list[tuple[str, str, str]]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
        spans = record["spans"]
        found[record["id"]] = sorted((s["annotator"], s["label"], s["text"]) for s in spans)
    return found


def statuses(team: Location) -> dict[str, dict[str, tuple[str, bool]]]:
    repo = Repository(open_db(team, readonly=True))
    try:
        return all_statuses(repo)
    finally:
        repo.db.close()


def added(report: MergeReport, kind: str) -> list[int]:
    return [source.counts[kind].added for source in report.sources]


def test_two_copies_merged_twice_hold_every_span_and_status_and_the_second_adds_nothing(
    team: Path, ana: Path, budi: Path, tmp_path: Path
) -> None:
    first = merge(team, ana, budi, by="lead")
    after_first = dump(team)
    second = merge(team, ana, budi, by="lead")

    assert added(first, "spans") == [2, 2]
    assert added(first, "relations") == [1, 0]
    assert added(first, "statuses") == [1, 2]
    assert sum(added(first, "log entries")) > 0
    for kind in ("documents", "spans", "relations", "statuses", "log entries"):
        assert added(second, kind) == [0, 0], kind
    assert [s.counts["spans"].present for s in second.sources] == [2, 2]
    assert dump(team) == after_first  # not even a log entry of the merge
    assert exported(team, tmp_path) == {
        "news": [
            ("ana", "GPE", "Jakarta"),
            ("ana", "PER", "Ana Putri"),
            ("budi", "PER", "Ana Putri"),
        ],
        "weather": [("budi", "GPE", "Bandung")],
    }
    assert statuses(team) == {
        "news": {"ana": ("done", False), "budi": ("in_progress", False)},
        "weather": {"budi": ("done", False)},
    }


def test_the_merge_is_logged_once_under_the_name_of_who_merged(team: Path, ana: Path) -> None:
    merge(team, ana, by="lead")
    merge(team, ana, by="lead")

    repo = Repository(open_db(team, readonly=True))
    merges = [entry for entry in repo.edit_log() if entry.kind == "merge"]
    ana_edits = [entry for entry in repo.edit_log() if entry.annotator == "ana"]
    repo.db.close()
    assert [(entry.annotator, entry.summary.split(":")[0]) for entry in merges] == [
        ("lead", f"merged 1 of 1 project file(s) into {team}")
    ]
    assert {entry.kind for entry in ana_edits} == {"add_span", "add_relation", "update_document"}


def test_a_document_with_another_text_refuses_the_whole_merge_naming_both_files(
    team: Path, ana: Path, tmp_path: Path
) -> None:
    other = team_project(tmp_path / "other.db")
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE documents SET text = 'Sun in Bandung.' WHERE id = 'weather'")
    conn.close()
    before = dump(team)

    message = (
        f"{other}: document 'weather' has another text than the same document in {team}; "
        "nothing was merged"
    )
    with pytest.raises(MergeRefused, match=f"^{re.escape(message)}$"):
        merge(team, ana, other)

    assert dump(team) == before


def test_two_sources_that_bring_one_new_document_with_two_texts_are_both_named(
    team: Path, tmp_path: Path
) -> None:
    first, second = copy_of(team, tmp_path / "a.db"), copy_of(team, tmp_path / "b.db")
    for path, text in ((first, "One text."), (second, "Another text.")):
        repo = Repository(open_db(path))
        with repo.transaction():
            repo.add_document(Document("extra", text))
        repo.db.close()

    message = f"{second}: document 'extra' has another text than the same document in {first}"
    with pytest.raises(MergeRefused, match=re.escape(message)):
        merge(team, first, second)


def test_skip_bad_leaves_out_the_conflicting_document_and_merges_the_rest(
    team: Path, budi: Path, tmp_path: Path
) -> None:
    with sqlite3.connect(budi) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE documents SET text = 'Rain in Bandung!' WHERE id = 'weather'")
    conn.close()

    report = merge(team, budi, skip_bad=True)

    assert report.sources[0].counts["documents"].refused == 1
    assert report.sources[0].refusals == [
        f"{budi}: document 'weather' has another text than the same document in {team}"
    ]
    assert exported(team, tmp_path) == {"news": [("budi", "PER", "Ana Putri")], "weather": []}
    assert statuses(team) == {"news": {"budi": ("in_progress", False)}}


def test_spans_without_an_annotator_are_credited_to_the_as_name(team: Path, tmp_path: Path) -> None:
    source = copy_of(team, tmp_path / "nameless.db")
    annotate(source, "", [("news", "PER", 21, 25)], {"news": "done"})

    report = merge(team, source, as_name="citra")

    assert report.sources[0].unattributed == 0
    assert exported(team, tmp_path)["news"] == [("citra", "PER", "Budi")]
    assert statuses(team)["news"] == {"citra": ("done", False)}


def test_without_an_as_name_unattributed_spans_stay_so_and_are_counted(
    team: Path, tmp_path: Path
) -> None:
    source = copy_of(team, tmp_path / "nameless.db")
    annotate(source, "", [("news", "PER", 21, 25), ("news", "GPE", 29, 36)])

    report = merge(team, source)

    assert report.sources[0].unattributed == 2
    assert (
        "  2 span(s) without an annotator kept unattributed (give a name to credit them to)"
        in report.lines()
    )
    assert exported(team, tmp_path)["news"] == [("", "GPE", "Jakarta"), ("", "PER", "Budi")]


def test_the_as_name_must_be_a_persons_name(team: Path, ana: Path) -> None:
    before = dump(team)
    with pytest.raises(ValidationError, match="annotator name '@gold' is not allowed"):
        merge(team, ana, as_name="@gold")
    assert dump(team) == before


def test_the_same_span_under_another_id_is_already_present(
    team: Path, ana: Path, tmp_path: Path
) -> None:
    again = copy_of(team, tmp_path / "ana-again.db")
    annotate(again, "ana", [("news", "PER", 0, 9), ("news", "DATE", 40, 46)])

    report = merge(team, ana, again)

    assert [(s.counts["spans"].added, s.counts["spans"].present) for s in report.sources] == [
        (2, 0),
        (1, 1),
    ]
    assert exported(team, tmp_path)["news"] == [
        ("ana", "DATE", "Monday"),
        ("ana", "GPE", "Jakarta"),
        ("ana", "PER", "Ana Putri"),
    ]


def test_sections_of_two_annotators_may_overlap_but_not_one_annotators_own(
    team: Path, tmp_path: Path
) -> None:
    ana, budi, ana_later = (copy_of(team, tmp_path / f"{n}.db") for n in ("a", "b", "c"))
    annotate(ana, "ana", [("news", "HEADLINE", 0, 25)])
    annotate(budi, "budi", [("news", "HEADLINE", 10, 36)])
    annotate(ana_later, "ana", [("news", "LEAD", 21, 46)])

    report = merge(team, ana, budi, ana_later)

    assert added(report, "spans") == [1, 1, 0]
    assert report.sources[2].counts["spans"].refused == 1
    assert (
        report.sources[2]
        .refusals[0]
        .startswith(
            f"{ana_later}: document 'news': LEAD span 21..46 (ana): section spans may not overlap"
        )
    )


def test_a_relation_whose_span_was_refused_is_refused_too(team: Path, tmp_path: Path) -> None:
    ana, later = copy_of(team, tmp_path / "a.db"), copy_of(team, tmp_path / "b.db")
    annotate(ana, "ana", [("news", "BODY", 0, 30)])
    annotate(
        later,
        "ana",
        [("news", "CLAIM", 0, 9), ("news", "LEAD", 21, 46), ("news", "PER", 21, 25)],
        relations=[("claimant", 0, 2)],
    )
    with sqlite3.connect(later) as conn:  # the claim now points at the refused section
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE relations SET tail = (SELECT id FROM spans WHERE label = 'LEAD')")
    conn.close()

    report = merge(team, ana, later)

    assert report.sources[1].counts["relations"].refused == 1
    why = f"{later}: document 'news': claimant relation: one of its spans was refused"
    assert why in report.sources[1].refusals


def test_a_newer_status_wins_and_todo_never_replaces_another(team: Path, tmp_path: Path) -> None:
    source = copy_of(team, tmp_path / "s.db")
    for path, rows in (
        (
            team,
            [
                ("news", "ana", "done", False, "2026-01-02"),
                ("weather", "ana", "done", False, "2026-01-02"),
                ("news", "budi", "in_progress", True, "2026-01-05"),
            ],
        ),
        (
            source,
            [
                ("news", "ana", "in_progress", False, "2026-01-03"),  # newer: wins
                ("weather", "ana", "todo", True, "2026-01-09"),  # newer, but todo: assigns only
                ("news", "budi", "done", False, "2026-01-01"),  # older: the project's stays
            ],
        ),
    ):
        repo = Repository(open_db(path))
        with repo.transaction():
            for row in rows:
                put_status(repo, StatusRow(*row))
        repo.db.close()

    report = merge(team, source)

    assert statuses(team) == {
        "news": {"ana": ("in_progress", False), "budi": ("in_progress", True)},
        "weather": {"ana": ("done", True)},
    }
    assert report.sources[0].counts["statuses"].added == 2
    assert report.sources[0].counts["statuses"].present == 1


def test_document_notes_and_labels_fill_gaps_and_the_projects_values_are_kept(
    team: Path, tmp_path: Path
) -> None:
    first, second = copy_of(team, tmp_path / "a.db"), copy_of(team, tmp_path / "b.db")
    for path, note, topic in (
        (first, "check the date", "politics"),
        (second, "photo missing", "economy"),
    ):
        repo = Repository(open_db(path))
        with repo.transaction():
            repo.set_document_fields("news", {"note": note, "labels": {"topic": topic}})
        repo.db.close()

    report = merge(team, first, second)

    repo = Repository(open_db(team, readonly=True))
    news = repo.document("news")
    repo.db.close()
    assert (news.note, news.labels) == ("check the date", {"topic": "politics"})
    assert added(report, "document notes") == [1, 0]
    assert added(report, "document labels") == [1, 0]
    assert report.sources[1].refusals == [
        f"{second}: document 'news': its note differs; the project's is kept",
        f"{second}: document 'news': topic is 'economy' there but 'politics' in the project; "
        "the project's is kept",
    ]


def test_a_new_document_comes_with_its_place_text_and_creation_time(
    team: Path, tmp_path: Path
) -> None:
    source = copy_of(team, tmp_path / "s.db")
    repo = Repository(open_db(source))
    with repo.transaction():
        repo.add_document(Document("late", "Late 😀 news from Medan.", title="Late"))
    created = repo.db.execute("SELECT created_at FROM documents WHERE id = 'late'").fetchone()[0]
    repo.db.close()
    annotate(source, "ana", [("late", "GPE", 17, 22)])

    merge(team, source)

    repo = Repository(open_db(team, readonly=True))
    assert repo.document_ids() == ["news", "weather", "late"]
    row = repo.db.execute("SELECT created_at FROM documents WHERE id = 'late'").fetchone()
    assert row[0] == created
    assert [(s.label, s.text) for s in repo.spans("late")] == [("GPE", "Medan")]
    repo.db.close()


def test_a_source_is_read_only_and_left_byte_for_byte_as_it_was(team: Path, ana: Path) -> None:
    digest = hashlib.sha256(ana.read_bytes()).hexdigest()
    merge(team, ana)
    assert hashlib.sha256(ana.read_bytes()).hexdigest() == digest


def test_a_source_from_a_newer_annotator_is_refused_and_nothing_is_merged(
    team: Path, ana: Path, budi: Path
) -> None:
    with sqlite3.connect(budi) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = dump(team)

    newer = rf"^{re.escape(str(budi))}: the database was written by a newer annotator \(.*\); "
    newer += "upgrade annotator to open it; nothing was merged$"
    with pytest.raises(MergeRefused, match=newer):
        merge(team, ana, budi)

    assert dump(team) == before


def test_skip_bad_leaves_out_a_source_that_cannot_be_opened(
    team: Path, ana: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.db"
    report = merge(team, missing, ana, skip_bad=True)
    assert report.sources[0].lines() == [f"{missing}: skipped: {missing}: no such database"]
    assert added(report, "spans") == [0, 2]


def test_the_project_itself_is_not_a_source(team: Path) -> None:
    with pytest.raises(MergeRefused, match="is the project itself"):
        merge(team, team)


def test_cancel_leaves_the_project_unchanged(team: Path, ana: Path) -> None:
    before = dump(team)
    repo = Repository(open_db(team))
    with pytest.raises(Cancelled):
        merge_projects(repo, [ana], cancel=lambda: True)
    repo.db.close()
    assert dump(team) == before


def test_new_labels_of_a_source_are_added_to_the_team_schema(team: Path, tmp_path: Path) -> None:
    source = copy_of(team, tmp_path / "s.db")
    repo = Repository(open_db(source))
    schema = repo.schema()
    date_key = schema.label("DATE").hotkey
    food = replace(schema.label("GPE"), name="FOOD", hotkey=date_key, color="#123456")
    labels = tuple(replace(x, hotkey="") if x.name == "DATE" else x for x in schema.labels)
    with repo.transaction():
        repo.store_schema(replace(schema, labels=(*labels, food)))
    repo.db.close()
    annotate(source, "ana", [("news", "FOOD", 40, 46)])

    report = merge(team, source)

    assert report.sources[0].schema_added == ("label FOOD (entity)",)
    repo = Repository(open_db(team, readonly=True))
    assert repo.schema().label("FOOD").hotkey == ""  # the key stays the team's DATE's
    assert repo.schema().label("DATE").hotkey == date_key
    assert [(s.label, s.text) for s in repo.spans("news")] == [("FOOD", "Monday")]
    repo.db.close()


def test_a_label_in_another_layer_refuses_the_merge_naming_label_layers_and_file(
    team: Path, ana: Path, tmp_path: Path
) -> None:
    source = copy_of(team, tmp_path / "s.db")
    repo = Repository(open_db(source))
    schema = repo.schema()
    labels = tuple(replace(x, layer="claim") if x.name == "DATE" else x for x in schema.labels)
    with repo.transaction():
        repo.store_schema(replace(schema, labels=labels))
    repo.db.close()
    before = dump(team)

    with pytest.raises(
        SchemaConflict,
        match=re.escape(
            f"{source}: label 'DATE' is in layer 'claim' there but in layer 'entity' in {team}; "
            "rename it in one of them, then merge again (nothing was merged)"
        ),
    ):
        merge(team, ana, source)

    assert dump(team) == before
    report = merge(team, ana, source, skip_bad=True)
    assert report.sources[1].skipped.startswith(f"{source}: label 'DATE' is in layer 'claim'")
    assert added(report, "spans") == [2, 0]


def test_a_file_of_an_older_annotator_is_read_from_an_upgraded_copy_and_left_alone(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = older_project(tmp_path / "old.db", "ana")
    digest = hashlib.sha256(older.read_bytes()).hexdigest()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    report = merge(team, older)

    assert report.sources[0].upgraded
    assert "  written by an older annotator: read from an upgraded copy" in report.lines()
    assert exported(team, tmp_path)["news"] == [("ana", "PER", "Ana Putri")]
    assert statuses(team)["news"] == {"ana": ("done", False)}
    assert hashlib.sha256(older.read_bytes()).hexdigest() == digest
    assert list(scratch.iterdir()) == []  # the copy is gone


def test_copies_merged_into_a_server_project_hold_what_a_file_project_holds(
    team: Path, ana: Path, budi: Path, tmp_path: Path, pg_url: str
) -> None:
    server = Repository(open_db(pg_url))
    ensure_project(server, with_samples=False)
    with server.transaction():
        server.add_document(Document("news", NEWS, title="News"))
        server.add_document(Document("weather", WEATHER, title="Weather"))
    first = merge_projects(server, [ana, budi], by="lead")
    second = merge_projects(server, [ana, budi], by="lead")
    server.db.close()
    merge(team, ana, budi, by="lead")

    assert added(first, "spans") == [2, 2]
    assert added(first, "relations") == [1, 0]
    for kind in ("documents", "spans", "relations", "statuses", "log entries"):
        assert added(second, kind) == [0, 0], kind
    assert exported(pg_url, tmp_path) == exported(team, tmp_path)
    assert statuses(pg_url) == statuses(team)
