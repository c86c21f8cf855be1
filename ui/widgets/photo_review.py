"""The blur review: detected faces and plates as rectangles the officer can switch off or draw anew."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk.photos import CleanPhoto, Region

MIN_DRAWN_PX = 8  # a smaller drag is a click, not a region


@dataclass
class ReviewRegion:
    """A rectangle in the review: what it is and whether it will be blurred."""

    region: Region
    kind: str  # face, plate, manual
    blur: bool


def initial_regions(photo: CleanPhoto) -> list[ReviewRegion]:
    """Faces blurred (as the cleaner did); possible plates blurred too, for the officer to confirm."""
    faces = [ReviewRegion(r, "face", True) for r in photo.detection.faces]
    plates = [ReviewRegion(r, "plate", True) for r in photo.detection.plates]
    return faces + plates


def choices(regions: list[ReviewRegion]) -> tuple[tuple[Region, ...], tuple[Region, ...]]:
    """(add, keep) for :func:`desk.photos.clean_photo`: plates and drawn regions on, faces switched off."""
    add = tuple(r.region for r in regions if r.blur and r.kind != "face")
    keep = tuple(r.region for r in regions if not r.blur and r.kind == "face")
    return add, keep


class PhotoReviewCanvas(QWidget):
    """The original photo, scaled to fit, with the regions drawn over it."""

    changed = Signal()

    def __init__(self, image: QImage, regions: list[ReviewRegion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.regions = regions
        self._drag_from: QPoint | None = None
        self._drag_to: QPoint | None = None
        self.setMinimumSize(120, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.CrossCursor)

    # geometry between widget and image pixels ---------------------------------------------------------

    def _frame(self) -> tuple[float, float, float]:
        """(scale, x offset, y offset) of the image in the widget."""
        if self.image.isNull():
            return 1.0, 0.0, 0.0
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        return scale, (self.width() - self.image.width() * scale) / 2, (self.height() - self.image.height() * scale) / 2

    def widget_rect(self, region: Region) -> QRectF:
        """Where ``region`` (image pixels) is drawn."""
        s, ox, oy = self._frame()
        return QRectF(ox + region.x * s, oy + region.y * s, region.w * s, region.h * s)

    def image_point(self, point: QPoint | QPointF) -> tuple[int, int]:
        """The image pixel under a widget point (clamped)."""
        s, ox, oy = self._frame()
        x = int((point.x() - ox) / s)
        y = int((point.y() - oy) / s)
        return max(0, min(self.image.width(), x)), max(0, min(self.image.height(), y))

    # actions --------------------------------------------------------------------------------------------

    def toggle(self, index: int) -> None:
        """Switch blur on or off for one region."""
        self.regions[index].blur = not self.regions[index].blur
        self.update()
        self.changed.emit()

    def add_region(self, region: Region) -> None:
        """A rectangle the officer drew: blurred."""
        self.regions.append(ReviewRegion(Region(region.x, region.y, region.w, region.h, "manual"), "manual", True))
        self.update()
        self.changed.emit()

    def region_at(self, point: QPoint | QPointF) -> int | None:
        """The topmost region under ``point``."""
        for index in range(len(self.regions) - 1, -1, -1):
            if self.widget_rect(self.regions[index].region).contains(QPointF(point)):
                return index
        return None

    # events ---------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start drawing (or a click that toggles)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position().toPoint()
            self._drag_to = self._drag_from

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Rubber band while drawing."""
        if self._drag_from is not None:
            self._drag_to = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click toggles the region under it; a drag adds a region."""
        if self._drag_from is None:
            return
        start, end = self._drag_from, event.position().toPoint()
        self._drag_from = self._drag_to = None
        if (end - start).manhattanLength() < MIN_DRAWN_PX:
            index = self.region_at(end)
            if index is not None:
                self.toggle(index)
            self.update()
            return
        x0, y0 = self.image_point(start)
        x1, y1 = self.image_point(end)
        if abs(x1 - x0) >= 2 and abs(y1 - y0) >= 2:
            self.add_region(Region(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), "manual"))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The photo, then the regions: solid red when blurred, dashed grey when left sharp."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#20242b"))
        s, ox, oy = self._frame()
        if not self.image.isNull():
            target = QRectF(ox, oy, self.image.width() * s, self.image.height() * s)
            painter.drawImage(target, self.image)
        for item in self.regions:
            rect = self.widget_rect(item.region)
            if item.blur:
                painter.setPen(QPen(QColor("#ff3b30"), 3))
                painter.fillRect(rect, QColor(255, 59, 48, 60))
            else:
                painter.setPen(QPen(QColor("#d0d7de"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect)
            painter.setPen(QColor("#ffffff"))
            label = {"face": "face", "plate": "plate?", "manual": "drawn"}[item.kind]
            painter.drawText(rect.topLeft() + QPointF(4, 14), label + ("" if item.blur else " (sharp)"))
        if self._drag_from is not None and self._drag_to is not None:
            painter.setPen(QPen(QColor("#ffd60a"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(QRect(self._drag_from, self._drag_to).normalized())
        painter.end()


class PhotoReviewDialog(QDialog):
    """Review what will be blurred before the photo is used."""

    def __init__(self, original: bytes, photo: CleanPhoto, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review blurred areas"))
        self.setObjectName("photoReview")
        image = QImage.fromData(original)
        layout = QVBoxLayout(self)
        help_text = QLabel(
            self.tr(
                "Red boxes will be blurred. Click a box to leave it sharp (for example a face on a poster); "
                "drag across the photo to blur another area."
            ),
            self,
        )
        help_text.setWordWrap(True)
        layout.addWidget(help_text)
        self.canvas = PhotoReviewCanvas(image, initial_regions(photo), self)
        self.canvas.setMinimumSize(420, 300)
        layout.addWidget(self.canvas, 1)
        self.notes = QLabel("\n".join(photo.notes), self)
        self.notes.setObjectName("fieldHelp")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Blur these areas"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 600)

    def choices(self) -> tuple[tuple[Region, ...], tuple[Region, ...]]:
        """(add, keep) as chosen."""
        return choices(self.canvas.regions)
