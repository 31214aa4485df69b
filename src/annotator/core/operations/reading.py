"""What edit builders may read from a project; ``store.Repository`` provides it."""

from __future__ import annotations

from typing import Protocol

from annotator.core.model import Relation, Span
from annotator.core.schema import Schema


class ProjectReader(Protocol):
    def schema(self) -> Schema: ...
    def span(self, span_id: str) -> Span | None: ...
    def spans(self, doc_id: str) -> list[Span]: ...
    def relations_of_span(self, span_id: str) -> list[Relation]: ...
