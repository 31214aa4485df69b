"""One rule for where every export writes: files replaced, full folders refused unless
overwritten, nothing left behind by a failure; checked through real exporters."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.core.progress import Cancelled
from annotator.formats.output import staged_output
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.tool_formats_project import export, populate


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_an_existing_file_is_replaced(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    out = tmp_path / "tasks.json"
    out.write_text("old", encoding="utf-8")
    report = export(repo, "labelstudio", out)
    assert report.documents == 2 and out.read_text(encoding="utf-8").startswith("[")
    assert leftovers(tmp_path) == []


def test_an_empty_folder_is_used(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    out = tmp_path / "brat"
    out.mkdir()
    export(repo, "brat", out)
    assert len(list(out.glob("*.ann"))) == 2
    assert leftovers(tmp_path) == []


def test_a_folder_holding_files_is_refused_and_left_as_it_was(
    repo: Repository, tmp_path: Path
) -> None:
    populate(repo)
    out = tmp_path / "brat"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FormatError, match=r"brat: the folder is not empty; .*--force"):
        export(repo, "brat", out)
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    with pytest.raises(FormatError, match="the folder is not empty"):  # a split is a folder
        export(repo, "doccano", out, split=(0.5, 0.5, 0.0))
    assert leftovers(tmp_path) == []


def test_overwrite_replaces_the_whole_folder(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    out = tmp_path / "brat"
    export(repo, "brat", out)
    (out / "mine.txt").write_text("goes away", encoding="utf-8")
    export(repo, "brat", out, overwrite=True)
    assert not (out / "mine.txt").exists()
    assert len(list(out.glob("*.ann"))) == 2
    assert leftovers(tmp_path) == []


def test_a_target_of_the_wrong_kind_is_refused_even_with_overwrite(
    repo: Repository, tmp_path: Path
) -> None:
    populate(repo)
    folder = tmp_path / "here.jsonl"
    folder.mkdir()
    with pytest.raises(FormatError, match="is a folder; this export writes one file"):
        export(repo, "native", folder, overwrite=True)
    file = tmp_path / "brat"
    file.write_text("a file", encoding="utf-8")
    with pytest.raises(FormatError, match="is a file; this export writes a folder"):
        export(repo, "brat", file, overwrite=True)
    assert folder.is_dir() and file.read_text(encoding="utf-8") == "a file"


def test_a_failure_leaves_the_replaced_target_untouched(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    with pytest.raises(Cancelled), staged_output(out, folder=True, overwrite=True) as stage:
        (stage / "new.txt").write_text("new", encoding="utf-8")
        raise Cancelled
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    assert leftovers(tmp_path) == []


def killed_export_staging(out: Path, name: str = "k1ll3d_x") -> Path:
    """What an export to ``out`` killed mid-write leaves: its staging folder, lock unheld."""
    staging = out.parent / f".{out.name}.{name}.part"
    (staging / "payload").mkdir(parents=True)
    (staging / "payload" / "train.spacy").write_bytes(b"\0" * 4096)
    (staging / "in-use").touch()
    return staging


def test_a_killed_exports_staging_is_removed_by_the_next_export_and_named(
    repo: Repository, tmp_path: Path
) -> None:
    populate(repo)
    out = tmp_path / "brat"
    first, second = killed_export_staging(out), killed_export_staging(out, "second_1")
    unrelated = tmp_path / ".brat.mine.part"
    unrelated.mkdir()
    other_target = killed_export_staging(tmp_path / "conll")
    report = export(repo, "brat", out)
    assert report.notes[-2:] == [
        f"removed {first}, left by an export that did not finish",
        f"removed {second}, left by an export that did not finish",
    ]
    assert not first.exists() and not second.exists()
    assert unrelated.is_dir() and other_target.is_dir()
    assert len(list(out.glob("*.ann"))) == 2


@pytest.fixture
def running_export_staging(tmp_path: Path) -> Iterator[Path]:
    """The staging folder of an export to ``tasks.json`` that another process is running."""
    staging = killed_export_staging(tmp_path / "tasks.json")
    fd = os.open(staging / "in-use", os.O_WRONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield staging
    os.close(fd)


def test_the_staging_of_an_export_still_running_is_left_alone(
    repo: Repository, tmp_path: Path, running_export_staging: Path
) -> None:
    populate(repo)
    report = export(repo, "labelstudio", tmp_path / "tasks.json")
    assert not any("removed" in note for note in report.notes)
    assert (running_export_staging / "payload" / "train.spacy").exists()


def test_exported_files_and_folders_get_the_users_normal_permissions(
    repo: Repository, tmp_path: Path
) -> None:
    populate(repo)
    previous = os.umask(0o027)
    try:
        export(repo, "native", tmp_path / "all.jsonl")
        export(repo, "brat", tmp_path / "brat")
    finally:
        os.umask(previous)
    assert (tmp_path / "all.jsonl").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "brat").stat().st_mode & 0o777 == 0o750
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "brat").iterdir()} == {0o640}


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file an export stages is written to /dev/full: the kernel answers ENOSPC."""
    real_open = Path.open

    def open_full(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and ".part" in str(self):
            return open("/dev/full", mode, *args, **kwargs)
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_full)


@pytest.mark.usefixtures("full_disk")
@pytest.mark.parametrize(("fmt", "name"), [("native", "all.jsonl"), ("brat", "brat")])
def test_a_full_disk_is_a_clear_error_and_the_old_export_stays(
    repo: Repository, tmp_path: Path, fmt: str, name: str
) -> None:
    populate(repo)
    out = tmp_path / name
    with pytest.raises(
        FormatError,
        match=f"^{out}: cannot write the export: No space left on device; nothing was changed",
    ):
        export(repo, fmt, out)
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_is_written_through(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    (tmp_path / "exports").mkdir()
    target = tmp_path / "exports" / "2026-12-01.json"
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    export(repo, "labelstudio", link)
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("[")
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "exports") == []
    folder_link = tmp_path / "brat-latest"
    folder_link.symlink_to(tmp_path / "brat-run", target_is_directory=True)
    export(repo, "brat", folder_link)
    assert folder_link.is_symlink() and len(list(folder_link.glob("*.ann"))) == 2


def test_a_symbolic_link_loop_is_refused(repo: Repository, tmp_path: Path) -> None:
    populate(repo)
    loop = tmp_path / "loop.json"
    loop.symlink_to(tmp_path / "loop.json")
    with pytest.raises(FormatError, match=f"^{loop}: cannot follow the symbolic link"):
        export(repo, "labelstudio", loop)


KILLED_MID_EXPORT = """
import os, signal, sys
from pathlib import Path
from annotator.formats.output import staged_output

with staged_output(Path(sys.argv[1]), folder=True) as payload:
    (payload / "train.spacy").write_bytes(bytes(1 << 20))
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_what_a_killed_export_really_leaves_is_removed_next_time(
    repo: Repository, tmp_path: Path
) -> None:
    populate(repo)
    out = tmp_path / "spacy"
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_EXPORT, str(out)], check=False)
    assert killed.returncode == -signal.SIGKILL
    [staging] = [tmp_path / name for name in leftovers(tmp_path)]
    report = export(repo, "brat", out)
    assert f"removed {staging}, left by an export that did not finish" in report.notes
    assert leftovers(tmp_path) == [] and len(list(out.glob("*.ann"))) == 2
