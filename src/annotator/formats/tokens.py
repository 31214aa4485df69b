"""Character spans onto spaCy tokens: the one place exports turn offsets into tokens.

Public API (small on purpose; other exporters import it):

- ``token_doc(document, kept, sentences=False)``: the spaCy ``Doc`` every token format
  writes: the document's kept tokens (``core.tokenisation``, from a CoNLL import) when it has
  them, else spaCy's tokenizer, run in pieces on a text longer than ``nlp.max_length``.
  With ``sentences``, sentence starts are set: the kept ones, or spaCy's ``sentencizer``.
- ``nlp_for(lang)``: a cached blank spaCy pipeline for a language code,
  ``xx`` (multi-language) when spaCy has no tokenizer for the code;
  ``fallback_note(lang)`` says so in words for the report.
- ``align_spans(doc, spans, alignment)``: our spans as spaCy ``Span`` objects, and a
  ``Problem`` for every span that could not be placed on tokens. Nothing is dropped silently.
- ``snapped(pairs)``: how many of the aligned spans moved (expand/contract), for a report note.

Offsets are code points on both sides (spaCy's ``Doc.text`` is the Python string), so an
emoji or a combining accent never shifts anything here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from annotator.core.model import Document, Span
from annotator.core.tokenisation import Tokenisation
from annotator.formats.export_api import Alignment, Problem

FALLBACK_LANG = "xx"


PIECE = 100_000
"""Characters per piece when a text is longer than spaCy's ``max_length`` (1,000,000)."""


@cache
def nlp_for(lang: str) -> Language:
    """A blank pipeline for ``lang``: its tokenizer and vocab, no components.

    Blank pipelines need no download. Unknown codes fall back to ``xx``; see ``fallback_note``.
    One pipeline per language: building one costs about a third of a second.
    """
    try:
        return spacy.blank(lang or FALLBACK_LANG)
    except (ImportError, KeyError, ValueError):  # spaCy's ways of saying "no such language"
        return spacy.blank(FALLBACK_LANG)


@cache
def _sentencizer() -> Sentencizer:
    return Sentencizer()


def token_doc(document: Document, kept: Tokenisation | None, sentences: bool = False) -> Doc:
    """The document as spaCy tokens: ``kept`` when given, else spaCy's tokenizer.

    ``doc.text`` is always the document's text, so character offsets carry over unchanged.
    """
    vocab = nlp_for(document.lang).vocab
    if kept is not None:
        return _kept_doc(vocab, document.text, kept, sentences)
    doc = _tokenise(nlp_for(document.lang), document.text)
    return _sentencizer()(doc) if sentences else doc


def sentence_starts(doc: Doc) -> set[int]:
    """Character offsets where a sentence starts: the Doc's sentences' and after line breaks."""
    starts = {sent.start_char for sent in doc.sents}
    starts |= {
        token.idx + len(token.text) for token in doc if token.is_space and "\n" in token.text
    }
    return starts


def _tokenise(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in pieces cut after whitespace when the text is too long for
    spaCy in one go (its error E088); the pieces' tokens make one Doc of the whole text."""
    if len(text) <= nlp.max_length:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    start = 0
    while start < len(text):
        end = _piece_end(text, start)
        for token in nlp.make_doc(text[start:end]):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
        start = end
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert doc.text == text
    return doc


def _piece_end(text: str, start: int) -> int:
    """Where the piece from ``start`` ends: after the last line break (else the last space)
    within ``PIECE`` characters, or at ``PIECE`` when the stretch holds neither."""
    limit = start + PIECE
    if limit >= len(text):
        return len(text)
    for sep in ("\n", " "):
        cut = text.rfind(sep, start, limit)
        if cut > start:
            return cut + 1
    return limit


def _kept_doc(vocab: Vocab, text: str, kept: Tokenisation, sentences: bool) -> Doc:
    """A Doc of the kept tokens; whitespace other than one space after a token becomes a
    whitespace token of its own, as spaCy's tokenizer would make it."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    sentence_starts = set(kept.sentence_starts)
    position = 0

    def whitespace(gap: str) -> None:
        if not gap:
            return
        if words and not spaces[-1] and gap[0] == " " and not words[-1].isspace():
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            starts.append(False)

    for n, (start, end) in enumerate(zip(kept.starts, kept.ends, strict=True)):
        whitespace(text[position:start])
        words.append(text[start:end])
        spaces.append(False)
        starts.append(n in sentence_starts or not starts)
        position = end
    whitespace(text[position:])
    if starts:
        starts[0] = True
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts if sentences else None)


def fallback_note(lang: str) -> str | None:
    """A report note when ``lang`` had no spaCy tokenizer of its own, else None."""
    used = nlp_for(lang).lang
    if used == lang:
        return None
    return f"spaCy has no tokenizer for language {lang!r}; used the multi-language one ({used!r})"


def align_spans(
    doc: Doc, spans: Iterable[Span], alignment: Alignment
) -> tuple[list[tuple[Span, SpacySpan]], list[Problem]]:
    """Place each span on ``doc``'s tokens with ``Doc.char_span(alignment_mode=...)``.

    ``strict``: a span whose start or end falls inside a token is a Problem, not a span.
    ``expand`` grows it to the tokens it touches; ``contract`` shrinks it to the tokens it
    covers whole, and a span covering no whole token is a Problem. The spaCy span carries the
    label and our span id (``Span.id_``).
    """
    pairs: list[tuple[Span, SpacySpan]] = []
    problems: list[Problem] = []
    for span in spans:
        placed = doc.char_span(
            span.start, span.end, label=span.label, alignment_mode=alignment, span_id=span.id
        )
        if placed is None or len(placed) == 0:
            problems.append(_misaligned(doc, span, alignment))
            continue
        pairs.append((span, placed))
    return pairs, problems


def snapped(pairs: Iterable[tuple[Span, SpacySpan]]) -> int:
    """How many aligned spans do not cover exactly their annotated characters."""
    return sum(
        1
        for span, placed in pairs
        if (placed.start_char, placed.end_char) != (span.start, span.end)
    )


def _misaligned(doc: Doc, span: Span, alignment: Alignment) -> Problem:
    covering = doc.char_span(span.start, span.end, alignment_mode="expand")
    tokens = f" (tokens {covering.text!r})" if covering is not None and len(covering) else ""
    if alignment == "contract":
        reason = f"covers no whole token{tokens}; use --alignment expand to keep it"
    else:
        reason = (
            f"starts or ends inside a token{tokens}; use --alignment expand or contract to snap it"
        )
    return Problem(span.doc_id, span.start, span.end, span.text, span.label, reason)
