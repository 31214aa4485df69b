"""Hugging Face export: a ``DatasetDict`` (train / validation / test) saved with
``save_to_disk(out)``, and with ``--parquet`` also ``out/parquet/<split>.parquet``.

Columns: ``id``, ``text``, ``tokens``, ``ner_tags`` (``ClassLabel`` with the tag names kept:
``O`` then ``B-``/``I-`` per label of the tagged layer in schema order; BIOES adds ``E-``/
``S-``), ``spans`` (every span of every layer, character offsets in code points,
end-exclusive: ``{id, layer, label, start, end, text}``) and ``relations``
(``{id, label, head, tail}`` with span ids). ``to_json`` would lose the ClassLabel names;
``save_to_disk`` and parquet keep them.

``ner_tags`` follow ``formats.tagging`` (whitespace tokens left out, overlaps by the stated
policy): the report's problems are about ``ner_tags`` only, the ``spans`` column holds all.
``datasets`` is an optional dependency (extra ``hf``), imported only here and only when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.ml_export import iter_items, spans_note
from annotator.formats.optional import DATASETS_MISSING
from annotator.formats.output import check_target, staged_output
from annotator.formats.records import relation_fields, span_fields
from annotator.formats.tagging import one_per_token, tag_names, token_tags
from annotator.formats.tokens import align_spans, nlp_for, snapped
from annotator.store.repository import Repository

HF_SPLITS = {"train": "train", "dev": "validation", "test": "test"}
COLUMNS = ("id", "text", "tokens", "ner_tags", "spans", "relations")


def export_hf(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """Write the DatasetDict (and parquet files) into the folder ``out``."""
    datasets = _datasets()
    check_target(out, folder=True, overwrite=options.overwrite)
    layer = options.layer or "entity"
    names = tag_names([label.name for label in repo.schema().labels_of(layer)], options.scheme)
    index = {name: i for i, name in enumerate(names)}
    report = ExportReport("hf", str(out))
    columns: dict[str, dict[str, list[Any]]] = {
        split: {name: [] for name in COLUMNS} for split in HF_SPLITS
    }
    tagged = dict.fromkeys(HF_SPLITS, 0)
    moved = 0
    for item in iter_items(repo, options, report, progress, cancel, layer=None):
        doc = nlp_for(item.document.lang).make_doc(item.document.text)
        pairs, problems = align_spans(
            doc, [s for s in item.spans if s.layer == layer], options.alignment
        )
        moved += snapped(pairs)
        kept, left_out = one_per_token(pairs)
        words, tags, _, tag_problems = token_tags(doc, kept, options.scheme)
        report.problems += problems + left_out + tag_problems
        tagged[item.split] += len(kept) - len(tag_problems)
        row = columns[item.split]
        row["id"].append(item.document.id)
        row["text"].append(item.document.text)
        row["tokens"].append(words)
        row["ner_tags"].append([index[tag] for tag in tags])
        row["spans"].append([span_fields(s) for s in item.spans])
        row["relations"].append([relation_fields(r) for r in item.relations])
        report.spans += len(item.spans)
        report.relations += len(item.relations)
    features = _features(datasets, names)
    dataset = datasets.DatasetDict(
        {
            HF_SPLITS[split]: datasets.Dataset.from_dict(data, features=features)
            for split, data in columns.items()
        }
    )
    bars_were_on = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # our own progress reporting is the one the user sees
    try:
        with staged_output(out, folder=True, overwrite=options.overwrite) as tmp:
            # an empty split must still get one (empty) shard, or load_from_disk fails on it
            empty = {name: 1 for name, part in dataset.items() if len(part) == 0}
            dataset.save_to_disk(str(tmp), num_shards=empty or None)
            if options.parquet:
                (tmp / "parquet").mkdir()
                for name, part in dataset.items():
                    part.to_parquet(str(tmp / "parquet" / f"{name}.parquet"))
    finally:
        if bars_were_on:
            datasets.enable_progress_bars()
    report.notes.append(
        f"spans column: every layer; ner_tags: layer {layer!r}, {options.scheme.upper()}, "
        + spans_note(tagged)
    )
    if moved:
        report.notes.append(f"{moved} span(s) snapped to token boundaries ({options.alignment})")
    if options.parquet:
        report.notes.append("parquet: " + ", ".join(f"parquet/{n}.parquet" for n in dataset))
    return report


def _datasets() -> Any:
    try:
        import datasets
    except ImportError:
        raise AnnotatorError(DATASETS_MISSING) from None
    return datasets


def _features(datasets: Any, names: list[str]) -> Any:
    string = datasets.Value("string")
    return datasets.Features(
        {
            "id": string,
            "text": string,
            "tokens": datasets.List(string),
            "ner_tags": datasets.List(datasets.ClassLabel(names=names)),
            "spans": datasets.List(
                {
                    "id": string,
                    "layer": string,
                    "label": string,
                    "start": datasets.Value("int32"),
                    "end": datasets.Value("int32"),
                    "text": string,
                }
            ),
            "relations": datasets.List(
                {"id": string, "label": string, "head": string, "tail": string}
            ),
        }
    )
