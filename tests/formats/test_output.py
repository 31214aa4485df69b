"""One rule for where every export writes: files replaced, full folders refused unless
overwritten, nothing left behind by a failure; checked through real exporters."""

from __future__ import annotations

from pathlib import Path

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
