from __future__ import annotations

import pytest

from annotator.core.edits import AddSpan
from annotator.core.errors import ValidationError
from annotator.core.find import FindOptions
from annotator.core.model import Document, make_span
from annotator.store.repository import Repository
from annotator.store.search import Hit, candidate_ids, concordance, fts_phrase, like_pattern

TEXT_A = "Hi 😀 Jakarta 👩🏽‍🎨 floods; Jakartanya lagi. JAKARTA 東京 Jakarta."
TEXT_B = "No match here 😀😀 but a jakarta at the end"


@pytest.fixture
def corpus(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="a", text=TEXT_A, title="A"))
        repo.add_document(Document(id="b", text=TEXT_B, title="B"))
        repo.add_document(Document(id="c", text="nothing at all", title="C", status="done"))
    doc = repo.document("a")
    start = TEXT_A.find("Jakarta")
    repo.apply(AddSpan(make_span(doc, "entity", "GPE", start, start + 7, "ann1")), "ann1")
    return repo


def test_plain_hits_match_str_find_on_emoji_text(corpus: Repository) -> None:
    hits = concordance(corpus, "Jakarta", case=True)
    expected, at = [], TEXT_A.find("Jakarta")
    while at >= 0:
        expected.append(("a", at, at + 7))
        at = TEXT_A.find("Jakarta", at + 1)
    assert [(h.doc_id, h.start, h.end) for h in hits] == expected
    for hit in hits:
        assert TEXT_A[hit.start : hit.end] == hit.match == "Jakarta"
        assert TEXT_A[: hit.start].endswith(hit.left)
        assert TEXT_A[hit.end :].startswith(hit.right)


def test_case_insensitive_spans_documents_and_reports_labels(corpus: Repository) -> None:
    hits = concordance(corpus, "jakarta")
    assert [h.doc_id for h in hits] == ["a", "a", "a", "a", "b"]
    assert hits[0].labels == ("GPE",) and hits[1].labels == ()
    assert hits[0].title == "A"
    assert TEXT_B[hits[-1].start : hits[-1].end] == "jakarta"


def test_whole_word_and_filters(corpus: Repository) -> None:
    assert len(concordance(corpus, "jakarta", whole_word=True)) == 4
    labelled = concordance(corpus, "jakarta", label="GPE")
    assert [(h.doc_id, h.start) for h in labelled] == [("a", TEXT_A.find("Jakarta"))]
    assert concordance(corpus, "jakarta", annotator="someone-else") == []
    assert len(concordance(corpus, "jakarta", layer="entity")) == 1
    assert concordance(corpus, "nothing", status="done")[0].doc_id == "c"
    assert concordance(corpus, "nothing", status="todo") == []


def test_regex_and_short_queries_without_index(corpus: Repository) -> None:
    hits = concordance(corpus, r"😀+", regex=True)
    assert [(h.doc_id, h.match) for h in hits] == [("a", "😀"), ("b", "😀😀")]
    assert TEXT_B[hits[1].start : hits[1].end] == "😀😀"
    assert [h.match for h in concordance(corpus, "東京")] == ["東京"]
    with pytest.raises(ValidationError):
        concordance(corpus, "(", regex=True)


def test_index_follows_document_changes(corpus: Repository) -> None:
    corpus.db.execute("UPDATE documents SET text = 'Rotterdam port' WHERE id = 'c'")
    assert [h.doc_id for h in concordance(corpus, "rotterdam")] == ["c"]
    assert concordance(corpus, "nothing at") == []
    with corpus.transaction():
        corpus.db.execute("DELETE FROM documents WHERE id = 'c'")
    assert concordance(corpus, "rotterdam") == []


def test_limit(corpus: Repository) -> None:
    assert len(concordance(corpus, "a", limit=3)) == 3


def test_migration_backfills_documents_that_existed_before(tmp_path) -> None:
    import sqlite3

    from sqlite_utils import Database

    from annotator.store.db import open_db
    from annotator.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(str(path)))
    migrations.apply(old, stop_before="0002_fts")
    old.execute(
        "INSERT INTO documents(id, position, text, created_at) VALUES ('old', 1, ?, '')",
        ["Before the index: Jakarta 😀"],
    )
    old.conn.commit()
    old.close()
    repo = Repository(open_db(path))
    hits = concordance(repo, "jakarta")
    assert [(h.doc_id, h.start, h.end) for h in hits] == [("old", 18, 25)]
    repo.db.close()


def test_offsets_on_the_shared_emoji_text(repo: Repository, emoji_doc: Document) -> None:
    text = emoji_doc.text
    for needle in (
        "Jakarta",
        "👩🏽‍🎨",
        "e\u0301",
        "café",
        "القاهرة",
        "東京",
        "Tabbed line\nSecond",
    ):
        hits = concordance(repo, needle, case=True)
        assert [(h.start, h.end) for h in hits] == [
            (text.find(needle), text.find(needle) + len(needle))
        ], needle
    assert [h.match for h in concordance(repo, "CAFÉ")] == ["café"]


@pytest.fixture
def labelled(repo: Repository) -> Repository:
    first = Document(id="a", text="Baku and Baku again", title="First")
    second = Document(id="b", text="Baku once", title="Second", status="done")
    with repo.transaction():
        repo.add_document(first)
        repo.add_document(second)
    # same extent: spans that share start and end come in id order
    repo.apply(AddSpan(make_span(first, "entity", "GPE", 0, 4, "ana", span_id="s1")), "ana")
    repo.apply(AddSpan(make_span(first, "entity", "ORG", 0, 4, "ben", span_id="s2")), "ben")
    repo.apply(AddSpan(make_span(first, "claim", "CLAIM", 0, 14, "ben")), "ben")
    repo.apply(AddSpan(make_span(second, "entity", "LOC", 0, 4, "ana")), "ana")
    return repo


def where(hits: list[Hit]) -> list[tuple[str, int, int]]:
    return [(h.doc_id, h.start, h.end) for h in hits]


def test_the_label_filter_keeps_hits_under_a_span_of_that_label(labelled: Repository) -> None:
    assert where(concordance(labelled, "Baku")) == [("a", 0, 4), ("a", 9, 13), ("b", 0, 4)]
    assert where(concordance(labelled, "Baku", label="GPE")) == [("a", 0, 4)]
    assert where(concordance(labelled, "Baku", label="LOC")) == [("b", 0, 4)]
    assert where(concordance(labelled, "Baku", label="CLAIM")) == [("a", 0, 4), ("a", 9, 13)]
    assert concordance(labelled, "Baku", label="PER") == []


def test_layer_annotator_and_status_filters(labelled: Repository) -> None:
    assert where(concordance(labelled, "Baku", layer="claim")) == [("a", 0, 4), ("a", 9, 13)]
    assert where(concordance(labelled, "Baku", annotator="ana")) == [("a", 0, 4), ("b", 0, 4)]
    assert where(concordance(labelled, "Baku", label="ORG", annotator="ana")) == []
    assert where(concordance(labelled, "Baku", label="GPE", layer="entity")) == [("a", 0, 4)]
    assert where(concordance(labelled, "Baku", status="done")) == [("b", 0, 4)]
    assert where(concordance(labelled, "Baku", status="todo")) == [("a", 0, 4), ("a", 9, 13)]


def test_a_hit_lists_the_labels_over_it_once_each_in_text_order(labelled: Repository) -> None:
    hits = concordance(labelled, "Baku", width=4)
    assert [h.labels for h in hits] == [("CLAIM", "GPE", "ORG"), ("CLAIM",), ("LOC",)]
    assert hits[1].to_dict() == {
        "doc_id": "a",
        "title": "First",
        "start": 9,
        "end": 13,
        "left": "and ",
        "match": "Baku",
        "right": " aga",
        "labels": ["CLAIM"],
    }


def test_the_limit_stops_the_search_across_documents(labelled: Repository) -> None:
    assert where(concordance(labelled, "Baku", limit=1)) == [("a", 0, 4)]
    assert where(concordance(labelled, "Baku", limit=3)) == [("a", 0, 4), ("a", 9, 13), ("b", 0, 4)]
    assert len(concordance(labelled, "baku")) == 3


def test_search_options_reach_the_pattern(labelled: Repository) -> None:
    assert concordance(labelled, "baku", case=True) == []
    assert where(concordance(labelled, "Bak", whole_word=True)) == []
    assert where(concordance(labelled, r"Baku\s+once", regex=True)) == [("b", 0, 9)]
    assert concordance(labelled, "") == []


def test_a_quote_in_the_query_is_searched_literally(repo: Repository) -> None:
    doc = Document(id="q", text='He said "Baku" twice')
    with repo.transaction():
        repo.add_document(doc)
    assert fts_phrase('say "hi"') == '"say ""hi"""'
    assert where(concordance(repo, '"Baku"')) == [("q", 8, 14)]
    assert candidate_ids(repo, '"Baku"', FindOptions()) == ["q"]


def test_candidates_use_only_literals_of_three_characters_or_more(labelled: Repository) -> None:
    assert candidate_ids(labelled, "Baku", FindOptions()) == ["a", "b"]
    assert candidate_ids(labelled, "once", FindOptions()) == ["b"]
    assert candidate_ids(labelled, "on", FindOptions()) == ["a", "b"]
    assert candidate_ids(labelled, "on", FindOptions(), status="done") == ["b"]
    assert candidate_ids(labelled, r"x|once", FindOptions(regex=True)) == ["a", "b"]
    assert candidate_ids(labelled, r"onc\w", FindOptions(regex=True)) == ["b"]


def test_more_documents_than_one_chunk_are_all_searched_in_order(repo: Repository) -> None:
    docs = [Document(id=f"d{n:03d}", text=f"Baku {n}") for n in range(450)]
    with repo.transaction():
        for doc in docs:
            repo.add_document(doc)
    hits = concordance(repo, "Baku", limit=10_000)
    assert [h.doc_id for h in hits] == [d.id for d in docs]


def test_filtered_hits_after_an_unlabelled_one_and_after_a_document_without_hits_are_found(
    repo: Repository,
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="bakul", text="A bakul of rice.", title="Bakul"))
        repo.add_document(Document(id="two", text="Baku first, then Baku again.", title="Two"))
    doc = repo.document("two")
    second = doc.text.rindex("Baku")
    repo.apply(AddSpan(make_span(doc, "entity", "GPE", second, second + 4, "ann")), "ann")
    whole = concordance(repo, "baku", whole_word=True)
    assert [(h.doc_id, h.start) for h in whole] == [("two", 0), ("two", second)]
    labelled = concordance(repo, "baku", label="GPE")
    assert [(h.doc_id, h.start) for h in labelled] == [("two", second)]


def test_percent_underscore_and_backslash_in_a_query_are_searched_literally(
    repo: Repository,
) -> None:
    with repo.transaction():
        repo.add_document(Document(id="sale", text="Diskon 50%_off di C:\\toko hari ini"))
        repo.add_document(Document(id="other", text="Diskon 50 persen off di C:/toko"))
    assert candidate_ids(repo, "50%_off", FindOptions()) == ["sale"]
    assert candidate_ids(repo, "C:\\toko", FindOptions()) == ["sale"]
    assert where(concordance(repo, "%_o")) == [("sale", 9, 12)]
    assert like_pattern("5%_\\") == "%5\\%\\_\\\\%"


def test_candidates_ignore_case_beyond_ascii_and_keep_the_list_order(repo: Repository) -> None:
    with repo.transaction():
        repo.add_document(Document(id="z", text="Kafe ÉCLAIR di Ελλάδα"))
        repo.add_document(Document(id="a", text="nothing here"))
        repo.add_document(Document(id="m", text="éclair dan ΕΛΛΆΔΑ 😀"))
    assert candidate_ids(repo, "Éclair", FindOptions()) == ["z", "m"]
    assert candidate_ids(repo, "ελλάδα", FindOptions()) == ["z", "m"]
    assert where(concordance(repo, "éclair")) == [("z", 5, 11), ("m", 0, 6)]
    assert where(concordance(repo, "Éclair", case=True)) == []


@pytest.fixture
def long_corpus(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> Repository:
    """Twelve documents read four positions at a time on a server: "Medan" in the first and
    the last document only (rare), "banjir" in all but the sixth (frequent), the sixth done."""
    monkeypatch.setattr("annotator.store.search._SERVER_RANGE", 4)
    with repo.transaction():
        for n in range(12):
            words = ["Medan 😀" if n in (0, 11) else "kota", "" if n == 5 else "banjir"]
            status = "done" if n == 5 else "todo"
            doc = Document(id=f"d{n:02}", text=f"{n}: {' '.join(words)} di sini", status=status)
            repo.add_document(doc)
    return repo


@pytest.mark.parametrize(
    ("query", "regex", "status", "expected"),
    [
        (
            "medan",
            False,
            None,
            ["d00", "d11"],
        ),  # rare: the index takes what follows the first range
        ("banjir", False, None, [f"d{n:02}" for n in range(12) if n != 5]),  # frequent: by range
        (r"\d: kota", True, None, [f"d{n:02}" for n in range(1, 11)]),  # literal ": kota"
        (r"^\d+", True, None, [f"d{n:02}" for n in range(12)]),  # no literal: every document
        ("sini", False, "done", ["d05"]),
        ("medan", False, "todo", ["d00", "d11"]),
    ],
)
def test_every_hit_is_found_in_document_order_however_many_documents_are_read(
    long_corpus: Repository, query: str, regex: bool, status: str | None, expected: list[str]
) -> None:
    hits = concordance(long_corpus, query, regex=regex, status=status)
    assert [hit.doc_id for hit in hits] == expected


def test_a_search_stops_reading_at_its_limit(long_corpus: Repository) -> None:
    hits = concordance(long_corpus, "banjir", limit=3)
    assert [hit.doc_id for hit in hits] == ["d00", "d01", "d02"]


def test_a_search_that_stops_while_the_next_documents_are_read_leaves_the_project_usable(
    long_corpus: Repository,
) -> None:
    hits = concordance(long_corpus, "banjir", limit=6)
    assert [hit.doc_id for hit in hits] == ["d00", "d01", "d02", "d03", "d04", "d06"]
    assert not long_corpus.db.conn.in_transaction
    assert [hit.doc_id for hit in concordance(long_corpus, "medan")] == ["d00", "d11"]
