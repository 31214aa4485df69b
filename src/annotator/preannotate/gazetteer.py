"""Gazetteer pre-annotation: term lists matched on the document's tokens.

Files: CSV/TSV with columns ``term,label[,case]`` (a header row is optional; ``case`` set to
true/yes/1 makes the term case-sensitive), or TOML with one table per label::

    [GPE]
    terms = ["Jakarta", "Rotterdam"]
    case = false          # optional, default false: match any case

Terms match whole tokens (spaCy ``PhraseMatcher`` over ``spacy.blank(doc.lang)``), so
"Jakarta" matches in "Jakarta's" but not inside "Jakartanya".
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.schema import Schema
from annotator.preannotate.base import Candidate, read_table_file

_TRUE = {"true", "yes", "1", "case", "sensitive", "y"}
_FALSE = {"", "false", "no", "0", "n", "insensitive"}


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    label: str
    case_sensitive: bool = False


def _flag(value: str, where: str) -> bool:
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError(f"{where}: case must be true or false, not {value!r}")


def read_terms(path: Path) -> list[Term]:
    """The terms of a CSV, TSV or TOML gazetteer file."""
    if path.suffix.lower() == ".toml":
        return _toml_terms(path, read_table_file(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError(f"{path}: cannot read: {exc.strerror}") from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in first else ","
    terms: list[Term] = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and row[0].strip().lower() == "term":
            continue
        where = f"{path}: line {number}"
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ValidationError(f"{where}: expected term,label[,case], got {row!r}")
        case = _flag(row[2], where) if len(row) > 2 else False
        terms.append(Term(row[0].strip(), row[1].strip(), case))
    return terms


def _toml_terms(path: Path, data: dict[str, Any]) -> list[Term]:
    terms: list[Term] = []
    for label, table in data.items():
        if not isinstance(table, dict) or not isinstance(table.get("terms"), list):
            raise ValidationError(f'{path}: [{label}] needs terms = ["...", ...]')
        case = table.get("case", False)
        if not isinstance(case, bool):
            raise ValidationError(f"{path}: [{label}] case must be true or false")
        terms += [Term(str(t).strip(), label, case) for t in table["terms"] if str(t).strip()]
    return terms


class Gazetteer:
    """A Suggester over a term list; matchers are built once per document language."""

    def __init__(self, terms: list[Term], schema: Schema, source: str) -> None:
        unknown = sorted({t.label for t in terms if not schema.has_label(t.label)})
        if unknown:
            known = ", ".join(label.name for label in schema.labels)
            raise ValidationError(
                f"{source}: unknown label(s) {', '.join(unknown)}; known labels: {known}"
            )
        if not terms:
            raise ValidationError(f"{source}: the gazetteer holds no terms")
        self.terms = terms
        self.source = source
        self.skipped_labels: Counter[str] = Counter()
        self._matchers: dict[str, tuple[Any, Any, Any]] = {}

    @classmethod
    def from_file(cls, path: Path, schema: Schema) -> Gazetteer:
        return cls(read_terms(path), schema, f"gazetteer:{path.name}")

    def _matcher(self, lang: str) -> tuple[Any, Any, Any]:
        if lang not in self._matchers:
            from spacy.matcher import PhraseMatcher

            from annotator.formats.tokens import nlp_for

            nlp = nlp_for(lang)
            exact = PhraseMatcher(nlp.vocab, attr="ORTH")
            folded = PhraseMatcher(nlp.vocab, attr="LOWER")
            for matcher, sensitive in ((exact, True), (folded, False)):
                by_label: dict[str, list[str]] = {}
                for term in self.terms:
                    if term.case_sensitive == sensitive:
                        by_label.setdefault(term.label, []).append(term.text)
                for label, texts in by_label.items():
                    matcher.add(label, [nlp.make_doc(text) for text in texts])
            self._matchers[lang] = (nlp, exact, folded)
        return self._matchers[lang]

    def suggest(self, doc: Document) -> list[Candidate]:
        nlp, exact, folded = self._matcher(doc.lang)
        tokens = nlp.make_doc(doc.text)
        found: dict[tuple[int, int, str], Candidate] = {}
        for matcher in (exact, folded):
            for span in matcher(tokens, as_spans=True):
                key = (span.start_char, span.end_char, span.label_)
                found.setdefault(key, Candidate(span.label_, span.start_char, span.end_char, 1.0))
        return sorted(found.values(), key=lambda c: (c.start, -c.end, c.label))
