"""The ``annotator`` command line (click), over store and formats; one module per command group."""

from annotator.cli.adjudicate import adjudicate
from annotator.cli.agreement import agreement
from annotator.cli.app import cli
from annotator.cli.assign import assign
from annotator.cli.backup import backup, backups, restore
from annotator.cli.copy import copy
from annotator.cli.documents import docs
from annotator.cli.gui import gui
from annotator.cli.init import init
from annotator.cli.merge import merge
from annotator.cli.reextract import reextract
from annotator.cli.schema import schema
from annotator.cli.search import search
from annotator.cli.stats import stats
from annotator.cli.suggestions import preannotate, suggestions
from annotator.cli.team import team
from annotator.cli.training import evaluate, models, train, train_curve
from annotator.cli.transfer import export, import_


def main() -> None:
    cli()


for command in (
    gui,
    import_,
    export,
    reextract,
    docs,
    schema,
    search,
    preannotate,
    suggestions,
    stats,
    backup,
    backups,
    restore,
    assign,
    merge,
    agreement,
    adjudicate,
    team,
    copy,
    init,
    train,
    train_curve,
    evaluate,
    models,
):
    cli.add_command(command)

__all__ = ["cli", "main"]
