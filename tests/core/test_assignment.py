"""Assigning documents to annotators: exact plans, the errors a user reads, and balance."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from annotator.core.assignment import AssignmentPlan, loads_text, plan_assignment
from annotator.core.errors import ValidationError

TEAM = ["ana", "budi", "citra"]


def test_three_documents_two_annotators_each_out_of_three() -> None:
    plan = plan_assignment(["d1", "d2", "d3"], TEAM, 2, seed=1)
    assert plan.pairs == (
        ("d1", "ana"),
        ("d1", "citra"),
        ("d2", "ana"),
        ("d2", "budi"),
        ("d3", "budi"),
        ("d3", "citra"),
    )
    assert plan.loads == {"ana": 2, "budi": 2, "citra": 2}
    assert plan.added == plan.loads
    assert plan.documents == 3


def test_the_same_seed_gives_the_same_plan_and_another_seed_other_pairs() -> None:
    docs = [f"d{i}" for i in range(12)]
    first = plan_assignment(docs, TEAM, 2, seed=7)
    assert plan_assignment(docs, TEAM, 2, seed=7) == first
    others = {plan_assignment(docs, TEAM, 2, seed=seed).pairs for seed in range(5)}
    assert len(others) > 1


def test_existing_assignments_count_towards_loads_and_the_document() -> None:
    plan = plan_assignment(
        ["d1", "d2", "d3"], TEAM, 1, existing={"d1": {"ana"}, "d9": {"ana"}}, seed=0
    )
    assert plan.pairs == (("d2", "citra"), ("d3", "budi"))  # d1 has ana already
    assert plan.loads == {"ana": 2, "budi": 1, "citra": 1}
    assert plan.added == {"ana": 0, "budi": 1, "citra": 1}
    assert loads_text(plan) == "ana 2 (+0) · budi 1 (+1) · citra 1 (+1)"


def test_planning_again_over_the_result_adds_nothing() -> None:
    docs = ["d1", "d2", "d3", "d4"]
    plan = plan_assignment(docs, TEAM, 2, seed=3)
    existing: dict[str, set[str]] = {}
    for doc_id, name in plan.pairs:
        existing.setdefault(doc_id, set()).add(name)
    again = plan_assignment(docs, TEAM, 2, existing=existing, seed=3)
    assert again.pairs == ()
    assert again.loads == plan.loads
    assert again.documents == 0


def test_someone_not_listed_does_not_fill_a_place() -> None:
    plan = plan_assignment(["d1"], ["ana", "budi"], 2, existing={"d1": {"dewi"}})
    assert plan.pairs == (("d1", "ana"), ("d1", "budi"))


def test_one_annotator_gets_every_document_once() -> None:
    plan = plan_assignment(["d1", "d1", "d2"], ["ana"], 1)
    assert plan.pairs == (("d1", "ana"), ("d2", "ana"))  # a repeated id is one document


@pytest.mark.parametrize(
    ("docs", "names", "per_doc", "message"),
    [
        (["d1"], TEAM, 4, r"^per-doc 4 is more than the 3 annotators given \(ana, budi, citra\)"),
        (["d1"], ["ana"], 2, r"more than the 1 annotator given \(ana\): a document cannot go"),
        (["d1"], TEAM, 0, r"^per-doc must be at least 1, not 0$"),
        ([], TEAM, 1, r"^no documents selected: there is nothing to assign$"),
        (["d1"], [], 1, r"^no annotators given"),
        (["d1"], ["ana", "ana"], 1, r"^annotator 'ana' is named twice$"),
        (["d1"], ["@gold"], 1, r"annotator name '@gold' is not allowed: names starting with @"),
        (["d1"], ["a,b"], 1, r"'a,b' is not allowed: it holds a comma"),
    ],
)
def test_a_request_that_cannot_be_planned_says_why(
    docs: list[str], names: list[str], per_doc: int, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        plan_assignment(docs, names, per_doc)


def check_plan(plan: AssignmentPlan, docs: list[str], names: list[str], per_doc: int) -> None:
    per_document = Counter(doc_id for doc_id, _name in plan.pairs)
    assert per_document == dict.fromkeys(docs, per_doc)
    assert len(set(plan.pairs)) == len(plan.pairs)  # never the same annotator twice
    loads = Counter(name for _doc_id, name in plan.pairs)
    assert {name: loads[name] for name in names} == plan.loads
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1


def test_every_plan_is_balanced_to_one_document() -> None:
    rng = random.Random(11)
    for team_size, seed in itertools.product(range(1, 6), range(20)):
        names = [f"a{i}" for i in range(team_size)]
        docs = [f"d{i}" for i in range(rng.randint(1, 40))]
        per_doc = rng.randint(1, team_size)
        check_plan(plan_assignment(docs, names, per_doc, seed=seed), docs, names, per_doc)


def test_balance_holds_when_a_second_batch_follows_the_first() -> None:
    rng = random.Random(5)
    for seed in range(30):
        first_docs = [f"d{i}" for i in range(rng.randint(1, 20))]
        second_docs = [f"e{i}" for i in range(rng.randint(1, 20))]
        per_doc = rng.randint(1, 3)
        first = plan_assignment(first_docs, TEAM, per_doc, seed=seed)
        existing: dict[str, set[str]] = {}
        for doc_id, name in first.pairs:
            existing.setdefault(doc_id, set()).add(name)
        second = plan_assignment(second_docs, TEAM, per_doc, existing=existing, seed=seed)
        assert max(second.loads.values()) - min(second.loads.values()) <= 1
        assert sum(second.added.values()) == per_doc * len(second_docs)
