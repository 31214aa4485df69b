"""Store figures: bulk load of a 5 MB article with 50,000 spans, committed single-span inserts
(WAL, synchronous=FULL, validated and logged as a user edit), and reading a document back.

Run: ``python benchmarks/store_benchmark.py``
Each step is checked: the spans are in the database, all of them are read back, and every
insert is a committed, logged row on a WAL connection with ``synchronous=FULL``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from _corpus import article_text, overlapping_spans

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

FULL = 2  # PRAGMA synchronous reports FULL as 2


def logged(repo: Repository) -> int:
    return int(repo.db.execute("SELECT count(*) FROM edit_log").fetchone()[0])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(open_db(Path(tmp) / "bench.db"))
        ensure_project(repo, with_samples=False)
        doc = Document(id="big", text=article_text(5_000_000))
        spans = overlapping_spans(doc, 50_000)
        t0 = time.perf_counter()
        with repo.transaction():
            repo.add_document(doc)
            repo.add_spans(spans)
        elapsed = time.perf_counter() - t0
        assert repo.span_count("big") == len(spans)
        print(f"bulk load 5 MB + {len(spans):,} spans: {elapsed:.2f} s")

        t0 = time.perf_counter()
        loaded = repo.spans("big")
        elapsed = time.perf_counter() - t0
        assert len(loaded) == len(spans)
        print(f"read back {len(loaded):,} spans: {elapsed * 1000:.0f} ms")

        synchronous = repo.db.execute("PRAGMA synchronous").fetchone()[0]
        assert synchronous == FULL, f"synchronous={synchronous}, expected FULL ({FULL})"
        journal = repo.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert journal == "wal", f"journal_mode={journal}, expected wal"

        logged_before = logged(repo)
        timings = []
        for n in range(1000):
            start = 1000 + n * 37
            span = make_span(doc, "entity", "MISC", start, start + 5, "bench")
            t0 = time.perf_counter()
            repo.apply(AddSpan(span), "bench")
            timings.append((time.perf_counter() - t0) * 1000)
        assert not repo.db.conn.in_transaction, "an insert was left uncommitted"
        assert repo.span_count("big") == len(spans) + len(timings)
        assert logged(repo) == logged_before + len(timings), "an insert was not logged"
        timings.sort()
        print(
            "committed span insert (validated + logged, synchronous=FULL): "
            f"{len(timings)} inserts, median {statistics.median(timings):.2f} ms, "
            f"p99 {timings[989]:.2f} ms, "
            f"max {timings[-1]:.2f} ms"
        )


if __name__ == "__main__":
    main()
