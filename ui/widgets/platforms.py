"""Platform badges: a coloured disc with the platform's initial (no third-party logos shipped)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from desk.ports import Platform

COLOURS: dict[str, str] = {
    Platform.X.value: "#111111",
    Platform.FACEBOOK.value: "#1877f2",
    Platform.INSTAGRAM.value: "#c13584",
    Platform.MASTODON.value: "#6364ff",
    Platform.BLUESKY.value: "#0a7aff",
}
NAMES: dict[str, str] = {
    Platform.X.value: "X",
    Platform.FACEBOOK.value: "Facebook",
    Platform.INSTAGRAM.value: "Instagram",
    Platform.MASTODON.value: "Mastodon",
    Platform.BLUESKY.value: "Bluesky",
}


def platform_name(platform: str | Platform) -> str:
    """The platform's proper name."""
    key = platform.value if isinstance(platform, Platform) else platform
    return NAMES.get(key, key)


@cache
def platform_pixmap(platform: str, size: int = 18) -> QPixmap:
    """A round badge for ``platform``."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#8c959f"), 1.0))  # a ring keeps dark badges visible on a dark theme
    painter.setBrush(QColor(COLOURS.get(platform, "#666666")))
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.58))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, platform_name(platform)[:1])
    painter.end()
    return pixmap


def platform_icon(platform: str | Platform) -> QIcon:
    """The badge as an icon."""
    key = platform.value if isinstance(platform, Platform) else platform
    return QIcon(platform_pixmap(key))


def platforms_pixmap(platforms: tuple[str, ...], size: int = 12) -> QPixmap:
    """Several badges side by side in one picture (a calendar entry's targets)."""
    gap = 2
    width = max(1, len(platforms) * (size + gap))
    pixmap = QPixmap(width * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    for n, platform in enumerate(platforms):
        painter.drawPixmap(n * (size + gap), 0, platform_pixmap(platform, size))
    painter.end()
    return pixmap
