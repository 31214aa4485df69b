"""The click group, shared options and the way errors reach the terminal."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.config import default_db_path, resolve_annotator
from annotator.core.errors import AnnotatorError
from annotator.core.progress import Progress, no_progress
from annotator.store.backend import Location, ProjectDb, is_server_location, url_scheme
from annotator.store.db import open_db
from annotator.store.repository import Repository

F = TypeVar("F", bound=Callable[..., Any])

WRITE_LOCK_WAIT = 600.0
"""Seconds a command's write waits for another program's write (an import, a schema change)
to finish: two commands run one after the other instead of one failing."""


def _db_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Location | None:
    """The ``--db`` value: a file path, or a PostgreSQL connection string kept as it is
    (pathlib would fold its ``//``); another URL is refused."""
    if value is None:
        return None
    return as_location(value)


def as_location(value: str) -> Location:
    """A project given on the command line: a PostgreSQL connection string as it is, a file
    path as a Path; a URL of another server is refused (click.BadParameter)."""
    if is_server_location(value):
        return value
    scheme = url_scheme(value)
    if scheme is not None:
        raise click.BadParameter(
            f"{value} is a {scheme}: URL; a project is a SQLite file path or a PostgreSQL "
            "connection string (postgresql://user@host/database)"
        )
    return Path(value)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=str,
        callback=_db_path,
        envvar="ANNOTATOR_DB",
        default=None,
        help="Project: a SQLite file or a PostgreSQL connection string such as "
        "postgresql://user@host/corpus or service=NAME (default: $ANNOTATOR_DB, else the "
        "embedded default project).",
    )(func)


def resolve_db(db_path: Location | None) -> Location:
    if db_path is not None:
        return db_path
    env = os.environ.get("ANNOTATOR_DB")
    if env and is_server_location(env):
        return env
    return default_db_path()


def resolve_file(db_path: Location | None, what: str) -> Path:
    """The project file, for what only a SQLite file has (``what``: "backups"); a server
    project is refused with what to do instead."""
    location = resolve_db(db_path)
    if is_server_location(location):
        raise click.UsageError(
            f"{what} are of SQLite project files; a project on a PostgreSQL server is backed up "
            "with the server's tools (pg_dump) or copied to a file with 'annotator copy'"
        )
    return Path(location)


def open_repository(
    db_path: Location | None, *, readonly: bool = False, annotator: str | None = None
) -> Repository:
    """The project at ``db_path`` (else the default one); a writable one gets the default
    schema if it has none yet.

    The default project is created on first use by any command, reading ones too, with the
    sample articles, as the app creates it: a new user's ``annotator docs`` lists them.
    Document statuses are read and written as ``annotator``'s (default: the configured user;
    on a secured server project the connecting role's, see ``_annotator_on``).
    """
    from annotator.seed import ensure_project

    path = resolve_db(db_path)
    default = not is_server_location(path) and (
        Path(path).expanduser().resolve() == default_db_path().expanduser().resolve()
    )
    if default and not Path(path).exists():
        created = open_db(path)
        ensure_project(Repository(created), with_samples=True)
        created.close()
    db = open_db(path, readonly=readonly, lock_wait=WRITE_LOCK_WAIT)
    repo = Repository(db, viewer=_annotator_on(db, annotator, writing=not readonly))
    if not readonly:
        ensure_project(repo, with_samples=default)
    return repo


def _annotator_on(db: ProjectDb, explicit: str | None, *, writing: bool) -> str:
    """The configured (or given) name; on a secured server project, the connecting role's
    (``store.postgres.roles.annotator_for``: another name given explicitly is refused)."""
    from annotator.store.postgres.roles import annotator_for

    try:
        return annotator_for(db, resolve_annotator(explicit), explicit, writing=writing)
    except AnnotatorError:
        db.close()
        raise


def _server_failures() -> tuple[type[Exception], ...]:
    """psycopg's errors (a connection lost, a server shut down, a write on a read-only open
    that no transaction of the store wrapped) once a server project has loaded the driver;
    SQLite's own errors reach the store's messages instead."""
    psycopg = sys.modules.get("psycopg")
    return (psycopg.Error,) if psycopg is not None else ()


def user_errors(func: F) -> F:
    """Turn AnnotatorError, an OSError no layer below named (a full disk, a missing
    permission), and a PostgreSQL connection lost in the middle of a command into a one-line
    ``Error: ...`` and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None
        except _server_failures() as exc:
            from annotator.store.postgres.failures import first_line

            raise click.ClickException(
                f"the PostgreSQL server failed during the command: {first_line(exc)}; what the "
                "command had not committed was not saved"
            ) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def terminal_progress(label: str) -> Iterator[Progress]:
    """A click progress bar on an interactive terminal; silent otherwise."""
    stream = sys.stderr
    if not stream.isatty():
        yield no_progress
        return
    with click.progressbar(length=1, label=label, file=stream) as bar:
        state = {"done": 0}

        def update(done: int, total: int, message: str = "") -> None:
            if total and bar.length != total:
                bar.length = total
            bar.update(done - state["done"])
            state["done"] = done

        yield update


def print_versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from annotator.config import runtime_versions

    for name, version in runtime_versions():
        click.echo(f"{name}: {version}")
    ctx.exit()


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=print_versions,
    help="Print the versions of annotator, Python, PySide6/Qt, SQLite, spaCy; the log folder.",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Annotate entities, claims and sections in news articles; every edit is saved to SQLite.

    Run without a command to open the app on the default project.
    """
    if ctx.invoked_subcommand is None:
        from annotator.cli.gui import gui

        ctx.invoke(gui)
