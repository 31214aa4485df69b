"""The import transaction across formats: unknown labels listed at once, schema additions taken
back with a refused import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.brat_corpus import write_corpus


def test_unknown_labels_of_several_records_are_listed_in_one_error(
    repo: Repository, tmp_path: Path
) -> None:
    lines = [
        {"id": "a", "text": "Joko in Bogor", "spans": [{"layer": "entity", "label": "PERSON",
         "start": 0, "end": 4, "text": "Joko"}]},
        {"id": "b", "text": "Rain in Bogor", "spans": [{"layer": "entity", "label": "GPE",
         "start": 8, "end": 13, "text": "Bogor"}]},
        {"id": "c", "text": "Bogor floods", "spans": [{"layer": "entity", "label": "CITY",
         "start": 0, "end": 5, "text": "Bogor"}]},
    ]  # fmt: skip
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    with pytest.raises(FormatError) as error:
        import_paths(repo, [path])
    message = str(error.value)
    assert message.startswith(
        f"2 unknown labels: 'PERSON' ({path}:1: span 1), 'CITY' ({path}:3: span 1); known labels: "
    )
    assert repo.document_ids() == []


def test_a_refused_import_takes_back_what_the_conf_added(repo: Repository, tmp_path: Path) -> None:
    before = repo.schema()
    corpus = write_corpus(tmp_path / "GE")
    with (corpus / "PMC-10-abstract.ann").open("a", encoding="utf-8") as ann:
        ann.write("R2\tEquiv Arg1:T5\n")
    with pytest.raises(FormatError, match=r"PMC-10-abstract\.ann:21: expected 'R1<TAB>LABEL"):
        import_paths(repo, [corpus], schema_from_conf=True)
    assert repo.schema() == before
    assert not repo.schema().has_label("Protein")
    assert repo.document_ids() == []
