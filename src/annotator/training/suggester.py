"""A trained model as a pre-annotation source: its spans become suggestions that name the
model version that made them (``model:NAME@VERSION``), reviewed like any other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.progress import CancelCheck, Progress, never_cancelled, no_progress
from annotator.preannotate.base import Candidate, PreannotateReport
from annotator.preannotate.model import load_pipeline
from annotator.preannotate.runner import run_preannotation
from annotator.store.repository import Repository
from annotator.store.suggestions import delete_pending_from
from annotator.training.card import read_card
from annotator.training.evaluate import model_layers
from annotator.training.predict import spans_of

SOURCE_PREFIX = "model:"


class TrainedModelSuggester:
    """A Suggester over a model trained here (its card names its version and layers)."""

    def __init__(self, nlp: Any, card: dict[str, Any]) -> None:
        self.nlp = nlp
        self.card = card
        self.model_id = str(card["id"])
        self.name = str(card.get("name", self.model_id.split("@")[0]))
        self.source = f"{SOURCE_PREFIX}{self.model_id}"
        self.layers = model_layers(nlp, card)
        self.skipped_labels: Counter[str] = Counter()

    @classmethod
    def load(cls, model_dir: Path) -> TrainedModelSuggester:
        card = read_card(model_dir)
        if card is None:
            raise ValidationError(
                f"{model_dir}: not a model trained by annotator (no annotator-model.json); "
                "use it as a spaCy pipeline instead"
            )
        return cls(load_pipeline(str(model_dir)), card)

    def suggest(self, doc: Document) -> list[Candidate]:
        parsed = self.nlp(doc.text)
        return [Candidate(s.label, s.start, s.end, s.score) for s in spans_of(parsed, self.layers)]


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
    """Store the model's suggestions for ``doc_ids`` (default all). With ``replace_older``
    the pending suggestions of earlier versions of the same model in those documents go
    first (a retrained model refreshes them); decided suggestions and spans stay as they are.
    """
    ids = list(doc_ids) if doc_ids is not None else repo.document_ids()
    if replace_older:
        with repo.transaction():
            delete_pending_from(repo, ids, f"{SOURCE_PREFIX}{suggester.name}@")
    return run_preannotation(
        repo, suggester, ids, annotator=annotator, progress=progress, cancel=cancel
    )
