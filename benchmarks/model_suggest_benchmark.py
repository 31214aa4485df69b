"""Pre-annotating with a trained model: 1,000 unfinished documents scored and suggested by a
model trained on 200 documents of about 20 entity spans each, the suggestions and each
document's uncertainty stored in one transaction (``suggest_with_model``); for comparison,
the same texts through plain ``nlp.pipe`` (no scores).

Run: ``python benchmarks/model_suggest_benchmark.py [--docs N] [--train-docs N]
[--max-time S] [--model DIR]`` (``--model``: a model already trained, skips the training).
Checked: every document has a stored uncertainty and suggestions were stored. The mean
uncertainty of each half is printed: names of the training syllables (but not the training
names) and names of syllables the training never saw.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.helpers.name_corpus

from tests.helpers.name_corpus import add_name_corpus

from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.models import document_uncertainty
from annotator.store.repository import Repository
from annotator.store.suggestions import suggestions
from annotator.training.settings import TrainSettings
from annotator.training.suggester import TrainedModelSuggester, suggest_with_model
from annotator.training.train import train_model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--train-docs", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=7, help="3 entity spans each")
    parser.add_argument("--max-time", type=float, default=30.0)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(open_db(Path(tmp) / "p.db"))
        ensure_project(repo, with_samples=False)
        add_name_corpus(repo, args.train_docs, sentences=args.sentences, prefix="train")
        model = args.model
        if model is None:
            model = Path(tmp) / "names"
            started = time.perf_counter()
            train_model(repo, TrainSettings(max_time=args.max_time), model, project="bench")
            took = time.perf_counter() - started
            print(f"trained on {args.train_docs} documents in {took:.1f} s")
        half = args.docs // 2
        seen = add_name_corpus(
            repo, half, sentences=args.sentences, seed=11, prefix="seen", status="todo"
        )
        unseen = add_name_corpus(
            repo,
            args.docs - half,
            sentences=args.sentences,
            seed=12,
            prefix="unseen",
            status="todo",
            unseen=True,
        )
        ids = [r.document.id for r in [*seen, *unseen]]
        suggester = TrainedModelSuggester.load(model)
        list(suggester.nlp.pipe(["Warm up the pipeline."]))
        started = time.perf_counter()
        report = suggest_with_model(repo, suggester, ids)
        took = time.perf_counter() - started
        scores = document_uncertainty(repo, suggester.model_id)
        stored = len(suggestions(repo))
        assert len(scores) == len(ids), "every document scored"
        assert stored == report.total > 0, "suggestions stored"
        mean_seen = sum(scores[r.document.id] for r in seen) / len(seen)
        mean_unseen = sum(scores[r.document.id] for r in unseen) / len(unseen)
        texts = [r.document.text for r in [*seen, *unseen]]
        started = time.perf_counter()
        list(suggester.nlp.pipe(texts, batch_size=64))
        plain = time.perf_counter() - started
        chars = sum(len(t) for t in texts)
        print(
            f"pre-annotated {len(ids)} documents ({chars / 1e6:.2f} M characters, "
            f"{stored} suggestions, {report.same_as_span} identical to an imported span) "
            f"with scores and uncertainty in {took:.1f} s "
            f"(target < 30 s); plain nlp.pipe over the same texts {plain:.1f} s"
        )
        print(
            f"mean uncertainty: other names of the training syllables {mean_seen:.4f}, "
            f"names of unseen syllables {mean_unseen:.4f}"
        )
        repo.db.close()


if __name__ == "__main__":
    main()
