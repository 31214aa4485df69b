"""Merge figures: three annotators' copies of a 1,000-document project, each with 30 spans per
document and every document done, merged into the team project; then the same three files
merged again (everything already present).

Run: ``python benchmarks/merge_benchmark.py [--docs N] [--spans-per-doc N]``
Each step is checked: after the first merge the team holds every annotator's spans and
statuses; the second merge adds nothing.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Span, new_id
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.team.merge import merge_projects

ANNOTATORS = ("ana", "budi", "citra")
WORDS = "Jakarta Bandung Surabaya Medan Makassar Bogor Depok Bekasi Tangerang Semarang".split()
LABELS = ("PER", "ORG", "GPE", "LOC", "DATE")


def document_text(n: int, words: int) -> str:
    return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(words)) + "."


def team_project(path: Path, docs: int, spans_per_doc: int) -> None:
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        for n in range(docs):
            repo.add_document(Document(f"doc-{n}", document_text(n, spans_per_doc * 2)))
    repo.db.close()


def annotated_copy(team: Path, path: Path, annotator: str, seed: int) -> None:
    """A copy of the team file with ``annotator``'s spans on every other word of each document
    (a label chosen by ``seed``, so annotators disagree now and then), every document done."""
    shutil.copyfile(team, path)
    repo = Repository(open_db(path), viewer=annotator)
    with repo.transaction():
        for doc_id in repo.document_ids():
            text = repo.document(doc_id).text
            spans, start = [], 0
            for i, word in enumerate(text.rstrip(".").split(" ")):
                if i % 2 == 0:
                    label = LABELS[(i + seed * (i % 7 == 0)) % len(LABELS)]
                    end = start + len(word)
                    spans.append(
                        Span(new_id("s"), doc_id, "entity", label, start, end, word, annotator)
                    )
                start += len(word) + 1
            repo.add_spans(spans)
            set_status(repo, doc_id, annotator, "done")
    repo.db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1_000)
    parser.add_argument("--spans-per-doc", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        team = Path(tmp) / "team.db"
        team_project(team, args.docs, args.spans_per_doc)
        copies = []
        for seed, name in enumerate(ANNOTATORS):
            copy = Path(tmp) / f"{name}.db"
            annotated_copy(team, copy, name, seed)
            copies.append(copy)
        expected = args.docs * args.spans_per_doc * len(ANNOTATORS)

        repo = Repository(open_db(team))
        t0 = time.perf_counter()
        first = merge_projects(repo, copies, by="bench")
        elapsed = time.perf_counter() - t0
        assert repo.span_count() == expected, (repo.span_count(), expected)
        assert first.total("statuses") == args.docs * len(ANNOTATORS)
        print(
            f"merge {len(copies)} copies x {args.docs:,} documents x {args.spans_per_doc} spans "
            f"({expected:,} spans, {first.total('log entries'):,} log entries): {elapsed:.2f} s"
        )

        t0 = time.perf_counter()
        again = merge_projects(repo, copies, by="bench")
        elapsed = time.perf_counter() - t0
        assert again.total("spans") == 0 and again.total("statuses") == 0
        assert repo.span_count() == expected
        print(f"the same copies again (all {expected:,} spans already present): {elapsed:.2f} s")
        repo.db.close()


if __name__ == "__main__":
    main()
