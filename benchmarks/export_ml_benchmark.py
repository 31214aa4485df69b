"""Time the training-data exports (spaCy, CoNLL, Hugging Face) on 10,000 documents with
100,000 spans, and the CoNLL import of what was written. Prints one line per step.

    python benchmarks/export_ml_benchmark.py [--docs 10000] [--spans-per-doc 10]

Each export must report every document and leave files on disk; the CoNLL import must bring
back every document and every span the CoNLL export wrote.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from annotator.core.model import Document, Span
from annotator.core.progress import no_progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.importer import import_paths
from annotator.formats.registry import exporter
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

WORDS = ["the", "port", "workers", "said", "on", "Monday", "that"]
WORDS += ["talks", "with", "officials", "would", "resume", "soon"]
NAMES = [("Maria Santos", "PER"), ("Rotterdam", "GPE"), ("Acme Group", "ORG"), ("Tokyo", "GPE")]

T = TypeVar("T")


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


def timed(label: str, step: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = step()
    print(f"{label:<34} {time.perf_counter() - start:7.2f} s")
    return result


def written(out: Path) -> int:
    """Bytes under ``out``."""
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        repo = Repository(open_db(tmp / "bench.db"))
        ensure_project(repo, with_samples=False)
        rng = random.Random(1)
        spans = timed("build database", lambda: build(repo, args.docs, args.spans_per_doc, rng))
        print(f"{args.docs} documents, {spans} spans")
        options = ExportOptions(split=(0.8, 0.1, 0.1), parquet=True)
        reports: dict[str, ExportReport] = {}
        for fmt in ("spacy", "conll", "hf"):
            out = tmp / fmt
            report = timed(
                f"export {fmt}",
                partial(exporter(fmt), repo, out, options, no_progress, lambda: False),
            )
            assert report.documents == args.docs, (fmt, report.documents)
            assert written(out) > 0, f"{fmt} wrote nothing"
            print(f"  {report.lines()[0]}, {written(out) / 1e6:.1f} MB")
            reports[fmt] = report
        target = Repository(open_db(tmp / "back.db"))
        ensure_project(target, with_samples=False)
        conll_files = sorted((tmp / "conll").glob("*.conll"))
        back = timed("import conll (all splits)", lambda: import_paths(target, conll_files))
        assert len(back.imported) == args.docs, len(back.imported)
        assert target.span_count() == reports["conll"].spans, target.span_count()
        print(f"  {back.lines()[0]}")


if __name__ == "__main__":
    main()
