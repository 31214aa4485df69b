"""Import and export, one module per format. No Qt here."""
