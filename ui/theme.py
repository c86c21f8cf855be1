"""Light and dark themes: a Fusion palette plus a stylesheet from ``resources/styles``.

The dark theme is for night shifts: low glare, high contrast text, no pure white surfaces.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from desk.resources import resource_path
from desk.settings_document import Theme

_PALETTES: dict[Theme, dict[QPalette.ColorRole, str]] = {
    Theme.LIGHT: {
        QPalette.ColorRole.Window: "#f3f5f8",
        QPalette.ColorRole.WindowText: "#14202e",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#eef1f5",
        QPalette.ColorRole.Text: "#14202e",
        QPalette.ColorRole.Button: "#e6eaf0",
        QPalette.ColorRole.ButtonText: "#14202e",
        QPalette.ColorRole.Highlight: "#1f5fae",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#14202e",
        QPalette.ColorRole.ToolTipText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#5d6b7b",
        QPalette.ColorRole.Link: "#1f5fae",
    },
    Theme.DARK: {
        QPalette.ColorRole.Window: "#161b22",
        QPalette.ColorRole.WindowText: "#e6edf3",
        QPalette.ColorRole.Base: "#0d1117",
        QPalette.ColorRole.AlternateBase: "#1c222b",
        QPalette.ColorRole.Text: "#e6edf3",
        QPalette.ColorRole.Button: "#21262d",
        QPalette.ColorRole.ButtonText: "#e6edf3",
        QPalette.ColorRole.Highlight: "#388bfd",
        QPalette.ColorRole.HighlightedText: "#0d1117",
        QPalette.ColorRole.ToolTipBase: "#e6edf3",
        QPalette.ColorRole.ToolTipText: "#0d1117",
        QPalette.ColorRole.PlaceholderText: "#8b949e",
        QPalette.ColorRole.Link: "#58a6ff",
    },
}

_current: Theme | None = None


def colours(theme: Theme) -> dict[str, str]:
    """The theme's named colours from ``resources/styles/<theme>.colors`` (``@name = value`` lines)."""
    table: dict[str, str] = {}
    text = resource_path("styles", f"{theme.value}.colors").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.split("#!", 1)[0].strip()
        if line.startswith("@") and "=" in line:
            name, value = line.split("=", 1)
            table[name.strip()] = value.strip()
    return table


def stylesheet(theme: Theme) -> str:
    """``resources/styles/base.qss`` with the theme's ``@colour`` names filled in (longest names first)."""
    text = resource_path("styles", "base.qss").read_text(encoding="utf-8")
    text = text.replace("@icons", resource_path("icons").as_posix())
    for name, value in sorted(colours(theme).items(), key=lambda kv: -len(kv[0])):
        text = text.replace(name, value)
    return text


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Switch the whole application to ``theme`` (at start or at run time)."""
    global _current  # noqa: PLW0603 (one theme per application)
    sheet = stylesheet(theme)
    if app.property("deskTheme") == theme.value and app.styleSheet() == sheet:
        return  # re-applying would re-polish every widget for nothing
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in _PALETTES[theme].items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_PALETTES[theme][QPalette.ColorRole.PlaceholderText])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
    app.setStyleSheet(sheet)
    app.setProperty("deskTheme", theme.value)
    _current = theme


def current_theme() -> Theme:
    """The theme last applied (light before any)."""
    return _current or Theme.LIGHT


def apply_fonts(app: QApplication) -> None:
    """A readable interface font: the platform's, at least 10 pt."""
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setFamilies(["Inter", "Noto Sans", "DejaVu Sans", "Segoe UI", font.family()])
    app.setFont(font)
