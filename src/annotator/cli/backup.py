"""``annotator backup``, ``backups`` and ``restore``: copies of a project in the user data
folder (or a file of the user's choosing), and putting one back."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.app import db_option, resolve_file, terminal_progress, user_errors
from annotator.config import backup_folder
from annotator.store.backend import Location, is_server_location
from annotator.store.backups import (
    BackupInfo,
    BackupPolicy,
    backup_contents,
    backup_to_file,
    list_backups,
    restore_backup,
    take_backup,
    total_size,
)
from annotator.store.errors import StoreError


def backup_before(db_path: Location, reason: str) -> BackupInfo | None:
    """An automatic backup before a destructive command of a project file; says where it
    went. A server project is the server's to back up (pg_dump, its replicas)."""
    if is_server_location(db_path):
        click.echo("no file backup of a server project; the server's own backups apply", err=True)
        return None
    if not Path(db_path).is_file():
        return None
    db_path = Path(db_path)
    info = take_backup(db_path, backup_folder(db_path), reason)
    click.echo(f"backed up first: {info.path}", err=True)
    return info


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


@click.command()
@db_option
@click.option(
    "--to",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the backup to this new file instead of the project's backup folder.",
)
@user_errors
def backup(db_path: Location | None, target: Path | None) -> None:
    """Back the project up now (SQLite's online backup, checked for integrity)."""
    path = resolve_file(db_path, "Backups")
    with terminal_progress("Backing up") as progress:
        if target is not None:
            backup_to_file(path, target, progress)
            written = target
        else:
            written = take_backup(path, backup_folder(path), "manual", progress=progress).path
    click.echo(f"backup written: {written} ({human_size(written.stat().st_size)})")


@click.command()
@db_option
@user_errors
def backups(db_path: Location | None) -> None:
    """List the project's backups, newest first: time, size, documents and spans."""
    path = resolve_file(db_path, "Backups")
    folder = backup_folder(path)
    found = list_backups(folder)
    limit = human_size(BackupPolicy().max_bytes)
    click.echo(
        f"{len(found)} backups of {path} in {folder}: "
        f"{human_size(total_size(found))} (kept under {limit})"
    )
    for info in found:
        try:
            contents = backup_contents(info.path)
            counts = f"{contents.documents:>6} documents {contents.spans:>8} spans"
        except StoreError:
            counts = "unreadable"
        taken = info.taken.strftime("%Y-%m-%d %H:%M:%S UTC")
        click.echo(f"{taken}  {info.reason:<15} {human_size(info.size):>9}  {counts}  {info.path}")


@click.command()
@db_option
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@user_errors
def restore(db_path: Location | None, backup_file: Path) -> None:
    """Replace the project's content with BACKUP_FILE; the current content is backed up first.

    Refused while another program (the app, another command) has the project open.
    """
    path = resolve_file(db_path, "Backups")
    if not path.is_file():
        raise StoreError(f"{path}: no such database")
    with terminal_progress("Restoring") as progress:
        replaced = restore_backup(path, backup_file, backup_folder(path), progress=progress)
    contents = backup_contents(backup_file)
    click.echo(
        f"restored {backup_file} ({contents.documents} documents, {contents.spans} spans); "
        f"the replaced content is in {replaced.path}"
    )
