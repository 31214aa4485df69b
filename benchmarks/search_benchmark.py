"""Corpus search and gazetteer pre-annotation on 10,000 documents (about 50 MB).

Run from the repository root:  PYTHONPATH=src python benchmarks/search_benchmark.py
Targets (issue 5): corpus search < 1 s; gazetteer of 10,000 terms < 60 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document
from annotator.preannotate import run_preannotation
from annotator.preannotate.gazetteer import Gazetteer, Term
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.search import concordance

WORDS = (
    "the of and to in a is that for on was with he it as at by from his an were are which "
    "this be has have had not but they been one their its who new after also more first two "
    "government minister said people city police year report river flood strike port workers "
    "festival market price water school health election court army border talks agency union "
    "officials week month village province rain shipping trade company bank crisis plan"
).split()


def make_names(rng: random.Random, n: int) -> list[str]:
    syllables = "ka ta ra ma na sa ja ba da la wi ro ku te mo ri se do ha yu".split()
    names: set[str] = set()
    while len(names) < n:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
        if rng.random() < 0.3:
            word += " " + "".join(rng.choice(syllables) for _ in range(2)).capitalize()
        names.add(word)
    return sorted(names)


def make_corpus(rng: random.Random, docs: int, size: int, names: list[str]) -> list[Document]:
    out = []
    for i in range(docs):
        parts: list[str] = []
        length = 0
        while length < size:
            word = rng.choice(names) if rng.random() < 0.03 else rng.choice(WORDS)
            if rng.random() < 0.002:
                word += " 😀"
            parts.append(word)
            length += len(word) + 1
        text = " ".join(parts)[:size]
        out.append(Document(id=f"doc-{i:05d}", text=text, title=f"Article {i}"))
    return out


def timed(label: str, func, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    best = min(times)
    count = len(result) if hasattr(result, "__len__") else result
    print(
        f"{label:<58} {best * 1000:8.1f} ms (median {statistics.median(times) * 1000:.1f})"
        f"  hits={count}"
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5_000, help="characters per document")
    parser.add_argument("--terms", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(5)
    names = make_names(rng, args.terms)
    corpus = make_corpus(rng, args.docs, args.size, names)
    megabytes = sum(len(d.text.encode()) for d in corpus) / 1e6
    print(f"corpus: {len(corpus)} documents, {megabytes:.1f} MB; gazetteer: {len(names)} terms")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(open_db(Path(tmp) / "bench.db"))
        ensure_project(repo, with_samples=False)
        start = time.perf_counter()
        with repo.transaction():
            for doc in corpus:
                repo.add_document(doc)
        repo._documents.clear()
        print(f"import with FTS5 trigram index: {time.perf_counter() - start:.1f} s")
        rare, common = names[1234], names[10]
        timed(f"plain, rare name {rare!r}", lambda: concordance(repo, rare))
        timed(
            f"plain, name {common!r}, whole word, case",
            lambda: concordance(repo, common, case=True, whole_word=True),
        )
        timed("plain, frequent word 'minister' (limit 1000)", lambda: concordance(repo, "minister"))
        timed("plain, absent 'zebrafish'", lambda: concordance(repo, "zebrafish"))
        timed(
            r"regex 'flood\w* in \w+' (literal prefilter)",
            lambda: concordance(repo, r"flood\w* in \w+", regex=True),
        )
        timed(
            r"regex '[A-Z]\w+ strike' (literal ' strike')",
            lambda: concordance(repo, r"[A-Z]\w+ strike", regex=True),
        )
        timed(
            r"regex '\d{4}' (no literal: full scan)",
            lambda: concordance(repo, r"\d{4}", regex=True),
        )
        gazetteer = Gazetteer([Term(n, "GPE") for n in names], repo.schema(), "gazetteer:bench")
        ticks: list[float] = []
        start = time.perf_counter()

        def progress(done: int, total: int, message: str = "") -> None:
            if done % 1000 == 0:
                ticks.append(time.perf_counter() - start)

        report = run_preannotation(repo, gazetteer, progress=progress)
        elapsed = time.perf_counter() - start
        print(
            f"gazetteer {len(names)} terms over {len(corpus)} documents: {elapsed:.1f} s, "
            f"{report.total} suggestions; progress ticks at "
            + ", ".join(f"{t:.0f}s" for t in ticks)
        )
        repo.db.close()


if __name__ == "__main__":
    main()
