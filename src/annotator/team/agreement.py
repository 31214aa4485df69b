"""How far annotators agree on a project: the measures of ``core.agreement`` on its documents.

Which documents count: a pair is compared on the documents both marked done; Fleiss' kappa
uses the documents all compared annotators marked done; Krippendorff's alpha every document at
least two of them marked done (the others' ratings are missing values). An annotator's spans
are the spans stored under their name. Tokens are the exports' tokens
(``formats.tokens.token_doc``: the kept tokens of a CoNLL import, else spaCy's tokenizer),
without whitespace tokens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.core.agreement import (
    OUTSIDE,
    Mark,
    Ratings,
    Row,
    SpanTally,
    cohen_kappa,
    disagreeing,
    fleiss_kappa,
    krippendorff_alpha,
    span_tallies,
    token_categories,
    total,
)
from annotator.core.errors import ValidationError
from annotator.core.progress import (
    CancelCheck,
    Progress,
    checkpoint,
    never_cancelled,
    no_progress,
)
from annotator.core.team import GOLD, check_annotator
from annotator.store.repository import Repository
from annotator.store.span_marks import span_marks
from annotator.store.statuses import DONE, all_statuses, done_by_all
from annotator.store.tokens import kept_tokens


@dataclass(frozen=True)
class PairAgreement:
    a: str
    b: str
    docs: int
    span_f1: float | None
    span_f1_overlap: float | None
    cohen_kappa: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "docs": self.docs,
            "span_f1": self.span_f1,
            "span_f1_overlap": self.span_f1_overlap,
            "cohen_kappa": self.cohen_kappa,
        }


@dataclass(frozen=True)
class Measures:
    """Every measure over one set of units: overall, one layer, or one label."""

    pairs: list[PairAgreement]
    fleiss_kappa: float | None
    krippendorff_alpha: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": [pair.to_dict() for pair in self.pairs],
            "fleiss_kappa": self.fleiss_kappa,
            "krippendorff_alpha": self.krippendorff_alpha,
        }

    def pair(self, a: str, b: str) -> PairAgreement | None:
        for pair in self.pairs:
            if {pair.a, pair.b} == {a, b}:
                return pair
        return None

    def mean(self, measure: str) -> float | None:
        """The mean over the pairs of a pair measure (``span_f1``, ``cohen_kappa`` ...)."""
        values = [getattr(pair, measure) for pair in self.pairs]
        known = [value for value in values if value is not None]
        return sum(known) / len(known) if known else None


@dataclass(frozen=True)
class LayerAgreement:
    overall: Measures
    labels: dict[str, Measures]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.overall.to_dict(),
            "labels": {label: m.to_dict() for label, m in self.labels.items()},
        }


@dataclass(frozen=True)
class DocumentDisagreement:
    doc_id: str
    title: str
    annotators: int
    """How many of the compared annotators marked it done."""
    labelled: int
    """Tokens at least one of them labelled."""
    differing: int
    """Of those, the tokens they did not all give the same label."""

    @property
    def disagreement(self) -> float:
        return self.differing / self.labelled if self.labelled else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "annotators": self.annotators,
            "labelled_tokens": self.labelled,
            "differing_tokens": self.differing,
            "disagreement": self.disagreement,
        }


@dataclass(frozen=True)
class AgreementReport:
    """``overall`` pools every compared layer; ``layers`` holds each layer on its own."""

    annotators: tuple[str, ...]
    docs: int
    docs_done_by_all: int
    overall: LayerAgreement
    layers: dict[str, LayerAgreement]
    documents: list[DocumentDisagreement] = field(default_factory=list)
    """The compared documents, most disagreement first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "docs": self.docs,
            "docs_done_by_all": self.docs_done_by_all,
            **self.overall.to_dict(),
            "layers": {name: layer.to_dict() for name, layer in self.layers.items()},
            "documents": [doc.to_dict() for doc in self.documents],
        }


def done_annotators(repo: Repository) -> list[str]:
    """The people who marked at least one document done (not the project's '' or gold)."""
    names = {
        name
        for per_doc in all_statuses(repo).values()
        for name, (status, _) in per_doc.items()
        if status == DONE and name not in ("", GOLD)
    }
    return sorted(names)


def measure_agreement(
    repo: Repository,
    annotators: Sequence[str] | None = None,
    layers: Sequence[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    progress: Progress = no_progress,
    cancel: CancelCheck = never_cancelled,
) -> AgreementReport:
    """Agreement of ``annotators`` (default: everyone who marked a document done) on
    ``layers`` (default: all), over ``doc_ids`` (default: all) they marked done.

    ValidationError when fewer than two annotators are compared or no document is done by all.
    """
    names = tuple(annotators) if annotators is not None else tuple(done_annotators(repo))
    for name in names:
        check_annotator(name)
    if len(names) < 2:
        found = f" (found: {', '.join(names)})" if names else ""
        raise ValidationError(
            "agreement needs at least two annotators who marked documents done" + found
        )
    schema = repo.schema()
    layer_names = tuple(layers) if layers else tuple(layer.name for layer in schema.layers)
    for layer in layer_names:
        schema.layer(layer)  # SchemaError naming the known layers
    wanted = list(doc_ids) if doc_ids is not None else None
    if wanted is not None:
        for doc_id in wanted:
            if not repo.has_document(doc_id):
                raise ValidationError(f"no document with id {doc_id!r}")
    if not done_by_all(repo, names, wanted):
        raise ValidationError(
            f"no document is marked done by all of {', '.join(names)}; agreement is measured "
            "on documents every compared annotator finished"
        )
    done = _done_by(repo, names, wanted)
    tally = _Tally(names, layer_names)
    for n, (doc_id, finished) in enumerate(done):
        checkpoint(cancel)
        progress(n, len(done), f"Comparing {doc_id}")
        tally.add_document(repo, doc_id, finished)
    progress(len(done), len(done), "")
    return tally.report(sum(len(f) == len(names) for _, f in done))


def _done_by(
    repo: Repository, names: Sequence[str], wanted: list[str] | None
) -> list[tuple[str, frozenset[str]]]:
    """The documents (list order) at least two of ``names`` marked done, with who did."""
    rows = all_statuses(repo)
    chosen = set(wanted) if wanted is not None else None
    found = []
    for doc_id in repo.document_ids():
        if chosen is not None and doc_id not in chosen:
            continue
        per_doc = rows.get(doc_id, {})
        finished = frozenset(n for n in names if per_doc.get(n, ("", False))[0] == DONE)
        if len(finished) >= 2:
            found.append((doc_id, finished))
    return found


class _Tally:
    """Counts gathered document by document, turned into measures at the end."""

    def __init__(self, names: tuple[str, ...], layers: tuple[str, ...]) -> None:
        self.names = names
        self.layers = layers
        self.ratings = {layer: Ratings(names) for layer in layers}
        self.pairs = list(combinations(range(len(names)), 2))
        self.pair_docs: Counter[tuple[int, int]] = Counter()
        self.exact: dict[tuple[int, int, str, str], SpanTally] = {}
        self.overlap: dict[tuple[int, int, str, str], SpanTally] = {}
        self.documents: list[DocumentDisagreement] = []

    def add_document(self, repo: Repository, doc_id: str, finished: frozenset[str]) -> None:
        document = repo.document(doc_id)
        kept = kept_tokens(repo, doc_id)
        if kept is not None:
            starts, ends = list(kept.starts), list(kept.ends)
        else:
            # spaCy is imported here, not with the module: the app builds its Agreement
            # window at start-up, and spaCy's import costs about a second and 80 MB.
            from annotator.formats.tokens import token_doc

            tokens = [t for t in token_doc(document, None) if not t.is_space]
            starts = [t.idx for t in tokens]
            ends = [t.idx + len(t.text) for t in tokens]
        marks: dict[tuple[str, str], list[Mark]] = {}
        for annotator, layer, label, start, end in span_marks(repo, doc_id):
            if annotator in finished and layer in self.ratings:
                marks.setdefault((annotator, layer), []).append(Mark(layer, label, start, end))
        whole: Counter[Row] = Counter()
        for layer in self.layers:
            columns: list[list[str | None]] = [
                list(token_categories(starts, ends, marks.get((name, layer), ())))
                if name in finished
                else [None] * len(starts)
                for name in self.names
            ]
            rows = Counter(zip(*columns, strict=True))
            self.ratings[layer].rows.update(rows)
            whole.update(rows)
        for i, j in self.pairs:
            a, b = self.names[i], self.names[j]
            if a not in finished or b not in finished:
                continue
            self.pair_docs[(i, j)] += 1
            for layer in self.layers:
                exact, overlap = span_tallies(marks.get((a, layer), ()), marks.get((b, layer), ()))
                for label, found in exact.items():
                    self.exact.setdefault((i, j, layer, label), SpanTally()).add(found)
                for label, found in overlap.items():
                    self.overlap.setdefault((i, j, layer, label), SpanTally()).add(found)
        labelled, differing = disagreeing(Ratings(self.names, whole))
        self.documents.append(
            DocumentDisagreement(doc_id, document.title, len(finished), labelled, differing)
        )

    def report(self, done_by_all_count: int) -> AgreementReport:
        layers = {layer: self._layer(layer) for layer in self.layers}
        pooled = Ratings(self.names)
        for ratings in self.ratings.values():
            pooled.merge(ratings)
        labels = {label: m for layer in layers.values() for label, m in layer.labels.items()}
        overall = LayerAgreement(self._measures(pooled), labels)
        documents = sorted(self.documents, key=lambda d: (-d.disagreement, -d.differing))
        return AgreementReport(
            self.names, len(self.documents), done_by_all_count, overall, layers, documents
        )

    def _layer(self, layer: str) -> LayerAgreement:
        ratings = self.ratings[layer]
        seen = {key[3] for key in self.exact if key[2] == layer}
        seen |= ratings.categories() - {OUTSIDE}
        labels = {
            label: self._measures(ratings.binary(label), layer, label) for label in sorted(seen)
        }
        return LayerAgreement(self._measures(ratings, layer), labels)

    def _measures(
        self, ratings: Ratings, layer: str | None = None, label: str | None = None
    ) -> Measures:
        """The measures on ``ratings``, span F1 counting the spans of ``layer`` (default: all)
        and ``label`` (default: all)."""

        def counted(key: tuple[int, int, str, str]) -> bool:
            return (layer is None or key[2] == layer) and (label is None or key[3] == label)

        pairs = []
        for i, j in self.pairs:
            exact = total(t for key, t in self.exact.items() if key[:2] == (i, j) and counted(key))
            overlap = total(
                t for key, t in self.overlap.items() if key[:2] == (i, j) and counted(key)
            )
            pairs.append(
                PairAgreement(
                    self.names[i],
                    self.names[j],
                    self.pair_docs[(i, j)],
                    exact.f1,
                    overlap.f1,
                    cohen_kappa(ratings.pair(i, j)),
                )
            )
        return Measures(pairs, fleiss_kappa(ratings), krippendorff_alpha(ratings))
