"""Reading and writing a document's kept tokenisation (``core.tokenisation``)."""

from __future__ import annotations

import json

from annotator.core.tokenisation import Tokenisation
from annotator.store.repository import Repository


def save_tokens(repo: Repository, doc_id: str, tokens: Tokenisation) -> None:
    """Store (or replace) the tokens of ``doc_id``; call inside ``repo.transaction()``."""
    payload = json.dumps(
        {
            "starts": list(tokens.starts),
            "ends": list(tokens.ends),
            "sentence_starts": list(tokens.sentence_starts),
        },
        separators=(",", ":"),
    )
    repo.db.execute(
        "INSERT INTO document_tokens(doc_id, tokens) VALUES (?, ?) "
        "ON CONFLICT(doc_id) DO UPDATE SET tokens = excluded.tokens",
        [doc_id, payload],
    )


def kept_tokens(repo: Repository, doc_id: str) -> Tokenisation | None:
    """The tokens the document's source file gave it, or None when it had none."""
    row = repo.db.execute(
        "SELECT tokens FROM document_tokens WHERE doc_id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    return Tokenisation(tuple(data["starts"]), tuple(data["ends"]), tuple(data["sentence_starts"]))
