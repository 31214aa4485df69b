"""Pure-Python domain model: documents, spans, schemas, validation and invertible edits.

Nothing here imports Qt, SQLite or any other package of ours.
"""
