"""Grouping several annotators' spans into readings and differences, without a database."""

from __future__ import annotations

from annotator.core.comparison import (
    MAJORITY,
    SINGLE,
    UNANIMOUS,
    compare,
    gold_span_id,
    lane_name,
)
from annotator.core.model import Document, Span, make_span
from annotator.core.team import GOLD
from tests.helpers.team_document import TEAM_TEXT, team_spans

DOC = Document(id="team", text=TEAM_TEXT)


def span(name: str, label: str, start: int, end: int, layer: str = "entity") -> Span:
    return make_span(DOC, layer, label, start, end, name, span_id=f"{name}-{label}-{start}-{end}")


def test_the_team_document_has_one_group_per_stretch_and_three_differences() -> None:
    groups = compare(team_spans(DOC))

    assert [DOC.text[g.start : g.end] for g in groups] == [
        "Joko Widodo",
        "Prabowo Subianto",
        "Jakarta",
        "Monday",
    ]
    assert [g.is_difference(3) for g in groups] == [False, True, True, True]
    prabowo = groups[1]
    assert [(v.label, v.annotators, v.agreement(3)) for v in prabowo.versions] == [
        ("PER", ("ana", "budi"), MAJORITY),
        ("ORG", ("citra",), SINGLE),
    ]
    assert groups[0].versions[0].agreement(3) == UNANIMOUS


def test_gold_spans_are_left_out_of_the_comparison() -> None:
    spans = [span("ana", "GPE", 0, 5), span(GOLD, "GPE", 0, 5)]

    (group,) = compare(spans)

    assert group.versions[0].annotators == ("ana",)


def test_touching_spans_are_separate_groups_and_overlapping_ones_one() -> None:
    spans = [span("ana", "PER", 0, 4), span("budi", "PER", 4, 9), span("budi", "ORG", 8, 12)]

    groups = compare(spans)

    assert [(g.start, g.end, len(g.versions)) for g in groups] == [(0, 4, 1), (4, 12, 2)]


def test_layers_are_compared_apart() -> None:
    spans = [span("ana", "PER", 0, 9), span("budi", "CLAIM", 0, 9, layer="claim")]

    groups = compare(spans)

    assert sorted(g.layer for g in groups) == ["claim", "entity"]
    assert all(len(g.versions) == 1 for g in groups)


def test_readings_compete_only_when_no_annotator_made_both() -> None:
    outer, inner = span("ana", "ORG", 0, 17), span("ana", "GPE", 10, 17)
    budi_outer, rival = span("budi", "ORG", 0, 17), span("citra", "PER", 0, 17)

    (group,) = compare([outer, budi_outer, rival, inner])
    by_label = {v.label: v for v in group.versions}

    assert [v.label for v in group.alternatives(by_label["ORG"])] == ["PER"]
    assert [v.label for v in group.alternatives(by_label["GPE"])] == ["PER"]
    assert group.alternatives(by_label["PER"]) == [by_label["ORG"], by_label["GPE"]]


def test_the_gold_copy_of_a_reading_is_made_from_the_first_annotator_by_name() -> None:
    (group,) = compare([span("citra", "PER", 0, 4), span("ana", "PER", 0, 4)])

    assert group.versions[0].source.annotator == "ana"
    assert gold_span_id("s-1") == "s-1.gold"


def test_two_emoji_keep_their_code_point_offsets() -> None:
    doc = Document(id="e", text="😀😀 ok")
    spans = [
        make_span(doc, "entity", "MISC", 0, 2, "ana", span_id="a"),
        make_span(doc, "entity", "MISC", 1, 2, "budi", span_id="b"),
    ]

    (group,) = compare(spans)

    assert (group.start, group.end) == (0, 2)
    assert [v.text for v in group.versions] == ["😀😀", "😀"]


def test_spans_without_an_annotator_get_a_lane_name() -> None:
    assert lane_name("") == "(no name)"
    assert lane_name("ana") == "ana"
