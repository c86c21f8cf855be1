"""Widgets shared by the publishing screens: guard-highlighting editor, counters, platform badges, photos."""
