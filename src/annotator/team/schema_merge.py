"""The team project's schema widened by a source project's: what is new is added, what means
something else in the two is refused.

A label is the same label when it is in the same layer; a relation type when it joins the same
head and tail labels; an attribute when it has the same type and choices; a document label
when it has the same choices. Anything else under one name would silently change what the
merged annotations mean, so the merge is refused naming both sides. A layer's look (style,
overlap) is the team's: it does not change what a span means.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema


class SchemaConflict(AnnotatorError):
    """The two schemas give one name two meanings; nothing was merged."""


@dataclass(frozen=True)
class WidenedSchema:
    schema: Schema
    added: tuple[str, ...]
    """What the source added, as people read it: ``label ORG (entity)``, ``layer claim``."""


def widen_schema(team: Schema, source: Schema, team_name: str, source_name: str) -> WidenedSchema:
    """``team`` with everything of ``source`` it lacks; SchemaConflict on a clash."""
    _check_labels(team, source, team_name, source_name)
    _check_relations(team, source, team_name, source_name)
    _check_attributes(team, source, team_name, source_name)
    _check_doc_labels(team, source, team_name, source_name)
    added: list[str] = []
    known_layers = {layer.name for layer in team.layers}
    layers = list(team.layers)
    for layer in source.layers:
        if layer.name not in known_layers:
            layers.append(layer)
            added.append(f"layer {layer.name}")
    hotkeys = {label.hotkey for label in team.labels if label.hotkey}
    labels = list(team.labels)
    for label in source.labels:
        if team.has_label(label.name):
            continue
        if label.hotkey in hotkeys:  # the team's key stays with the team's label
            label = replace(label, hotkey="")
        hotkeys.add(label.hotkey)
        labels.append(replace(label, renamed_from=""))
        added.append(f"label {label.name} ({label.layer})")
    relations = list(team.relations)
    known_relations = {rel.name for rel in team.relations}
    for rel in source.relations:
        if rel.name not in known_relations:
            relations.append(replace(rel, renamed_from=""))
            added.append(f"relation type {rel.name}")
    attributes = list(team.attributes)
    known_attributes = {(a.layer, a.name) for a in team.attributes}
    for attr in source.attributes:
        if (attr.layer, attr.name) not in known_attributes:
            attributes.append(attr)
            added.append(f"attribute {attr.name} ({attr.layer})")
    doc_labels = list(team.doc_labels)
    known_doc_labels = {d.name for d in team.doc_labels}
    for doc_label in source.doc_labels:
        if doc_label.name not in known_doc_labels:
            doc_labels.append(doc_label)
            added.append(f"document label {doc_label.name}")
    if not added:
        return WidenedSchema(team, ())
    widened = replace(
        team,
        layers=tuple(layers),
        labels=tuple(labels),
        relations=tuple(relations),
        attributes=tuple(attributes),
        doc_labels=tuple(doc_labels),
    )
    return WidenedSchema(widened, tuple(added))


def _check_labels(team: Schema, source: Schema, team_name: str, source_name: str) -> None:
    for label in source.labels:
        if team.has_label(label.name) and team.label(label.name).layer != label.layer:
            raise SchemaConflict(
                f"{source_name}: label {label.name!r} is in layer {label.layer!r} there but in "
                f"layer {team.label(label.name).layer!r} in {team_name}; rename it in one of "
                "them, then merge again (nothing was merged)"
            )


def _check_relations(team: Schema, source: Schema, team_name: str, source_name: str) -> None:
    ours = {rel.name: rel for rel in team.relations}
    for rel in source.relations:
        mine = ours.get(rel.name)
        if mine is None or (set(mine.head), set(mine.tail)) == (set(rel.head), set(rel.tail)):
            continue
        raise SchemaConflict(
            f"{source_name}: relation type {rel.name!r} joins {_ends(rel.head, rel.tail)} there "
            f"but {_ends(mine.head, mine.tail)} in {team_name}; make them the same, then merge "
            "again (nothing was merged)"
        )


def _check_attributes(team: Schema, source: Schema, team_name: str, source_name: str) -> None:
    ours = {(a.layer, a.name): a for a in team.attributes}
    for attr in source.attributes:
        mine = ours.get((attr.layer, attr.name))
        if mine is None or (mine.type, set(mine.choices)) == (attr.type, set(attr.choices)):
            continue
        raise SchemaConflict(
            f"{source_name}: attribute {attr.name!r} of layer {attr.layer!r} is "
            f"{_kind(attr.type, attr.choices)} there but {_kind(mine.type, mine.choices)} in "
            f"{team_name}; make them the same, then merge again (nothing was merged)"
        )


def _check_doc_labels(team: Schema, source: Schema, team_name: str, source_name: str) -> None:
    ours = {d.name: d for d in team.doc_labels}
    for doc_label in source.doc_labels:
        mine = ours.get(doc_label.name)
        if mine is None or set(mine.choices) == set(doc_label.choices):
            continue
        raise SchemaConflict(
            f"{source_name}: document label {doc_label.name!r} has the choices "
            f"{', '.join(doc_label.choices)} there but {', '.join(mine.choices)} in {team_name}; "
            "make them the same, then merge again (nothing was merged)"
        )


def _ends(head: tuple[str, ...], tail: tuple[str, ...]) -> str:
    return f"{'|'.join(head)} -> {'|'.join(tail)}"


def _kind(kind: str, choices: tuple[str, ...]) -> str:
    return f"{kind} ({', '.join(choices)})" if choices else kind
