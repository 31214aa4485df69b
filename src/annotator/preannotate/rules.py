"""Regex rule pre-annotation: each rule's matches (or one group of them) become suggestions.

Rules file, TOML (or the same structure in JSON, ``{"rules": [...]}``)::

    [[rules]]
    label = "QUANTITY"
    pattern = '\\d[\\d,]* (?:people|visitors|artists)'
    group = 0            # optional: group number or name to keep, default the whole match
    case = true          # optional, default true: case-sensitive
    score = 0.9          # optional, default 1.0
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ValidationError
from annotator.core.model import Document
from annotator.core.schema import Schema
from annotator.preannotate.base import Candidate, read_table_file


@dataclass(frozen=True)
class Rule:
    label: str
    pattern: re.Pattern[str]
    group: int | str = 0
    score: float = 1.0


def read_rules(path: Path, schema: Schema) -> list[Rule]:
    data = read_table_file(path)
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise ValidationError(f"{path}: no rules (expected [[rules]] entries)")
    rules = []
    for number, item in enumerate(items, start=1):
        where = f"{path}: rule {number}"
        if not isinstance(item, dict) or "label" not in item or "pattern" not in item:
            raise ValidationError(f"{where}: needs a label and a pattern")
        label = str(item["label"])
        if not schema.has_label(label):
            known = ", ".join(lb.name for lb in schema.labels)
            raise ValidationError(f"{where}: unknown label {label!r}; known labels: {known}")
        flags = 0 if item.get("case", True) else re.IGNORECASE
        try:
            pattern = re.compile(str(item["pattern"]), flags)
        except re.error as exc:
            raise ValidationError(f"{where}: invalid pattern: {exc}") from None
        group = item.get("group", 0)
        if isinstance(group, int) and not 0 <= group <= pattern.groups:
            raise ValidationError(f"{where}: the pattern has no group {group}")
        if isinstance(group, str) and group not in pattern.groupindex:
            raise ValidationError(f"{where}: the pattern has no group named {group!r}")
        rules.append(Rule(label, pattern, group, float(item.get("score", 1.0))))
    return rules


class RuleSet:
    """A Suggester over regex rules."""

    def __init__(self, rules: list[Rule], source: str) -> None:
        self.rules = rules
        self.source = source
        self.skipped_labels: Counter[str] = Counter()

    @classmethod
    def from_file(cls, path: Path, schema: Schema) -> RuleSet:
        return cls(read_rules(path, schema), f"rules:{path.name}")

    def suggest(self, doc: Document) -> list[Candidate]:
        found: dict[tuple[int, int, str], Candidate] = {}
        for rule in self.rules:
            for match in rule.pattern.finditer(doc.text):
                start, end = match.span(rule.group)
                if start < 0 or start == end:
                    continue
                found.setdefault(
                    (start, end, rule.label), Candidate(rule.label, start, end, rule.score)
                )
        return sorted(found.values(), key=lambda c: (c.start, -c.end, c.label))
