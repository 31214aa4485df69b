"""The store's SQLite dialect as the PostgreSQL connection rewrites it (``translate``)."""

from __future__ import annotations

import pytest

from annotator.store.postgres.translate import translate


def test_positional_and_named_parameters_become_psycopgs() -> None:
    assert translate("SELECT a FROM t WHERE b = ? AND c = :who AND d = :who") == (
        "SELECT a FROM t WHERE b = %s AND c = %(who)s AND d = %(who)s"
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT attrs::jsonb FROM spans", "SELECT attrs::jsonb FROM spans"),
        ("SELECT ':who', '?' FROM t", "SELECT ':who', '?' FROM t"),
        ('SELECT "a:b" FROM t WHERE x = :x_1', 'SELECT "a:b" FROM t WHERE x = %(x_1)s'),
        ("SELECT 1 FROM t WHERE a LIKE 'x%'", "SELECT 1 FROM t WHERE a LIKE 'x%%'"),
    ],
)
def test_casts_quoted_text_and_names_are_left_as_written(sql: str, expected: str) -> None:
    assert translate(sql) == expected


def test_insert_or_ignore_and_begin_immediate_take_the_servers_form() -> None:
    assert translate("INSERT OR IGNORE INTO t(a) VALUES (?)") == (
        "INSERT INTO t(a) VALUES (%s) ON CONFLICT DO NOTHING"
    )
    assert translate("BEGIN IMMEDIATE") == "BEGIN"
