"""``annotator docs``: list the project's documents, in the work queue's order."""

from __future__ import annotations

import json

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.store.backend import Location

ORDERS = ("list", "uncertainty", "random")


@click.command()
@db_option
@click.option(
    "--annotator",
    default=None,
    help="Whose status to show, and whose assignments to mark (default: your name).",
)
@click.option(
    "--order",
    type=click.Choice(ORDERS),
    default="list",
    show_default=True,
    help="uncertainty: unfinished documents the model is least sure of first, then those it "
    "has not scored, then the done ones; random: a shuffle that --seed repeats.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="For --order random.")
@click.option(
    "--model",
    "model_id",
    default=None,
    help="Whose uncertainty to show (a version `annotator models` lists; default: the model "
    "that scored documents last).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@user_errors
def docs(
    db_path: Location | None,
    annotator: str | None,
    order: str,
    seed: int,
    model_id: str | None,
    as_json: bool,
) -> None:
    """List the documents with their span counts, the annotator's status, whether they are
    assigned to the annotator (*), how many of the document's annotators are done, and the
    model's uncertainty about each (0 sure .. 1 unsure) once a model has scored them."""
    from annotator.store.models import trained_model
    from annotator.store.statuses import all_statuses
    from annotator.store.work_queue import DONE, QueueOrder, order_documents, queue_uncertainty

    repo = open_repository(db_path, readonly=True, annotator=annotator)
    if model_id is not None and trained_model(repo, model_id) is None:
        raise click.UsageError(
            f"--model {model_id}: no such model in this project (`annotator models` lists them)"
        )
    uncertainty = queue_uncertainty(repo, model_id)
    by_id = {r.id: r for r in repo.documents()}  # every document, in list order
    chosen = QueueOrder(order, seed, model_id)
    rows = [by_id[i] for i in order_documents(repo, list(by_id), chosen, uncertainty)]
    if order == "uncertainty":  # done documents need no more work: after the others
        rows = [r for r in rows if r.status != DONE] + [r for r in rows if r.status == DONE]
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
                        "uncertainty": uncertainty.get(r.id),
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
    scored = f"  {'uncert.':>7}" if uncertainty else ""
    click.echo(f"{'id'.ljust(width)}    {'spans':>6}  {'status':<12} {'done':>5}{scored}  title")
    for r in rows:
        mark = "*" if repo.viewer in assigned.get(r.id, []) else " "
        done = f"{r.done_by}/{r.annotators}" if r.annotators else ""
        if uncertainty:
            u = uncertainty.get(r.id)
            scored = f"  {'-' if u is None else f'{u:.4f}':>7}"
        click.echo(
            f"{r.id.ljust(width)} {mark}  {r.span_count:>6}  {r.status:<12} {done:>5}{scored}  "
            f"{r.title[:60]}"
        )
    if any(repo.viewer in names for names in assigned.values()):
        click.echo(f"* assigned to {repo.viewer}")
