"""``annotator agreement``: how far annotators agree on the documents they all finished."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from annotator.cli.app import db_option, open_repository, terminal_progress, user_errors
from annotator.store.backend import Location

if TYPE_CHECKING:
    from annotator.team.agreement import AgreementReport, Measures

MOST_DISAGREEING = 10
"""Documents listed under "most disagreement" in the readable report."""


@click.command()
@db_option
@click.option("--layer", default=None, help="Only this layer (default: every layer).")
@click.option(
    "--annotators",
    default=None,
    help="Comma-separated names to compare (default: everyone who marked a document done).",
)
@click.option("--docs", default=None, help="Comma-separated document ids (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print every measure as JSON.")
@user_errors
def agreement(
    db_path: Location | None,
    layer: str | None,
    annotators: str | None,
    docs: str | None,
    as_json: bool,
) -> None:
    """Agreement between annotators: span F1 and Cohen's kappa per pair, Fleiss' kappa and
    Krippendorff's alpha over all, overall and per label.

    A pair is compared on the documents both marked done, Fleiss' kappa on those all marked
    done, Krippendorff's alpha on those at least two marked done. Kappa and alpha count
    tokens: each gets the label of the shortest span covering it, or O.
    """
    from annotator.core.team import split_annotators
    from annotator.team.agreement import measure_agreement

    names = split_annotators(annotators) if annotators else None
    doc_ids = [d.strip() for d in docs.split(",") if d.strip()] if docs else None
    repo = open_repository(db_path, readonly=True)
    with terminal_progress("Comparing") as progress:
        report = measure_agreement(
            repo, names, [layer] if layer else None, doc_ids, progress=progress
        )
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in report_lines(report):
        click.echo(line)


def number(value: float | None) -> str:
    """A measure with three decimals; an undefined one as a dash."""
    return "–" if value is None else f"{value:.3f}"


def report_lines(report: AgreementReport) -> list[str]:
    """The report as a readable table: pairs, the measures over all, each layer and label,
    and the documents with the most disagreement."""
    lines = [
        f"{', '.join(report.annotators)}: {report.docs} documents marked done by at least two, "
        f"{report.docs_done_by_all} by all",
        "",
        f"{'pair':<28} {'docs':>5} {'span F1':>8} {'overlap F1':>11} {'Cohen κ':>8}",
    ]
    for pair in report.overall.overall.pairs:
        lines.append(
            f"{pair.a + ' / ' + pair.b:<28} {pair.docs:>5} {number(pair.span_f1):>8} "
            f"{number(pair.span_f1_overlap):>11} {number(pair.cohen_kappa):>8}"
        )
    lines += [
        "",
        f"{'':<28} {'span F1':>8} {'overlap F1':>11} {'Cohen κ':>8} {'Fleiss κ':>9} "
        f"{'Kripp. α':>9}",
        _row("all layers", report.overall.overall),
    ]
    for name, layer in report.layers.items():
        lines.append(_row(f"layer {name}", layer.overall))
    for label, measures in report.overall.labels.items():
        lines.append(_row(f"  {label}", measures))
    lines.append(
        "(span F1 and Cohen κ: the mean over the pairs; per label: one label against the rest)"
    )
    disagreeing = [doc for doc in report.documents if doc.differing][:MOST_DISAGREEING]
    if disagreeing:
        lines += ["", "most disagreement (tokens someone labelled that not all labelled alike):"]
        for doc in disagreeing:
            lines.append(
                f"  {doc.doc_id:<20} {doc.disagreement:>5.0%}  {doc.differing} of {doc.labelled}"
                f"  {doc.title}"
            )
    return lines


def _row(name: str, measures: Measures) -> str:
    return (
        f"{name:<28} {number(measures.mean('span_f1')):>8} "
        f"{number(measures.mean('span_f1_overlap')):>11} {number(measures.mean('cohen_kappa')):>8} "
        f"{number(measures.fleiss_kappa):>9} {number(measures.krippendorff_alpha):>9}"
    )
