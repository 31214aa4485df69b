"""Agreement read from a project: which documents and spans count, and every measure on the
project's tokens against the independent implementations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.errors import SchemaError, ValidationError
from annotator.core.model import Document, Span
from annotator.core.progress import Cancelled
from annotator.core.tokenisation import Tokenisation
from annotator.store.db import open_db
from annotator.store.repository import Repository
from annotator.store.statuses import set_status
from annotator.store.tokens import save_tokens
from annotator.team.agreement import done_annotators, measure_agreement
from tests.helpers.team_project import D1_TOKENS, D2_TOKENS, build_team_project


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Repository]:
    repo = Repository(open_db(build_team_project(tmp_path / "team.db")))
    yield repo
    repo.db.close()


def test_pairs_compare_the_documents_both_marked_done(team: Repository) -> None:
    report = measure_agreement(team, ["ana", "budi", "citra"], ["entity"])
    assert (report.docs, report.docs_done_by_all) == (2, 1)
    pairs = {(p.a, p.b): p for p in report.overall.overall.pairs}
    ana_budi = pairs[("ana", "budi")]
    # d1: 3 + 3 spans, Jakarta the same (exact), Budi also overlapping; d2: Bandung the same
    assert ana_budi.docs == 2
    assert ana_budi.span_f1 == pytest.approx(2 * 2 / 8)
    assert ana_budi.span_f1_overlap == pytest.approx(2 * 3 / 8)
    ana_citra = pairs[("ana", "citra")]
    assert (ana_citra.docs, ana_citra.span_f1, ana_citra.cohen_kappa) == (1, 1.0, 1.0)


def test_kappa_and_alpha_count_the_exported_tokens(team: Repository) -> None:
    report = measure_agreement(team, ["ana", "budi", "citra"], ["entity"])
    entity = report.layers["entity"].overall
    ana = D1_TOKENS["ana"] + D2_TOKENS
    budi = D1_TOKENS["budi"] + D2_TOKENS
    assert entity.pair("ana", "budi").cohen_kappa == pytest.approx(cohen_kappa_score(ana, budi))
    codes = {"O": 0, "PER": 1, "GPE": 2, "ORG": 3}
    citra = D1_TOKENS["citra"] + [None] * len(D2_TOKENS)  # d2 not finished: missing
    data = np.array(
        [[np.nan if v is None else codes[v] for v in column] for column in (ana, budi, citra)]
    )
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert entity.krippendorff_alpha == pytest.approx(expected)
    assert report.overall.overall.krippendorff_alpha == pytest.approx(expected)


def test_per_label_measures_are_one_label_against_the_rest(team: Repository) -> None:
    report = measure_agreement(team, ["ana", "budi"], ["entity"])
    org = report.overall.labels["ORG"].pair("ana", "budi")
    assert org is not None and org.span_f1 == 0.0
    ana = [1 if v == "ORG" else 0 for v in D1_TOKENS["ana"] + D2_TOKENS]
    budi = [1 if v == "ORG" else 0 for v in D1_TOKENS["budi"] + D2_TOKENS]
    assert org.cohen_kappa == pytest.approx(cohen_kappa_score(ana, budi))
    assert report.overall.labels["GPE"].pair("ana", "budi").span_f1 == pytest.approx(2 * 2 / 5)


def test_every_layer_is_measured_and_pooled_by_default(team: Repository) -> None:
    report = measure_agreement(team, ["ana", "budi"])
    assert list(report.layers) == ["entity", "claim", "section"]
    claim = report.layers["claim"].overall
    # nobody marked a claim: no spans, every token O, nothing to measure beyond chance
    assert (claim.pair("ana", "budi").span_f1, claim.krippendorff_alpha) == (None, None)
    assert report.overall.overall.pair("ana", "budi").span_f1 == pytest.approx(0.5)


def test_documents_come_most_disagreement_first(team: Repository) -> None:
    report = measure_agreement(team, ["ana", "budi", "citra"], ["entity"])
    first, second = report.documents
    assert (first.doc_id, first.annotators, first.labelled, first.differing) == ("d1", 3, 5, 3)
    assert (second.doc_id, second.differing, second.disagreement) == ("d2", 0, 0.0)
    assert report.to_dict()["documents"][0]["disagreement"] == pytest.approx(3 / 5)


def test_the_json_shape_has_pairs_measures_labels_and_layers(team: Repository) -> None:
    data = measure_agreement(team, ["ana", "budi"], ["entity"], ["d1"]).to_dict()
    assert set(data) >= {"pairs", "fleiss_kappa", "krippendorff_alpha", "labels", "layers"}
    assert set(data["pairs"][0]) == {"a", "b", "docs", "span_f1", "span_f1_overlap", "cohen_kappa"}
    assert data["pairs"][0]["docs"] == 1
    assert set(data["labels"]) == {"PER", "GPE", "ORG"}
    assert data["layers"]["entity"]["labels"]["PER"]["pairs"][0]["span_f1_overlap"] == 1.0


def test_by_default_everyone_who_finished_a_document_is_compared(team: Repository) -> None:
    assert done_annotators(team) == ["ana", "budi", "citra"]
    assert measure_agreement(team).annotators == ("ana", "budi", "citra")


def test_one_annotator_is_refused_with_a_clear_message(team: Repository) -> None:
    with pytest.raises(ValidationError, match=r"^agreement needs at least two annotators .*ana\)$"):
        measure_agreement(team, ["ana"])


def test_annotators_without_a_document_all_finished_are_refused(team: Repository) -> None:
    with pytest.raises(ValidationError, match=r"^no document is marked done by all of ana, budi;"):
        measure_agreement(team, ["ana", "budi"], doc_ids=["d3"])


def test_an_unknown_layer_or_document_is_named(team: Repository) -> None:
    with pytest.raises(SchemaError, match=r"^unknown layer 'entities'; known layers: entity"):
        measure_agreement(team, ["ana", "budi"], ["entities"])
    with pytest.raises(ValidationError, match=r"^no document with id 'd9'$"):
        measure_agreement(team, ["ana", "budi"], doc_ids=["d9"])


def test_progress_is_reported_and_cancel_stops(team: Repository) -> None:
    seen: list[tuple[int, int]] = []
    measure_agreement(team, ["ana", "budi"], progress=lambda d, t, m="": seen.append((d, t)))
    assert seen == [(0, 2), (1, 2), (2, 2)]
    with pytest.raises(Cancelled):
        measure_agreement(team, ["ana", "budi"], cancel=lambda: True)


def test_a_conll_documents_kept_tokens_are_the_units(team: Repository) -> None:
    # spaCy splits "all-rounder" in three; the CoNLL file it came from kept it whole.
    text = "An all-rounder won."
    with team.transaction():
        team.add_document(Document(id="conll", text=text))
        team.add_spans(
            [
                Span("k-ana", "conll", "entity", "MISC", 3, 6, "all", "ana"),
                Span("k-budi", "conll", "entity", "MISC", 3, 14, "all-rounder", "budi"),
            ]
        )
        for who in ("ana", "budi"):
            set_status(team, "conll", who, "done")
    spacy_tokens = measure_agreement(team, ["ana", "budi"], ["entity"], ["conll"]).documents
    assert (spacy_tokens[0].labelled, spacy_tokens[0].differing) == (3, 2)  # all | - | rounder
    with team.transaction():
        save_tokens(team, "conll", Tokenisation((0, 3, 15, 18), (2, 14, 18, 19)))
    kept = measure_agreement(team, ["ana", "budi"], ["entity"], ["conll"]).documents
    assert (kept[0].labelled, kept[0].differing) == (1, 0)
