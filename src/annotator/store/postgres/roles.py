"""Who may write what in a project on a PostgreSQL server: the database enforces it.

Each person connects as their own login role, and their annotator name is that role's name
(``session_user``). Securing a project (on the first ``grant``) creates three group roles
named after the database, so that two projects on one cluster never share them
(``corpus_annotators``, ``corpus_curators``, ``corpus_owners``; an owner is also a curator, a
curator also an annotator), hands the tables to the owners' group, enables and forces
row-level security on every table, and grants table and column privileges:

- everyone reads every row (comparison, agreement and curation read all annotators' work);
- an annotator inserts, changes and deletes only their own spans and relations (their
  attributes and notes are columns of those rows), their own statuses and their own edit-log
  entries, sets a suggestion's status (accept/reject) and a document's note and labels;
- a curator also writes gold (rows of ``GOLD``), curation decisions, anyone's status and
  suggestions;
- an owner writes everything: documents, the schema row, assignments (``assigned``),
  imports, and migrations (the owners' group owns the tables).

What a row-level policy refuses either changes nothing (a delete of another's row finds no
row) or fails the statement (an insert or update of another's row); ``refusal`` turns the
failure into the message the user reads. Passwords are never seen here: libpq reads them
from ``~/.pgpass``, a service file or ``PGPASSWORD``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.team import GOLD, check_annotator
from annotator.store.errors import StoreError

if TYPE_CHECKING:
    from annotator.store.postgres.database import PgDatabase

LEVELS = ("annotator", "curator", "owner")
"""The access levels, each including the one before it."""
_GROUP_SUFFIX = {"annotator": "_annotators", "curator": "_curators", "owner": "_owners"}
_MAX_ROLE_BYTES = 63
"""PostgreSQL cuts longer role names silently (NAMEDATALEN - 1)."""
_SECURE_LOCK = 7_284_125_002
"""``pg_advisory_xact_lock`` key: two grants on one project run one after the other."""
INSUFFICIENT_PRIVILEGE = "42501"

_OWN = "annotator = session_user::text"
_OWN_OR_GOLD = (
    f"({_OWN} OR (annotator = '{GOLD}' AND pg_has_role(session_user, {{curators_name}}, 'MEMBER')))"
)
_OWN_OR_CURATOR = f"({_OWN} OR pg_has_role(session_user, {{curators_name}}, 'MEMBER'))"
_SPAN_EDITS = 'layer, label, start, "end", text, attrs, note, origin'

_RULES: dict[str, list[str]] = {
    "spans": [
        f"GRANT INSERT, DELETE, UPDATE ({_SPAN_EDITS}) ON spans TO {{annotators}}",
        f"CREATE POLICY own_insert ON spans FOR INSERT TO {{annotators}} WITH CHECK {_OWN_OR_GOLD}",
        # USING (true): an update of another's row fails loudly instead of finding no row;
        # the annotator column cannot be changed (no column privilege), so the check holds.
        "CREATE POLICY own_update ON spans FOR UPDATE TO {annotators} USING (true) "
        f"WITH CHECK {_OWN_OR_GOLD}",
        f"CREATE POLICY own_delete ON spans FOR DELETE TO {{annotators}} USING {_OWN_OR_GOLD}",
    ],
    "relations": [
        "GRANT INSERT, DELETE ON relations TO {annotators}",
        "CREATE POLICY own_insert ON relations FOR INSERT TO {annotators} "
        f"WITH CHECK {_OWN_OR_GOLD}",
        f"CREATE POLICY own_delete ON relations FOR DELETE TO {{annotators}} USING {_OWN_OR_GOLD}",
    ],
    "document_status": [
        "GRANT INSERT (doc_id, annotator, status, updated_at), UPDATE (status, updated_at) "
        "ON document_status TO {annotators}",
        "CREATE POLICY own_insert ON document_status FOR INSERT TO {annotators} "
        f"WITH CHECK {_OWN_OR_CURATOR}",
        "CREATE POLICY own_update ON document_status FOR UPDATE TO {annotators} "
        f"USING {_OWN_OR_CURATOR} WITH CHECK {_OWN_OR_CURATOR}",
    ],
    "edit_log": [
        "GRANT INSERT ON edit_log TO {annotators}",
        "CREATE POLICY own_insert ON edit_log FOR INSERT TO {annotators} "
        f"WITH CHECK {_OWN_OR_GOLD}",
    ],
    "documents": [
        "GRANT UPDATE (note, labels) ON documents TO {annotators}",
        "CREATE POLICY labels_update ON documents FOR UPDATE TO {annotators} "
        "USING (true) WITH CHECK (true)",
    ],
    "suggestions": [
        "GRANT UPDATE (status) ON suggestions TO {annotators}",
        "GRANT INSERT, UPDATE, DELETE ON suggestions TO {curators}",
        "CREATE POLICY status_update ON suggestions FOR UPDATE TO {annotators} "
        "USING (true) WITH CHECK (true)",
        "CREATE POLICY curator_insert ON suggestions FOR INSERT TO {curators} WITH CHECK (true)",
        "CREATE POLICY curator_delete ON suggestions FOR DELETE TO {curators} USING (true)",
    ],
    "models": [
        "GRANT INSERT, DELETE ON models TO {annotators}",
        f"CREATE POLICY own_insert ON models FOR INSERT TO {{annotators}} WITH CHECK ({_OWN})",
        f"CREATE POLICY own_delete ON models FOR DELETE TO {{annotators}} USING ({_OWN})",
    ],
    "document_uncertainty": [
        "GRANT INSERT, UPDATE, DELETE ON document_uncertainty TO {annotators}",
        "CREATE POLICY own_write ON document_uncertainty FOR ALL TO {annotators} "
        f"USING ({_OWN}) WITH CHECK ({_OWN})",
    ],
    "curation_decisions": [
        "GRANT INSERT, UPDATE, DELETE ON curation_decisions TO {curators}",
        "CREATE POLICY curator_write ON curation_decisions FOR ALL TO {curators} "
        "USING (true) WITH CHECK (true)",
    ],
}
"""What annotators and curators may write, per table; every other table they only read."""
_POLICIES = (
    "everyone_reads",
    "owner_writes",
    *sorted(
        {
            statement.split()[2]
            for rules in _RULES.values()
            for statement in rules
            if "POLICY" in statement
        }
    ),
)


def _psycopg_sql() -> Any:
    from psycopg import sql

    return sql


def group_names(dbname: str) -> dict[str, str]:
    """Level -> the group role of the project in database ``dbname``.

    A name too long for PostgreSQL keeps the start of the database name and a hash of all
    of it, so that two long names still get their own groups.
    """
    base = dbname
    if len((base + "_annotators").encode("utf-8")) > _MAX_ROLE_BYTES:
        digest = hashlib.sha256(dbname.encode("utf-8")).hexdigest()[:8]
        base = dbname.encode("utf-8")[:40].decode("utf-8", "ignore") + "_" + digest
    return {level: base + suffix for level, suffix in _GROUP_SUFFIX.items()}


def _run(db: PgDatabase, statement: Any, params: Any = None) -> Any:
    """A statement on the raw connection: composed names must not pass the ``?`` translation."""
    return db.conn.raw.execute(statement, params)


def _groups(db: PgDatabase) -> dict[str, str]:
    return group_names(str(_run(db, "SELECT current_database()").fetchone()[0]))


def is_secured(db: PgDatabase) -> bool:
    """Whether row-level security guards the project (``grant`` ran on it)."""
    row = _run(
        db, "SELECT relforcerowsecurity FROM pg_class WHERE oid = to_regclass('spans')"
    ).fetchone()
    return bool(row and row[0])


def connected_annotator(db: Any) -> str | None:
    """The annotator name on a secured server project: the connecting role's; else None
    (a SQLite file, or a server project nobody secured, where the configured name counts)."""
    from annotator.store.backend import is_postgres

    if not is_postgres(db) or not is_secured(db):
        return None
    return str(_run(db, "SELECT session_user").fetchone()[0])


def annotator_for(db: Any, configured: str, explicit: str | None, *, writing: bool) -> str:
    """The name to annotate under: the connecting role's on a secured server project.

    A configured (or OS user) name is a default and gives way to the role's. A name asked for
    explicitly that is not the role's is refused when ``writing``: the server would refuse
    every edit made under it. Reading another annotator's statuses stays allowed.
    """
    role = connected_annotator(db)
    if role is None:
        return configured
    if explicit and explicit.strip() and explicit.strip() != role:
        if writing:
            raise StoreError(
                f"{db.location}: you are connected as role {role!r}, so you annotate as "
                f"{role!r} here, not as {explicit.strip()!r}; connect as {explicit.strip()!r} "
                "to work under that name"
            )
        return explicit.strip()
    return role


def _check_name(name: str, groups: dict[str, str]) -> None:
    check_annotator(name)
    if len(name.encode("utf-8")) > _MAX_ROLE_BYTES:
        raise ValidationError(
            f"annotator name {name!r} is not allowed: a PostgreSQL role name holds at most "
            f"{_MAX_ROLE_BYTES} bytes"
        )
    if name in groups.values():
        raise ValidationError(f"{name!r} is one of the project's group roles, not a person")


def _create_groups(db: PgDatabase, groups: dict[str, str]) -> None:
    sql = _psycopg_sql()
    existing = {
        row[0]
        for row in _run(
            db, "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [list(groups.values())]
        )
    }
    for level in LEVELS:
        if groups[level] not in existing:
            _run(db, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(groups[level])))
    _run(
        db,
        sql.SQL("GRANT {} TO {}").format(
            sql.Identifier(groups["annotator"]), sql.Identifier(groups["curator"])
        ),
    )
    _run(
        db,
        sql.SQL("GRANT {} TO {}").format(
            sql.Identifier(groups["curator"]), sql.Identifier(groups["owner"])
        ),
    )


def _tables(db: PgDatabase) -> list[str]:
    rows = _run(
        db,
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    )
    return [str(row[0]) for row in rows]


def _secure_table(db: PgDatabase, table: str, names: dict[str, Any]) -> None:
    sql = _psycopg_sql()
    ident = sql.Identifier(table)

    def run(template: str) -> None:
        _run(db, sql.SQL(template).format(table=ident, **names))

    run("ALTER TABLE {table} OWNER TO {owners}")
    run("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    run("ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    for policy in _POLICIES:
        _run(db, sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(policy), ident))
    run("GRANT SELECT ON {table} TO {annotators}")
    run("CREATE POLICY everyone_reads ON {table} FOR SELECT TO {annotators} USING (true)")
    run("GRANT ALL ON {table} TO {owners}")
    run("CREATE POLICY owner_writes ON {table} FOR ALL TO {owners} USING (true) WITH CHECK (true)")
    for template in _RULES.get(table, ()):
        _run(db, sql.SQL(template).format(**names))


def secure(db: PgDatabase) -> bool:
    """Create the groups, policies and privileges (again: every step is idempotent).

    Returns whether the project was not secured before. Call inside a transaction. Run by a
    superuser, or by a role that may create roles and owns the tables (it joins the owners).
    """
    sql = _psycopg_sql()
    was_secured = is_secured(db)
    groups = _groups(db)
    _create_groups(db, groups)
    names = {
        "annotators": sql.Identifier(groups["annotator"]),
        "curators": sql.Identifier(groups["curator"]),
        "owners": sql.Identifier(groups["owner"]),
    }
    superuser = _run(db, "SELECT rolsuper FROM pg_roles WHERE rolname = session_user").fetchone()
    if not superuser[0]:
        _run(db, sql.SQL("GRANT {owners} TO SESSION_USER").format(**names))
    schema = sql.Identifier(str(_run(db, "SELECT current_schema()").fetchone()[0]))
    _run(db, sql.SQL("GRANT USAGE ON SCHEMA {} TO {annotators}").format(schema, **names))
    _run(db, sql.SQL("GRANT CREATE ON SCHEMA {} TO {owners}").format(schema, **names))
    _run(db, sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(schema))
    # Policies name the curators' group as a string (pg_has_role), grants as a role.
    with_literal = {**names, "curators_name": sql.Literal(groups["curator"])}
    for table in _tables(db):
        _secure_table(db, table, with_literal)
    _run(
        db,
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {annotators}").format(
            schema, **names
        ),
    )
    return not was_secured


def _membership(db: PgDatabase, name: str, groups: dict[str, str]) -> list[str]:
    """The levels whose group ``name`` is a direct member of."""
    rows = _run(
        db,
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = %s AND g.rolname = ANY(%s)",
        [name, list(groups.values())],
    )
    found = {str(row[0]) for row in rows}
    return [level for level in LEVELS if groups[level] in found]


@contextmanager
def _administering(db: PgDatabase, what: str) -> Iterator[None]:
    """One transaction; the server's refusal (not allowed to create roles, not the tables'
    owner) becomes a StoreError that says who may do it."""
    import psycopg

    try:
        with db.atomic():
            _run(db, "SELECT pg_advisory_xact_lock(%s)", [_SECURE_LOCK])
            yield
    except psycopg.Error as exc:
        from annotator.store.postgres.failures import first_line  # failures imports this module

        raise StoreError(
            f"{db.location}: cannot {what} ({first_line(exc)}); run it as a superuser or as a role "
            "that may create roles and owns the project's tables"
        ) from None


def grant(db: PgDatabase, name: str, level: str) -> bool:
    """Make ``name`` a login role at ``level`` on this project (its other level revoked),
    securing the project first when needed; one transaction. Returns whether the project
    was secured now. No password is set: ``ALTER ROLE name PASSWORD …`` or ``~/.pgpass``."""
    if level not in LEVELS:
        raise ValidationError(f"unknown access level {level!r}; use one of {', '.join(LEVELS)}")
    sql = _psycopg_sql()
    groups = _groups(db)
    _check_name(name, groups)
    role = sql.Identifier(name)
    with _administering(db, f"grant {name} access"):
        secured_now = secure(db)
        found = _run(db, "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if found is None:
            _run(db, sql.SQL("CREATE ROLE {} LOGIN").format(role))
        elif not found[0]:
            _run(db, sql.SQL("ALTER ROLE {} LOGIN").format(role))
        for other in _membership(db, name, groups):
            if other != level:
                _run(db, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(groups[other]), role))
        _run(db, sql.SQL("GRANT {} TO {}").format(sql.Identifier(groups[level]), role))
    return secured_now


def revoke(db: PgDatabase, name: str) -> bool:
    """Take ``name`` out of the project's groups; the login role stays (other projects on
    the cluster may use it). Returns whether it had access."""
    sql = _psycopg_sql()
    groups = _groups(db)
    with _administering(db, f"revoke {name}'s access"):
        levels = _membership(db, name, groups)
        for level in levels:
            _run(
                db,
                sql.SQL("REVOKE {} FROM {}").format(
                    sql.Identifier(groups[level]), sql.Identifier(name)
                ),
            )
    return bool(levels)


def members(db: PgDatabase) -> list[tuple[str, str]]:
    """(role, level) of everyone granted access, by name; the groups themselves left out."""
    groups = _groups(db)
    level_of = {group: level for level, group in groups.items()}
    rows = _run(
        db,
        "SELECT r.rolname, g.rolname FROM pg_auth_members m "
        "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
        "WHERE g.rolname = ANY(%s) AND NOT r.rolname = ANY(%s) ORDER BY r.rolname",
        [list(groups.values()), list(groups.values())],
    )
    best: dict[str, str] = {}
    for name, group in rows:
        level = level_of[str(group)]
        if LEVELS.index(level) >= LEVELS.index(best.get(str(name), LEVELS[0])):
            best[str(name)] = level
    return sorted(best.items())


def refusal(db: Any, reason: str) -> StoreError:
    """The message of a write the server's access control refused (SQLSTATE 42501)."""
    return StoreError(
        f"{db.location}: the server refused this change ({reason}); an annotator writes only "
        "their own spans, relations and statuses, a curator also gold, an owner everything; "
        "nothing was saved"
    )


def refused_delete(db: Any, table: str, what: str, row_id: str) -> StoreError | None:
    """When a delete found no row: the refusal if the row is there but not the role's to
    delete (row-level security hides it from the delete only), else None."""
    from annotator.store.backend import is_postgres

    if not is_postgres(db):
        return None
    row = db.execute(f"SELECT annotator FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None:
        return None
    return StoreError(
        f"{db.location}: the server refused to delete {what} {row_id!r}: it is "
        f"{row[0] or 'nobody'}'s, and an annotator deletes only their own; nothing was saved"
    )
