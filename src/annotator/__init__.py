"""annotator: annotate entities, claims and sections; every span committed to SQLite."""

__version__ = "0.1.0"
