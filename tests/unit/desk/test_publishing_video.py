"""Composer validation of videos: wrong type, too big, too many, mixed with photos -> a clear message first."""

from __future__ import annotations

from typing import Any

import pytest

from desk.errors import ValidationFailed
from desk.media import MediaRef
from desk.ports import Capabilities, Platform, TextCounting
from desk.publishing import Draft, _check_media

CAPS = Capabilities(
    Platform.X,
    280,
    TextCounting.TWITTER_WEIGHTED,
    max_videos=1,
    video_max_bytes=10_000_000,
    video_types=("video/mp4",),
    images_with_video=False,
)
MP4 = MediaRef("a" * 64, "video/mp4", 9_000_000, "Officers at the open day")
JPEG = MediaRef("b" * 64, "image/jpeg", 100_000, "The station door")


def test_a_video_within_the_limits_passes() -> None:
    _check_media((MP4,), CAPS, "@police")


@pytest.mark.parametrize(
    ("media", "message"),
    [
        ((MediaRef("c" * 64, "video/quicktime", 1000, "clip"),), "does not take video/quicktime videos"),
        ((MediaRef("d" * 64, "video/mp4", 10_000_001, "clip"),), r"10\.0 MB; x takes at most 10\.0 MB"),
        ((MP4, MP4), r"at most 1 video"),
        ((MP4, JPEG), "photos and a video in the same post"),
    ],
)
def test_bad_videos_get_clear_messages(media: tuple[MediaRef, ...], message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        _check_media(media, CAPS, "@police")


def test_photos_with_a_video_pass_where_the_platform_allows_it() -> None:
    import dataclasses

    _check_media((MP4, JPEG), dataclasses.replace(CAPS, images_with_video=True), "@police")


def test_a_video_does_not_count_against_the_photo_limit() -> None:
    import dataclasses

    caps = dataclasses.replace(CAPS, max_images=1, images_with_video=True)
    _check_media((JPEG, MP4), caps, "@police")
    with pytest.raises(ValidationFailed, match="at most 1 photos"):
        _check_media((JPEG, JPEG), caps, "@police")


def test_an_oversized_video_is_refused_before_anything_is_queued(desk: Any) -> None:
    from sqlalchemy import func, select

    from desk.storage.models import OutboundItem

    x = desk.acc[Platform.X].id
    limit = desk.service.capabilities_for(Platform.X).video_max_bytes
    big = MediaRef("e" * 64, "video/mp4", limit + 1, "Officers at the open day")
    with desk.ctx.sessions() as s:
        before = s.scalar(select(func.count()).select_from(OutboundItem))
    with pytest.raises(ValidationFailed, match="A video is"):
        desk.service.create(desk.people["press"], Draft("Open day", (x,), media=(big,)))
    with desk.ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutboundItem)) == before
