"""A brat corpus's ``annotation.conf`` (and ``visual.conf`` colours) as additions to a schema.

``schema_with_conf(base, conf)`` returns ``base`` with what the conf declares and ``base``
lacks; the caller applies it through the schema-change path (``store.schema_store``), so it is
planned, logged and refused like any other change. What maps to what:

* ``[entities]``: labels on the ``entity`` layer; under a top-level ``!NAME`` group that names
  a layer of the schema (how ``formats.brat`` writes layers), labels on that layer.
* ``[events]``: the event types are labels on an ``event`` layer (the trigger spans); each
  argument role (``Theme``, ``Cause``, brat's ``?*+`` and numbering dropped) is a relation
  type from the event types that take it to the types it accepts.
* ``[relations]``: relation types from ``Arg1`` types to ``Arg2`` types; a name the schema
  already has is widened, never narrowed.
* ``[attributes]``: a bool attribute, or a choice one with ``Value:``, on each layer of the
  types in ``Arg:``.

``<ENTITY>``, ``<EVENT>``, ``<ANY>`` and ``<MACRO>=...`` definitions are expanded; ``<OVERLAP>``,
``ENTITY-NESTING`` and other settings, and separator lines of dashes, are not schema content.
Every name must pass ``core.names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError
from annotator.core.names import name_problem
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_dict
from annotator.core.schema_plan import SchemaChangeRefused
from annotator.formats.brat import EVENT_LAYER
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from annotator.store.schema_store import apply_schema_change

ENTITY_LAYER = "entity"
DEFAULT_COLOR = "#cccccc"

_ROLE_MARKS = re.compile(r"(\{[^}]*\}|[?*+])+$|\d+$")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_SEPARATOR = re.compile(r"^-+$")
"""A line of dashes: brat draws a separator in its menus there."""
_SECTION_ALIASES = {"spans": "entities"}
"""Older brat versions called ``[entities]`` ``[spans]``."""
_SETTINGS = frozenset({"ENTITY-NESTING"})
"""Relation names brat reads as settings (which entities may nest), not as relation types."""


@dataclass
class _Conf:
    path: Path
    lines: dict[str, int] = field(default_factory=dict)
    """Each name -> the conf line that first declares it."""
    entities: dict[str, str] = field(default_factory=dict)
    """Entity type -> layer."""
    events: list[str] = field(default_factory=list)
    event_args: list[tuple[str, str, list[str]]] = field(default_factory=list)
    relations: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    attributes: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    macros: dict[str, str] = field(default_factory=dict)

    def declare(self, name: str, line: int) -> str:
        problem = name_problem(name)
        if problem is not None:
            raise FormatError(
                f"{self.path}:{line}: the name {name!r} is not allowed: {problem}; "
                "rename it in the conf and the .ann files first"
            )
        self.lines.setdefault(name, line)
        return name

    def expand(self, spec: str) -> list[str]:
        """The type names an argument list ``A|B|<EVENT>`` stands for."""
        names: list[str] = []
        for part in spec.split("|"):
            part = part.strip()
            if part in self.macros:
                names += self.expand(self.macros[part])
            elif part == "<ENTITY>":
                names += list(self.entities)
            elif part == "<EVENT>":
                names += self.events
            elif part == "<ANY>":
                names += [*self.entities, *self.events]
            elif part and not part.startswith("<"):
                names.append(part)
        return list(dict.fromkeys(names))


def schema_with_conf(base: Schema, conf_path: Path) -> Schema:
    """``base`` plus the labels, relation types and attributes ``conf_path`` declares."""
    conf = _read_conf(conf_path, {layer.name for layer in base.layers})
    data = base.to_dict()
    layers: dict[str, Any] = data["layers"]
    labels: list[dict[str, Any]] = data["labels"]
    known = {label["name"]: label["layer"] for label in labels}
    colors = _visual_colors(conf_path.with_name("visual.conf"))
    new_labels = [(name, layer) for name, layer in conf.entities.items()]
    new_labels += [(name, EVENT_LAYER) for name in conf.events]
    for name, layer in new_labels:
        if name in known:
            continue
        layers.setdefault(layer, {"style": "background", "overlap": True})
        labels.append({"name": name, "layer": layer, "color": colors.get(name, DEFAULT_COLOR)})
        known[name] = layer

    roles: dict[str, tuple[list[str], list[str]]] = {}
    for event, role, tails in conf.event_args:
        heads_so_far, tails_so_far = roles.setdefault(role, ([], []))
        heads_so_far.append(event)
        tails_so_far.extend(tails)
    pairs = [*conf.relations, *((name, h, t) for name, (h, t) in roles.items())]
    relations: list[dict[str, Any]] = data["relations"]
    by_name = {rel["name"]: rel for rel in relations}
    for name, heads, tails in pairs:
        heads = [h for h in heads if h in known]
        tails = [t for t in tails if t in known]
        if not heads or not tails:
            continue
        rel = by_name.get(name)
        if rel is None:
            rel = by_name[name] = {"name": name, "head": [], "tail": []}
            relations.append(rel)
        rel["head"] = list(dict.fromkeys([*rel["head"], *heads]))
        rel["tail"] = list(dict.fromkeys([*rel["tail"], *tails]))

    attributes: list[dict[str, Any]] = data["attributes"]
    have = {(a["layer"], a["name"]) for a in attributes}
    for name, targets, values in conf.attributes:
        for layer in dict.fromkeys(known[t] for t in targets if t in known):
            if (layer, name) in have:
                continue
            have.add((layer, name))
            spec: dict[str, Any] = {"name": name, "layer": layer, "type": "bool"}
            if values:
                spec |= {"type": "choice", "choices": values}
            attributes.append(spec)
    try:
        return schema_from_dict(data)
    except SchemaError as exc:
        raise FormatError(f"{conf_path}: {exc}") from None


def _read_conf(path: Path, layer_names: set[str]) -> _Conf:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot be read as UTF-8: {exc}") from None
    conf = _Conf(path)
    section = ""
    groups: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section, groups = line[1:-1].strip().lower(), []
            section = _SECTION_ALIASES.get(section, section)
            continue
        stripped = line.strip()
        if _SEPARATOR.match(stripped):
            continue
        macro = re.match(r"^(<[^>]+>)\s*=\s*(.+)$", stripped)
        if macro:
            conf.macros[macro.group(1)] = macro.group(2)
            continue
        depth = len(line) - len(line.lstrip())
        name, _, rest = stripped.replace("\t", " ", 1).partition(" ")
        while groups and groups[-1][0] >= depth:
            groups.pop()
        groups.append((depth, name))
        if name.startswith(("!", "<")):
            continue
        if name in _SETTINGS:
            continue
        name = conf.declare(name, number)
        if section == "entities":
            top = groups[0][1]
            group = top[1:] if top.startswith("!") else ""
            conf.entities[name] = group if group in layer_names else ENTITY_LAYER
        elif section == "events":
            conf.events.append(name)
            for role, spec in _arguments(rest):
                role = conf.declare(_ROLE_MARKS.sub("", role), number)
                conf.event_args.append((name, role, [spec]))
        elif section == "relations":
            ends = [spec for role, spec in _arguments(rest) if not role.startswith("<")]
            if len(ends) >= 2:
                conf.relations.append((name, [ends[0]], [ends[1]]))
        elif section == "attributes":
            args = dict(_arguments(rest))
            values = [v.split(":")[0].strip() for v in args.get("Value", "").split("|")]
            conf.attributes.append((name, [args.get("Arg", "")], [v for v in values if v]))
    # Types may be named before they are declared: expand once every section is read.
    conf.event_args = [(e, role, conf.expand(s[0])) for e, role, s in conf.event_args]
    conf.relations = [(n, conf.expand(h[0]), conf.expand(t[0])) for n, h, t in conf.relations]
    conf.attributes = [(n, conf.expand(a[0]), v) for n, a, v in conf.attributes]
    return conf


def _arguments(rest: str) -> list[tuple[str, str]]:
    """``Theme:Protein, Cause?:Protein|<EVENT>`` as ``[(role, types), ...]``."""
    out = []
    for part in rest.split(","):
        role, colon, spec = part.strip().partition(":")
        if colon:
            out.append((role.strip(), spec.strip()))
    return out


def _visual_colors(path: Path) -> dict[str, str]:
    """``bgColor`` of each type in a ``visual.conf`` beside the conf (none: no colours)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    colors = {}
    for line in text.splitlines():
        name, _, rest = line.strip().replace("\t", " ", 1).partition(" ")
        found = re.search(r"bgColor:(#[0-9a-fA-F]{6})\b", rest)
        if found and _HEX.match(found.group(1)):
            colors[name] = found.group(1).lower()
    return colors


def apply_brat_confs(
    repo: Repository, sources: list[tuple[Path, str]], annotator: str
) -> list[str]:
    """Add the labels, relation types and attributes of each brat input's ``annotation.conf``
    to the schema through the schema-change path; the plan's lines for the report."""
    confs = list(
        dict.fromkeys(conf for path, name in sources if name == "brat" for conf in conf_files(path))
    )
    if not confs:
        raise FormatError(
            "--schema-from-conf: no annotation.conf in "
            + ", ".join(str(path) for path, _ in sources)
        )
    schema = repo.schema()
    for conf in confs:
        schema = schema_with_conf(schema, conf)
    try:
        plan = apply_schema_change(repo, schema, annotator=annotator).plan
    except SchemaChangeRefused as exc:
        raise FormatError(f"{confs[0]}: the schema change is refused: {exc}") from None
    return plan.lines()


def conf_files(path: Path) -> list[Path]:
    """The ``annotation.conf`` files of a brat input: all under a folder, or the nearest one
    above a document (where brat looks for it)."""
    if path.is_dir():
        return sorted(path.rglob("annotation.conf"))
    for folder in path.resolve().parents:
        if (folder / "annotation.conf").is_file():
            return [folder / "annotation.conf"]
    return []
