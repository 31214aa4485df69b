"""Controllers: each connects one feature's widgets to the workspace and the edit session."""
