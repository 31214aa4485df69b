"""Import of 100,000 documents with 1,000,000 spans (and a relation each) into a project on a
PostgreSQL server, and the native JSONL export of the same, through the importer and exporter
the app and the command line use (spans and relations stream in with ``COPY``).

Run: ``python benchmarks/server_import_benchmark.py [--server URL] [--documents N] [--spans N]``
``--server`` is a superuser connection string (scratch databases are created and dropped on
it); without it a throwaway cluster is started (``pg_cluster.py``). ``--documents 5000`` makes
a quick run. Three steps, each timed and checked:

1. the generated records written by ``import_records`` (the importer after parsing);
2. that project exported as native JSONL (one line per document);
3. that file imported into an empty project with ``import_paths`` (read, validated, written),
   which must hold every document, span and relation again.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from export_tools_benchmark import iter_records
from pg_cluster import server

from annotator.formats.export_api import ExportOptions
from annotator.formats.importer import import_paths, import_records
from annotator.formats.registry import exporter
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository


def new_repo(url: str) -> Repository:
    repo = Repository(open_db(url))
    ensure_project(repo, with_samples=False)
    return repo


def counts(repo: Repository) -> tuple[int, int, int]:
    documents, spans, relations = (
        int(repo.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("documents", "spans", "relations")
    )
    return documents, spans, relations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", help="a superuser connection string (default: a cluster)")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=10, help="spans per document")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp,
        server(args.server) as pg,
        pg.new_database() as source_url,
        pg.new_database() as target_url,
    ):
        print(f"server: {pg.description}")
        source = new_repo(source_url)
        started = time.perf_counter()
        report = import_records(source, iter_records(args.documents, args.spans))
        written = time.perf_counter() - started
        built = counts(source)
        assert built[0] == len(report.imported) == args.documents, "documents were lost"
        assert built[1] == report.spans == args.documents * args.spans, "spans were lost"
        print(
            f"import_records: {built[0]:,} documents, {built[1]:,} spans, {built[2]:,} "
            f"relations in {written:.1f} s ({built[1] / written:,.0f} spans/s)"
        )

        out = Path(tmp) / "native.jsonl"
        started = time.perf_counter()
        exporter("native")(source, out, ExportOptions(), lambda *_: None, lambda: False)
        exported = time.perf_counter() - started
        with out.open(encoding="utf-8") as lines:
            assert sum(1 for _ in lines) == args.documents, "the export lost documents"
        print(
            f"native JSONL export: {exported:.1f} s ({out.stat().st_size / 1e6:.0f} MB, "
            f"{args.documents:,} lines)"
        )

        target = new_repo(target_url)
        started = time.perf_counter()
        import_paths(target, [out])
        imported = time.perf_counter() - started
        assert counts(target) == built, f"imported {counts(target)}, exported {built}"
        print(
            f"native JSONL import into an empty project: {imported:.1f} s "
            f"({args.documents / imported:,.0f} documents/s); every document, span and "
            "relation is back"
        )
        source.db.close()
        target.db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
