"""The standalone Linux app: ``packaging/build_linux.py`` builds it, ``install.sh`` installs
it with its desktop entry, icon and AppStream metadata, and the installed program, run with
no Python environment, opens the default project, imports a file, exports it (read back with
spaCy) and starts the window offscreen.

It takes minutes, so it runs only with ``ANNOTATOR_BUILD_APP=1`` (see the README).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from tests.helpers.markers import TESTS

ROOT = TESTS.parent
APP_ID = "io.github.annotator.Annotator"
TEXT = "Floods hit Jakarta 😀 today."


def app_env(home: Path) -> dict[str, str]:
    """A user's environment: no virtualenv, no Python path, folders of its own, no display."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def run(program: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(program), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_built_app_installs_imports_exports_and_opens_its_window(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build_linux.py"),
            "--out",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        check=True,
        timeout=1800,
    )
    bundle = tmp_path / "dist" / "annotator-linux"
    prefix = tmp_path / "prefix"
    home = tmp_path / "home"
    env = app_env(home)
    subprocess.run(
        ["sh", str(bundle / "install.sh")], env={**env, "PREFIX": str(prefix)}, check=True
    )
    program = prefix / "bin" / "annotator"
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
    assert f"Exec={program} %F" in desktop and f"Icon={APP_ID}" in desktop
    assert (
        prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    ).is_file()
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()

    versions = run(program, "--version", env=env)
    assert "annotator: 0.1.0" in versions and "spaCy: 3.8" in versions
    assert "PySide6 (Qt): 6." in versions

    source = tmp_path / "in.jsonl"
    start = TEXT.index("Jakarta")
    record = {
        "id": "d1",
        "text": TEXT,
        "spans": [{"layer": "entity", "label": "GPE", "start": start, "end": start + 7}],
    }
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert "imported 1 document(s) with 1 span(s)" in run(program, "import", str(source), env=env)
    default_project = home / "data" / "annotator" / "default.annotator.db"
    assert default_project.is_file()

    native = tmp_path / "out.jsonl"
    run(program, "export", "--out", str(native), env=env)
    [exported] = [json.loads(line) for line in native.read_text("utf-8").splitlines()]
    [span] = exported["spans"]
    assert exported["text"][span["start"] : span["end"]] == span["text"] == "Jakarta"

    folder = tmp_path / "spacy"
    run(program, "export", "--format", "spacy", "--out", str(folder), env=env)
    nlp = spacy.blank("en")
    [doc] = DocBin().from_disk(folder / "train.spacy").get_docs(nlp.vocab)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Jakarta", "GPE")]

    window = subprocess.Popen(
        [str(program)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    log = home / "state" / "annotator" / "log" / "annotator.log"
    backups = home / "data" / "annotator" / "backups"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (
            log.is_file()
            and "opened" in log.read_text("utf-8")
            and any(backups.rglob("*-on-open.backup.db"))
        ):
            assert window.poll() is None, window.stdout.read() if window.stdout else ""
            time.sleep(0.5)
        assert f"opened {default_project}" in log.read_text("utf-8")
        assert any(backups.rglob("*-on-open.backup.db"))  # a background task ran in the app
        assert window.poll() is None
    finally:
        window.terminate()
        window.wait(30)
