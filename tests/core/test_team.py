from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.team import (
    GOLD,
    annotator_problem,
    check_annotator,
    overlap_applies,
    split_annotators,
)


def test_a_person_cannot_annotate_as_gold() -> None:
    with pytest.raises(
        ValidationError,
        match=r"^annotator name '@gold' is not allowed: names starting with @ are kept",
    ):
        check_annotator(GOLD)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "a name is needed"),
        (" ana", "it starts or ends with a space"),
        ("a" * 65, "it is longer than 64 characters"),
        ("ana,budi", "it holds a comma or a control character"),
        ("ana\tbudi", "it holds a comma or a control character"),
    ],
)
def test_names_that_cannot_be_annotators(name: str, problem: str) -> None:
    assert annotator_problem(name) == problem


def test_plain_names_and_lists_of_them() -> None:
    assert annotator_problem("Ana Sari-2") is None
    assert annotator_problem("a" * 64) is None
    assert split_annotators("ana, budi,ana,citra") == ["ana", "budi", "citra"]
    with pytest.raises(ValidationError, match=r"^annotator name '' is not allowed"):
        split_annotators("ana,,budi")


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("ana", "ana", True),
        ("ana", "budi", False),  # each marks the document on their own
        ("ana", "", True),  # an unattributed span is everyone's
        ("", "", True),
        (GOLD, GOLD, True),
        (GOLD, "ana", False),  # gold sits on what the annotators marked
        (GOLD, "", False),
    ],
)
def test_which_spans_a_no_overlap_layer_keeps_apart(a: str, b: str, clash: bool) -> None:
    assert overlap_applies(a, b) is clash
    assert overlap_applies(b, a) is clash
