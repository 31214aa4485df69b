"""``annotator import`` and ``annotator export``: documents and annotations in and out."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.app import (
    db_option,
    open_repository,
    resolve_db,
    terminal_progress,
    user_errors,
)
from annotator.cli.backup import backup_before
from annotator.formats.registry import FORMATS, export_formats, import_formats
from annotator.store.backend import Location

EXPORT_ALIASES = {"jsonl": "native"}
"""Other names ``--format`` accepts on export, so that existing scripts keep working."""


@click.command(name="import")
@db_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", default=None, help="Language code for .txt documents (default en).")
@click.option("--skip-bad", is_flag=True, help="Import the good inputs and list the bad ones.")
@click.option("--annotator", default=None, help="Name recorded in the edit log.")
@click.option(
    "--format",
    "fmt",
    default=None,
    metavar="FORMAT",
    help=f"{', '.join(import_formats())} (default: told by content).",
)
@click.option(
    "--offsets",
    type=click.Choice(["utf16", "codepoint"]),
    default="utf16",
    show_default=True,
    help="doccano: the unit of the file's offsets (doccano itself writes UTF-16 units).",
)
@click.option(
    "--schema-from-conf",
    is_flag=True,
    help="brat: first add the labels, relations and attributes of the corpus's "
    "annotation.conf to the project schema (same transaction).",
)
@click.option(
    "--keep-boilerplate",
    is_flag=True,
    help="Web pages: keep ad lines, read-also links and footers (suggested as BOILERPLATE).",
)
@click.option(
    "--url-filter",
    default=None,
    metavar="REGEX",
    help="Web archives: import only responses whose URL matches REGEX.",
)
@click.option(
    "--prodigy-answers",
    type=click.Choice(["accept", "all"]),
    default="accept",
    show_default=True,
    help="Prodigy: import accepted tasks only, or keep rejected and ignored ones too "
    "(in the document meta, exported back with their answer).",
)
@click.option(
    "--relation-label",
    default=None,
    metavar="TYPE",
    help="Label Studio: the type of relations without a label (default: the schema's first).",
)
@click.option(
    "--title-from",
    type=click.Choice(["first-line", "filename", "meta"]),
    default=None,
    help="Each document's title: its first non-empty line, its file name, or the record's "
    'meta "title" (default: what the format gives, e.g. a .txt file\'s first line).',
)
@user_errors
def import_(
    db_path: Location | None,
    paths: tuple[Path, ...],
    lang: str | None,
    skip_bad: bool,
    annotator: str | None,
    fmt: str | None,
    offsets: str,
    schema_from_conf: bool,
    keep_boilerplate: bool,
    url_filter: str | None,
    prodigy_answers: str,
    relation_label: str | None,
    title_from: str | None,
) -> None:
    """Import documents: .txt files (one document each, id = file name), native .jsonl,
    brat folders (.txt + .ann), CoNLL (IOB1/IOB2/BIOES), doccano JSONL, Label Studio JSON,
    Prodigy JSONL, saved web pages (.html, .htm) and web archives (.warc, .warc.gz).

    The format is told by content unless --format is given. One command is one transaction:
    a bad input aborts it with nothing written, unless --skip-bad is given.
    """
    from annotator.formats.importer import import_paths
    from annotator.formats.warc import url_filter as compile_url_filter

    compile_url_filter(url_filter)  # a bad expression is refused before any file is read
    if fmt is not None and fmt not in import_formats():
        raise click.BadParameter(
            f"unknown format {fmt!r}; choose from {', '.join(import_formats())}",
            param_hint="--format",
        )

    repo = open_repository(db_path, annotator=annotator)
    if repo.document_ids():  # an import changes a project that holds work
        backup_before(resolve_db(db_path), "before-import")
    with terminal_progress("Importing") as progress:
        report = import_paths(
            repo,
            paths,
            lang=lang,
            skip_bad=skip_bad,
            annotator=repo.viewer,
            fmt=fmt,
            offsets=offsets,  # type: ignore[arg-type]
            schema_from_conf=schema_from_conf,
            keep_boilerplate=keep_boilerplate,
            url_filter=url_filter,
            prodigy_answers=prodigy_answers,  # type: ignore[arg-type]
            relation_label=relation_label,
            title_from=title_from,  # type: ignore[arg-type]
            progress=progress,
        )
    for line in report.lines():
        click.echo(line)


def _format_list() -> str:
    return "\n".join(
        f"  {name:<12} {FORMATS[name].title}: {FORMATS[name].description}"
        for name in export_formats()
    )


@click.command(epilog="\b\nFormats:\n" + _format_list())
@db_option
@click.option(
    "--format",
    "fmt",
    default="native",
    show_default=True,
    metavar="FORMAT",
    help=f"Output format: {', '.join(export_formats())} (see Formats below); "
    "jsonl is accepted as another name for native.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Output file or folder (a folder for spacy, conll, hf, brat and any --split).",
)
@click.option("--status", default=None, help="Only documents with this status (e.g. done).")
@click.option(
    "--layer", default=None, help="Only this layer (one-tag-per-token formats: default entity)."
)
@click.option("--annotator", default=None, help="Only spans made by this annotator.")
@click.option(
    "--gold", is_flag=True, help="Only curated documents, with their gold (adjudicated) spans."
)
@click.option(
    "--all-annotators",
    is_flag=True,
    help="Every annotator's spans together. Without --gold, --annotator or this, a document "
    "with spans by several annotators is left out (and named in the report).",
)
@click.option("--split", default=None, help="train,dev,test fractions, e.g. 0.8,0.1,0.1.")
@click.option("--seed", default=0, show_default=True, help="Seed of the document split.")
@click.option(
    "--alignment",
    type=click.Choice(["strict", "expand", "contract"]),
    default="strict",
    show_default=True,
    help="Spans off token boundaries: strict lists them in the report; expand/contract snap them.",
)
@click.option(
    "--scheme",
    type=click.Choice(["iob2", "bioes"]),
    default="iob2",
    show_default=True,
    help="conll, hf: the tag scheme.",
)
@click.option("--parquet", is_flag=True, help="hf: also write parquet files.")
@click.option(
    "--hf-unit",
    default="document",
    show_default=True,
    help="hf: one row per document, per sentence, or per chunk:N tokens (e.g. chunk:128).",
)
@click.option(
    "--offsets",
    type=click.Choice(["utf16", "codepoint"]),
    default="utf16",
    show_default=True,
    help="Only doccano uses it: the unit of its offsets; doccano counts UTF-16 units by default.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace an output folder that holds files (an existing output file is always replaced).",
)
@user_errors
def export(
    db_path: Location | None,
    fmt: str,
    out: Path,
    status: str | None,
    layer: str | None,
    annotator: str | None,
    gold: bool,
    all_annotators: bool,
    split: str | None,
    seed: int,
    alignment: str,
    scheme: str,
    parquet: bool,
    hf_unit: str,
    offsets: str,
    force: bool,
) -> None:
    """Export the project; every export ends with a report of what it wrote and could not hold.

    With several annotators, say whose spans to export: --gold, --annotator NAME or
    --all-annotators. Native JSONL always holds everything (every annotator's spans, gold and
    statuses), so a team project imports back as it was.
    """
    from annotator.formats.export_api import (
        ExportOptions,
        check_annotator_choice,
        parse_hf_unit,
        parse_split,
    )
    from annotator.formats.registry import exporter, ignored_options

    fmt = EXPORT_ALIASES.get(fmt, fmt)
    if fmt not in export_formats():
        raise click.BadParameter(
            f"unknown format {fmt!r}; choose from {', '.join(export_formats())}",
            param_hint="--format",
        )
    try:
        ratios = parse_split(split) if split else (1.0, 0.0, 0.0)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--split") from None
    try:
        hf_unit = parse_hf_unit(hf_unit)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--hf-unit") from None
    options = ExportOptions(
        layer=layer,
        split=ratios,
        seed=seed,
        status=status,
        annotator=annotator,
        gold=gold,
        all_annotators=all_annotators,
        alignment=alignment,  # type: ignore[arg-type]
        scheme=scheme,
        parquet=parquet,
        hf_unit=hf_unit,
        offsets=offsets,
        overwrite=force,
    )
    check_annotator_choice(options)
    for flag in ignored_options(fmt, options):
        click.echo(f"note: {flag} does not apply to {fmt}; ignored", err=True)
    repo = open_repository(db_path, readonly=True)
    with terminal_progress("Exporting") as progress:
        report = exporter(fmt)(repo, out, options, progress, lambda: False)
    for line in report.lines():
        click.echo(line)
