"""Project schema: layers, labels, relation types, span attributes and document labels.

A schema is defined in TOML (see ``resources/schemas/news.toml``). Label names are unique
across layers, so a label alone decides the layer of a span. Errors name the TOML line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from annotator.core.errors import SchemaError

LAYER_STYLES = ("background", "underline", "section")
ATTRIBUTE_TYPES = ("bool", "choice", "text")
RESERVED_HOTKEYS = frozenset({"r", "R", "Tab", "Delete", "Esc"})


@dataclass(frozen=True, slots=True)
class LayerDef:
    name: str
    style: str
    allow_overlap: bool
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelDef:
    name: str
    layer: str
    color: str
    hotkey: str = ""
    description: str = ""
    renamed_from: str = ""
    """Old name of this label: applying the schema renames the old label's spans."""


@dataclass(frozen=True, slots=True)
class RelationTypeDef:
    name: str
    head: tuple[str, ...]
    tail: tuple[str, ...]
    description: str = ""
    renamed_from: str = ""
    """Old name of this relation type: applying the schema renames its relations."""


@dataclass(frozen=True, slots=True)
class AttributeDef:
    name: str
    layer: str
    type: str
    choices: tuple[str, ...] = ()
    default: Any = None
    description: str = ""

    def check_value(self, value: Any) -> None:
        """Raise SchemaError when ``value`` is not a legal value of this attribute."""
        if self.type == "bool" and not isinstance(value, bool):
            raise SchemaError(f"attribute {self.name!r} takes true or false, not {value!r}")
        if self.type == "text" and not isinstance(value, str):
            raise SchemaError(f"attribute {self.name!r} takes text, not {value!r}")
        if self.type == "choice" and value not in self.choices:
            raise SchemaError(
                f"attribute {self.name!r} takes one of {', '.join(self.choices)}, not {value!r}"
            )


@dataclass(frozen=True, slots=True)
class DocLabelDef:
    name: str
    choices: tuple[str, ...]
    default: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Schema:
    layers: tuple[LayerDef, ...]
    labels: tuple[LabelDef, ...]
    relations: tuple[RelationTypeDef, ...] = ()
    attributes: tuple[AttributeDef, ...] = ()
    doc_labels: tuple[DocLabelDef, ...] = ()
    name: str = "project"
    _label_index: dict[str, LabelDef] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # A fresh index: ``dataclasses.replace`` would otherwise hand over the old one.
        object.__setattr__(self, "_label_index", {label.name: label for label in self.labels})

    def layer(self, name: str) -> LayerDef:
        for layer in self.layers:
            if layer.name == name:
                return layer
        known = ", ".join(layer.name for layer in self.layers)
        raise SchemaError(f"unknown layer {name!r}; known layers: {known}")

    def label(self, name: str) -> LabelDef:
        try:
            return self._label_index[name]
        except KeyError:
            known = ", ".join(label.name for label in self.labels)
            raise SchemaError(f"unknown label {name!r}; known labels: {known}") from None

    def has_label(self, name: str) -> bool:
        return name in self._label_index

    def labels_of(self, layer: str) -> list[LabelDef]:
        return [label for label in self.labels if label.layer == layer]

    def label_for_hotkey(self, key: str) -> LabelDef | None:
        for label in self.labels:
            if label.hotkey and label.hotkey == key:
                return label
        return None

    def relation(self, name: str) -> RelationTypeDef:
        for rel in self.relations:
            if rel.name == name:
                return rel
        known = ", ".join(r.name for r in self.relations) or "none"
        raise SchemaError(f"unknown relation type {name!r}; known relation types: {known}")

    def relations_allowed(self, head_label: str, tail_label: str) -> list[RelationTypeDef]:
        return [r for r in self.relations if head_label in r.head and tail_label in r.tail]

    def attributes_of(self, layer: str) -> list[AttributeDef]:
        return [a for a in self.attributes if a.layer == layer]

    def attribute(self, layer: str, name: str) -> AttributeDef:
        for attr in self.attributes:
            if attr.layer == layer and attr.name == name:
                return attr
        known = ", ".join(a.name for a in self.attributes_of(layer)) or "none"
        raise SchemaError(f"unknown attribute {name!r} on layer {layer!r}; known: {known}")

    def doc_label(self, name: str) -> DocLabelDef:
        for dl in self.doc_labels:
            if dl.name == name:
                return dl
        known = ", ".join(d.name for d in self.doc_labels) or "none"
        raise SchemaError(f"unknown document label {name!r}; known: {known}")

    def default_attrs(self, layer: str) -> dict[str, Any]:
        return {a.name: a.default for a in self.attributes_of(layer) if a.default is not None}

    def without_renames(self) -> Schema:
        """This schema with every ``renamed_from`` cleared: what a project stores once a
        rename has been applied."""
        return replace(
            self,
            labels=tuple(replace(label, renamed_from="") for label in self.labels),
            relations=tuple(replace(rel, renamed_from="") for rel in self.relations),
        )

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON- and TOML-friendly dict; ``schema_from_dict`` reads it back."""
        return {
            "name": self.name,
            "layers": {
                layer.name: {
                    "style": layer.style,
                    "overlap": layer.allow_overlap,
                    "description": layer.description,
                }
                for layer in self.layers
            },
            "labels": [_without_empty_rename(asdict(label)) for label in self.labels],
            "relations": [
                _without_empty_rename({**asdict(r), "head": list(r.head), "tail": list(r.tail)})
                for r in self.relations
            ],
            "attributes": [
                {
                    k: v
                    for k, v in {**asdict(a), "choices": list(a.choices)}.items()
                    if v is not None
                }
                for a in self.attributes
            ],
            "doc_labels": [
                {
                    k: v
                    for k, v in {**asdict(d), "choices": list(d.choices)}.items()
                    if v is not None
                }
                for d in self.doc_labels
            ],
        }


def _without_empty_rename(entry: dict[str, Any]) -> dict[str, Any]:
    if not entry.get("renamed_from"):
        entry.pop("renamed_from", None)
    return entry
