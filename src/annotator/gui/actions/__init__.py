"""The window's actions: menus, default keys and the user's rebound shortcuts."""
