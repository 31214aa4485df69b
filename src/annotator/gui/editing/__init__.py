"""Performing edits (undo stack) and running long work off the GUI thread."""
