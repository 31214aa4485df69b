from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.store.db import open_db
from annotator.store.migrations import schema_version
from tests.helpers.cli import Run


def jsonl_line(**record: Any) -> str:
    base: dict[str, Any] = {
        "id": "doc",
        "title": "",
        "lang": "en",
        "text": "Baku 😀 Yerevan",
        "spans": [],
    }
    base.update(record)
    return json.dumps(base, ensure_ascii=False)


def db_snapshot(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        rows = [
            *conn.execute("SELECT id, text FROM documents ORDER BY id"),
            *conn.execute('SELECT id, label, start, "end" FROM spans ORDER BY id'),
        ]
    finally:
        conn.close()
    return rows


def test_import_txt_folder_and_list_docs(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "baku.txt").write_bytes("\ufeffBaku says 😀\r\nYerevan denies\r\n".encode())
    (folder / "cairo.txt").write_text("القاهرة اليوم", encoding="utf-8")
    result = run("import", str(folder), "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s)" in result.output
    listing = run("docs", "--json")
    docs = {d["id"]: d for d in json.loads(listing.output)}
    assert set(docs) == {"baku", "cairo"}
    assert docs["baku"]["lang"] == "id" and docs["baku"]["spans"] == 0


def test_reimport_same_text_is_a_noop_and_different_text_an_error(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Baku and Yerevan\n")
    assert run("import", str(path)).exit_code == 0
    again = run("import", str(path))
    assert again.exit_code == 0 and "already present with the same text" in again.output
    path.write_text("Something else entirely\n")
    before = db_snapshot(db_path)
    changed = run("import", str(path))
    assert changed.exit_code == 1
    assert "already in the project with a different text" in changed.output
    assert db_snapshot(db_path) == before


BAD_JSONL = {
    "malformed": ("{not json", "malformed JSON"),
    "off_text": (
        jsonl_line(spans=[{"layer": "entity", "label": "GPE", "start": 5, "end": 99, "text": "x"}]),
        "off the text",
    ),
    "wrong_text": (
        jsonl_line(
            spans=[{"layer": "entity", "label": "GPE", "start": 0, "end": 4, "text": "Paris"}]
        ),
        "document says 'Baku'",
    ),
    "unknown_label": (
        jsonl_line(
            spans=[{"layer": "entity", "label": "CITY", "start": 0, "end": 4, "text": "Baku"}]
        ),
        "known labels: PER, ORG, GPE",
    ),
    "unknown_layer": (
        jsonl_line(
            spans=[{"layer": "topic", "label": "GPE", "start": 0, "end": 4, "text": "Baku"}]
        ),
        "known layers: entity, claim, section",
    ),
    "unknown_status": (jsonl_line(status="finished"), "unknown status 'finished'"),
    "bad_document_label": (jsonl_line(labels={"topic": "sports"}), "use one of conflict"),
    "unknown_document_label": (
        jsonl_line(labels={"mood": "grim"}),
        "unknown document label 'mood'",
    ),
    "overlapping_sections": (
        jsonl_line(
            spans=[
                {"layer": "section", "label": "LEAD", "start": 0, "end": 6, "text": "Baku 😀"},
                {"layer": "section", "label": "BODY", "start": 5, "end": 14, "text": "😀 Yerevan"},
            ]
        ),
        "section spans may not overlap",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_JSONL))
def test_bad_jsonl_names_file_and_line_and_writes_nothing(
    case: str, run: Run, tmp_path: Path, db_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article about Baku.\n")
    bad = tmp_path / "bad.jsonl"
    content, message = BAD_JSONL[case]
    bad.write_text(jsonl_line(id="fine") + "\n" + content + "\n", encoding="utf-8")
    open_db(db_path).close()
    before = db_snapshot(db_path)
    result = run("import", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2" in result.output
    assert message in result.output
    assert db_snapshot(db_path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        (bytes(range(128, 256)) * 3, "not UTF-8"),
    ],
)
def test_bad_text_files_are_refused(
    content: bytes, message: str, run: Run, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(content)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert str(path) in result.output and message in result.output
    assert db_snapshot(db_path) == []


def test_skip_bad_imports_the_rest_and_lists_what_it_skipped(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Baku and Yerevan\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    broken = tmp_path / "docs.jsonl"
    broken.write_text(jsonl_line(id="ok") + "\n{oops\n")
    result = run("import", "--skip-bad", str(good), str(bad), str(broken))
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s)" in result.output
    assert "skipped 2 bad input(s)" in result.output
    assert f"{broken}:2" in result.output
    assert {d["id"] for d in json.loads(run("docs", "--json").output)} == {"good", "ok"}


def test_db_that_is_not_sqlite_is_left_untouched(run: Run, tmp_path: Path) -> None:
    fake = tmp_path / "fake.db"
    fake.write_text("hello")
    doc = tmp_path / "a.txt"
    doc.write_text("Baku\n")
    result = run("import", str(doc), db=fake)
    assert result.exit_code == 1 and "not a SQLite database" in result.output
    assert fake.read_text() == "hello"


def test_newer_database_is_refused(run: Run, db_path: Path, tmp_path: Path) -> None:
    open_db(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version={schema_version() + 1}")
    conn.commit()
    conn.close()
    doc = tmp_path / "a.txt"
    doc.write_text("Baku\n")
    result = run("import", str(doc))
    assert result.exit_code == 1 and "newer annotator" in result.output


def test_export_import_export_is_lossless(run: Run, tmp_path: Path) -> None:
    from annotator.assets import sample_paths

    assert run("import", *map(str, sample_paths())).exit_code == 0
    first = tmp_path / "first.jsonl"
    assert run("export", "--format", "native", "--out", str(first)).exit_code == 0
    second_db = tmp_path / "second.db"
    assert run("import", str(first), db=second_db).exit_code == 0
    second = tmp_path / "second.jsonl"
    assert run("export", "--out", str(second), db=second_db).exit_code == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    for line in first.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]


def test_env_var_selects_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from annotator.cli import cli

    target = tmp_path / "env.db"
    monkeypatch.setenv("ANNOTATOR_DB", str(target))
    doc = tmp_path / "a.txt"
    doc.write_text("Baku\n")
    assert CliRunner().invoke(cli, ["import", str(doc)]).exit_code == 0
    assert target.exists()


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (None, {"berita": "Iklan - Scroll untuk Melanjutkan", "meta": "Iklan"}),
        ("first-line", {"berita": "Iklan - Scroll untuk Melanjutkan", "meta": "Iklan"}),
        ("filename", {"berita": "berita", "meta": "articles"}),
        ("meta", {"berita": "Iklan - Scroll untuk Melanjutkan", "meta": "Kemhan: 😀 latihan"}),
    ],
)
def test_import_takes_titles_from_the_rule_given(
    run: Run, tmp_path: Path, rule: str | None, expected: dict[str, str]
) -> None:
    (tmp_path / "berita.txt").write_text(
        "\n  Iklan - Scroll untuk Melanjutkan\nKementerian Pertahanan berkata.\n", encoding="utf-8"
    )
    meta = {"title": "Kemhan: 😀 latihan"}
    (tmp_path / "articles.jsonl").write_text(
        jsonl_line(id="meta", title="Iklan", text="\nIklan\nBaku.", meta=meta) + "\n",
        encoding="utf-8",
    )
    extra = ["--title-from", rule] if rule else []
    result = run("import", str(tmp_path / "berita.txt"), str(tmp_path / "articles.jsonl"), *extra)
    assert result.exit_code == 0, result.output
    docs = {d["id"]: d["title"] for d in json.loads(run("docs", "--json").output)}
    assert docs == expected


def test_an_unknown_title_rule_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    result = run("import", str(tmp_path / "a.txt"), "--title-from", "heading")
    assert result.exit_code != 0
    assert "Invalid value for '--title-from': 'heading' is not one of" in result.output
    assert "Traceback" not in result.output


def test_a_new_users_first_command_creates_the_default_project_with_the_samples(
    tmp_path: Path,
) -> None:
    listing = CliRunner().invoke(cli, ["docs", "--json"])
    assert listing.exit_code == 0, listing.output
    ids = {d["id"] for d in json.loads(listing.output)}
    assert len(ids) >= 3 and all(d["spans"] > 0 for d in json.loads(listing.output))
    again = CliRunner().invoke(cli, ["stats"])
    assert again.exit_code == 0, again.output
    relisted = CliRunner().invoke(cli, ["docs", "--json"])
    assert {d["id"] for d in json.loads(relisted.output)} == ids  # imported once
