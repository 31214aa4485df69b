"""CoNLL import: token-per-line files (IOB1, IOB2, BIOES or BILUO tags) to documents.

The first column is the token, the last the tag; ``-DOCSTART-`` lines separate documents
(ids ``<file stem>-<n>``, from 1), blank lines separate sentences. CoNLL keeps no text, so
the text is rebuilt: tokens joined by one space, sentences by a line break, and the offsets
are counted while rebuilding. The file's tokens and sentences are kept with the document
(``core.tokenisation``) so token-based exports write them back unchanged. Tags are decoded
by spaCy (``iob_to_biluo``, ``tags_to_entities``); a sequence that is not valid BILUO after
that is refused, naming the file and line. A label's layer is taken from the bundled schema
(``entity`` when it is not there); the importer then checks it against the project's schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.assets import default_schema
from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Span, new_id, now_iso
from annotator.core.text import decode_bytes
from annotator.core.tokenisation import from_pairs
from annotator.formats.interchange import ReadOptions
from annotator.formats.records import DocumentRecord, FormatError

_BIOES_TO_BILUO = {"E-": "L-", "S-": "U-"}


@dataclass
class _Token:
    text: str
    tag: str
    line: int


@dataclass
class _Doc:
    line: int
    sentences: list[list[_Token]] = field(default_factory=list)


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord | FormatError]:
    """The registry's reader: ``read_conll`` with the import's language."""
    return read_conll(path, options.lang)


def read_conll(path: Path, lang: str | None = None) -> Iterator[DocumentRecord | FormatError]:
    """Records of a CoNLL file; a bad document yields its FormatError, the others import."""
    try:
        content = decode_bytes(path.read_bytes(), str(path)).text
    except AnnotatorError as exc:
        yield FormatError(str(exc))
        return
    n = 0
    for raw in _split_documents(content, path):
        if isinstance(raw, FormatError):
            yield raw
            continue
        if not raw.sentences:
            continue
        n += 1
        try:
            yield _record(raw, f"{path.stem}-{n}", lang or "en", path)
        except FormatError as exc:
            yield exc


def _split_documents(content: str, path: Path) -> Iterator[_Doc | FormatError]:
    doc = _Doc(line=1)
    sentence: list[_Token] = []
    started = False
    for number, line in enumerate(content.split("\n"), start=1):
        columns = line.split()
        if not columns:
            if sentence:
                doc.sentences.append(sentence)
                sentence = []
            continue
        if columns[0] == "-DOCSTART-":
            if sentence:
                doc.sentences.append(sentence)
                sentence = []
            if started or doc.sentences:
                yield doc
            doc = _Doc(line=number)
            started = True
            continue
        if len(columns) < 2:
            yield FormatError(f"{path}:{number}: expected a token and a tag, got {line.strip()!r}")
            return
        sentence.append(_Token(columns[0], columns[-1], number))
    if sentence:
        doc.sentences.append(sentence)
    yield doc


def _record(raw: _Doc, doc_id: str, lang: str, path: Path) -> DocumentRecord:
    parts: list[str] = []
    entities: list[tuple[str, int, int]] = []
    offsets: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    pos = 0
    for s, sentence in enumerate(raw.sentences):
        if s:
            parts.append("\n")
            pos += 1
        sentence_starts.append(len(offsets))
        starts: list[int] = []
        for t, token in enumerate(sentence):
            if t:
                parts.append(" ")
                pos += 1
            starts.append(pos)
            offsets.append((pos, pos + len(token.text)))
            parts.append(token.text)
            pos += len(token.text)
        for label, first, last in _entities(sentence, path):
            entities.append((label, starts[first], starts[last] + len(sentence[last].text)))
    text = "".join(parts)
    document = Document(id=doc_id, text=text, lang=lang)
    schema = default_schema()
    created = now_iso()
    spans = tuple(
        Span(
            id=new_id("s"),
            doc_id=doc_id,
            layer=schema.label(label).layer if schema.has_label(label) else "entity",
            label=label,
            start=start,
            end=end,
            text=text[start:end],
            created_at=created,
        )
        for label, start, end in entities
    )
    tokens = from_pairs(offsets, sentence_starts)
    return DocumentRecord(document, spans, (), f"{path}:{raw.line}", tokens)


def _entities(sentence: list[_Token], path: Path) -> list[tuple[str, int, int]]:
    """(label, first token, last token) of each entity of a sentence, BILUO-checked."""
    from spacy.training.iob_utils import iob_to_biluo, tags_to_entities  # spaCy loads slowly

    tags = [token.tag for token in sentence]
    for token in sentence:
        if token.tag != "O" and (len(token.tag) < 3 or token.tag[:2] not in _PREFIXES):
            raise FormatError(
                f"{path}:{token.line}: tag {token.tag!r} is not O or B-/I-/E-/S-/L-/U- plus a label"
            )
    if any(tag[:2] in ("E-", "S-", "L-", "U-") for tag in tags):
        biluo = [
            _BIOES_TO_BILUO.get(tag[:2], tag[:2]) + tag[2:] if tag != "O" else tag for tag in tags
        ]
    else:
        biluo = iob_to_biluo(tags)
    bad = _first_invalid(biluo)
    if bad is not None:
        raise FormatError(
            f"{path}:{sentence[bad].line}: tag {sentence[bad].tag!r} does not continue an entity "
            "(the tags are not valid IOB1, IOB2 or BIOES here)"
        )
    return tags_to_entities(biluo)


_PREFIXES = {"B-", "I-", "E-", "S-", "L-", "U-"}


def _first_invalid(biluo: list[str]) -> int | None:
    """Index of the first tag that breaks BILUO (B I* L, or U), None when all is well."""
    open_label: str | None = None
    for i, tag in enumerate(biluo):
        prefix, label = tag[:1], tag[2:]
        if prefix in ("I", "L"):
            if open_label != label:
                return i
            if prefix == "L":
                open_label = None
        elif open_label is not None:
            return i
        elif prefix == "B":
            open_label = label
    return len(biluo) - 1 if open_label is not None else None
