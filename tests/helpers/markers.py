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
        # a training: a child process starts spaCy, trains for seconds, the model is scored;
        # the first test to use the shared trained model (trained_model.py) pays about 20 s
        "tests/cli/test_training.py::"
        "test_a_model_trained_on_generated_names_finds_names_it_never_saw_at_held_out_f_0_70_or_more",
        "tests/cli/test_training.py::"
        "test_train_prints_the_per_label_table_the_model_id_and_where_the_scores_are",
        "tests/cli/test_training.py::"
        "test_the_card_records_project_documents_annotators_schema_spacy_settings_and_scores",
        "tests/cli/test_training.py::"
        "test_a_model_trained_on_one_annotator_never_learns_another_annotators_labels",
        "tests/cli/test_training.py::"
        "test_ctrl_c_during_training_kills_it_and_leaves_no_folder_row_or_job",
        "tests/cli/test_training.py::"
        "test_the_learning_curve_reports_each_share_and_whether_the_last_step_still_paid",
        "tests/cli/test_training_evaluate.py::"
        "test_evaluate_gives_the_per_label_scores_of_spacys_own_scorer_on_the_same_documents",
        "tests/cli/test_training_evaluate.py::"
        "test_a_pipeline_folder_without_our_card_is_scored_on_the_layers_its_components_find",
        "tests/cli/test_training_evaluate.py::"
        "test_by_default_a_model_of_ours_is_scored_on_its_held_out_documents",
        "tests/cli/test_training_models.py::"
        "test_models_lists_a_trained_model_with_its_provenance_and_held_out_f",
        "tests/training/test_train.py::"
        "test_cancel_after_the_first_step_leaves_no_model_folder_job_folder_row_or_suggestion",
        # builds the spaCy corpus and loads a pipeline to score it: about 10 s
        "tests/training/test_train.py::"
        "test_a_model_the_project_refuses_to_record_is_not_left_in_its_folder",
        # the model trained once per run (trained_project: about 15 s) and the trainings the
        # app runs in the background: seconds each
        "tests/gui/controllers/test_training.py::"
        "test_train_runs_in_the_background_and_shows_the_held_out_scores_of_the_new_model",
        "tests/gui/controllers/test_training.py::"
        "test_cancel_after_the_first_progress_leaves_no_folder_no_model_and_no_suggestions",
        "tests/gui/controllers/test_training.py::"
        "test_a_choice_without_documents_is_explained_in_the_window",
        "tests/gui/controllers/test_training.py::test_choosing_a_model_shows_its_provenance",
        "tests/gui/controllers/test_training.py::"
        "test_the_chosen_model_suggests_in_the_unfinished_documents_for_review",
        "tests/gui/controllers/test_training.py::"
        "test_the_learning_curve_runs_in_the_background_and_is_drawn_with_its_verdict",
        "tests/gui/controllers/test_retraining.py::"
        "test_marking_n_documents_done_retrains_and_refreshes_the_unfinished_suggestions",
        "tests/gui/controllers/test_retraining.py::"
        "test_documents_are_counted_once_and_only_when_marked_done",
        "tests/gui/dialogs/test_preannotate.py::"
        "test_a_model_trained_in_the_project_suggests_naming_its_version",
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
