"""The click group, shared options and the way errors reach the terminal."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.config import default_db_path
from annotator.core.errors import AnnotatorError
from annotator.core.progress import Progress, no_progress
from annotator.store.db import open_db
from annotator.store.repository import Repository

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="ANNOTATOR_DB",
        default=None,
        help="Project database (default: $ANNOTATOR_DB, else the embedded default project).",
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else default_db_path()


def open_repository(db_path: Path | None, *, readonly: bool = False) -> Repository:
    """The project at ``db_path`` (else the default one); a writable one gets the default
    schema if it has none yet.

    The default project is created on first use by any command, reading ones too, with the
    sample articles, as the app creates it: a new user's ``annotator docs`` lists them.
    """
    from annotator.seed import ensure_project

    path = resolve_db(db_path)
    default = path.expanduser().resolve() == default_db_path().expanduser().resolve()
    if default and not path.exists():
        created = open_db(path)
        ensure_project(Repository(created), with_samples=True)
        created.close()
    repo = Repository(open_db(path, readonly=readonly))
    if not readonly:
        ensure_project(repo, with_samples=default)
    return repo


def user_errors(func: F) -> F:
    """Turn AnnotatorError into a one-line ``Error: ...`` and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None

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


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Annotate entities, claims and sections in news articles; every edit is saved to SQLite.

    Run without a command to open the app on the default project.
    """
    if ctx.invoked_subcommand is None:
        from annotator.cli.gui import gui

        ctx.invoke(gui)
