"""The card beside a model: written with its scores alone in scores.json, read back, and a
folder without one (another spaCy pipeline) or with a broken one told apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.training.card import CARD_FILE, SCORES_FILE, read_card, write_card

CARD = {
    "id": "names@20261201-120000.000",
    "project": "p.db",
    "annotators": ["ana"],
    "scores": {"overall": {"f": 0.9}},
}


def test_a_written_card_reads_back_and_its_scores_stand_alone_in_scores_json(
    tmp_path: Path,
) -> None:
    write_card(tmp_path, CARD)

    assert read_card(tmp_path) == CARD
    assert json.loads((tmp_path / SCORES_FILE).read_text(encoding="utf-8")) == CARD["scores"]


def test_a_folder_without_a_card_is_another_pipeline(tmp_path: Path) -> None:
    assert read_card(tmp_path) is None


def test_a_card_that_is_not_json_is_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / CARD_FILE).write_text("{not json", encoding="utf-8")

    with pytest.raises(ValidationError, match=rf"{CARD_FILE}: not a readable model card"):
        read_card(tmp_path)


def test_a_card_without_an_id_is_refused(tmp_path: Path) -> None:
    (tmp_path / CARD_FILE).write_text('{"project": "p.db"}', encoding="utf-8")

    with pytest.raises(ValidationError, match=r"not a model card \(no id\)"):
        read_card(tmp_path)
