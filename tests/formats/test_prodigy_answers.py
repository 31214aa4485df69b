"""Prodigy answers: binary ``ner.teach`` data holds many tasks per text (same ``_input_hash``)
answered accept, reject or ignore; only accepted ones become annotations unless asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.cli import Run
from tests.helpers.tool_formats_project import export

TEXT = "Joko Widodo visited Jakarta on Monday."
OTHER = "Reuters reported rain in Surabaya."


def _task(
    text: str, input_hash: int, task_hash: int, answer: str, *spans: tuple[str, str]
) -> dict[str, Any]:
    doc = spacy.blank("en").make_doc(text)
    entries = []
    for needle, label in spans:
        piece = doc.char_span(text.index(needle), text.index(needle) + len(needle))
        assert piece is not None
        entries.append(
            {
                "start": piece.start_char,
                "end": piece.end_char,
                "token_start": piece.start,
                "token_end": piece.end - 1,
                "label": label,
            }
        )
    return {
        "text": text,
        "_input_hash": input_hash,
        "_task_hash": task_hash,
        "tokens": [
            {
                "text": t.text,
                "start": t.idx,
                "end": t.idx + len(t),
                "id": t.i,
                "ws": bool(t.whitespace_),
            }
            for t in doc
        ],
        "spans": entries,
        "meta": {"score": 0.42},
        "_view_id": "ner",
        "answer": answer,
    }


TEACH = [
    _task(TEXT, 101, 1, "accept", ("Jakarta", "GPE")),
    _task(TEXT, 101, 2, "reject", ("Monday", "GPE")),
    _task(TEXT, 101, 3, "accept", ("Joko Widodo", "PER")),
    _task(TEXT, 101, 4, "ignore", ("Joko", "ORG")),
    _task(OTHER, 202, 5, "reject", ("Reuters", "GPE")),
]


def _file(tmp_path: Path, tasks: list[dict[str, Any]]) -> Path:
    path = tmp_path / "teach.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks))
    return path


def test_only_accepted_tasks_become_annotations(repo: Repository, tmp_path: Path) -> None:
    report = import_paths(repo, [_file(tmp_path, TEACH)])
    assert repo.document_ids() == ["101"]
    assert sorted((s.label, s.text) for s in repo.spans("101")) == [
        ("GPE", "Jakarta"),
        ("PER", "Joko Widodo"),
    ]
    lines = report.lines()
    assert "2 Prodigy task(s) answered accept: imported as annotations" in lines
    assert (
        "2 Prodigy task(s) answered reject: not imported (--prodigy-answers all keeps them)"
        in lines
    )
    assert (
        "1 Prodigy task(s) answered ignore: not imported (--prodigy-answers all keeps them)"
        in lines
    )
    joined = "3 Prodigy task(s) joined the document of an earlier task on the same text"
    assert f"{joined} (same _input_hash)" in lines


def test_all_keeps_each_decision_and_exports_it_back(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [_file(tmp_path, TEACH)], prodigy_answers="all")
    assert repo.document_ids() == ["101", "202"]
    assert len(repo.spans("101")) == 2 and repo.spans("202") == []
    kept = repo.document("101").meta["prodigy_tasks"]
    assert [(t["_task_hash"], t["answer"]) for t in kept] == [(2, "reject"), (4, "ignore")]
    export(repo, "prodigy", tmp_path / "out.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    answers = [(t["text"][:7], t["answer"], [s["label"] for s in t["spans"]]) for t in lines]
    assert answers == [
        ("Joko Wi", "accept", ["PER", "GPE"]),
        ("Joko Wi", "reject", ["GPE"]),
        ("Joko Wi", "ignore", ["ORG"]),
        ("Reuters", "reject", ["GPE"]),
    ]
    rejected = next(t for t in lines if t.get("_task_hash") == 5)
    assert rejected == TEACH[4]


def test_a_kept_task_keeps_its_own_tokens(repo: Repository, tmp_path: Path) -> None:
    words = TEXT.replace(".", " .").split(" ")  # another tokeniser's tokens, without "ws"
    tokens = [
        {"text": w, "start": TEXT.index(w), "end": TEXT.index(w) + len(w), "id": i}
        for i, w in enumerate(words)
    ]
    rejected = {**TEACH[1], "tokens": tokens}
    import_paths(repo, [_file(tmp_path, [TEACH[0], rejected])], prodigy_answers="all")
    export(repo, "prodigy", tmp_path / "out.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert lines[1] == rejected


def test_an_unknown_answer_names_file_and_line(repo: Repository, tmp_path: Path) -> None:
    tasks = [TEACH[0], {**TEACH[1], "answer": "maybe"}]
    with pytest.raises(
        FormatError, match=r"teach\.jsonl:2: answer 'maybe' is not one of accept, reject, ignore"
    ):
        import_paths(repo, [_file(tmp_path, tasks)])
    assert repo.document_ids() == []


def test_same_input_hash_with_another_text_is_refused(repo: Repository, tmp_path: Path) -> None:
    tasks = [TEACH[0], {**_task(OTHER, 101, 9, "accept", ("Reuters", "ORG"))}]
    with pytest.raises(
        FormatError,
        match=r"teach\.jsonl:2: same _input_hash as .*teach\.jsonl:1 but a different text",
    ):
        import_paths(repo, [_file(tmp_path, tasks)])


def test_cli_option_and_report(run: Run, tmp_path: Path) -> None:
    result = run("import", "--prodigy-answers", "all", str(_file(tmp_path, TEACH)))
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s) with 2 span(s)" in result.output
    assert (
        "2 Prodigy task(s) answered reject: kept in the document meta 'prodigy_tasks'"
        in result.output
    )
