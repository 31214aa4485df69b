"""``annotator schema show|apply``: read and change a project's schema from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.app import db_option, open_repository, resolve_db, user_errors
from annotator.cli.backup import backup_before
from annotator.config import resolve_annotator
from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_toml
from annotator.store.backend import Location


@click.group()
def schema() -> None:
    """Show or change the project's layers, labels, relation types and attributes."""


def describe_schema(schema: Schema) -> list[str]:
    """The schema as a person reads it: everything the TOML file defines, grouped."""
    out = [f"schema {schema.name}", "", "layers:"]
    for layer in schema.layers:
        overlap = "spans may overlap" if layer.allow_overlap else "spans never overlap"
        out.append(f"  {layer.name} ({layer.style}, {overlap})  {layer.description}".rstrip())
        for label in schema.labels_of(layer.name):
            key = f"[{label.hotkey}]" if label.hotkey else "[ ]"
            out.append(f"    {key} {label.name:<12} {label.color}  {label.description}".rstrip())
    out += ["", "relation types:"]
    for rel in schema.relations:
        out.append(f"  {rel.name}: {', '.join(rel.head)} -> {', '.join(rel.tail)}")
        if rel.description:
            out.append(f"      {rel.description}")
    if not schema.relations:
        out.append("  (none)")
    out += ["", "attributes:"]
    for attr in schema.attributes:
        kind = f"choice of {', '.join(attr.choices)}" if attr.type == "choice" else attr.type
        default = "" if attr.default is None else f", default {json.dumps(attr.default)}"
        line = f"  {attr.layer}.{attr.name}: {kind}{default}"
        out.append(line + (f"  {attr.description}" if attr.description else ""))
    if not schema.attributes:
        out.append("  (none)")
    out += ["", "document labels:"]
    for dl in schema.doc_labels:
        default = f", default {dl.default}" if dl.default else ""
        out.append(f"  {dl.name}: one of {', '.join(dl.choices)}{default}")
    if not schema.doc_labels:
        out.append("  (none)")
    return out


@schema.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the schema as JSON.")
@user_errors
def show(db_path: Location | None, as_json: bool) -> None:
    """Print the project's schema."""
    repo = open_repository(db_path, readonly=True)
    current = repo.schema()
    if as_json:
        click.echo(json.dumps(current.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in describe_schema(current):
        click.echo(line)


@schema.command()
@db_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Delete the annotations that removed parts use.")
@click.option("--dry-run", is_flag=True, help="Print the plan and change nothing.")
@click.option("--annotator", default=None, help="Name recorded in the edit log.")
@user_errors
def apply(
    db_path: Location | None, file: Path, force: bool, dry_run: bool, annotator: str | None
) -> None:
    """Make the schema in FILE (TOML) the project's schema.

    Adding is free; a label with renamed_from = "OLD" renames OLD's spans. Removing what is
    in use is refused with the number of uses unless --force. One transaction, logged.
    """
    from annotator.core.schema_plan import SchemaChangeRefused
    from annotator.store.schema_store import apply_schema_change, plan_schema_change

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotatorError(f"{file}: cannot read the schema file: {exc}") from None
    new_schema = schema_from_toml(text, str(file))
    repo = open_repository(db_path)
    if dry_run:
        plan = plan_schema_change(repo, new_schema)
        for line in plan.lines():
            click.echo(line)
        for message in plan.refusal_messages(force):
            click.echo(f"would refuse: {message}")
        return
    if force:
        backup_before(resolve_db(db_path), "before-schema-apply")
    try:
        plan = apply_schema_change(repo, new_schema, force, resolve_annotator(annotator)).plan
    except SchemaChangeRefused as refused:
        for line in refused.plan.lines():
            click.echo(line)
        raise click.ClickException(
            "nothing changed:\n  " + "\n  ".join(refused.plan.refusal_messages(force))
        ) from None
    for line in plan.lines():
        click.echo(line)
    if not plan.change.is_empty():
        click.echo("schema applied (one transaction, recorded in the edit log)")
