"""Another program writing to the project: a held write lock, or an import in a subprocess."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def write_lock_held(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the project's write lock, as a long import in another process does."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def write_lock_taken(db_path: Path) -> bool:
    """Whether another connection holds the write lock right now."""
    probe = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def articles_file(path: Path, count: int) -> Path:
    """A native JSONL file of ``count`` articles with ten GPE spans each."""
    sentence = "Budi Santoso visited Jakarta and Surabaya. "
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            spans = [
                {
                    "layer": "entity",
                    "label": "GPE",
                    "start": 21 + 43 * k,
                    "end": 28 + 43 * k,
                    "text": "Jakarta",
                }
                for k in range(10)
            ]
            record = {"id": f"article-{n}", "text": sentence * 10, "spans": spans}
            out.write(json.dumps(record) + "\n")
    return path


@contextmanager
def import_running(db_path: Path, source: Path) -> Iterator[subprocess.Popen[str]]:
    """``annotator import`` of ``source`` in another process; yields once it holds the write
    lock, and waits for it to end on leaving."""
    child = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", "--db", str(db_path), str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not write_lock_taken(db_path):
            if child.poll() is not None:
                raise AssertionError(f"the import ended before it wrote: {child.communicate()}")
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.005)
        yield child
    finally:
        child.communicate(timeout=120)
