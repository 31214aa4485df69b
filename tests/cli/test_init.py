"""``annotator init``: a new project's tables in a file or on a server; a newer project is
refused untouched."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.migrations import schema_version


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_init_creates_a_server_project_with_the_default_schema(pg_url: str) -> None:
    result = invoke("init", "--db", pg_url)
    assert result.exit_code == 0, result.output
    name = pg_url.rsplit("/", 1)[1]
    assert result.output.startswith(f"PostgreSQL database {name} on 127.0.0.1:")
    assert result.output.rstrip().endswith(
        f"as postgres: annotator project, schema version {schema_version()}, 0 document(s)"
    )
    shown = invoke("schema", "show", "--db", pg_url)
    assert shown.exit_code == 0 and "[p] PER" in shown.output
    again = invoke("init", "--db", pg_url)
    assert again.exit_code == 0 and again.output == result.output


def test_init_creates_a_file_project_without_samples(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    result = invoke("init", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{db}: annotator project, schema version {schema_version()}, 0 document(s)\n"
    )
    assert invoke("docs", "--db", str(db)).output == "no documents\n"


def _tables(url: str) -> list[tuple[str, int]]:
    with psycopg.connect(url) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name"
            )
        ]
        counts = [conn.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in names]
    return list(zip(names, counts, strict=True))


def test_init_on_a_newer_server_project_is_refused_as_the_store_refuses_it(pg_url: str) -> None:
    assert invoke("init", "--db", pg_url).exit_code == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO annotator_migrations(name) VALUES ('9999_from_the_future')")
    before = _tables(pg_url)
    with pytest.raises(StoreError) as refused:
        open_db(pg_url)
    result = invoke("init", "--db", pg_url)
    assert result.exit_code == 1
    assert result.output == f"Error: {refused.value}\n"
    assert "written by a newer annotator" in result.output
    assert result.output.rstrip().endswith("upgrade annotator to open it")
    assert _tables(pg_url) == before


def test_init_on_a_database_of_another_program_leaves_it_untouched(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    result = invoke("init", "--db", pg_url)
    assert result.exit_code == 1
    assert result.output.rstrip().endswith(
        "holds tables of another program, not an annotator project (left untouched)"
    )
    assert _tables(pg_url) == [("invoices", 0)]


def test_key_value_settings_name_a_server_project_too(pg_url: str) -> None:
    settings = psycopg.conninfo.conninfo_to_dict(pg_url)
    location = " ".join(f"{key}={value}" for key, value in settings.items())
    assert "dbname=t_" in location and "://" not in location
    result = invoke("init", "--db", location)
    assert result.exit_code == 0, result.output
    assert invoke("docs", "--db", location).output == "no documents\n"
