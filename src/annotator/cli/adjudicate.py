"""``annotator adjudicate``: what enough annotators agree on becomes the gold annotation."""

from __future__ import annotations

import json

import click

from annotator.cli.app import db_option, open_repository, terminal_progress, user_errors
from annotator.store.backend import Location


@click.command()
@db_option
@click.option(
    "--min-agree",
    default=2,
    show_default=True,
    type=int,
    help="How many annotators must have made a span (same layer, label, start, end).",
)
@click.option("--docs", "doc_ids", default=None, metavar="IDS", help="Only these documents (a,b).")
@click.option(
    "--annotators",
    default=None,
    metavar="NAMES",
    help="Compare only these annotators (a,b,c; default: all who marked a document done).",
)
@click.option(
    "--curator", default=None, help="Name in the edit log (default: the configured annotator)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome per document as JSON.")
@user_errors
def adjudicate(
    db_path: Location | None,
    min_agree: int,
    doc_ids: str | None,
    annotators: str | None,
    curator: str | None,
    as_json: bool,
) -> None:
    """Copy into gold the spans (and relations between them) on which at least --min-agree
    annotators agree exactly, over the documents that many annotators have marked done.

    The rest waits for the curator; a document with nothing left to decide is marked
    curated. One transaction, recorded in the edit log under the curator's name.
    """
    from annotator.core.team import split_annotators
    from annotator.team.adjudicate import adjudicate_project

    names = split_annotators(annotators) if annotators is not None else None
    wanted = [d.strip() for d in doc_ids.split(",") if d.strip()] if doc_ids else None
    repo = open_repository(db_path, annotator=curator)
    with terminal_progress("Adjudicating") as progress:
        report = adjudicate_project(
            repo,
            min_agree=min_agree,
            curator=repo.viewer,
            doc_ids=wanted,
            annotators=names,
            progress=progress,
        )
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    for line in report.lines():
        click.echo(line)
