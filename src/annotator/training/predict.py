"""What a trained pipeline finds in documents, as spans of project layers with scores.

``doc.ents`` are spans of the ``entity`` layer; each span group ``doc.spans[LAYER]`` (what
spancat writes, with its ``scores``) is a span of that layer. The NER component gives no score
of its own; ``training.uncertainty`` adds one where asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from annotator.formats.spacy_config import ENTITY_LAYER


@dataclass(frozen=True, slots=True)
class PredictedSpan:
    layer: str
    label: str
    start: int
    end: int
    score: float | None = None


def spans_of(parsed: Any, layers: Iterable[str] | None = None) -> list[PredictedSpan]:
    """The spans of a parsed spaCy Doc, in text order, limited to ``layers`` if given."""
    wanted = None if layers is None else set(layers)
    found: dict[tuple[str, str, int, int], PredictedSpan] = {}
    if wanted is None or ENTITY_LAYER in wanted:
        for ent in parsed.ents:
            key = (ENTITY_LAYER, ent.label_, ent.start_char, ent.end_char)
            found.setdefault(key, PredictedSpan(*key))
    for layer, group in parsed.spans.items():
        if layer == ENTITY_LAYER or (wanted is not None and layer not in wanted):
            continue
        scores = group.attrs.get("scores")
        for index, span in enumerate(group):
            score = None
            if scores is not None and index < len(scores):
                score = float(scores[index])
            key = (layer, span.label_, span.start_char, span.end_char)
            found.setdefault(key, PredictedSpan(*key, score=score))
    return sorted(found.values(), key=lambda s: (s.start, -s.end, s.layer, s.label))


def predict(
    nlp: Any, texts: Iterable[str], layers: Iterable[str] | None = None, batch_size: int = 32
) -> Iterator[list[PredictedSpan]]:
    """The spans the pipeline finds in each text, in order."""
    chosen = None if layers is None else list(layers)
    for parsed in nlp.pipe(texts, batch_size=batch_size):
        yield spans_of(parsed, chosen)
