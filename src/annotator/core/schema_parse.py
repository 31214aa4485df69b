"""Reading a schema from TOML or a dict, with errors that name the TOML line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from annotator.core.errors import SchemaError
from annotator.core.names import check_name
from annotator.core.schema import (
    ATTRIBUTE_TYPES,
    LAYER_STYLES,
    RESERVED_HOTKEYS,
    AttributeDef,
    DocLabelDef,
    LabelDef,
    LayerDef,
    RelationTypeDef,
    Schema,
)

_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _line_of(source: str | None, *needles: str) -> str:
    """' (line N)' for the first line of ``source`` containing all needles, else ''."""
    if not source:
        return ""
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.lstrip().startswith("#") and all(needle in line for needle in needles):
            return f" (line {number})"
    return ""


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise SchemaError(f"{where} must be a label name or a list of label names")


def _check_renames(kind: str, entries: list[tuple[str, str]], source: str | None) -> None:
    """``renamed_from`` must name an old entry that the new schema no longer defines, once."""
    names = {name for name, _ in entries}
    claimed: dict[str, str] = {}
    for name, old in entries:
        if not old:
            continue
        line = _line_of(source, "renamed_from", f'"{old}"')
        if old == name:
            raise SchemaError(f"{kind} {name!r} is renamed from itself" + line)
        if old in names:
            raise SchemaError(
                f"{kind} {name!r} is renamed from {old!r}, but {old!r} is still defined; "
                f"remove {old!r} or drop renamed_from" + line
            )
        if old in claimed:
            raise SchemaError(
                f"{kind}s {claimed[old]!r} and {name!r} are both renamed from {old!r}" + line
            )
        claimed[old] = name


def schema_from_dict(
    data: Mapping[str, Any], source: str | None = None, *, check_names: bool = True
) -> Schema:
    """Build and validate a schema; ``source`` (the TOML text) lets errors name a line.

    ``check_names`` applies ``core.names``' rule to layer, label, relation type and attribute
    names; only a schema a project already stores is read without it, so that a project made
    before the rule still opens and can be fixed.
    """

    def named(kind: str, name: object) -> None:
        if check_names:
            try:
                check_name(kind, name)
            except SchemaError as exc:
                raise SchemaError(f"{exc}" + _line_of(source, f'"{name}"')) from None

    layers_raw = data.get("layers")
    if not isinstance(layers_raw, Mapping) or not layers_raw:
        raise SchemaError("the schema defines no [layers.NAME] table")
    layers = []
    for name, spec in layers_raw.items():
        named("layer", name)
        style = spec.get("style", "background")
        if style not in LAYER_STYLES:
            raise SchemaError(
                f"layer {name!r} has style {style!r}; use one of {', '.join(LAYER_STYLES)}"
                + _line_of(source, "style", style)
            )
        overlap = bool(spec.get("overlap", style != "section"))
        layers.append(LayerDef(name, style, overlap, str(spec.get("description", ""))))
    layer_names = {layer.name for layer in layers}

    labels: list[LabelDef] = []
    seen_labels: set[str] = set()
    seen_hotkeys: dict[str, str] = {}
    for spec in data.get("labels", []):
        name = spec.get("name")
        if not name:
            raise SchemaError("a label has no name")
        line = _line_of(source, f'"{name}"')
        if name in seen_labels:
            raise SchemaError(f"label {name!r} is defined twice" + line)
        named("label", name)
        layer = spec.get("layer")
        if layer not in layer_names:
            raise SchemaError(
                f"label {name!r} names unknown layer {layer!r}; known layers: "
                + ", ".join(sorted(layer_names))
                + (_line_of(source, "layer", f'"{layer}"') or line)
            )
        color = spec.get("color", "#cccccc")
        if not _HEX_COLOR.match(color):
            raise SchemaError(f"label {name!r} has colour {color!r}; use #rrggbb" + line)
        hotkey = str(spec.get("hotkey", ""))
        if hotkey:
            if len(hotkey) != 1 or not hotkey.isprintable() or hotkey.isspace():
                raise SchemaError(
                    f"label {name!r} has hotkey {hotkey!r}; a hotkey is one letter or digit"
                    + _line_of(source, "hotkey", f'"{hotkey}"')
                )
            if hotkey in RESERVED_HOTKEYS:
                raise SchemaError(
                    f"label {name!r} has hotkey {hotkey!r}, which the app uses for relations"
                    + _line_of(source, "hotkey", f'"{hotkey}"')
                )
            if hotkey in seen_hotkeys:
                lines = [
                    n
                    for n, text in enumerate((source or "").splitlines(), start=1)
                    if "hotkey" in text
                    and f'"{hotkey}"' in text
                    and not text.lstrip().startswith("#")
                ]
                where = f" (line {lines[-1]})" if lines else ""
                raise SchemaError(
                    f"hotkey {hotkey!r} is used by both {seen_hotkeys[hotkey]!r} and {name!r}"
                    + where
                )
            seen_hotkeys[hotkey] = name
        seen_labels.add(name)
        labels.append(
            LabelDef(
                name,
                layer,
                color.lower(),
                hotkey,
                str(spec.get("description", "")),
                str(spec.get("renamed_from", "")),
            )
        )
    _check_renames("label", [(x.name, x.renamed_from) for x in labels], source)

    relations = []
    for spec in data.get("relations", []):
        name = spec.get("name")
        if not name:
            raise SchemaError("a relation type has no name")
        named("relation type", name)
        head = _names(spec.get("head", ()), f"relation {name!r} head")
        tail = _names(spec.get("tail", ()), f"relation {name!r} tail")
        for end, names in (("head", head), ("tail", tail)):
            if not names:
                raise SchemaError(f"relation {name!r} allows no {end} label")
            for label in names:
                if label not in seen_labels:
                    raise SchemaError(
                        f"relation {name!r} {end} names no label: {label!r}"
                        + (_line_of(source, end, f'"{label}"') or _line_of(source, f'"{name}"'))
                    )
        relations.append(
            RelationTypeDef(
                name,
                head,
                tail,
                str(spec.get("description", "")),
                str(spec.get("renamed_from", "")),
            )
        )
    _check_renames("relation type", [(r.name, r.renamed_from) for r in relations], source)

    attributes = []
    for spec in data.get("attributes", []):
        name = spec.get("name")
        layer = spec.get("layer")
        line = _line_of(source, f'"{name}"')
        named("attribute", name)
        if layer not in layer_names:
            raise SchemaError(f"attribute {name!r} names unknown layer {layer!r}" + line)
        kind = spec.get("type", "text")
        if kind not in ATTRIBUTE_TYPES:
            raise SchemaError(
                f"attribute {name!r} has type {kind!r}; use one of {', '.join(ATTRIBUTE_TYPES)}"
                + line
            )
        choices = tuple(spec.get("choices", ()))
        if kind == "choice" and not choices:
            raise SchemaError(f"choice attribute {name!r} lists no choices" + line)
        attr = AttributeDef(
            name, layer, kind, choices, spec.get("default"), spec.get("description", "")
        )
        if attr.default is not None:
            attr.check_value(attr.default)
        attributes.append(attr)

    doc_labels = []
    for spec in data.get("doc_labels", []):
        name = spec.get("name")
        choices = tuple(spec.get("choices", ()))
        if not name or not choices:
            raise SchemaError(
                f"document label {name!r} needs a name and choices" + _line_of(source, f'"{name}"')
            )
        default = spec.get("default")
        if default is not None and default not in choices:
            raise SchemaError(
                f"document label {name!r} default {default!r} is not one of its choices"
            )
        doc_labels.append(DocLabelDef(name, choices, default, spec.get("description", "")))

    return Schema(
        layers=tuple(layers),
        labels=tuple(labels),
        relations=tuple(relations),
        attributes=tuple(attributes),
        doc_labels=tuple(doc_labels),
        name=str(data.get("name", "project")),
    )


def schema_from_toml(source: str, filename: str = "<schema>") -> Schema:
    """Parse TOML text into a Schema; errors are prefixed with the file name."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{filename}: invalid TOML: {exc}") from None
    try:
        return schema_from_dict(data, source)
    except SchemaError as exc:
        raise SchemaError(f"{filename}: {exc}") from None
