"""How sure a trained pipeline is: a score for each span it finds and an uncertainty for each
document, so that the work queue can put first what the model is least sure of.

spaCy's NER component gives no score of its own, and its beam probabilities saturate at 1.0
on a well-trained model (they cannot rank documents). So the greedy parse is run here step by
step, as ``EntityRecognizer`` runs it, and at each step the two best *valid* actions are
compared:

- a **decision** is a step with at least two valid actions (a step with one is certain and is
  not counted); its ``margin`` is the best action's score minus the second best's, and its
  uncertainty is ``u = 2 · sigmoid(−margin)``, in (0, 1]: 1 when the two best actions tie,
  near 0 when the best one wins clearly;
- an **entity's score** is the lowest ``sigmoid(margin)`` over the decisions at its tokens, in
  [0.5, 1) (1.0 when none of its tokens needed a decision);
- a **spancat candidate** (a span its span finder proposed) with best label score ``s`` has
  ``u = 2 · min(s, 1 − s)`` (1 at s = 0.5, 0 at s = 0 or 1); the spans spancat keeps carry
  ``s`` as their score;
- a **document's uncertainty** is the mean ``u`` over all its decisions and candidates
  (0 when it has none).

The parse is the one ``nlp.pipe`` would give: the same actions are taken in the same order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

DEFAULT_BATCH = 64


def decision_uncertainty(margin: float) -> float:
    """``2 · sigmoid(−margin)``: 1 when the two best actions tie, towards 0 as one wins."""
    return 2.0 / (1.0 + math.exp(min(margin, 700.0)))


def margin_score(margin: float) -> float:
    """``sigmoid(margin)``: how sure a decision is, 0.5 (a tie) .. 1."""
    return 1.0 / (1.0 + math.exp(-min(margin, 700.0)))


def candidate_uncertainty(score: float) -> float:
    """``2 · min(s, 1 − s)`` for a candidate span whose best label scored ``s``."""
    return 2.0 * min(score, 1.0 - score)


@dataclass
class ScoredParse:
    """A parsed document with how sure the pipeline was of it."""

    doc: Any
    """The spaCy Doc, annotated as ``nlp`` would annotate it."""
    entity_scores: dict[tuple[int, int], float] = field(default_factory=dict)
    """(start_char, end_char) of each entity -> its score (lowest sigmoid(margin))."""
    uncertainties: list[float] = field(default_factory=list)
    """``u`` of each decision and spancat candidate."""

    @property
    def uncertainty(self) -> float:
        """The mean ``u`` (0 when the pipeline made no decision here)."""
        return sum(self.uncertainties) / len(self.uncertainties) if self.uncertainties else 0.0


def _components(nlp: Any) -> tuple[list[str], list[str]]:
    """The names of the pipeline's NER and spancat components."""
    from spacy.pipeline import EntityRecognizer, SpanCategorizer

    ner = [name for name, pipe in nlp.pipeline if isinstance(pipe, EntityRecognizer)]
    spancat = [name for name, pipe in nlp.pipeline if isinstance(pipe, SpanCategorizer)]
    return ner, spancat


def score_parses(
    nlp: Any, texts: Iterable[str], batch_size: int = DEFAULT_BATCH
) -> Iterator[ScoredParse]:
    """Parse ``texts`` with ``nlp`` and say how sure it was of each, in order."""
    ner_names, spancat_names = _components(nlp)
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _score_batch(nlp, batch, ner_names, spancat_names)
            batch = []
    if batch:
        yield from _score_batch(nlp, batch, ner_names, spancat_names)


def _score_batch(
    nlp: Any, texts: list[str], ner_names: list[str], spancat_names: list[str]
) -> list[ScoredParse]:
    # Everything else runs first (tok2vec sets the tensors, span finders their candidates).
    docs = list(nlp.pipe(texts, disable=[*ner_names, *spancat_names], batch_size=len(texts)))
    parses = [ScoredParse(doc) for doc in docs]
    for name in ner_names:
        _parse_entities(nlp.get_pipe(name), docs, parses)
    for name in spancat_names:
        _categorise_spans(nlp.get_pipe(name), docs, parses)
    return parses


def _parse_entities(ner: Any, docs: list[Any], parses: list[ScoredParse]) -> None:
    """The greedy parse of ``EntityRecognizer``, recording each step's two best valid actions."""
    import numpy

    moves = ner.moves
    names = [moves.get_class_name(action) for action in range(moves.n_moves)]
    states = moves.init_batch(docs)
    owner = {id(state): k for k, state in enumerate(states)}
    token_scores: list[dict[int, float]] = [{} for _ in docs]
    step_model = ner.model.predict(docs)
    unfinished = [state for state in states if not state.is_final()]
    while unfinished:
        scores = step_model.predict(unfinished)
        ranked = numpy.argsort(-scores, axis=1)
        for row, state in enumerate(unfinished):
            best = second = None
            for action in ranked[row]:
                if moves.is_valid(state, names[action]):
                    if best is None:
                        best = float(scores[row, action])
                    else:
                        second = float(scores[row, action])
                        break
            if second is None or best is None:
                continue  # one valid action: certain, not a decision
            k = owner[id(state)]
            margin = best - second
            parses[k].uncertainties.append(decision_uncertainty(margin))
            token = int(state.B(0))
            sure = margin_score(margin)
            token_scores[k][token] = min(sure, token_scores[k].get(token, 1.0))
        unfinished = ner.transition_states(unfinished, scores)
    step_model.clear_memory()
    ner.set_annotations(docs, states)
    for k, doc in enumerate(docs):
        per_token = token_scores[k]
        parses[k].entity_scores = {
            (ent.start_char, ent.end_char): min(
                (per_token.get(i, 1.0) for i in range(ent.start, ent.end)), default=1.0
            )
            for ent in doc.ents
        }


def _categorise_spans(spancat: Any, docs: list[Any], parses: list[ScoredParse]) -> None:
    """Score every candidate the suggester proposes, then annotate as spancat does."""
    indices, scores = spancat.predict(docs)
    spancat.set_annotations(docs, (indices, scores))
    lengths = [int(n) for n in indices.lengths]
    best = scores.max(axis=1) if len(scores) else scores
    offset = 0
    for k, length in enumerate(lengths):
        parses[k].uncertainties.extend(
            candidate_uncertainty(float(s)) for s in best[offset : offset + length]
        )
        offset += length
