"""Export 10,000 documents with 100,000 spans in native JSONL, brat, doccano, Label Studio and
Prodigy, and import each back into an empty project; print seconds per step.

    python benchmarks/export_tools_benchmark.py [--docs N] [--spans N] [--profile FMT]

The bar is native JSONL export and import under 2 s each. Each import goes into its own empty
project and must bring back every document and span. ``--profile jsonl`` prints the top of a
cProfile of the native export and import instead of timing them.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.model import Document, Relation, Span
from annotator.formats.export_api import ExportOptions
from annotator.formats.importer import import_paths, import_records
from annotator.formats.records import DocumentRecord
from annotator.formats.registry import exporter
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "Monday",
    "that",
    "floods",
    "in",
    "the",
    "province",
    "had",
    "displaced",
    "families",
]
ENTITIES = [("Jakarta", "GPE"), ("Joko Widodo", "PER"), ("BNPB", "ORG"), ("Monday", "DATE")]
OUT_NAMES = {"native": "native.jsonl", "brat": "brat", "doccano": "doccano.jsonl"}
OUT_NAMES |= {"labelstudio": "tasks.json", "prodigy": "prodigy.jsonl"}


def make_records(n_docs: int, spans_per_doc: int) -> list[DocumentRecord]:
    """Documents of ~12 sentences; each holds ``spans_per_doc`` spans (entities, one claim
    with a claimant relation), all on word boundaries, some after an emoji."""
    return list(iter_records(n_docs, spans_per_doc))


def iter_records(n_docs: int, spans_per_doc: int) -> Iterator[DocumentRecord]:
    """The records of ``make_records`` one at a time (a large corpus need not fit in memory)."""
    rng = random.Random(7)
    for d in range(n_docs):
        doc_id = f"doc-{d:05d}"
        parts: list[str] = []
        spans: list[Span] = []
        pos = 0
        for _ in range(spans_per_doc - 1):
            filler = " ".join(rng.choice(WORDS) for _ in range(8)) + (
                " 😀 " if rng.random() < 0.3 else " "
            )
            name, label = rng.choice(ENTITIES)
            parts += [filler, name, ". "]
            start = pos + len(filler)
            spans.append(
                Span(
                    f"{doc_id}-s{len(spans)}",
                    doc_id,
                    "entity",
                    label,
                    start,
                    start + len(name),
                    name,
                )
            )
            pos = start + len(name) + 2
        claim = "Officials said the water would recede within days"
        parts.append(claim + ".\n")
        spans.append(Span(f"{doc_id}-c", doc_id, "claim", "CLAIM", pos, pos + len(claim), claim))
        text = "".join(parts)
        per = next((s for s in spans if s.label == "PER"), None)
        relations = (
            (Relation(f"{doc_id}-r", doc_id, "claimant", f"{doc_id}-c", per.id),) if per else ()
        )
        yield DocumentRecord(Document(doc_id, text), tuple(spans), relations, doc_id)


def new_repo(path: Path) -> Repository:
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    return repo


def timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def run(work: Path, docs: int, spans: int, profile: str | None) -> None:
    """Build the source project in ``work``, then export and import each format."""
    source = new_repo(work / "source.db")
    build = timed(lambda: import_records(source, make_records(docs, spans)))
    print(f"{docs} documents, {source.span_count()} spans; built in {build:.2f} s")
    print(f"{'format':<12} {'export s':>9} {'import s':>9}  size")
    for n, (fmt, name) in enumerate(OUT_NAMES.items()):
        out = work / name
        target = new_repo(work / f"target-{n}.db")

        def export_step(fmt: str = fmt, out: Path = out) -> object:
            return exporter(fmt)(source, out, ExportOptions(), lambda *a: None, lambda: False)

        def import_step(target: Repository = target, out: Path = out) -> object:
            return import_paths(target, [out])

        if profile == fmt:
            for label, step in (("export", export_step), ("import", import_step)):
                profiler = cProfile.Profile()
                profiler.runcall(step)
                print(f"--- profile of {fmt} {label}")
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
            continue
        exported = timed(export_step)
        imported = timed(import_step)
        assert target.span_count() == source.span_count(), fmt
        assert len(target.document_ids()) == docs, fmt
        size = sum(p.stat().st_size for p in ([out] if out.is_file() else out.rglob("*")))
        print(f"{fmt:<12} {exported:>9.2f} {imported:>9.2f}  {size / 1e6:.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=10, help="spans per document")
    parser.add_argument("--profile", choices=sorted(OUT_NAMES), default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        run(Path(tmp), args.docs, args.spans, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
