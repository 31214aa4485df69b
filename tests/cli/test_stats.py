"""`annotator stats`: the figures as text and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers.cli import Place


def test_stats_text_and_json(project: Path, output: Callable[..., str], on_backend: Place) -> None:
    db = on_backend(project)
    out = output("stats", "--db", db)
    assert "documents done: 0/1" in out and "GPE" in out
    data = json.loads(output("stats", "--db", db, "--json"))
    assert data["spans"] == 1 and data["per_label"][0]["label"] == "GPE"
    assert data["cooccurrence_basis"] == "documents"
