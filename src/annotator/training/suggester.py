"""A trained model as a pre-annotation source: its spans become suggestions that name the
model version that made them (``model:NAME@VERSION``) and carry its score, reviewed like any
other; each document's uncertainty (``training.uncertainty``) is stored with them, for the
work queue's "least certain first" order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.progress import (
    CancelCheck,
    Progress,
    checkpoint,
    never_cancelled,
    no_progress,
)
from annotator.preannotate.base import Candidate, PreannotateReport
from annotator.preannotate.model import load_pipeline
from annotator.preannotate.runner import run_preannotation
from annotator.store.corpus import documents_in_order
from annotator.store.models import ModelRecord, ensure_model, store_uncertainty
from annotator.store.repository import Repository
from annotator.store.suggestions import delete_pending_from
from annotator.training.card import read_card
from annotator.training.evaluate import model_layers
from annotator.training.predict import scored_predictions

SOURCE_PREFIX = "model:"
BATCH = 64
"""Documents parsed at once: the pipeline's network runs on a batch far faster than on each
document alone."""


class TrainedModelSuggester:
    """A Suggester over a model trained here (its card names its version and layers).

    ``score`` parses documents in batches and keeps what it found for ``suggest``, and each
    document's uncertainty in ``uncertainty``. Labels the project does not know (``labels``,
    when set) are skipped and counted.
    """

    def __init__(self, nlp: Any, card: dict[str, Any], path: Path | None = None) -> None:
        self.nlp = nlp
        self.card = card
        self.path = path
        self.model_id = str(card["id"])
        self.name = str(card.get("name", self.model_id.split("@")[0]))
        self.source = f"{SOURCE_PREFIX}{self.model_id}"
        self.layers = model_layers(nlp, card)
        self.skipped_labels: Counter[str] = Counter()
        self.labels: set[str] | None = None
        self.uncertainty: dict[str, float] = {}
        """Document id -> the model's uncertainty about it (0 sure .. 1 unsure)."""
        self._found: dict[str, list[Candidate]] = {}

    @classmethod
    def load(cls, model_dir: Path) -> TrainedModelSuggester:
        card = read_card(model_dir)
        if card is None:
            raise ValidationError(
                f"{model_dir}: not a model trained by annotator (no annotator-model.json); "
                "use it as a spaCy pipeline instead"
            )
        return cls(load_pipeline(str(model_dir)), card, model_dir)

    def score(self, docs: Sequence[Document]) -> None:
        """Parse ``docs`` as one batch; ``suggest`` then returns what was found."""
        texts = [doc.text for doc in docs]
        found = scored_predictions(self.nlp, texts, self.layers, max(1, len(docs)))
        for doc, prediction in zip(docs, found, strict=True):
            self.uncertainty[doc.id] = prediction.uncertainty
            candidates = []
            for span in prediction.spans:
                if self.labels is not None and span.label not in self.labels:
                    self.skipped_labels[span.label] += 1
                    continue
                candidates.append(Candidate(span.label, span.start, span.end, span.score))
            self._found[doc.id] = candidates

    def suggest(self, doc: Document) -> list[Candidate]:
        if doc.id not in self._found:
            self.score([doc])
        return self._found.pop(doc.id)

    def record(self) -> ModelRecord:
        """The model as the project records it (for a model trained in another project)."""
        path = str(self.path.resolve()) if self.path is not None else ""
        created = str(self.card.get("created_at", ""))
        trained_by = str(self.card.get("trained_by", ""))
        return ModelRecord(self.model_id, self.name, path, trained_by, created, self.card)


def suggest_with_model(
    repo: Repository,
    suggester: TrainedModelSuggester,
    doc_ids: Sequence[str] | None = None,
    *,
    annotator: str = "",
    replace_older: bool = False,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> PreannotateReport:
    """Store the model's suggestions for ``doc_ids`` (default all) and its uncertainty about
    each of them, in one transaction (a cancel leaves nothing).

    A suggestion identical to a span, or to an earlier suggestion (any status: a rejected one
    stays rejected), is skipped; an overlapping one stays a suggestion; spans are never
    touched. With ``replace_older`` the pending suggestions of earlier versions of the same
    model in those documents go first (a retrained model refreshes them); decided ones stay.
    """
    ids = list(doc_ids) if doc_ids is not None else repo.document_ids()
    missing = [doc_id for doc_id in ids if not repo.has_document(doc_id)]
    if missing:
        raise ValidationError(f"no document with id {', '.join(map(repr, missing[:5]))}")
    suggester.labels = {label.name for label in repo.schema().labels}
    count = len(ids)
    steps = 2 * count
    batch: list[Document] = []
    scored = 0
    for doc in documents_in_order(repo, ids):
        batch.append(doc)
        if len(batch) == BATCH:
            checkpoint(cancel)
            suggester.score(batch)
            scored += len(batch)
            progress(scored, steps, f"{suggester.model_id}: scored {scored} of {count}")
            batch = []
    checkpoint(cancel)
    suggester.score(batch)
    progress(count, steps, f"{suggester.model_id}: scored {count} of {count}")

    def saving(done: int, total: int, message: str = "") -> None:
        if done > count:  # the runner's matching steps only read what was scored above
            progress(done, total, message)

    with repo.transaction():
        if replace_older:
            delete_pending_from(repo, ids, f"{SOURCE_PREFIX}{suggester.name}@")
        report = run_preannotation(
            repo, suggester, ids, annotator=annotator, progress=saving, cancel=cancel
        )
        ensure_model(repo, suggester.record())
        store_uncertainty(
            repo,
            suggester.model_id,
            annotator,
            {doc_id: suggester.uncertainty[doc_id] for doc_id in ids},
        )
    return report
