"""Work of several annotators on one corpus: agreement between them, adjudication into gold
and merging their project files. Above ``formats`` (agreement counts on the exports' tokens),
below the GUI and CLI, which both call it."""
