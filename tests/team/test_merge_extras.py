"""Merging a curator's decisions and pending suggestions from project files
(``team.merge_extras``, run by ``team.merge``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.curation_edits import CurationStep
from annotator.core.model import Span
from annotator.core.suggestion_edits import Suggestion
from annotator.store.curation import decision_rows
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.suggestions import insert_suggestions, suggestions
from annotator.team.merge import merge_projects
from annotator.team.merge_report import MergeReport
from tests.helpers.team_copies import NEWS, annotate, copy_of, dump, team_project


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """The team project holding ana's PER and GPE spans on the news."""
    path = team_project(tmp_path / "team.db")
    annotate(path, "ana", [("news", "PER", 0, 9), ("news", "GPE", 29, 36)], {"news": "done"})
    return path


def merge(team: Path, *sources: Path) -> MergeReport:
    repo = Repository(open_db(team))
    try:
        return merge_projects(repo, list(sources), by="lead")
    finally:
        repo.db.close()


def ana_span_ids(path: Path) -> list[str]:
    """Ana's span ids on the news, PER first."""
    repo = Repository(open_db(path, readonly=True))
    try:
        return [s.id for s in repo.spans("news") if s.annotator == "ana"]
    finally:
        repo.db.close()


def decide(path: Path, decided: list[tuple[str, str]], curator: str = "cura") -> None:
    """``curator``'s decisions (span id, accepted/rejected) on the news, as one curation step."""
    repo = Repository(open_db(path))
    try:
        step = CurationStep("news", decisions=tuple((s, None, d) for s, d in decided))
        repo.apply(step, curator)
    finally:
        repo.db.close()


def suggest(path: Path, *items: tuple[str, str, int, int, str, str]) -> None:
    """Suggestions (id, label, start, end, source, status) on the news, in the entity layer."""
    repo = Repository(open_db(path))
    try:
        with repo.transaction():
            insert_suggestions(
                repo,
                [
                    Suggestion(id, "news", "entity", label, start, end, NEWS[start:end], source)
                    for id, label, start, end, source, _status in items
                ],
            )
            for id, *_rest, status in items:
                repo.db.execute("UPDATE suggestions SET status = ? WHERE id = ?", [status, id])
    finally:
        repo.db.close()


def stored_decisions(path: Path) -> list[tuple[str, str, str]]:
    repo = Repository(open_db(path, readonly=True))
    try:
        return decision_rows(repo, "news")
    finally:
        repo.db.close()


def stored_suggestions(path: Path) -> list[tuple[str, int, int, str, str]]:
    repo = Repository(open_db(path, readonly=True))
    try:
        found = suggestions(repo, doc_id="news", status=None)
        return [(s.label, s.start, s.end, s.source, s.status) for s in found]
    finally:
        repo.db.close()


def counts(report: MergeReport, kind: str) -> tuple[int, int, int]:
    (source,) = report.sources
    c = source.counts[kind]
    return (c.added, c.present, c.refused)


def test_a_curators_offline_decisions_and_pending_suggestions_arrive_once(
    team: Path, tmp_path: Path
) -> None:
    per, gpe = ana_span_ids(team)
    curator = copy_of(team, tmp_path / "cura.db")
    decide(curator, [(per, "accepted"), (gpe, "rejected")])
    suggest(curator, ("g1", "DATE", 40, 46, "gazetteer", "pending"))

    first = merge(team, curator)
    after_first = dump(team)
    second = merge(team, curator)

    assert counts(first, "curation decisions") == (2, 0, 0)
    assert counts(first, "suggestions") == (1, 0, 0)
    assert "  curation decisions: 2 added, 0 already present, 0 refused" in first.lines()
    assert stored_decisions(team) == sorted([(per, "accepted", "cura"), (gpe, "rejected", "cura")])
    assert stored_suggestions(team) == [("DATE", 40, 46, "gazetteer", "pending")]
    assert counts(second, "curation decisions") == (0, 2, 0)
    assert counts(second, "suggestions") == (0, 1, 0)
    assert dump(team) == after_first


def test_a_decision_follows_its_span_when_the_merge_gives_the_span_another_id(
    team: Path, tmp_path: Path
) -> None:
    budi = copy_of(team, tmp_path / "budi.db")
    repo = Repository(open_db(team))  # the team already used the id budi's span has
    with repo.transaction():
        repo.add_spans([Span("s-taken", "weather", "entity", "GPE", 8, 15, "Bandung", "citra")])
    repo.db.close()
    repo = Repository(open_db(budi))
    with repo.transaction():
        repo.add_spans([Span("s-taken", "news", "entity", "PER", 21, 25, "Budi", "budi")])
    repo.db.close()
    decide(budi, [("s-taken", "rejected")])

    report = merge(team, budi)

    repo = Repository(open_db(team, readonly=True))
    (moved,) = [s for s in repo.spans("news") if s.annotator == "budi"]
    repo.db.close()
    assert moved.id != "s-taken"
    assert counts(report, "curation decisions") == (1, 0, 0)
    assert stored_decisions(team) == [(moved.id, "rejected", "cura")]


def test_the_projects_decision_is_kept_and_another_one_is_refused_by_name(
    team: Path, tmp_path: Path
) -> None:
    per, _gpe = ana_span_ids(team)
    source = copy_of(team, tmp_path / "cura.db")
    decide(team, [(per, "accepted")], curator="lead")
    decide(source, [(per, "rejected")])

    report = merge(team, source)

    assert counts(report, "curation decisions") == (0, 0, 1)
    assert report.sources[0].refusals == [
        f"{source}: document 'news': PER span 0..9 (ana) is rejected there but accepted in "
        "the project; the project's is kept"
    ]
    assert stored_decisions(team) == [(per, "accepted", "lead")]


def test_a_decision_on_a_refused_span_is_refused_too(team: Path, tmp_path: Path) -> None:
    source = copy_of(team, tmp_path / "ana.db")
    repo = Repository(open_db(source))
    with repo.transaction():  # ana's LEAD, clashing with the HEADLINE she has in the team
        repo.add_spans([Span("s-lead", "news", "section", "LEAD", 0, 25, NEWS[0:25], "ana")])
    repo.db.close()
    decide(source, [("s-lead", "accepted")])
    repo = Repository(open_db(team))
    with repo.transaction():
        repo.add_spans([Span("s-head", "news", "section", "HEADLINE", 10, 30, NEWS[10:30], "ana")])
    repo.db.close()

    report = merge(team, source)

    assert counts(report, "curation decisions") == (0, 0, 1)
    assert (
        f"{source}: document 'news': the decision on span 's-lead': its span was refused"
        in report.sources[0].refusals
    )
    assert stored_decisions(team) == []


def test_a_suggestion_the_project_decided_or_holds_under_another_id_is_already_present(
    team: Path, tmp_path: Path
) -> None:
    source = copy_of(team, tmp_path / "s.db")
    suggest(
        source,
        ("g1", "DATE", 40, 46, "gazetteer", "pending"),
        ("g2", "PER", 21, 25, "spacy", "pending"),
        ("g3", "GPE", 29, 36, "gazetteer", "pending"),
        ("g4", "PER", 0, 9, "spacy", "accepted"),  # decided: its span is what travels
    )
    suggest(
        team,
        ("g1", "DATE", 40, 46, "gazetteer", "rejected"),  # the team rejected it since
        ("other", "PER", 21, 25, "spacy", "pending"),
        ("g3", "LOC", 29, 36, "rules", "pending"),  # same id, another suggestion
    )

    report = merge(team, source)

    assert counts(report, "suggestions") == (1, 2, 0)
    assert stored_suggestions(team) == [
        ("PER", 21, 25, "spacy", "pending"),
        ("GPE", 29, 36, "gazetteer", "pending"),
        ("LOC", 29, 36, "rules", "pending"),
        ("DATE", 40, 46, "gazetteer", "rejected"),
    ]
