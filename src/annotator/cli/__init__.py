"""The ``annotator`` command line (click), over store and formats."""

from annotator.cli.app import cli
from annotator.cli.commands import docs, export, gui, import_


def main() -> None:
    cli()


for command in (gui, import_, export, docs):
    cli.add_command(command)

__all__ = ["cli", "main"]
