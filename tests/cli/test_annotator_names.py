"""The annotator name a command records: @gold is the tool's own and no person's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.config import save_config


def test_a_person_cannot_act_as_gold_from_the_command_line(project: Path) -> None:
    result = CliRunner().invoke(
        cli, ["suggestions", "--db", str(project), "accept", "--annotator", "@gold"]
    )
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: annotator name '@gold' is not allowed: names starting with @ are kept for the "
        "tool (@gold is the curated annotation)"
    )


def test_a_configured_gold_name_is_refused_too(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    save_config({"annotator": "@gold"})
    result = CliRunner().invoke(cli, ["docs", "--db", str(project)])
    assert result.exit_code == 1
    assert "annotator name '@gold' is not allowed" in result.output
