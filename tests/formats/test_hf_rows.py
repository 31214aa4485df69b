"""Rows of a Hugging Face export never cut a tagged span in two."""

from __future__ import annotations

from annotator.formats.hf_rows import row_bounds

WORDS = "Maria Santos flew to Tokyo . Red Cross in New York helps .".split()
TAGS = "B-PER I-PER O O B-GPE O B-ORG I-ORG O B-GPE I-GPE O O".split()
STARTS = [sum(len(w) + 1 for w in WORDS[:i]) for i in range(len(WORDS))]


def rows(unit: str, breaks: set[int] | None = None) -> list[list[str]]:
    cuts = row_bounds(unit, TAGS, STARTS, breaks or set())
    return [WORDS[first:end] for first, end in cuts.bounds]


def test_a_document_is_one_row_even_without_tokens() -> None:
    assert rows("document") == [WORDS]
    assert row_bounds("sentence", [], [], set()).bounds == [(0, 0)]


def test_chunks_end_before_a_span_rather_than_inside_it() -> None:
    assert rows("chunk:2") == [
        ["Maria", "Santos"], ["flew", "to"], ["Tokyo", "."], ["Red", "Cross"], ["in"],
        ["New", "York"], ["helps", "."],
    ]  # fmt: skip
    assert rows("chunk:100") == [WORDS]


def test_a_span_longer_than_the_chunk_is_kept_whole_and_counted() -> None:
    cuts = row_bounds("chunk:1", TAGS, STARTS, set())
    assert [WORDS[a:b] for a, b in cuts.bounds][:2] == [["Maria", "Santos"], ["flew"]]
    assert cuts.long_chunks == 3  # Maria Santos, Red Cross, New York


def test_sentence_rows_skip_a_break_inside_a_span() -> None:
    york, red = STARTS[WORDS.index("York")], STARTS[6]
    cuts = row_bounds("sentence", TAGS, STARTS, {0, red, york})
    assert [WORDS[a:b] for a, b in cuts.bounds] == [WORDS[:6], WORDS[6:]]
    assert cuts.breaks_not_made == 1
