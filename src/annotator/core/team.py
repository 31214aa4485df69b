"""Who annotates: annotator names, and the reserved name under which gold is kept.

The adjudicated (gold) annotation of a document is stored like one more annotator's: spans and
relations whose ``annotator`` is ``GOLD``, and a ``GOLD`` status of ``done`` once the document
is curated. A person's name may not start with ``@``, so no one can annotate as gold by name.
"""

from __future__ import annotations

from annotator.core.errors import ValidationError

GOLD = "@gold"
CURATED = "done"
"""The gold status of a curated document."""
MAX_ANNOTATOR_LENGTH = 64


def annotator_problem(name: str) -> str | None:
    """Why ``name`` cannot be a person's annotator name, or None when it can."""
    if not name.strip():
        return "a name is needed"
    if name != name.strip():
        return "it starts or ends with a space"
    if len(name) > MAX_ANNOTATOR_LENGTH:
        return f"it is longer than {MAX_ANNOTATOR_LENGTH} characters"
    if name.startswith("@"):
        return "names starting with @ are kept for the tool (@gold is the curated annotation)"
    if "," in name or any(not c.isprintable() for c in name):
        return "it holds a comma or a control character"
    return None


def check_annotator(name: str) -> str:
    """``name`` when a person may annotate under it, else ValidationError saying why."""
    problem = annotator_problem(name)
    if problem is not None:
        raise ValidationError(f"annotator name {name!r} is not allowed: {problem}")
    return name


def split_annotators(text: str) -> list[str]:
    """``ana,budi, citra`` -> checked names in the given order, without repeats."""
    names: list[str] = []
    for part in text.split(","):
        name = check_annotator(part.strip())
        if name not in names:
            names.append(name)
    return names


def overlap_applies(a: str, b: str) -> bool:
    """Whether a layer's no-overlap rule holds between a span by ``a`` and one by ``b``.

    Each annotator marks the document on their own, so two people may each mark the same
    section; an unattributed span (imported without a name) is everyone's and clashes with
    anyone's. Gold is a separate annotation: a gold span sits on the very stretch the
    annotators marked, so it is checked against gold spans only (and theirs not against gold).
    """
    if GOLD in (a, b):
        return a == b
    return a == b or not a or not b
