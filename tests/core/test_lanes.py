"""Document order, overlap clusters and stacking lanes of one layer's spans, checked against
plain Python definitions on hand-made and random spans."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.lanes import (
    LayerSpans,
    document_order,
    in_document_order,
    position,
    sort_in_document_order,
    sweep_lanes,
)
from annotator.core.model import Span


def span(n: int, start: int, end: int) -> Span:
    return Span(f"s{n:03d}", "d", "entity", "PER", start, end, "")


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=14).map(
    lambda pairs: [span(n, start, start + length) for n, (start, length) in enumerate(pairs)]
)


def _ordered(spans: list[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start, -s.end, s.id))


def _clusters(spans: list[Span]) -> list[list[Span]]:
    """Maximal runs of document-ordered spans that overlap transitively."""
    clusters: list[list[Span]] = []
    reach = None
    for s in spans:
        if reach is None or s.start >= reach:
            clusters.append([])
            reach = s.end
        clusters[-1].append(s)
        reach = max(reach, s.end)
    return clusters


def _layer(spans: list[Span]) -> LayerSpans:
    ordered = _ordered(spans)
    return LayerSpans(ordered, [s.start for s in ordered], [s.end for s in ordered])


def test_document_order_puts_the_outer_span_first_and_ties_by_id() -> None:
    assert document_order(span(1, 3, 9)) == (3, -9, "s001")
    spans = [span(3, 0, 5), span(2, 0, 5), span(1, 2, 4), span(4, 0, 9)]
    sort_in_document_order(spans)
    assert [s.id for s in spans] == ["s004", "s002", "s003", "s001"]


def test_in_document_order_compares_end_and_id_of_spans_sharing_a_start() -> None:
    a, b, c = span(1, 0, 10), span(2, 0, 5), span(3, 4, 6)
    assert in_document_order([a, b, c], [0, 0, 4])
    assert not in_document_order([b, a, c], [0, 0, 4])
    assert not in_document_order([a, c, b], [0, 4, 0])
    assert in_document_order([span(1, 0, 5), span(2, 0, 5)], [0, 0])
    assert not in_document_order([span(2, 0, 5), span(1, 0, 5)], [0, 0])
    assert not in_document_order([span(1, 0, 5), span(1, 0, 5)], [0, 0])
    assert in_document_order([], [])
    assert in_document_order([a], [0])


def test_nested_spans_are_innermost_first_and_a_touching_span_starts_a_new_cluster() -> None:
    outer, middle, inner, touching = span(1, 0, 30), span(2, 5, 20), span(3, 8, 12), span(4, 30, 35)
    lanes = sweep_lanes([outer, middle, inner, touching])
    assert lanes == {"s001": 2, "s002": 1, "s003": 0, "s004": 0}


def test_spans_that_free_a_lane_let_the_next_span_reuse_it() -> None:
    first, long, second = span(1, 0, 4), span(2, 2, 20), span(3, 5, 9)
    assert sweep_lanes([first, long, second]) == {"s001": 1, "s002": 0, "s003": 1}


def test_a_lone_span_and_separate_spans_are_each_in_lane_zero() -> None:
    assert sweep_lanes([span(1, 0, 4)]) == {"s001": 0}
    assert sweep_lanes([span(1, 0, 4), span(2, 5, 9), span(3, 9, 12)]) == {
        "s001": 0,
        "s002": 0,
        "s003": 0,
    }
    assert sweep_lanes([]) == {}


@settings(max_examples=60, deadline=None)
@given(_SPANS)
def test_sorting_and_the_order_check_agree_with_the_sort_key(spans: list[Span]) -> None:
    expected = _ordered(spans)
    shuffled = list(reversed(spans))
    sort_in_document_order(shuffled)
    assert shuffled == expected
    assert in_document_order(expected, [s.start for s in expected])
    if expected != spans:
        assert not in_document_order(spans, [s.start for s in spans])


@settings(max_examples=60, deadline=None)
@given(_SPANS, st.integers(0, 40), st.integers(1, 12))
def test_position_is_where_the_span_sorts(spans: list[Span], start: int, length: int) -> None:
    ordered = _ordered(spans)
    starts = [s.start for s in ordered]
    for index, s in enumerate(ordered):
        assert position(starts, ordered, s) == index
    new = span(999, start, start + length)
    assert position(starts, ordered, new) == _ordered([*ordered, new]).index(new)


@settings(max_examples=60, deadline=None)
@given(_SPANS)
def test_lanes_are_distinct_within_overlaps_and_as_few_as_the_deepest_point(
    spans: list[Span],
) -> None:
    ordered = _ordered(spans)
    lanes = sweep_lanes(ordered)
    assert set(lanes) == {s.id for s in spans}
    for a in ordered:
        for b in ordered:
            if a.id != b.id and a.overlaps(b.start, b.end):
                assert lanes[a.id] != lanes[b.id]
    for cluster in _clusters(ordered):
        depth = max(sum(s.start <= p < s.end for s in cluster) for c in cluster for p in [c.start])
        assert {lanes[s.id] for s in cluster} == set(range(depth))


@settings(max_examples=60, deadline=None)
@given(_SPANS)
def test_cluster_bounds_hold_exactly_the_spans_that_overlap_transitively(
    spans: list[Span],
) -> None:
    layer = _layer(spans)
    at = 0
    for cluster in _clusters(layer.spans):
        for offset in range(len(cluster)):
            assert layer.cluster(at + offset) == (at, at + len(cluster))
        at += len(cluster)
    for index, s in enumerate(layer.spans):
        assert layer.index(s) == index


@settings(max_examples=60, deadline=None)
@given(
    _SPANS, st.lists(st.tuples(st.booleans(), st.integers(0, 40), st.integers(1, 12)), max_size=8)
)
def test_inserting_and_deleting_keep_the_order_and_the_running_maximum_of_ends(
    spans: list[Span], steps: list[tuple[bool, int, int]]
) -> None:
    layer = _layer(spans)
    for n, (insert, start, length) in enumerate(steps):
        if insert or not layer.spans:
            new = span(500 + n, start, start + length)
            assert layer.insert(new) == layer.spans.index(new)
        else:
            layer.delete(start % len(layer.spans))
        assert layer.spans == _ordered(layer.spans)
        assert layer.starts == [s.start for s in layer.spans]
        ends = [s.end for s in layer.spans]
        assert layer.reach == [max(ends[: i + 1]) for i in range(len(ends))]


def test_replace_swaps_the_span_in_place() -> None:
    layer = _layer([span(1, 0, 4), span(2, 5, 9)])
    relabelled = span(2, 5, 9).with_label("ORG")
    layer.replace(1, relabelled)
    assert layer.spans[1].label == "ORG" and layer.reach == [4, 9]


def test_deleting_the_longest_span_lowers_the_reach_after_it() -> None:
    layer = _layer([span(1, 0, 20), span(2, 2, 4), span(3, 6, 8), span(4, 30, 31)])
    assert layer.reach == [20, 20, 20, 31]
    assert layer.cluster(2) == (0, 3)
    layer.delete(0)
    assert layer.reach == [4, 8, 31]
    assert layer.cluster(0) == (0, 1) and layer.cluster(1) == (1, 2)
    layer.delete(2)
    assert layer.reach == [4, 8]


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.randoms(use_true_random=False))
def test_in_document_order_says_whether_sorting_would_change_the_list(
    spans: list[Span], rng: random.Random
) -> None:
    ordered = _ordered(spans)
    assert in_document_order(ordered, [s.start for s in ordered])
    shuffled = rng.sample(ordered, len(ordered))
    assert in_document_order(shuffled, [s.start for s in shuffled]) == (shuffled == ordered)
