"""First-run content of a new project: the default schema and the bundled sample articles."""

from __future__ import annotations

from annotator.assets import default_schema, sample_paths
from annotator.formats.importer import import_paths
from annotator.store.repository import Repository


def ensure_project(repo: Repository, *, with_samples: bool) -> bool:
    """Store the default schema in a new project and, if asked, import the samples once.

    Returns True when samples were imported now.
    """
    if repo.has_stored_schema():
        return False
    with repo.transaction():
        repo.store_schema(default_schema())
    if not with_samples or repo.document_ids():
        return False
    import_paths(repo, sample_paths())  # unattributed: every annotator sees them as their own
    return True
