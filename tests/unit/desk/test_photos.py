"""Safe photos on the reference images: faces found and blurred beyond detection, metadata gone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from desk.errors import ValidationFailed
from desk.photos import Region, clean_photo, detect, has_metadata, sharpness

# Variance of the Laplacian over the face region after blurring; the unblurred face measures in the hundreds.
SHARPNESS_AFTER_BLUR_MAX = 10.0
SECOND_CASCADES = ("haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_alt.xml")


@pytest.fixture(scope="module")
def astronaut(reference_dir: Path) -> bytes:
    return (reference_dir / "images" / "astronaut.png").read_bytes()


def _jpeg_with_gps(source: bytes) -> bytes:
    image = Image.open(io.BytesIO(source)).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (60.0, 10.0, 12.5), 3: "E", 4: (24.0, 56.0, 3.2)}  # Helsinki
    exif[0x8825] = gps
    exif[0x0112] = 6  # rotated: the phone was held sideways
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_the_astronaut_face_is_found(astronaut: bytes) -> None:
    found = detect(astronaut)
    assert len(found.faces) == 1
    face = found.faces[0]
    assert 150 < face.x < 220 and 40 < face.y < 110 and 70 < face.w < 130  # where her face is


def test_after_blurring_no_cascade_finds_it_and_no_detail_is_left(astronaut: bytes) -> None:
    face = detect(astronaut).faces[0]
    before = sharpness(astronaut, face)
    clean = clean_photo(astronaut)
    assert clean.blurred and all(r.overlaps(face) for r in clean.blurred)
    # Neither the detector used nor different cascades find anything where her face was.
    assert not [f for f in detect(clean.data).faces if f.overlaps(face)]
    for model in SECOND_CASCADES:
        assert not [f for f in detect(clean.data, faces=(model,)).faces if f.overlaps(face)], model
    after = sharpness(clean.data, face)
    assert before > 100 and after < SHARPNESS_AFTER_BLUR_MAX


def test_coffee_has_no_face(reference_dir: Path) -> None:
    assert detect((reference_dir / "images" / "coffee.png").read_bytes()).faces == ()


def test_gps_and_exif_are_stripped_and_rotation_applied(astronaut: bytes) -> None:
    phone_photo = _jpeg_with_gps(astronaut)
    assert has_metadata(phone_photo)
    clean = clean_photo(phone_photo)
    assert not has_metadata(clean.data)
    assert b"PhoneMaker" not in clean.data
    rotated = Image.open(io.BytesIO(clean.data))
    assert rotated.size == (512, 512)  # square, but orientation 6 was applied before stripping
    assert clean.mime_type == "image/jpeg"


def test_review_adds_and_removes_regions(astronaut: bytes) -> None:
    face = detect(astronaut).faces[0]
    kept = clean_photo(astronaut, keep=[face])
    assert kept.blurred == ()
    assert [
        f for f in detect(kept.data).faces if f.overlaps(face)
    ]  # the officer chose to keep it (e.g. a wanted poster)
    extra = Region(135, 345, 75, 75, "manual")  # the mission patch on her suit
    both = clean_photo(astronaut, add=[extra])
    assert len(both.blurred) == 2
    assert sharpness(both.data, extra) < SHARPNESS_AFTER_BLUR_MAX < sharpness(astronaut, extra)


def test_notes_ask_for_plates_and_state_the_smallest_face(astronaut: bytes) -> None:
    notes = " ".join(clean_photo(astronaut).notes)
    assert "plates" in notes and "smaller than 24 pixels" in notes


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "photos.unreadable"),
        (b"GIF89a-not-really", "photos.unreadable"),
        (b"BM" + b"\0" * 64, "photos.unreadable"),
    ],
)
def test_bad_files_get_clear_errors(data: bytes, code: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        clean_photo(data)
    assert info.value.code == code


def test_unsupported_formats_are_named(astronaut: bytes) -> None:
    out = io.BytesIO()
    Image.open(io.BytesIO(astronaut)).save(out, format="TIFF")
    with pytest.raises(ValidationFailed, match="TIFF"):
        clean_photo(out.getvalue())
