from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.edits import AddSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, make_span
from annotator.core.operations.suggestions import accept_edit, reject_edit
from annotator.core.suggestion_edits import Suggestion
from annotator.preannotate import run_preannotation
from annotator.preannotate.rules import RuleSet
from annotator.store.repository import Repository
from annotator.store.suggestions import (
    decide,
    insert_suggestions,
    pending,
    suggested_keys,
    suggestions,
)

TEXT = "Intro. Jakarta and Bandung flooded; Jakarta again. Part two."


@pytest.fixture
def project(repo: Repository, tmp_path: Path) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT))
    rules = tmp_path / "rules.toml"
    rules.write_text(
        "[[rules]]\nlabel = 'GPE'\npattern = 'Jakarta|Bandung'\n\n"
        "[[rules]]\nlabel = 'BODY'\npattern = 'Part two.'\n"
    )
    run_preannotation(repo, RuleSet.from_file(rules, repo.schema()))
    return repo


def spans_in_db(repo: Repository) -> list[tuple[str, str, str]]:
    rows = repo.db.execute("SELECT label, text, origin FROM spans ORDER BY start").fetchall()
    return [tuple(r) for r in rows]


def test_accept_one_makes_a_span_with_origin_and_undo_restores(project: Repository) -> None:
    first = suggestions(project, label="GPE")[0]
    decision = accept_edit(project, [first], "ann")
    assert decision.edit is not None
    project.apply(decision.edit, "ann")
    assert spans_in_db(project) == [("GPE", "Jakarta", "rules:rules.toml")]
    status = project.db.execute("SELECT status FROM suggestions WHERE id = ?", [first.id])
    assert status.fetchone()[0] == "accepted"
    assert project.spans("d1")[0].annotator == "ann"
    project.apply(decision.edit.inverse(), "ann")
    assert spans_in_db(project) == []
    assert suggestions(project)[0].status == "pending"
    assert len(suggestions(project)) == 4


def test_reject_and_undo(project: Repository) -> None:
    target = suggestions(project, label="BODY")
    decision = reject_edit(target)
    assert decision.edit is not None
    project.apply(decision.edit, "ann")
    assert suggestions(project, label="BODY") == []
    assert suggestions(project, status="rejected")[0].text == "Part two."
    assert spans_in_db(project) == []
    project.apply(decision.edit.inverse(), "ann")
    assert len(suggestions(project, label="BODY")) == 1


def test_accept_all_of_a_label_is_one_logged_edit(project: Repository) -> None:
    log = len(project.edit_log())
    decision = decide(project, "accept", "ann", doc_id="d1", label="GPE")
    assert decision.count == 3
    assert [s[1] for s in spans_in_db(project)] == ["Jakarta", "Bandung", "Jakarta"]
    assert len(project.edit_log()) == log + 1
    assert [s.label for s in suggestions(project)] == ["BODY"]
    assert decision.edit is not None
    project.apply(decision.edit.inverse(), "ann")
    assert spans_in_db(project) == [] and len(suggestions(project)) == 4


def test_clashing_suggestion_stays_pending_and_identical_is_not_doubled(
    project: Repository,
) -> None:
    doc = project.document("d1")
    start = TEXT.find("two")
    project.apply(AddSpan(make_span(doc, "section", "BODY", start, len(TEXT), "ann")), "ann")
    start = TEXT.find("Bandung")
    project.apply(AddSpan(make_span(doc, "entity", "GPE", start, start + 7, "ann")), "ann")
    decision = decide(project, "accept", "ann")
    assert [(s.label, reason.split()[0]) for s, reason in decision.skipped] == [
        ("BODY", "overlaps")
    ]
    assert [s.label for s in suggestions(project)] == ["BODY"]
    assert [s.text for s in project.spans("d1")].count("Bandung") == 1


def test_reject_all_in_document(project: Repository) -> None:
    decision = decide(project, "reject", "ann", doc_id="d1")
    assert decision.count == 4 and suggestions(project) == []
    assert spans_in_db(project) == []


def test_schema_rename_and_removal_carry_over_to_pending_suggestions(project: Repository) -> None:
    from annotator.core.schema_parse import schema_from_dict
    from annotator.store.schema_store import apply_schema_change

    data = project.schema().to_dict()
    next(e for e in data["labels"] if e["name"] == "GPE").update(name="PLACE", renamed_from="GPE")
    data["labels"] = [e for e in data["labels"] if e["name"] != "BODY"]
    for rel in data["relations"]:
        for end in ("head", "tail"):
            rel[end] = ["PLACE" if n == "GPE" else n for n in rel[end] if n != "BODY"]
    apply_schema_change(project, schema_from_dict(data), annotator="lead")
    assert {s.label for s in suggestions(project)} == {"PLACE"}
    decide(project, "accept", "ann")
    assert [label for label, _, _ in spans_in_db(project)] == ["PLACE", "PLACE", "PLACE"]


@pytest.fixture
def stored(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="b", text="Baku and Yerevan"))
        repo.add_document(Document(id="a", text="Baku again"))
        insert_suggestions(
            repo,
            [
                Suggestion("g4", "a", "entity", "GPE", 0, 4, "Baku", "rules", 0.5, "pending", "t"),
                Suggestion("g3", "b", "entity", "LOC", 9, 16, "Yerevan", "model", None),
                Suggestion("g2", "b", "entity", "GPE", 0, 4, "Baku", "rules", status="rejected"),
                Suggestion("g1", "b", "entity", "ORG", 0, 4, "Baku", "rules"),
                Suggestion("g0", "b", "entity", "GPE", 0, 8, "Baku and", "rules"),
            ],
        )
    return repo


def test_suggestions_come_in_document_then_text_order_longest_first(stored: Repository) -> None:
    assert [s.id for s in suggestions(stored)] == ["g0", "g1", "g3", "g4"]
    assert [s.id for s in suggestions(stored, status=None)] == ["g0", "g2", "g1", "g3", "g4"]
    assert [s.id for s in suggestions(stored, doc_id="a")] == ["g4"]
    assert [s.id for s in suggestions(stored, label="GPE")] == ["g0", "g4"]
    assert [s.id for s in suggestions(stored, label="GPE", status="rejected")] == ["g2"]
    assert [s.id for s in pending(stored, "b")] == ["g0", "g1", "g3"]


def test_a_stored_suggestion_reads_back_whole(stored: Repository) -> None:
    assert suggestions(stored, doc_id="a") == [
        Suggestion("g4", "a", "entity", "GPE", 0, 4, "Baku", "rules", 0.5, "pending", "t")
    ]
    assert suggested_keys(stored, "b") == {
        (9, 16, "LOC"),
        (0, 4, "GPE"),
        (0, 4, "ORG"),
        (0, 8, "GPE"),
    }
    assert suggested_keys(stored, "zz") == set()


def test_deciding_with_an_unknown_action_is_refused(stored: Repository) -> None:
    with pytest.raises(ValidationError, match=r"^unknown action 'keep'; use accept or reject$"):
        decide(stored, "keep", "ann")
    assert [s.status for s in suggestions(stored, status=None)] == [
        "pending",
        "rejected",
        "pending",
        "pending",
        "pending",
    ]


def test_deciding_a_document_or_a_label_leaves_the_rest_pending(stored: Repository) -> None:
    decision = decide(stored, "reject", "ann", doc_id="b", label="GPE")
    assert decision.count == 1
    assert [s.id for s in suggestions(stored)] == ["g1", "g3", "g4"]
    decision = decide(stored, "accept", "ann", doc_id="a")
    assert decision.count == 1
    assert [(s.label, s.text, s.origin) for s in stored.spans("a")] == [("GPE", "Baku", "rules")]
    assert decide(stored, "accept", "ann", doc_id="a").edit is None
