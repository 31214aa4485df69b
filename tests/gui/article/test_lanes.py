"""Lanes computed per overlap cluster on demand equal a full re-layout, through edits too."""

from __future__ import annotations

import random

import pytest

from annotator.core.lanes import document_order, in_document_order, sweep_lanes
from annotator.core.model import Span
from annotator.gui.article import span_layout
from annotator.gui.article.span_layout import SpanIndex


def span(n: int, start: int, end: int, layer: str = "entity") -> Span:
    return Span(f"s{n:04d}", "d", layer, "PER" if layer == "entity" else "CLAIM", start, end, "")


def full_layout(spans: list[Span]) -> dict[str, int]:
    """Every layer laned in one sweep, as the view did for a whole document before."""
    lanes: dict[str, int] = {}
    for layer in {s.layer for s in spans}:
        lanes.update(
            sweep_lanes(sorted((s for s in spans if s.layer == layer), key=document_order))
        )
    return lanes


def random_spans(rng: random.Random, count: int, first: int = 0) -> list[Span]:
    spans = []
    for n in range(first, first + count):
        start = rng.randrange(0, 2000)
        length = rng.choice([1, 2, 5, 30, 120, 5000])  # 5000: kept aside as a long span
        spans.append(span(n, start, start + length, rng.choice(["entity", "claim"])))
    return spans


def assert_matches_full_layout(index: SpanIndex, order: list[str] | None = None) -> None:
    spans = index.spans()
    expected = full_layout(spans)
    ids = order if order is not None else [s.id for s in spans]
    assert {sid: index.lane(sid) for sid in ids} == {sid: expected[sid] for sid in ids}


@pytest.mark.parametrize("seed", range(6))
def test_lanes_asked_in_any_order_equal_a_full_layout(seed: int) -> None:
    rng = random.Random(seed)
    spans = random_spans(rng, 150)
    rng.shuffle(spans)
    index = SpanIndex(spans)
    assert [s.id for s in index.spans()] == [s.id for s in sorted(spans, key=document_order)]
    asked = [s.id for s in spans]
    rng.shuffle(asked)  # painting asks about whatever is visible, in any order
    assert_matches_full_layout(index, asked)


@pytest.mark.parametrize("seed", range(6))
def test_lanes_after_adds_removes_and_relabels_equal_a_full_layout(seed: int) -> None:
    rng = random.Random(seed)
    index = SpanIndex(random_spans(rng, 80))
    fresh = 1000
    for step in range(120):
        current = index.spans()
        roll = rng.random()
        if roll < 0.45 or not current:
            index.add(random_spans(rng, 1, fresh)[0])
            fresh += 1
        elif roll < 0.8:
            index.remove(rng.choice(current).id)
        else:
            old = rng.choice(current)
            moved = rng.random() < 0.5
            index.update(
                Span(old.id, "d", old.layer, "ORG", old.start, old.end + (3 if moved else 0), "")
            )
        if step % 7 == 0:  # sometimes lanes are asked between edits, sometimes not
            for visible in rng.sample(index.spans(), min(5, len(index))):
                index.lane(visible.id)
    assert_matches_full_layout(index)
    assert [s.id for s in index.spans()] == [
        s.id for s in sorted(index.spans(), key=document_order)
    ]


def brute_overlapping(spans: list[Span], start: int, end: int) -> set[str]:
    end = max(end, start + 1)
    return {s.id for s in spans if s.start < end and s.end > start}


@pytest.mark.parametrize("seed", range(4))
def test_overlapping_finds_every_span_touching_a_window_after_edits(seed: int) -> None:
    """The bisect window reaches back as far as the longest span held: a span longer than
    any before it, added later, is still found from a window past its start."""
    rng = random.Random(seed)
    index = SpanIndex([span(n, s, s + 3) for n, s in enumerate(rng.sample(range(2000), 60))])
    fresh = 1000
    for _step in range(80):
        current = index.spans()
        if rng.random() < 0.6 or not current:
            index.add(random_spans(rng, 1, fresh)[0])
            fresh += 1
        else:
            index.remove(rng.choice(current).id)
        start = rng.randrange(0, 7000)
        end = start + rng.choice([0, 1, 40, 900])
        found = [s.id for s in index.overlapping(start, end)]
        assert len(found) == len(set(found))
        assert set(found) == brute_overlapping(index.spans(), start, end)


def test_a_span_touching_the_window_only_at_its_last_character_is_found() -> None:
    index = SpanIndex([span(1, 0, 3), span(2, 100, 400)])
    assert [s.id for s in index.overlapping(399, 410)] == ["s0002"]
    assert index.overlapping(400, 410) == []
    assert [s.id for s in index.overlapping(2, 2)] == ["s0001"]


def test_nested_spans_are_innermost_first_and_a_gap_starts_a_new_cluster() -> None:
    outer, middle, inner = span(1, 0, 30), span(2, 5, 20), span(3, 8, 12)
    touching = span(4, 30, 35)  # starts where the outer one ends: no overlap, lane 0
    claim = span(5, 0, 40, "claim")  # other layers never share lanes
    index = SpanIndex([touching, inner, claim, outer, middle])
    assert [index.lane(s.id) for s in (inner, middle, outer, touching, claim)] == [0, 1, 2, 0, 0]
    index.remove(middle.id)
    assert [index.lane(s.id) for s in (inner, outer)] == [0, 1]


def test_a_cluster_too_big_to_relane_keeps_its_lanes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(span_layout, "RELANE_LIMIT", 3)
    chain = [span(n, n * 10, n * 10 + 15) for n in range(6)]  # each overlaps the next
    index = SpanIndex(chain)
    before = {s.id: index.lane(s.id) for s in chain}
    added = span(99, 22, 24)  # inside spans 1 and 2
    index.add(added)
    assert {s.id: index.lane(s.id) for s in chain} == before
    neighbours = {before[chain[1].id], before[chain[2].id]}
    assert index.lane(added.id) == min(set(range(3)) - neighbours)
    index.remove(chain[3].id)
    assert {s.id: index.lane(s.id) for s in chain if s is not chain[3]} == {
        sid: lane for sid, lane in before.items() if sid != chain[3].id
    }


def test_a_big_cluster_never_laned_is_laned_before_a_new_span_joins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(span_layout, "RELANE_LIMIT", 3)
    chain = [span(n, n * 10, n * 10 + 15) for n in range(6)]
    expected = full_layout(chain)
    index = SpanIndex(chain)
    index.add(span(99, 22, 24))  # nothing painted yet: the lanes it gets are a full layout's
    assert {s.id: index.lane(s.id) for s in chain} == expected


def test_document_order_check() -> None:
    a, b, c = span(1, 0, 10), span(2, 0, 5), span(3, 4, 6)
    for spans, expected in (([a, b, c], True), ([b, a, c], False), ([a, c, b], False)):
        assert in_document_order(spans, [s.start for s in spans]) is expected
    same = [span(2, 0, 5), span(1, 0, 5)]  # same extent: by id
    assert not in_document_order(same, [0, 0])
    assert in_document_order(same[::-1], [0, 0])
