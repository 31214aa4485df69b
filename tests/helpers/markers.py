"""The ``gui`` and ``slow`` markers, set from where a test lives and how long it takes, so a
quick local run can leave the slow ones out: ``python -m pytest -m "not slow"``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
GUI_TESTS = TESTS / "gui"

SLOW_TESTS = frozenset(
    {
        # mypy over the whole package: about 8 s without a cache
        "tests/test_code_quality.py::test_code_quality[mypy]",
        # spaCy loads its training machinery and the Indonesian language data: about 4 s each
        "tests/formats/test_spacy_export.py::test_spacy_train_accepts_the_config_and_the_model_tags_text",
        "tests/formats/test_spacy_export.py::test_indonesian_suffix_and_emoji_keep_offsets",
        # spaCy tokenises 1.1 million characters (about 250,000 tokens): 3-4 s each
        "tests/formats/test_tokens.py::test_a_document_of_1_1_million_characters_exports[conll]",
        "tests/formats/test_tokens.py::test_a_document_of_1_1_million_characters_exports[spacy]",
        # the first Hugging Face export of a test run imports datasets: about 4 s
        "tests/formats/test_export_api.py::"
        "test_without_a_choice_documents_of_several_annotators_are_left_out_and_named[hf]",
        # the first test to ask for ``name_model`` trains it (about 15-25 s), the others
        # load spaCy and parse with it
        "tests/training/test_uncertainty.py::"
        "test_scoring_parses_as_the_pipeline_does_and_unseen_names_score_lower",
        "tests/training/test_uncertainty.py::"
        "test_uncertainty_order_puts_unseen_names_before_the_training_names",
        "tests/training/test_suggester.py::"
        "test_suggestions_name_the_version_carry_scores_and_the_uncertainty_is_stored",
        "tests/training/test_suggester.py::test_a_suggestion_never_replaces_a_human_span",
        "tests/training/test_suggester.py::"
        "test_refreshing_replaces_pending_suggestions_of_older_versions_but_keeps_decided_ones",
        "tests/training/test_suggester.py::"
        "test_cancel_while_scoring_leaves_suggestions_and_scores_as_they_were",
        "tests/training/test_suggester.py::"
        "test_an_unknown_document_is_refused_before_anything_runs",
        "tests/cli/test_suggestions.py::"
        "test_preannotate_with_a_trained_model_then_docs_puts_unseen_names_first",
    }
)
"""Node ids of the tests that take seconds each (``--durations=20`` shows them)."""


APP_BUILD_TESTS = TESTS / "packaging"
"""Tests that build the standalone app: minutes each, so they run only when
``ANNOTATOR_BUILD_APP=1`` is set (and are otherwise deselected, not skipped)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("ANNOTATOR_BUILD_APP") != "1":
        builds = [item for item in items if item.path.is_relative_to(APP_BUILD_TESTS)]
        if builds:
            config.hook.pytest_deselected(items=builds)
            items[:] = [item for item in items if item not in builds]
    for item in items:
        if item.path.is_relative_to(APP_BUILD_TESTS):
            item.add_marker(pytest.mark.app_build)
            item.add_marker(pytest.mark.slow)
        if item.path.is_relative_to(GUI_TESTS):
            item.add_marker(pytest.mark.gui)
        if item.nodeid in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
