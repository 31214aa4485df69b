"""The store's tests run on both servers: each test that takes the ``repo`` fixture, and no
SQLite file of its own (``db_path``, ``saved``), runs once on SQLite and once on PostgreSQL
with the same assertions: the conformance suite of the store."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.seed import ensure_project
from annotator.store.backend import Location
from annotator.store.db import open_db
from annotator.store.repository import Repository

BACKENDS = ("sqlite", "postgresql")
_FILE_FIXTURES = frozenset({"db_path", "saved"})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    arguments = set(inspect.signature(metafunc.function).parameters)
    on_a_project = {"repo", "project_location"} & set(metafunc.fixturenames)
    if on_a_project and not arguments & _FILE_FIXTURES:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def project_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Location:
    """Where the test's project lives: a file, or a database on the test server (a test that
    opens a second connection to the project of ``repo`` opens this)."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return tmp_path / "project.db"


@pytest.fixture
def repo(project_location: Location) -> Iterator[Repository]:
    repository = Repository(open_db(project_location))
    ensure_project(repository, with_samples=False)
    yield repository
    repository.db.close()
