"""Time a cold export of one 5 KB document in each format, each in a fresh process as a user's
``annotator export`` runs: start-up and library imports count, which is what a small export is
made of. Prints the median of ``--runs`` runs per format: wall time, and the CPU time of the
process (user + system), which a busy machine disturbs less.

    PYTHONPATH=src python benchmarks/small_export_benchmark.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ["native", "brat", "doccano", "labelstudio", "prodigy", "conll", "spacy", "hf"]
SENTENCE = "Maria Santos flew from Rotterdam to Tokyo on 1996-08-30 with an all-rounder. "


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = (SENTENCE * (5000 // len(SENTENCE) + 1))[:5000].rstrip()
        spans = [
            {"layer": "entity", "label": "PER", "start": i, "end": i + 12, "text": "Maria Santos"}
            for i in range(0, len(text) - 12, len(SENTENCE))
        ]
        source = folder / "doc.jsonl"
        source.write_text(json.dumps({"id": "d", "text": text, "spans": spans}) + "\n", "utf-8")
        db = folder / "p.db"
        _cli("import", "--db", str(db), str(source))
        for fmt in FORMATS:
            wall, cpu = [], []
            for run in range(args.runs):
                out = folder / f"{fmt}-{run}"
                before, start = _children_cpu(), time.perf_counter()
                _cli("export", "--db", str(db), "--format", fmt, "--out", str(out))
                wall.append(time.perf_counter() - start)
                cpu.append(_children_cpu() - before)
            print(
                f"{fmt:12} wall {statistics.median(wall):5.2f} s   "
                f"cpu {statistics.median(cpu):5.2f} s"
            )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "annotator", *args], check=True, capture_output=True)


if __name__ == "__main__":
    main()
