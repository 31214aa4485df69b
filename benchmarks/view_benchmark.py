"""Article view speed on a generated 5 MB article with 50,000 overlapping spans.

Run: ``python benchmarks/view_benchmark.py``
Prints open time (set_document + relations + first paint), scrolling (move + paint) p50/p95,
the repaint of an already laid-out frame (the view's own drawing cost), time from add_span to
painted, and resident memory. Every timed repaint is checked to have
painted, the view to hold every span, and each new span to be laid out on screen.
Targets: open < 300 ms, scroll p95 < 16 ms, new span < 16 ms, RSS < 200 MB.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _probes import PaintCounter, rss_mb
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from annotator.assets import default_schema
from annotator.core.model import Relation, Span
from annotator.gui.article.offsets import TextOffsets
from annotator.gui.article.view import ArticleView

SIZE = 5_000_000
SPANS = 50_000
RELATIONS = 5_000
WORDS = [
    "Menteri",
    "Luar",
    "Negeri",
    "Retno",
    "Marsudi",
    "mengatakan",
    "bahwa",
    "pemerintah",
    "Indonesia",
    "akan",
    "terus",
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "in",
    "Jakarta",
    "would",
    "resume",
    "after",
    "القاهرة",
    "東京",
]
EMOJI = ["😀", "👩🏽‍🎨", "🚢"]  # about one word in 100: every paragraph has a few


def make_article(rng: random.Random) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < SIZE:
        paragraph = " ".join(
            rng.choice(EMOJI) if rng.random() < 0.01 else rng.choice(WORDS)
            for _ in range(rng.randint(15, 90))
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(paragraphs)


def make_spans(text: str, rng: random.Random) -> list[Span]:
    """Entities (nested and overlapping), claims (overlapping) and sections (partitioning)."""
    bounds = [0]
    for i, ch in enumerate(text):
        if ch == " " or ch == "\n":
            bounds.append(i)
    spans: list[Span] = []
    entity = ["PER", "ORG", "GPE", "LOC", "DATE"]
    n_sections = 500
    cut = sorted(rng.sample(range(1, len(text) - 1), n_sections - 1))
    for i, (a, b) in enumerate(zip([0, *cut], [*cut, len(text)], strict=True)):
        label = ["HEADLINE", "LEAD", "BODY", "SUBHEADING"][i % 4]
        spans.append(Span(f"sec{i}", "bench", "section", label, a, b, text[a:b]))
    n_claims = 12_000
    n_entities = SPANS - n_sections - n_claims
    for i in range(n_entities):
        w = rng.randrange(1, len(bounds) - 6)
        a = bounds[w] + 1
        b = bounds[w + rng.randint(1, 3)]
        spans.append(Span(f"e{i}", "bench", "entity", rng.choice(entity), a, b, text[a:b]))
    for i in range(n_claims):
        w = rng.randrange(1, len(bounds) - 40)
        a = bounds[w] + 1
        b = bounds[w + rng.randint(5, 35)]
        label = "QUOTE" if i % 3 == 0 else "CLAIM"
        spans.append(Span(f"c{i}", "bench", "claim", label, a, b, text[a:b]))
    return spans


def ms(seconds: float) -> float:
    return seconds * 1000


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95)]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    rng = random.Random(7)
    text = make_article(rng)
    spans = make_spans(text, rng)
    claims = [s.id for s in spans if s.layer == "claim"]
    entities = [s.id for s in spans if s.layer == "entity"]
    relations = [
        Relation(f"r{i}", "bench", "claimant", rng.choice(claims), rng.choice(entities))
        for i in range(RELATIONS)
    ]
    print(
        f"article: {len(text) / 1e6:.1f} M code points, {len(spans)} spans, {RELATIONS} relations"
    )
    print(f"RSS before view: {rss_mb():.0f} MB")

    view = ArticleView()
    view.resize(1000, 800)
    view.show()
    app.processEvents()
    schema = default_schema()
    paints = PaintCounter(view.viewport())

    start = time.perf_counter()
    view.set_document(text, spans, schema)
    view.set_relations(relations)
    view.viewport().repaint()
    open_ms = ms(time.perf_counter() - start)
    assert len(view.spans()) == len(spans), "the view does not hold every span"
    assert paints.paints == 1, f"{paints.paints} paints while opening, expected 1"

    bar = view.verticalScrollBar()
    steps: list[float] = []  # scroll bar moved (Qt lays out the blocks coming into view) + paint
    paints_only: list[float] = []
    # A jump, then three lines further from wherever the jump settled: Qt corrects the bar
    # once it has laid out the blocks it jumped to (their wrapped line counts were estimates).
    jumps = [int(bar.maximum() * i / 200) for i in range(200)]
    for step in range(2 * len(jumps)):
        value = jumps[step // 2] if step % 2 == 0 else bar.value() + 3
        before_value, before_paints = bar.value(), paints.paints
        t = time.perf_counter()
        bar.setValue(value)
        t_moved = time.perf_counter()
        view.viewport().repaint()
        t_painted = time.perf_counter()
        steps.append(ms(t_painted - t))
        paints_only.append(ms(t_painted - t_moved))
        assert paints.paints == before_paints + 1, "a scroll step did not paint"
        assert value == 0 or bar.value() != before_value, "a scroll step did not move the view"

    # The paint alone on a frame Qt has already laid out, fastest of 7 at each of 100 places:
    # what the view's own drawing costs, without Qt's layout of new blocks or a busy machine.
    repaints: list[float] = []
    for i in range(100):
        bar.setValue(int(bar.maximum() * i / 100))
        before_paints = paints.paints
        view.viewport().repaint()
        fastest = float("inf")
        for _ in range(7):
            t = time.perf_counter()
            view.viewport().repaint()
            fastest = min(fastest, time.perf_counter() - t)
        repaints.append(ms(fastest))
        assert paints.paints == before_paints + 8, "a repaint did not paint"

    add_times: list[float] = []
    offsets = TextOffsets(text)
    bar.setValue(bar.maximum() // 2)
    view.viewport().repaint()
    for i in range(50):
        start_cp = offsets.from_qt(view.cursorForPosition(QPoint(0, 0)).position())
        a = text.find(" ", start_cp + 40 * (i % 10)) + 1
        b = text.find(" ", a + 1)
        new = Span(f"new{i}", "bench", "entity", "PER", a, b, text[a:b])
        before = paints.paints
        t = time.perf_counter()
        view.add_span(new)
        view.viewport().repaint()
        add_times.append(ms(time.perf_counter() - t))
        assert paints.paints > before, "adding a span did not paint"
        assert view.span_geometry(new.id), "new span not on screen"
    add_times.sort()

    rss = rss_mb()
    print(f"open (set_document + relations + first paint): {open_ms:.0f} ms  (target < 300)")
    print(f"scroll over {len(steps)} steps, move + paint: {percentiles(steps)} (target p95 < 16)")
    print(f"  of which the paint alone: {percentiles(paints_only)}")
    print(f"repaint of a laid-out frame, fastest of 7 at 100 places: {percentiles(repaints)}")
    print(
        f"add_span to painted: p50 {statistics.median(add_times):.1f} ms, "
        f"max {add_times[-1]:.1f} ms (target < 16)"
    )
    print(f"resident memory: {rss:.0f} MB (target < 200)")
    view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
