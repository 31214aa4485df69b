from __future__ import annotations

from annotator.core.edits import AddSpan
from annotator.core.model import Document, make_span
from annotator.store.repository import Repository
from annotator.store.stats import corpus_stats


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
