"""`annotator export`: the doccano offsets option, the format list, options a format ignores."""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotator.core.model import Document, Span
from annotator.formats.registry import export_formats
from annotator.store.repository import Repository
from tests.helpers.cli import Run
from tests.helpers.curated_team import add_team_documents


def _jakarta(repo: Repository, doc: Document) -> tuple[int, int]:
    start = doc.text.index("Jakarta")
    end = start + len("Jakarta")
    with repo.transaction():
        repo.add_spans([Span("s1", doc.id, "entity", "GPE", start, end, "Jakarta")])
    return start, end


def _labels(path: Path) -> list[list[object]]:
    return [json.loads(line)["label"] for line in path.read_text("utf-8").splitlines()]


def test_offsets_codepoint_writes_code_points_on_emoji_text(
    run: Run, repo: Repository, emoji_doc: Document, tmp_path: Path
) -> None:
    start, end = _jakarta(repo, emoji_doc)
    out = tmp_path / "cp.jsonl"
    result = run("export", "--format", "doccano", "--offsets", "codepoint", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "offsets in code points" in result.output
    assert _labels(out) == [[[start, end, "GPE"]]]
    default = tmp_path / "utf16.jsonl"
    assert run("export", "--format", "doccano", "--out", str(default)).exit_code == 0
    before = len(emoji_doc.text[:start].encode("utf-16-le")) // 2
    assert before == start + 1  # the emoji before Jakarta is two UTF-16 units
    assert _labels(default) == [[[before, before + 7, "GPE"]]]


def test_unknown_format_lists_the_formats(run: Run, tmp_path: Path) -> None:
    result = run("export", "--format", "bogus", "--out", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "unknown format 'bogus'" in result.output
    assert "choose from " + ", ".join(export_formats()) in result.output
    assert "doccano-codepoint" not in result.output
    assert not (tmp_path / "x").exists()


def test_help_lists_every_format_with_what_it_writes(run: Run) -> None:
    result = run("export", "--help")
    assert result.exit_code == 0
    listed = result.output.split("Formats:", 1)[1]
    assert re.findall(r"^\s+(\S+)\s{2,}\S", listed, re.MULTILINE) == export_formats()
    assert "CoNLL-2003: folder with train/dev/test .conll files" in " ".join(listed.split())
    assert "Only doccano uses it" in result.output


def test_an_option_the_format_ignores_is_named(
    run: Run, repo: Repository, emoji_doc: Document, tmp_path: Path
) -> None:
    result = run(
        "export", "--format", "native", "--split", "0.5,0.5,0", "--out", str(tmp_path / "p.jsonl")
    )
    assert result.exit_code == 0, result.output
    assert "note: --split does not apply to native; ignored" in result.stderr
    assert (tmp_path / "p.jsonl").is_file()


def test_jsonl_is_another_name_for_native(
    run: Run, repo: Repository, emoji_doc: Document, tmp_path: Path
) -> None:
    out = tmp_path / "p.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("native: wrote 1 document(s)")
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == emoji_doc.id
    help_text = " ".join(run("export", "--help").output.split())
    assert "jsonl is accepted as another name for native" in help_text


def test_a_folder_holding_files_needs_force(
    run: Run, repo: Repository, emoji_doc: Document, tmp_path: Path
) -> None:
    _jakarta(repo, emoji_doc)
    out = tmp_path / "brat"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("export", "--format", "brat", "--out", str(out))
    assert refused.exit_code == 1
    assert "the folder is not empty" in refused.output and "--force" in refused.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    forced = run("export", "--format", "brat", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert sorted(p.name for p in out.iterdir()) == [
        "annotation.conf",
        f"{emoji_doc.id}.ann",
        f"{emoji_doc.id}.txt",
        "visual.conf",
    ]


def test_a_mixed_document_is_left_out_and_named_unless_a_choice_is_given(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    add_team_documents(repo)
    result = run("export", "--format", "brat", "--out", str(tmp_path / "brat"))
    assert result.exit_code == 0, result.output
    assert "brat: wrote 1 document(s), 2 span(s)" in result.output
    assert (
        "  left out: mixed (spans by ana, budi): choose --gold, --annotator or --all-annotators"
        in result.output.splitlines()
    )
    assert sorted(p.name for p in (tmp_path / "brat").glob("*.ann")) == ["solo.ann"]

    gold = run("export", "--format", "brat", "--gold", "--out", str(tmp_path / "gold"))
    assert gold.exit_code == 0, gold.output
    assert "left out" not in gold.output
    assert sorted(p.name for p in (tmp_path / "gold").glob("*.ann")) == ["curated.ann"]
    everything = run("export", "--format", "brat", "--all-annotators", "--out", str(tmp_path / "a"))
    assert "brat: wrote 3 document(s), 10 span(s)" in everything.output


def test_two_annotator_choices_are_refused_in_one_line(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    add_team_documents(repo)
    out = tmp_path / "brat"
    result = run("export", "--format", "brat", "--gold", "--annotator", "ana", "--out", str(out))
    assert result.exit_code == 1
    assert result.output == (
        "Error: --gold and --annotator exclude each other; "
        "choose --gold, --annotator or --all-annotators\n"
    )
    assert not out.exists()


def test_native_ignores_the_annotator_choice_and_says_so(
    run: Run, repo: Repository, tmp_path: Path
) -> None:
    add_team_documents(repo)
    result = run("export", "--gold", "--out", str(tmp_path / "all.jsonl"))
    assert result.exit_code == 0, result.output
    assert "note: --gold does not apply to native; ignored" in result.output
    assert "native: wrote 3 document(s), 10 span(s), 1 relation(s)" in result.output
