"""What a trained pipeline finds in documents, as spans of project layers with scores.

``doc.ents`` are spans of the ``entity`` layer; each span group ``doc.spans[LAYER]`` (what
spancat writes, with its ``scores``) is a span of that layer. The NER component gives no score
of its own; ``scored_predictions`` adds the one ``training.uncertainty`` defines, and each
document's uncertainty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.formats.spacy_config import ENTITY_LAYER
from annotator.training.uncertainty import score_parses


@dataclass(frozen=True, slots=True)
class PredictedSpan:
    layer: str
    label: str
    start: int
    end: int
    score: float | None = None


@dataclass(frozen=True, slots=True)
class ScoredPrediction:
    """What the pipeline found in one document, and how unsure it was of it."""

    spans: list[PredictedSpan]
    uncertainty: float
    """The mean uncertainty of its decisions (``training.uncertainty``), 0 sure .. 1 unsure."""


def spans_of(
    parsed: Any,
    layers: Iterable[str] | None = None,
    entity_scores: Mapping[tuple[int, int], float] | None = None,
) -> list[PredictedSpan]:
    """The spans of a parsed spaCy Doc, in text order, limited to ``layers`` if given;
    ``entity_scores`` ((start_char, end_char) -> score) scores the entities."""
    wanted = None if layers is None else set(layers)
    found: dict[tuple[str, str, int, int], PredictedSpan] = {}
    if wanted is None or ENTITY_LAYER in wanted:
        for ent in parsed.ents:
            key = (ENTITY_LAYER, ent.label_, ent.start_char, ent.end_char)
            score = (entity_scores or {}).get((ent.start_char, ent.end_char))
            found.setdefault(key, PredictedSpan(*key, score=score))
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


def scored_predictions(
    nlp: Any, texts: Iterable[str], layers: Iterable[str] | None = None, batch_size: int = 64
) -> Iterator[ScoredPrediction]:
    """The spans the pipeline finds in each text with their scores, and the text's
    uncertainty, in order (the parse is the same as ``predict``'s)."""
    chosen = None if layers is None else list(layers)
    for parse in score_parses(nlp, texts, batch_size):
        yield ScoredPrediction(spans_of(parse.doc, chosen, parse.entity_scores), parse.uncertainty)
