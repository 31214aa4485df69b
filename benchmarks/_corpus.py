"""Synthetic articles for the benchmarks: realistic words, emoji, and overlapping spans."""

from __future__ import annotations

import random

from annotator.core.model import Document, Span, make_span

WORDS = (
    "Kementerian Pertahanan Azerbaijan menyebutkan bahwa posisi pertahanannya diserang oleh "
    "militer Armenia di Distrik Kalbajar Nagorno-Karabakh the ministry said on Tuesday that "
    "talks in Moscow would resume 😀 after Baku and Yerevan agreed 🚢 to a ceasefire"
).split()


def article_text(size_bytes: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size_bytes:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + "."
        paragraph_end = "\n\n" if rng.random() < 0.2 else " "
        parts.append(sentence + paragraph_end)
        length += len(sentence.encode()) + len(paragraph_end)
    return "".join(parts)


def overlapping_spans(doc: Document, count: int, seed: int = 2) -> list[Span]:
    """Entity and claim spans at word boundaries, many of them overlapping or nested."""
    rng = random.Random(seed)
    starts = [i + 1 for i, ch in enumerate(doc.text) if ch == " "]
    spans = []
    for n in range(count):
        start = rng.choice(starts)
        end = start + rng.randint(3, 60)
        while end < len(doc.text) and not doc.text[end].isspace():
            end += 1
        end = min(end, len(doc.text))
        if n % 4 == 3:
            spans.append(make_span(doc, "claim", "CLAIM", start, end, "bench"))
        else:
            spans.append(
                make_span(
                    doc, "entity", rng.choice(["PER", "ORG", "GPE", "DATE"]), start, end, "bench"
                )
            )
    return spans
