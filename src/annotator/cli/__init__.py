"""The ``annotator`` command line (click), over store and formats."""

from annotator.cli.app import cli
from annotator.cli.commands import docs, export, gui, import_
from annotator.cli.faster_cmds import FASTER_COMMANDS
from annotator.cli.schema_cmd import schema


def main() -> None:
    cli()


for command in (gui, import_, export, docs, schema, *FASTER_COMMANDS):
    cli.add_command(command)

__all__ = ["cli", "main"]
