"""Control-room call sources: column mapping and presets, time handling, import, watched folders and feeds."""
