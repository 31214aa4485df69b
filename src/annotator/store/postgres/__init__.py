"""A project on a PostgreSQL server (psycopg 3, the optional ``postgres`` extra).

The store writes one SQL dialect, SQLite's, with ``?`` placeholders and upserts in the
``ON CONFLICT`` form both servers know. ``PgDatabase`` offers the few calls the store makes
on a sqlite-utils ``Database`` (``execute``, ``conn.execute``/``executemany``, ``atomic``,
``rollback``, ``close``) and translates each statement once (``translate``). Statements that
no translation can carry (full-text search, JSON functions, pragmas) branch on
``is_postgres`` where they are written.
"""
