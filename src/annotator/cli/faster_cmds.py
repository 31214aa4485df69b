"""Commands that make annotation faster: search, preannotate, suggestions, stats."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import click

from annotator.cli.app import db_option, terminal_progress, user_errors
from annotator.cli.commands import open_repository
from annotator.config import resolve_annotator
from annotator.core.model import DOCUMENT_STATUSES


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad_left(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


def _pad_right(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


@click.command()
@db_option
@click.argument("query")
@click.option("--regex", is_flag=True, help="Read QUERY as a Python regular expression.")
@click.option("--case", is_flag=True, help="Match case exactly.")
@click.option("--word", is_flag=True, help="Whole words only.")
@click.option("--label", default=None, help="Only hits covered by a span with this label.")
@click.option("--layer", default=None, help="Only hits covered by a span of this layer.")
@click.option("--annotator", default=None, help="Only hits covered by a span by this annotator.")
@click.option("--status", type=click.Choice(DOCUMENT_STATUSES), default=None)
@click.option("--width", default=40, show_default=True, help="Context characters each side.")
@click.option("--limit", default=1000, show_default=True, help="At most this many hits.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@user_errors
def search(
    db_path: Path | None,
    query: str,
    regex: bool,
    case: bool,
    word: bool,
    label: str | None,
    layer: str | None,
    annotator: str | None,
    status: str | None,
    width: int,
    limit: int,
    as_json: bool,
) -> None:
    """Concordance of QUERY over all documents: left context, match, right context."""
    from annotator.store.search import concordance

    repo = open_repository(db_path)
    hits = concordance(
        repo, query, regex, case, word, label, layer, annotator, status, limit=limit, width=width
    )
    if as_json:
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    if not hits:
        click.echo("no hits", err=True)
        return
    left_w = max(display_width(h.left) for h in hits)
    match_w = max(display_width(h.match) for h in hits)
    right_w = max(display_width(h.right) for h in hits)
    for hit in hits:
        labels = ",".join(hit.labels) or "-"
        click.echo(
            f"{_pad_left(hit.left, left_w)}  {_pad_right(hit.match, match_w)}  "
            f"{_pad_right(hit.right, right_w)}  {hit.doc_id}:{hit.start}-{hit.end}  {labels}"
        )
    click.echo(f"{len(hits)} hits", err=True)


@click.command()
@db_option
@click.option("--gazetteer", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rules", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="Installed spaCy pipeline name or pipeline folder.")
@click.option("--docs", default=None, help="Comma-separated document ids (default: all).")
@click.option(
    "--label-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML/JSON map of model labels to project labels (with --model).",
)
@click.option("--annotator", default=None, help="Name recorded in the edit log.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@user_errors
def preannotate(
    db_path: Path | None,
    gazetteer: Path | None,
    rules: Path | None,
    model: str | None,
    docs: str | None,
    label_map: Path | None,
    annotator: str | None,
    as_json: bool,
) -> None:
    """Store suggestions from a gazetteer, regex rules or a spaCy pipeline, for review.

    Nothing becomes a span until accepted (in the app, or with `annotator suggestions`).
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
    repo = open_repository(db_path)
    schema = repo.schema()
    suggester: Suggester
    if gazetteer is not None:
        suggester = Gazetteer.from_file(gazetteer, schema)
    elif rules is not None:
        suggester = RuleSet.from_file(rules, schema)
    else:
        assert model is not None
        suggester = ModelSuggester.load(model, schema, label_map)
    doc_ids = [d.strip() for d in docs.split(",") if d.strip()] if docs else None
    with terminal_progress("Pre-annotating") as progress:
        report = run_preannotation(
            repo, suggester, doc_ids, annotator=resolve_annotator(annotator), progress=progress
        )
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
    db_path: Path | None,
    action: str,
    doc_id: str | None,
    label: str | None,
    annotator: str | None,
) -> None:
    """List, accept or reject pending suggestions (all, of a document, of a label).

    Accepting makes them spans (origin = their source) in one undoable edit.
    """
    from annotator.store import suggestions as store

    repo = open_repository(db_path)
    if action == "list":
        for sug in store.suggestions(repo, doc_id=doc_id, label=label):
            score = "" if sug.score is None else f" {sug.score:.2f}"
            click.echo(
                f"{sug.id}\t{sug.doc_id}\t{sug.start}-{sug.end}\t{sug.label}\t"
                f"{sug.text}\t{sug.source}{score}"
            )
        return
    decision = store.decide(repo, action, resolve_annotator(annotator), doc_id=doc_id, label=label)
    click.echo(f"{action}ed {decision.count} suggestions")
    for sug, reason in decision.skipped:
        click.echo(f"left pending: {sug.doc_id} {sug.start}-{sug.end} {sug.label}: {reason}")


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print all figures as JSON.")
@user_errors
def stats(db_path: Path | None, as_json: bool) -> None:
    """Corpus statistics: progress, spans per label, layer, annotator and document."""
    from annotator.store.stats import corpus_stats

    figures = corpus_stats(open_repository(db_path))
    if as_json:
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"documents done: {figures.done}/{figures.documents}")
    click.echo(f"spans: {figures.spans}  pending suggestions: {figures.pending_suggestions}")
    click.echo("spans per label:")
    for row in figures.per_label:
        click.echo(f"  {row.layer:<10} {row.label:<14} {row.spans:>7}  in {row.documents} docs")
    click.echo("spans per annotator:")
    for name, count in figures.per_annotator.items():
        click.echo(f"  {name or '(unknown)':<24} {count:>7}")
    click.echo("label co-occurrence (documents holding both):")
    for a, b, n in figures.cooccurrence[:15]:
        click.echo(f"  {a} + {b}: {n}")
    click.echo(f"documents without any span: {len(figures.without_spans)}")
    for doc_id in figures.without_spans[:20]:
        click.echo(f"  {doc_id}")


FASTER_COMMANDS = (search, preannotate, suggestions, stats)
