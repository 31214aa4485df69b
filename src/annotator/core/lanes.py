"""Document order of spans and their stacking lanes, computed per overlap cluster on demand.

Opening a 50,000-span document must not walk every span in Python: the order check and the
per-layer bookkeeping below use C-level iteration (``map``, ``compress``, ``accumulate``),
and lanes are computed only for the clusters someone asks about (the visible ones).

A *cluster* is a maximal run of spans of one layer that overlap transitively. With a layer's
spans in document order and ``reach[i]`` the largest end among spans ``0..i``, span ``i``
starts a new cluster exactly when ``reach[i - 1] <= start[i]``: a prefix maximum finds the
cluster of any span by walking only that cluster.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, islice, repeat
from operator import add, attrgetter, eq, ge, itemgetter, le, lt

from annotator.core.model import Span

id_of = attrgetter("id")
start_of = attrgetter("start")
end_of = attrgetter("end")
layer_of = attrgetter("layer")


def document_order(span: Span) -> tuple[int, int, str]:
    """Sort key of document order: by start, an outer (longer) span first, then by id."""
    return (span.start, -span.end, span.id)


def sort_in_document_order(spans: list[Span]) -> None:
    """Sort in place by ``document_order``: three stable sorts on plain attributes.

    Sorting by the key tuple takes about half as long again and allocates a tuple per span
    (50,000 of them in a big document).
    """
    spans.sort(key=id_of)
    spans.sort(key=end_of, reverse=True)  # reverse keeps equal ends in id order
    spans.sort(key=start_of)


def in_document_order(spans: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether ``spans`` (with ``starts`` their starts) are sorted by ``document_order``.

    Everything runs in C (``map``, ``compress``, ``itemgetter``): the starts are compared
    pairwise, then only the pairs sharing a start by end and id. An already sorted list of
    50,000 spans (what the store returns) costs a few milliseconds.
    """
    following = islice(starts, 1, None)
    if not all(map(le, starts, following)):
        return False
    ties = list(compress(range(len(starts) - 1), map(eq, starts, islice(starts, 1, None))))
    if not ties:
        return True
    if len(ties) == 1:
        first, second = spans[ties[0]], spans[ties[0] + 1]
        return (-first.end, first.id) < (-second.end, second.id)
    firsts = itemgetter(*ties)(spans)
    seconds = itemgetter(*map(add, ties, repeat(1)))(spans)
    first_ends, second_ends = list(map(end_of, firsts)), list(map(end_of, seconds))
    if not all(map(ge, first_ends, second_ends)):
        return False  # an inner span before the span around it
    same_end = list(map(eq, first_ends, second_ends))
    return all(
        map(lt, map(id_of, compress(firsts, same_end)), map(id_of, compress(seconds, same_end)))
    )


def position(starts: Sequence[int], spans: Sequence[Span], span: Span) -> int:
    """Index of ``span`` in a document-ordered list, or where it would be inserted.

    A bisect on the starts, then a short walk over the spans that share its start.
    """
    key = (-span.end, span.id)
    index = bisect_left(starts, span.start)
    size = len(starts)
    while (
        index < size and starts[index] == span.start and (-spans[index].end, spans[index].id) < key
    ):
        index += 1
    return index


def sweep_lanes(spans: Sequence[Span]) -> dict[str, int]:
    """Lanes of spans of one layer in document order, by interval partitioning.

    The sweep gives the minimum number of lanes, but the span met first (the outer one)
    gets lane 0. Reversing within each cluster of transitively overlapping spans keeps
    lanes distinct and makes nested spans innermost-first.
    """
    lanes: dict[str, int] = {}
    push, pop = heapq.heappush, heapq.heappop
    active: list[tuple[int, int]] = []  # (end, lane) of spans still open
    free: list[int] = []
    cluster: list[str] = []
    used = 0
    for span in spans:
        start = span.start
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
        push(active, (span.end, lane))
        lanes[span.id] = lane
        cluster.append(span.id)
    if cluster:
        _reverse(lanes, cluster, used - 1)
    return lanes


def _reverse(lanes: dict[str, int], cluster: list[str], top: int) -> None:
    if top > 0:
        for sid in cluster:
            lanes[sid] = top - lanes[sid]


class LayerSpans:
    """The spans of one layer in document order, with the running maximum of their ends."""

    __slots__ = ("reach", "spans", "starts")

    def __init__(self, spans: list[Span], starts: list[int], ends: Iterable[int]) -> None:
        self.spans = spans
        self.starts = starts
        self.reach = list(accumulate(ends, max))

    def index(self, span: Span) -> int:
        """Index of a span this layer holds (matched by its start, end and id)."""
        return position(self.starts, self.spans, span)

    def cluster(self, index: int) -> tuple[int, int]:
        """Bounds [lo, hi) of the overlap cluster holding the span at ``index``."""
        starts, reach = self.starts, self.reach
        lo = index
        while lo > 0 and reach[lo - 1] > starts[lo]:
            lo -= 1
        hi = index + 1
        while hi < len(starts) and reach[hi - 1] > starts[hi]:
            hi += 1
        return lo, hi

    def insert(self, span: Span) -> int:
        index = position(self.starts, self.spans, span)
        self.spans.insert(index, span)
        self.starts.insert(index, span.start)
        end, reach = span.end, self.reach
        reach.insert(index, max(reach[index - 1], end) if index else end)
        following = index + 1
        while following < len(reach) and reach[following] < end:
            reach[following] = end
            following += 1
        return index

    def delete(self, index: int) -> None:
        del self.spans[index]
        del self.starts[index]
        del self.reach[index]
        spans, reach = self.spans, self.reach
        previous = reach[index - 1] if index else 0
        for following in range(index, len(reach)):
            value = max(previous, spans[following].end)
            if value == reach[following]:
                break  # the prefix maximum is the same from here on
            reach[following] = previous = value

    def replace(self, index: int, span: Span) -> None:
        """Swap in a span with the same start, end and id (a relabel)."""
        self.spans[index] = span
