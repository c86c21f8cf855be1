"""Where the shipped resources (rules, word lists, stylesheets, translations, demo data) live."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The top-level ``resources/`` folder, in a checkout or inside a PyInstaller build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder under ``resources/``."""
    return resources_dir().joinpath(*parts)
