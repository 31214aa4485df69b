"""spaCy export: ``train.spacy``, ``dev.spacy``, ``test.spacy`` (DocBin) and ``config.cfg``.

Each document is tokenised with ``spacy.blank(<document lang>)``, or keeps its own tokens
when it was imported from CoNLL. Every exported layer is a
span group ``doc.spans["<layer>"]`` (overlaps kept; each span's ``id_`` is our span id). The
``entity`` layer is also ``doc.ents`` when its spans do not overlap; when they do, the
document's ents are left unset (missing, not "O") and the report names it. Entity spans that
could not be aligned (strict) are marked *missing* in ``doc.ents`` so a model is not taught
that they are outside any entity.

What token formats cannot hold goes to ``doc.user_data["annotator"]`` (DocBin keeps it)::

    {"doc_id": str, "title": str, "lang": str, "status": str,
     "spans": [{"id", "layer", "label", "start", "end", "text", "exported"}],  # our offsets
     "attrs": {span_id: {name: value}},         # only spans that have attributes
     "relations": [{"id", "label", "head", "tail"}]}  # head/tail are span ids

``exported`` is False for a span that is in no span group (see the report's problems).
Read it back with ``DocBin().from_disk(path).get_docs(vocab)`` and ``doc.user_data``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as SpacySpan
from srsly.msgpack import Packer
from thinc.api import Config

from annotator.core.model import Span
from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.ml_export import ExportItem, iter_items, spans_note
from annotator.formats.msgpack_registries import entry_points_read_once
from annotator.formats.output import check_target, staged_output
from annotator.formats.records import relation_fields, span_fields
from annotator.formats.spacy_config import ENTITY_LAYER, LayerStats, build_config
from annotator.formats.tokens import align_spans, nlp_for, snapped, token_doc
from annotator.store.repository import Repository

USER_DATA_KEY = "annotator"


@dataclass
class SpacyCorpus:
    """The DocBins of each split, their packed ``user_data``, and the training config."""

    report: ExportReport
    bins: dict[str, DocBin]
    user_data: dict[str, list[bytes]]
    config: Config

    def write(self, folder: Path) -> None:
        """``train.spacy``, ``dev.spacy``, ``test.spacy`` and ``config.cfg`` into ``folder``."""
        with entry_points_read_once():
            for split, docbin in self.bins.items():
                docbin.store_user_data = True
                docbin.user_data = list(self.user_data[split])
                docbin.to_disk(folder / f"{split}.spacy")
            self.config.to_disk(folder / "config.cfg")


def export_spacy(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """Write DocBins per split and a training config into the folder ``out``."""
    check_target(out, folder=True, overwrite=options.overwrite)
    layers = [options.layer] if options.layer else [layer.name for layer in repo.schema().layers]
    corpus = spacy_corpus(repo, options, layers, progress, cancel)
    with staged_output(out, folder=True, overwrite=options.overwrite) as tmp:
        corpus.write(tmp)
    corpus.report.out = str(out)
    return corpus.report


def spacy_corpus(
    repo: Repository,
    options: ExportOptions,
    layers: list[str],
    progress: Progress,
    cancel: CancelCheck,
) -> SpacyCorpus:
    """The selected documents as spaCy Docs with the spans of ``layers``, split as
    ``options`` says, and a config that trains on them."""
    report = ExportReport("spacy", "")
    # srsly.msgpack_dumps builds a new Packer per call and each Packer re-reads the installed
    # packages' entry points (see ``entry_points_read_once``). DocBin.add calls it 5 times per
    # document (user_data, the span groups, each group). One Packer packs every user_data here
    # (the same bytes); span groups still go through add.
    bins = {split: DocBin(store_user_data=False) for split in ("train", "dev", "test")}
    packer = Packer(use_bin_type=True)
    user_data: dict[str, list[bytes]] = {split: [] for split in bins}
    spans_per_split = dict.fromkeys(bins, 0)
    overlapping: list[str] = []
    stats: dict[str, tuple[set[str], int]] = {}
    langs: Counter[str] = Counter()
    moved = 0
    one_layer = layers[0] if len(layers) == 1 else None
    with entry_points_read_once():
        for item in iter_items(repo, options, report, progress, cancel, layer=one_layer):
            if one_layer is None:
                item = replace(item, spans=[s for s in item.spans if s.layer in layers])
            doc, pairs = _to_doc(item, layers, options, report, overlapping)
            moved += snapped(pairs)
            report.spans += len(pairs)
            report.relations += len(item.relations)
            spans_per_split[item.split] += len(pairs)
            bins[item.split].add(doc)
            user_data[item.split].append(packer.pack(doc.user_data))
            if item.split == "train":
                langs[str(nlp_for(item.document.lang).lang)] += 1
                for span, placed in pairs:
                    labels, longest = stats.setdefault(span.layer, (set(), 0))
                    labels.add(span.label)
                    stats[span.layer] = (labels, max(longest, len(placed)))
    lang = langs.most_common(1)[0][0] if langs else "en"
    ner = ENTITY_LAYER in stats
    span_layers = {
        layer: LayerStats(frozenset(labels), longest)
        for layer, (labels, longest) in stats.items()
        if layer != ENTITY_LAYER
    }
    config = build_config(lang, ner, span_layers)
    _notes(report, options, spans_per_split, overlapping, moved, lang, langs, ner, span_layers)
    return SpacyCorpus(report, bins, user_data, config)


def _to_doc(
    item: ExportItem,
    layers: list[str],
    options: ExportOptions,
    report: ExportReport,
    overlapping: list[str],
) -> tuple[Doc, list[tuple[Span, SpacySpan]]]:
    doc = token_doc(item.document, item.tokens)
    pairs, problems = align_spans(doc, item.spans, options.alignment)
    report.problems += problems
    for layer in layers:
        doc.spans[layer] = [placed for span, placed in pairs if span.layer == layer]
    if ENTITY_LAYER in layers:
        ents = [placed for span, placed in pairs if span.layer == ENTITY_LAYER]
        if _overlap(ents):
            overlapping.append(item.document.id)
        else:
            placed_ids = {span.id for span, _ in pairs}
            unplaced = [
                doc.char_span(s.start, s.end, alignment_mode="expand")
                for s in item.spans
                if s.layer == ENTITY_LAYER and s.id not in placed_ids
            ]
            taken = {i for e in ents for i in range(e.start, e.end)}
            missing: list[SpacySpan] = []
            for s in unplaced:  # two spans inside one token share it: mark it missing once
                if s is not None and len(s) and taken.isdisjoint(range(s.start, s.end)):
                    missing.append(s)
                    taken.update(range(s.start, s.end))
            doc.set_ents(ents, missing=missing, default="outside")
    exported = {span.id for span, _ in pairs}
    doc.user_data[USER_DATA_KEY] = _user_data(item, exported)
    return doc, pairs


def _user_data(item: ExportItem, exported: set[str]) -> dict[str, Any]:
    document = item.document
    return {
        "doc_id": document.id,
        "title": document.title,
        "lang": document.lang,
        "status": document.status,
        "spans": [{**span_fields(s), "exported": s.id in exported} for s in item.spans],
        "attrs": {s.id: dict(s.attrs) for s in item.spans if s.attrs},
        "relations": [relation_fields(r) for r in item.relations],
    }


def _overlap(spans: list[SpacySpan]) -> bool:
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    return any(b.start < a.end for a, b in itertools.pairwise(ordered))


def _notes(
    report: ExportReport,
    options: ExportOptions,
    spans_per_split: dict[str, int],
    overlapping: list[str],
    moved: int,
    lang: str,
    langs: Counter[str],
    ner: bool,
    span_layers: dict[str, LayerStats],
) -> None:
    report.notes.append(spans_note(spans_per_split))
    if moved:
        report.notes.append(f"{moved} span(s) snapped to token boundaries ({options.alignment})")
    if overlapping:
        report.notes.append(
            f"{len(overlapping)} document(s) have overlapping entities: doc.ents left unset "
            f"(the spans are in doc.spans['entity']): {', '.join(overlapping[:20])}"
        )
    parts = (["ner"] if ner else []) + [f"span_finder+spancat on {k!r}" for k in span_layers]
    report.notes.append(
        f"config.cfg: lang {lang!r}, " + (", ".join(parts) or "ner (no spans in train yet)")
    )
    if len(langs) > 1:
        report.notes.append(
            "train documents are in several languages "
            f"({', '.join(sorted(langs))}); config uses {lang!r}, the DocBins keep each "
            "document's own tokenisation"
        )
    if spans_per_split["dev"] == 0 and report.per_split.get("dev", 0) == 0:
        report.notes.append(
            "dev split is empty: spacy train needs dev documents (use --split 0.8,0.1,0.1)"
        )
