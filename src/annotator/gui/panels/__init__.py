"""Docked panels: document list and filter, span list, inspector, palette, suggestions, search."""
