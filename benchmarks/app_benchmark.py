"""Whole-app figures on a 5 MB article with 50,000 overlapping spans and 5,000 relations.

Two fresh app processes on the same database (see ``_app_window.py``):

1. start on a small sample article, then open the big one: cold start to a painted window,
   opening the big article (database read + view + first paint), resident memory before and after;
2. start on the big article (where a user left off), then open the small one: cold start with
   the big article read and painted, and leaving it for another document.

Each process then switches between its two documents three times and prints its resident
memory again: buffers of the big document that were freed but kept resident show up there.

Run: ``python benchmarks/app_benchmark.py [--runs N]``
Targets: cold start < 1 s, opening the big article < 300 ms, resident memory < 200 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import article_text, overlapping_spans

from annotator.core.model import Document, Relation, new_id
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

BIG = "big"
SMALL = "festival-tokyo"  # one of the sample articles ensure_project adds
WINDOW = Path(__file__).with_name("_app_window.py")


def build(db_path: Path) -> None:
    repo = Repository(open_db(db_path))
    ensure_project(repo, with_samples=True)
    assert repo.has_document(SMALL), f"sample article {SMALL!r} is missing"
    doc = Document(id=BIG, text=article_text(5_000_000), title="Big generated article")
    spans = overlapping_spans(doc, 50_000)
    claims = [s for s in spans if s.layer == "claim"]
    entities = [s for s in spans if s.label in ("PER", "ORG", "GPE")]
    relations = [
        Relation(new_id("r"), BIG, "claimant", claims[i].id, entities[i].id) for i in range(5_000)
    ]
    with repo.transaction():
        repo.add_document(doc)
        repo.add_spans(spans)
        repo.add_relations(relations)
    repo.db.close()


def run_window(tmp: Path, db_path: Path, start_doc: str, next_doc: str, run: int) -> None:
    print(f"--- fresh app starting on {start_doc!r}, then opening {next_doc!r}", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(WINDOW),
            str(db_path),
            str(tmp / f"settings-{start_doc}-{run}.ini"),
            start_doc,
            next_doc,
            repr(time.time()),
        ],
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1, help="times to repeat both app runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db_path = tmp / "bench.db"
        build(db_path)
        for run in range(args.runs):
            run_window(tmp, db_path, SMALL, BIG, run)
            run_window(tmp, db_path, BIG, SMALL, run)


if __name__ == "__main__":
    main()
