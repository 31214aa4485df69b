"""Hugging Face export: a ``DatasetDict`` (train / validation / test) saved with
``save_to_disk(out)``, and with ``--parquet`` also ``out/parquet/<split>.parquet``.

Rows (``--hf-unit``, see ``formats.hf_rows``): one per document (the default), per sentence, or
per chunk of N tokens, so that no row runs past what a model reads. Columns:

- ``id`` (the document id, or ``<document id>#<n>`` for the n-th row of a document, from 1),
  ``doc_id``, ``start`` (where the row's text starts in the document, in code points), ``text``
  (the row's text: the whole document for ``document`` rows);
- ``tokens``, ``token_starts``, ``token_ends`` (offsets into the row's ``text``, end-exclusive,
  so ``text[token_starts[i]:token_ends[i]] == tokens[i]``), ``ner_tags`` (``ClassLabel``);
- ``spans`` (every span of every layer that lies inside the row:
  ``{id, layer, label, start, end, text}``, offsets into the row's ``text``) and ``relations``
  (``{id, label, head, tail}`` with span ids, both spans in the row).

The ``ClassLabel`` names are ``O`` then ``B-``/``I-`` (BIOES adds ``E-``/``S-``) for each label the
export tags, in schema order: a model is not given classes no example has. ``to_json`` would
lose the names; ``save_to_disk`` and parquet keep them.

``ner_tags`` follow ``formats.tagging`` (whitespace tokens left out, overlaps by the stated
policy): the report's problems are about ``ner_tags``; spans crossing a row boundary, and what
no column holds (attributes, notes, document labels and meta), are counted in its notes.
``datasets`` is an optional dependency (extra ``hf``), imported only here and only when used.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.hf_rows import RowCuts, row_bounds
from annotator.formats.ml_export import ExportItem, NotHeld, iter_items, spans_note
from annotator.formats.optional import DATASETS_MISSING
from annotator.formats.output import check_target, staged_output
from annotator.formats.records import relation_fields, span_fields
from annotator.formats.tagging import one_per_token, tag_names, token_tags
from annotator.formats.tokens import align_spans, sentence_starts, snapped, token_doc
from annotator.store.repository import Repository

HF_SPLITS = {"train": "train", "dev": "validation", "test": "test"}
COLUMNS = (
    "id",
    "doc_id",
    "start",
    "text",
    "tokens",
    "token_starts",
    "token_ends",
    "ner_tags",
    "spans",
    "relations",
)


class _Tally:
    """The report's counts that are not per span."""

    def __init__(self) -> None:
        self.moved = self.rows = self.breaks_not_made = self.long_chunks = 0
        self.spans_across = self.relations_across = 0
        self.not_held = NotHeld()


def export_hf(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """Write the DatasetDict (and parquet files) into the folder ``out``."""
    datasets = _datasets()
    check_target(out, folder=True, overwrite=options.overwrite)
    layer = options.layer or "entity"
    report = ExportReport("hf", str(out))
    columns: dict[str, dict[str, list[Any]]] = {
        split: {name: [] for name in COLUMNS} for split in HF_SPLITS
    }
    tagged = dict.fromkeys(HF_SPLITS, 0)
    tally = _Tally()
    for item in iter_items(repo, options, report, progress, cancel, layer=None):
        tagged[item.split] += _add_rows(item, layer, options, report, columns[item.split], tally)
    used = {tag[2:] for data in columns.values() for tags in data["ner_tags"] for tag in tags} - {
        ""
    }
    labels = [label.name for label in repo.schema().labels_of(layer) if label.name in used]
    names = tag_names(labels, options.scheme)
    index = {name: i for i, name in enumerate(names)}
    for data in columns.values():
        data["ner_tags"] = [[index[tag] for tag in tags] for tags in data["ner_tags"]]
    features = _features(datasets, names)
    dataset = datasets.DatasetDict(
        {
            HF_SPLITS[split]: datasets.Dataset.from_dict(data, features=features)
            for split, data in columns.items()
        }
    )
    _save(datasets, dataset, out, options)
    _notes(report, options, layer, labels, tagged, tally, list(dataset))
    return report


def _add_rows(
    item: ExportItem,
    layer: str,
    options: ExportOptions,
    report: ExportReport,
    data: dict[str, list[Any]],
    tally: _Tally,
) -> int:
    """Append the document's rows to ``data``; returns how many spans its ner_tags hold."""
    unit = options.hf_unit
    doc = token_doc(item.document, item.tokens, sentences=unit == "sentence")
    pairs, problems = align_spans(
        doc, [s for s in item.spans if s.layer == layer], options.alignment
    )
    tally.moved += snapped(pairs)
    kept, left_out = one_per_token(pairs)
    words, tags, starts, tag_problems = token_tags(doc, kept, options.scheme)
    report.problems += problems + left_out + tag_problems
    tally.not_held.add(item, relations=False)
    cuts = row_bounds(unit, tags, starts, sentence_starts(doc) if unit == "sentence" else set())
    tally.breaks_not_made += cuts.breaks_not_made
    tally.long_chunks += cuts.long_chunks
    text = item.document.text
    ranges = _char_ranges(cuts, words, starts, len(text), whole=unit == "document")
    spans_by_row = _spans_by_row(item, ranges, tally)
    written = 0
    for n, ((first, end), (char_start, char_end)) in enumerate(
        zip(cuts.bounds, ranges, strict=True), start=1
    ):
        row_spans = spans_by_row[n - 1]
        ids = {s["id"] for s in row_spans}
        relations = [r for r in item.relations if r.head in ids and r.tail in ids]
        data["id"].append(item.document.id if unit == "document" else f"{item.document.id}#{n}")
        data["doc_id"].append(item.document.id)
        data["start"].append(char_start)
        data["text"].append(text[char_start:char_end])
        data["tokens"].append(words[first:end])
        row_starts = [s - char_start for s in starts[first:end]]
        data["token_starts"].append(row_starts)
        data["token_ends"].append(
            [s + len(w) for s, w in zip(row_starts, words[first:end], strict=True)]
        )
        data["ner_tags"].append(tags[first:end])
        data["spans"].append(row_spans)
        data["relations"].append([relation_fields(r) for r in relations])
        report.spans += len(row_spans)
        written += len(relations)
        tally.rows += 1
    report.relations += written
    tally.relations_across += len(item.relations) - written
    return len(kept) - len(tag_problems)


def _char_ranges(
    cuts: RowCuts, words: list[str], starts: list[int], length: int, *, whole: bool
) -> list[tuple[int, int]]:
    """Each row's stretch of the document: from its first token to the end of its last (the
    whole text for a ``document`` row)."""
    if whole:
        return [(0, length)]
    return [
        (starts[first], starts[end - 1] + len(words[end - 1])) if end > first else (0, 0)
        for first, end in cuts.bounds
    ]


def _spans_by_row(
    item: ExportItem, ranges: list[tuple[int, int]], tally: _Tally
) -> list[list[dict[str, Any]]]:
    """The spans of each row, offsets made relative to the row; a span that runs past its
    row's end is in no row and counted."""
    rows: list[list[dict[str, Any]]] = [[] for _ in ranges]
    row_starts = [start for start, _ in ranges]
    for span in item.spans:
        i = bisect_right(row_starts, span.start) - 1
        if i < 0 or span.end > ranges[i][1]:
            tally.spans_across += 1
            continue
        fields = span_fields(span)
        fields["start"] -= ranges[i][0]
        fields["end"] -= ranges[i][0]
        rows[i].append(fields)
    return rows


def _save(datasets: Any, dataset: Any, out: Path, options: ExportOptions) -> None:
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


def _notes(
    report: ExportReport,
    options: ExportOptions,
    layer: str,
    labels: list[str],
    tagged: dict[str, int],
    tally: _Tally,
    split_names: list[str],
) -> None:
    notes = report.notes
    notes.append(
        f"spans column: every layer; ner_tags: layer {layer!r}, {options.scheme.upper()}, "
        + spans_note(tagged)
    )
    notes.append(
        f"ner_tags names: O and the {len(labels)} label(s) this export tags, in schema order"
        + (f" ({', '.join(labels)})" if labels else "")
    )
    notes.append(f"rows: one per {options.hf_unit}, {tally.rows} in all")
    if tally.breaks_not_made:
        notes.append(
            f"{tally.breaks_not_made} sentence break(s) not made because a span crosses them"
        )
    if tally.long_chunks:
        notes.append(
            f"{tally.long_chunks} row(s) longer than {options.hf_unit.partition(':')[2]} tokens: "
            "a span was longer than that and is kept whole"
        )
    if tally.spans_across or tally.relations_across:
        notes.append(
            f"{tally.spans_across} span(s) and {tally.relations_across} relation(s) cross a row "
            "boundary: in no row's spans/relations column"
        )
    if tally.moved:
        notes.append(f"{tally.moved} span(s) snapped to token boundaries ({options.alignment})")
    unwritten = tally.not_held.note("Hugging Face")
    if unwritten:
        notes.append(unwritten)
    if options.parquet:
        notes.append("parquet: " + ", ".join(f"parquet/{n}.parquet" for n in split_names))


def _datasets() -> Any:
    try:
        import datasets
    except ImportError:
        raise AnnotatorError(DATASETS_MISSING) from None
    return datasets


def _features(datasets: Any, names: list[str]) -> Any:
    string = datasets.Value("string")
    offsets = datasets.List(datasets.Value("int32"))
    return datasets.Features(
        {
            "id": string,
            "doc_id": string,
            "start": datasets.Value("int32"),
            "text": string,
            "tokens": datasets.List(string),
            "token_starts": offsets,
            "token_ends": offsets,
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
