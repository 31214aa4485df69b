"""A generated corpus a model can learn names from: people, organisations and places in
English and Indonesian sentences, told apart by their context ("said", "kata", "in", "di")
and their spelling (capitalised syllables; organisations end in Corp, Group or Ltd, or start
with PT or Bank).

Names are built from syllables, so a second generator with other syllables gives names the
model has never seen (``unseen=True``), for the uncertainty ordering.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.model import Document, Span
from annotator.formats.importer import import_records
from annotator.formats.records import DocumentRecord
from annotator.store.repository import Repository

SEEN_SYLLABLES = ["ra", "ma", "san", "to", "wi", "di", "ko", "har", "ni", "su", "ya", "ben"]
UNSEEN_SYLLABLES = ["qua", "zel", "vox", "thrum", "ix", "plo", "gev", "uzz", "yor", "fla"]

EN_PATTERNS = [
    "{PER} said that {ORG} will open an office in {GPE}.",
    "{PER} works for {ORG} and lives in {GPE}.",
    "In {GPE}, {PER} met the board of {ORG}.",
    "{ORG} hired {PER} last week, a spokesperson in {GPE} said.",
]
ID_PATTERNS = [
    "{PER} mengatakan bahwa {ORG} akan membuka kantor di {GPE}.",
    "Menurut {PER}, {ORG} sudah beroperasi di {GPE} sejak lama.",
    "Di {GPE}, {PER} bertemu dengan direksi {ORG}.",
    "{ORG} merekrut {PER} minggu lalu, kata juru bicara di {GPE}.",
]


@dataclass(frozen=True)
class NameBank:
    people: list[str]
    orgs: list[str]
    places: list[str]

    def pick(self, label: str, rng: random.Random) -> str:
        pool = {"PER": self.people, "ORG": self.orgs, "GPE": self.places}[label]
        return rng.choice(pool)


def _word(rng: random.Random, syllables: list[str], parts: int) -> str:
    return "".join(rng.choice(syllables) for _ in range(parts)).capitalize()


def _person(rng: random.Random, syl: list[str], parts: tuple[int, int] = (2, 3)) -> str:
    return f"{_word(rng, syl, parts[0])} {_word(rng, syl, parts[1])}"


def _org(rng: random.Random, syl: list[str], parts: int = 2) -> str:
    return rng.choice(
        [
            f"PT {_word(rng, syl, parts)}",
            f"{_word(rng, syl, parts)} Group",
            f"Bank {_word(rng, syl, parts)}",
        ]
    )


def name_bank(seed: int, *, unseen: bool = False, size: int = 12) -> NameBank:
    """``size`` names per label from the seen syllables, or from syllables the seen bank
    never uses."""
    rng = random.Random(seed)
    syl = UNSEEN_SYLLABLES if unseen else SEEN_SYLLABLES
    people = [_person(rng, syl) for _ in range(size)]
    orgs = [_org(rng, syl) for _ in range(size)]
    places = [_word(rng, syl, 3) for _ in range(size)]
    return NameBank(people, orgs, places)


ORG_WORDS = frozenset({"PT", "Group", "Bank"})


def distinct_banks(seed: int, count: int, *, unseen: bool = False, size: int = 3) -> list[NameBank]:
    """``count`` banks of ``size`` names per label in which no word of a name (the
    organisation markers aside) is in two banks: a document written from its own bank shares
    no name with any other document. Words are three syllables long, so there are enough."""
    rng = random.Random(seed)
    syl = UNSEEN_SYLLABLES if unseen else SEEN_SYLLABLES
    used: set[str] = set()

    def fresh(make: Callable[[], str]) -> str:
        while True:
            name = make()
            words = set(name.split()) - ORG_WORDS
            if not words & used:
                used.update(words)
                return name

    return [
        NameBank(
            [fresh(lambda: _person(rng, syl, (3, 3))) for _ in range(size)],
            [fresh(lambda: _org(rng, syl, 3)) for _ in range(size)],
            [fresh(lambda: _word(rng, syl, 3)) for _ in range(size)],
        )
        for _ in range(count)
    ]


def name_document(
    doc_id: str,
    bank: NameBank,
    rng: random.Random,
    sentences: int,
    status: str = "done",
    annotator: str = "",
    with_spans: bool = True,
) -> DocumentRecord:
    """``sentences`` sentences, alternating English and Indonesian patterns; 3 spans each
    (none stored with ``with_spans=False``: a document still to annotate)."""
    text = ""
    spans: list[Span] = []
    for k in range(sentences):
        pattern = rng.choice(EN_PATTERNS if k % 2 == 0 else ID_PATTERNS)
        if text:
            text += " "
        pos = 0
        while pos < len(pattern):
            brace = pattern.find("{", pos)
            if brace < 0:
                text += pattern[pos:]
                break
            text += pattern[pos:brace]
            close = pattern.index("}", brace)
            label = pattern[brace + 1 : close]
            name = bank.pick(label, rng)
            start = len(text)
            text += name
            spans.append(
                Span(
                    f"{doc_id}-s{len(spans)}",
                    doc_id,
                    "entity",
                    label,
                    start,
                    len(text),
                    name,
                    annotator,
                )
            )
            pos = close + 1
    doc = Document(id=doc_id, text=text, title=doc_id, lang="id" if rng.random() < 0.5 else "en",
                   status=status)  # fmt: skip
    return DocumentRecord(doc, tuple(spans) if with_spans else (), (), doc_id)


def add_name_corpus(
    repo: Repository,
    documents: int,
    *,
    sentences: int = 6,
    seed: int = 3,
    prefix: str = "names",
    status: str = "done",
    unseen: bool = False,
    distinct_names: bool = False,
    annotator: str = "",
    with_spans: bool = True,
) -> list[DocumentRecord]:
    """Import ``documents`` generated documents (one transaction) and return them.

    ``distinct_names``: each document draws its names from a bank of its own
    (``distinct_banks``), so whichever documents are held out, their names never occur in
    the training documents. ``annotator``: the name the spans are recorded as made by.
    """
    rng = random.Random(seed)
    banks = (
        distinct_banks(seed, documents, unseen=unseen)
        if distinct_names
        else [name_bank(seed, unseen=unseen)] * documents
    )
    records = [
        name_document(f"{prefix}-{n:03d}", banks[n], rng, sentences, status, annotator, with_spans)
        for n in range(documents)
    ]
    import_records(repo, records)
    return records
