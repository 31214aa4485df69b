"""One tag per token (CoNLL, Hugging Face ``ner_tags``): the overlap policy and the tag schemes.

Overlap policy, stated once for every one-tag-per-token format: spans are taken longest
first (in tokens), ties by the earliest start; a span sharing a token with one already taken
is left out and listed in the report as a Problem naming the span that was kept.

Tags come from spaCy's ``offsets_to_biluo_tags`` and are converted: IOB2 with
``biluo_to_iob``, BIOES by renaming ``L-``/``U-`` to ``E-``/``S-``. Whitespace tokens (spaCy
keeps ``\\n`` and double spaces as tokens) are not written: a token-per-line format cannot
hold them, and no model should learn them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.training import biluo_to_iob, offsets_to_biluo_tags

from annotator.core.model import Span
from annotator.formats.export_api import Problem

SCHEMES = ("iob2", "bioes")


def one_per_token(
    pairs: Sequence[tuple[Span, SpacySpan]],
) -> tuple[list[tuple[Span, SpacySpan]], list[Problem]]:
    """Apply the overlap policy; returns the kept pairs in text order and the left-out ones."""
    order = sorted(pairs, key=lambda p: (-len(_trim(p[1])), p[1].start, p[0].id))
    taken: dict[int, Span] = {}
    kept: list[tuple[Span, SpacySpan]] = []
    problems: list[Problem] = []
    for span, placed in order:
        tokens = _trim(placed)
        if len(tokens) == 0:
            problems.append(_problem(span, "covers only whitespace tokens"))
            continue
        clash = next((taken[i] for i in range(tokens.start, tokens.end) if i in taken), None)
        if clash is not None:
            problems.append(
                _problem(
                    span,
                    f"overlaps {clash.label} {clash.start}..{clash.end} {clash.text[:40]!r}, "
                    "kept instead (one tag per token: longest first, then earliest)",
                )
            )
            continue
        for i in range(tokens.start, tokens.end):
            taken[i] = span
        kept.append((span, tokens))
    kept.sort(key=lambda p: p[1].start)
    return kept, problems


def token_tags(
    doc: Doc, kept: Sequence[tuple[Span, SpacySpan]], scheme: str
) -> tuple[list[str], list[str], list[int], list[Problem]]:
    """Tokens, tags and token start offsets (whitespace tokens left out), and a Problem for
    any span spaCy could not tag (never expected after ``align_spans``; checked anyway)."""
    entities = [(placed.start_char, placed.end_char, placed.label_) for _, placed in kept]
    biluo = offsets_to_biluo_tags(doc, entities, missing="O")
    problems: list[Problem] = []
    for span, placed in kept:
        if any(biluo[i] == "-" for i in range(placed.start, placed.end)):
            problems.append(_problem(span, "spaCy could not tag its tokens"))
    biluo = ["O" if tag == "-" else tag for tag in biluo]
    tags = convert_biluo(biluo, scheme)
    words: list[str] = []
    out_tags: list[str] = []
    starts: list[int] = []
    for token, tag in zip(doc, tags, strict=True):
        if token.is_space:
            continue
        words.append(token.text)
        out_tags.append(tag)
        starts.append(token.idx)
    return words, out_tags, starts, problems


def convert_biluo(tags: Sequence[str], scheme: str) -> list[str]:
    if scheme == "iob2":
        return biluo_to_iob(tags)
    if scheme == "bioes":
        return [_BIOES.get(tag[:2], tag[:2]) + tag[2:] if tag != "O" else tag for tag in tags]
    raise ValueError(f"unknown tag scheme {scheme!r}; use one of {', '.join(SCHEMES)}")


def tag_names(labels: Sequence[str], scheme: str) -> list[str]:
    """Every tag of ``labels`` in ``scheme``, ``O`` first: the ClassLabel names."""
    prefixes = ("B", "I") if scheme == "iob2" else ("B", "I", "E", "S")
    return ["O"] + [f"{p}-{label}" for label in labels for p in prefixes]


_BIOES = {"B-": "B-", "I-": "I-", "L-": "E-", "U-": "S-"}


def _trim(placed: SpacySpan) -> SpacySpan:
    """The span without leading/trailing whitespace tokens (those are not written)."""
    start, end = placed.start, placed.end
    doc = placed.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if (start, end) == (placed.start, placed.end):
        return placed
    return SpacySpan(doc, start, end, label=placed.label, span_id=placed.id)


def _problem(span: Span, reason: str) -> Problem:
    return Problem(span.doc_id, span.start, span.end, span.text, span.label, reason)
