"""A project on the test server secured for a team: one person per access level, each with
their own login role, and a document holding one span of annotator A's.

Role names are cluster-wide, so each test's people carry a random suffix and are dropped
afterwards with the project's group roles (a server given by ``ANNOTATOR_TEST_PG`` is left
as it was found).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from annotator.core.edits import AddSpan
from annotator.core.model import Document, Span, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.postgres.roles import grant, group_names
from annotator.store.repository import Repository
from tests.helpers.postgres import PgServer

TEAM_TEXT = "Budi Santoso flew from Jakarta to Surabaya."


@dataclass
class TeamProject:
    server: PgServer
    dbname: str
    people: dict[str, str]
    """Who -> their role (and annotator) name: ``alice`` and ``bob`` annotate, ``cora``
    curates, ``olga`` owns."""
    alice_span: Span
    opened: list[Repository] = field(default_factory=list)

    @property
    def admin_url(self) -> str:
        return self.server.url(self.dbname)

    def url(self, who: str) -> str:
        return self.server.url(self.dbname, user=self.people[who])

    def open_as(self, who: str) -> Repository:
        """The project as ``who`` connects to it, annotating under their role's name."""
        repo = Repository(open_db(self.url(who)), viewer=self.people[who])
        self.opened.append(repo)
        return repo


def _document() -> Document:
    return Document(id="d1", text=TEAM_TEXT, title="Flight")


@pytest.fixture
def team_project(pg_server: PgServer) -> Iterator[TeamProject]:
    dbname = pg_server.new_database()
    suffix = secrets.token_hex(3)
    people = {who: f"{who}_{suffix}" for who in ("alice", "bob", "cora", "olga")}
    admin = Repository(open_db(pg_server.url(dbname)))
    ensure_project(admin, with_samples=False)
    doc = _document()
    with admin.transaction():
        admin.add_document(doc)
    start = TEAM_TEXT.index("Jakarta")
    span = make_span(doc, "entity", "GPE", start, start + len("Jakarta"), people["alice"])
    admin.apply(AddSpan(span), people["alice"])
    for who, level in (
        ("alice", "annotator"),
        ("bob", "annotator"),
        ("cora", "curator"),
        ("olga", "owner"),
    ):
        grant(admin.db, people[who], level)  # type: ignore[arg-type]
    admin.db.close()
    project = TeamProject(pg_server, dbname, people, span)
    try:
        yield project
    finally:
        for repo in project.opened:
            repo.db.close()
        pg_server.drop_database(dbname)
        for role in (*group_names(dbname).values(), *people.values()):
            pg_server.admin(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture
def granted_roles(pg_server: PgServer, pg_url: str) -> Iterator[list[str]]:
    """The role names a test grants on ``pg_url``'s database (append them): dropped
    afterwards, with the project's groups, once the database is gone."""
    created: list[str] = []
    yield created
    dbname = pg_url.rsplit("/", 1)[1]
    pg_server.drop_database(dbname)
    for role in (*group_names(dbname).values(), *created):
        pg_server.admin(f'DROP ROLE IF EXISTS "{role}"')
