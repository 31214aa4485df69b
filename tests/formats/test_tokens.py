"""Every token format writes the tokens a CoNLL file came with, and handles a document longer
than spaCy's one-million-character limit; each export is read back with its own library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from datasets import load_from_disk
from spacy.tokens import DocBin

from annotator.core.model import Document
from annotator.formats.importer import import_paths
from annotator.formats.tokens import PIECE, token_doc
from annotator.store.repository import Repository
from annotator.store.tokens import kept_tokens
from tests.helpers.conll2003 import SENTENCES, write_excerpt
from tests.helpers.ml_sample import add_document
from tests.helpers.tool_formats_project import export

WORDS = [w for sentence in SENTENCES for w, _ in sentence]


def _prodigy_tokens(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [[t["text"] for t in json.loads(line)["tokens"]] for line in lines]


def test_prodigy_hf_and_spacy_exports_write_the_conll_files_tokens(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [write_excerpt(tmp_path / "eng.conll")])

    export(repo, "prodigy", tmp_path / "out.jsonl")
    (tokens,) = _prodigy_tokens(tmp_path / "out.jsonl")
    assert [t for t in tokens if not t.isspace()] == WORDS

    export(repo, "hf", tmp_path / "hf")
    (row,) = load_from_disk(str(tmp_path / "hf"))["train"]
    assert row["tokens"] == WORDS
    names = load_from_disk(str(tmp_path / "hf"))["train"].features["ner_tags"].feature.names
    assert [names[i] for i in row["ner_tags"]] == [t for s in SENTENCES for _, t in s]

    export(repo, "spacy", tmp_path / "spacy")
    (doc,) = (
        DocBin().from_disk(tmp_path / "spacy" / "train.spacy").get_docs(spacy.blank("en").vocab)
    )
    assert [t.text for t in doc if not t.is_space] == WORDS
    assert [e.text for e in doc.ents] == [
        "EU", "German", "British", "Peter Blackburn", "BRUSSELS", "West Indian", "Phil Simmons",
        "Leicestershire", "Somerset", "LONDON",
    ]  # fmt: skip


def test_kept_tokens_keep_the_files_sentences(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [write_excerpt(tmp_path / "eng.conll")])
    kept = kept_tokens(repo, "eng-1")
    doc = token_doc(repo.document("eng-1"), kept, sentences=True)
    sentences = [[t.text for t in s if not t.is_space] for s in doc.sents]
    assert sentences == [[w for w, _ in s] for s in SENTENCES]


def test_a_text_longer_than_spacys_limit_is_tokenised_in_pieces() -> None:
    text = ("Maria Santos flew to Jakarta. " * 40_000)[:-1] + "\nLast line 😀 Tokyo"
    assert len(text) > 1_000_000
    doc = token_doc(Document("long", text), None)
    assert doc.text == text
    assert [t.text for t in doc[-5:]] == ["\n", "Last", "line", "😀", "Tokyo"]
    whole = spacy.blank("en")
    whole.max_length = len(text) + 1
    assert [t.text for t in doc] == [t.text for t in whole.make_doc(text)]
    assert len(text) > 10 * PIECE  # many pieces, and the same tokens as in one go


LONG_FORMATS = ["conll", "prodigy", "hf", "spacy"]


@pytest.mark.parametrize("fmt", LONG_FORMATS)
def test_a_document_of_1_1_million_characters_exports(
    repo: Repository, tmp_path: Path, fmt: str
) -> None:
    sentence = "Maria Santos flew to Jakarta on Monday. "
    text = sentence * (1_100_000 // len(sentence) + 1) + "Last: Tokyo."
    last = text.rindex("Tokyo")
    add_document(repo, "long", text, [("entity", "PER", 0, 12), ("entity", "GPE", last, last + 5)])
    out = tmp_path / fmt
    report = export(repo, fmt, out if fmt != "prodigy" else tmp_path / "out.jsonl")
    assert report.problems == [] and report.spans == 2

    if fmt == "conll":
        lines = (out / "train.conll").read_text(encoding="utf-8").splitlines()
        words = [line.split(" ") for line in lines if line and not line.startswith("-DOCSTART-")]
        assert words[:2] == [["Maria", "-X-", "_", "B-PER"], ["Santos", "-X-", "_", "I-PER"]]
        assert words[-2][0] == "Tokyo" and words[-2][3] == "B-GPE"
    elif fmt == "prodigy":
        (task,) = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
        assert task["text"] == text and task["spans"][-1]["start"] == last
        assert task["tokens"][task["spans"][-1]["token_start"]]["text"] == "Tokyo"
    elif fmt == "hf":
        (row,) = load_from_disk(str(out))["train"]
        assert row["text"] == text and row["tokens"][-2] == "Tokyo"
    else:
        (doc,) = DocBin().from_disk(out / "train.spacy").get_docs(spacy.blank("en").vocab)
        assert doc.text == text and [e.text for e in doc.ents] == ["Maria Santos", "Tokyo"]


@pytest.mark.parametrize("fmt", ["conll", "prodigy", "hf"])
@pytest.mark.parametrize("alignment", ["strict", "contract"])
def test_two_entities_inside_one_token_are_listed_by_every_token_format(
    repo: Repository, tmp_path: Path, fmt: str, alignment: str
) -> None:
    text = "Resistance of strain H37Ra::rpsL in Tokyo."
    token = text.index("H37Ra::rpsL")
    tokyo = text.index("Tokyo")
    spans = [("entity", "MISC", token, token + 5), ("entity", "ORG", token + 7, token + 11)]
    add_document(repo, "bionlp", text, [*spans, ("entity", "GPE", tokyo, tokyo + 5)])
    out = tmp_path / ("out.jsonl" if fmt == "prodigy" else "out")
    report = export(repo, fmt, out, alignment=alignment)
    assert [(p.text, p.label) for p in report.problems] == [("H37Ra", "MISC"), ("rpsL", "ORG")]
    assert report.spans == (3 if fmt == "hf" else 1)  # hf's spans column holds every span
