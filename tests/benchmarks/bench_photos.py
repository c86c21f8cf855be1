"""Face detection and blur on a 12-megapixel photo (target: ≤ 200 ms), and the whole clean-up with re-encoding."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from desk.photos import _blur, _detect, clean_photo

SIZE = (1200, 900) if os.environ.get("DESK_BENCH_SMALL") else (4000, 3000)  # 12 MP


@pytest.fixture(scope="module")
def photo(reference_dir: Path) -> Image.Image:
    image = Image.open(reference_dir / "images" / "astronaut.png").convert("RGB").resize(SIZE)
    return image


def test_detect_and_blur_12mp(benchmark: pytest.FixtureRequest, photo: Image.Image) -> None:
    import numpy as np

    models = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")

    def run() -> int:
        found = _detect(photo, models)
        array = np.array(photo)
        for face in found.faces:
            _blur(array, face.grown(0.2, found.width, found.height))
        return len(found.faces)

    faces = benchmark(run)  # type: ignore[operator]
    assert faces >= 1


def test_clean_photo_12mp_jpeg_end_to_end(benchmark: pytest.FixtureRequest, photo: Image.Image) -> None:
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=90)
    data = out.getvalue()
    clean = benchmark(clean_photo, data)  # type: ignore[operator]
    assert clean.blurred
