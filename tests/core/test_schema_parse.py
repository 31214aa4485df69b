"""Reading a schema from TOML: defaults, and refusals that name the file and the line."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema_parse import schema_from_dict, schema_from_toml

LAYERS = '[layers.entity]\nstyle = "background"\n\n[layers.section]\nstyle = "section"\n'


def _label(name: str, extra: str = "", layer: str = "entity") -> str:
    return f'\n[[labels]]\nname = "{name}"\nlayer = "{layer}"\n{extra}'


def test_overlap_defaults_to_allowed_except_for_section_layers() -> None:
    schema = schema_from_toml(
        LAYERS + '\n[layers.claim]\nstyle = "underline"\n[layers.parts]\nstyle = "section"\n'
        "overlap = true\n[layers.plain]\n"
    )
    assert schema.layer("entity").allow_overlap is True
    assert schema.layer("claim").allow_overlap is True
    assert schema.layer("section").allow_overlap is False
    assert schema.layer("parts").allow_overlap is True
    assert schema.layer("plain").style == "background"
    assert schema.layer("plain").allow_overlap is True


def test_a_minimal_label_gets_grey_no_hotkey_and_no_description() -> None:
    schema = schema_from_toml(LAYERS + _label("PER") + _label("ORG", 'color = "#AABBCC"\n'))
    per = schema.label("PER")
    assert (per.layer, per.color, per.hotkey, per.description, per.renamed_from) == (
        "entity",
        "#cccccc",
        "",
        "",
        "",
    )
    assert schema.label("ORG").color == "#aabbcc"
    assert schema.name == "project"


def test_a_full_schema_reads_every_field() -> None:
    schema = schema_from_toml(
        'name = "news"\n'
        + '[layers.entity]\nstyle = "background"\ndescription = "Named things"\n'
        + _label("PER", 'hotkey = "p"\ndescription = "Person"\n')
        + _label("GPE")
        + '\n[[relations]]\nname = "near"\nhead = "PER"\ntail = ["GPE", "PER"]\n'
        + 'description = "Close by"\n'
        + '\n[[attributes]]\nname = "negated"\nlayer = "entity"\ntype = "bool"\ndefault = false\n'
        + 'description = "Not so"\n'
        + '\n[[attributes]]\nname = "comment"\nlayer = "entity"\n'
        + '\n[[doc_labels]]\nname = "topic"\nchoices = ["war", "sport"]\ndefault = "war"\n'
        + 'description = "Subject"\n'
    )
    assert schema.name == "news"
    assert schema.layer("entity").description == "Named things"
    assert schema.label("PER").hotkey == "p" and schema.label("PER").description == "Person"
    near = schema.relation("near")
    assert (near.head, near.tail, near.description) == (("PER",), ("GPE", "PER"), "Close by")
    negated = schema.attribute("entity", "negated")
    assert (negated.type, negated.default, negated.description) == ("bool", False, "Not so")
    comment = schema.attribute("entity", "comment")
    assert (comment.type, comment.choices, comment.default) == ("text", (), None)
    topic = schema.doc_label("topic")
    assert (topic.choices, topic.default, topic.description) == (
        ("war", "sport"),
        "war",
        "Subject",
    )
    assert schema_from_dict(schema.to_dict()) == schema


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("name = 'x'\n", r"^s\.toml: the schema defines no \[layers\.NAME\] table$"),
        ("[layers]\n", r"^s\.toml: the schema defines no \[layers\.NAME\] table$"),
        ("name = \n", r"^s\.toml: invalid TOML: "),
        (
            '[layers.entity]\nstyle = "bold"\n',
            r"^s\.toml: layer 'entity' has style 'bold'; use one of background, underline, "
            r"section \(line 2\)$",
        ),
        (LAYERS + '\n[[labels]]\nlayer = "entity"\n', r"^s\.toml: a label has no name$"),
        (
            LAYERS + _label("PER") + _label("PER"),
            r"^s\.toml: label 'PER' is defined twice \(line 8\)$",
        ),
        (
            LAYERS + _label("PER", layer="claim"),
            r"^s\.toml: label 'PER' names unknown layer 'claim'; known layers: entity, section "
            r"\(line 9\)$",
        ),
        (
            LAYERS + '\n[[labels]]\nname = "PER"\n',
            r"^s\.toml: label 'PER' names unknown layer None; known layers: entity, section "
            r"\(line 8\)$",
        ),
        (
            LAYERS + _label("PER", 'color = "red"\n'),
            r"^s\.toml: label 'PER' has colour 'red'; use #rrggbb \(line 8\)$",
        ),
        (
            LAYERS + _label("PER", 'color = "#12345"\n'),
            r"^s\.toml: label 'PER' has colour '#12345'; use #rrggbb \(line 8\)$",
        ),
        (
            LAYERS + _label("PER", 'hotkey = " "\n'),
            r"^s\.toml: label 'PER' has hotkey ' '; a hotkey is one letter or digit \(line 10\)$",
        ),
        (
            LAYERS + _label("PER", 'hotkey = "pp"\n'),
            r"^s\.toml: label 'PER' has hotkey 'pp'; a hotkey is one letter or digit \(line 10\)$",
        ),
        (
            LAYERS + _label("PER", 'hotkey = "\\t"\n'),
            r"^s\.toml: label 'PER' has hotkey '\\t'; a hotkey is one letter or digit$",
        ),
        (
            LAYERS + _label("PER", 'hotkey = "r"\n'),
            r"^s\.toml: label 'PER' has hotkey 'r', which the app uses for relations \(line 10\)$",
        ),
        (
            LAYERS + _label("PER", 'hotkey = "p"\n') + _label("POL", 'hotkey = "p"\n'),
            r"^s\.toml: hotkey 'p' is used by both 'PER' and 'POL' \(line 15\)$",
        ),
        (
            LAYERS + _label("PER", 'renamed_from = "PER"\n'),
            r"^s\.toml: label 'PER' is renamed from itself \(line 10\)$",
        ),
        (
            LAYERS + _label("A", 'renamed_from = "X"\n') + _label("B", 'renamed_from = "X"\n'),
            r"^s\.toml: labels 'A' and 'B' are both renamed from 'X' \(line 10\)$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nhead = "PER"\ntail = "PER"\n',
            r"^s\.toml: a relation type has no name$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\nhead = 3\ntail = "PER"\n',
            r"^s\.toml: relation 'near' head must be a label name or a list of label names$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\nhead = "PER"\ntail = [1]\n',
            r"^s\.toml: relation 'near' tail must be a label name or a list of label names$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\ntail = "PER"\n',
            r"^s\.toml: relation 'near' allows no head label$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\nhead = "PER"\ntail = []\n',
            r"^s\.toml: relation 'near' allows no tail label$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\nhead = "PER"\n'
            'tail = ["PER", "GPE"]\n',
            r"^s\.toml: relation 'near' tail names no label: 'GPE' \(line 14\)$",
        ),
        (
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\nhead = "X"\ntail = "PER"\n',
            r"^s\.toml: relation 'near' head names no label: 'X' \(line 13\)$",
        ),
        (
            LAYERS
            + _label("PER")
            + '\n[[relations]]\nname = "near"\nhead = "PER"\ntail = "PER"\n'
            + '\n[[relations]]\nname = "far"\nhead = "PER"\ntail = "PER"\nrenamed_from = "near"\n',
            r"^s\.toml: relation type 'far' is renamed from 'near', but 'near' is still defined; "
            r"remove 'near' or drop renamed_from \(line 20\)$",
        ),
        (
            LAYERS + '\n[[attributes]]\nname = "negated"\nlayer = "claim"\n',
            r"^s\.toml: attribute 'negated' names unknown layer 'claim' \(line 8\)$",
        ),
        (
            LAYERS + '\n[[attributes]]\nname = "negated"\nlayer = "entity"\ntype = "int"\n',
            r"^s\.toml: attribute 'negated' has type 'int'; use one of bool, choice, text "
            r"\(line 8\)$",
        ),
        (
            LAYERS + '\n[[attributes]]\nname = "kind"\nlayer = "entity"\ntype = "choice"\n',
            r"^s\.toml: choice attribute 'kind' lists no choices \(line 8\)$",
        ),
        (
            LAYERS + '\n[[attributes]]\nname = "negated"\nlayer = "entity"\ntype = "bool"\n'
            "default = 1\n",
            r"^s\.toml: attribute 'negated' takes true or false, not 1$",
        ),
        (
            LAYERS + '\n[[doc_labels]]\nname = "topic"\n',
            r"^s\.toml: document label 'topic' needs a name and choices \(line 8\)$",
        ),
        (
            LAYERS + '\n[[doc_labels]]\nchoices = ["a"]\n',
            r"^s\.toml: document label None needs a name and choices$",
        ),
        (
            LAYERS + '\n[[doc_labels]]\nname = "topic"\nchoices = ["a"]\ndefault = "b"\n',
            r"^s\.toml: document label 'topic' default 'b' is not one of its choices$",
        ),
    ],
)
def test_bad_schemas_are_refused_naming_the_file_and_line(source: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        schema_from_toml(source, "s.toml")


def test_lines_in_comments_are_not_named() -> None:
    source = (
        LAYERS
        + '# hotkey = "p" is taken\n'
        + _label("PER", 'hotkey = "p"\n')
        + _label("POL", 'hotkey = "p"\n')
    )
    with pytest.raises(SchemaError, match=r"used by both 'PER' and 'POL' \(line 16\)$"):
        schema_from_toml(source, "s.toml")


def test_a_schema_from_a_dict_names_no_line() -> None:
    with pytest.raises(SchemaError, match=r"^label 'PER' has colour 'red'; use #rrggbb$"):
        schema_from_dict(
            {
                "layers": {"entity": {}},
                "labels": [{"name": "PER", "layer": "entity", "color": "red"}],
            }
        )
    with pytest.raises(SchemaError, match=r"^hotkey 'p' is used by both 'A' and 'B'$"):
        schema_from_dict(
            {
                "layers": {"entity": {}},
                "labels": [
                    {"name": "A", "layer": "entity", "hotkey": "p"},
                    {"name": "B", "layer": "entity", "hotkey": "p"},
                ],
            }
        )


def test_descriptions_default_to_empty_everywhere() -> None:
    schema = schema_from_toml(
        LAYERS
        + _label("PER")
        + '\n[[relations]]\nname = "near"\nhead = "PER"\ntail = "PER"\n'
        + '\n[[attributes]]\nname = "negated"\nlayer = "entity"\ntype = "bool"\n'
        + '\n[[doc_labels]]\nname = "topic"\nchoices = ["war"]\n'
    )
    assert schema.layer("entity").description == ""
    assert schema.relation("near").description == ""
    assert schema.attribute("entity", "negated").description == ""
    assert schema.doc_label("topic").description == ""
    assert schema.doc_label("topic").default is None


def test_a_missing_tail_and_a_label_on_its_own_line_are_named() -> None:
    with pytest.raises(SchemaError, match=r"^s\.toml: relation 'near' allows no tail label$"):
        schema_from_toml(
            LAYERS + _label("PER") + '\n[[relations]]\nname = "near"\nhead = "PER"\n', "s.toml"
        )
    source = (
        LAYERS
        + _label("PER")
        + '\n[[relations]]\nname = "near"\nhead = [\n  "X",\n]\ntail = "PER"\n'
    )
    with pytest.raises(SchemaError, match=r"relation 'near' head names no label: 'X' \(line 12\)$"):
        schema_from_toml(source, "s.toml")


def test_the_line_named_is_the_one_that_sets_the_value() -> None:
    source = '[layers.entity]\ndescription = "bold claims"\nstyle = "bold"\n'
    with pytest.raises(SchemaError, match=r"section \(line 3\)$"):
        schema_from_toml(source, "s.toml")
    hotkeys = (
        LAYERS
        + _label("P", 'description = "the \\"q\\" key"\nhotkey = "q"\n')
        + _label("Q", 'hotkey = "q"\ndescription = "press \\"q\\""\n')
    )
    with pytest.raises(SchemaError, match=r"used by both 'P' and 'Q' \(line 16\)$"):
        schema_from_toml(hotkeys, "s.toml")
