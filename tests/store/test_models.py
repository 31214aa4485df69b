from __future__ import annotations

import pytest

from annotator.core.model import Document
from annotator.core.suggestion_edits import Suggestion
from annotator.store.models import (
    ModelRecord,
    document_uncertainty,
    latest_scoring_model,
    model_version,
    register_model,
    store_uncertainty,
    trained_model,
    trained_models,
)
from annotator.store.repository import Repository
from annotator.store.suggestions import delete_pending_from, insert_suggestions, suggestions


def record(model_id: str, created_at: str) -> ModelRecord:
    card = {"id": model_id, "scores": {"overall": {"f": 0.8}}, "note": "Jakarta 😀"}
    return ModelRecord(
        model_id, model_id.split("@")[0], f"/models/{model_id}", "ana", created_at, card
    )


@pytest.fixture
def two_documents(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="d1", text="Budi lives in Jakarta."))
        repo.add_document(Document(id="d2", text="Siti works in Bandung."))
    return repo


def test_models_are_listed_newest_first_with_their_card_as_stored(repo: Repository) -> None:
    register_model(repo, record("names@20261201-101500.000", "2026-12-01T10:15:00.000+00:00"))
    register_model(repo, record("names@20261201-111500.000", "2026-12-01T11:15:00.000+00:00"))
    listed = trained_models(repo)
    assert [m.id for m in listed] == ["names@20261201-111500.000", "names@20261201-101500.000"]
    assert listed[0].card["note"] == "Jakarta 😀" and listed[0].annotator == "ana"
    assert trained_model(repo, "names@20261201-101500.000") == listed[1]
    assert trained_model(repo, "names@19990101-000000.000") is None


def test_a_model_version_is_its_name_and_creation_time_to_the_millisecond() -> None:
    assert model_version("names", "2026-12-01T10:15:02.123+00:00") == "names@20261201-101502.123"


def test_uncertainty_is_replaced_per_document_and_the_latest_scoring_model_is_known(
    two_documents: Repository,
) -> None:
    repo = two_documents
    assert latest_scoring_model(repo) is None
    register_model(repo, record("m@1", "2026-12-01T10:00:00"))
    register_model(repo, record("m@2", "2026-12-01T11:00:00"))
    with repo.transaction():
        store_uncertainty(repo, "m@1", "ana", {"d1": 0.5, "d2": 0.1})
    with repo.transaction():
        store_uncertainty(repo, "m@1", "ana", {"d1": 0.75})
    assert document_uncertainty(repo, "m@1") == {"d1": 0.75, "d2": 0.1}
    assert document_uncertainty(repo, "m@2") == {}
    with repo.transaction():
        store_uncertainty(repo, "m@2", "ana", {"d2": 0.0})
    assert latest_scoring_model(repo) == "m@2"


def test_deleting_a_document_deletes_its_uncertainty(two_documents: Repository) -> None:
    repo = two_documents
    register_model(repo, record("m@1", "2026-12-01T10:00:00"))
    with repo.transaction():
        store_uncertainty(repo, "m@1", "ana", {"d1": 0.5, "d2": 0.1})
        repo.db.execute("DELETE FROM documents WHERE id = ?", ["d1"])
    assert document_uncertainty(repo, "m@1") == {"d2": 0.1}


def suggestion(sid: str, doc_id: str, source: str, status: str = "pending") -> Suggestion:
    return Suggestion(sid, doc_id, "entity", "GPE", 14, 21, "Jakarta", source, 0.9, status)


def test_older_pending_suggestions_of_a_model_go_and_decided_or_other_ones_stay(
    two_documents: Repository,
) -> None:
    repo = two_documents
    with repo.transaction():
        insert_suggestions(
            repo,
            [
                suggestion("old", "d1", "model:names@1"),
                suggestion("rejected", "d1", "model:names@1", "rejected"),
                suggestion("other_doc", "d2", "model:names@1"),
                suggestion("lookalike", "d1", "model:names_v2@1"),
                suggestion("gazetteer", "d1", "gazetteer:places"),
            ],
        )
    with repo.transaction():
        deleted = delete_pending_from(repo, ["d1"], "model:names@")
    assert deleted == 1
    left = {s.id for s in suggestions(repo, status=None)}
    assert left == {"rejected", "other_doc", "lookalike", "gazetteer"}
