"""CoNLL-2003 style export: ``train.conll``, ``dev.conll``, ``test.conll``, one token a line.

Each line is ``token -X- _ TAG`` (the POS and chunk columns are placeholders), sentences end
with a blank line, and every document starts with the exact line ``-DOCSTART- -X- O O`` and a
blank line, which is what ``spacy convert`` splits documents on. Tags are IOB2 by default or
BIOES (``--scheme bioes``). One layer per export (``--layer``, default ``entity``).

Tokens and sentences are the document's own when it was imported from CoNLL (kept in the
store), else spaCy's tokenizer and ``sentencizer``, plus a break at every line break in the text;
a break that would fall inside a written span is not made (a note counts them), so no
entity is ever cut in two. Overlaps follow ``formats.tagging``'s policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from spacy.tokens import Doc

from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.ml_export import (
    NotHeld,
    iter_items,
    spans_note,
    split_file_names,
)
from annotator.formats.output import staged_output
from annotator.formats.tagging import one_per_token, token_tags
from annotator.formats.tokens import align_spans, sentence_starts, snapped, token_doc
from annotator.store.repository import Repository

DOCSTART = "-DOCSTART- -X- O O"


def export_conll(
    repo: Repository, out: Path, options: ExportOptions, progress: Progress, cancel: CancelCheck
) -> ExportReport:
    """Write the per-split CoNLL files into the folder ``out``."""
    layer = options.layer or "entity"
    report = ExportReport("conll", str(out))
    names = split_file_names("conll")
    spans_per_split = dict.fromkeys(names, 0)
    moved = kept_breaks = 0
    not_held = NotHeld()
    with staged_output(out, folder=True, overwrite=options.overwrite) as tmp:
        handles = {
            split: (tmp / name).open("w", encoding="utf-8", newline="\n")
            for split, name in names.items()
        }
        try:
            for item in iter_items(repo, options, report, progress, cancel, layer=layer):
                doc = token_doc(item.document, item.tokens, sentences=True)
                pairs, problems = align_spans(doc, item.spans, options.alignment)
                moved += snapped(pairs)
                kept, left_out = one_per_token(pairs)
                words, tags, starts, tag_problems = token_tags(doc, kept, options.scheme)
                report.problems += problems + left_out + tag_problems
                written = len(kept) - len(tag_problems)
                report.spans += written
                spans_per_split[item.split] += written
                not_held.add(item, relations=True)
                kept_breaks += _write_document(handles[item.split], doc, words, tags, starts)
        finally:
            for handle in handles.values():
                handle.close()
    report.notes.append(f"layer {layer!r}, tags {options.scheme.upper()}")
    report.notes.append(spans_note(spans_per_split))
    if moved:
        report.notes.append(f"{moved} span(s) snapped to token boundaries ({options.alignment})")
    if kept_breaks:
        report.notes.append(f"{kept_breaks} sentence break(s) not made because a span crosses them")
    unwritten = not_held.note("CoNLL")
    if unwritten:
        report.notes.append(unwritten)
    return report


def _write_document(
    handle: TextIO, doc: Doc, words: list[str], tags: list[str], starts: list[int]
) -> int:
    """Write one document; returns how many sentence breaks were skipped inside spans."""
    breaks = sentence_starts(doc)
    handle.write(DOCSTART + "\n\n")
    skipped = 0
    lines: list[str] = []
    for word, tag, start in zip(words, tags, starts, strict=True):
        if lines and start in breaks:
            if tag[0] in "IE":
                skipped += 1
            else:
                handle.write("\n".join(lines) + "\n\n")
                lines = []
        lines.append(f"{word} -X- _ {tag}")
    if lines:
        handle.write("\n".join(lines) + "\n\n")
    return skipped
