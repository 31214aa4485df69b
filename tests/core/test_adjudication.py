from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from annotator.core.adjudication import Adjudication, adjudicate
from annotator.core.model import Document, Relation, Span
from annotator.core.team import GOLD

TEXT = "Budi 😀 met Ana in Jakarta 🇮🇩 on Monday."
DOC = Document(id="d1", text=TEXT)
TEAM = ("ana", "budi", "citra")


def span(who: str, label: str, needle: str, **attrs: Any) -> Span:
    start = TEXT.index(needle)
    layer = "claim" if label == "CLAIM" else "entity"
    return Span(
        f"{who}-{label}-{start}", "d1", layer, label, start, start + len(needle), needle, who,
        attrs=dict(attrs),
    )  # fmt: skip


def relation(who: str, label: str, head: Span, tail: Span) -> Relation:
    return Relation(f"{who}-{label}-{head.id}-{tail.id}", "d1", label, head.id, tail.id, who)


def run(spans: list[Span], relations: list[Relation] = (), **options: Any) -> Adjudication:  # type: ignore[assignment]
    options.setdefault("annotators", TEAM)
    options.setdefault("min_agree", 2)
    return adjudicate(DOC, spans, relations, **options)


def test_two_of_three_agree_and_the_third_one_waits() -> None:
    spans = [
        span("ana", "GPE", "Jakarta 🇮🇩"),
        span("budi", "GPE", "Jakarta 🇮🇩"),
        span("citra", "GPE", "Jakarta"),
    ]
    result = run(spans)

    (gold,) = result.spans
    assert (gold.label, gold.start, gold.end, gold.annotator) == (
        "GPE",
        TEXT.index("Jakarta"),
        TEXT.index("Jakarta") + len("Jakarta 🇮🇩"),
        GOLD,
    )
    assert TEXT[gold.start : gold.end] == gold.text == "Jakarta 🇮🇩"
    assert (result.waiting_spans, result.waiting_relations, result.settled) == (1, 0, False)


def test_when_all_disagree_nothing_becomes_gold_and_everything_waits() -> None:
    spans = [
        span("ana", "PER", "Budi"),
        span("budi", "ORG", "Budi"),
        span("citra", "PER", "Budi 😀"),
    ]
    result = run(spans)
    assert result.spans == () and result.waiting_spans == 3 and not result.settled


def test_unanimous_document_is_settled() -> None:
    spans = [span(who, "PER", "Ana") for who in TEAM]
    result = run(spans, min_agree=3)
    assert len(result.spans) == 1 and result.settled


def test_relations_follow_spans_that_became_gold() -> None:
    ana_budi, ana_city = span("ana", "PER", "Budi"), span("ana", "GPE", "Jakarta")
    budi_budi, budi_city = span("budi", "PER", "Budi"), span("budi", "GPE", "Jakarta")
    citra_budi, citra_day = span("citra", "PER", "Budi"), span("citra", "DATE", "Monday")
    relations = [
        relation("ana", "located_in", ana_budi, ana_city),
        relation("budi", "located_in", budi_budi, budi_city),
        relation("citra", "located_in", citra_budi, citra_day),
    ]
    result = run([ana_budi, ana_city, budi_budi, budi_city, citra_budi, citra_day], relations)

    gold = {s.id: s for s in result.spans}
    assert sorted(s.text for s in gold.values()) == ["Budi", "Jakarta"]
    (rel,) = result.relations
    assert rel.annotator == GOLD and rel.label == "located_in"
    assert (gold[rel.head].text, gold[rel.tail].text) == ("Budi", "Jakarta")
    # Monday (one annotator) waits, and so does citra's relation to it
    assert (result.waiting_spans, result.waiting_relations) == (1, 1)


def test_a_relation_between_gold_spans_drawn_by_one_annotator_waits() -> None:
    budi = [span(who, "PER", "Budi") for who in ("ana", "budi")]
    city = [span(who, "GPE", "Jakarta") for who in ("ana", "budi")]
    result = run([*budi, *city], [relation("ana", "located_in", budi[0], city[0])])
    assert len(result.spans) == 2 and result.relations == ()
    assert result.waiting_relations == 1 and not result.settled


def test_gold_keeps_the_attributes_the_agreeing_annotators_share() -> None:
    claim = "met Ana in Jakarta"
    spans = [
        span("ana", "CLAIM", claim, polarity="denied", checkworthy=True),
        span("budi", "CLAIM", claim, polarity="denied", checkworthy=False),
    ]
    result = run(spans)
    (gold,) = result.spans
    assert gold.attrs == {"polarity": "denied"}
    assert result.waiting_attributes == 1 and not result.settled


def test_running_again_adds_nothing_and_ids_are_deterministic() -> None:
    ana, budi = span("ana", "PER", "Ana"), span("budi", "PER", "Ana")
    city = [span(who, "GPE", "Jakarta") for who in ("ana", "budi")]
    relations = [relation("ana", "located_in", ana, city[0])]
    relations.append(relation("budi", "located_in", budi, city[1]))
    first = run([ana, budi, *city], relations)
    again = run([ana, budi, *city], relations)
    assert [s.id for s in first.spans] == [s.id for s in again.spans]
    assert [r.id for r in first.relations] == [r.id for r in again.relations]

    after = run([ana, budi, *city, *first.spans], [*relations, *first.relations])
    assert (after.spans, after.relations) == ((), ())
    assert after.settled


def test_an_id_the_document_already_uses_gets_a_fresh_one() -> None:
    agreed = [span(who, "PER", "Ana") for who in ("ana", "budi")]
    planned = run(agreed).spans[0]
    # the curator moved the first gold span elsewhere; its id stays taken
    moved = replace(planned, start=0, end=4, text="Budi", label="PER")
    result = run([*agreed, moved])
    (gold,) = result.spans
    assert gold.id != planned.id and gold.text == "Ana"


def test_an_agreed_span_overlapping_gold_of_an_exclusive_layer_waits() -> None:
    start = TEXT.index("Ana")
    curated = Span("g1", "d1", "entity", "PER", start, start + 3, "Ana", GOLD)
    agreed = [span(who, "PER", "Ana in Jakarta") for who in ("ana", "budi")]
    with_overlap = run([curated, *agreed], exclusive_layers={"entity"})
    assert with_overlap.spans == () and with_overlap.waiting_spans == 1
    assert len(run([curated, *agreed]).spans) == 1


def test_rejected_spans_do_not_vote_and_decided_ones_do_not_wait() -> None:
    ana, budi = span("ana", "PER", "Ana"), span("budi", "PER", "Ana")
    lone = span("citra", "ORG", "Ana")
    result = run([ana, budi, lone], decisions={budi.id: "rejected", lone.id: "rejected"})
    assert result.spans == () and result.waiting_spans == 1  # ana's alone is undecided


def test_only_the_named_annotators_count() -> None:
    spans = [span(who, "PER", "Ana") for who in TEAM]
    assert run(spans, annotators=("ana",)).spans == ()
    assert len(run(spans, annotators=("ana", "citra")).spans) == 1


def test_min_agree_must_be_positive() -> None:
    with pytest.raises(ValueError, match="min_agree must be at least 1"):
        run([], min_agree=0)
