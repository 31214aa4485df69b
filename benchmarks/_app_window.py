"""The process ``app_benchmark.py`` measures: start the app on one document, then open another.

    python benchmarks/_app_window.py DB SETTINGS START_DOC NEXT_DOC STARTED

``STARTED`` is the wall-clock time at which the parent launched this process, so the cold start
includes the interpreter and every import. Each figure is checked: the window must have painted
and must hold the document and the number of spans the database has for it.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _probes import PaintCounter, rss_mb
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from annotator.gui.app import application, create_window, settle_after_startup

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SWITCHES = 3
"""Times the window goes back to the first document and on to the second, after the timed
open: whether memory stays where it was (freed buffers kept resident show up here)."""


def check_showing(window: MainWindow, doc_id: str, paints: PaintCounter, before: int) -> int:
    """The window shows ``doc_id`` with all its spans and painted it; returns the span count."""
    assert window.workspace.doc is not None and window.workspace.doc.id == doc_id, (
        window.workspace.doc,
        doc_id,
    )
    shown = len(window.view.spans())
    assert shown == window.workspace.repo.span_count(doc_id), (
        shown,
        window.workspace.repo.span_count(doc_id),
    )
    assert paints.paints > before, "the article view did not paint"
    return shown


def measure(
    window: MainWindow, paints: PaintCounter, start_doc: str, next_doc: str, started: float
) -> None:
    """Print the cold start and the opening of ``next_doc``; called once the event loop runs."""
    app = QApplication.instance()
    assert app is not None
    app.processEvents()  # the first paint is still queued when the event loop starts
    elapsed = time.time() - started
    shown = check_showing(window, start_doc, paints, 0)
    print(f"cold start to a painted window showing {start_doc!r} ({shown:,} spans): ", end="")
    print(f"{elapsed:.2f} s")
    print(f"resident memory: {rss_mb():.0f} MB")
    before = paints.paints
    t0 = time.perf_counter()
    window.workspace.open_document(next_doc)
    window.view.viewport().repaint()
    app.processEvents()
    elapsed_ms = (time.perf_counter() - t0) * 1000
    shown = check_showing(window, next_doc, paints, before)
    size = len(window.workspace.doc.text.encode()) / 1e6 if window.workspace.doc else 0.0
    print(
        f"open {next_doc!r} ({size:.1f} MB, {shown:,} spans; read + view + first paint): "
        f"{elapsed_ms:.0f} ms"
    )
    print(f"resident memory: {rss_mb():.0f} MB")
    for doc_id in (start_doc, next_doc) * SWITCHES:
        window.workspace.open_document(doc_id)
        app.processEvents()
    check_showing(window, next_doc, paints, before)
    print(f"resident memory after switching back and forth {SWITCHES} times: {rss_mb():.0f} MB")


def main() -> int:
    db_path, settings_path, start_doc, next_doc = sys.argv[1:5]
    started = float(sys.argv[5])
    app = application()
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    window = create_window(Path(db_path), start_doc, "bench", settings)
    settle_after_startup()  # as run_app does
    paints = PaintCounter(window.view.viewport())
    window.show()

    def run() -> None:
        try:
            measure(window, paints, start_doc, next_doc, started)
        except Exception:
            traceback.print_exc()
            app.exit(1)  # a failed check must fail the benchmark, not leave the app running
        else:
            app.quit()

    QTimer.singleShot(0, run)
    code = app.exec()
    window.workspace.repo.db.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
