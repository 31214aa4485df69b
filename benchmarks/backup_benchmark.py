"""Backup figures: a backup of a 200 MB project through SQLite's backup API in steps, while
another thread keeps committing user edits, and how long those edits and the main thread wait.

Run: python benchmarks/backup_benchmark.py [MEGABYTES]
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _corpus import article_text

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.seed import ensure_project
from annotator.store.backups import backup_contents, take_backup
from annotator.store.db import open_db
from annotator.store.repository import Repository

DOC_CHARS = 1_000_000


def build(db_path: Path, megabytes: int) -> None:
    """Documents of 1 MB until the file (text plus its search index) reaches ``megabytes``."""
    repo = Repository(open_db(db_path))
    ensure_project(repo, with_samples=False)
    text = article_text(DOC_CHARS)
    n = 0
    while db_path.stat().st_size < megabytes * 1e6:
        with repo.transaction():
            for _ in range(10):
                repo.add_document(Document(id=f"doc{n}", text=text, title=f"Doc {n}"))
                n += 1
    repo.db.close()


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        build(db_path, megabytes)
        size = db_path.stat().st_size / 1e6
        stop = threading.Event()
        waits: list[float] = []
        gaps: list[float] = []

        def edit() -> None:  # the app's connection: a committed span every 10 ms
            repo = Repository(open_db(db_path))
            doc = repo.document("doc0")
            n = 0
            while not stop.is_set():
                start = 10 + 11 * n
                span = make_span(doc, "entity", "MISC", start, start + 5, "bench")
                t0 = time.perf_counter()
                repo.apply(AddSpan(span), "bench")
                waits.append(time.perf_counter() - t0)
                n += 1
                time.sleep(0.01)
            repo.db.close()

        def tick() -> None:  # the GUI thread: how long it cannot run Python (GIL)
            last = time.perf_counter()
            while not stop.is_set():
                time.sleep(0.005)
                now = time.perf_counter()
                gaps.append(now - last - 0.005)
                last = now

        threads = [threading.Thread(target=edit), threading.Thread(target=tick)]
        for thread in threads:
            thread.start()
        time.sleep(2.0)
        before = len(waits)
        baseline = max(waits) * 1000
        t0 = time.perf_counter()
        info = take_backup(db_path, Path(tmp) / "backups", "bench")
        elapsed = time.perf_counter() - t0
        stop.set()
        for thread in threads:
            thread.join()
        contents = backup_contents(info.path)
        print(f"project {size:.0f} MB; backup (copy + integrity check) {elapsed:.2f} s")
        print(f"backup holds {contents.documents} documents, {contents.spans} spans")
        print(
            f"committed edits during the backup: {len(waits) - before}, longest "
            f"{max(waits[before:]) * 1000:.1f} ms (2 s before it: {baseline:.1f} ms); "
            "main thread longest stall "
            f"{max(gaps) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
