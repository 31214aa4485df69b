"""Changing a project's schema in place: one transaction, recorded in the edit log.

Order inside the transaction: count (old names) -> refuse or go on -> delete what a forced
removal takes away -> rename -> store the new schema -> log the plan. A refusal raises
before anything is written, so the project is unchanged. Suggestions follow their label
(renamed with it, deleted with it) so that accepting one stays possible.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any, NamedTuple

from annotator.core.edits import Changes
from annotator.core.schema import Schema
from annotator.core.schema_change import SchemaChange, diff_schemas
from annotator.core.schema_plan import SchemaPlan, ValueCheck, assess, repaired_attr_value
from annotator.store.backend import ProjectDb, is_postgres
from annotator.store.repository import Repository
from annotator.store.rows import dumps


def _marks(values: Collection[Any]) -> str:
    return ", ".join("?" for _ in values)


def _json_key(name: str) -> str:
    """A JSON path naming one key, quoted so any attribute name works."""
    return '$."' + name.replace('"', '\\"') + '"'


def _has_key(db: ProjectDb, column: str, name: str) -> tuple[str, str]:
    """SQL that is true when the JSON object in the TEXT ``column`` has the key ``name``,
    and the value to bind. PostgreSQL reads the text as jsonb (``jsonb_exists``: its ``?``
    operator would be read as a placeholder)."""
    if is_postgres(db):
        return f"jsonb_exists({column}::jsonb, ?)", name
    return f"json_type({column}, ?) IS NOT NULL", _json_key(name)


class SqlUsageCounter:
    """``UsageCounter`` over the project tables, in the names the database holds now."""

    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    def _one(self, sql: str, params: list[Any]) -> int:
        return int(self.db.execute(sql, params).fetchone()[0])

    def spans_with_label(self, label: str) -> int:
        return self._one("SELECT count(*) FROM spans WHERE label = ?", [label])

    def relations_of_type(self, name: str) -> int:
        return self._one("SELECT count(*) FROM relations WHERE label = ?", [name])

    def relations_touching(self, labels: Collection[str]) -> int:
        labels = list(labels)
        return self._one(
            "SELECT count(*) FROM relations r WHERE EXISTS (SELECT 1 FROM spans s WHERE "
            f"s.id IN (r.head, r.tail) AND s.label IN ({_marks(labels)}))",
            labels,
        )

    def relations_outside(self, name: str, heads: Collection[str], tails: Collection[str]) -> int:
        return len(self.relation_ids_outside(name, heads, tails))

    def relation_ids_outside(
        self, name: str, heads: Collection[str], tails: Collection[str]
    ) -> list[str]:
        heads, tails = list(heads), list(tails)
        rows = self.db.execute(
            "SELECT r.id FROM relations r JOIN spans h ON h.id = r.head "
            "JOIN spans t ON t.id = r.tail WHERE r.label = ? "
            f"AND (h.label NOT IN ({_marks(heads)}) OR t.label NOT IN ({_marks(tails)}))",
            [name, *heads, *tails],
        )
        return [row[0] for row in rows]

    def attr_values(self, layer: str, name: str) -> list[tuple[str, dict[str, Any]]]:
        has_key, key = _has_key(self.db, "attrs", name)
        rows = self.db.execute(
            f"SELECT id, attrs FROM spans WHERE layer = ? AND {has_key}", [layer, key]
        )
        return [(row[0], json.loads(row[1])) for row in rows]

    def spans_with_attr(self, layer: str, name: str, valid: ValueCheck | None = None) -> int:
        return sum(
            1
            for _, attrs in self.attr_values(layer, name)
            if valid is None or not valid(attrs[name])
        )

    def doc_label_values(self, name: str) -> list[tuple[str, dict[str, Any]]]:
        has_key, key = _has_key(self.db, "labels", name)
        rows = self.db.execute(f"SELECT id, labels FROM documents WHERE {has_key}", [key])
        return [(row[0], json.loads(row[1])) for row in rows]

    def documents_with_label(self, name: str, valid: ValueCheck | None = None) -> int:
        return sum(
            1
            for _, labels in self.doc_label_values(name)
            if valid is None or not valid(labels[name])
        )

    def overlapping_spans(self, layer: str) -> int:
        return self._one(
            "SELECT count(*) FROM spans a WHERE a.layer = ? AND EXISTS (SELECT 1 FROM spans b "
            "WHERE b.doc_id = a.doc_id AND b.layer = a.layer AND b.id <> a.id "
            'AND b.start < a."end" AND a.start < b."end")',
            [layer],
        )


def plan_schema_change(repo: Repository, new_schema: Schema) -> SchemaPlan:
    """What applying ``new_schema`` would do, with counts; writes nothing."""
    return assess(diff_schemas(repo.schema(), new_schema), SqlUsageCounter(repo.db))


class AppliedSchemaChange(NamedTuple):
    plan: SchemaPlan
    """What was applied, with the number of annotations each part touched."""
    changes: Changes
    """``schema`` is set unless nothing changed; ``doc_ids`` names every document when
    annotations were renamed or removed (they may sit in any document)."""


def apply_schema_change(
    repo: Repository, new_schema: Schema, force: bool = False, annotator: str = ""
) -> AppliedSchemaChange:
    """Make ``new_schema`` the project's schema, renaming and (with ``force``) deleting uses.

    Raises SchemaChangeRefused, with nothing written, when the change would delete annotations
    and ``force`` is false, or when it cannot be done at all.
    """
    with repo.transaction():
        plan = plan_schema_change(repo, new_schema)
        plan.check(force)
        if plan.change.is_empty():
            return AppliedSchemaChange(plan, Changes())
        _remove_uses(repo, plan.change)
        _rename(repo.db, plan.change)
        repo.store_schema(new_schema.without_renames())
        repo.log(annotator, "schema_change", None, _summary(plan), plan.to_dict())
    touched = any(use.count for use in plan.uses)
    doc_ids = frozenset(repo.document_ids()) if touched else frozenset[str]()
    return AppliedSchemaChange(plan, Changes(doc_ids, schema=True))


def _remove_uses(repo: Repository, change: SchemaChange) -> None:
    """Delete what a forced change takes away; names are the old schema's."""
    db = repo.db
    counter = SqlUsageCounter(db)
    for name in change.removed_relations:
        db.execute("DELETE FROM relations WHERE label = ?", [name])
    for name in change.narrowed_relations:
        rel = change.new.relation(name)
        ids = counter.relation_ids_outside(
            change.old_relation_name(name),
            [o for n in rel.head for o in change.old_label_names(n)],
            [o for n in rel.tail for o in change.old_label_names(n)],
        )
        db.conn.executemany("DELETE FROM relations WHERE id = ?", [(i,) for i in ids])
    if change.removed_labels:
        labels = list(change.removed_labels)
        marks = _marks(labels)
        db.execute(
            "DELETE FROM relations WHERE head IN (SELECT id FROM spans WHERE label IN "
            f"({marks})) OR tail IN (SELECT id FROM spans WHERE label IN ({marks}))",
            [*labels, *labels],
        )
        db.execute(f"DELETE FROM spans WHERE label IN ({marks})", labels)
        # A suggestion of a removed label could never be accepted.
        db.execute(f"DELETE FROM suggestions WHERE label IN ({marks})", labels)
    for layer, name in change.removed_attributes:
        _remove_attribute(db, counter, layer, name)
    for layer, name in change.retyped_attributes:
        attr = change.new.attribute(layer, name)
        for span_id, attrs in counter.attr_values(layer, name):
            keep, value = repaired_attr_value(attr, attrs[name])
            fixed = (
                {**attrs, name: value} if keep else {k: v for k, v in attrs.items() if k != name}
            )
            if fixed != attrs:
                db.execute("UPDATE spans SET attrs = ? WHERE id = ?", [dumps(fixed), span_id])
    for name in (*change.removed_doc_labels, *change.rechoiced_doc_labels):
        allowed = change.new.doc_label(name).choices if name in change.rechoiced_doc_labels else ()
        for doc_id, values in counter.doc_label_values(name):
            if values[name] not in allowed:
                rest = {k: v for k, v in values.items() if k != name}
                repo.set_document_fields(doc_id, {"labels": rest})


def _remove_attribute(db: ProjectDb, counter: SqlUsageCounter, layer: str, name: str) -> None:
    """Take the attribute ``name`` out of the layer's spans. PostgreSQL's jsonb would store
    the object back with its keys reordered, so the spans are rewritten as ``dumps`` writes
    them."""
    if not is_postgres(db):
        db.execute(
            "UPDATE spans SET attrs = json_remove(attrs, ?) WHERE layer = ? "
            "AND json_type(attrs, ?) IS NOT NULL",
            [_json_key(name), layer, _json_key(name)],
        )
        return
    rows = [
        (dumps({k: v for k, v in attrs.items() if k != name}), span_id)
        for span_id, attrs in counter.attr_values(layer, name)
    ]
    db.conn.executemany("UPDATE spans SET attrs = ? WHERE id = ?", rows)


def _rename(db: ProjectDb, change: SchemaChange) -> None:
    for old, new in change.renamed_labels:
        layer = change.new.label(new).layer
        for table in ("spans", "suggestions"):
            db.execute(
                f"UPDATE {table} SET label = ?, layer = ? WHERE label = ?", [new, layer, old]
            )
    for old, new in change.renamed_relations:
        db.execute("UPDATE relations SET label = ? WHERE label = ?", [new, old])


def _summary(plan: SchemaPlan) -> str:
    c = plan.change
    parts = []
    if c.renamed_labels or c.renamed_relations:
        parts.append(
            "renamed " + ", ".join(f"{o}→{n}" for o, n in (*c.renamed_labels, *c.renamed_relations))
        )
    removed = [
        *c.removed_labels,
        *c.removed_relations,
        *(f"{a}.{b}" for a, b in c.removed_attributes),
    ]
    removed += list(c.removed_doc_labels)
    if removed:
        parts.append("removed " + ", ".join(removed))
    added = [*c.added_labels, *c.added_relations, *(f"{a}.{b}" for a, b in c.added_attributes)]
    added += [*c.added_layers, *c.added_doc_labels]
    if added:
        parts.append("added " + ", ".join(added))
    return "schema change: " + ("; ".join(parts) or "definitions edited")
