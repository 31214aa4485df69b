"""``annotator search``: a concordance of a word or pattern over the corpus."""

from __future__ import annotations

import json
import unicodedata

import click

from annotator.cli.app import db_option, open_repository, user_errors
from annotator.core.model import DOCUMENT_STATUSES
from annotator.store.backend import Location


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
    db_path: Location | None,
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

    repo = open_repository(db_path, readonly=True)
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
