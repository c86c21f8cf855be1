"""The blur review canvas: click a region to leave it sharp, drag to blur another area."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk.photos import Region
from ui.widgets.photo_review import PhotoReviewCanvas, ReviewRegion, choices


def canvas(qtbot: QtBot) -> PhotoReviewCanvas:
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    face = ReviewRegion(Region(20, 20, 60, 60), "face", True)
    plate = ReviewRegion(Region(300, 150, 80, 20), "plate", True)
    widget = PhotoReviewCanvas(image, [face, plate])
    qtbot.addWidget(widget)
    widget.resize(400, 200)  # scale 1: widget pixels are image pixels
    widget.show()
    return widget


def test_clicking_a_face_leaves_it_sharp_and_clicking_again_blurs_it(qtbot: QtBot) -> None:
    widget = canvas(qtbot)
    assert choices(widget.regions) == ((Region(300, 150, 80, 20),), ())
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert widget.regions[0].blur is False
    assert choices(widget.regions) == ((Region(300, 150, 80, 20),), (Region(20, 20, 60, 60),))
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert widget.regions[0].blur is True
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(340, 160))  # a possible plate, not a plate
    assert choices(widget.regions) == ((), ())


def test_dragging_draws_a_new_blurred_region_in_image_pixels(qtbot: QtBot) -> None:
    widget = canvas(qtbot)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(150, 40))
    QTest.mouseMove(widget, QPoint(200, 90))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(230, 120))
    assert len(widget.regions) == 3
    drawn = widget.regions[2]
    assert (drawn.kind, drawn.blur) == ("manual", True)
    assert (drawn.region.x, drawn.region.y, drawn.region.w, drawn.region.h) == (150, 40, 80, 80)
    add, keep = choices(widget.regions)
    assert drawn.region in add and keep == ()


def test_a_tiny_drag_is_a_click_not_a_region(qtbot: QtBot) -> None:
    widget = canvas(qtbot)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(150, 40))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(153, 42))
    assert len(widget.regions) == 2
