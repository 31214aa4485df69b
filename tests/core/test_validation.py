import pytest

from annotator.assets import default_schema
from annotator.core.errors import ValidationError
from annotator.core.model import Document, Relation, make_span
from annotator.core.validation import check_relation, check_span, trim_selection

TEXT = "Jakarta, IDN Times - Kementerian Pertahanan Azerbaijan said 😀 Baku fired first."
DOC = Document(id="d", text=TEXT)


def span(layer: str, label: str, needle: str, span_id: str | None = None):
    start = TEXT.find(needle)
    return make_span(DOC, layer, label, start, start + len(needle), "tester", span_id=span_id)


def test_valid_entity_span_passes() -> None:
    check_span(DOC, span("entity", "GPE", "Azerbaijan"), default_schema())


def test_span_text_must_match_document() -> None:
    bad = span("entity", "GPE", "Azerbaijan")
    object.__setattr__(bad, "text", "Armenia")
    with pytest.raises(ValidationError, match="document says 'Azerbaijan'"):
        check_span(DOC, bad, default_schema())


def test_span_off_the_text_is_refused() -> None:
    bad = make_span(DOC, "entity", "GPE", 70, 500, "t")
    with pytest.raises(ValidationError, match="off the text"):
        check_span(DOC, bad, default_schema())


def test_unknown_label_lists_known_ones() -> None:
    bad = span("entity", "PERSON", "Baku")
    with pytest.raises(ValidationError, match="known labels: PER, ORG"):
        check_span(DOC, bad, default_schema())


def test_label_of_other_layer_is_refused() -> None:
    with pytest.raises(ValidationError, match="belongs to layer 'entity'"):
        check_span(DOC, span("claim", "GPE", "Baku"), default_schema())


def test_sections_may_not_overlap_but_entities_may() -> None:
    schema = default_schema()
    lead = span("section", "LEAD", "Kementerian Pertahanan Azerbaijan said")
    body = span("section", "BODY", "Azerbaijan said 😀 Baku")
    with pytest.raises(ValidationError, match="may not overlap"):
        check_span(DOC, body, schema, [lead])
    org = span("entity", "ORG", "Kementerian Pertahanan Azerbaijan")
    gpe = span("entity", "GPE", "Azerbaijan")
    check_span(DOC, gpe, schema, [org])


def test_relation_ends_follow_schema() -> None:
    schema = default_schema()
    claim = span("claim", "CLAIM", "Baku fired first", "c")
    org = span("entity", "ORG", "Kementerian Pertahanan Azerbaijan", "o")
    spans = {"c": claim, "o": org}
    check_relation(Relation("r", "d", "claimant", "c", "o"), spans, schema)
    with pytest.raises(ValidationError, match="may not start at a ORG span"):
        check_relation(Relation("r", "d", "claimant", "o", "c"), spans, schema)
    with pytest.raises(ValidationError, match="missing span"):
        check_relation(Relation("r", "d", "claimant", "c", "zzz"), spans, schema)


@pytest.mark.parametrize(
    ("selected", "snap", "expected"),
    [
        (" Baku ", True, "Baku"),
        ("aku fir", True, "Baku fired"),
        ("aku fir", False, "aku fir"),
        (" ", True, ""),
        ("Kementerian Pert", True, "Kementerian Pertahanan"),
        ("- Kementerian Pert", True, "Kementerian Pertahanan"),
        ("Times - ", True, "Times"),
        ("- Kementerian Pert", False, "- Kementerian Pert"),
        ("-", True, "-"),
    ],
)
def test_trim_selection(selected: str, snap: bool, expected: str) -> None:
    start = TEXT.find(selected)
    assert start >= 0
    s, e = trim_selection(TEXT, start, start + len(selected), snap)
    assert TEXT[s:e] == expected
