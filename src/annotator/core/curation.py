"""Where the curation of one document stands: its groups, its gold and the curator's decisions.

The annotators' spans and their groups are computed once when a comparison opens; curating
changes only the gold spans, gold relations and decisions, which ``set_gold`` takes in again
after each step without comparing the spans anew.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from operator import sub

from annotator.core.comparison import (
    ACCEPTED,
    OPEN,
    Group,
    Version,
    annotators_of,
    compare,
    gold_span_id,
    split_gold,
    version_state,
)
from annotator.core.curation_edits import CurationStep
from annotator.core.lanes import end_of, start_of
from annotator.core.model import Relation, Span
from annotator.core.team import GOLD


class Curation:
    """One document's comparison and the state of its curation (no Qt, no database)."""

    def __init__(
        self,
        doc_id: str,
        spans: Sequence[Span],
        relations: Iterable[Relation],
        decisions: Mapping[str, str],
    ) -> None:
        """``spans``: all of the document's spans in document order (gold included)."""
        self.doc_id = doc_id
        people, gold = split_gold(spans)
        self.spans = people
        """The annotators' spans in document order."""
        self.annotators = annotators_of(people)
        self.groups = compare(people)
        count = len(self.annotators)
        self._differences = [group.is_difference(count) for group in self.groups]
        self._group_starts = [group.start for group in self.groups]
        self._widest = max((group.end - group.start for group in self.groups), default=0)
        self._open: list[bool] = []
        """Per group: whether a reading of it waits for a decision (kept up to date by
        ``take_step`` and ``take_gold_span`` for the groups they touch)."""
        self._starts = list(map(start_of, people))
        self._longest = max(map(sub, map(end_of, people), self._starts), default=0)
        self.relations_of: dict[str, list[Relation]] = {}
        gold_relations: list[Relation] = []
        for relation in relations:
            if relation.annotator == GOLD:
                gold_relations.append(relation)
                continue
            self.relations_of.setdefault(relation.head, []).append(relation)
            self.relations_of.setdefault(relation.tail, []).append(relation)
        self.gold: dict[str, Span] = {}
        self.gold_keys: dict[tuple[str, str, int, int], Span] = {}
        self.gold_relations: set[tuple[str, str, str]] = set()
        self.decisions: dict[str, str] = {}
        self.set_gold(gold, gold_relations, decisions)

    def set_gold(
        self, gold: Iterable[Span], relations: Iterable[Relation], decisions: Mapping[str, str]
    ) -> None:
        """Take in the document's gold spans and relations and the decisions as stored now."""
        self.gold = {span.id: span for span in gold}
        self._index_gold()
        self.gold_relations = {(r.label, r.head, r.tail) for r in relations}
        self.decisions = dict(decisions)
        self._open = [self.is_open(group) for group in self.groups]

    @property
    def annotator_count(self) -> int:
        return len(self.annotators)

    def take_step(self, step: CurationStep) -> None:
        """Take in a step that was applied (or undone): its gold and its decisions."""
        for span_id, _before, after in step.decisions:
            if after is None:
                self.decisions.pop(span_id, None)
            else:
                self.decisions[span_id] = after
        if step.removes:
            for span in step.gold_spans:
                self.gold.pop(span.id, None)
            for relation in step.gold_relations:
                self.gold_relations.discard((relation.label, relation.head, relation.tail))
        else:
            self.gold.update((span.id, span) for span in step.gold_spans)
            self.gold_relations.update((r.label, r.head, r.tail) for r in step.gold_relations)
        self._index_gold()
        decided = (self.version_of.get(span_id) for span_id, _b, _a in step.decisions)
        touched = {self._group_index(version) for version in decided if version is not None}
        for span in step.gold_spans:
            touched.update(self._groups_over(span.layer, span.start, span.end))
        for index in touched:
            self._open[index] = self.is_open(self.groups[index])

    def take_gold_span(self, span: Span) -> None:
        """A gold span changed (relabelled or its edges moved while editing it)."""
        before = self.gold.get(span.id)
        self.gold[span.id] = span
        self._index_gold()
        touched = set(self._groups_over(span.layer, span.start, span.end))
        if before is not None:
            touched.update(self._groups_over(before.layer, before.start, before.end))
        for index in touched:
            self._open[index] = self.is_open(self.groups[index])

    def _groups_over(self, layer: str, start: int, end: int) -> list[int]:
        """Indexes of the groups of ``layer`` that overlap ``start..end``."""
        first = bisect_left(self._group_starts, start - self._widest)
        last = bisect_left(self._group_starts, end)
        return [
            index
            for index in range(first, last)
            if self.groups[index].layer == layer and self.groups[index].end > start
        ]

    def _index_gold(self) -> None:
        self.gold_keys = {(s.layer, s.label, s.start, s.end): s for s in self.gold.values()}

    def state(self, version: Version) -> str:
        if not self.decisions:  # nothing decided yet: only gold can settle a reading
            return ACCEPTED if version.key in self.gold_keys else OPEN
        return version_state(version, self.decisions, self.gold_keys)

    def is_open(self, group: Group) -> bool:
        return any(self.state(version) == OPEN for version in group.versions)

    def is_difference(self, group: Group) -> bool:
        return group.is_difference(self.annotator_count)

    def gold_of(self, version: Version) -> Span | None:
        """The gold span this reading became: copied from one of its spans, else a gold span
        with the same layer, label and offsets (one the adjudicate command wrote)."""
        for span in version.spans:
            copied = self.gold.get(gold_span_id(span.id))
            if copied is not None:
                return copied
        return self.gold_keys.get(version.key)

    @cached_property
    def version_of(self) -> dict[str, Version]:
        """Annotator's span id -> its reading; built when first asked (a decision, the merged
        lanes), not while the comparison opens."""
        return {
            span.id: version
            for group in self.groups
            for version in group.versions
            for span in version.spans
        }

    def group_of(self, version: Version) -> Group:
        return self.groups[self._group_index(version)]

    def _group_index(self, version: Version) -> int:
        """The group holding ``version``: the last group of its layer starting at or before
        it (groups of one layer never overlap)."""
        index = bisect_right(self._group_starts, version.start) - 1
        while index >= 0:
            group = self.groups[index]
            if group.layer == version.layer and version.start < group.end:
                return index
            index -= 1
        raise KeyError(version.key)

    def groups_where(self, *, differences_only: bool, open_only: bool) -> list[Group]:
        return [
            group
            for group, difference, waiting in zip(
                self.groups, self._differences, self._open, strict=True
            )
            if (difference or not differences_only) and (waiting or not open_only)
        ]

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Every span (the annotators' and gold) that overlaps ``start..end``."""
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        found = [s for s in self.spans[first:last] if start < s.end]
        found.extend(s for s in self.gold.values() if s.start < end and start < s.end)
        return found
