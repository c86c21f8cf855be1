"""Done when: a patrol-log entry with a photo of a person publishes with the face blurred and no GPS in the bytes
the sandbox received. Checked on the sandbox's side: the stored uploads are read back through its admin API and
run through the face detectors and an EXIF read, for every platform that took the photo."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from connectors.registry import capabilities_for, connector_for
from desk.accounts import AccountRecord, AccountService
from desk.auth import AuthService
from desk.clock import SystemClock
from desk.context import open_desk
from desk.media import MediaStore
from desk.patrol import PatrolLog, PatrolMode
from desk.photos import FRONTAL_MODEL, PROFILE_MODEL, clean_photo, detect, has_metadata
from desk.ports import Platform
from desk.publishing import ConnectorPool, Publisher, PublishingService
from desk.redaction import PrivacyGuard
from desk.roles import Role
from desk.secrets import InMemorySecretStore
from desk.storage.models import DeliveryState
from tests.conftest import create_sandbox_account

PW = "correct horse battery"
# Every platform whose sandbox keeps uploaded photos (Instagram's copy travels through the Facebook Page).
PLATFORMS = (Platform.X, Platform.FACEBOOK, Platform.INSTAGRAM, Platform.MASTODON, Platform.BLUESKY)
OTHER_DETECTORS = ("haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_alt.xml")


def _phone_photo(reference_dir: Path) -> bytes:
    """The astronaut's portrait as a phone would save it: JPEG with the maker and a GPS position (Helsinki)."""
    image = Image.open(reference_dir / "images" / "astronaut.png").convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (60.0, 10.0, 12.5), 3: "E", 4: (24.0, 56.0, 3.2)}
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def _gps(data: bytes) -> dict[int, Any]:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(0x8825))


@pytest.fixture
def desk(tmp_path: Path, sandbox: Any, sandbox_admin: Any) -> Iterator[Any]:
    ctx = open_desk(
        f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        SystemClock(),
        InMemorySecretStore(),
        workstation="patrol",
        data_dir=tmp_path,
        demo=True,
    )
    try:
        auth = AuthService(ctx)
        boss = auth.create_first_administrator("admin", "Aino Admin", PW)
        officer = auth.add_user(boss, "olli", "Olli Officer", PW, [Role.OFFICER])
        supervisor = auth.add_user(boss, "sari", "Sari Supervisor", PW, [Role.SUPERVISOR])
        service = AccountService(ctx)
        accounts: dict[Platform, AccountRecord] = {}
        for platform in PLATFORMS:
            handle = f"patrol{id(ctx) % 100000}" + (".bsky.social" if platform is Platform.BLUESKY else "")
            made = create_sandbox_account(sandbox_admin, platform.value, handle, display_name="Kallio Patrol")
            creds = {str(k): str(v) for k, v in made["credentials"].items()}
            accounts[platform] = service.ensure_demo_account(
                platform, handle, "Kallio Patrol", sandbox.base_url, creds, str(made["account_id"])
            )
        pool = ConnectorPool(service, lambda r, c: connector_for(r.ref(), c, clock=ctx.clock))
        media = MediaStore(tmp_path / "media")
        publishing = PublishingService(ctx, PrivacyGuard(), capabilities_for)
        yield type(
            "PatrolDesk",
            (),
            {
                "ctx": ctx,
                "officer": officer,
                "supervisor": supervisor,
                "accounts": accounts,
                "media": media,
                "publishing": publishing,
                "publisher": Publisher(ctx, pool, media=media),
            },
        )
    finally:
        ctx.dispose()


def test_a_patrol_photo_reaches_every_platform_blurred_and_without_gps(
    desk: Any, sandbox_admin: httpx.Client, reference_dir: Path
) -> None:
    original = _phone_photo(reference_dir)
    face = detect(original).faces[0]  # the detector finds her face in what the phone took
    assert _gps(original) and has_metadata(original)
    before = {m["media_id"] for m in sandbox_admin.get("/_sandbox/media").json()["media"]}

    # The officer's flow: the photo is cleaned when attached (the only bytes the media store ever keeps).
    ref = desk.media.put(clean_photo(original), "Our colleague at the Kallio station door")
    log = PatrolLog(desk.ctx, desk.publishing)
    shift = log.start_shift(
        desk.officer, "Evening patrol, Kallio", tuple(a.id for a in desk.accounts.values()), mode=PatrolMode.LIVE
    )
    entry = log.add_entry(desk.officer, shift, "Met residents at the station door, all calm.", media=(ref,))
    assert entry.outbound_id is not None
    desk.publishing.approve(desk.supervisor, entry.outbound_id)
    outcomes = desk.publisher.run_due()
    assert sorted(o.state.value for o in outcomes) == [DeliveryState.PUBLISHED.value] * len(PLATFORMS), outcomes

    uploads = [m for m in sandbox_admin.get("/_sandbox/media").json()["media"] if m["media_id"] not in before]
    ours = {str(a.platform_account_id) for a in desk.accounts.values()}
    # Facebook and Instagram photos are stored under the Page: match by what the desk's accounts own.
    page_ids = {
        str(creds)
        for a in desk.accounts.values()
        if a.platform in (Platform.FACEBOOK, Platform.INSTAGRAM)
        for creds in [AccountService(desk.ctx).credentials(a).get("page_id")]
        if creds
    }
    uploads = [m for m in uploads if str(m["account_id"]) in ours | page_ids]
    platforms_seen = {m["platform"] for m in uploads}
    assert len(uploads) >= len(PLATFORMS) and {"x", "mastodon", "bluesky", "instagram"} <= platforms_seen, uploads
    for upload in uploads:
        data = sandbox_admin.get(f"/_sandbox/media/{upload['media_id']}").content
        where = upload["platform"]
        assert not has_metadata(data), where
        assert not _gps(data), where
        assert b"PhoneMaker" not in data, where
        assert Image.open(io.BytesIO(data)).size == (512, 512), where
        for models in ((FRONTAL_MODEL,), (PROFILE_MODEL,), *((m,) for m in OTHER_DETECTORS)):
            found = [f for f in detect(data, faces=models).faces if f.overlaps(face)]
            assert not found, (where, models)
