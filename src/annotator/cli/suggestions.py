"""``annotator preannotate`` and ``annotator suggestions``: propose spans, then review them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.app import db_option, open_repository, terminal_progress, user_errors
from annotator.store.backend import Location
from annotator.training.card import CARD_FILE

if TYPE_CHECKING:
    from annotator.preannotate.base import PreannotateReport
    from annotator.store.repository import Repository


@click.command()
@db_option
@click.option("--gazetteer", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rules", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--model",
    default=None,
    help="Installed spaCy pipeline name or pipeline folder; a folder `annotator train` wrote "
    "also stores its uncertainty about each document (`annotator docs --order uncertainty`).",
)
@click.option("--docs", default=None, help="Comma-separated document ids (default: all).")
@click.option(
    "--label-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML/JSON map of model labels to project labels (with --model).",
)
@click.option(
    "--refresh",
    is_flag=True,
    help="With a model `annotator train` wrote: first drop the pending suggestions of its "
    "earlier versions in these documents (decided ones stay).",
)
@click.option("--annotator", default=None, help="Name recorded in the edit log.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@user_errors
def preannotate(
    db_path: Location | None,
    gazetteer: Path | None,
    rules: Path | None,
    model: str | None,
    docs: str | None,
    label_map: Path | None,
    refresh: bool,
    annotator: str | None,
    as_json: bool,
) -> None:
    """Store suggestions from a gazetteer, regex rules or a spaCy pipeline, for review.

    Nothing becomes a span until accepted (in the app, or with `annotator suggestions`).
    A model trained by `annotator train` scores its suggestions, names its version in their
    source, and stores how unsure it is of each document.
    """
    from annotator.preannotate import run_preannotation
    from annotator.preannotate.base import Suggester
    from annotator.preannotate.gazetteer import Gazetteer
    from annotator.preannotate.model import ModelSuggester
    from annotator.preannotate.rules import RuleSet

    if sum(x is not None for x in (gazetteer, rules, model)) != 1:
        raise click.UsageError("give exactly one of --gazetteer, --rules, --model")
    if label_map is not None and model is None:
        raise click.UsageError("--label-map goes with --model")
    trained = model is not None and (Path(model) / CARD_FILE).is_file()
    if refresh and not trained:
        raise click.UsageError("--refresh goes with --model and a folder `annotator train` wrote")
    if trained and label_map is not None:
        raise click.UsageError(
            "--label-map goes with a spaCy pipeline; a model `annotator train` wrote already "
            "uses the project's labels"
        )
    doc_ids = [d.strip() for d in docs.split(",") if d.strip()] if docs else None
    repo = open_repository(db_path, annotator=annotator)
    if trained:
        assert model is not None
        _suggest_with_trained_model(repo, Path(model), doc_ids, refresh, as_json)
        return
    schema = repo.schema()
    suggester: Suggester
    if gazetteer is not None:
        suggester = Gazetteer.from_file(gazetteer, schema)
    elif rules is not None:
        suggester = RuleSet.from_file(rules, schema)
    else:
        assert model is not None
        suggester = ModelSuggester.load(model, schema, label_map)
    with terminal_progress("Pre-annotating") as progress:
        report = run_preannotation(
            repo, suggester, doc_ids, annotator=repo.viewer, progress=progress
        )
    _print_report(report, as_json)


def _suggest_with_trained_model(
    repo: Repository, model_dir: Path, doc_ids: list[str] | None, refresh: bool, as_json: bool
) -> None:
    from annotator.training.suggester import TrainedModelSuggester, suggest_with_model

    suggester = TrainedModelSuggester.load(model_dir)
    with terminal_progress("Pre-annotating") as progress:
        report = suggest_with_model(
            repo,
            suggester,
            doc_ids,
            annotator=repo.viewer,
            replace_older=refresh,
            progress=progress,
        )
    _print_report(report, as_json)
    if not as_json:
        click.echo(
            f"stored its uncertainty about {report.documents} documents "
            "(annotator docs --order uncertainty)"
        )


def _print_report(report: PreannotateReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            click.echo(line)


@click.command()
@db_option
@click.argument("action", type=click.Choice(["list", "accept", "reject"]))
@click.option("--doc", "doc_id", default=None, help="Only this document.")
@click.option("--label", default=None, help="Only this label.")
@click.option("--annotator", default=None, help="Name recorded on accepted spans.")
@user_errors
def suggestions(
    db_path: Location | None,
    action: str,
    doc_id: str | None,
    label: str | None,
    annotator: str | None,
) -> None:
    """List, accept or reject pending suggestions (all, of a document, of a label).

    Accepting makes them spans (origin = their source) in one undoable edit.
    """
    from annotator.store import suggestions as store

    repo = open_repository(db_path, annotator=annotator)
    if action == "list":
        for sug in store.suggestions(repo, doc_id=doc_id, label=label):
            score = "" if sug.score is None else f" {sug.score:.2f}"
            click.echo(
                f"{sug.id}\t{sug.doc_id}\t{sug.start}-{sug.end}\t{sug.label}\t"
                f"{sug.text}\t{sug.source}{score}"
            )
        return
    decision = store.decide(repo, action, repo.viewer, doc_id=doc_id, label=label)
    click.echo(f"{action}ed {decision.count} suggestions")
    for sug, reason in decision.skipped:
        click.echo(f"left pending: {sug.doc_id} {sug.start}-{sug.end} {sug.label}: {reason}")
