"""``annotator backup``, ``backups`` and ``restore``, and the backups destructive commands
take first; checked in the database and the backup folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from annotator.assets import default_schema_path
from annotator.cli import cli
from annotator.config import backup_folder
from annotator.core.model import Document
from annotator.store.backups import list_backups
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.builders import add_span
from tests.helpers.cli import Run
from tests.helpers.saved import SavedProject


def span_labels(saved: SavedProject) -> list[str]:
    return [row[0] for row in saved.rows("SELECT label FROM spans ORDER BY label")]


def test_backup_then_list_shows_time_size_documents_and_spans(
    repo: Repository, emoji_doc: Document, db_path: Path, run: Run
) -> None:
    add_span(repo, emoji_doc, "GPE", "Jakarta")
    result = run("backup")
    assert result.exit_code == 0, result.output
    [info] = list_backups(backup_folder(db_path))
    assert f"backup written: {info.path}" in result.output

    listing = run("backups")
    assert listing.exit_code == 0, listing.output
    assert f"1 backups of {db_path}" in listing.output
    line = listing.output.splitlines()[1]
    assert line.startswith(info.taken.strftime("%Y-%m-%d %H:%M:%S UTC"))
    assert "manual" in line and "1 documents" in line and "1 spans" in line


def test_backup_to_a_file_of_the_users_choosing(
    repo: Repository, emoji_doc: Document, db_path: Path, tmp_path: Path, run: Run
) -> None:
    add_span(repo, emoji_doc, "GPE", "Jakarta")
    target = tmp_path / "copy.db"
    result = run("backup", "--to", str(target))
    assert result.exit_code == 0, result.output
    assert span_labels(SavedProject(target)) == ["GPE"]
    again = run("backup", "--to", str(target))
    assert again.exit_code == 1
    assert "copy.db: already exists; choose a new file name" in again.output
    assert "Traceback" not in again.output


def test_restore_brings_the_backup_back_and_keeps_the_replaced_content(
    repo: Repository, emoji_doc: Document, db_path: Path, saved: SavedProject, run: Run
) -> None:
    add_span(repo, emoji_doc, "GPE", "Jakarta")
    assert run("backup").exit_code == 0
    [backup] = list_backups(backup_folder(db_path))
    add_span(repo, emoji_doc, "PER", "café")
    repo.db.close()

    result = run("restore", str(backup.path))
    assert result.exit_code == 0, result.output
    assert span_labels(saved) == ["GPE"]
    replaced = [b for b in list_backups(backup_folder(db_path)) if b.reason == "before-restore"]
    assert len(replaced) == 1
    assert f"the replaced content is in {replaced[0].path}" in result.output
    assert span_labels(SavedProject(replaced[0].path)) == ["GPE", "PER"]


def test_restore_is_refused_while_the_project_is_open_elsewhere(
    repo: Repository, emoji_doc: Document, db_path: Path, saved: SavedProject, run: Run
) -> None:
    add_span(repo, emoji_doc, "GPE", "Jakarta")
    assert run("backup").exit_code == 0
    [backup] = list_backups(backup_folder(db_path))
    add_span(repo, emoji_doc, "PER", "café")

    result = run("restore", str(backup.path))  # ``repo`` keeps the project open
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {db_path}: another program has the project open")
    assert span_labels(saved) == ["GPE", "PER"]


def test_restore_of_a_missing_backup_names_it(db_path: Path, repo: Repository, run: Run):
    repo.db.close()
    result = run("restore", "nowhere.db")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: nowhere.db: no such backup"


def test_forced_schema_apply_backs_up_first(
    repo: Repository, emoji_doc: Document, db_path: Path, tmp_path: Path, run: Run
) -> None:
    add_span(repo, emoji_doc, "MISC", "café")
    schema = tmp_path / "schema.toml"
    text = default_schema_path().read_text(encoding="utf-8")
    text = re.sub(r'\[\[labels\]\]\nname = "MISC"\n(.+\n)+?\n', "", text)
    schema.write_text(text.replace(', "MISC"]', "]"), "utf-8")

    result = CliRunner().invoke(
        cli, ["schema", "apply", "--db", str(db_path), str(schema), "--force"]
    )
    assert result.exit_code == 0, result.output
    [backup] = list_backups(backup_folder(db_path))
    assert backup.reason == "before-schema-apply"
    assert span_labels(SavedProject(backup.path)) == ["MISC"]


def test_an_import_into_a_project_with_documents_backs_up_first(
    repo: Repository, emoji_doc: Document, db_path: Path, tmp_path: Path, run: Run
) -> None:
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps({"id": "more", "text": "More text."}) + "\n", "utf-8")
    result = run("import", str(source))
    assert result.exit_code == 0, result.output
    [backup] = list_backups(backup_folder(db_path))
    assert backup.reason == "before-import"
    backed_up = Repository(open_db(backup.path, readonly=True))
    assert backed_up.document_ids() == ["emoji"]
    backed_up.db.close()


def test_an_import_into_a_server_project_says_once_that_the_server_backs_it_up(
    pg_url: str, tmp_path: Path, run: Run
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Jakarta floods\n", encoding="utf-8")
    second.write_text("Medan floods\n", encoding="utf-8")
    assert run("import", str(first), db=pg_url).exit_code == 0
    result = run("import", str(second), db=pg_url)
    assert result.exit_code == 0, result.output
    assert (
        result.stderr.splitlines().count(
            "no file backup of a server project; the server's own backups apply"
        )
        == 1
    )
    assert "backed up first" not in result.stderr


def test_backup_commands_refuse_a_server_project_and_say_what_to_use(
    pg_url: str, tmp_path: Path
) -> None:
    for command in (["backup"], ["backups"], ["restore", str(tmp_path / "b.db")]):
        result = CliRunner().invoke(cli, [command[0], "--db", pg_url, *command[1:]])
        assert result.exit_code == 2
        assert "Backups are of SQLite project files; a project on a PostgreSQL server is " in (
            result.output
        )
        assert "(pg_dump) or copied to a file with 'annotator copy'" in result.output
    assert list(tmp_path.iterdir()) == []
