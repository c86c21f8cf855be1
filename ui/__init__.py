"""Beat Desk: the Qt face of the desk. PySide6 lives only here."""
