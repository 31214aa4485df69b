"""Span index for painting: spans sorted by start, overlap queries by bisect, stacking lanes.

Everything here is in code points and plain Python so one frame asks "which spans touch the
visible text" in O(log n + k) instead of walking 50,000 spans. Lanes separate overlapping
spans of one layer so every span stays visible: they are computed once per document by
interval partitioning and patched on add/remove.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QRectF

from annotator.core.model import Span

LONG_SPAN = 4096
"""Spans longer than this (code points) are kept aside, so the bisect window stays narrow."""
RELANE_LIMIT = 2000
"""Largest overlap cluster re-laned on add/remove (about 3 ms)."""


@dataclass(frozen=True)
class SpanBox:
    """One painted piece of a span (one per visual line it covers).

    ``rect`` is in viewport coordinates; section spans live in the gutter left of the
    viewport, so their rects have negative x.
    """

    span_id: str
    layer: str
    lane: int  # stacking lane among overlapping spans of the same layer (0 = innermost)
    rect: QRectF


def _sweep_lanes(keys: list[tuple[int, int, str]], layer_of: dict[str, str]) -> dict[str, int]:
    """Interval partitioning per layer; inside each overlap cluster lanes are reversed.

    ``keys`` are (start, -end, id), sorted. The sweep gives the minimum number of lanes, but
    the span met first (the outer one) gets lane 0. Reversing within each cluster of
    transitively overlapping spans keeps lanes distinct and makes nested spans innermost-first.
    """
    lanes: dict[str, int] = {}
    by_layer: dict[str, list[tuple[int, int, str]]] = {}
    for key in keys:
        by_layer.setdefault(layer_of[key[2]], []).append(key)
    push, pop = heapq.heappush, heapq.heappop
    for layer_keys in by_layer.values():
        active: list[tuple[int, int]] = []  # (end, lane) of spans still open
        free: list[int] = []
        cluster: list[str] = []
        used = 0
        for start, neg_end, sid in layer_keys:
            while active and active[0][0] <= start:
                push(free, pop(active)[1])
            if not active and cluster:
                _reverse(lanes, cluster, used - 1)
                cluster = []
                free = []
                used = 0
            if free:
                lane = pop(free)
            else:
                lane = used
                used += 1
            push(active, (-neg_end, lane))
            lanes[sid] = lane
            cluster.append(sid)
        if cluster:
            _reverse(lanes, cluster, used - 1)
    return lanes


def _reverse(lanes: dict[str, int], cluster: list[str], top: int) -> None:
    if top > 0:
        for sid in cluster:
            lanes[sid] = top - lanes[sid]


class SpanIndex:
    """Spans of one document kept sorted by (start, end, id), with a lane per span."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: dict[str, Span] = {}
        # (start, -end, id): document order, an outer span before the spans nested in it
        self._keys: list[tuple[int, int, str]] = []
        self._long: set[str] = set()
        self._lanes: dict[str, int] = {}
        self.reset(spans)

    def reset(self, spans: Iterable[Span]) -> None:
        self._spans = {span.id: span for span in spans}
        values = self._spans.values()
        self._keys = [(s.start, -s.end, s.id) for s in values]
        self._keys.sort()
        self._long = {s.id for s in values if s.end - s.start > LONG_SPAN}
        self._lanes = _sweep_lanes(self._keys, {s.id: s.layer for s in values})

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._spans

    def get(self, span_id: str) -> Span | None:
        return self._spans.get(span_id)

    def lane(self, span_id: str) -> int:
        return self._lanes.get(span_id, 0)

    def spans(self) -> list[Span]:
        """All spans in document order."""
        return [self._spans[key[2]] for key in self._keys]

    def add(self, span: Span) -> None:
        """Insert a span and re-lane its overlap cluster (as a full re-layout would).

        A cluster too big to re-lane within a frame keeps its lanes and the new span takes the
        smallest lane its overlapping spans leave free.
        """
        if span.id in self._spans:
            self.remove(span.id)
        used = {self._lanes[s.id] for s in self.overlapping(span.start, span.end, span.layer)}
        lane = 0
        while lane in used:
            lane += 1
        self._spans[span.id] = span
        insort(self._keys, (span.start, -span.end, span.id))
        if span.end - span.start > LONG_SPAN:
            self._long.add(span.id)
        self._lanes[span.id] = lane
        self._relane(span.start, span.end, span.layer)

    def _relane(self, start: int, end: int, layer: str) -> None:
        """Recompute lanes of the spans connected by overlaps to [start, end) in ``layer``."""
        found: list[Span] = []
        while True:
            found = self.overlapping(start, end, layer)
            if len(found) > RELANE_LIMIT:
                return
            lo = min((s.start for s in found), default=start)
            hi = max((s.end for s in found), default=end)
            if lo >= start and hi <= end:
                break
            start, end = min(lo, start), max(hi, end)
        keys = sorted((s.start, -s.end, s.id) for s in found)
        self._lanes.update(_sweep_lanes(keys, {s.id: layer for s in found}))

    def remove(self, span_id: str) -> Span | None:
        span = self._spans.pop(span_id, None)
        if span is None:
            return None
        key = (span.start, -span.end, span.id)
        index = bisect_left(self._keys, key)
        if index < len(self._keys) and self._keys[index] == key:
            del self._keys[index]
        self._long.discard(span_id)
        self._lanes.pop(span_id, None)
        self._relane(span.start, span.end, span.layer)
        return span

    def update(self, span: Span) -> None:
        """Replace a span; only a change of extent or layer moves it to another lane."""
        old = self._spans.get(span.id)
        if old is not None and (old.start, old.end, old.layer) == (
            span.start,
            span.end,
            span.layer,
        ):
            self._spans[span.id] = span
        else:
            self.add(span)

    def overlapping(self, start: int, end: int, layer: str | None = None) -> list[Span]:
        """Spans with ``span.start < end and span.end > start`` (optionally of one layer).

        An empty range ``start == end`` finds the spans containing that position.
        """
        if end <= start:
            end = start + 1
        lo = bisect_left(self._keys, (start - LONG_SPAN,))
        hi = bisect_left(self._keys, (end,))
        spans = self._spans
        found = [
            spans[sid]
            for s, neg_end, sid in self._keys[lo:hi]
            if -neg_end > start and -neg_end - s <= LONG_SPAN
        ]
        for sid in self._long:
            span = spans[sid]
            if span.start < end and span.end > start:
                found.append(span)
        if layer is not None:
            found = [span for span in found if span.layer == layer]
        return found

    def neighbour(self, span_id: str | None, offset: int, step: int) -> Span | None:
        """The span after (step=1) or before (step=-1) ``span_id`` in document order, wrapping.

        With no current span, the first span starting at or after ``offset`` (step=1) or the
        last one starting before it (step=-1).
        """
        if not self._keys:
            return None
        current = self._spans.get(span_id) if span_id else None
        if current is not None:
            index = bisect_left(self._keys, (current.start, -current.end, current.id)) + step
        elif step > 0:
            index = bisect_left(self._keys, (offset,))
        else:
            index = bisect_left(self._keys, (offset,)) - 1
        return self._spans[self._keys[index % len(self._keys)][2]]


class RangeIndex:
    """Sorted (start, end) code point ranges, e.g. find hits, with a visible-window query."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.ranges = sorted(ranges)
        self._longest = max((e - s for s, e in self.ranges), default=0)

    def __len__(self) -> int:
        return len(self.ranges)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(index, start, end) of the ranges touching [start, end)."""
        lo = bisect_left(self.ranges, (start - self._longest,))
        hi = bisect_left(self.ranges, (end,))
        return [
            (i, s, e)
            for i, (s, e) in enumerate(self.ranges[lo:hi], start=lo)
            if e > start or s == e == start
        ]
