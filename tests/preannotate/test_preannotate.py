from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.edits import AddSpan
from annotator.core.errors import ValidationError
from annotator.core.model import Document, make_span
from annotator.core.progress import Cancelled
from annotator.preannotate import run_preannotation
from annotator.preannotate.gazetteer import Gazetteer
from annotator.preannotate.model import ModelSuggester
from annotator.preannotate.rules import RuleSet
from annotator.store.repository import Repository
from annotator.store.suggestions import suggestions

TEXT = "The ministry in Jakarta 😀 said JAKARTA's mayor Budi Santoso met 400 people in Jakartanya."


@pytest.fixture
def project(repo: Repository) -> Repository:
    with repo.transaction():
        repo.add_document(Document(id="d1", text=TEXT, lang="en"))
        repo.add_document(Document(id="d2", text="Budi Santoso visited Rotterdam.", lang="id"))
    return repo


def project_path(repo: Repository) -> Path:
    return Path(repo.db.execute("PRAGMA database_list").fetchone()[2])


def test_csv_gazetteer_matches_tokens_with_case_option(project: Repository, tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("term,label,case\nJakarta,GPE,false\nbudi santoso,PER\nRotterdam,GPE,true\n")
    report = run_preannotation(project, Gazetteer.from_file(path, project.schema()))
    found = [(s.doc_id, s.label, s.text, s.source) for s in suggestions(project)]
    assert ("d1", "GPE", "Jakarta", "gazetteer:places.csv") in found
    assert ("d1", "GPE", "JAKARTA", "gazetteer:places.csv") in found
    assert ("d2", "GPE", "Rotterdam", "gazetteer:places.csv") in found
    assert sum(1 for f in found if f[2] == "Budi Santoso") == 2
    assert not any(s.text.startswith("Jakartanya") for s in suggestions(project))  # tokens
    assert report.per_label == {"GPE": 3, "PER": 2}
    for s in suggestions(project):
        assert project.document(s.doc_id).text[s.start : s.end] == s.text


def test_toml_gazetteer_case_sensitive(project: Repository, tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text('[GPE]\nterms = ["Jakarta"]\ncase = true\n')
    run_preannotation(project, Gazetteer.from_file(path, project.schema()), ["d1"])
    assert [s.text for s in suggestions(project)] == ["Jakarta"]


def test_gazetteer_with_unknown_label_is_refused(project: Repository, tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("Jakarta\tCITY\n")
    with pytest.raises(ValidationError, match="unknown label"):
        Gazetteer.from_file(path, project.schema())


def test_never_duplicates_a_human_span_nor_a_previous_suggestion(
    project: Repository, tmp_path: Path
) -> None:
    start = TEXT.find("Jakarta")
    human = make_span(project.document("d1"), "entity", "GPE", start, start + 7, "ann")
    project.apply(AddSpan(human), "ann")
    path = tmp_path / "g.csv"
    path.write_text("Jakarta,GPE\nministry in Jakarta,ORG\n")
    gaz = Gazetteer.from_file(path, project.schema())
    report = run_preannotation(project, gaz)
    assert report.same_as_span == 1
    texts = sorted(s.text for s in suggestions(project))
    assert texts == ["JAKARTA", "ministry in Jakarta"]  # overlapping one kept
    again = run_preannotation(project, gaz)
    assert again.total == 0 and again.already_suggested == 2
    assert len(suggestions(project)) == 2


def test_rules_with_group_and_score(project: Repository, tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        "[[rules]]\nlabel = 'QUANTITY'\npattern = '(\\d+) people'\n\n"
        "[[rules]]\nlabel = 'PER'\npattern = 'mayor (?P<name>[A-Z]\\w+ [A-Z]\\w+)'\n"
        "group = 'name'\nscore = 0.5\n"
    )
    run_preannotation(project, RuleSet.from_file(path, project.schema()))
    got = {(s.label, s.text, s.score) for s in suggestions(project)}
    assert got == {("QUANTITY", "400 people", 1.0), ("PER", "Budi Santoso", 0.5)}


def test_rules_errors_name_the_rule(project: Repository, tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text('{"rules": [{"label": "PER", "pattern": "(x"}]}')
    with pytest.raises(ValidationError, match="rule 1: invalid pattern"):
        RuleSet.from_file(path, project.schema())


def build_pipeline(tmp_path: Path) -> Path:
    """A small spaCy pipeline built by the test: an entity ruler and a span ruler."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Budi Santoso"},
            {"label": "GPE", "pattern": "Jakarta"},
            {"label": "CARDINAL", "pattern": "400"},
        ]
    )
    spans = nlp.add_pipe("span_ruler")
    spans.add_patterns([{"label": "ORG", "pattern": "The ministry"}])
    path = tmp_path / "tiny_pipeline"
    nlp.to_disk(path)
    return path


def test_spacy_pipeline_entities_become_suggestions(project: Repository, tmp_path: Path) -> None:
    pipeline = build_pipeline(tmp_path)
    mapping = tmp_path / "map.toml"
    mapping.write_text('PERSON = "PER"\nGPE = "GPE"\nORG = "ORG"\n')
    suggester = ModelSuggester.load(str(pipeline), project.schema(), mapping)
    report = run_preannotation(project, suggester)
    got = {(s.doc_id, s.label, s.text, s.source) for s in suggestions(project)}
    assert got == {
        ("d1", "GPE", "Jakarta", "model:tiny_pipeline"),
        ("d1", "PER", "Budi Santoso", "model:tiny_pipeline"),
        ("d1", "ORG", "The ministry", "model:tiny_pipeline"),
        ("d2", "PER", "Budi Santoso", "model:tiny_pipeline"),
    }
    assert report.unmapped == {"CARDINAL": 1}


def test_missing_model_is_a_clear_error(project: Repository) -> None:
    with pytest.raises(ValidationError, match="nothing is downloaded"):
        ModelSuggester.load("no_such_pipeline_xyz", project.schema())


@pytest.mark.parametrize(
    ("original", "replacement", "message"),
    [
        (
            '@tokenizers = "spacy.Tokenizer.v1"',
            '@tokenizers = "newsroom.Tokenizer.v2"',
            r"\[E893\] Could not find function 'newsroom.Tokenizer.v2' in function registry "
            "'tokenizers'",
        ),
        (
            'factory = "entity_ruler"',
            'factory = "newsroom_linker"',
            r"\[E002\] Can't find factory for 'newsroom_linker'",
        ),
    ],
)
def test_a_pipeline_config_naming_an_unknown_function_is_one_clear_line(
    project: Repository, tmp_path: Path, original: str, replacement: str, message: str
) -> None:
    pipeline = build_pipeline(tmp_path)
    config = pipeline / "config.cfg"
    assert original in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(original, replacement))
    result = CliRunner().invoke(
        cli, ["preannotate", "--db", str(project_path(project)), "--model", str(pipeline)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: cannot load the spaCy pipeline '{pipeline}' (its config.cfg): "
    )
    assert re.search(message, result.output) and result.output.count("\n") == 1
    assert suggestions(project) == []


@pytest.mark.parametrize("cancel_after", [1, 2])  # mid-matching, and once all are matched
def test_cancel_while_running_leaves_nothing(
    project: Repository, tmp_path: Path, cancel_after: int
) -> None:
    path = tmp_path / "g.csv"
    path.write_text("Jakarta,GPE\nRotterdam,GPE\n")
    seen: list[int] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append(done)

    with pytest.raises(Cancelled):
        run_preannotation(
            project,
            Gazetteer.from_file(path, project.schema()),
            progress=progress,
            cancel=lambda: len(seen) >= cancel_after,
        )
    assert seen == list(range(1, cancel_after + 1))
    assert suggestions(project, status=None) == []
    assert not any(e.kind == "preannotate" for e in project.edit_log())


def test_progress_moves_through_matching_and_saving(project: Repository, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("Jakarta,GPE\n")
    calls: list[tuple[int, int]] = []
    run_preannotation(
        project,
        Gazetteer.from_file(path, project.schema()),
        progress=lambda done, total, message="": calls.append((done, total)),
    )
    assert calls[0] == (1, 4) and calls[-1] == (4, 4)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
