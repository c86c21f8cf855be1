"""Safe photos: EXIF and GPS always stripped, faces found and blurred, plates flagged for a person to check.

Detection runs on a downscaled copy of big photos; the smallest face that can be found at that scale is
reported so the officer knows what the detector could have missed. Blurring is strong enough that
neither the detector used nor a second, different cascade finds the face afterwards.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from desk.errors import ValidationFailed

# Detection runs on a copy no larger than this. 640 px keeps face detection and blur of a 12-megapixel
# photo near 200 ms on two cores; the price is the smallest findable face, stated in every result's notes.
DETECT_MAX_SIDE = 640
MIN_FACE_PX = 24  # the cascade's smallest window, in detection pixels
FRONTAL_MODEL = "haarcascade_frontalface_default.xml"
PROFILE_MODEL = "haarcascade_profileface.xml"
PLATE_MODEL = "haarcascade_russian_plate_number.xml"
# Scale steps between pyramid levels. The frontal pass keeps the fine 1.15 (a stretched 12 MP face was
# missed at 1.2); the profile pass costs twice as much per level, so it takes 1.2 and still runs in parallel.
SCALE_STEPS = {FRONTAL_MODEL: 1.15, PROFILE_MODEL: 1.2}
DEFAULT_SCALE_STEP = 1.15
PLATE_SCALE_STEP = 1.3  # plates are best effort (the shipped model is Russian): coarse steps
# The smallest face each pass looks for, in detection pixels. A cascade's cost is nearly all in its finest
# levels (cost ~ 1 / min size squared), so the side-view pass, a second net behind the frontal one, starts
# at bigger faces.
MIN_SIZES = {FRONTAL_MODEL: MIN_FACE_PX, PROFILE_MODEL: 32}
# How many overlapping hits make a face. A missed face is worse than a needless blur (the review step un-ticks
# it): the frontal pass takes 4, which still finds nothing in coffee.png at any size and keeps a face found at
# the box reduction's borderline sizes (the astronaut as a 1200 x 900 JPEG).
MIN_NEIGHBOURS = {FRONTAL_MODEL: 4, PROFILE_MODEL: 5}
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


# A classifier keeps scratch buffers while it scans, so each thread gets its own copy of each model.
_LOCAL = threading.local()
# OpenCV releases the GIL while a cascade scans: the frontal, profile and plate passes run side by side.
_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="photo-detect")


def cascade(name: str) -> object:
    """A cascade classifier from OpenCV's shipped models, cached per thread."""
    cache: dict[str, object] | None = getattr(_LOCAL, "cascades", None)
    if cache is None:
        cache = _LOCAL.cascades = {}
    if name not in cache:
        cache[name] = _cascade(name)
    return cache[name]


def _scan(
    model: str, grey: object, scale_step: float, min_neighbors: int, min_size: tuple[int, int]
) -> list[tuple[int, int, int, int]]:
    boxes = cascade(model).detectMultiScale(  # type: ignore[attr-defined]
        grey, scaleFactor=scale_step, minNeighbors=min_neighbors, minSize=min_size
    )
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h in boxes]


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


def detect(data: bytes, *, faces: Sequence[str] = (FRONTAL_MODEL,)) -> Detection:
    """Find faces (and, best effort, plates) on a downscaled grey copy of the photo."""
    image, _ = _open(data)
    return _detect(image, faces)


def _detection_copy(image: object) -> tuple[object, float]:
    """A small grey copy for the cascades and its scale.

    One integer box reduction (each detection pixel the mean of k x k photo pixels) makes the copy: it is the
    cheapest way down from 12 MP and a proper low-pass filter, so no resize pass follows. The copy's long
    side is at most ``DETECT_MAX_SIDE``."""
    import cv2
    import numpy as np
    from PIL import Image

    assert isinstance(image, Image.Image)
    width, height = image.size
    factor = max(1, math.ceil(max(width, height) / DETECT_MAX_SIDE))
    small = image.reduce(factor) if factor > 1 else image
    return cv2.equalizeHist(np.asarray(small.convert("L"))), small.size[0] / width


def _detect(image: object, face_models: Sequence[str]) -> Detection:
    from PIL import Image

    assert isinstance(image, Image.Image)
    width, height = image.size
    grey, scale = _detection_copy(image)
    face_jobs = [
        _POOL.submit(
            _scan,
            model,
            grey,
            SCALE_STEPS.get(model, DEFAULT_SCALE_STEP),
            MIN_NEIGHBOURS.get(model, 5),
            (MIN_SIZES.get(model, MIN_FACE_PX),) * 2,
        )
        for model in face_models
    ]
    plate_job = _POOL.submit(_scan, PLATE_MODEL, grey, PLATE_SCALE_STEP, 6, (40, 12))
    found: list[Region] = []
    for job in face_jobs:  # in model order, so the frontal box wins where two passes overlap
        for x, y, w, h in job.result():
            region = Region(int(x / scale), int(y / scale), int(w / scale), int(h / scale))
            if not any(region.overlaps(f) for f in found):
                found.append(region)
    plates = [
        Region(int(x / scale), int(y / scale), int(w / scale), int(h / scale), "plate")
        for x, y, w, h in plate_job.result()
    ]
    smallest = min(MIN_SIZES.get(model, MIN_FACE_PX) for model in face_models) if face_models else MIN_FACE_PX
    return Detection(width, height, tuple(found), tuple(plates), scale, round(smallest / scale))


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


def blur_regions(image: object, regions: Iterable[Region]) -> None:
    """Blur each region of a PIL image in place, touching only the regions' pixels (not a full-size copy)."""
    import numpy as np
    from PIL import Image

    assert isinstance(image, Image.Image)
    for region in regions:
        if region.w < 2 or region.h < 2:
            continue
        box = (region.x, region.y, region.x + region.w, region.y + region.h)
        patch = np.array(image.crop(box))
        _blur(patch, Region(0, 0, region.w, region.h))
        image.paste(Image.fromarray(patch), box)


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
    from PIL import Image

    image, fmt = _open(data)
    assert isinstance(image, Image.Image)
    detection = _detect(image, (FRONTAL_MODEL, PROFILE_MODEL))
    kept = list(keep)
    regions = [f for f in detection.faces if blur_faces and f not in kept] + list(add)
    # A new image with only the pixels: no info, no EXIF, no XMP, no ICC profile is carried over.
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB") if image.mode != "RGB" else image)
    blurred = [region.grown(0.2, detection.width, detection.height) for region in regions]
    blur_regions(clean, blurred)
    out = io.BytesIO()
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
