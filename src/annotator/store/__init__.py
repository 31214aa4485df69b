"""SQLite persistence (sqlite-utils). No Qt here."""
