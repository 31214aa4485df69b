"""Time the training-data exports (spaCy, CoNLL, Hugging Face) on 10,000 documents with
100,000 spans, and the CoNLL import of what was written. Prints one line per step.

    PYTHONPATH=src python benchmarks/export_ml_benchmark.py [--docs 10000] [--spans-per-doc 10]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Span
from annotator.core.progress import no_progress
from annotator.formats.export_api import ExportOptions
from annotator.formats.importer import import_paths
from annotator.formats.registry import exporter
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

WORDS = ["the", "port", "workers", "said", "on", "Monday", "that"]
WORDS += ["talks", "with", "officials", "would", "resume", "soon"]
NAMES = [("Maria Santos", "PER"), ("Rotterdam", "GPE"), ("Acme Group", "ORG"), ("Tokyo", "GPE")]


def build(repo: Repository, docs: int, per_doc: int, rng: random.Random) -> int:
    """Documents of ``per_doc`` entities (plus one claim and one section each when room)."""
    total = 0
    with repo.transaction():
        for n in range(docs):
            doc_id = f"bench-{n:05d}"
            text, spans = "", []
            for k in range(per_doc - 2):
                text += " ".join(rng.sample(WORDS, 4)) + " "
                name, label = NAMES[(n + k) % len(NAMES)]
                spans.append((len(text), len(text) + len(name), "entity", label))
                text += name + ". "
            text = text.rstrip()
            spans.append((0, len(text), "section", "BODY"))
            spans.append((0, text.index(".") + 1, "claim", "CLAIM"))
            doc = Document(id=doc_id, text=text, lang="en", status="done")
            repo.add_document(doc)
            total += repo.add_spans(
                Span(f"{doc_id}-{i}", doc_id, layer, label, s, e, text[s:e])
                for i, (s, e, layer, label) in enumerate(spans)
            )
    return total


def timed(label: str, func: object, *args: object) -> object:
    start = time.perf_counter()
    result = func(*args)  # type: ignore[operator]
    print(f"{label:<34} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        repo = Repository(open_db(tmp / "bench.db"))
        ensure_project(repo, with_samples=False)
        spans = timed(
            "build database", build, repo, args.docs, args.spans_per_doc, random.Random(1)
        )
        print(f"{args.docs} documents, {spans} spans")
        options = ExportOptions(split=(0.8, 0.1, 0.1), parquet=True)
        for fmt in ("spacy", "conll", "hf"):
            report = timed(
                f"export {fmt}",
                exporter(fmt),
                repo,
                tmp / fmt,
                options,
                no_progress,
                lambda: False,
            )
            print(f"  {report.lines()[0]}")  # type: ignore[attr-defined]
        target = Repository(open_db(tmp / "back.db"))
        ensure_project(target, with_samples=False)
        conll_files = sorted((tmp / "conll").glob("*.conll"))
        back = timed("import conll (all splits)", import_paths, target, conll_files)
        print(f"  {back.lines()[0]}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
