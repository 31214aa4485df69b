"""Several annotators' spans of one document side by side: where they agree and where not.

A *version* is one reading of a stretch of text: the spans of one layer with the same label,
start and end, with the annotators who made it. A *group* is a maximal run of versions of one
layer that overlap transitively (the same clusters the article view stacks in lanes). A group
is a *difference* unless every version in it was made by every compared annotator: the
annotators disagree on a label or a boundary, or only some of them marked something there.

The groups come from one sweep over the spans in document order (what the store returns), so
comparing 50,000 spans costs one pass in Python and no sorting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from annotator.core.model import Span
from annotator.core.team import GOLD

UNANIMOUS = "unanimous"
MAJORITY = "majority"
SINGLE = "single"
"""A reading made by one annotator, or by no more than half of them."""

ACCEPTED = "accepted"
REJECTED = "rejected"
OPEN = "open"
DECISIONS = (ACCEPTED, REJECTED)
"""What a curator decided about one annotator's span (``curation_decisions.decision``)."""

UNNAMED = "(no name)"
"""How the lanes name spans imported without an annotator."""


def gold_span_id(source_id: str) -> str:
    """The id of the gold span copied from the annotator's span ``source_id``: the same
    source always gives the same gold span, so a redo or a second accept finds it."""
    return f"{source_id}.gold"


@dataclass(slots=True)
class Version:
    """One reading of a stretch: the spans with this layer, label, start and end.

    Treat it as immutable. It is not ``frozen`` because a comparison of a big document builds
    tens of thousands of them, and a frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field) took half the time of comparing 50,000 spans.
    """

    layer: str
    label: str
    start: int
    end: int
    spans: tuple[Span, ...]
    annotators: tuple[str, ...] = field(init=False, compare=False)
    """Who made it, sorted by name."""
    key: tuple[str, str, int, int] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        # Set once: the list, the lanes and every decision ask for them again.
        self.annotators = tuple(sorted({s.annotator for s in self.spans}))
        self.key = (self.layer, self.label, self.start, self.end)

    @property
    def text(self) -> str:
        return self.spans[0].text

    @property
    def source(self) -> Span:
        """The span a gold copy is made from: the first annotator's (by name), so the gold
        span's id does not depend on the order the spans were read in."""
        return min(self.spans, key=lambda span: (span.annotator, span.id))

    def agreement(self, annotator_count: int) -> str:
        made_by = len(self.annotators)
        if made_by >= annotator_count:
            return UNANIMOUS
        return MAJORITY if 2 * made_by > annotator_count else SINGLE

    def overlaps(self, other: Version) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Group:
    """Versions of one layer that overlap transitively, in document order."""

    layer: str
    start: int
    end: int
    versions: tuple[Version, ...]

    def is_difference(self, annotator_count: int) -> bool:
        return any(v.agreement(annotator_count) != UNANIMOUS for v in self.versions)

    def alternatives(self, version: Version) -> list[Version]:
        """The other readings ``version`` competes with: they overlap it and no annotator made
        both (one annotator's nested spans are meant together, not instead of each other)."""
        made = set(version.annotators)
        return [
            other
            for other in self.versions
            if other is not version
            and other.overlaps(version)
            and made.isdisjoint(other.annotators)
        ]


def lane_name(annotator: str) -> str:
    return annotator or UNNAMED


def split_gold(spans: Sequence[Span]) -> tuple[list[Span], list[Span]]:
    """(the annotators' spans, the gold spans), each in the order given."""
    gold = [span for span in spans if span.annotator == GOLD]
    if not gold:
        return list(spans), gold
    return [span for span in spans if span.annotator != GOLD], gold


def compare(spans: Sequence[Span]) -> list[Group]:
    """The groups of the annotators' ``spans`` (gold left out), given in document order.

    Per layer, a span opens a new group when it starts at or after the end of every span
    before it (the running maximum of the ends); spans of one group with the same label and
    offsets become one version. Groups come out ordered by start, then layer.
    """
    reach: dict[str, int] = {}  # per layer: the largest end in its open group
    readings: dict[str, dict[tuple[str, int, int], list[Span]]] = {}
    finished: list[Group] = []
    for span in spans:
        if span.annotator == GOLD:
            continue
        layer, start, end = span.layer, span.start, span.end
        furthest = reach.get(layer)
        if furthest is None or furthest <= start:
            if furthest is not None:
                finished.append(_group(layer, readings[layer]))
            readings[layer] = {(span.label, start, end): [span]}
            reach[layer] = end
            continue
        if end > furthest:
            reach[layer] = end
        group = readings[layer]
        key = (span.label, start, end)
        same = group.get(key)
        if same is None:
            group[key] = [span]
        else:
            same.append(span)
    finished.extend(_group(layer, group) for layer, group in readings.items())
    finished.sort(key=_group_order)
    return finished


def _group_order(group: Group) -> tuple[int, str]:
    return (group.start, group.layer)


def _group(layer: str, readings: dict[tuple[str, int, int], list[Span]]) -> Group:
    versions = tuple(
        Version(layer, label, s, e, tuple(spans)) for (label, s, e), spans in readings.items()
    )
    return Group(layer, min(v.start for v in versions), max(v.end for v in versions), versions)


def annotators_of(spans: Iterable[Span]) -> list[str]:
    """The compared annotators (everyone with a span, gold aside), sorted by name."""
    return sorted(set(map(attrgetter("annotator"), spans)) - {GOLD})


def version_state(
    version: Version,
    decisions: Mapping[str, str],
    gold_keys: Mapping[tuple[str, str, int, int], Span],
) -> str:
    """ACCEPTED when the reading is in gold (a span of it was accepted, or gold holds the same
    span, e.g. from ``annotator adjudicate``), REJECTED when the curator rejected all its
    spans, else OPEN."""
    if version.key in gold_keys or any(decisions.get(s.id) == ACCEPTED for s in version.spans):
        return ACCEPTED
    if all(decisions.get(s.id) == REJECTED for s in version.spans):
        return REJECTED
    return OPEN
