"""Training spaCy pipelines on the project's annotations, scoring them, and the provenance
kept with each model. The training itself runs in a child process (``training.child``)."""
