"""``annotator docs``: list the project's documents."""

from __future__ import annotations

import json

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.store.backend import Location


@click.command()
@db_option
@click.option(
    "--annotator",
    default=None,
    help="Whose status to show, and whose assignments to mark (default: your name).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@user_errors
def docs(db_path: Location | None, annotator: str | None, as_json: bool) -> None:
    """List the documents with their span counts, the annotator's status, whether they are
    assigned to the annotator (*) and how many of the document's annotators are done."""
    from annotator.store.statuses import all_statuses

    repo = open_repository(db_path, readonly=True, annotator=annotator)
    rows = repo.documents()
    assigned = {
        doc_id: sorted(name for name, (_status, on) in names.items() if on)
        for doc_id, names in all_statuses(repo).items()
    }
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "lang": r.lang,
                        "status": r.status,
                        "spans": r.span_count,
                        "assigned_to": assigned.get(r.id, []),
                        "done_by": {"done": r.done_by, "of": r.annotators},
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not rows:
        click.echo("no documents")
        return
    width = max(len(r.id) for r in rows)
    click.echo(f"{'id'.ljust(width)}    {'spans':>6}  {'status':<12} {'done':>5}  title")
    for r in rows:
        mark = "*" if repo.viewer in assigned.get(r.id, []) else " "
        done = f"{r.done_by}/{r.annotators}" if r.annotators else ""
        click.echo(
            f"{r.id.ljust(width)} {mark}  {r.span_count:>6}  {r.status:<12} {done:>5}  "
            f"{r.title[:60]}"
        )
    if any(repo.viewer in names for names in assigned.values()):
        click.echo(f"* assigned to {repo.viewer}")
