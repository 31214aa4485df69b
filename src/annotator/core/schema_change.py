"""What changing a project's schema means, decided before anything is written.

``diff_schemas(old, new)`` compares the project's schema with the one the user wants and says
what is added, renamed (``renamed_from`` in the TOML), removed or changed. It is pure: how
many annotations each part touches is ``core.schema_plan``'s job.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from annotator.core.schema import Schema


@dataclass(frozen=True)
class SchemaChange:
    """The structural difference between two schemas, without any counts."""

    old: Schema
    new: Schema
    added_layers: tuple[str, ...] = ()
    removed_layers: tuple[str, ...] = ()
    tightened_layers: tuple[str, ...] = ()
    """Layers whose spans were allowed to overlap and no longer are."""
    restyled_layers: tuple[str, ...] = ()
    added_labels: tuple[str, ...] = ()
    renamed_labels: tuple[tuple[str, str], ...] = ()
    removed_labels: tuple[str, ...] = ()
    moved_labels: tuple[tuple[str, str, str], ...] = ()
    """(old label name, old layer, new layer)."""
    restyled_labels: tuple[str, ...] = ()
    """Labels whose colour, hotkey or description changed (free)."""
    added_relations: tuple[str, ...] = ()
    renamed_relations: tuple[tuple[str, str], ...] = ()
    removed_relations: tuple[str, ...] = ()
    narrowed_relations: tuple[str, ...] = ()
    """Relation types (new names) whose allowed head or tail labels changed."""
    added_attributes: tuple[tuple[str, str], ...] = ()
    removed_attributes: tuple[tuple[str, str], ...] = ()
    retyped_attributes: tuple[tuple[str, str], ...] = ()
    """(layer, name) of attributes whose type, choices or default changed."""
    added_doc_labels: tuple[str, ...] = ()
    removed_doc_labels: tuple[str, ...] = ()
    rechoiced_doc_labels: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self.old.to_dict() == self.new.without_renames().to_dict()

    def old_label_names(self, new_name: str) -> list[str]:
        """The names the spans of label ``new_name`` have before the change (two when a rename
        merges into an existing label)."""
        names = [old for old, new in self.renamed_labels if new == new_name]
        if new_name in {label.name for label in self.old.labels}:
            names.append(new_name)
        return names or [new_name]

    def old_relation_name(self, new_name: str) -> str:
        return dict((new, old) for old, new in self.renamed_relations).get(new_name, new_name)


def diff_schemas(old: Schema, new: Schema) -> SchemaChange:
    """Compare ``old`` (the project's schema) with ``new`` (what the user wants)."""
    old_layers = {layer.name: layer for layer in old.layers}
    new_layers = {layer.name: layer for layer in new.layers}
    old_labels = {label.name: label for label in old.labels}
    new_labels = {label.name: label for label in new.labels}

    renamed_labels = [
        (label.renamed_from, label.name) for label in new.labels if label.renamed_from in old_labels
    ]
    renamed_from = {old_name for old_name, _ in renamed_labels}
    sources = {new_name: old_name for old_name, new_name in renamed_labels}
    moved: list[tuple[str, str, str]] = []
    restyled: list[str] = []
    for label in new.labels:
        # A rename into a label that already exists merges the two: both old names count.
        befores = [old_labels[n] for n in (sources.get(label.name), label.name) if n in old_labels]
        moved += [(b.name, b.layer, label.layer) for b in befores if b.layer != label.layer]
        if befores and (befores[-1].color, befores[-1].hotkey, befores[-1].description) != (
            label.color,
            label.hotkey,
            label.description,
        ):
            restyled.append(label.name)

    old_rels = {rel.name: rel for rel in old.relations}
    renamed_rels = [
        (rel.renamed_from, rel.name) for rel in new.relations if rel.renamed_from in old_rels
    ]
    rel_sources = {new_name: old_name for old_name, new_name in renamed_rels}
    removed_labels = tuple(
        name for name in old_labels if name not in new_labels and name not in renamed_from
    )

    def old_names(names: Iterable[str]) -> set[str]:
        found = {old_name for old_name, new_name in renamed_labels if new_name in names}
        return found | {name for name in names if name in old_labels}

    narrowed = []
    for rel in new.relations:
        before_rel = old_rels.get(rel_sources.get(rel.name, rel.name))
        if before_rel is None:
            continue
        # Narrowed: a surviving label that was allowed at an end no longer is.
        for before_ends, ends in ((before_rel.head, rel.head), (before_rel.tail, rel.tail)):
            if not set(before_ends) - set(removed_labels) <= old_names(ends):
                narrowed.append(rel.name)
                break

    old_attrs = {(a.layer, a.name): a for a in old.attributes}
    new_attrs = {(a.layer, a.name): a for a in new.attributes}
    retyped = [
        key
        for key, attr in new_attrs.items()
        if key in old_attrs
        and (attr.type, attr.choices, attr.default)
        != (old_attrs[key].type, old_attrs[key].choices, old_attrs[key].default)
    ]
    old_docl = {d.name: d for d in old.doc_labels}
    new_docl = {d.name: d for d in new.doc_labels}

    return SchemaChange(
        old=old,
        new=new,
        added_layers=_ordered(new_layers, old_layers),
        removed_layers=_ordered(old_layers, new_layers),
        tightened_layers=tuple(
            name
            for name, layer in new_layers.items()
            if name in old_layers and old_layers[name].allow_overlap and not layer.allow_overlap
        ),
        restyled_layers=tuple(
            name
            for name, layer in new_layers.items()
            if name in old_layers
            and (layer.style, layer.description)
            != (old_layers[name].style, old_layers[name].description)
        ),
        added_labels=tuple(
            name for name in new_labels if name not in old_labels and name not in sources
        ),
        renamed_labels=tuple(renamed_labels),
        removed_labels=removed_labels,
        moved_labels=tuple(moved),
        restyled_labels=tuple(restyled),
        added_relations=tuple(
            r.name for r in new.relations if r.name not in old_rels and r.name not in rel_sources
        ),
        renamed_relations=tuple(renamed_rels),
        removed_relations=tuple(
            name
            for name in old_rels
            if name not in {r.name for r in new.relations}
            and name not in {o for o, _ in renamed_rels}
        ),
        narrowed_relations=tuple(narrowed),
        added_attributes=_ordered(new_attrs, old_attrs),
        removed_attributes=_ordered(old_attrs, new_attrs),
        retyped_attributes=tuple(retyped),
        added_doc_labels=_ordered(new_docl, old_docl),
        removed_doc_labels=_ordered(old_docl, new_docl),
        rechoiced_doc_labels=tuple(
            name
            for name, dl in new_docl.items()
            if name in old_docl and dl.choices != old_docl[name].choices
        ),
    )


def _ordered(ours: dict[Any, Any], theirs: Collection[Any]) -> tuple[Any, ...]:
    return tuple(key for key in ours if key not in theirs)
