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
from tests.helpers.brat_corpus import write_corpus
from tests.helpers.cli import Place, Run


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


def test_export_import_export_is_lossless(run: Run, tmp_path: Path, on_backend: Place) -> None:
    from annotator.assets import sample_paths

    assert run("import", *map(str, sample_paths())).exit_code == 0
    first = tmp_path / "first.jsonl"
    assert run("export", "--format", "native", "--out", str(first)).exit_code == 0
    empty = tmp_path / "second.db"
    assert run("init", db=empty).exit_code == 0
    second_db = on_backend(empty)
    imported = run("import", str(first), db=second_db)
    assert imported.exit_code == 0, imported.output
    listed = json.loads(run("docs", "--json", db=second_db).output)
    assert [doc["id"] for doc in listed] == [
        json.loads(line)["id"] for line in first.read_text(encoding="utf-8").splitlines()
    ]
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


def test_a_server_in_the_environment_is_the_project_of_every_command(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANNOTATOR_DB", pg_url)
    doc = tmp_path / "a.txt"
    doc.write_text("Baku 😀 and Yerevan\n")
    imported = CliRunner().invoke(cli, ["import", str(doc)])
    assert imported.exit_code == 0, imported.output
    listed = json.loads(CliRunner().invoke(cli, ["docs", "--json"]).output)
    assert [(d["id"], d["spans"]) for d in listed] == [("a", 0)]
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--json"]).output)
    assert stats["documents"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_unreachable_server_is_one_line_naming_the_host(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Baku\n")
    url = "postgresql://ana:s3cret@127.0.0.1:1/corpus?connect_timeout=2"
    for command in (["import", str(doc)], ["docs"], ["init"]):
        result = CliRunner().invoke(cli, [command[0], "--db", url, *command[1:]])
        assert result.exit_code == 1
        assert result.output.startswith(
            "Error: PostgreSQL database corpus on 127.0.0.1:1 as ana: cannot connect to the "
            "server: "
        )
        assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output
        assert "s3cret" not in result.output


def test_export_to_an_existing_folder_for_a_file_format_is_refused(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["export", "--db", str(project), "--out", str(folder)])
    assert result.exit_code == 1
    assert result.output == f"Error: {folder}: is a folder; this export writes one file\n"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("split", ["nan,0,1", "inf,0,0", "0.5,0.5,nan", "a,b,c", "1,0"])
def test_a_split_that_is_not_three_fractions_is_refused(
    project: Path, tmp_path: Path, split: str
) -> None:
    out = tmp_path / "split"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(project), "--out", str(out), "--split", split]
    )
    assert result.exit_code == 2
    assert f"'{split}': --split takes three non-negative fractions that add up to 1" in (
        result.output
    )
    assert "Traceback" not in result.output and not out.exists()


def test_export_names_the_staging_a_killed_export_left_and_removes_it(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.jsonl"
    staging = tmp_path / ".all.jsonl.x7rq2m_a.part"
    (staging / "payload").mkdir(parents=True)
    (staging / "in-use").touch()
    result = CliRunner().invoke(cli, ["export", "--db", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"  note: removed {staging}, left by an export that did not finish" in (
        result.output.splitlines()
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".all")) == []


def test_export_on_a_full_disk_is_one_line_and_keeps_the_previous_file(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "all.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    real_open = Path.open

    def open_full(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and ".part" in str(self):
            return real_open(Path("/dev/full"), mode, *args, **kwargs)
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_full)
    result = CliRunner().invoke(cli, ["export", "--db", str(project), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {out}: cannot write the export: No space left on device; "
        "nothing was changed there\n"
    )
    assert out.read_text(encoding="utf-8") == "previous export\n"


def test_import_on_a_full_disk_is_one_line_and_writes_nothing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.store import db as store_db

    real_pragmas = store_db.apply_pragmas

    def no_room_to_grow(conn: sqlite3.Connection, lock_wait: float = 5.0) -> None:
        real_pragmas(conn, lock_wait)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")  # SQLite answers SQLITE_FULL

    monkeypatch.setattr(store_db, "apply_pragmas", no_room_to_grow)
    before = db_snapshot(project)
    big = tmp_path / "big.jsonl"
    big.write_text(
        "\n".join(jsonl_line(id=f"doc-{n}", text="Baku 😀 Yerevan " * 500) for n in range(50)),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import", "--db", str(project), str(big)])
    assert result.exit_code == 1
    # The project already holds documents, so the import backs it up before it writes.
    assert (
        result.output.splitlines()[-1] == f"Error: {project}: the disk is full; nothing was saved"
    )
    assert "Traceback" not in result.output
    monkeypatch.setattr(store_db, "apply_pragmas", real_pragmas)
    assert db_snapshot(project) == before


def test_brat_import_with_schema_from_conf_adds_the_corpus_labels(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "GE")
    refused = run("import", str(corpus))
    assert refused.exit_code != 0
    assert "Traceback" not in refused.output
    error = refused.output.strip().splitlines()[-1]
    assert error.startswith("Error: 5 unknown labels: 'Protein' (")
    assert "'Gene_expression' (" in error and "import --schema-from-conf" in error
    assert db_snapshot(db_path) == []

    result = run("import", str(corpus), "--schema-from-conf")
    assert result.exit_code == 0, result.output
    assert "schema changed by the import:" in result.output
    assert "    relation type Theme" in result.output
    assert "imported 1 document(s) with 8 span(s) and 5 relation(s)" in result.output
    assert "PMC-10-abstract.ann:16: 'Protein-Component' may not join" in result.output
    labels = {row[1] for row in db_snapshot(db_path) if len(row) == 4}
    assert labels == {
        "Protein",
        "Entity",
        "Positive_regulation",
        "Phosphorylation",
        "Gene_expression",
    }
    log = sqlite3.connect(db_path).execute("SELECT kind FROM edit_log ORDER BY id").fetchall()
    assert [kind for (kind,) in log][-2:] == ["schema_change", "import"]


def test_schema_from_conf_without_a_conf_changes_nothing(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "GE", conf=False)
    result = run("import", str(corpus), "--schema-from-conf")
    assert result.exit_code != 0
    assert f"Error: --schema-from-conf: no annotation.conf in {corpus}" in result.output
    assert db_snapshot(db_path) == []


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
