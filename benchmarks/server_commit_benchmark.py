"""20 annotator processes on one PostgreSQL server over loopback, each committing 500 spans one
by one through ``Repository.apply`` (validated, written and logged in one transaction, as the
app commits an edit), all on the same document at the same time.

Run: ``python benchmarks/server_commit_benchmark.py [--server URL] [--processes N] [--spans N]
[--interval MS]``
``--server`` is a superuser connection string (a scratch database is created and dropped on
it); without it a throwaway cluster with the server's default durability is started
(``pg_cluster.py``). Prints commit p50 / p95 / p99 / max over every commit, and the throughput
of all processes together (commits from the first start to the last finish). By default every
process commits as fast as it can, which on a small machine measures how long a commit queues
for the CPU;
``--interval 100`` has each process wait that long between its commits (an annotator's pace,
still ten edits a second each).
Target: p99 < 20 ms. Afterwards the rows are counted per annotator: every commit is there
once (0 lost, 0 duplicated), with its edit-log entry.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from multiprocessing.synchronize import Barrier
from typing import Any

from pg_cluster import server

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

DOC = "shared"
STRIDE = 10
"""Each annotator's n-th span covers code points n*STRIDE .. n*STRIDE+5: own spans never
overlap, everyone's n-th spans cover the same words."""


def build(url: str, spans: int) -> None:
    repo = Repository(open_db(url))
    ensure_project(repo, with_samples=False)
    words = "Baku and Yerevan agreed to talks in Moscow on Tuesday ".split()
    text = " ".join(words[n % len(words)] for n in range(spans * STRIDE // 4))
    assert len(text) > spans * STRIDE, "the shared document is too short"
    with repo.transaction():
        repo.add_document(Document(id=DOC, text=text, title="Shared article"))
    repo.db.close()


def annotate(
    url: str, name: str, spans: int, interval: float, start: Barrier, results: Any
) -> None:
    """One annotator's process: connect, wait for the others, commit ``spans`` spans,
    ``interval`` seconds apart."""
    try:
        repo = Repository(open_db(url), viewer=name)
        doc = repo.document(DOC)
        edits = [
            AddSpan(make_span(doc, "entity", "PER", n * STRIDE, n * STRIDE + 5, name))
            for n in range(spans)
        ]
        start.wait()
        began = time.monotonic()
        timings = []
        for edit in edits:
            t0 = time.perf_counter()
            repo.apply(edit, name)
            timings.append((time.perf_counter() - t0) * 1000)
            if interval:
                time.sleep(interval)
        results.put((name, timings, began, time.monotonic(), ""))
        repo.db.close()
    except Exception as exc:  # reported by the parent, which stops with it
        results.put((name, [], 0.0, 0.0, f"{type(exc).__name__}: {exc}"))


def check_rows(url: str, names: list[str], spans: int) -> None:
    """Every commit is stored once, with its edit-log entry."""
    repo = Repository(open_db(url))
    rows = repo.db.execute(
        "SELECT annotator, count(*), count(DISTINCT start) FROM spans GROUP BY annotator"
    ).fetchall()
    stored = {row[0]: (row[1], row[2]) for row in rows}
    logged = dict(
        repo.db.execute(
            "SELECT annotator, count(*) FROM edit_log WHERE kind = ? GROUP BY annotator",
            [AddSpan.kind],
        ).fetchall()
    )
    repo.db.close()
    for name in names:
        count, distinct = stored.get(name, (0, 0))
        assert count == distinct, f"{name}: {count - distinct} spans duplicated"
        assert count == spans, f"{name}: {spans - count} spans lost"
        assert logged.get(name) == spans, f"{name}: {logged.get(name)} edit-log entries"
    assert set(stored) == set(names), f"spans of unexpected annotators: {set(stored) - set(names)}"
    print(f"checked: {len(names)} annotators x {spans} spans stored, 0 lost, 0 duplicated")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", help="a superuser connection string (default: a cluster)")
    parser.add_argument("--processes", type=int, default=20)
    parser.add_argument("--spans", type=int, default=500, help="commits per process")
    parser.add_argument(
        "--interval", type=float, default=0, help="milliseconds between a process's commits"
    )
    args = parser.parse_args()
    names = [f"annotator-{n:02d}" for n in range(args.processes)]
    context = multiprocessing.get_context("spawn")
    with server(args.server, max_connections=args.processes + 20) as pg, pg.new_database() as url:
        print(f"server: {pg.description}")
        build(url, args.spans)
        start = context.Barrier(args.processes)
        results = context.Queue()
        workers = [
            context.Process(
                target=annotate,
                args=(url, name, args.spans, args.interval / 1000, start, results),
            )
            for name in names
        ]
        for worker in workers:
            worker.start()
        reports = [results.get(timeout=900) for _ in workers]
        for worker in workers:
            worker.join()
        failed = [f"{name}: {error}" for name, _, _, _, error in reports if error]
        if failed:
            raise SystemExit("annotator processes failed:\n" + "\n".join(failed))
        timings = sorted(t for _, times, _, _, _ in reports for t in times)
        wall = max(r[3] for r in reports) - min(r[2] for r in reports)

        def at(share: float) -> float:
            return timings[min(len(timings) - 1, int(len(timings) * share))]

        print(
            f"{args.processes} processes x {args.spans} commits (validated + logged), "
            f"{args.interval:g} ms apart, "
            f"{len(timings):,} commits: p50 {statistics.median(timings):.2f} ms, "
            f"p95 {at(0.95):.2f} ms, p99 {at(0.99):.2f} ms, max {timings[-1]:.2f} ms "
            "(target p99 < 20 ms)"
        )
        print(f"throughput: {len(timings) / wall:,.0f} commits/s ({wall:.1f} s for all)")
        check_rows(url, names, args.spans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
