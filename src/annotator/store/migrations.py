"""Schema steps, one function each. Never edit a released step: add a new one."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils.migrations import Migrations

from annotator.store.backend import ProjectDb, is_postgres

MIGRATION_SET = "annotator"
migrations = Migrations(MIGRATION_SET)

Step = Callable[[ProjectDb], None]
"""One schema step. It runs on both servers: the PostgreSQL connection translates its SQLite
DDL (``store.postgres.translate``); a step that cannot be translated branches on
``is_postgres``."""

_STEPS: list[tuple[str, Step]] = []


def step(name: str) -> Callable[[Step], Step]:
    """Register a schema step under ``name``, in the order defined here: with sqlite-utils
    for SQLite files, in ``known_steps`` for PostgreSQL (``store.postgres.connect``)."""

    def register(function: Step) -> Step:
        _STEPS.append((name, function))
        migrations(name=name)(function)
        return function

    return register


def known_steps() -> list[tuple[str, Step]]:
    return list(_STEPS)


def known_migration_names() -> list[str]:
    return [name for name, _ in _STEPS]


def schema_version() -> int:
    """The version this code writes: one per known migration, stored in PRAGMA user_version."""
    return len(known_migration_names())


@step("0001_initial")
def initial(db: ProjectDb) -> None:
    db.execute(
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            lang TEXT NOT NULL DEFAULT 'en',
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            encoding TEXT NOT NULL DEFAULT 'utf-8',
            status TEXT NOT NULL DEFAULT 'todo',
            note TEXT NOT NULL DEFAULT '',
            labels TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX documents_position ON documents(position)")
    db.execute(
        """
        CREATE TABLE spans (
            id TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            text TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            attrs TEXT NOT NULL DEFAULT '{}',
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (doc_id, start, "end", id)
        ) WITHOUT ROWID
        """
    )
    # Clustered by document and position: opening a document reads one contiguous range
    # instead of one random row lookup per span (50,000 spans: ~40% less time).
    db.execute("CREATE UNIQUE INDEX spans_id ON spans(id)")
    db.execute("CREATE INDEX spans_label ON spans(label)")
    db.execute(
        """
        CREATE TABLE relations (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            head TEXT NOT NULL REFERENCES spans(id),
            tail TEXT NOT NULL REFERENCES spans(id),
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            CHECK (head <> tail)
        )
        """
    )
    db.execute("CREATE INDEX relations_doc ON relations(doc_id)")
    db.execute("CREATE INDEX relations_head ON relations(head)")
    db.execute("CREATE INDEX relations_tail ON relations(tail)")
    db.execute(
        """
        CREATE TABLE edit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts TEXT NOT NULL,
            annotator TEXT NOT NULL,
            doc_id TEXT,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL DEFAULT '{}'
        )
        """
    )
    db.execute("CREATE INDEX edit_log_doc ON edit_log(doc_id)")
    db.execute(
        """
        CREATE TABLE suggestions (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            score REAL,
            status TEXT NOT NULL DEFAULT 'pending',
            created_at TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX suggestions_doc ON suggestions(doc_id, status)")
    db.execute("CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@step("0002_fts")
def documents_fts(db: ProjectDb) -> None:
    """Full-text index over documents, kept in step by triggers, for corpus search.

    The trigram tokenizer indexes every three-character sequence, so the index answers
    substring queries ("Jakarta" inside "Jakartanya" or "Jakarta-based"), the same
    semantics as the find bar; a word tokenizer would miss those. Matching is
    case-insensitive here and exact (case, whole word) in Python afterwards. It costs about
    three times the text in disk space. The index is external-content (keyed by the
    documents' rowid): whoever runs VACUUM must then run ``'rebuild'`` on it.

    PostgreSQL's counterpart is ``pg_trgm``: a GIN trigram index answers the same
    case-insensitive substring queries (``ILIKE``), kept up to date by the server.
    """
    if is_postgres(db):
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        db.execute("CREATE INDEX documents_text_trgm ON documents USING gin (text gin_trgm_ops)")
        return
    db.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        "text, title, content='documents', content_rowid='rowid', tokenize='trigram')"
    )
    db.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, text, title) VALUES (new.rowid, new.text, new.title); "
        "END"
    )
    db.execute(
        "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, text, title) "
        "VALUES ('delete', old.rowid, old.text, old.title); "
        "END"
    )
    db.execute(
        "CREATE TRIGGER documents_fts_update AFTER UPDATE OF text, title ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, text, title) "
        "VALUES ('delete', old.rowid, old.text, old.title); "
        "INSERT INTO documents_fts(rowid, text, title) VALUES (new.rowid, new.text, new.title); "
        "END"
    )
    db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


@step("0003_documents_status_index")
def documents_status_index(db: ProjectDb) -> None:
    """The progress line counts documents by status after every edit; without this index that
    count reads every document's text (15 ms per keypress on a 50 MB corpus, growing)."""
    db.execute("CREATE INDEX documents_status ON documents(status)")


@step("0004_document_tokens")
def document_tokens(db: ProjectDb) -> None:
    """A document's own tokenisation when its source file had one (CoNLL), so token-based
    exports write the source's tokens instead of spaCy's. JSON lists of code-point offsets:
    ``{"starts": [...], "ends": [...], "sentence_starts": [token index, ...]}``."""
    db.execute(
        """
        CREATE TABLE document_tokens (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            tokens TEXT NOT NULL
        )
        """
    )


@step("0005_page_sources")
def page_sources(db: ProjectDb) -> None:
    """The web page a document was extracted from, zlib-compressed (a news page's HTML is
    5-20 times its article text; compressed it is about the size of the text), so that the
    extraction can be run again with other settings."""
    db.execute(
        """
        CREATE TABLE page_sources (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            html BLOB NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            settings TEXT NOT NULL DEFAULT '{}'
        )
        """
    )


@step("0006_annotator_status")
def annotator_status(db: ProjectDb) -> None:
    """A document's status per annotator (and whether the document is assigned to them).

    The one status column before this step becomes the status of every annotator who has spans
    on the document; a document nobody annotated keeps it under the empty name, the status any
    annotator without a row of their own sees (the current user, in a project of one). Only
    statuses other than ``todo`` need a row: no row reads as ``todo``.
    """
    db.execute(
        """
        CREATE TABLE document_status (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'todo',
            assigned INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (doc_id, annotator)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX document_status_annotator ON document_status(annotator, status)")
    db.execute(
        "INSERT INTO document_status(doc_id, annotator, status, updated_at) "
        "SELECT DISTINCT s.doc_id, s.annotator, d.status, d.created_at "
        "FROM spans s JOIN documents d ON d.id = s.doc_id WHERE d.status != 'todo'"
    )
    db.execute(
        "INSERT INTO document_status(doc_id, annotator, status, updated_at) "
        "SELECT d.id, '', d.status, d.created_at FROM documents d WHERE d.status != 'todo' "
        "AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = d.id)"
    )
    db.execute("DROP INDEX documents_status")
    db.execute("ALTER TABLE documents DROP COLUMN status")


@step("0007_curation_decisions")
def curation_decisions(db: ProjectDb) -> None:
    """A curator's decision on one annotator's span while adjudicating a document: accepted
    (copied into gold) or rejected. A rejection leaves nothing in gold, so without this row a
    resolved difference would come back as unresolved on the next open."""
    db.execute(
        """
        CREATE TABLE curation_decisions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            span_id TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            curator TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, span_id)
        ) WITHOUT ROWID
        """
    )


CHANGE_CHANNEL = "annotator_changes"
"""The channel on which a server project announces each committed change of team work."""

NOTICE_PAYLOAD_LIMIT = 7900
"""Bytes of one notice's payload at most (PostgreSQL refuses 8,000 and more)."""

NAMED_DOCUMENTS = 100
"""The most document ids one notice names; a statement that touched more (an import) says
"many documents" instead, and listeners read everything they show again."""

_NOTICE_FUNCTION = f"""
CREATE FUNCTION annotator_change_notice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc_ids text[];
    first_name text;
    last_name text;
    text_changed boolean := false;
    payload text;
BEGIN
    IF TG_TABLE_NAME = 'documents' THEN
        IF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            SELECT array_agg(id) INTO doc_ids
                FROM (SELECT id FROM changed_rows LIMIT {NAMED_DOCUMENTS + 1}) AS touched;
            text_changed := EXISTS (
                SELECT 1 FROM changed_rows n JOIN old_rows o ON o.id = n.id
                WHERE n.text IS DISTINCT FROM o.text
            );
        END IF;
    ELSE
        IF TG_TABLE_NAME = 'curation_decisions' THEN
            SELECT min(curator), max(curator) INTO first_name, last_name FROM changed_rows;
        ELSE
            SELECT min(annotator), max(annotator) INTO first_name, last_name FROM changed_rows;
        END IF;
        IF first_name IS NULL THEN
            RETURN NULL;
        END IF;
        SELECT array_agg(doc_id) INTO doc_ids
            FROM (SELECT DISTINCT doc_id FROM changed_rows LIMIT {NAMED_DOCUMENTS + 1}) AS touched;
    END IF;
    IF cardinality(doc_ids) > {NAMED_DOCUMENTS} THEN
        doc_ids := NULL;
    END IF;
    payload := json_build_object(
        'table', TG_TABLE_NAME,
        'doc_ids', to_json(doc_ids),
        'annotator', CASE WHEN first_name = last_name THEN first_name END,
        'text', text_changed
    )::text;
    IF octet_length(payload) > {NOTICE_PAYLOAD_LIMIT} THEN
        payload := json_build_object(
            'table', TG_TABLE_NAME,
            'doc_ids', NULL,
            'annotator', CASE WHEN first_name = last_name THEN first_name END,
            'text', text_changed
        )::text;
    END IF;
    PERFORM pg_notify('{CHANGE_CHANNEL}', payload);
    RETURN NULL;
END
$$
"""

_NOTICED_TABLES = ("spans", "relations", "document_status", "curation_decisions", "documents")
_TRANSITIONS = {"insert": "NEW TABLE", "update": "NEW TABLE", "delete": "OLD TABLE"}
_DOCUMENT_UPDATES = "OLD TABLE AS old_rows NEW TABLE"
"""A document's update also keeps the old rows: the notice says whether a text changed (a
re-extraction, which the open document must be shown anew for) or only its fields."""


@step("0008_change_notices")
def change_notices(db: ProjectDb) -> None:
    """On a server, every committed change of spans, relations, statuses (and assignments),
    curation decisions and documents (imported, deleted, or their title, note, labels or text
    changed) is announced on ``CHANGE_CHANNEL`` (``store.postgres.notices``), so that other
    copies of the app refresh what they show without reading whole tables again.

    Statement-level triggers over transition tables: a statement that writes a thousand rows
    (an import's ``COPY``) sends one notice naming its documents, not a thousand. PostgreSQL
    also delivers identical notices of one transaction once, so a document's spans inserted
    one by one in one transaction are announced once; documents inserted or deleted are
    announced without their ids for that reason (an import of 1,000 documents, one statement
    each, sends one notice). The notice goes out at commit; a rolled-back transaction
    announces nothing. A file project has no listeners: nothing here.
    """
    if not is_postgres(db):
        return
    db.execute(_NOTICE_FUNCTION)
    for table in _NOTICED_TABLES:
        for event, transition in _TRANSITIONS.items():
            if (table, event) == ("documents", "update"):
                transition = _DOCUMENT_UPDATES
            db.execute(
                f"CREATE TRIGGER {table}_{event}_notice AFTER {event.upper()} ON {table} "
                f"REFERENCING {transition} AS changed_rows FOR EACH STATEMENT "
                "EXECUTE FUNCTION annotator_change_notice()"
            )


@step("0009_trained_models")
def trained_models(db: ProjectDb) -> None:
    """Models trained on the project, with their provenance (``card``: the JSON also written
    beside the model), and each model's uncertainty about each document it has read, which
    orders the work queue when the annotator asks for the least certain documents first."""
    db.execute(
        """
        CREATE TABLE models (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            card TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE document_uncertainty (
            model_id TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL DEFAULT '',
            uncertainty REAL NOT NULL,
            scored_at TEXT NOT NULL,
            PRIMARY KEY (model_id, doc_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX document_uncertainty_doc ON document_uncertainty(doc_id)")
