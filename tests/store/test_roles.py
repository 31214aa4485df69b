"""Access control on a PostgreSQL project: the server, not the app, decides who writes what.

Each person connects as their own role (``team_project``: alice and bob annotate, cora
curates, olga owns); the tests write as them through ``Repository.apply`` and with raw SQL.
"""

from __future__ import annotations

import dataclasses
import secrets
from pathlib import Path

import psycopg
import pytest

from annotator.core.curation_edits import SetAnnotatorStatus
from annotator.core.edit_log import edit_from_log
from annotator.core.edits import AddSpan, RemoveSpan, UpdateDocument, UpdateSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, make_span
from annotator.core.operations.relations import make_relation
from annotator.core.suggestion_edits import Suggestion
from annotator.core.team import GOLD
from annotator.seed import ensure_project
from annotator.store import curation, statuses
from annotator.store import suggestions as suggestion_store
from annotator.store.db import open_db
from annotator.store.errors import StoreError
from annotator.store.postgres.roles import (
    annotator_for,
    connected_annotator,
    grant,
    group_names,
    members,
    revoke,
)
from annotator.store.repository import Repository
from tests.helpers.pg_team import TeamProject
from tests.helpers.postgres import PgServer


def _span_of(repo: Repository, who: str, needle: str, label: str = "GPE") -> AddSpan:
    doc = repo.document("d1")
    start = doc.text.index(needle)
    layer = repo.schema().label(label).layer
    return AddSpan(make_span(doc, layer, label, start, start + len(needle), who))


def test_an_annotator_cannot_delete_or_update_another_annotators_span_with_raw_sql(
    team_project: TeamProject,
) -> None:
    span_id = team_project.alice_span.id
    with psycopg.connect(team_project.url("bob"), autocommit=True) as conn:
        assert conn.execute("DELETE FROM spans WHERE id = %s", [span_id]).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE spans SET label = 'PER' WHERE id = %s", [span_id])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            conn.execute("UPDATE spans SET annotator = session_user WHERE id = %s", [span_id])
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                'INSERT INTO spans(id, doc_id, layer, label, start, "end", text, annotator) '
                "VALUES ('forged', 'd1', 'entity', 'GPE', 0, 4, 'Budi', %s)",
                [team_project.people["alice"]],
            )
    owner = team_project.open_as("olga")
    assert owner.span(span_id) == team_project.alice_span


def test_an_annotator_reads_everyones_spans_and_log(team_project: TeamProject) -> None:
    bob = team_project.open_as("bob")
    assert bob.spans("d1") == [team_project.alice_span]
    assert [entry.annotator for entry in bob.edit_log("d1")] == [team_project.people["alice"]]


def test_an_annotator_writes_own_spans_relations_attributes_notes_and_statuses(
    team_project: TeamProject,
) -> None:
    name = team_project.people["bob"]
    bob = team_project.open_as("bob")
    person = _span_of(bob, name, "Budi Santoso", "PER")
    city = _span_of(bob, name, "Surabaya")
    bob.apply(person, name)
    bob.apply(city, name)
    noted = dataclasses.replace(city.span, note="the arrival", attrs={})
    bob.apply(UpdateSpan(city.span, noted), name)
    relation = make_relation("located_in", person.span, city.span, bob.schema(), name)
    bob.apply(relation, name)
    bob.apply(UpdateDocument("d1", {"status": "todo"}, {"status": "done"}), name)

    owner = team_project.open_as("olga")
    assert owner.span(city.span.id) == noted
    assert [r.annotator for r in owner.relations("d1")] == [name]
    assert statuses.statuses(owner, "d1") == {name: "done"}
    assert {entry.annotator for entry in owner.edit_log("d1")} == {
        name,
        team_project.people["alice"],
    }

    bob.apply(relation.inverse(), name)
    bob.apply(RemoveSpan(city.span), name)
    assert owner.relations("d1") == [] and owner.span(city.span.id) is None


def test_an_annotators_edit_of_another_annotators_span_is_a_store_error_naming_the_server(
    team_project: TeamProject,
) -> None:
    name = team_project.people["bob"]
    bob = team_project.open_as("bob")
    theirs = team_project.alice_span
    relabelled = dataclasses.replace(theirs, label="LOC", layer="entity")
    with pytest.raises(StoreError, match=rf"as {name}: the server refused this change .*spans"):
        bob.apply(UpdateSpan(theirs, relabelled), name)
    with pytest.raises(
        StoreError,
        match=rf"as {name}: the server refused to delete span '{theirs.id}': it is "
        rf"{team_project.people['alice']}'s",
    ):
        bob.apply(RemoveSpan(theirs), name)
    assert team_project.open_as("olga").spans("d1") == [theirs]


def test_an_annotator_cannot_write_gold_assign_or_change_the_schema(
    team_project: TeamProject,
) -> None:
    name = team_project.people["bob"]
    bob = team_project.open_as("bob")
    with pytest.raises(StoreError, match="the server refused this change"):
        bob.apply(_span_of(bob, GOLD, "Surabaya"), GOLD)
    with pytest.raises(StoreError, match="the server refused this change"), bob.transaction():
        statuses.assign(bob, [("d1", name)])
    with pytest.raises(StoreError, match="the server refused this change"), bob.transaction():
        bob.store_schema(bob.schema())
    with pytest.raises(StoreError, match="the server refused this change"):
        bob.apply(SetAnnotatorStatus("d1", team_project.people["alice"], "todo", "done"), name)
    owner = team_project.open_as("olga")
    assert curation.gold_spans(owner, "d1") == []
    assert statuses.all_statuses(owner) == {}


def test_a_curator_writes_gold_decisions_and_the_gold_status(team_project: TeamProject) -> None:
    cora = team_project.open_as("cora")
    theirs = team_project.alice_span
    gold = dataclasses.replace(theirs, id="gold-1", annotator=GOLD)
    cora.apply(AddSpan(gold), GOLD)
    with cora.transaction():
        curation.set_decision(cora, "d1", theirs.id, "accepted", team_project.people["cora"])
    cora.apply(SetAnnotatorStatus("d1", GOLD, "todo", "done"), team_project.people["cora"])

    owner = team_project.open_as("olga")
    assert curation.gold_spans(owner, "d1") == [gold]
    assert curation.decisions(owner, "d1") == {theirs.id: "accepted"}
    assert curation.gold_status(owner, "d1") == "done"


def test_an_owner_assigns_work_and_changes_the_schema(team_project: TeamProject) -> None:
    olga = team_project.open_as("olga")
    alice = team_project.people["alice"]
    with olga.transaction():
        assert statuses.assign(olga, [("d1", alice)]) == 1
        olga.store_schema(olga.schema())
    assert statuses.all_statuses(team_project.open_as("bob")) == {"d1": {alice: ("todo", True)}}


def test_suggestions_are_accepted_and_rejected_by_an_annotator(team_project: TeamProject) -> None:
    name = team_project.people["bob"]
    olga = team_project.open_as("olga")
    with olga.transaction():
        suggestion_store.insert_suggestions(
            olga,
            [
                Suggestion("g1", "d1", "entity", "GPE", 34, 42, "Surabaya", "gazetteer"),
                Suggestion("g2", "d1", "entity", "PER", 0, 4, "Budi", "gazetteer"),
            ],
        )
    bob = team_project.open_as("bob")
    accepted = suggestion_store.decide(bob, "accept", name, label="GPE")
    rejected = suggestion_store.decide(bob, "reject", name, label="PER")
    assert (accepted.count, rejected.count) == (1, 1)
    assert [(s.text, s.annotator) for s in olga.spans("d1")] == [
        ("Jakarta", team_project.people["alice"]),
        ("Surabaya", name),
    ]


def test_an_annotator_opens_the_project_and_undoes_an_edit_after_a_restart(
    team_project: TeamProject,
) -> None:
    name = team_project.people["bob"]
    bob = team_project.open_as("bob")
    added = _span_of(bob, name, "Surabaya")
    bob.apply(added, name)
    bob.db.close()

    again = team_project.open_as("bob")
    assert ensure_project(again, with_samples=True) is False
    last = again.edit_log("d1", limit=1)[0]
    edit = edit_from_log(last.kind, last.payload)
    assert edit is not None
    again.apply(edit.inverse(), name)
    assert again.span(added.span.id) is None


def test_the_annotator_name_is_the_connecting_role_on_a_secured_project(
    team_project: TeamProject, tmp_path: Path
) -> None:
    bob = team_project.open_as("bob")
    name = team_project.people["bob"]
    assert connected_annotator(bob.db) == name
    assert annotator_for(bob.db, "osuser", None, writing=True) == name
    with pytest.raises(
        StoreError,
        match=rf"connected as role '{name}', so you annotate as '{name}' here, not as 'ana'",
    ):
        annotator_for(bob.db, "ana", "ana", writing=True)
    assert annotator_for(bob.db, "ana", "ana", writing=False) == "ana"
    project_file = open_db(tmp_path / "p.db")
    assert connected_annotator(project_file) is None
    assert annotator_for(project_file, "ana", "ana", writing=True) == "ana"
    project_file.close()


def test_an_unsecured_server_project_keeps_the_configured_name(pg_url: str) -> None:
    db = open_db(pg_url)
    assert connected_annotator(db) is None
    assert annotator_for(db, "ana", None, writing=True) == "ana"
    db.close()


def test_granting_twice_is_harmless_and_a_second_grant_changes_the_level(
    team_project: TeamProject,
) -> None:
    people = team_project.people
    db = open_db(team_project.admin_url)
    before = members(db)  # type: ignore[arg-type]
    assert grant(db, people["alice"], "annotator") is False  # type: ignore[arg-type]
    assert members(db) == before  # type: ignore[arg-type]
    grant(db, people["bob"], "curator")  # type: ignore[arg-type]
    assert dict(members(db))[people["bob"]] == "curator"  # type: ignore[arg-type]
    assert revoke(db, people["alice"]) is True  # type: ignore[arg-type]
    assert revoke(db, people["alice"]) is False  # type: ignore[arg-type]
    assert people["alice"] not in dict(members(db))  # type: ignore[arg-type]
    db.close()
    with pytest.raises(
        StoreError, match=rf"as {people['alice']}: {people['alice']} has no access to this project"
    ):
        team_project.open_as("alice").apply(
            _span_of(team_project.open_as("olga"), people["alice"], "Surabaya"), people["alice"]
        )


@pytest.mark.parametrize(
    ("name", "reason"),
    [("@x", "names starting with @ are kept for the tool"), ("a" * 64, "at most 63 bytes")],
)
def test_a_role_name_that_is_not_an_annotator_name_is_refused(
    pg_url: str, pg_server: PgServer, name: str, reason: str
) -> None:
    db = open_db(pg_url)
    with pytest.raises(ValidationError, match=reason):
        grant(db, name, "annotator")  # type: ignore[arg-type]
    assert members(db) == []  # type: ignore[arg-type]
    with psycopg.connect(pg_server.url()) as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone() is None
    db.close()


def test_a_role_that_may_not_create_roles_cannot_grant(team_project: TeamProject) -> None:
    db = open_db(team_project.url("olga"))
    with pytest.raises(StoreError, match=r"cannot grant newcomer access .*superuser"):
        grant(db, "newcomer", "annotator")  # type: ignore[arg-type]
    db.close()


def test_two_projects_on_one_cluster_have_their_own_groups() -> None:
    assert group_names("corpus")["annotator"] == "corpus_annotators"
    assert group_names("news")["owner"] == "news_owners"
    long_a, long_b = "x" * 60 + "a", "x" * 60 + "b"
    assert group_names(long_a)["curator"] != group_names(long_b)["curator"]
    assert all(len(n.encode()) <= 63 for n in group_names(long_a).values())


def test_libpq_settings_pass_through_a_service_file_and_sslmode(
    team_project: TeamProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = tmp_path / "pg_service.conf"
    server = team_project.server
    services.write_text(
        f"[team]\nhost={server.host}\nport={server.port}\ndbname={team_project.dbname}\n"
        f"user={team_project.people['bob']}\nsslmode=disable\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    db = open_db("service=team")
    assert connected_annotator(db) == team_project.people["bob"]
    db.close()
    with pytest.raises(StoreError, match=r"cannot connect to the server: .*SSL"):
        open_db(team_project.url("bob") + "?sslmode=require")


def test_the_database_owner_who_may_create_roles_secures_its_project(pg_server: PgServer) -> None:
    suffix = secrets.token_hex(3)
    admin, ana = f"dbowner_{suffix}", f"ana_{suffix}"
    dbname = pg_server.new_database()
    pg_server.admin(f'CREATE ROLE "{admin}" LOGIN CREATEROLE')
    pg_server.admin(f'ALTER DATABASE {dbname} OWNER TO "{admin}"')
    try:
        owner = Repository(open_db(pg_server.url(dbname, user=admin)), viewer=admin)
        ensure_project(owner, with_samples=False)
        with owner.transaction():
            owner.add_document(Document(id="d1", text="Jakarta floods."))
        assert grant(owner.db, ana, "annotator") is True  # type: ignore[arg-type]
        assert dict(members(owner.db)) == {admin: "owner", ana: "annotator"}  # type: ignore[arg-type]
        with owner.transaction():
            owner.store_schema(owner.schema())
        owner.db.close()
        repo = Repository(open_db(pg_server.url(dbname, user=ana)), viewer=ana)
        doc = repo.document("d1")
        repo.apply(AddSpan(make_span(doc, "entity", "GPE", 0, 7, ana)), ana)
        with pytest.raises(StoreError, match="the server refused this change"):
            repo.apply(AddSpan(make_span(doc, "entity", "GPE", 0, 7, admin)), ana)
        repo.db.close()
    finally:
        pg_server.drop_database(dbname)
        for role in (*group_names(dbname).values(), ana, admin):
            pg_server.admin(f'DROP ROLE IF EXISTS "{role}"')
