"""``annotator reextract``: extract imported web pages again from the HTML kept with them."""

from __future__ import annotations

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.config import resolve_annotator
from annotator.store.backend import Location


@click.command()
@db_option
@click.argument("doc_ids", nargs=-1)
@click.option(
    "--keep-boilerplate/--drop-boilerplate",
    "keep_boilerplate",
    default=None,
    help="Keep or drop ad lines, read-also links and footers (default: as at import).",
)
@click.option("--annotator", default=None, help="Name recorded in the edit log.")
@user_errors
def reextract(
    db_path: Location | None,
    doc_ids: tuple[str, ...],
    keep_boilerplate: bool | None,
    annotator: str | None,
) -> None:
    """Extract the web pages of DOC_IDS (default: every imported page) again.

    Spans on text that is the same in the new extraction are kept at their new offsets;
    spans on changed text are removed and listed. A page that fails changes nothing.
    """
    from annotator.formats.reextract import reextract as run_reextract

    repo = open_repository(db_path)
    report = run_reextract(
        repo, doc_ids, keep_boilerplate=keep_boilerplate, annotator=resolve_annotator(annotator)
    )
    for line in report.lines():
        click.echo(line)
