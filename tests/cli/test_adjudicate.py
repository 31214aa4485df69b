"""`annotator adjudicate`: agreed spans become gold, the report per document, the edit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.edits import RemoveSpan
from annotator.core.model import Document, Relation, Span
from annotator.core.team import GOLD
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from tests.helpers.cli import Place, Run
from tests.helpers.saved import SavedProject

TEXT = "Budi 😀 met Ana in Jakarta on Monday."


def _span(doc_id: str, who: str, label: str, needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(
        f"{doc_id}-{who}-{label}-{start}", doc_id, "entity", label, start, start + len(needle),
        needle, who,
    )  # fmt: skip


@pytest.fixture
def team(repo: Repository) -> Repository:
    """d1: ana and budi agree on everything (citra not done); d2: they agree on Budi only;
    d3: only ana is done."""
    city = TEXT.index("Jakarta")
    with repo.transaction():
        for doc_id in ("d1", "d2", "d3"):
            repo.add_document(Document(id=doc_id, text=TEXT))
        spans = [
            _span("d1", who, label, needle)
            for who in ("ana", "budi")
            for label, needle in (("PER", "Budi"), ("GPE", "Jakarta"))
        ]
        spans += [_span("d1", "citra", "ORG", "Jakarta")]
        spans += [_span("d2", who, "PER", "Budi") for who in ("ana", "budi")]
        spans += [_span("d2", "ana", "PER", "Ana"), _span("d2", "budi", "DATE", "Monday")]
        spans += [_span("d3", "ana", "PER", "Budi")]
        repo.add_spans(spans)
        repo.add_relations(
            Relation(f"r-{who}", "d1", "located_in", f"d1-{who}-PER-0", f"d1-{who}-GPE-{city}", who)
            for who in ("ana", "budi")
        )
        for doc_id, who in [("d1", "ana"), ("d1", "budi"), ("d2", "ana"), ("d2", "budi")]:
            set_status(repo, doc_id, who, "done")
        set_status(repo, "d3", "ana", "done")
        set_status(repo, "d1", "citra", "in_progress")
    return repo


def gold(saved: SavedProject, doc_id: str) -> list[tuple[str, int, int, str]]:
    return [(s.label, s.start, s.end, s.text) for s in saved.spans(doc_id) if s.annotator == GOLD]


def test_agreed_spans_become_gold_and_a_settled_document_is_curated(
    run: Run, team: Repository, saved: SavedProject
) -> None:
    result = run("adjudicate", "--min-agree", "2", "--curator", "cura")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "d1 (ana, budi): 2 span(s) and 1 relation(s) became gold; "
        "nothing left to decide: marked curated"
    )
    assert lines[1] == (
        "d2 (ana, budi): 1 span(s) and 0 relation(s) became gold; 2 span(s) wait for the curator"
    )
    assert lines[2] == (
        "adjudicated 2 document(s): 3 span(s) and 1 relation(s) became gold, "
        "1 document(s) marked curated"
    )
    assert lines[3] == "skipped 1 document(s) fewer than 2 annotators have marked done: d3"
    assert gold(saved, "d1") == [("PER", 0, 4, "Budi"), ("GPE", 18, 25, "Jakarta")]
    assert gold(saved, "d2") == [("PER", 0, 4, "Budi")]
    assert gold(saved, "d3") == []
    (rel,) = [r for r in saved.relations("d1") if r.annotator == GOLD]
    by_id = {s.id: s for s in saved.spans("d1")}
    assert (by_id[rel.head].text, by_id[rel.tail].text) == ("Budi", "Jakarta")
    assert saved.status("d1", GOLD) == "done"
    assert saved.status("d2", GOLD) == "todo"
    entries = {e.doc_id: e for e in saved.edit_log() if e.kind == "batch"}
    assert entries["d1"].annotator == entries["d2"].annotator == "cura"
    assert entries["d1"].summary.endswith("; marked curated")


def test_running_again_adds_nothing(run: Run, team: Repository, saved: SavedProject) -> None:
    assert run("adjudicate", "--curator", "cura").exit_code == 0
    before = saved.rows("SELECT id FROM spans ORDER BY id")

    result = run("adjudicate", "--json", "--curator", "cura")

    assert result.exit_code == 0, result.output
    outcome = json.loads(result.output)
    assert [(d["id"], d["gold_spans"], d["curated"]) for d in outcome["documents"]] == [
        ("d2", 0, False)
    ]
    assert outcome["documents"][0]["waiting_spans"] == 2
    assert (outcome["skipped"], outcome["curated_before"]) == (["d3"], ["d1"])
    assert saved.rows("SELECT id FROM spans ORDER BY id") == before


def test_a_curated_document_is_left_as_the_curator_made_it(
    run: Run, team: Repository, saved: SavedProject
) -> None:
    assert run("adjudicate", "--docs", "d1", "--curator", "cura").exit_code == 0
    (jakarta,) = [s for s in saved.spans("d1") if s.annotator == GOLD and s.label == "GPE"]
    team.apply(RemoveSpan(jakarta, tuple(team.relations_of_span(jakarta.id))), "cura")

    result = run("adjudicate", "--docs", "d1", "--curator", "cura")

    assert result.output.splitlines()[-1] == "left 1 curated document(s) as they are: d1"
    assert gold(saved, "d1") == [("PER", 0, 4, "Budi")]


def test_docs_and_annotators_narrow_the_comparison(
    run: Run, team: Repository, saved: SavedProject
) -> None:
    result = run("adjudicate", "--docs", "d1", "--annotators", "ana,citra", "--curator", "cura")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "skipped 1 document(s) fewer than 2 annotators have marked done: d1"
    )
    assert gold(saved, "d1") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--min-agree", "1"), "Error: --min-agree is 1; agreement needs at least 2 annotators"),
        (("--docs", "d1,nope"), "Error: no document with id 'nope'"),
        (("--annotators", "ana,@gold"), "Error: annotator name '@gold' is not allowed"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run: Run, team: Repository, saved: SavedProject, args: tuple[str, ...], message: str
) -> None:
    result = run("adjudicate", *args)
    assert result.exit_code == 1
    assert result.output.startswith(message) and "Traceback" not in result.output
    assert gold(saved, "d1") == []


def test_gold_is_written_the_same_on_both_backends(
    run: Run, team: Repository, db_path: Path, on_backend: Place
) -> None:
    db = on_backend(db_path)
    result = run("adjudicate", "--min-agree", "2", "--curator", "cura", db=db)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2] == (
        "adjudicated 2 document(s): 3 span(s) and 1 relation(s) became gold, "
        "1 document(s) marked curated"
    )
    saved = SavedProject(db)
    assert gold(saved, "d1") == [("PER", 0, 4, "Budi"), ("GPE", 18, 25, "Jakarta")]
    assert saved.status("d1", GOLD) == "done"
    again = run("adjudicate", "--json", "--curator", "cura", db=db)
    assert json.loads(again.output)["curated_before"] == ["d1"]
