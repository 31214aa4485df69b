"""Small building blocks shared by panels and dialogs."""
