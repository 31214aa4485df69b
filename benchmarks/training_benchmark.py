"""Training a model on 200 documents x 21 entity spans, then pre-annotating 1,000 documents with it.

    python benchmarks/training_benchmark.py [--runs 2] [--documents 200] [--todo 1000]
                                            [--max-time 45]

The project holds ``--documents`` done documents (generated English and Indonesian sentences
with people, organisations and places: ``tests.helpers.name_corpus``, 21 spans each) and
``--todo`` unfinished documents without spans, half with the same names, half with names the
model never saw. Each run is ``train_model`` as ``annotator train`` calls it (a child process,
``--max-time`` seconds at most, 20 % of the documents held out), timed from the call to its
return, with where the time went: reading the annotations and writing the job, the child's
start, training, scoring on the held-out documents. "Dev F >= 0.90" is when the first
evaluation at or above 0.90 reached the parent. Then the last model pre-annotates the unfinished
documents (``suggest_with_model`` with ``TrainedModelSuggester``, as ``annotator preannotate
--model`` does), and the suggestions are counted in the database and checked against the names
the documents were generated with.

Targets: a usable model (held-out F >= 0.90) in under 60 s; 1,000 documents pre-annotated in
under 30 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from _training_corpus import add_done_documents, add_unfinished_documents

from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.models import trained_models
from annotator.store.repository import Repository
from annotator.store.suggestions import suggestions
from annotator.training.card import CARD_FILE, SCORES_FILE
from annotator.training.settings import TrainSettings
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model
from annotator.training.train import train_model

USABLE = 0.90


class Timeline:
    """When each phase of a training began, from its progress messages and events."""

    PHASES = (
        ("starting the training process", "child start"),
        ("reading the annotations", "read + job"),
        ("training ", "training"),
        ("scoring on the held-out", "scoring"),
    )

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.marks: dict[str, float] = {}
        self.usable: float | None = None
        self.usable_step: int | None = None
        self.evaluations = 0

    def progress(self, done: int, total: int, message: str = "") -> None:
        for prefix, phase in self.PHASES:
            if message.startswith(prefix) and phase not in self.marks:
                self.marks[phase] = time.perf_counter() - self.started

    def event(self, event: dict[str, Any]) -> None:
        if event.get("event") != "step":
            return
        self.evaluations += 1
        if self.usable is None and float(event["score"]) >= USABLE:
            self.usable = time.perf_counter() - self.started
            self.usable_step = int(event["step"])

    def phases(self, total: float) -> str:
        names = [phase for _, phase in self.PHASES if phase in self.marks]
        ends = [self.marks[n] for n in names[1:]] + [total]
        return ", ".join(
            f"{n} {end - self.marks[n]:.1f} s" for n, end in zip(names, ends, strict=True)
        )


def train_once(repo: Repository, out: Path, max_time: float, run: int) -> Path:
    settings = TrainSettings(layers=("entity",), max_time=max_time)
    timeline = Timeline()
    result = train_model(
        repo,
        settings,
        out,
        project="bench",
        trained_by="bench",
        progress=timeline.progress,
        on_event=timeline.event,
    )
    total = time.perf_counter() - timeline.started
    assert (out / CARD_FILE).is_file() and (out / SCORES_FILE).is_file(), "no card beside model"
    assert any(m.id == result.model_id for m in trained_models(repo)), "model not recorded"
    held_out = result.scores.overall
    train_docs = len(result.card["documents"]["train"])
    usable = (
        f"{timeline.usable:.1f} s (step {timeline.usable_step})"
        if timeline.usable is not None
        else f"not reached in {timeline.evaluations} evaluations"
    )
    print(
        f"run {run}: train_model {total:.1f} s  (target < 60 s; {train_docs} documents, "
        f"{len(result.card['documents']['held_out'])} held out)"
    )
    print(f"  {timeline.phases(total)}")
    print(
        f"  dev F >= {USABLE:.2f} after {usable}; {result.card['training']['steps']} steps, "
        f"best dev score {result.card['training']['best_dev_score']:.3f}"
    )
    print(
        f"  held-out P / R / F: {held_out.precision:.3f} / {held_out.recall:.3f} / "
        f"{held_out.f:.3f} (usable: F >= {USABLE:.2f})"
    )
    return out


def preannotate(repo: Repository, model: Path, names: dict[str, set[tuple[int, int, str]]]) -> None:
    started = time.perf_counter()
    suggester = TrainedModelSuggester.load(model)
    loaded = time.perf_counter() - started
    saving: list[float] = []

    def progress(done: int, total: int, message: str = "") -> None:
        if message.startswith("saving") and not saving:
            saving.append(time.perf_counter())

    report = suggest_with_model(
        repo, suggester, sorted(names), annotator="bench", progress=progress
    )
    finished = time.perf_counter()
    total = finished - started
    stored = [s for s in suggestions(repo) if s.source == suggester.source]
    assert len(stored) == report.total, (len(stored), report.total)
    assert {s.doc_id for s in stored} <= set(names), "suggestions outside the documents asked"
    seen_docs = {d for n, d in enumerate(sorted(names)) if n % 2 == 0}
    print(
        f"pre-annotate {len(names):,} documents: {total:.1f} s (target < 30 s), "
        f"{len(stored):,} suggestions from {suggester.source}"
    )
    print(
        f"  loading the model {loaded:.1f} s, running it {saving[0] - started - loaded:.1f} s, "
        f"saving the suggestions {finished - saving[0]:.1f} s"
    )
    for label, docs in (("same names", seen_docs), ("unseen names", set(names) - seen_docs)):
        gold = {(d, *key) for d in docs for key in names[d]}
        found = {(s.doc_id, s.start, s.end, s.label) for s in stored if s.doc_id in docs}
        hits = len(gold & found)
        print(
            f"  {label}: {hits:,} of {len(gold):,} names suggested exactly "
            f"(recall {hits / len(gold):.3f}, precision {hits / max(1, len(found)):.3f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--todo", type=int, default=1000)
    parser.add_argument("--max-time", type=float, default=45.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        repo = Repository(open_db(tmp / "bench.db"))
        ensure_project(repo, with_samples=False)
        spans = add_done_documents(repo, args.documents)
        names = add_unfinished_documents(repo, args.todo)
        print(
            f"{args.documents} done documents with {spans:,} entity spans, "
            f"{args.todo:,} unfinished documents; --max-time {args.max_time:g}"
        )
        model = tmp / "model-1"
        for run in range(1, args.runs + 1):
            model = train_once(repo, tmp / f"model-{run}", args.max_time, run)
        preannotate(repo, model, names)
        repo.db.close()


if __name__ == "__main__":
    main()
