"""Every change a user can make, built as an ``Edit`` before anything is written.

One module per domain: ``spans`` (label, relabel, delete, attributes, span notes),
``relations``, ``documents`` (status, document labels, note), ``suggestions`` (accept,
reject) and ``annotate_all``. A builder returns the edit to apply, or a ``Refusal`` whose
reason the user reads when the action makes no sense where they are (nothing selected, the
span is already gone). A value the schema does not allow raises ``ValidationError`` instead:
the same check the store makes when the edit is applied, made early.

Builders read nothing but what they are given (plain values or a ``ProjectReader``), so they
run without Qt or a database; the store applies their edits in one transaction.
"""

from annotator.core.operations.reading import ProjectReader
from annotator.core.operations.refusal import Refusal

__all__ = ["ProjectReader", "Refusal"]
