from annotator.core.errors import AnnotatorError


class StoreError(AnnotatorError):
    """The database cannot be opened or written as asked; the message says why."""
