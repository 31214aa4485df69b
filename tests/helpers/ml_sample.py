"""Generated news-like documents for the ML export tests, with their gold IOB2 tags.

Each document is built from words the generator knows, so the gold tags do not come from the
code under test: the text joins words with spaces (no space before ``.``/``,``), which spaCy's
English tokenizer splits back into exactly these words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from annotator.core.model import Document, Relation, Span
from annotator.formats.importer import import_records
from annotator.formats.records import DocumentRecord
from annotator.store.repository import Repository

PEOPLE = ["Maria Santos", "Rahmat Hidayat", "Ken Watanabe", "Anna de Vries", "Siti Aminah"]
ORGS = ["Acme Corp", "BNPB", "Port Authority", "Red Cross", "Kabar Nusantara"]
PLACES = ["Jakarta", "Rotterdam", "Tokyo", "Kalimantan", "Osaka"]
FILLER = ["today", "again", "quietly", "😀", "at noon", "in café terms"]


@dataclass
class Sample:
    record: DocumentRecord
    gold: list[list[tuple[str, str]]]
    """Sentences of (word, IOB2 tag) for the entity layer."""


class _Builder:
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.text = ""
        self.spans: list[Span] = []
        self.sentences: list[list[tuple[str, str]]] = []

    def add(self, piece: str, label: str | None = None, layer: str = "entity") -> Span | None:
        glue = "" if not self.text or self.text.endswith("\n") or piece in ".," else " "
        self.text += glue
        start = len(self.text)
        self.text += piece
        words = piece.split()
        self.sentences[-1] += [
            (w, "O" if label is None else ("B-" if i == 0 else "I-") + label)
            for i, w in enumerate(words)
        ]
        if label is None:
            return None
        return self.span(layer, label, start, len(self.text))

    def span(self, layer: str, label: str, start: int, end: int, **attrs: object) -> Span:
        span = Span(
            id=f"{self.doc_id}-s{len(self.spans)}",
            doc_id=self.doc_id,
            layer=layer,
            label=label,
            start=start,
            end=end,
            text=self.text[start:end],
            attrs=dict(attrs),
        )
        self.spans.append(span)
        return span


def make_sample(n: int, rng: random.Random) -> Sample:
    b = _Builder(f"news-{n:03d}")
    b.sentences.append([])
    head_start = 0
    b.add("Report from")
    b.add(rng.choice(PLACES), "GPE")
    b.span("section", "HEADLINE", head_start, len(b.text))
    b.text += "\n"
    body_start = len(b.text)
    relations: list[Relation] = []
    for k in range(rng.randint(2, 3)):
        b.sentences.append([])
        claim_start = len(b.text) + (1 if k else 0)
        who = b.add(rng.choice(PEOPLE), "PER")
        b.add("said that")
        org = b.add(rng.choice(ORGS), "ORG")
        b.add("will open an office in")
        b.add(rng.choice(PLACES), "GPE")
        b.add(rng.choice(FILLER))
        b.add(".")
        claim = b.span("claim", "CLAIM", claim_start, len(b.text), checkworthy=k % 2 == 0)
        assert who is not None and org is not None
        relations.append(Relation(f"{b.doc_id}-r{k}", b.doc_id, "claimant", claim.id, who.id))
        relations.append(Relation(f"{b.doc_id}-t{k}", b.doc_id, "target", claim.id, org.id))
    b.span("section", "BODY", body_start, len(b.text))
    doc = Document(id=b.doc_id, text=b.text, title=f"Sample {n}", lang="en", status="done")
    return Sample(DocumentRecord(doc, tuple(b.spans), tuple(relations), b.doc_id), b.sentences)


def add_samples(repo: Repository, count: int = 20, seed: int = 7) -> list[Sample]:
    """Import ``count`` generated documents through the importer (validated, one transaction)."""
    rng = random.Random(seed)
    samples = [make_sample(n, rng) for n in range(count)]
    import_records(repo, [s.record for s in samples])
    return samples


def add_document(
    repo: Repository, doc_id: str, text: str, spans: list[tuple], lang: str = "en"
) -> None:
    """One document with spans given as (layer, label, start, end)."""
    doc = Document(id=doc_id, text=text, lang=lang)
    built = tuple(
        Span(f"{doc_id}-{i}", doc_id, layer, label, start, end, text[start:end])
        for i, (layer, label, start, end) in enumerate(spans)
    )
    import_records(repo, [DocumentRecord(doc, built, (), doc_id)])


RICH_TEXT = "Maria Santos flew to Tokyo. Acme Corp opened.\nRed Cross in New\nYork helps."


def add_rich_document(repo: Repository) -> None:
    """``rich``: three sentences by the sentencizer and line breaks, one break inside the
    ``New\\nYork`` span, a claim over the first two sentences with an attribute and a relation
    to Maria Santos, a span note, a document note and a meta field."""
    text = RICH_TEXT

    def span(label: str, piece: str, layer: str = "entity", **extra: object) -> Span:
        start = text.index(piece)
        return Span(f"rich-{label}-{start}", "rich", layer, label, start, start + len(piece),
                    piece, **extra)  # type: ignore[arg-type]  # fmt: skip

    maria = span("PER", "Maria Santos", note="spelling checked")
    claim = span(
        "CLAIM", "Maria Santos flew to Tokyo. Acme Corp opened.", "claim",
        attrs={"checkworthy": True},
    )  # fmt: skip
    spans = (
        maria,
        span("GPE", "Tokyo"),
        span("ORG", "Acme Corp"),
        span("ORG", "Red Cross"),
        span("GPE", "New\nYork"),
        claim,
    )
    doc = Document("rich", text, lang="en", note="second pass", meta={"source": "wire"})
    relation = Relation("rich-r1", "rich", "claimant", claim.id, maria.id)
    import_records(repo, [DocumentRecord(doc, spans, (relation,), "rich")])
