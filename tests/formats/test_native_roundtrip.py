"""Native JSONL: relations, attributes, notes and document labels survive export -> import ->
export on text with emoji; bad relations are refused with file:line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.core.operations.documents import set_document_label, set_document_note
from annotator.core.operations.relations import make_relation
from annotator.core.operations.spans import set_attribute, set_span_note
from annotator.core.progress import never_cancelled, no_progress
from annotator.core.team import GOLD
from annotator.formats import native
from annotator.formats.export_api import ExportOptions
from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import all_statuses
from tests.helpers.builders import add_span
from tests.helpers.curated_team import add_team_documents


def export_native(repo: Repository, out: Path) -> None:
    native.export(repo, out, ExportOptions(), no_progress, never_cancelled)


def fresh_repo(path: Path) -> Repository:
    repo = Repository(open_db(path))
    ensure_project(repo, with_samples=False)
    return repo


@pytest.fixture
def annotated(repo: Repository, emoji_doc: Document) -> Repository:
    schema = repo.schema()
    person = add_span(repo, emoji_doc, "PER", "👩🏽‍🎨")
    city = add_span(repo, emoji_doc, "GPE", "القاهرة")
    claim = add_span(repo, emoji_doc, "CLAIM", "e\u0301 café in القاهرة")
    quote = add_span(repo, emoji_doc, "QUOTE", "Second line")
    claim = repo.span(claim.id)  # type: ignore[assignment]
    repo.apply(set_attribute(claim, schema, "polarity", "denied"), "ann")
    claim = repo.span(claim.id)  # type: ignore[assignment]
    repo.apply(set_attribute(claim, schema, "checkworthy", True), "ann")
    claim = repo.span(claim.id)  # type: ignore[assignment]
    repo.apply(set_span_note(claim, "source? 🤔 «unclear»"), "ann")
    repo.apply(make_relation("claimant", claim, person, schema, "ann"), "ann")
    repo.apply(make_relation("located_in", person, city, schema, "ann"), "ann")
    repo.apply(make_relation("contradicts", quote, claim, schema, "ann"), "ann")
    repo.apply(set_document_note(emoji_doc, "curator: check 東京 😀"), "ann")
    repo.apply(set_document_label(repo.document("emoji"), schema, "topic", "science"), "ann")
    return repo


def test_export_import_export_is_lossless(annotated: Repository, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    export_native(annotated, first)
    other = fresh_repo(tmp_path / "other.db")
    report = import_paths(other, [first])
    assert (report.spans, report.relations) == (4, 3)
    second = tmp_path / "second.jsonl"
    export_native(other, second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")

    record = json.loads(first.read_text(encoding="utf-8"))
    assert record["note"] == "curator: check 東京 😀"
    assert record["labels"] == {"topic": "science"}
    claim = next(s for s in record["spans"] if s["label"] == "CLAIM")
    assert claim["attrs"] == {"polarity": "denied", "checkworthy": True}
    assert claim["note"] == "source? 🤔 «unclear»"
    assert record["text"][claim["start"] : claim["end"]] == claim["text"]
    by_id = {s["id"]: s for s in record["spans"]}
    joined = sorted(
        (r["label"], by_id[r["head"]]["text"], by_id[r["tail"]]["text"])
        for r in record["relations"]
    )
    assert joined == [
        ("claimant", "e\u0301 café in القاهرة", "👩🏽‍🎨"),
        ("contradicts", "Second line", "e\u0301 café in القاهرة"),
        ("located_in", "👩🏽‍🎨", "القاهرة"),
    ]
    assert set(record["relations"][0]) >= {"id", "label", "head", "tail", "annotator"}


def rewrite(path: Path, change: dict[str, object], line: int = 2) -> Path:
    """The export with a blank first line (so the record is on line 2) and a change applied."""
    record = json.loads(path.read_text(encoding="utf-8"))
    for key, value in change.items():
        record[key] = value
    bad = path.with_name("bad.jsonl")
    bad.write_text("\n" * (line - 1) + json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    return bad


@pytest.fixture
def exported(annotated: Repository, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    path = tmp_path / "export.jsonl"
    export_native(annotated, path)
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_import_refuses_relation_to_missing_span_with_file_and_line(
    exported: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    path, record = exported
    relations = list(record["relations"])  # type: ignore[call-overload]
    relations[1] = {**relations[1], "tail": "s-nowhere"}
    bad = rewrite(path, {"relations": relations})
    other = fresh_repo(tmp_path / "other.db")
    with pytest.raises(FormatError) as error:
        import_paths(other, [bad])
    assert str(error.value).startswith(f"{bad}:2: relation 2: ")
    assert "names a missing span 's-nowhere'" in str(error.value)
    assert other.document_ids() == []


def test_import_refuses_relation_the_schema_forbids_with_file_and_line(
    exported: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    path, record = exported
    relations = list(record["relations"])  # type: ignore[call-overload]
    relations[0] = {**relations[0], "head": relations[0]["tail"], "tail": relations[0]["head"]}
    bad = rewrite(path, {"relations": relations}, line=3)
    other = fresh_repo(tmp_path / "other.db")
    with pytest.raises(
        FormatError, match=rf"^{bad}:3: relation 1: relation '\w+' may not (start|end) at a"
    ):
        import_paths(other, [bad])
    assert other.document_ids() == []


def test_import_refuses_bad_attribute_with_file_and_line(
    exported: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    path, record = exported
    spans = [dict(s) for s in record["spans"]]  # type: ignore[attr-defined]
    claim_at = next(i for i, s in enumerate(spans) if s["label"] == "CLAIM")
    spans[claim_at]["attrs"] = {"polarity": "shouted"}
    other = fresh_repo(tmp_path / "other.db")
    with pytest.raises(
        FormatError, match=rf"^{path.parent}/bad.jsonl:2: span {claim_at + 1}: attribute 'polarity'"
    ):
        import_paths(other, [rewrite(path, {"spans": spans})])
    assert other.document_ids() == []


def test_import_refuses_span_ids_another_document_holds_and_keeps_the_rest(
    annotated: Repository, exported: tuple[Path, dict[str, object]]
) -> None:
    path, record = exported
    copy = rewrite(path, {"id": "copy"})  # the same span and relation ids, another document
    with pytest.raises(FormatError, match=rf"^{copy}:2: span/relation id\(s\) already used"):
        import_paths(annotated, [copy])
    report = import_paths(annotated, [copy], skip_bad=True)
    assert report.imported == [] and len(report.skipped) == 1
    assert "copy" not in annotated.document_ids()
    assert len(annotated.spans(str(record["id"]))) == 4


def test_an_unset_attribute_is_left_out_and_stays_unset_after_import(
    annotated: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "export.jsonl"
    export_native(annotated, path)
    record = json.loads(path.read_text(encoding="utf-8"))
    spans = {s["label"]: s for s in record["spans"]}
    assert "verifiability" not in spans["CLAIM"]["attrs"]  # never chosen
    assert spans["PER"].get("attrs", {}) == {}  # negated never chosen
    other = fresh_repo(tmp_path / "other.db")
    import_paths(other, [path])
    claim = next(s for s in other.spans("emoji") if s.label == "CLAIM")
    assert claim.attrs == {"polarity": "denied", "checkworthy": True}


def test_a_team_project_round_trips_with_gold_statuses_and_assignments(
    repo: Repository, tmp_path: Path
) -> None:
    add_team_documents(repo)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    export_native(Repository(repo.db, viewer="ana"), first)
    by_id = {r["id"]: r for r in map(json.loads, first.read_text("utf-8").splitlines())}
    assert by_id["mixed"]["statuses"] == {
        "ana": {"status": "done", "assigned": True},
        "budi": {"status": "in_progress", "assigned": True},
    }
    assert by_id["mixed"]["status"] == "done"  # the exporting user's (ana's) status
    assert by_id["curated"]["statuses"][GOLD] == {"status": "done", "assigned": False}
    assert sorted(s["annotator"] for s in by_id["curated"]["spans"]) == [GOLD, GOLD, "ana", "budi"]
    assert [r["annotator"] for r in by_id["curated"]["relations"]] == [GOLD]

    other = fresh_repo(tmp_path / "other.db")
    import_paths(other, [first], annotator="importer")
    export_native(Repository(other.db, viewer="ana"), second)

    assert second.read_text("utf-8") == first.read_text("utf-8")
    assert all_statuses(other) == all_statuses(repo)


def test_import_refuses_an_unknown_status_of_an_annotator_with_file_and_line(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "team.jsonl"
    record = {"id": "t", "text": "Text.", "statuses": {"ana": {"status": "finished"}}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(
        FormatError, match=rf"^{path}:1: statuses: 'ana': unknown status 'finished'; use one of"
    ):
        import_paths(repo, [path])


SPAN = {"start": 0, "end": 4, "layer": "entity", "label": "PER", "text": "Joko"}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (["d"], r"expected a JSON object, got list"),
        ({"id": "d", "text": "Joko", "colour": 1, "size": 2}, r"unknown field\(s\) colour, size"),
        ({"text": "Joko"}, r"missing field 'id'"),
        ({"id": 7, "text": "Joko"}, r"field 'id' has the wrong type \(int\)"),
        ({"id": " ", "text": "Joko"}, r"the document id is empty"),
        (
            {"id": "d", "text": "Joko\r\n", "spans": [SPAN]},
            r"document 'd' has CR line ends or a BOM in its text; offsets would not match the "
            r"stored text\. Convert line ends to LF first",
        ),
        ({"id": "d", "text": "\n\n"}, r"document 'd' has empty text"),
        ({"id": "d", "text": "Joko", "meta": []}, r"field 'meta' has the wrong type \(list\)"),
        ({"id": "d", "text": "Joko", "spans": [[0, 4]]}, r"span 1: expected an object"),
        (
            {"id": "d", "text": "Joko", "spans": [{**SPAN, "end": True}]},
            r"span 1: field 'end' has the wrong type \(bool\)",
        ),
        (
            {"id": "d", "text": "Joko", "spans": [{**SPAN, "end": 9}]},
            r"span 1: span 0\.\.9 is off the text \(the document has 4 characters\)",
        ),
        (
            {"id": "d", "text": "Joko", "spans": [{**SPAN, "text": "Jo"}]},
            r"span 1: span 0\.\.4 has text 'Jo' but the document says 'Joko'",
        ),
        (
            {"id": "d", "text": "Joko", "spans": [{**SPAN, "label": None}]},
            r"span 1: missing field 'label'",
        ),
        ({"id": "d", "text": "Joko", "relations": ["r"]}, r"relation 1: expected an object"),
        (
            {"id": "d", "text": "Joko", "relations": [{"label": "x", "head": "a"}]},
            r"relation 1: missing field 'tail'",
        ),
    ],
)
def test_a_malformed_line_is_refused_naming_file_line_and_reason(
    repo: Repository, tmp_path: Path, record: object, message: str
) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"id": "fine", "text": "Fine."}) + "\n" + json.dumps(record) + "\n")
    with pytest.raises(FormatError, match=rf"^{re.escape(str(path))}:2: {message}$"):
        import_paths(repo, [path], fmt="native")
    assert repo.document_ids() == []
