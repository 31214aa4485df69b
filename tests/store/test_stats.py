from __future__ import annotations

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.core.suggestion_edits import Suggestion
from annotator.store.repository import Repository
from annotator.store.stats import DocumentCount, LabelCount, corpus_stats
from annotator.store.suggestions import insert_suggestions


def test_corpus_stats(repo: Repository) -> None:
    with repo.transaction():
        repo.add_document(Document(id="a", text="Jakarta and Budi 😀", status="done"))
        repo.add_document(Document(id="b", text="Budi in Bandung"))
        repo.add_document(Document(id="c", text="nothing"))
    a, b = repo.document("a"), repo.document("b")
    for doc, label, start, end, who in (
        (a, "GPE", 0, 7, "ann1"),
        (a, "PER", 12, 16, "ann2"),
        (b, "PER", 0, 4, "ann1"),
        (b, "GPE", 8, 15, "ann1"),
    ):
        repo.apply(AddSpan(make_span(doc, "entity", label, start, end, who)), who)
    stats = corpus_stats(repo)
    assert (stats.done, stats.documents, stats.spans) == (1, 3, 4)
    assert {(r.label, r.spans, r.documents) for r in stats.per_label} == {
        ("GPE", 2, 2),
        ("PER", 2, 2),
    }
    assert stats.per_layer == {"entity": 4}
    assert stats.per_annotator == {"ann1": 3, "ann2": 1}
    assert [(d.doc_id, d.spans) for d in stats.per_document] == [("a", 2), ("b", 2), ("c", 0)]
    assert stats.cooccurrence == [("GPE", "PER", 2)]
    assert stats.without_spans == ["c"]
    assert stats.to_dict()["cooccurrence"] == [{"a": "GPE", "b": "PER", "documents": 2}]


def test_stats_order_labels_by_count_and_count_pending_suggestions(repo: Repository) -> None:
    with repo.transaction():
        repo.add_document(Document(id="a", text="Baku Baku Baku Yerevan", title="A"))
        repo.add_document(Document(id="b", text="Baku said so", title="B", status="in_progress"))
    a, b = repo.document("a"), repo.document("b")
    for doc, layer, label, start, end in (
        (a, "entity", "GPE", 0, 4),
        (a, "entity", "GPE", 5, 9),
        (a, "entity", "LOC", 10, 14),
        (a, "entity", "ORG", 15, 22),
        (b, "claim", "CLAIM", 0, 12),
        (b, "entity", "GPE", 0, 4),
    ):
        repo.apply(AddSpan(make_span(doc, layer, label, start, end, "ann")), "ann")
    insert_suggestions(
        repo,
        [
            Suggestion("g1", "a", "entity", "GPE", 0, 4, "Baku", "rules"),
            Suggestion("g2", "a", "entity", "GPE", 5, 9, "Baku", "rules", status="rejected"),
        ],
    )
    stats = corpus_stats(repo)
    assert stats.per_status == {"todo": 1, "in_progress": 1}
    assert (stats.documents, stats.done, stats.spans) == (2, 0, 6)
    assert stats.per_label == [
        LabelCount("entity", "GPE", 3, 2),
        LabelCount("claim", "CLAIM", 1, 1),
        LabelCount("entity", "LOC", 1, 1),
        LabelCount("entity", "ORG", 1, 1),
    ]
    assert list(stats.per_layer.items()) == [("entity", 5), ("claim", 1)]
    assert stats.per_document == [
        DocumentCount("a", "A", "todo", 4),
        DocumentCount("b", "B", "in_progress", 2),
    ]
    assert stats.cooccurrence == [
        ("CLAIM", "GPE", 1),
        ("GPE", "LOC", 1),
        ("GPE", "ORG", 1),
        ("LOC", "ORG", 1),
    ]
    assert stats.without_spans == []
    assert stats.pending_suggestions == 1
    data = stats.to_dict()
    assert data["cooccurrence_basis"] == "documents"
    assert data["per_label"][0] == {"layer": "entity", "label": "GPE", "spans": 3, "documents": 2}
    assert data["pending_suggestions"] == 1
