"""`annotator search`: the concordance in columns and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.cli.search import display_width
from tests.helpers.cli import Place


# SQLite only: store.search's full-text query does not run on PostgreSQL yet.
def test_search_prints_aligned_concordance(
    project: Path, output: Callable[..., str], on_backend: Place
) -> None:
    out = output("search", "--db", on_backend(project), "jakarta").splitlines()
    assert len(out) == 2
    # the match column starts at the same terminal column (emoji take two columns)
    assert display_width(out[0][: out[0].index("Jakarta")]) == display_width(
        out[1][: out[1].index("JAKARTA")]
    )
    assert out[0].rstrip().endswith("emoji:5-12  GPE")
    assert out[1].rstrip().endswith("-")


def test_search_json_offsets_are_code_points(project: Path, output: Callable[..., str]) -> None:
    lines = output("search", "--db", str(project), "--json", "--case", "Jakarta").splitlines()
    hit = json.loads(lines[0])
    assert (hit["start"], hit["end"], hit["labels"]) == (5, 12, ["GPE"])
    assert (
        output("search", "--db", str(project), "--json", "--label", "GPE", "JAKARTA").count("\n")
        == 1
    )
    bad = CliRunner().invoke(cli, ["search", "--db", str(project), "--regex", "("])
    assert bad.exit_code == 1 and "invalid regular expression" in bad.output
