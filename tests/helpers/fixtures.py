"""Fixtures every test folder uses: isolated user folders, a seeded project, an emoji document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from tests.helpers.saved import SavedProject


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data, config or default project."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repository]:
    repository = Repository(open_db(db_path))
    ensure_project(repository, with_samples=False)
    yield repository
    repository.db.close()


@pytest.fixture
def saved(db_path: Path) -> SavedProject:
    """The test database as another process reads it."""
    return SavedProject(db_path)


EMOJI_TEXT = (
    "Hi 😀 there, Jakarta 👩🏽‍🎨 and e\u0301 café in القاهرة and 東京.\tTabbed line\nSecond line."
)


@pytest.fixture
def emoji_doc(repo: Repository) -> Document:
    doc = Document(id="emoji", text=EMOJI_TEXT, title="Emoji test", lang="en")
    with repo.transaction():
        repo.add_document(doc)
    return doc
