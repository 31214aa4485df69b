"""Trained models the project knows, and each model's uncertainty about each document.

A model's files live where it was trained to (``path``); the project keeps its provenance
(``card``, the JSON written beside the model as ``annotator-model.json``) so that
``annotator models`` lists what was trained on what even when the folder has moved.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from annotator.core.model import now_iso
from annotator.store.repository import Repository


@dataclass(frozen=True)
class ModelRecord:
    id: str
    """The model's version, unique in the project (``NAME@YYYYMMDD-HHMMSS.mmm``); a suggestion's
    source names it."""
    name: str
    path: str
    annotator: str
    created_at: str
    card: dict[str, Any]


def register_model(repo: Repository, record: ModelRecord) -> None:
    """Record a trained model (its own transaction)."""
    with repo.transaction():
        repo.db.execute(
            "INSERT INTO models(id, name, path, annotator, created_at, card) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            _values(record),
        )


def ensure_model(repo: Repository, record: ModelRecord) -> None:
    """Record a model unless the project already knows its version (one trained in another
    project, used here to suggest); call inside ``repo.transaction()``."""
    repo.db.execute(
        "INSERT INTO models(id, name, path, annotator, created_at, card) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
        _values(record),
    )


def _values(record: ModelRecord) -> list[Any]:
    card = json.dumps(record.card, ensure_ascii=False, sort_keys=True)
    return [record.id, record.name, record.path, record.annotator, record.created_at, card]


def _record(row: Any) -> ModelRecord:
    return ModelRecord(
        str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), json.loads(row[5])
    )


def trained_models(repo: Repository) -> list[ModelRecord]:
    """Every recorded model, newest first."""
    rows = repo.db.execute(
        "SELECT id, name, path, annotator, created_at, card FROM models "
        "ORDER BY created_at DESC, id DESC"
    )
    return [_record(row) for row in rows]


def trained_model(repo: Repository, model_id: str) -> ModelRecord | None:
    row = repo.db.execute(
        "SELECT id, name, path, annotator, created_at, card FROM models WHERE id = ?", [model_id]
    ).fetchone()
    return None if row is None else _record(row)


def store_uncertainty(
    repo: Repository, model_id: str, annotator: str, scores: Mapping[str, float]
) -> None:
    """Replace the model's uncertainty about each of these documents (call inside
    ``repo.transaction()``). The time is kept to the microsecond: the latest scoring model
    is the one with the latest time, and two scorings a millisecond apart happen."""
    scored_at = datetime.now(UTC).isoformat(timespec="microseconds")
    repo.db.conn.executemany(
        "DELETE FROM document_uncertainty WHERE model_id = ? AND doc_id = ?",
        [(model_id, doc_id) for doc_id in scores],
    )
    repo.db.conn.executemany(
        "INSERT INTO document_uncertainty(model_id, doc_id, annotator, uncertainty, scored_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(model_id, doc_id, annotator, float(u), scored_at) for doc_id, u in scores.items()],
    )


def document_uncertainty(repo: Repository, model_id: str) -> dict[str, float]:
    """Document id -> the model's uncertainty (0 sure .. 1 unsure), for the scored ones."""
    rows = repo.db.execute(
        "SELECT doc_id, uncertainty FROM document_uncertainty WHERE model_id = ?", [model_id]
    )
    return {str(row[0]): float(row[1]) for row in rows}


def latest_scoring_model(repo: Repository) -> str | None:
    """The model that scored documents most recently, None when none has."""
    row = repo.db.execute(
        "SELECT model_id FROM document_uncertainty ORDER BY scored_at DESC LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])


def model_version(name: str, created_at: str | None = None) -> str:
    """``NAME@YYYYMMDD-HHMMSS.mmm`` from an ISO time (default now)."""
    stamp = (created_at or now_iso())[:23].replace("-", "").replace(":", "").replace("T", "-")
    return f"{name}@{stamp}"
