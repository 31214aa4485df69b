"""The shipped default schema: label colours tell the labels of a layer apart."""

from __future__ import annotations

from itertools import combinations

import pytest

from annotator.assets import default_schema
from tests.helpers.colors import DEUTERANOPIA, PROTANOPIA, delta_e

NORMAL_VISION_MIN = 15.0
COLOUR_BLIND_MIN = 8.0


@pytest.mark.parametrize("layer", ["entity", "claim", "section"])
def test_no_two_default_labels_of_a_layer_have_close_colours(layer: str) -> None:
    colors = {label.name: label.color for label in default_schema().labels if label.layer == layer}
    close = [
        (a, b, round(delta_e(colors[a], colors[b]), 1))
        for a, b in combinations(colors, 2)
        if delta_e(colors[a], colors[b]) < NORMAL_VISION_MIN
    ]
    assert close == []


@pytest.mark.parametrize("vision", [DEUTERANOPIA, PROTANOPIA], ids=["deuteranopia", "protanopia"])
@pytest.mark.parametrize("layer", ["entity", "claim", "section"])
def test_default_label_colours_stay_apart_for_colour_blind_users(
    layer: str, vision: tuple[tuple[float, float, float], ...]
) -> None:
    colors = {label.name: label.color for label in default_schema().labels if label.layer == layer}
    close = [
        (a, b, round(delta_e(colors[a], colors[b], vision), 1))
        for a, b in combinations(colors, 2)
        if delta_e(colors[a], colors[b], vision) < COLOUR_BLIND_MIN
    ]
    assert close == []


def test_gpe_and_loc_no_longer_look_alike() -> None:
    colors = {label.name: label.color for label in default_schema().labels}
    assert delta_e(colors["GPE"], colors["LOC"]) > 40
    assert delta_e(colors["QUANTITY"], colors["EVENT"]) > 30
