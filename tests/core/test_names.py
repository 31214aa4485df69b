"""The name rule for layers, labels, relation types and attributes, with its reason."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.names import check_name, name_problem
from annotator.core.schema_parse import schema_from_dict, schema_from_toml


@pytest.mark.parametrize(
    "name", ["PER", "Gene_expression", "Positive_regulation", "claim-part", "Théme2", "x"]
)
def test_brat_and_conll_safe_names_pass(name: str) -> None:
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("NEW PER", r"holds ' '"),
        ("A\tB", r"holds '\\t'"),
        ("line\nbreak", r"holds '\\n'"),
        ("A|B", r"holds '\|'"),
        ("Arg:1", r"holds ':'"),
        ("!abstract", r"holds '!'"),
        ("-lead", r"a leading -"),
        ("para\u2028graph", r"holds '\\u2028'"),
        ("", r"a name is needed"),
        ("L" * 65, r"longer than 64 characters"),
    ],
)
def test_names_that_break_line_formats_are_refused_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(SchemaError, match=r"^label name .* is not allowed: .*" + reason):
        check_name("label", name)


def _schema(label: str = "PER", relation: str = "knows", attribute: str = "negated") -> dict:
    return {
        "layers": {"entity": {}},
        "labels": [{"name": label, "layer": "entity"}],
        "relations": [{"name": relation, "head": label, "tail": label}],
        "attributes": [{"name": attribute, "layer": "entity", "type": "bool"}],
    }


def test_each_kind_of_name_is_checked_when_a_schema_is_built() -> None:
    with pytest.raises(SchemaError, match=r"^label name 'NEW PER' is not allowed"):
        schema_from_dict(_schema(label="NEW PER"))
    with pytest.raises(SchemaError, match=r"^relation type name 'works for' is not allowed"):
        schema_from_dict(_schema(relation="works for"))
    with pytest.raises(SchemaError, match=r"^attribute name 'is\|not' is not allowed"):
        schema_from_dict(_schema(attribute="is|not"))
    with pytest.raises(SchemaError, match=r"^layer name 'my layer' is not allowed"):
        schema_from_dict({**_schema(), "layers": {"my layer": {}}})


def test_the_toml_error_names_the_file_and_line() -> None:
    toml = '[layers.entity]\n\n[[labels]]\nname = "Named Entity"\nlayer = "entity"\n'
    with pytest.raises(SchemaError, match=r"^s\.toml: label name 'Named Entity' .*\(line 4\)$"):
        schema_from_toml(toml, "s.toml")


def test_a_stored_schema_from_before_the_rule_still_reads() -> None:
    schema = schema_from_dict(_schema(label="OLD LABEL"), check_names=False)
    assert schema.has_label("OLD LABEL")
