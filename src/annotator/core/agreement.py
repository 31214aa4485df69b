"""Agreement between annotators: span F1, Cohen's kappa, Fleiss' kappa, Krippendorff's alpha.

Pure functions over plain data; ``annotator.team.agreement`` reads a project into it.

Two kinds of evidence:

- **Spans** (``Mark``: layer, label, start, end). Span F1 of a pair is ``2 * matched /
  (spans of a + spans of b)``, summed over documents (micro average) and symmetric in the pair.
  Exact matching pairs spans with the same layer, label, start and end. Overlap matching pairs
  spans of the same layer and label that share at least one character, one to one, taking the
  pairs with the largest overlap first.
- **Token units** (``Ratings``): each annotator gives every token one category, the label of the
  shortest span of the layer covering it (sharing a character with it), else ``O``; ``None``
  when the annotator did not complete the document (a missing value). Cohen's kappa of a pair
  uses the units both rated, Fleiss' kappa the units every annotator rated, Krippendorff's alpha
  (nominal) every unit at least two annotators rated.

**Per label** every measure is one-vs-rest: span F1 counts only that label's spans; the kappas
and alpha rate each unit "this label" or "not this label" (``Ratings.binary``). A measure that
is undefined (no spans at all, or every rating in one category, so no agreement beyond chance
can be measured) is ``None``.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

OUTSIDE = "O"
"""The category of a token no span covers."""

Row = tuple[str | None, ...]
"""One unit's categories, one per annotator (``None``: missing)."""


class Mark(NamedTuple):
    """A span as agreement sees it: where it is and what it says (a tuple: hashing and
    comparing a hundred thousand of them stays in C)."""

    layer: str
    label: str
    start: int
    end: int


@dataclass(slots=True)
class SpanTally:
    """Spans of two annotators and how many of them were matched one to one."""

    matched: int = 0
    a: int = 0
    b: int = 0

    def add(self, other: SpanTally) -> None:
        self.matched += other.matched
        self.a += other.a
        self.b += other.b

    @property
    def f1(self) -> float | None:
        total = self.a + self.b
        return 2 * self.matched / total if total else None


def exact_matches(a: Sequence[Mark], b: Sequence[Mark]) -> int:
    """How many spans of ``a`` have an identical span in ``b`` (each used once)."""
    first, second = set(a), set(b)
    if len(first) == len(a) and len(second) == len(b):  # no repeated span: the usual case
        return len(first & second)
    return sum((Counter(a) & Counter(b)).values())


def overlap_matches(a: Sequence[Mark], b: Sequence[Mark]) -> int:
    """How many one-to-one pairs of same-layer, same-label, overlapping spans there are, the
    pairs with the largest overlap taken first (ties: the earlier spans first)."""
    by_kind: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for j, mark in enumerate(b):
        by_kind.setdefault((mark.layer, mark.label), []).append((mark.start, mark.end, j))
    for listed in by_kind.values():
        listed.sort()
    longest = {kind: max(e - s for s, e, _ in listed) for kind, listed in by_kind.items()}
    candidates: list[tuple[int, int, int]] = []
    for i, mark in enumerate(a):
        kind = (mark.layer, mark.label)
        found = by_kind.get(kind)
        if not found:
            continue
        # only spans starting after mark.start - longest can reach it; none after its end
        first = bisect.bisect_left(found, (mark.start - longest[kind],))
        last = bisect.bisect_left(found, (mark.end,))
        for start, end, j in found[first:last]:
            shared = min(mark.end, end) - max(mark.start, start)
            if shared > 0:
                candidates.append((-shared, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def span_tallies(
    a: Sequence[Mark], b: Sequence[Mark]
) -> tuple[dict[str, SpanTally], dict[str, SpanTally]]:
    """Exact and overlap tallies of one document's spans per label (label -> tally)."""
    mine: dict[str, list[Mark]] = {}
    theirs: dict[str, list[Mark]] = {}
    for mark in a:
        mine.setdefault(mark.label, []).append(mark)
    for mark in b:
        theirs.setdefault(mark.label, []).append(mark)
    exact: dict[str, SpanTally] = {}
    overlap: dict[str, SpanTally] = {}
    for label in mine.keys() | theirs.keys():
        x, y = mine.get(label, []), theirs.get(label, [])
        exact[label] = SpanTally(exact_matches(x, y), len(x), len(y))
        overlap[label] = SpanTally(overlap_matches(x, y), len(x), len(y))
    return exact, overlap


def total(tallies: Iterable[SpanTally]) -> SpanTally:
    summed = SpanTally()
    for tally in tallies:
        summed.add(tally)
    return summed


def token_categories(
    starts: Sequence[int], ends: Sequence[int], marks: Iterable[Mark]
) -> list[str]:
    """Each token's category in one layer: the label of the shortest span sharing a character
    with it (ties: the span that starts first), else ``OUTSIDE``.

    ``starts``/``ends`` are the tokens' code point offsets, in text order.
    """
    categories = [OUTSIDE] * len(starts)
    # Longest first, so a shorter span painted later wins; among equals, the earliest last.
    ordered = sorted(marks, key=lambda m: (m.start - m.end, -m.start, m.label))
    for mark in ordered:
        first = bisect.bisect_right(ends, mark.start)
        last = bisect.bisect_left(starts, mark.end)
        if first < last:
            categories[first:last] = [mark.label] * (last - first)
    return categories


@dataclass
class Ratings:
    """Categorical ratings of units by several annotators, kept as counts of distinct rows:
    a corpus of a million tokens has only a few hundred distinct rows."""

    annotators: tuple[str, ...]
    rows: Counter[Row] = field(default_factory=Counter)

    def add(self, rows: Iterable[Row]) -> None:
        self.rows.update(rows)

    def merge(self, other: Ratings) -> None:
        self.rows.update(other.rows)

    def categories(self) -> set[str]:
        return {value for row in self.rows for value in row if value is not None}

    def binary(self, label: str) -> Ratings:
        """One-vs-rest: each rating becomes ``label`` or ``O`` (missing stays missing)."""
        rows: Counter[Row] = Counter()
        for row, count in self.rows.items():
            rows[tuple(None if v is None else (label if v == label else OUTSIDE) for v in row)] += (
                count
            )
        return Ratings(self.annotators, rows)

    def pair(self, i: int, j: int) -> Counter[tuple[str, str]]:
        """The contingency table of annotators ``i`` and ``j`` over the units both rated."""
        table: Counter[tuple[str, str]] = Counter()
        for row, count in self.rows.items():
            x, y = row[i], row[j]
            if x is not None and y is not None:
                table[(x, y)] += count
        return table


def cohen_kappa(table: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's kappa from a contingency table ``(category of a, category of b) -> units``."""
    n = sum(table.values())
    if n == 0:
        return None
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    agreed = 0
    for (x, y), count in table.items():
        first[x] += count
        second[y] += count
        if x == y:
            agreed += count
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected >= 1:
        return None
    return (agreed / n - expected) / (1 - expected)


def fleiss_kappa(ratings: Ratings) -> float | None:
    """Fleiss' kappa over the units every annotator rated."""
    raters = len(ratings.annotators)
    if raters < 2:
        return None
    units = 0
    agreement = 0.0
    totals: Counter[str] = Counter()
    for row, count in ratings.rows.items():
        if None in row:
            continue
        tally = Counter(v for v in row if v is not None)
        units += count
        totals.update({c: k * count for c, k in tally.items()})
        agreement += count * (sum(k * k for k in tally.values()) - raters) / (raters * (raters - 1))
    if units == 0:
        return None
    expected = sum((k / (units * raters)) ** 2 for k in totals.values())
    if expected >= 1:
        return None
    return (agreement / units - expected) / (1 - expected)


def krippendorff_alpha(ratings: Ratings) -> float | None:
    """Krippendorff's alpha, nominal, over the units at least two annotators rated."""
    coincidences: defaultdict[tuple[str, str], float] = defaultdict(float)
    for row, count in ratings.rows.items():
        values = Counter(v for v in row if v is not None)
        m = sum(values.values())
        if m < 2:
            continue
        for c, kc in values.items():
            for k, kk in values.items():
                pairs = kc * (kk - 1) if c == k else kc * kk
                coincidences[(c, k)] += count * pairs / (m - 1)
    n = sum(coincidences.values())
    if n <= 1:
        return None
    margins: defaultdict[str, float] = defaultdict(float)
    for (c, _), value in coincidences.items():
        margins[c] += value
    observed = sum(v for (c, k), v in coincidences.items() if c != k)
    expected = (n * n - sum(v * v for v in margins.values())) / (n - 1)
    if expected <= 0:
        return None
    return 1 - observed / expected


def disagreeing(ratings: Ratings) -> tuple[int, int]:
    """(units some annotator labelled, of those the units the raters did not all agree on),
    over units at least two annotators rated."""
    labelled = differing = 0
    for row, count in ratings.rows.items():
        values = {v for v in row if v is not None}
        if sum(v is not None for v in row) < 2 or values == {OUTSIDE}:
            continue
        labelled += count
        if len(values) > 1:
            differing += count
    return labelled, differing
