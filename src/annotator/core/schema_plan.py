"""How much of a project a schema change touches, and whether it may go ahead.

``assess(change, counter)`` asks the store (through ``UsageCounter``) how many spans, relations
and documents each part of a ``SchemaChange`` touches. Adding is free, renaming carries its
uses along, and removing something in use is refused unless forced. Moving a used label to
another layer and forbidding overlap where spans overlap cannot be forced: the user cleans up
first. Counts use the OLD schema's names: they are taken before any rename is written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.errors import AnnotatorError, SchemaError
from annotator.core.schema import AttributeDef, DocLabelDef
from annotator.core.schema_change import SchemaChange

ValueCheck = Callable[[Any], bool]


class SchemaChangeRefused(AnnotatorError):
    """The change would delete annotations (or cannot be done); nothing was written."""

    def __init__(self, plan: SchemaPlan, force: bool) -> None:
        self.plan = plan
        super().__init__("; ".join(plan.refusal_messages(force)))


class UsageCounter(Protocol):
    """Counts over the project's annotations, in the old schema's names (the store implements
    it with queries)."""

    def spans_with_label(self, label: str) -> int:
        """Spans carrying ``label``."""

    def relations_of_type(self, name: str) -> int:
        """Relations of type ``name``."""

    def relations_touching(self, labels: Collection[str]) -> int:
        """Relations whose head or tail carries one of ``labels``."""

    def relations_outside(self, name: str, heads: Collection[str], tails: Collection[str]) -> int:
        """Relations of type ``name`` whose head or tail label is not among those given."""

    def spans_with_attr(self, layer: str, name: str, valid: ValueCheck | None = None) -> int:
        """Spans of ``layer`` carrying attribute ``name`` (only invalid values when ``valid``
        is given)."""

    def documents_with_label(self, name: str, valid: ValueCheck | None = None) -> int:
        """Documents carrying document label ``name`` (only invalid values when ``valid``)."""

    def overlapping_spans(self, layer: str) -> int:
        """Spans of ``layer`` that overlap another span of the same layer and document."""


@dataclass(frozen=True)
class Use:
    """One way a change touches existing annotations."""

    action: str
    """``rename_label``, ``rename_relation``, ``remove_label``, ``remove_relation``,
    ``prune_relation``, ``remove_attribute``, ``reset_attribute``, ``remove_doc_label``,
    ``reset_doc_label``, ``move_label`` or ``tighten_layer``."""
    subject: str
    count: int
    unit: str
    relations: int = 0
    forceable: bool = True

    @property
    def deletes(self) -> bool:
        return not self.action.startswith("rename") and self.count > 0

    def message(self) -> str:
        what = _plural(self.count, self.unit)
        also = f" and {_plural(self.relations, 'relation')}" if self.relations else ""
        templates = {
            "remove_label": f"label {self.subject} is used by {what}{also}",
            "remove_relation": f"relation type {self.subject} is used by {what}",
            "prune_relation": f"relation type {self.subject} no longer allows the ends of {what}",
            "remove_attribute": f"attribute {self.subject} is set on {what}",
            "reset_attribute": f"attribute {self.subject} has a value its new definition refuses "
            f"on {what}",
            "remove_doc_label": f"document label {self.subject} is set on {what}",
            "reset_doc_label": f"document label {self.subject} has a value no longer allowed on "
            f"{what}",
            "move_label": f"label {self.subject} is used by {what}; it cannot change layer while "
            "in use (add a new label instead)",
            "tighten_layer": f"layer {self.subject} would forbid overlap, but {what} overlap "
            "another span of the layer; fix them first",
            "rename_label": f"label {self.subject} ({what})",
            "rename_relation": f"relation type {self.subject} ({what})",
        }
        return templates[self.action]


@dataclass(frozen=True)
class SchemaPlan:
    """A change with the number of annotations each part touches."""

    change: SchemaChange
    uses: tuple[Use, ...] = field(default_factory=tuple)

    def refusals(self, force: bool) -> list[Use]:
        return [use for use in self.uses if use.deletes and (not use.forceable or not force)]

    def refusal_messages(self, force: bool) -> list[str]:
        return [
            use.message() + ("; pass --force to delete them" if use.forceable else "")
            for use in self.refusals(force)
        ]

    def check(self, force: bool) -> None:
        """Raise SchemaChangeRefused when the change would delete what ``force`` does not allow."""
        if self.refusals(force):
            raise SchemaChangeRefused(self, force)

    def lines(self) -> list[str]:
        """The plan for a person: what is added, renamed (with counts), changed and removed."""
        c = self.change
        counts = {(u.action, u.subject): u for u in self.uses}
        out: list[str] = []

        def section(title: str, items: Iterable[str]) -> None:
            listed = list(items)
            if listed:
                out.append(f"{title}:")
                out.extend(f"  {item}" for item in listed)

        section(
            "added",
            [f"layer {n}" for n in c.added_layers]
            + [f"label {n}" for n in c.added_labels]
            + [f"relation type {n}" for n in c.added_relations]
            + [f"attribute {layer}.{n}" for layer, n in c.added_attributes]
            + [f"document label {n}" for n in c.added_doc_labels],
        )
        section(
            "renamed",
            [
                f"label {o} → {n} ({_plural(_count(counts, 'rename_label', o), 'span')})"
                for o, n in c.renamed_labels
            ]
            + [
                f"relation type {o} → {n} "
                f"({_plural(_count(counts, 'rename_relation', o), 'relation')})"
                for o, n in c.renamed_relations
            ],
        )
        section(
            "changed",
            [f"layer {n} (style)" for n in c.restyled_layers]
            + [f"label {n} (colour, hotkey or description)" for n in c.restyled_labels]
            + [f"relation type {n} (allowed ends)" for n in c.narrowed_relations]
            + [
                f"attribute {layer}.{n} (type, choices or default)"
                for layer, n in c.retyped_attributes
            ]
            + [f"document label {n} (choices)" for n in c.rechoiced_doc_labels]
            + [f"label {n} moves from layer {a} to {b}" for n, a, b in c.moved_labels]
            + [f"layer {n} forbids overlap" for n in c.tightened_layers],
        )
        section(
            "removed",
            [f"layer {n}" for n in c.removed_layers]
            + [
                f"label {n} ({_plural(_count(counts, 'remove_label', n), 'span')})"
                for n in c.removed_labels
            ]
            + [
                f"relation type {n} ({_plural(_count(counts, 'remove_relation', n), 'relation')})"
                for n in c.removed_relations
            ]
            + [
                f"attribute {layer}.{n} "
                f"({_plural(_count(counts, 'remove_attribute', f'{layer}.{n}'), 'span')})"
                for layer, n in c.removed_attributes
            ]
            + [
                f"document label {n} ({_plural(_count(counts, 'remove_doc_label', n), 'document')})"
                for n in c.removed_doc_labels
            ],
        )
        effects = [
            u.message()
            for u in self.uses
            if u.deletes and u.action.startswith(("prune", "reset", "move", "tighten"))
        ]
        section("affected annotations", effects)
        return out or ["no change"]

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly plan for the edit log."""
        c = self.change
        return {
            "added": {
                "layers": list(c.added_layers),
                "labels": list(c.added_labels),
                "relations": list(c.added_relations),
                "attributes": [f"{layer}.{n}" for layer, n in c.added_attributes],
                "doc_labels": list(c.added_doc_labels),
            },
            "renamed": {
                "labels": [list(pair) for pair in c.renamed_labels],
                "relations": [list(pair) for pair in c.renamed_relations],
            },
            "removed": {
                "layers": list(c.removed_layers),
                "labels": list(c.removed_labels),
                "relations": list(c.removed_relations),
                "attributes": [f"{layer}.{n}" for layer, n in c.removed_attributes],
                "doc_labels": list(c.removed_doc_labels),
            },
            "changed": {
                "layers": list(c.restyled_layers),
                "labels": list(c.restyled_labels),
                "moved_labels": [list(m) for m in c.moved_labels],
                "relations": list(c.narrowed_relations),
                "attributes": [f"{layer}.{n}" for layer, n in c.retyped_attributes],
                "doc_labels": list(c.rechoiced_doc_labels),
                "tightened_layers": list(c.tightened_layers),
            },
            "uses": [
                {
                    "action": u.action,
                    "subject": u.subject,
                    "count": u.count,
                    "unit": u.unit,
                    "relations": u.relations,
                }
                for u in self.uses
                if u.count
            ],
        }


def assess(change: SchemaChange, counter: UsageCounter) -> SchemaPlan:
    """Count what each part of ``change`` touches in the project."""
    new = change.new
    uses: list[Use] = []
    for old_name, _ in change.renamed_labels:
        uses.append(Use("rename_label", old_name, counter.spans_with_label(old_name), "span"))
    for old_name, _ in change.renamed_relations:
        uses.append(
            Use("rename_relation", old_name, counter.relations_of_type(old_name), "relation")
        )
    for name in change.removed_labels:
        spans = counter.spans_with_label(name)
        uses.append(
            Use("remove_label", name, spans, "span", relations=counter.relations_touching([name]))
        )
    for name in change.removed_relations:
        uses.append(Use("remove_relation", name, counter.relations_of_type(name), "relation"))
    for name in change.narrowed_relations:
        rel = new.relation(name)
        count = counter.relations_outside(
            change.old_relation_name(name),
            _old_ends(change, rel.head),
            _old_ends(change, rel.tail),
        )
        uses.append(Use("prune_relation", name, count, "relation"))
    for layer, name in change.removed_attributes:
        uses.append(
            Use("remove_attribute", f"{layer}.{name}", counter.spans_with_attr(layer, name), "span")
        )
    for layer, name in change.retyped_attributes:
        attr = new.attribute(layer, name)
        count = counter.spans_with_attr(layer, name, _valid_attr(attr))
        uses.append(Use("reset_attribute", f"{layer}.{name}", count, "span"))
    for name in change.removed_doc_labels:
        uses.append(Use("remove_doc_label", name, counter.documents_with_label(name), "document"))
    for name in change.rechoiced_doc_labels:
        count = counter.documents_with_label(name, _valid_doc_label(new.doc_label(name)))
        uses.append(Use("reset_doc_label", name, count, "document"))
    for old_name, _, _ in change.moved_labels:
        uses.append(
            Use("move_label", old_name, counter.spans_with_label(old_name), "span", forceable=False)
        )
    for layer in change.tightened_layers:
        uses.append(
            Use("tighten_layer", layer, counter.overlapping_spans(layer), "span", forceable=False)
        )
    return SchemaPlan(change, tuple(uses))


def _old_ends(change: SchemaChange, names: Iterable[str]) -> list[str]:
    """Old-schema label names allowed at a relation end. Labels being removed count as allowed:
    their relations are counted (and deleted) with the label."""
    return [old for n in names for old in change.old_label_names(n)] + list(change.removed_labels)


def _valid_attr(attr: AttributeDef) -> ValueCheck:
    def valid(value: Any) -> bool:
        try:
            attr.check_value(value)
        except SchemaError:
            return False
        return True

    return valid


def _valid_doc_label(doc_label: DocLabelDef) -> ValueCheck:
    return lambda value: value is None or value in doc_label.choices


def repaired_attr_value(attr: AttributeDef, value: Any) -> tuple[bool, Any]:
    """(keep, value) for a span value under a changed attribute: valid values stay, invalid
    ones become the new default, or are dropped when there is none."""
    if _valid_attr(attr)(value):
        return True, value
    if attr.default is not None:
        return True, attr.default
    return False, None


def _count(counts: dict[tuple[str, str], Use], action: str, subject: str) -> int:
    use = counts.get((action, subject))
    return use.count if use else 0


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")
