"""A killed process loses no committed span."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from annotator.core.model import Document
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

WRITER = textwrap.dedent(
    """
    import sys
    from annotator.core.edits import AddSpan
    from annotator.core.model import make_span
    from annotator.store.db import open_db
    from annotator.store.repository import Repository

    repo = Repository(open_db(sys.argv[1]))
    doc = repo.document("victim")
    n = 0
    while True:
        start = n % (len(doc.text) - 8)
        span = make_span(doc, "entity", "MISC", start, start + 5, "crash-test")
        repo.apply(AddSpan(span), "crash-test")
        print(span.id, flush=True)
        n += 1
    """
)


def test_sigkill_mid_run_loses_no_reported_span(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.db"
    repo = Repository(open_db(db_path))
    ensure_project(repo, with_samples=False)
    with repo.transaction():
        repo.add_document(Document(id="victim", text="Kalimantan 😀 Selatan banjir " * 40))
    repo.db.close()

    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    reported: list[str] = []
    deadline = time.monotonic() + 30
    while len(reported) < 300 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        reported.append(line.strip())
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(reported) >= 300, child.stderr.read() if child.stderr else ""

    after = open_db(db_path)
    assert after.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in after.execute("SELECT id FROM spans")}
    missing = [span_id for span_id in reported if span_id not in stored]
    assert missing == []
    logged = after.execute("SELECT count(*) FROM edit_log WHERE kind = 'add_span'").fetchone()[0]
    assert logged == len(stored)
