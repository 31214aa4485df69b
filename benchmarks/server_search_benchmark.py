"""Corpus search over 10,000 documents (about 50 MB) in a project on a PostgreSQL server (the
``pg_trgm`` GIN index narrows the documents, Python's ``re`` finds the hits), the same corpus
and searches as ``search_benchmark.py`` on SQLite.

Run: ``python benchmarks/server_search_benchmark.py [--server URL] [--docs N] [--size CHARS]``
``--server`` is a superuser connection string (a scratch database is created and dropped on
it); without it a throwaway cluster is started (``pg_cluster.py``). Target: each search < 1 s.
Each search is timed three times (best and median printed), and its hits must be exactly the
hits the same search finds in the same corpus in an SQLite project (same substring semantics).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pg_cluster import server
from search_benchmark import benchmark_searches, make_corpus, make_names

from annotator.core.find import FindOptions
from annotator.core.model import Document
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.search import Hit, concordance


def stored(location: str | Path, corpus: list[Document]) -> tuple[Repository, float]:
    """A project holding ``corpus`` (reopened), and the seconds its import took."""
    repo = Repository(open_db(location))
    ensure_project(repo, with_samples=False)
    started = time.perf_counter()
    with repo.transaction():
        for doc in corpus:
            repo.add_document(doc)
    elapsed = time.perf_counter() - started
    assert len(repo.document_ids()) == len(corpus), "the import lost documents"
    repo.db.close()
    return Repository(open_db(location)), elapsed


def search(repo: Repository, query: str, options: FindOptions) -> list[Hit]:
    return concordance(
        repo, query, regex=options.regex, case=options.case, whole_word=options.whole_word
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", help="a superuser connection string (default: a cluster)")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5_000, help="characters per document")
    args = parser.parse_args()
    rng = random.Random(5)
    names = make_names(rng, 10_000)
    corpus = make_corpus(rng, args.docs, args.size, names)
    megabytes = sum(len(d.text.encode()) for d in corpus) / 1e6
    print(f"corpus: {len(corpus)} documents, {megabytes:.1f} MB")
    searches = benchmark_searches(names)
    with (
        tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp,
        server(args.server) as pg,
        pg.new_database() as url,
    ):
        print(f"server: {pg.description}")
        reference, _ = stored(Path(tmp) / "reference.db", corpus)
        repo, elapsed = stored(url, corpus)
        print(f"import into PostgreSQL with the pg_trgm index: {elapsed:.1f} s")
        repo.db.execute("ANALYZE")
        failed = []
        for label, query, options in searches:
            expected = search(reference, query, options)
            times, hits = [], []
            try:
                for _ in range(3):
                    started = time.perf_counter()
                    hits = search(repo, query, options)
                    times.append(time.perf_counter() - started)
            except Exception as exc:  # a search the server cannot run yet is reported
                reason = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
                failed.append(f"{label}: {reason}")
                print(f"{label:<56} FAILED: {reason}")
                continue
            if hits != expected:
                failed.append(f"{label}: {len(hits)} hits, SQLite finds {len(expected)}")
            print(
                f"{label:<56} best {min(times) * 1000:7.2f} ms, "
                f"median {statistics.median(times) * 1000:7.2f}  hits={len(hits)}"
                + ("" if hits == expected else f" (SQLite: {len(expected)}) WRONG")
            )
        if failed:
            raise SystemExit("searches that failed or differ from SQLite:\n" + "\n".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
