"""``annotator assign``: give each document to ``--per-doc`` of the named annotators."""

from __future__ import annotations

import json

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.core.model import DOCUMENT_STATUSES
from annotator.store.backend import Location


@click.command()
@db_option
@click.option(
    "--annotators", required=True, help="Comma-separated annotator names (ana,budi,citra)."
)
@click.option(
    "--per-doc",
    type=int,
    default=1,
    show_default=True,
    help="How many of them annotate each document.",
)
@click.option("--docs", default=None, help="Comma-separated document ids (default: all).")
@click.option(
    "--status",
    type=click.Choice(DOCUMENT_STATUSES),
    default=None,
    help="Only documents with this team status: the furthest any annotator got with it "
    "(todo: nobody has started it).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same assignment.")
@click.option("--json", "as_json", is_flag=True, help="Print the loads as JSON.")
@user_errors
def assign(
    db_path: Location | None,
    annotators: str,
    per_doc: int,
    docs: str | None,
    status: str | None,
    seed: int,
    as_json: bool,
) -> None:
    """Assign documents to annotators, balanced and reproducible; each annotator's queue in
    the app then holds their documents only.

    Assignments that exist are kept and counted: running the command again adds only what
    is missing. All of it is written in one transaction.
    """
    from annotator.core.assignment import plan_assignment
    from annotator.core.team import split_annotators
    from annotator.store.assignments import (
        assignments,
        check_documents,
        documents_with_team_status,
        write_plan,
    )

    if docs is not None and status is not None:
        raise click.UsageError("give --docs or --status, not both")
    names = split_annotators(annotators)
    repo = open_repository(db_path)
    if docs is not None:
        doc_ids = check_documents(repo, (d.strip() for d in docs.split(",") if d.strip()))
    elif status is not None:
        doc_ids = documents_with_team_status(repo, status)
    else:
        doc_ids = repo.document_ids()
    plan = plan_assignment(doc_ids, names, per_doc, existing=assignments(repo), seed=seed)
    added = write_plan(repo, plan)
    if as_json:
        report = {
            "documents": len(doc_ids),
            "added": added,
            "annotators": {
                name: {"assigned": plan.loads[name], "added": plan.added[name]}
                for name in plan.loads
            },
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    each = f"{per_doc} annotator{'' if per_doc == 1 else 's'} each"
    if added:
        click.echo(
            f"added {added} assignment{'' if added == 1 else 's'} on {plan.documents} of "
            f"{len(doc_ids)} selected document{'' if len(doc_ids) == 1 else 's'} ({each})"
        )
    else:
        click.echo(f"nothing to add: the {len(doc_ids)} selected documents have {each}")
    width = max(len(name) for name in plan.loads)
    for name, load in plan.loads.items():
        click.echo(f"{name.ljust(width)}  {load:>5} assigned  (+{plan.added[name]})")
