"""Opening a server project: who may open it, which databases can hold its texts, and how a
dead network is noticed."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest

from annotator.core.model import Document
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.postgres.connect import DEAD_NETWORK_SETTINGS, connect
from annotator.store.postgres.database import PgDatabase
from annotator.store.repository import Repository
from tests.helpers.pg_team import TeamProject
from tests.helpers.postgres import PgServer

EMOJI_TEXT = "Kapal 🚢 tiba di Surabaya 🏙 pagi ini."


def catalog(url: str) -> list[tuple[object, ...]]:
    """The tables and applied steps of a server database, read as the superuser: equal
    catalogs mean nothing was created, dropped or migrated."""
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' "
            "ORDER BY tablename"
        ).fetchall()
        steps: list[tuple[object, ...]] = []
        if ("annotator_migrations",) in [(name,) for name, _owner in tables]:
            steps = conn.execute("SELECT name FROM annotator_migrations ORDER BY name").fetchall()
    return [*tables, *steps]


@pytest.fixture
def stranger(pg_server: PgServer) -> Iterator[str]:
    """A login role nobody granted access to any project."""
    name = f"stranger_{secrets.token_hex(3)}"
    pg_server.admin(f'CREATE ROLE "{name}" LOGIN')
    yield name
    pg_server.admin(f'DROP ROLE IF EXISTS "{name}"')


def test_a_role_without_access_to_a_secured_project_is_told_to_ask_its_owner(
    team_project: TeamProject, stranger: str
) -> None:
    url = team_project.server.url(team_project.dbname, user=stranger)
    before = catalog(team_project.admin_url)
    for readonly in (False, True):
        with pytest.raises(
            StoreError,
            match=rf"^PostgreSQL database {team_project.dbname} on 127\.0\.0\.1:\d+ as "
            rf"{stranger}: {stranger} has no access to this project; ask its owner "
            rf"\(annotator team grant --db … {stranger} annotator\) \(left untouched\)$",
        ):
            open_db(url, readonly=readonly)
    assert catalog(team_project.admin_url) == before


def test_a_role_without_access_to_a_project_nobody_secured_is_told_the_same(
    pg_server: PgServer, pg_url: str, stranger: str
) -> None:
    open_db(pg_url).close()
    before = catalog(pg_url)
    with pytest.raises(StoreError, match=rf": {stranger} has no access to this project; ask"):
        open_db(pg_server.url(pg_url.rsplit("/", 1)[1], user=stranger))
    assert catalog(pg_url) == before


def test_a_role_that_may_not_create_tables_in_an_empty_database_is_told_who_may(
    pg_server: PgServer, pg_url: str, stranger: str
) -> None:
    before = catalog(pg_url)
    with pytest.raises(
        StoreError,
        match=rf"as {stranger}: {stranger} may not create a project's tables in this database "
        r"\(permission denied for schema public\); ask its owner to create the project "
        rf"\(annotator init --db …\) and grant you access \(annotator team grant --db … "
        rf"{stranger} annotator\)$",
    ):
        open_db(pg_server.url(pg_url.rsplit("/", 1)[1], user=stranger))
    assert catalog(pg_url) == before == []


def test_an_annotator_opening_a_project_that_needs_an_upgrade_is_told_an_owner_must(
    team_project: TeamProject,
) -> None:
    with psycopg.connect(team_project.admin_url, autocommit=True) as admin:
        admin.execute("DELETE FROM annotator_migrations WHERE name = '0007_curation_decisions'")
        admin.execute("DROP TABLE curation_decisions")
    before = catalog(team_project.admin_url)
    bob = team_project.people["bob"]
    with pytest.raises(
        StoreError,
        match=rf"as {bob}: the project needs an upgrade, which {bob} may not make "
        r"\(permission denied .+\); an owner must open it once \(left untouched\)$",
    ):
        open_db(team_project.url("bob"))
    assert catalog(team_project.admin_url) == before


@pytest.mark.parametrize("encoding", ["SQL_ASCII", "LATIN1"])
def test_a_database_not_encoded_in_utf8_is_refused_untouched_with_what_to_do(
    pg_server: PgServer, encoding: str
) -> None:
    name = f"t_{secrets.token_hex(6)}"
    pg_server.admin(f"CREATE DATABASE {name} ENCODING '{encoding}' LOCALE 'C' TEMPLATE template0")
    try:
        for readonly in (False, True):
            with pytest.raises(
                StoreError,
                match=rf"^PostgreSQL database {name} on 127\.0\.0\.1:\d+ as postgres: the "
                rf"database's encoding is {encoding}, which cannot hold every text as written "
                r"\(accents, emoji\); create the project's database with CREATE DATABASE … "
                r"ENCODING 'UTF8' TEMPLATE template0 \(left untouched\)$",
            ):
                open_db(pg_server.url(name), readonly=readonly)
        assert catalog(pg_server.url(name)) == []
    finally:
        pg_server.drop_database(name)


def test_texts_travel_as_utf8_whatever_the_location_or_environment_say(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGCLIENTENCODING", "LATIN1")
    forced = connect(f"{pg_url}?options=-c%20client_encoding%3DLATIN1")
    assert forced.info.parameter_status("client_encoding") == "UTF8"
    forced.close()
    db = open_db(f"{pg_url}?client_encoding=LATIN1")
    assert isinstance(db, PgDatabase)
    assert db.conn.raw.info.parameter_status("client_encoding") == "UTF8"
    repo = Repository(db)
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="ships", text=EMOJI_TEXT))
    monkeypatch.delenv("PGCLIENTENCODING")
    with psycopg.connect(pg_url) as conn:
        stored = conn.execute(
            "SELECT text, length(text), position('🏙' in text) FROM documents"
        ).fetchone()
    assert stored == (EMOJI_TEXT, len(EMOJI_TEXT), EMOJI_TEXT.index("🏙") + 1)
    db.close()


def test_connections_notice_a_dead_network_within_seconds(pg_url: str) -> None:
    raw = connect(pg_url)
    parameters = raw.info.get_parameters()
    raw.close()
    assert {key: int(parameters[key]) for key in DEAD_NETWORK_SETTINGS} == {
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": 20_000,
    }


def test_a_locations_own_network_settings_win(pg_url: str) -> None:
    raw = connect(f"{pg_url}?keepalives_idle=120&tcp_user_timeout=0&connect_timeout=3")
    parameters = raw.info.get_parameters()
    raw.close()
    assert parameters["keepalives_idle"] == "120"
    assert parameters.get("tcp_user_timeout", "0") == "0"
    assert parameters["connect_timeout"] == "3"
    assert parameters["keepalives_count"] == "3"
