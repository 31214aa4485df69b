"""Corpus search and gazetteer pre-annotation on 10,000 documents (about 50 MB).

Run: ``python benchmarks/search_benchmark.py [--docs N] [--size CHARS] [--terms N]``
Targets: corpus search < 1 s; gazetteer of 10,000 terms < 60 s.

Each search is timed three times on a fresh connection (best and median printed) and shown
with its hit count and its candidates: the documents the trigram index lets through to
Python's ``re`` (a search stops reading them at 1,000 hits). The gazetteer's suggestions are
counted in the database afterwards.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.find import FindOptions
from annotator.core.model import Document
from annotator.preannotate import run_preannotation
from annotator.preannotate.gazetteer import Gazetteer, Term
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.search import candidate_ids, concordance

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


def timed(repo: Repository, label: str, query: str, options: FindOptions) -> None:
    """Best and median of three runs of one corpus search, with its hits and candidates."""
    times, hits = [], []
    for _ in range(3):
        start = time.perf_counter()
        hits = concordance(
            repo, query, regex=options.regex, case=options.case, whole_word=options.whole_word
        )
        times.append(time.perf_counter() - start)
    read = len(candidate_ids(repo, query, options))
    print(
        f"{label:<56} best {min(times) * 1000:7.2f} ms, "
        f"median {statistics.median(times) * 1000:7.2f}  hits={len(hits)} candidates={read}"
    )


def stored_suggestions(repo: Repository) -> int:
    return int(repo.db.execute("SELECT count(*) FROM suggestions").fetchone()[0])


def benchmark_searches(names: list[str]) -> list[tuple[str, str, FindOptions]]:
    """(label, query, options) of the searches timed, on SQLite and on a server alike: a rare
    and a common name, a frequent and an absent word, and regexes the index narrows or not."""
    rare, common = names[len(names) * 1234 // 10_000], names[10]
    plain, regex = FindOptions(), FindOptions(regex=True)
    word_case = FindOptions(case=True, whole_word=True)
    return [
        (f"plain, rare name {rare!r}", rare, plain),
        (f"plain, name {common!r}, whole word, case", common, word_case),
        ("plain, frequent word 'minister' (limit 1000)", "minister", plain),
        ("plain, absent 'zebrafish'", "zebrafish", plain),
        (r"regex 'flood\w* in \w+' (index narrows by 'flood')", r"flood\w* in \w+", regex),
        (r"regex '[A-Z]\w+ strike' (index narrows by ' strike')", r"[A-Z]\w+ strike", regex),
        (r"regex '\d{4}' (no literal: reads every document)", r"\d{4}", regex),
    ]


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
        db_path = Path(tmp) / "bench.db"
        repo = Repository(open_db(db_path))
        ensure_project(repo, with_samples=False)
        start = time.perf_counter()
        with repo.transaction():
            for doc in corpus:
                repo.add_document(doc)
        print(f"import with FTS5 trigram index: {time.perf_counter() - start:.1f} s")
        assert len(repo.document_ids()) == len(corpus)
        repo.db.close()

        repo = Repository(open_db(db_path))
        for label, query, options in benchmark_searches(names):
            timed(repo, label, query, options)

        gazetteer = Gazetteer([Term(n, "GPE") for n in names], repo.schema(), "gazetteer:bench")
        ticks: list[float] = []
        start = time.perf_counter()

        def progress(done: int, total: int, message: str = "") -> None:
            if done % 1000 == 0:
                ticks.append(time.perf_counter() - start)

        report = run_preannotation(repo, gazetteer, progress=progress)
        elapsed = time.perf_counter() - start
        stored = stored_suggestions(repo)
        assert stored == report.total, (stored, report.total)
        print(
            f"gazetteer {len(names)} terms over {len(corpus)} documents: {elapsed:.1f} s, "
            f"{stored} suggestions stored; progress ticks at "
            + ", ".join(f"{t:.0f}s" for t in ticks)
        )
        repo.db.close()


if __name__ == "__main__":
    main()
