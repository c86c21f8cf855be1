"""Safe photos: EXIF and GPS always stripped, faces found and blurred, plates flagged for a person to check.

Detection runs on a downscaled copy of big photos; the smallest face that can be found at that scale is
reported so the officer knows what the detector could have missed. Blurring is strong enough that
neither the detector used nor a second, different cascade finds the face afterwards.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desk.errors import ValidationFailed

DETECT_MAX_SIDE = 800  # detection runs on a copy no larger than this
MIN_FACE_PX = 24  # the cascade's smallest window, in detection pixels
ACCEPTED_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
MAX_PIXELS = 60_000_000  # refuse decompression bombs with a clear message


@dataclass(frozen=True)
class Region:
    """A rectangle in the original image's pixels."""

    x: int
    y: int
    w: int
    h: int
    source: str = "detected"  # detected, manual

    def grown(self, factor: float, width: int, height: int) -> Region:
        """The region grown by ``factor`` on every side, clipped to the image."""
        dx, dy = int(self.w * factor), int(self.h * factor)
        x0, y0 = max(0, self.x - dx), max(0, self.y - dy)
        x1, y1 = min(width, self.x + self.w + dx), min(height, self.y + self.h + dy)
        return Region(x0, y0, x1 - x0, y1 - y0, self.source)

    def overlaps(self, other: Region) -> bool:
        """Whether two regions intersect."""
        return not (
            self.x + self.w <= other.x
            or other.x + other.w <= self.x
            or self.y + self.h <= other.y
            or other.y + other.h <= self.y
        )


@dataclass(frozen=True)
class Detection:
    """What the detectors found in a photo."""

    width: int
    height: int
    faces: tuple[Region, ...]
    plates: tuple[Region, ...]
    scale: float  # detection copy / original
    smallest_face_px: int  # in original pixels: smaller faces cannot be found at this scale


@dataclass(frozen=True)
class CleanPhoto:
    """A photo ready to upload: re-encoded without metadata, with the chosen regions blurred."""

    data: bytes
    mime_type: str
    width: int
    height: int
    blurred: tuple[Region, ...]
    detection: Detection
    notes: tuple[str, ...] = field(default_factory=tuple)


def _cascade(name: str) -> object:
    import cv2

    classifier = cv2.CascadeClassifier(str(cv2.data.haarcascades) + name)  # type: ignore[attr-defined]
    if classifier.empty():
        raise RuntimeError(f"the OpenCV cascade {name} could not be loaded")
    return classifier


_CASCADES: dict[str, object] = {}


def cascade(name: str) -> object:
    """A cached cascade classifier from OpenCV's shipped models."""
    if name not in _CASCADES:
        _CASCADES[name] = _cascade(name)
    return _CASCADES[name]


def _open(data: bytes) -> tuple[object, str]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        fmt = str(image.format or "")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationFailed(
            "photos.unreadable", "This file is not a photo the desk can read ({detail}).", detail=str(exc)[:120]
        ) from exc
    if fmt not in ACCEPTED_TYPES:
        raise ValidationFailed(
            "photos.unsupported", "{fmt} images are not supported: use JPEG or PNG.", fmt=fmt or "This kind of"
        )
    # Phone photos store their rotation in EXIF: apply it before the metadata is dropped.
    return ImageOps.exif_transpose(image), fmt


def detect(data: bytes, *, faces: Sequence[str] = ("haarcascade_frontalface_default.xml",)) -> Detection:
    """Find faces (and, best effort, plates) on a downscaled grey copy of the photo."""
    image, _ = _open(data)
    return _detect(image, faces)


def _detect(image: object, face_models: Sequence[str]) -> Detection:
    import cv2
    import numpy as np
    from PIL import Image

    assert isinstance(image, Image.Image)
    width, height = image.size
    scale = min(1.0, DETECT_MAX_SIDE / max(width, height))
    small = image.convert("L")
    if scale < 1.0:
        small = small.resize((max(1, int(width * scale)), max(1, int(height * scale))), Image.Resampling.BILINEAR)
    grey = cv2.equalizeHist(np.asarray(small))
    found: list[Region] = []
    for model in face_models:
        boxes = cascade(model).detectMultiScale(  # type: ignore[attr-defined]
            grey, scaleFactor=1.15, minNeighbors=5, minSize=(MIN_FACE_PX, MIN_FACE_PX)
        )
        for x, y, w, h in boxes:
            region = Region(int(x / scale), int(y / scale), int(w / scale), int(h / scale))
            if not any(region.overlaps(f) for f in found):
                found.append(region)
    plates = [
        Region(int(x / scale), int(y / scale), int(w / scale), int(h / scale), "plate")
        for x, y, w, h in cascade("haarcascade_russian_plate_number.xml").detectMultiScale(  # type: ignore[attr-defined]
            grey, scaleFactor=1.1, minNeighbors=6, minSize=(40, 12)
        )
    ]
    return Detection(width, height, tuple(found), tuple(plates), scale, round(MIN_FACE_PX / scale))


def _blur(array: object, region: Region) -> None:
    """Pixelate then blur the region in place: nothing of the face's structure survives."""
    import cv2
    import numpy as np

    assert isinstance(array, np.ndarray)
    x, y, w, h = region.x, region.y, region.w, region.h
    if w < 2 or h < 2:
        return
    patch = array[y : y + h, x : x + w]
    # Average down to a 3x3 grid (no eyes, nose or mouth survive), then blur with a kernel as wide as the
    # region so the grid's edges do not form a face-like pattern either.
    # Blurring happens at 32x32 and is scaled up: the same result as a face-wide kernel, at no cost.
    tiny = cv2.resize(patch, (3, 3), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(cv2.resize(tiny, (32, 32), interpolation=cv2.INTER_LINEAR), (33, 33), 0)
    array[y : y + h, x : x + w] = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def clean_photo(
    data: bytes,
    *,
    blur_faces: bool = True,
    add: Iterable[Region] = (),
    keep: Iterable[Region] = (),
    quality: int = 90,
) -> CleanPhoto:
    """Strip every piece of metadata (EXIF, GPS, XMP), blur detected faces plus ``add`` minus ``keep``.

    ``keep`` lists detected regions the officer unticked in the review step (e.g. a poster's face)."""
    import numpy as np
    from PIL import Image

    image, fmt = _open(data)
    assert isinstance(image, Image.Image)
    detection = _detect(image, ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml"))
    kept = list(keep)
    regions = [f for f in detection.faces if blur_faces and f not in kept] + list(add)
    rgb = image.convert("RGB")
    array = np.array(rgb)
    blurred: list[Region] = []
    for region in regions:
        grown = region.grown(0.2, detection.width, detection.height)
        _blur(array, grown)
        blurred.append(grown)
    out = io.BytesIO()
    clean = Image.fromarray(array)  # a new image: no info, no EXIF, no XMP carried over
    if fmt == "PNG":
        clean.save(out, format="PNG", optimize=False)
        mime = "image/png"
    else:
        clean.save(out, format="JPEG", quality=quality, optimize=False)
        mime = "image/jpeg"
    notes = ["Check the photo for vehicle plates and other details: plate detection is best effort."]
    if detection.plates:
        notes.append(f"{len(detection.plates)} possible plate(s) were found: review them.")
    notes.append(f"Faces smaller than {detection.smallest_face_px} pixels cannot be found in a photo this size.")
    return CleanPhoto(out.getvalue(), mime, detection.width, detection.height, tuple(blurred), detection, tuple(notes))


def has_metadata(data: bytes) -> bool:
    """Whether the bytes carry EXIF (GPS included) or XMP metadata."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(len(exif)) or "xmp" in image.info or "XML:com.adobe.xmp" in image.info or "exif" in image.info


def sharpness(data: bytes, region: Region) -> float:
    """Variance of the Laplacian over a region: low means no detail is left."""
    import cv2
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        grey = np.asarray(image.convert("L"))
    patch = grey[region.y : region.y + region.h, region.x : region.x + region.w]
    return float(cv2.Laplacian(patch, cv2.CV_64F).var())
