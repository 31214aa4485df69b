"""Time agreement over 1,000 documents, each marked done by 3 annotators with 30 spans apiece.

    python benchmarks/agreement_benchmark.py [--docs 1000] [--annotators 3] [--spans 30]

Each annotator marks the same 30 names of a document, with their own slips: about one span in
ten gets another label, one in ten a shifted end, one in twenty is left out. The figure is
``measure_agreement`` on the whole project in a fresh process (loading spaCy's English
tokenizer, reading documents and spans, tokenising, every measure per layer and per label),
wall clock and CPU time (the CPU figure says more on a machine shared with other work); it
must compare every document and every pair, and the agreement must come out high but below 1.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from annotator.core.model import Document, Span
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.team.agreement import measure_agreement

WORDS = ["the", "port", "workers", "said", "on", "Monday", "that"]
WORDS += ["talks", "with", "officials", "would", "resume", "soon"]
NAMES = [("Maria Santos", "PER"), ("Rotterdam", "GPE"), ("Acme Group", "ORG"), ("Tokyo", "GPE")]
LABELS = ["PER", "GPE", "ORG"]


def build(repo: Repository, docs: int, annotators: list[str], spans: int, seed: int = 1) -> int:
    """The project; returns how many spans were stored."""
    rng = random.Random(seed)
    stored = 0
    with repo.transaction():
        for n in range(docs):
            doc_id = f"bench-{n:05d}"
            text, names = "", []
            for k in range(spans):
                text += " ".join(rng.sample(WORDS, 4)) + " "
                name, label = NAMES[(n + k) % len(NAMES)]
                names.append((len(text), len(text) + len(name), label))
                text += name + ". "
            repo.add_document(Document(id=doc_id, text=text.rstrip()))
            for who in annotators:
                own = []
                for k, (start, end, label) in enumerate(names):
                    roll = rng.random()
                    if roll < 0.05:
                        continue
                    if roll < 0.15:
                        label = rng.choice([x for x in LABELS if x != label])
                    elif roll < 0.25:
                        end -= 1
                    own.append(
                        Span(
                            f"{doc_id}-{who}-{k}",
                            doc_id,
                            "entity",
                            label,
                            start,
                            end,
                            text[start:end],
                            annotator=who,
                        )
                    )
                stored += repo.add_spans(own)
                set_status(repo, doc_id, who, "done")
    return stored


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--spans", type=int, default=30)
    args = parser.parse_args()
    names = ["ana", "budi", "citra", "dewi", "eko"][: args.annotators]
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(open_db(Path(tmp) / "bench.db"))
        ensure_project(repo, with_samples=False)
        stored = build(repo, args.docs, names, args.spans)
        print(f"{args.docs:,} documents x {len(names)} annotators, {stored:,} spans")
        start, cpu = time.perf_counter(), time.process_time()
        report = measure_agreement(repo, names)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert report.docs == args.docs, report.docs
        assert len(report.overall.overall.pairs) == len(names) * (len(names) - 1) // 2
        alpha = report.overall.overall.krippendorff_alpha
        assert alpha is not None and 0.5 < alpha < 1, alpha
        print(f"agreement, all measures, layers and labels  {elapsed:6.2f} s ({cpu:.2f} s CPU)")
        print(
            f"  Krippendorff's alpha {alpha:.3f}, Fleiss' kappa "
            f"{report.overall.overall.fleiss_kappa:.3f}"
        )
        repo.db.close()


if __name__ == "__main__":
    main()
