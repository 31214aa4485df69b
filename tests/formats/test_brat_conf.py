"""A brat corpus's annotation.conf as additions to the project schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.brat import annotation_conf
from annotator.formats.brat_conf import schema_with_conf
from annotator.formats.records import FormatError
from annotator.store.repository import Repository
from tests.helpers.brat_corpus import ANNOTATION_CONF, write_corpus


def test_a_bionlp_conf_adds_entities_events_roles_and_attributes(
    repo: Repository, tmp_path: Path
) -> None:
    base = repo.schema()
    corpus = write_corpus(tmp_path / "GE")
    schema = schema_with_conf(base, corpus / "annotation.conf")
    assert schema.label("Protein").layer == "entity"
    assert schema.label("Protein").color == "#7fa2ff"  # visual.conf beside it
    assert schema.label("Gene_expression").layer == "event"
    assert schema.label("Binding").color == "#cccccc"
    theme = schema.relation("Theme")
    assert theme.head == ("Gene_expression", "Binding", "Phosphorylation", "Positive_regulation")
    assert theme.tail == (
        "Protein",
        "Gene_expression",
        "Binding",
        "Phosphorylation",
        "Positive_regulation",
    )
    assert schema.relation("Site").head == ("Binding", "Phosphorylation")
    assert schema.relation("Equiv").tail == ("Protein",)
    assert [(a.name, a.layer, a.type, a.choices) for a in schema.attributes_of("event")] == [
        ("Negation", "event", "bool", ()),
        ("Speculation", "event", "bool", ()),
        ("Confidence", "event", "choice", ("Possible", "Likely", "Certain")),
    ]
    assert base.labels == schema.labels[: len(base.labels)]


def test_the_conf_annotator_writes_adds_nothing_to_its_own_schema(
    repo: Repository, tmp_path: Path
) -> None:
    conf = tmp_path / "annotation.conf"
    conf.write_text(annotation_conf(repo.schema()), "utf-8")
    assert schema_with_conf(repo.schema(), conf) == repo.schema()


def test_macros_expand_in_argument_lists(repo: Repository, tmp_path: Path) -> None:
    conf = tmp_path / "annotation.conf"
    conf.write_text(
        "<POG>=Protein|Gene\n[entities]\nProtein\nGene\nCell\n[relations]\n"
        "Located_in\tArg1:<POG>, Arg2:Cell\n[events]\n[attributes]\n",
        "utf-8",
    )
    located = schema_with_conf(repo.schema(), conf).relation("Located_in")
    assert (located.head, located.tail) == (("Protein", "Gene"), ("Cell",))


def test_a_name_against_the_rule_is_refused_naming_the_conf_line(
    repo: Repository, tmp_path: Path
) -> None:
    conf = tmp_path / "annotation.conf"
    conf.write_text(ANNOTATION_CONF.replace("Entity\n", "Cell.Line\n", 1), "utf-8")
    with pytest.raises(
        FormatError,
        match=r"annotation\.conf:4: the name 'Cell\.Line' is not allowed: it holds '\.'",
    ):
        schema_with_conf(repo.schema(), conf)


def test_the_shapes_of_brats_own_example_confs_are_read(repo: Repository, tmp_path: Path) -> None:
    conf = tmp_path / "annotation.conf"
    conf.write_text(
        "[spans]\nPerson\nOrganization\nGPE\n\n[relations]\n"
        "Located            Arg1:Person, Arg2:GPE\n"
        "ENTITY-NESTING\tArg1:Person, Arg2:Organization\n\n[events]\n"
        "<POG>=Person|Organization|GPE\n!Life\n\tMarry     Person-Arg{2}:Person, Place-Arg?:GPE\n"
        "----------------------------------------\n"
        "Report Reporter-Arg:<POG>, Event-Arg:<EVENT>\n\n[attributes]\n"
        "Mention      Arg:<ENTITY>, Value:Name|Nominal|Other\n",
        "utf-8",
    )
    schema = schema_with_conf(repo.schema(), conf)
    assert schema.label("GPE").layer == "entity"  # the news schema's own GPE is kept
    assert [label.name for label in schema.labels_of("event")] == ["Marry", "Report"]
    assert not any(rel.name == "ENTITY-NESTING" for rel in schema.relations)
    person_arg = schema.relation("Person-Arg")
    assert (person_arg.head, person_arg.tail) == (("Marry",), ("Person",))
    assert schema.relation("Event-Arg").tail == ("Marry", "Report")
    assert schema.relation("Located").tail == ("GPE",)
    mention = schema.attribute("entity", "Mention")
    assert mention.choices == ("Name", "Nominal", "Other")
