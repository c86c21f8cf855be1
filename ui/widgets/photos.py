"""Photos attached to a post or a patrol entry: cleaned off the GUI thread, reviewed, described."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.media import MediaRef, MediaStore
from desk.photos import CleanPhoto, Region, clean_photo
from ui.i18n import translate_message
from ui.messages import message_for
from ui.tasks import TaskRunner
from ui.widgets.photo_review import PhotoReviewDialog, ReviewRegion, choices, initial_regions

IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.webp *.gif)"


def clean(data: bytes, add: Sequence[Region] = (), keep: Sequence[Region] = ()) -> CleanPhoto:
    """Worker-side cleaning (the network lane: it is CPU work that must not hold the GUI)."""
    return clean_photo(data, add=add, keep=keep)


@dataclass
class Attachment:
    """One photo: the original (never stored), the cleaned result, the review choices and alt text."""

    name: str
    original: bytes
    photo: CleanPhoto | None = None
    regions: list[ReviewRegion] = field(default_factory=list)
    error: str | None = None
    row: AttachmentRow | None = None

    @property
    def alt_text(self) -> str:
        """What the officer wrote to describe the photo."""
        return self.row.alt.text().strip() if self.row is not None else ""


class AttachmentRow(QFrame):
    """Thumbnail, notes, alt text, review and remove."""

    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachment")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(96, 72)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.thumb)
        column = QVBoxLayout()
        self.title = QLabel(attachment.name, self)
        column.addWidget(self.title)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: cleaning has no steps to count
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setToolTip(self.tr("Removing metadata and blurring faces…"))
        column.addWidget(self.progress)
        self.notes = QLabel(self.tr("Removing metadata and blurring faces…"), self)
        self.notes.setObjectName("fieldHelp")
        self.notes.setWordWrap(True)
        column.addWidget(self.notes)
        self.alt = QLineEdit(self)
        self.alt.setPlaceholderText(self.tr("Alt text (required): describe the photo for screen readers"))
        self.alt.setAccessibleName(self.tr("Alt text"))
        column.addWidget(self.alt)
        buttons = QHBoxLayout()
        self.review = QPushButton(self.tr("Review blur…"), self)
        self.review.setEnabled(False)
        self.remove = QPushButton(self.tr("Remove"), self)
        buttons.addWidget(self.review)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        layout.addLayout(column, 1)

    def show_cleaned(self, attachment: Attachment) -> None:
        """The cleaned photo and what the officer must know about it."""
        self.progress.hide()
        if attachment.error is not None:
            self.notes.setText(attachment.error)
            self.notes.setObjectName("fieldError")
            self.notes.setStyleSheet("color: #d1242f; font-weight: 600;")
            return
        photo = attachment.photo
        assert photo is not None
        image = QImage.fromData(photo.data)
        self.thumb.setPixmap(
            QPixmap.fromImage(image).scaled(
                96, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        blurred = len(photo.blurred)
        summary = self.tr("%n area(s) blurred, metadata removed.", "", blurred)
        self.notes.setText(
            summary
            + "\n"
            + self.tr("Smallest face that can be found: {px} px.").format(px=photo.detection.smallest_face_px)
            + "\n"
            + "\n".join(n for n in photo.notes if not n.startswith("Faces smaller"))
        )
        self.review.setEnabled(True)


class PhotoAttachments(QWidget):
    """Add photos: each is cleaned on the runner's parallel lane, then reviewed and described."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *, max_photos: int = 4) -> None:
        super().__init__(parent)
        self.runner = runner
        self.max_photos = max_photos
        self.items: list[Attachment] = []
        self.open_review: Callable[[PhotoReviewDialog], int] = lambda dialog: dialog.exec()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add photo…"), self)
        self.add_button.clicked.connect(self.choose_files)
        head.addWidget(self.add_button)
        self.hint = QLabel(self.tr("Faces are blurred and location data removed before anything is saved."), self)
        self.hint.setObjectName("fieldHelp")
        self.hint.setWordWrap(True)
        head.addWidget(self.hint, 1)
        layout.addLayout(head)
        self.rows = QVBoxLayout()
        layout.addLayout(self.rows)

    def choose_files(self) -> None:
        """Ask for image files."""
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add photos"), "", self.tr(IMAGE_FILTER))
        for path in paths:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> Attachment:
        """Read ``path`` and clean it."""
        return self.add_bytes(path.read_bytes(), path.name)

    def add_bytes(self, data: bytes, name: str) -> Attachment:
        """Clean ``data`` in the background; the row shows progress until it is done."""
        item = Attachment(name, data)
        item.row = AttachmentRow(item, self)
        item.row.review.clicked.connect(lambda: self.review(item))
        item.row.remove.clicked.connect(lambda: self.remove(item))
        item.row.alt.textChanged.connect(lambda _t: self.changed.emit())
        self.rows.addWidget(item.row)
        self.items.append(item)
        self._reclean(item, first=True)
        self.add_button.setEnabled(len(self.items) < self.max_photos)
        self.changed.emit()
        return item

    def _reclean(self, item: Attachment, *, first: bool = False) -> None:
        add, keep = choices(item.regions)
        if item.row is not None:
            item.row.progress.show()
            item.row.review.setEnabled(False)

        def done(photo: CleanPhoto) -> None:
            item.photo = photo
            item.error = None
            if first:
                item.regions = initial_regions(photo)
                plates = tuple(r.region for r in item.regions if r.kind == "plate")
                if plates:  # possible plates are blurred unless the officer says otherwise
                    self._reclean(item)
                    return
            if item.row is not None:
                item.row.show_cleaned(item)
            self.changed.emit()

        def failed(exc: BaseException) -> bool:
            message = message_for(exc)
            if message is None:
                return False  # a bug: the crash dialog
            item.error = translate_message(message)
            if item.row is not None:
                item.row.show_cleaned(item)
            self.changed.emit()
            return True

        self.runner.run_parallel(clean, item.original, add, keep, on_done=done, on_error=failed, name="clean photo")

    def review(self, item: Attachment) -> None:
        """Open the blur review; on OK, clean again with the officer's choices."""
        if item.photo is None:
            return
        dialog = PhotoReviewDialog(item.original, item.photo, self)
        dialog.canvas.regions = [ReviewRegion(r.region, r.kind, r.blur) for r in item.regions]
        if self.open_review(dialog):
            item.regions = dialog.canvas.regions
            self._reclean(item)

    def remove(self, item: Attachment) -> None:
        """Drop a photo."""
        self.items.remove(item)
        if item.row is not None:
            item.row.deleteLater()
        self.add_button.setEnabled(len(self.items) < self.max_photos)
        self.changed.emit()

    def clear(self) -> None:
        """Drop every photo (after the post was saved)."""
        for item in list(self.items):
            self.remove(item)

    def problems(self) -> list[str]:
        """Why the photos cannot be used yet (empty when they can)."""
        out = []
        for item in self.items:
            if item.error is not None:
                out.append(self.tr("{name}: {error}").format(name=item.name, error=item.error))
            elif item.photo is None:
                out.append(self.tr("{name} is still being cleaned.").format(name=item.name))
            elif not item.alt_text:
                out.append(self.tr("{name} needs alt text.").format(name=item.name))
        return out

    def ready(self) -> list[tuple[CleanPhoto, str]]:
        """(cleaned photo, alt text) for each photo; call only when :meth:`problems` is empty."""
        return [(item.photo, item.alt_text) for item in self.items if item.photo is not None]


def store_photos(store: MediaStore, photos: Sequence[tuple[CleanPhoto, str]]) -> tuple[MediaRef, ...]:
    """Keep cleaned photos in the media store (worker side)."""
    return tuple(store.put(photo, alt) for photo, alt in photos)
