"""`annotator docs --order`: the documents in the work queue's order, with the model's
uncertainty beside each once a model has scored them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.store.models import ModelRecord, ensure_model, store_uncertainty
from annotator.store.repository import Repository
from tests.helpers.cli import Run


@pytest.fixture
def listed(repo: Repository) -> Repository:
    """Documents a, b (done), c, d in list order; model m@1 scored a, b and c."""
    with repo.transaction():
        for doc_id in "abcd":
            status = "done" if doc_id == "b" else "todo"
            repo.add_document(Document(id=doc_id, text=f"Text {doc_id}", status=status))
    with repo.transaction():
        ensure_model(repo, ModelRecord("m@1", "m", "/m", "", "2026", {"id": "m@1"}))
        store_uncertainty(repo, "m@1", "", {"a": 0.125, "b": 0.9, "c": 0.5})
    return repo


def ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:]]


def test_uncertainty_order_lists_unfinished_least_certain_first_then_unscored_then_done(
    listed: Repository, run: Run
) -> None:
    result = run("docs", "--order", "uncertainty")
    assert result.exit_code == 0, result.output
    assert ids(result.output) == ["c", "a", "d", "b"]
    lines = result.output.splitlines()
    assert "uncert." in lines[0]
    assert "0.5000" in lines[1] and "0.1250" in lines[2] and " - " in lines[3]


def test_the_list_order_shows_the_uncertainty_column_once_documents_are_scored(
    listed: Repository, run: Run, db_path: Path
) -> None:
    assert ids(run("docs").output) == list("abcd")
    rows = json.loads(run("docs", "--json").output)
    assert [row["uncertainty"] for row in rows] == [0.125, 0.9, 0.5, None]


def test_without_scores_there_is_no_uncertainty_column(repo: Repository, run: Run) -> None:
    with repo.transaction():
        repo.add_document(Document(id="only", text="Text"))
    out = run("docs", "--order", "uncertainty").output
    assert "uncert." not in out and ids(out) == ["only"]


def test_random_order_is_repeated_by_its_seed(listed: Repository, run: Run) -> None:
    first = ids(run("docs", "--order", "random", "--seed", "3").output)
    assert sorted(first) == list("abcd")
    assert ids(run("docs", "--order", "random", "--seed", "3").output) == first
    seeds = {
        tuple(ids(run("docs", "--order", "random", "--seed", str(n)).output)) for n in range(6)
    }
    assert len(seeds) > 1


def test_an_unknown_model_is_a_one_line_error(
    listed: Repository, run: Run, output: Callable[..., str]
) -> None:
    result = run("docs", "--order", "uncertainty", "--model", "nope@1")
    assert result.exit_code == 2
    assert "--model nope@1: no such model in this project" in result.output
    assert "Traceback" not in result.output
