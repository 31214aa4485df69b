"""Regenerate the README's screenshot: the app, offscreen, on a sample article.

Run from the repository root: ``python scripts/readme_screenshot.py [OUT.png]``
(default ``docs/screenshot.png``). It builds a throwaway project with the bundled samples
and settings in a temporary folder, so the user's own project and settings are untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from annotator.gui.app import application
from annotator.gui.main_window import MainWindow
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

SAMPLE = "port-strike-rotterdam"
SIZE = (1280, 800)


def main(out: Path) -> int:
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "samples.annotator.db"
        repo = Repository(open_db(db_path))
        ensure_project(repo, with_samples=True)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(repo, db_path, "annotator", settings)
        window.resize(*SIZE)
        doc_id = next((d for d in repo.document_ids() if d.startswith(SAMPLE)), None)
        window.documents.open_first_document(doc_id)
        window.show()
        app.processEvents()
        doc = window.workspace.doc
        claims = [s for s in repo.spans(doc.id) if s.layer == "claim"] if doc else []
        if claims:  # selected, so its relation arcs are drawn strong
            window.view.select_span(claims[0].id)
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        window.close()
        repo.db.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshot.png")))
