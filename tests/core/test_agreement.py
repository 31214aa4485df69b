"""The agreement measures, each checked against an independent implementation on the same
units (krippendorff, scikit-learn, statsmodels), on textbook cases and by hand for span F1."""

from __future__ import annotations

import random
from collections import Counter

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss

from annotator.core.agreement import (
    OUTSIDE,
    Mark,
    Ratings,
    Row,
    SpanTally,
    cohen_kappa,
    disagreeing,
    exact_matches,
    fleiss_kappa,
    krippendorff_alpha,
    overlap_matches,
    span_tallies,
    token_categories,
)

CATEGORIES = ["O", "PER", "GPE", "ORG"]


def ratings_of(columns: list[list[str | None]]) -> Ratings:
    """Ratings from one list of categories per annotator (``None``: missing)."""
    names = tuple(f"r{n}" for n in range(len(columns)))
    ratings = Ratings(names)
    ratings.add(zip(*columns, strict=True))
    return ratings


def random_columns(seed: int, raters: int, units: int, missing: float) -> list[list[str | None]]:
    """Ratings that mostly agree (a shared truth, each rater errs one time in four)."""
    rng = random.Random(seed)
    truth = [rng.choice(CATEGORIES) for _ in range(units)]
    columns: list[list[str | None]] = []
    for _ in range(raters):
        column: list[str | None] = []
        for value in truth:
            if rng.random() < missing:
                column.append(None)
            elif rng.random() < 0.25:
                column.append(rng.choice(CATEGORIES))
            else:
                column.append(value)
        columns.append(column)
    return columns


def codes(column: list[str | None]) -> list[float]:
    return [np.nan if v is None else float(CATEGORIES.index(v)) for v in column]


@pytest.mark.parametrize("seed", range(6))
def test_krippendorff_alpha_equals_the_krippendorff_package_with_missing_values(
    seed: int,
) -> None:
    columns = random_columns(seed, raters=3, units=300, missing=0.2)
    expected = krippendorff.alpha(
        reliability_data=np.array([codes(c) for c in columns]), level_of_measurement="nominal"
    )
    assert krippendorff_alpha(ratings_of(columns)) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_cohen_kappa_equals_scikit_learn(seed: int) -> None:
    a, b = random_columns(seed, raters=2, units=400, missing=0.0)
    table = ratings_of([a, b]).pair(0, 1)
    assert cohen_kappa(table) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)


@pytest.mark.parametrize(("seed", "raters"), [(0, 3), (1, 3), (2, 4), (3, 5)])
def test_fleiss_kappa_equals_statsmodels(seed: int, raters: int) -> None:
    columns = random_columns(seed, raters=raters, units=250, missing=0.0)
    data = np.array([[CATEGORIES.index(v) for v in column if v] for column in columns]).T
    table, _ = aggregate_raters(data)
    assert fleiss_kappa(ratings_of(columns)) == pytest.approx(
        statsmodels_fleiss(table, method="fleiss"), abs=1e-12
    )


def test_pairs_and_fleiss_use_only_units_every_counted_rater_rated() -> None:
    columns = random_columns(7, raters=3, units=300, missing=0.15)
    ratings = ratings_of(columns)
    both = [(x, y) for x, y in zip(columns[0], columns[2], strict=True) if x and y]
    assert cohen_kappa(ratings.pair(0, 2)) == pytest.approx(
        cohen_kappa_score([x for x, _ in both], [y for _, y in both]), abs=1e-12
    )
    complete = [row for row in zip(*columns, strict=True) if None not in row]
    table, _ = aggregate_raters(np.array([[CATEGORIES.index(v) for v in r] for r in complete]))
    assert fleiss_kappa(ratings) == pytest.approx(statsmodels_fleiss(table), abs=1e-12)


def test_cohen_kappa_of_the_textbook_yes_no_table_is_0_4() -> None:
    # 50 proposals read by two editors: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no
    # (the worked example of Cohen's kappa on Wikipedia): p_o = 0.7, p_e = 0.5, kappa = 0.4.
    table = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}
    assert cohen_kappa(table) == pytest.approx(0.4)


def test_fleiss_kappa_of_the_textbook_fourteen_raters_is_0_210() -> None:
    # Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories.
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    ratings = Ratings(tuple(f"r{n}" for n in range(14)))
    for counts in table:
        row: Row = tuple(str(c) for c, k in enumerate(counts) for _ in range(k))
        ratings.add([row])
    assert fleiss_kappa(ratings) == pytest.approx(0.210, abs=5e-4)


def test_krippendorff_alpha_of_the_textbook_case_with_missing_values_is_0_743() -> None:
    # Krippendorff, "Computing Krippendorff's alpha-reliability" (2011): 4 observers,
    # 12 units, nominal data with missing values: alpha = 0.743.
    m = None
    columns = [
        ["1", "2", "3", "3", "2", "1", "4", "1", "2", m, m, m],
        ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", m, "3"],
        [m, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", m],
        ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", m],
    ]
    assert krippendorff_alpha(ratings_of(columns)) == pytest.approx(0.743, abs=5e-4)


def test_perfect_agreement_is_1_for_every_measure() -> None:
    column: list[str | None] = ["O", "PER", "PER", "O", "GPE", "O"]
    ratings = ratings_of([column, list(column), list(column)])
    assert cohen_kappa(ratings.pair(0, 1)) == 1
    assert fleiss_kappa(ratings) == 1
    assert krippendorff_alpha(ratings) == 1


def test_a_measure_is_undefined_when_every_rating_is_one_category() -> None:
    ratings = ratings_of([["O", "O"], ["O", "O"]])
    assert cohen_kappa(ratings.pair(0, 1)) is None
    assert fleiss_kappa(ratings) is None
    assert krippendorff_alpha(ratings) is None
    assert cohen_kappa({}) is None


def test_one_vs_rest_rates_each_unit_as_the_label_or_not() -> None:
    ratings = ratings_of([["PER", "GPE", None], ["PER", "ORG", "GPE"]])
    assert ratings.binary("GPE").rows == Counter({("O", "O"): 1, ("GPE", "O"): 1, (None, "GPE"): 1})


def test_span_f1_by_hand_exact_and_overlap() -> None:
    # a: Jakarta(0-7 GPE), Budi Santoso(10-22 PER), Acme(30-34 ORG)
    # b: Jakarta(0-7 GPE), Budi(10-14 PER), Acme(30-34 GPE)
    a = [Mark("entity", "GPE", 0, 7), Mark("entity", "PER", 10, 22), Mark("entity", "ORG", 30, 34)]
    b = [Mark("entity", "GPE", 0, 7), Mark("entity", "PER", 10, 14), Mark("entity", "GPE", 30, 34)]
    assert exact_matches(a, b) == 1  # Jakarta
    assert overlap_matches(a, b) == 2  # Jakarta, Budi; Acme differs in label
    assert SpanTally(1, 3, 3).f1 == pytest.approx(2 * 1 / 6)
    assert SpanTally(2, 3, 3).f1 == pytest.approx(2 * 2 / 6)
    exact, overlap = span_tallies(a, b)
    assert exact["PER"] == SpanTally(0, 1, 1) and overlap["PER"] == SpanTally(1, 1, 1)
    assert exact["ORG"] == SpanTally(0, 1, 0) and exact["GPE"] == SpanTally(1, 1, 2)
    assert SpanTally().f1 is None


def test_overlap_matching_is_one_to_one_by_largest_overlap() -> None:
    # a's long span overlaps both of b's; it pairs with the one it shares more with, and
    # a's short span then takes the other.
    a = [Mark("e", "X", 0, 10), Mark("e", "X", 8, 12)]
    b = [Mark("e", "X", 6, 12), Mark("e", "X", 0, 5)]
    assert overlap_matches(a, b) == 2
    assert overlap_matches([Mark("e", "X", 0, 10)], b) == 1
    # touching spans (end == start) do not overlap
    assert overlap_matches([Mark("e", "X", 0, 5)], [Mark("e", "X", 5, 9)]) == 0


def test_exact_matching_counts_a_repeated_span_once_per_copy() -> None:
    span = Mark("e", "X", 0, 3)
    assert exact_matches([span, span], [span]) == 1


def test_a_token_takes_the_label_of_the_shortest_span_sharing_a_character() -> None:
    # tokens: "Hi" 0-2, "😀" 3-4, "Budi" 5-9, "Santoso" 10-17, "." 17-18
    starts, ends = [0, 3, 5, 10, 17], [2, 4, 9, 17, 18]
    marks = [
        Mark("e", "PER", 5, 17),
        Mark("e", "GIVEN", 5, 9),
        Mark("e", "EMOJI", 3, 4),
        Mark("e", "PART", 16, 18),  # the last character of Santoso and the final period
    ]
    assert token_categories(starts, ends, marks) == ["O", "EMOJI", "GIVEN", "PART", "PART"]
    assert token_categories(starts, ends, [Mark("e", "X", 2, 3)]) == [OUTSIDE] * 5


def test_disagreement_counts_tokens_someone_labelled_and_they_did_not_all_agree_on() -> None:
    ratings = ratings_of([["O", "PER", "PER", "GPE", None], ["O", "PER", "O", "GPE", "PER"]])
    assert disagreeing(ratings) == (3, 1)


def greedy_by_hand(a: list[Mark], b: list[Mark]) -> int:
    """Every pair compared, largest overlap first: the definition, without shortcuts."""
    pairs = sorted(
        (-(min(x.end, y.end) - max(x.start, y.start)), i, j)
        for i, x in enumerate(a)
        for j, y in enumerate(b)
        if x.label == y.label and x.layer == y.layer and x.start < y.end and y.start < x.end
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


@pytest.mark.parametrize("seed", range(20))
def test_overlap_matching_equals_comparing_every_pair(seed: int) -> None:
    rng = random.Random(seed)

    def marks() -> list[Mark]:
        found = []
        for _ in range(rng.randint(0, 25)):
            start = rng.randint(0, 80)
            found.append(Mark("e", rng.choice("XY"), start, start + rng.randint(1, 20)))
        return found

    a, b = marks(), marks()
    assert overlap_matches(a, b) == greedy_by_hand(a, b)
