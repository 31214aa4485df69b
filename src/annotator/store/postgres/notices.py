"""Live team work on a server project: the notices it sends when someone commits a change.

Migration ``0008_change_notices`` makes the server announce each committed change of spans,
relations, statuses (assignments included), curation decisions and documents on one channel,
one notice per statement, naming the table, the documents and the annotator.
``ChangeListener`` listens on a connection of its own and reads what has arrived without ever
waiting (the app wakes it when its socket has data, ``fileno``). Notices caused by the app's
own connection are dropped: the app showed those edits when it made them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.store.errors import StoreError
from annotator.store.migrations import CHANGE_CHANNEL
from annotator.store.postgres.connect import connect

if TYPE_CHECKING:
    import psycopg

    from annotator.store.postgres.database import PgDatabase

NOTICED_TABLES = frozenset(
    {"spans", "relations", "document_status", "curation_decisions", "documents"}
)


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    """One committed statement's change, as another connection announced it."""

    table: str
    """``spans``, ``relations``, ``document_status``, ``curation_decisions`` or
    ``documents``."""
    doc_ids: frozenset[str] | None
    """The documents it touched; None when they were too many to name (an import), or
    documents were imported or deleted: any document may have changed."""
    annotator: str | None
    """Whose rows changed (the curator's, for a decision); None when several people's did,
    and for documents (they are nobody's)."""
    pid: int = 0
    """The server process of the connection that committed it."""
    text_changed: bool = False
    """A document's text changed (it was extracted again): not only its title, note or
    labels."""

    def touches(self, doc_id: str) -> bool:
        return self.doc_ids is None or doc_id in self.doc_ids


class ListenerLost(StoreError):
    """The listener's connection to the server broke: notices from now on are missed until a
    new listener connects."""


def parse_notice(payload: str, pid: int = 0) -> ChangeNotice | None:
    """The notice in a payload the project's triggers wrote; None for anything else sent on
    the channel (a hand-written ``NOTIFY``)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("table") not in NOTICED_TABLES:
        return None
    doc_ids, annotator = data.get("doc_ids"), data.get("annotator")
    if doc_ids is not None and not (
        isinstance(doc_ids, list) and all(isinstance(i, str) for i in doc_ids)
    ):
        return None
    if annotator is not None and not isinstance(annotator, str):
        return None
    named = frozenset(doc_ids) if doc_ids is not None else None
    return ChangeNotice(str(data["table"]), named, annotator, pid, data.get("text") is True)


def backend_pid(db: PgDatabase) -> int | None:
    """The server process serving ``db``'s connection (None once it is closed): the notices
    of the commits made through it carry this number."""
    raw = db.conn.raw
    if raw.closed:
        return None
    return int(raw.info.backend_pid)


class ChangeListener:
    """``LISTEN`` on a connection of its own; ``read`` returns what arrived, never waiting.

    ``own_pids`` names the server processes whose notices are dropped (the app's own
    connections, asked again at each read: a reconnected connection has a new one).
    """

    def __init__(self, url: str, own_pids: Callable[[], Iterable[int | None]] = tuple) -> None:
        self._own_pids = own_pids
        self._raw: psycopg.Connection[Any] | None = connect(url)
        try:
            self._raw.execute(f"LISTEN {CHANGE_CHANNEL}")
        except Exception as exc:
            self.close()
            raise StoreError(f"cannot listen for changes on the server: {exc}") from None

    @classmethod
    def of_project(cls, db: PgDatabase) -> ChangeListener:
        """A listener for the project ``db`` has open that leaves out ``db``'s own commits."""
        return cls(db.url, lambda: (backend_pid(db),))

    @property
    def pid(self) -> int | None:
        """The listener's own server process (None once closed)."""
        return None if self._raw is None else int(self._raw.info.backend_pid)

    def fileno(self) -> int:
        """The socket to watch: it becomes readable when a notice (or a failure) arrives."""
        if self._raw is None:
            raise ListenerLost("the listener is closed")
        return int(self._raw.pgconn.socket)

    def read(self) -> list[ChangeNotice]:
        """The notices that arrived since the last read, others' commits only, in the order
        they were committed; waits for nothing. Raises ``ListenerLost`` (and closes) when the
        connection broke."""
        from psycopg import OperationalError
        from psycopg.pq import ConnStatus

        if self._raw is None:
            raise ListenerLost("the listener is closed")
        pgconn = self._raw.pgconn
        try:
            pgconn.consume_input()
        except OperationalError as exc:
            self.close()
            raise ListenerLost(f"the listener lost the server: {exc}") from None
        if pgconn.status != ConnStatus.OK:
            self.close()
            raise ListenerLost("the listener lost the server")
        own = set(self._own_pids())
        notices = []
        while (item := pgconn.notifies()) is not None:
            if item.be_pid in own:
                continue
            notice = parse_notice(item.extra.decode("utf-8", "replace"), item.be_pid)
            if notice is not None:
                notices.append(notice)
        return notices

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            raw.close()
