"""Live team work on a server: how soon another copy of the app hears of a commit.

Run: ``python benchmarks/live_notices_benchmark.py --db postgresql://user@host/empty [--commits N]``
(an empty database on a PostgreSQL server: a project is made in it).

Annotator ben commits spans one by one (``Repository.apply``: validated, logged, committed) while
a listener on another connection waits on its socket, as the app's window does: the commit's own
time, and from the start of the commit to its notice read by the listener (the window then
refreshes at once, or at most 200 ms after its previous refresh). Then a 1,000-span import in one
transaction: how many notices it sends and how soon the first is heard. Then 1,000 documents
imported in one transaction, one statement each as ``import`` does: how many notices, and the
import's time with the documents' notice triggers and without them (disabled for that run).
Each step is checked: every commit is heard once, naming its document and ben, and the spans
and documents are in the database.
"""

from __future__ import annotations

import argparse
import select
import statistics
import time

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.postgres.notices import ChangeListener, ChangeNotice
from annotator.store.repository import Repository

TEXT = " ".join(f"Sentence {n} names Jakarta, Surabaya and Rotterdam." for n in range(2_000))
HEARD_WITHIN = 2.0
"""Seconds: a notice later than this fails the run (the live refresh promises 2 s)."""


def heard(listener: ChangeListener, timeout: float = HEARD_WITHIN) -> list[ChangeNotice]:
    deadline = time.perf_counter() + timeout
    while (left := deadline - time.perf_counter()) > 0:
        select.select([listener.fileno()], [], [], left)
        notices = listener.read()
        if notices:
            return notices
    return []


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="an empty PostgreSQL database")
    parser.add_argument("--commits", type=int, default=500)
    args = parser.parse_args()

    owner = Repository(open_db(args.db))
    if owner.document_ids():
        raise SystemExit(f"{args.db}: not an empty project; give an empty database")
    ensure_project(owner, with_samples=False)
    with owner.transaction():
        owner.add_document(Document(id="live", text=TEXT))
        owner.add_document(Document(id="import", text=TEXT))
    ben = Repository(open_db(args.db), "ben")
    listener = ChangeListener(args.db)
    doc = ben.document("live")
    layer = ben.schema().label("GPE").layer

    places = [n for n in range(len(TEXT)) if TEXT.startswith("Jakarta", n)]
    commits, latencies = [], []
    for n in range(args.commits):
        start = places[n]
        span = make_span(doc, layer, "GPE", start, start + len("Jakarta"), "ben")
        began = time.perf_counter()
        ben.apply(AddSpan(span), "ben")
        committed = time.perf_counter()
        notices = heard(listener)
        received = time.perf_counter()
        if [(x.table, x.doc_ids, x.annotator) for x in notices] != [
            ("spans", frozenset({"live"}), "ben")
        ]:
            raise SystemExit(f"commit {n}: heard {notices} within {HEARD_WITHIN} s")
        commits.append((committed - began) * 1000)
        latencies.append((received - began) * 1000)
    assert ben.span_count("live") == args.commits
    for name, values in (("commit", commits), ("commit to notice read", latencies)):
        print(
            f"{name} ({args.commits} single-span commits): p50 {percentile(values, 0.5):.2f} ms, "
            f"p99 {percentile(values, 0.99):.2f} ms, max {max(values):.2f} ms, "
            f"mean {statistics.fmean(values):.2f} ms"
        )

    target = ben.document("import")
    spans = [make_span(target, layer, "GPE", n * 10, n * 10 + 8, "importer") for n in range(1_000)]
    began = time.perf_counter()
    with ben.transaction():
        ben.add_spans(spans)
    first = heard(listener)
    received = time.perf_counter()
    more = first + heard(listener, 0.5)
    assert ben.span_count("import") == len(spans)
    if not first:
        raise SystemExit(f"the import was not heard within {HEARD_WITHIN} s")
    print(
        f"1,000-span import in one transaction: {len(more)} notice(s), the first read "
        f"{(received - began) * 1000:.0f} ms after the transaction began"
    )
    import_documents(owner, listener)
    listener.close()
    ben.db.close()
    owner.db.close()


def import_documents(owner: Repository, listener: ChangeListener, count: int = 1_000) -> None:
    """``count`` documents of about 2 kB in one transaction, with the documents' notice
    triggers and then, as a baseline, with them disabled."""
    timings = {}
    for batch, notified in (("a", True), ("b", False)):
        toggle = "ENABLE" if notified else "DISABLE"
        for event in ("insert", "update", "delete"):
            owner.db.execute(f"ALTER TABLE documents {toggle} TRIGGER documents_{event}_notice")
        began = time.perf_counter()
        with owner.transaction():
            for n in range(count):
                owner.add_document(Document(id=f"{batch}{n:05}", text=TEXT[: 2_000 + n]))
        timings[notified] = (time.perf_counter() - began) * 1000
        notices = heard(listener, 0.5) + heard(listener, 0.5)
        if notified and [(x.table, x.doc_ids) for x in notices] != [("documents", None)]:
            raise SystemExit(f"the import of {count} documents was heard as {notices}")
    for event in ("insert", "update", "delete"):
        owner.db.execute(f"ALTER TABLE documents ENABLE TRIGGER documents_{event}_notice")
    assert len(owner.document_ids()) == 2 + 2 * count
    print(
        f"{count:,} documents imported in one transaction: 1 notice; {timings[True]:.0f} ms "
        f"with the notice triggers, {timings[False]:.0f} ms without"
    )


if __name__ == "__main__":
    main()
