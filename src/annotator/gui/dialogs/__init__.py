"""Small dialogs of the main window."""
