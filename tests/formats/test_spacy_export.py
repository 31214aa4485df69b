"""spaCy export, loaded back with spaCy itself and trained on with ``spacy train``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.operations.spans import set_attribute
from annotator.core.progress import Cancelled, no_progress
from annotator.formats.export_api import ExportOptions
from annotator.formats.registry import exporter
from annotator.formats.spacy_export import USER_DATA_KEY
from annotator.store.repository import Repository
from tests.helpers.ml_sample import add_document, add_samples


def export(repo: Repository, out: Path, **options: object) -> object:
    return exporter("spacy")(repo, out, ExportOptions(**options), no_progress, lambda: False)  # type: ignore[arg-type]


def load(path: Path) -> list[spacy.tokens.Doc]:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_docbins_carry_every_layer_relations_and_attributes(
    repo: Repository, tmp_path: Path
) -> None:
    samples = {s.record.document.id: s for s in add_samples(repo, 20)}
    out = tmp_path / "spacy"
    report = export(repo, out, split=(0.8, 0.1, 0.1), seed=3)

    docs = [doc for split in ("train", "dev", "test") for doc in load(out / f"{split}.spacy")]
    assert sorted(p.name for p in out.iterdir()) == [
        "config.cfg",
        "dev.spacy",
        "test.spacy",
        "train.spacy",
    ]
    assert len(docs) == 20 and report.documents == 20  # type: ignore[attr-defined]
    assert report.per_split == {"train": 16, "dev": 2, "test": 2}  # type: ignore[attr-defined]
    assert report.problems == []  # type: ignore[attr-defined]
    for doc in docs:
        data = doc.user_data[USER_DATA_KEY]
        record = samples[data["doc_id"]].record
        want = {
            layer: sorted(s.text for s in record.spans if s.layer == layer)
            for layer in ("entity", "claim", "section")
        }
        assert sorted(e.text for e in doc.ents) == want["entity"]
        assert {e.label_ for e in doc.ents} <= {"PER", "ORG", "GPE"}
        for layer in ("entity", "claim", "section"):
            assert sorted(s.text for s in doc.spans[layer]) == want[layer]
        by_id = {s.id_: s for layer in doc.spans for s in doc.spans[layer]}
        assert len(data["relations"]) == len(record.relations) > 0
        for rel in data["relations"]:
            assert by_id[rel["head"]].label_ == "CLAIM"
            assert by_id[rel["tail"]].label_ in ("PER", "ORG")
        claims = [s for s in record.spans if s.layer == "claim"]
        assert data["attrs"] == {s.id: s.attrs for s in claims}


def test_spacy_train_accepts_the_config_and_the_model_tags_text(
    repo: Repository, tmp_path: Path
) -> None:
    add_samples(repo, 20)
    out = tmp_path / "spacy"
    export(repo, out, split=(0.8, 0.2, 0.0))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            "config.cfg",
            "--paths.train",
            "train.spacy",
            "--paths.dev",
            "dev.spacy",
            "--output",
            "model",
            "--training.max_steps",
            "30",
        ],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    nlp = spacy.load(out / "model" / "model-last")
    assert nlp.pipe_names == [
        "tok2vec",
        "ner",
        "span_finder_section",
        "spancat_section",
        "span_finder_claim",
        "spancat_claim",
    ]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "GPE"}
    assert set(nlp.get_pipe("spancat_claim").labels) == {"CLAIM"}
    doc = nlp("Maria Santos said that Acme Corp will open an office in Tokyo today.")
    assert len(doc) == 14 and "claim" in doc.spans and "section" in doc.spans


def test_config_widens_span_layers_to_their_longest_span(repo: Repository, tmp_path: Path) -> None:
    add_samples(repo, 5)
    out = tmp_path / "spacy"
    export(repo, out)
    config = spacy.util.load_config(out / "config.cfg")
    longest = max(len(s) for d in load(out / "train.spacy") for s in d.spans["section"])
    assert longest > 3  # the default suggester's 1-3 tokens would never propose it
    assert config["components"]["span_finder_section"]["max_length"] == longest
    assert config["components"]["spancat_section"]["suggester"] == {
        "@misc": "spacy.preset_spans_suggester.v1",
        "spans_key": "section",
    }
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    assert "spancat_claim" in nlp.pipe_names


def test_misaligned_span_is_reported_in_strict_and_snapped_in_expand(
    repo: Repository, tmp_path: Path
) -> None:
    add_document(
        repo, "mis", "abcdef and Jakarta", [("entity", "ORG", 0, 3), ("entity", "GPE", 11, 18)]
    )
    strict = export(repo, tmp_path / "strict")
    (problem,) = strict.problems  # type: ignore[attr-defined]
    assert (problem.doc_id, problem.start, problem.end, problem.text) == ("mis", 0, 3, "abc")
    assert "inside a token" in problem.reason
    assert any("mis 0..3 ORG 'abc'" in line for line in strict.lines())  # type: ignore[attr-defined]
    (doc,) = load(tmp_path / "strict" / "train.spacy")
    assert [e.text for e in doc.ents] == ["Jakarta"]
    assert doc[0].ent_iob_ == ""  # marked missing, not "outside"
    assert doc.user_data[USER_DATA_KEY]["spans"][0]["exported"] is False

    expand = export(repo, tmp_path / "expand", alignment="expand")
    assert expand.problems == []  # type: ignore[attr-defined]
    assert "1 span(s) snapped" in "\n".join(expand.lines())  # type: ignore[attr-defined]
    (doc,) = load(tmp_path / "expand" / "train.spacy")
    assert [e.text for e in doc.ents] == ["abcdef", "Jakarta"]

    contract = export(repo, tmp_path / "contract", alignment="contract")
    assert [p.text for p in contract.problems] == ["abc"]  # type: ignore[attr-defined]


def test_indonesian_suffix_and_emoji_keep_offsets(repo: Repository, tmp_path: Path) -> None:
    text = "😀👩🏽‍🎨 Banjir di Jakarta-nya, kata café BNPB."
    start = text.index("Jakarta")
    bnpb = text.index("BNPB")
    add_document(
        repo,
        "id-1",
        text,
        [("entity", "GPE", start, start + 7), ("entity", "ORG", bnpb, bnpb + 4)],
        lang="id",
    )
    report = export(repo, tmp_path / "out")
    assert report.problems == []  # type: ignore[attr-defined]
    (doc,) = load(tmp_path / "out" / "train.spacy")
    assert [(e.text, e.start_char) for e in doc.ents] == [("Jakarta", start), ("BNPB", bnpb)]


def test_overlapping_entities_stay_in_the_span_group_and_leave_ents_unset(
    repo: Repository, tmp_path: Path
) -> None:
    add_document(
        repo,
        "ov",
        "New York City Hall opened.",
        [("entity", "GPE", 0, 13), ("entity", "ORG", 9, 18)],
    )
    report = export(repo, tmp_path / "out")
    (doc,) = load(tmp_path / "out" / "train.spacy")
    assert list(doc.ents) == [] and doc[0].ent_iob_ == ""
    assert sorted(s.text for s in doc.spans["entity"]) == ["City Hall", "New York City"]
    assert any("overlapping entities" in n and "ov" in n for n in report.notes)  # type: ignore[attr-defined]


def test_cancel_leaves_nothing_behind(repo: Repository, tmp_path: Path) -> None:
    add_samples(repo, 5)
    calls = iter(range(100))
    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        exporter("spacy")(repo, out, ExportOptions(), no_progress, lambda: next(calls) >= 3)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("alignment", ["strict", "contract"])
def test_two_entities_inside_one_token_are_reported_and_the_export_goes_on(
    repo: Repository, tmp_path: Path, alignment: str
) -> None:
    text = "Streptomycin resistance of strain H37Ra::rpsL was confirmed in Tokyo."
    token = text.index("H37Ra::rpsL")
    add_document(
        repo,
        "bionlp",
        text,
        [
            ("entity", "MISC", token, token + 5),
            ("entity", "ORG", token + 7, token + 11),
            ("entity", "GPE", text.index("Tokyo"), text.index("Tokyo") + 5),
        ],
    )
    out = tmp_path / "spacy"
    report = export(repo, out, alignment=alignment)

    assert [(p.text, p.label) for p in report.problems] == [("H37Ra", "MISC"), ("rpsL", "ORG")]  # type: ignore[attr-defined]
    (doc,) = load(out / "train.spacy")
    assert [(e.text, e.label_) for e in doc.ents] == [("Tokyo", "GPE")]
    shared = next(t for t in doc if t.text == "H37Ra::rpsL")
    assert shared.ent_iob_ == ""  # missing, not "outside": a model is not taught it is no entity


def test_an_unset_attribute_is_absent_from_user_data(repo: Repository, tmp_path: Path) -> None:
    text = "Retno said Jakarta is calm."
    add_document(repo, "unset", text, [("claim", "CLAIM", 0, 26), ("entity", "PER", 0, 5)])
    claim = next(s for s in repo.spans("unset") if s.label == "CLAIM")
    repo.apply(set_attribute(claim, repo.schema(), "polarity", "hedged"), "ann")
    assert repo.schema().attribute("claim", "verifiability").default is None
    out = tmp_path / "spacy"
    export(repo, out, split=(1.0, 0.0, 0.0))
    [exported] = load(out / "train.spacy")
    attrs = exported.user_data[USER_DATA_KEY]["attrs"]
    assert attrs == {claim.id: {"polarity": "hedged"}}  # no verifiability, no negated
