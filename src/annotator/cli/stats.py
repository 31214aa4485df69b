"""``annotator stats``: corpus statistics."""

from __future__ import annotations

import json

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.store.backend import Location


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print all figures as JSON.")
@user_errors
def stats(db_path: Location | None, as_json: bool) -> None:
    """Corpus statistics: progress, spans per label, layer, annotator and document."""
    from annotator.store.stats import corpus_stats

    figures = corpus_stats(open_repository(db_path, readonly=True))
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
