"""``annotator schema show|apply`` through click's CliRunner, checked in the database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.assets import default_schema_path
from annotator.cli import cli
from annotator.core.model import Document
from annotator.core.operations.relations import make_relation
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.builders import add_span
from tests.helpers.cli import Place

NEWS = default_schema_path().read_text(encoding="utf-8")


@pytest.fixture
def project(repo: Repository, emoji_doc: Document) -> Repository:
    per = add_span(repo, emoji_doc, "PER", "Jakarta")
    add_span(repo, emoji_doc, "PER", "القاهرة")
    misc = add_span(repo, emoji_doc, "MISC", "café")
    add_span(repo, emoji_doc, "MISC", "😀")
    claim = add_span(repo, emoji_doc, "CLAIM", "Tabbed line")
    repo.apply(make_relation("claimant", claim, per, repo.schema(), "ann"), "ann")
    repo.apply(make_relation("target", claim, misc, repo.schema(), "ann"), "ann")
    return repo


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def write(tmp_path: Path, text: str, name: str = "schema.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def labels_in_db(repo: Repository) -> list[str]:
    return [row[0] for row in repo.db.execute("SELECT label FROM spans ORDER BY label")]


def test_show_lists_layers_labels_relations_attributes(project: Repository, db_path: Path) -> None:
    code, out = run("schema", "show", "--db", str(db_path))
    assert code == 0, out
    assert "entity (background, spans may overlap)" in out
    assert "[p] PER          #e28e4c  Person, real or fictional" in out
    assert "claimant: CLAIM, QUOTE -> PER, ORG, GPE" in out
    assert "claim.polarity: choice of asserted, denied, hedged" in out
    assert "topic: one of conflict, politics" in out


def test_show_json_is_the_schema_dict(project: Repository, db_path: Path) -> None:
    code, out = run("schema", "show", "--db", str(db_path), "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data == json.loads(json.dumps(project.schema().to_dict()))
    assert {r["name"] for r in data["relations"]} >= {"claimant", "target", "contradicts"}


def test_apply_rename_renames_spans(project: Repository, db_path: Path, tmp_path: Path) -> None:
    renamed = NEWS.replace('"PER"', '"PERSON"').replace(
        'name = "PERSON"\n', 'name = "PERSON"\nrenamed_from = "PER"\n'
    )
    code, out = run("schema", "apply", "--db", str(db_path), write(tmp_path, renamed))
    assert code == 0, out
    assert "label PER → PERSON (2 spans)" in out
    assert labels_in_db(project) == ["CLAIM", "MISC", "MISC", "PERSON", "PERSON"]
    code, shown = run("schema", "show", "--db", str(db_path))
    assert "[p] PERSON" in shown and "[p] PER " not in shown
    log = project.db.execute("SELECT kind FROM edit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert log == ("schema_change",)


def without_misc() -> str:
    text = re.sub(r'\[\[labels\]\]\nname = "MISC"\n(.+\n)+?\n', "", NEWS)
    return text.replace(', "MISC"]', "]")


def test_refused_removal_exits_non_zero_and_changes_nothing(
    project: Repository, db_path: Path, tmp_path: Path
) -> None:
    before = project.db.execute("SELECT count(*) FROM edit_log").fetchone()
    code, out = run("schema", "apply", "--db", str(db_path), write(tmp_path, without_misc()))
    assert code != 0
    assert "label MISC is used by 2 spans and 1 relation; pass --force to delete them" in out
    assert labels_in_db(project).count("MISC") == 2
    assert project.db.execute("SELECT count(*) FROM edit_log").fetchone() == before
    stored = project.db.execute("SELECT value FROM project WHERE key = 'schema'").fetchone()[0]
    assert '"MISC"' in stored


def test_forced_removal_deletes_the_uses(
    project: Repository, db_path: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, without_misc())
    code, out = run("schema", "apply", "--db", str(db_path), path, "--dry-run")
    assert code == 0 and "would refuse: label MISC is used by 2 spans" in out
    assert labels_in_db(project).count("MISC") == 2
    code, out = run("schema", "apply", "--db", str(db_path), path, "--force")
    assert code == 0, out
    assert "label MISC (2 spans)" in out
    assert "MISC" not in labels_in_db(project)
    rels = [row[0] for row in project.db.execute("SELECT label FROM relations")]
    assert rels == ["claimant"]


def test_apply_then_show_on_both_backends(
    project: Repository, db_path: Path, tmp_path: Path, on_backend: Place
) -> None:
    db = on_backend(db_path)
    renamed = NEWS.replace('"PER"', '"PERSON"').replace(
        'name = "PERSON"\n', 'name = "PERSON"\nrenamed_from = "PER"\n'
    )
    code, out = run("schema", "apply", "--db", db, write(tmp_path, renamed))
    assert code == 0, out
    assert "label PER → PERSON (2 spans)" in out
    code, shown = run("schema", "show", "--db", db)
    assert "[p] PERSON" in shown and "[p] PER " not in shown
    code, data = run("schema", "show", "--db", db, "--json")
    assert "PERSON" in {label["name"] for label in json.loads(data)["labels"]}


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


@pytest.mark.parametrize(
    ("broken", "message", "needle"),
    [
        (
            NEWS.replace('hotkey = "m"', 'hotkey = "p"'),
            "hotkey 'p' is used by both 'PER' and 'MISC'",
            ('hotkey = "p"', 2),
        ),
        (
            NEWS.replace('name = "LOC"\nlayer = "entity"', 'name = "LOC"\nlayer = "entiy"'),
            "label 'LOC' names unknown layer 'entiy'",
            ('layer = "entiy"', 1),
        ),
        (
            NEWS.replace('tail = ["PER", "ORG", "GPE"]', 'tail = ["PER", "ORGA", "GPE"]'),
            "relation 'claimant' tail names no label: 'ORGA'",
            ('"ORGA"', 1),
        ),
        (
            NEWS.replace('name = "DATE"', 'name = "DATE'),
            "invalid TOML",
            ('name = "DATE', 1),
        ),
    ],
    ids=["duplicate-hotkey", "unknown-layer", "relation-end", "bad-toml"],
)
def test_bad_schema_files_name_the_line(
    project: Repository,
    db_path: Path,
    tmp_path: Path,
    broken: str,
    message: str,
    needle: tuple[str, int],
) -> None:
    path = write(tmp_path, broken)
    code, out = run("schema", "apply", "--db", str(db_path), path)
    assert code != 0
    assert message in out
    assert path in out
    assert f"line {line_of(broken, *needle)}" in out
    assert labels_in_db(project).count("PER") == 2


def test_apply_refuses_a_label_name_with_a_space_and_changes_nothing(
    project: Repository, db_path: Path, tmp_path: Path
) -> None:
    before = project.schema()
    code, out = run(
        "schema",
        "apply",
        "--db",
        str(db_path),
        write(tmp_path, NEWS.replace('name = "MISC"', 'name = "OTHER THING"')),
    )
    assert code != 0
    assert "label name 'OTHER THING' is not allowed: it holds ' '" in out
    assert "Traceback" not in out
    assert Repository(open_db(db_path)).schema() == before
