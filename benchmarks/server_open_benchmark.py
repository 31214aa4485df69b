"""Opening the 5 MB article with 50,000 spans and 5,000 relations from a PostgreSQL server on
loopback: what the app reads when a document is opened (``Repository.document``, ``spans``,
``relations``), on a fresh connection each time. Also times the bulk load that stores it (one
transaction, spans and relations streamed with ``COPY``).

Run: ``python benchmarks/server_open_benchmark.py [--server URL] [--runs N]``
``--server`` is a superuser connection string (a scratch database is created and dropped on
it); without it a throwaway cluster is started (``pg_cluster.py``). Target: open < 500 ms.
Each read is checked: the whole text, every span and every relation came back.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _corpus import article_text, overlapping_spans
from pg_cluster import server

from annotator.core.model import Document, Relation, new_id
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

BIG = "big"


def build(url: str) -> tuple[Document, int, int]:
    repo = Repository(open_db(url))
    ensure_project(repo, with_samples=False)
    doc = Document(id=BIG, text=article_text(5_000_000), title="Big generated article")
    spans = overlapping_spans(doc, 50_000)
    claims = [s for s in spans if s.layer == "claim"]
    entities = [s for s in spans if s.label in ("PER", "ORG", "GPE")]
    relations = [
        Relation(new_id("r"), BIG, "claimant", claims[i].id, entities[i].id) for i in range(5_000)
    ]
    started = time.perf_counter()
    with repo.transaction():
        repo.add_document(doc)
        repo.add_spans(spans)
        repo.add_relations(relations)
    elapsed = time.perf_counter() - started
    assert repo.span_count(BIG) == len(spans), "the bulk load lost spans"
    print(
        f"bulk load of {len(doc.text.encode()) / 1e6:.1f} MB + {len(spans):,} spans + "
        f"{len(relations):,} relations (COPY): {elapsed:.2f} s"
    )
    repo.db.execute("ANALYZE")
    repo.db.close()
    return doc, len(spans), len(relations)


def open_once(url: str, doc: Document, spans: int, relations: int) -> tuple[float, float]:
    """Seconds to connect, and to read what the app reads on open."""
    started = time.perf_counter()
    repo = Repository(open_db(url))
    connected = time.perf_counter()
    read = repo.document(BIG)
    read_spans = repo.spans(BIG)
    read_relations = repo.relations(BIG)
    done = time.perf_counter()
    assert read.text == doc.text, "the text came back different"
    assert len(read_spans) == spans, f"{len(read_spans)} spans of {spans}"
    assert len(read_relations) == relations, f"{len(read_relations)} relations of {relations}"
    repo.db.close()
    return connected - started, done - connected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", help="a superuser connection string (default: a cluster)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with server(args.server) as pg, pg.new_database() as url:
        print(f"server: {pg.description}")
        doc, spans, relations = build(url)
        timings = [open_once(url, doc, spans, relations) for _ in range(args.runs)]
        opens = [read * 1000 for _, read in timings]
        print(
            "open the big article (document + spans + relations), "
            f"{args.runs} fresh connections: "
            + ", ".join(f"{t:.0f}" for t in opens)
            + f" ms; median {statistics.median(opens):.0f} ms (target < 500 ms); "
            f"connecting {statistics.median(c for c, _ in timings) * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
