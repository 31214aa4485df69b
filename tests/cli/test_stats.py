"""`annotator stats`: the figures as text and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path


def test_stats_text_and_json(project: Path, output: Callable[..., str]) -> None:
    out = output("stats", "--db", str(project))
    assert "documents done: 0/1" in out and "GPE" in out
    data = json.loads(output("stats", "--db", str(project), "--json"))
    assert data["spans"] == 1 and data["per_label"][0]["label"] == "GPE"
    assert data["cooccurrence_basis"] == "documents"
