"""The standalone app's entry point: the ``annotator`` command (no command opens the app)."""

from annotator.cli import main

if __name__ == "__main__":
    main()
