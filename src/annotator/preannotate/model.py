"""spaCy pipeline pre-annotation: a pipeline's entities and span groups as suggestions.

Any installed pipeline (by package name) or one saved on disk (a path) is loaded with
``spacy.load``; nothing is downloaded. Its labels are mapped to project labels by a mapping
file (TOML or JSON, ``{"PERSON" = "PER", "ORG" = "ORG"}``); without one, labels that are
also project labels map to themselves. Unmapped labels are skipped and counted.
"""

from __future__ import annotations

import configparser
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.schema import Schema
from annotator.preannotate.base import Candidate, read_table_file


def read_label_map(path: Path, schema: Schema) -> dict[str, str]:
    data = read_table_file(path)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValidationError(f'{path}: expected a table of MODEL_LABEL = "PROJECT_LABEL"')
    unknown = sorted({v for v in data.values() if not schema.has_label(v)})
    if unknown:
        known = ", ".join(lb.name for lb in schema.labels)
        raise ValidationError(
            f"{path}: maps to unknown label(s) {', '.join(unknown)}; known labels: {known}"
        )
    return {str(k): v for k, v in data.items()}


def load_pipeline(name_or_path: str) -> Any:
    import spacy

    try:
        return spacy.load(name_or_path)
    except OSError as exc:
        raise ValidationError(
            f"cannot load the spaCy pipeline {name_or_path!r}: it is neither an installed "
            f"package nor a pipeline folder (nothing is downloaded). {exc}"
        ) from None
    except (ValueError, KeyError, ImportError, configparser.Error) as exc:
        # The pipeline's config.cfg names a function, factory or package this environment
        # lacks, or does not parse; spaCy's message says which, on its first line.
        reason = next((line for line in str(exc).splitlines() if line.strip()), repr(exc))
        raise ValidationError(
            f"cannot load the spaCy pipeline {name_or_path!r} (its config.cfg): {reason.strip()}"
        ) from None


class ModelSuggester:
    """A Suggester over a spaCy pipeline."""

    def __init__(self, nlp: Any, schema: Schema, label_map: dict[str, str] | None, name: str):
        self.nlp = nlp
        self.label_map = (
            label_map
            if label_map is not None
            else {label.name: label.name for label in schema.labels}
        )
        self.source = f"model:{name}"
        self.skipped_labels: Counter[str] = Counter()

    @classmethod
    def load(
        cls, name_or_path: str, schema: Schema, label_map_path: Path | None = None
    ) -> ModelSuggester:
        label_map = read_label_map(label_map_path, schema) if label_map_path else None
        name = Path(name_or_path).name if Path(name_or_path).exists() else name_or_path
        return cls(load_pipeline(name_or_path), schema, label_map, name)

    def _add(self, found: dict[tuple[int, int, str], Candidate], span: Any, score: Any) -> None:
        label = self.label_map.get(span.label_)
        if label is None:
            self.skipped_labels[span.label_] += 1
            return
        key = (span.start_char, span.end_char, label)
        value = None if score is None else float(score)
        found.setdefault(key, Candidate(label, span.start_char, span.end_char, value))

    def suggest(self, doc: Document) -> list[Candidate]:
        parsed = self.nlp(doc.text)
        found: dict[tuple[int, int, str], Candidate] = {}
        for ent in parsed.ents:
            self._add(found, ent, None)
        for group in parsed.spans.values():
            scores = group.attrs.get("scores")
            for index, span in enumerate(group):
                score = scores[index] if scores is not None and index < len(scores) else None
                self._add(found, span, score)
        return sorted(found.values(), key=lambda c: (c.start, -c.end, c.label))
