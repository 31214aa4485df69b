"""Whole-app figures on a 5 MB article with 50,000 overlapping spans and 5,000 relations:
cold start to an interactive window, opening the article (database read + view + first paint)
and the resident memory of the app process.

Run: ``python benchmarks/app_benchmark.py``
Targets: cold start < 1 s, open < 300 ms, resident memory < 200 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _corpus import article_text, overlapping_spans

from annotator.core.model import Document, Relation, new_id
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

CHILD = textwrap.dedent(
    """
    import os, sys, time
    started = float(sys.argv[2])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from annotator.gui.app import application, create_window, settle_after_startup

    app = application()
    settings = QSettings(sys.argv[3], QSettings.Format.IniFormat)
    window = create_window(Path(sys.argv[1]), sys.argv[4], "bench", settings)
    settle_after_startup()  # as run_app does
    window.show()

    def interactive():
        print(f"cold start to interactive window ({sys.argv[4]}): {time.time() - started:.2f} s")
        with open("/proc/self/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS"))
        print(f"resident memory before opening the big article: {rss / 1024:.0f} MB")
        t0 = time.perf_counter()
        window.workspace.open_document("big")
        window.view.viewport().repaint()
        app.processEvents()
        print(f"open 5 MB / 50,000 spans (read + view + first paint): "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        with open("/proc/self/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS"))
        print(f"resident memory with the big article open: {rss / 1024:.0f} MB")
        app.quit()

    QTimer.singleShot(0, interactive)
    app.exec()
    """
)


def build(db_path: Path) -> None:
    repo = Repository(open_db(db_path))
    ensure_project(repo, with_samples=True)
    doc = Document(id="big", text=article_text(5_000_000), title="Big generated article")
    spans = overlapping_spans(doc, 50_000)
    claims = [s for s in spans if s.layer == "claim"]
    entities = [s for s in spans if s.label in ("PER", "ORG", "GPE")]
    relations = [
        Relation(new_id("r"), "big", "claimant", claims[i].id, entities[i].id) for i in range(5_000)
    ]
    with repo.transaction():
        repo.add_document(doc)
        repo.add_spans(spans)
        repo.add_relations(relations)
    repo.db.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        build(db_path)
        for first in ("festival-tokyo", "big"):
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    CHILD,
                    str(db_path),
                    repr(time.time()),
                    f"{tmp}/s.ini",
                    first,
                ],
                check=True,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )


if __name__ == "__main__":
    main()
