"""``annotator team grant|revoke|list`` and the annotator name on a secured server project."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.core.suggestion_edits import Suggestion
from annotator.store import suggestions as suggestion_store
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.pg_team import TeamProject


def _team(*args: str) -> Result:
    return CliRunner().invoke(cli, ["team", *args])


def test_grant_secures_the_project_once_and_says_how_to_set_a_password(
    pg_url: str, granted_roles: list[str]
) -> None:
    granted_roles.append("ana_cli")
    first = _team("grant", "--db", pg_url, "ana_cli", "annotator")
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert lines[0].startswith("Secured PostgreSQL database ")
    assert "row-level security on every table" in lines[0]
    assert lines[1] == "ana_cli is an annotator: writes their own spans, relations and statuses."
    assert "ALTER ROLE \"ana_cli\" PASSWORD '…'" in lines[2] and "~/.pgpass" in lines[2]

    again = _team("grant", "--db", pg_url, "ana_cli", "curator")
    assert again.exit_code == 0, again.output
    assert not again.output.startswith("Secured")
    listed = _team("list", "--db", pg_url)
    assert listed.output == "ana_cli\tcurator\n"

    revoked = _team("revoke", "--db", pg_url, "ana_cli")
    assert revoked.exit_code == 0 and revoked.output.startswith("ana_cli no longer has access")
    assert _team("list", "--db", pg_url).output.startswith("Nobody has been granted access")
    twice = _team("revoke", "--db", pg_url, "ana_cli")
    assert twice.exit_code == 1
    assert re.fullmatch(
        r"Error: ana_cli has no access to PostgreSQL database t_\w+ on .+; nothing changed\n",
        twice.output,
    )


def test_a_name_that_cannot_be_an_annotator_is_refused_in_one_line(pg_url: str) -> None:
    result = _team("grant", "--db", pg_url, "@x", "owner")
    assert result.exit_code == 1
    assert result.output == (
        "Error: annotator name '@x' is not allowed: names starting with @ are kept for the "
        "tool (@gold is the curated annotation)\n"
    )


def test_team_access_is_refused_for_a_project_file(tmp_path: Path) -> None:
    result = _team("grant", "--db", str(tmp_path / "p.db"), "ana", "annotator")
    assert result.exit_code == 2
    assert "team access is for a project on a PostgreSQL server" in result.output
    assert not (tmp_path / "p.db").exists()


def _suggest_surabaya(project: TeamProject) -> None:
    owner = Repository(open_db(project.admin_url))
    with owner.transaction():
        suggestion_store.insert_suggestions(
            owner, [Suggestion("g1", "d1", "entity", "GPE", 34, 42, "Surabaya", "gazetteer")]
        )
    owner.db.close()


def test_a_command_works_under_the_connecting_roles_name(team_project: TeamProject) -> None:
    _suggest_surabaya(team_project)
    bob = team_project.people["bob"]
    result = CliRunner().invoke(cli, ["suggestions", "accept", "--db", team_project.url("bob")])
    assert result.exit_code == 0, result.output
    owner = team_project.open_as("olga")
    assert [(s.text, s.annotator) for s in owner.spans("d1")][-1] == ("Surabaya", bob)
    assert owner.edit_log("d1", limit=1)[0].annotator == bob


def test_another_annotator_name_is_refused_naming_both(team_project: TeamProject) -> None:
    _suggest_surabaya(team_project)
    bob = team_project.people["bob"]
    result = CliRunner().invoke(
        cli,
        ["suggestions", "accept", "--db", team_project.url("bob"), "--annotator", "alice"],
    )
    assert result.exit_code == 1
    assert f"connected as role '{bob}', so you annotate as '{bob}' here, not as 'alice'" in (
        result.output
    )
    assert len(team_project.open_as("olga").spans("d1")) == 1
    reading = CliRunner().invoke(
        cli, ["docs", "--db", team_project.url("bob"), "--annotator", "alice"]
    )
    assert reading.exit_code == 0, reading.output


def test_work_the_server_refuses_is_a_one_line_error(team_project: TeamProject) -> None:
    bob = team_project.people["bob"]
    result = CliRunner().invoke(
        cli, ["assign", "--db", team_project.url("bob"), "--annotators", bob]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: PostgreSQL database {team_project.dbname} on ")
    assert f"as {bob}: the server refused this change (permission denied" in result.output
    assert "nothing was saved" in result.output and "Traceback" not in result.output


def test_a_person_whose_access_was_revoked_is_told_to_ask_the_owner_in_one_line(
    team_project: TeamProject,
) -> None:
    bob = team_project.people["bob"]
    assert _team("revoke", "--db", team_project.admin_url, bob).exit_code == 0
    result = CliRunner().invoke(cli, ["docs", "--db", team_project.url("bob")])
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"Error: PostgreSQL database {team_project.dbname} on 127\.0\.0\.1:\d+ as {bob}: "
        rf"{bob} has no access to this project; ask its owner \(annotator team grant --db … "
        rf"{bob} annotator\) \(left untouched\)\n",
        result.output,
    )
