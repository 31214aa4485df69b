"""Errors raised by the core; each carries a message fit to show a user as is."""


class AnnotatorError(Exception):
    """Base class of every error whose message is meant for the user."""


class ValidationError(AnnotatorError):
    """An edit or record breaks a rule (offsets, schema, overlap); nothing was changed."""


class SchemaError(AnnotatorError):
    """A schema definition is invalid."""
