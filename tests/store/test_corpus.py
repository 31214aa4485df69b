"""Writes and reads over many documents: imports that clash on ids change nothing, documents
come back in the order asked, and relation filters follow both ends."""

from __future__ import annotations

import pytest

from annotator.core.edits import AddRelation, AddSpan
from annotator.core.model import Document, Relation, make_span
from annotator.store.corpus import (
    IdsTaken,
    add_annotated_document,
    add_annotations,
    documents_in_order,
    documents_with_relations,
)
from annotator.store.repository import Repository


def _doc(doc_id: str, text: str = "Baku said Yerevan fired first.") -> Document:
    return Document(id=doc_id, text=text)


def test_a_document_is_added_with_its_spans_and_relations(repo: Repository) -> None:
    doc = _doc("a")
    claim = make_span(doc, "claim", "CLAIM", 10, 29, "ann", span_id="c")
    baku = make_span(doc, "entity", "GPE", 0, 4, "ann", span_id="b")
    relation = Relation("r", "a", "claimant", "c", "b")
    with repo.transaction():
        counts = add_annotated_document(repo, doc, [claim, baku], [relation], "importer")
    assert counts == (2, 1)
    assert {s.id for s in repo.spans("a")} == {"b", "c"}
    assert repo.relations("a") == [relation]


def test_ids_taken_by_another_document_undo_this_document_alone(repo: Repository) -> None:
    first, second = _doc("a"), _doc("b")
    with repo.transaction():
        add_annotated_document(
            repo, first, [make_span(first, "entity", "GPE", 0, 4, "x", span_id="s1")], []
        )
    spans = [make_span(second, "entity", "GPE", 0, 4, "x", span_id=f"s{n}") for n in (3, 1, 2)]
    with (
        repo.transaction(),
        pytest.raises(IdsTaken, match=r"^span/relation id\(s\) already used: s1$") as taken,
    ):
        add_annotated_document(repo, second, spans, [])
    assert taken.value.ids == ["s1"]
    assert not repo.has_document("b")
    assert repo.has_document("a") and len(repo.spans("a")) == 1


def test_taken_relation_ids_are_named_sorted_and_at_most_five(repo: Repository) -> None:
    first = _doc("a")
    spans = [make_span(first, "entity", "GPE", 0, 4, "x", span_id=f"s{n}") for n in range(7)]
    claim = make_span(first, "claim", "CLAIM", 10, 29, "x", span_id="c")
    relations = [Relation(f"r{n}", "a", "claimant", "c", f"s{n}") for n in range(7)]
    with repo.transaction():
        add_annotated_document(repo, first, [claim, *spans], relations)
    second = _doc("b")
    again = [
        make_span(second, "entity", "GPE", 0, 4, "x", span_id=f"s{n}")
        for n in (6, 5, 4, 3, 2, 1, 0)
    ]
    with (
        repo.transaction(),
        pytest.raises(IdsTaken, match=r"^span/relation id\(s\) already used: s0, s1, s2, s3, s4$"),
    ):
        add_annotated_document(repo, second, again, [])
    third = _doc("c")
    own = make_span(third, "claim", "CLAIM", 10, 29, "x", span_id="c3")
    tail = make_span(third, "entity", "GPE", 0, 4, "x", span_id="t3")
    with repo.transaction(), pytest.raises(IdsTaken, match=r"already used: r2$"):
        add_annotated_document(
            repo, third, [own, tail], [Relation("r2", "c", "claimant", "c3", "t3")]
        )
    assert IdsTaken([]).args == ("span/relation id(s) already used: (unknown)",)


def test_more_taken_ids_than_one_query_holds_are_all_found(repo: Repository) -> None:
    first = _doc("a", "x" * 1200)
    spans = [
        make_span(first, "entity", "GPE", n, n + 1, "x", span_id=f"s{n:04d}") for n in range(1100)
    ]
    with repo.transaction():
        add_annotated_document(repo, first, spans, [])
    second = _doc("b", "x" * 1200)
    late = make_span(second, "entity", "GPE", 0, 1, "x", span_id="s1099")
    fresh = [
        make_span(second, "entity", "GPE", n, n + 1, "x", span_id=f"new{n:04d}")
        for n in range(1050)
    ]
    with repo.transaction(), pytest.raises(IdsTaken, match=r"already used: s1099$"):
        add_annotated_document(repo, second, [*fresh, late], [])


def test_documents_come_in_the_order_asked_and_missing_ids_are_left_out(repo: Repository) -> None:
    with repo.transaction():
        for n in range(7):
            repo.add_document(_doc(f"d{n}", f"text {n}"))
    asked = ["d5", "gone", "d0", "d6", "d3", "d1"]
    assert [d.id for d in documents_in_order(repo, asked, chunk=2)] == [
        "d5",
        "d0",
        "d6",
        "d3",
        "d1",
    ]
    assert [d.id for d in documents_in_order(repo, asked)] == ["d5", "d0", "d6", "d3", "d1"]
    assert [d.text for d in documents_in_order(repo, ["d4"])] == ["text 4"]
    assert list(documents_in_order(repo, [])) == []


def test_documents_with_relations_filter_both_ends_by_layer_and_annotator(repo: Repository) -> None:
    with repo.transaction():
        for doc_id in "abc":
            repo.add_document(_doc(doc_id))
    for doc_id, claim_by, tail_by, tail_layer, tail_label in (
        ("a", "ana", "ana", "entity", "GPE"),
        ("b", "ana", "ben", "entity", "GPE"),
        ("c", "ben", "ben", "claim", "CLAIM"),
    ):
        doc = repo.document(doc_id)
        claim = make_span(doc, "claim", "CLAIM", 10, 29, claim_by)
        tail = make_span(doc, tail_layer, tail_label, 0, 4, tail_by)
        label = "claimant" if tail_label == "GPE" else "contradicts"
        repo.apply(AddSpan(claim), claim_by)
        repo.apply(AddSpan(tail), tail_by)
        repo.apply(AddRelation(Relation(f"r{doc_id}", doc_id, label, claim.id, tail.id)), "ana")
    assert documents_with_relations(repo) == {"a", "b", "c"}
    assert documents_with_relations(repo, layer="claim") == {"c"}
    assert documents_with_relations(repo, layer="entity") == set()
    assert documents_with_relations(repo, annotator="ana") == {"a"}
    assert documents_with_relations(repo, annotator="ben") == {"c"}
    assert documents_with_relations(repo, layer="claim", annotator="ana") == set()


def test_a_taken_id_in_the_first_of_several_chunks_is_found(repo: Repository) -> None:
    first = _doc("a", "x" * 1200)
    with repo.transaction():
        add_annotated_document(
            repo, first, [make_span(first, "entity", "GPE", 0, 1, "x", span_id="early")], []
        )
    second = _doc("b", "x" * 1200)
    spans = [make_span(second, "entity", "GPE", 0, 1, "x", span_id="early")]
    spans += [
        make_span(second, "entity", "GPE", n, n + 1, "x", span_id=f"new{n:04d}")
        for n in range(1, 1100)
    ]
    with repo.transaction(), pytest.raises(IdsTaken, match=r"already used: early$"):
        add_annotated_document(repo, second, spans, [])


def test_annotations_are_added_to_a_stored_document_and_a_taken_id_undoes_only_them(
    repo: Repository,
) -> None:
    doc = _doc("a")
    with repo.transaction():
        add_annotated_document(repo, doc, [], [])
    claim = make_span(doc, "claim", "CLAIM", 10, 29, "ann", span_id="c")
    baku = make_span(doc, "entity", "GPE", 0, 4, "ann", span_id="b")
    relation = Relation("r", "a", "claimant", "c", "b")
    with repo.transaction():
        assert add_annotations(repo, [claim, baku], [relation]) == (2, 1)
    again = make_span(doc, "entity", "GPE", 10, 17, "ann", span_id="b")
    fresh = make_span(doc, "entity", "GPE", 10, 17, "ann", span_id="fresh")
    with repo.transaction():
        with pytest.raises(IdsTaken, match=r"^span/relation id\(s\) already used: b, r$"):
            add_annotations(repo, [fresh, again], [Relation("r", "a", "claimant", "c", "b")])
        repo.set_document_fields("a", {"note": "kept"})
    assert {s.id for s in repo.spans("a")} == {"b", "c"}
    assert repo.relations("a") == [relation]
    assert repo.document("a").note == "kept"
