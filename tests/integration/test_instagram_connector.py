"""InstagramConnector against the running sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectors.instagram import CAPABILITIES, InstagramConnector
from connectors.transport import HttpSettings
from desk.ports import (
    AccountRef,
    AuthExpired,
    DirectMessageRequest,
    FeedColumnSpec,
    FeedKind,
    ItemKind,
    MediaUpload,
    Platform,
    PlatformConnector,
    PublishRequest,
    RateLimited,
    Rejected,
    Stream,
    Transient,
    Unconfirmed,
)
from tests.conftest import create_sandbox_account
from tests.integration.test_facebook_connector import FastClock

pytestmark = pytest.mark.sandbox
_names = itertools.count()


def make(sandbox: Any, admin: Any, *, timeout: float = 5.0, **creds: str) -> tuple[InstagramConnector, dict[str, Any]]:
    """A fresh Instagram account (with its Page) on the sandbox and a connector for it."""
    handle = f"igacc{next(_names)}_{int(time.time() * 1000) % 10**6}"
    acc = create_sandbox_account(admin, "instagram", handle, display_name="Harbour Police")
    ref = AccountRef(Platform.INSTAGRAM, handle, sandbox.base_url, f"instagram:{handle}")
    conn = InstagramConnector(
        ref, {**acc["credentials"], **creds}, clock=FastClock(), http=HttpSettings(timeout=timeout)
    )
    return conn, acc


def inject(admin: Any, acc: dict[str, Any], kind: str, text: str, author: str, **options: Any) -> str:
    """Have a citizen comment on, mention or message the account."""
    body = {"platform": "instagram", "account": acc["handle"], "kind": kind, "text": text, "author": {"handle": author}}
    r = admin.post("/_sandbox/inject", json={**body, **options})
    r.raise_for_status()
    return str(r.json()["id"])


@pytest.fixture(scope="module")
def photo(reference_dir: Path) -> bytes:
    """A real photo."""
    return (reference_dir / "images" / "coffee.png").read_bytes()


def post(conn: InstagramConnector, photo: bytes, caption: str, key: str) -> str:
    """Publish one photo and return the media id."""
    return conn.publish(
        PublishRequest(caption, key, media=(MediaUpload(photo, "image/png", "A cup"),))
    ).platform_post_id


def test_verify_and_capabilities(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    assert isinstance(conn, PlatformConnector)
    profile = conn.verify()
    assert profile.platform_account_id == acc["credentials"]["ig_user_id"] and profile.handle == acc["handle"]
    assert CAPABILITIES.needs_public_media_url and CAPABILITIES.requires_media and CAPABILITIES.text_limit == 2200


def test_publish_goes_through_the_page_photo_container_and_quota(
    sandbox: Any, sandbox_admin: Any, photo: bytes
) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    result = conn.publish(
        PublishRequest("Found property at the station", "p1", media=(MediaUpload(photo, "image/png", "A cup"),))
    )
    assert result.url and result.url.startswith("https://www.instagram.com/p/")
    media = [
        m
        for m in sandbox_admin.get("/_sandbox/media").json()["media"]
        if m["account_id"] in (acc["credentials"]["ig_user_id"], acc["credentials"]["page_id"])
    ]
    # once on the Page (unpublished, to get a URL), once fetched by Instagram from that URL; bytes unchanged
    assert len(media) == 2
    assert all(sandbox_admin.get(f"/_sandbox/media/{m['media_id']}").content == photo for m in media)
    assert [m["alt_text"] for m in media if m["platform"] == "instagram" and m["media_id"].startswith("ig")] == [
        "A cup"
    ]
    log = [e["path"] for e in sandbox_admin.get("/_sandbox/log").json()["requests"] if "/v21.0/" in e["path"]]
    assert any(p.endswith("/media_publish") for p in log)
    quota = {s.endpoint: s for s in conn.rate_limits()}["instagram:content_publishing"]
    assert (quota.limit, quota.remaining) == (50, 49)  # read before this post, less the post itself
    feed = conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS))
    assert [p.post_id for p in feed.posts] == [result.platform_post_id]
    assert feed.posts[0].text == "Found property at the station"


def test_a_fresh_quota_reading_is_not_read_again_before_each_post(
    sandbox: Any, sandbox_admin: Any, photo: bytes
) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    ig = acc["credentials"]["ig_user_id"]

    def quota_reads() -> int:
        log = sandbox_admin.get("/_sandbox/log").json()["requests"]
        return sum(1 for e in log if e["path"].endswith(f"{ig}/content_publishing_limit"))

    before = quota_reads()
    for n in range(3):
        post(conn, photo, f"Bike marking at the station, slot {n}", f"q{n}")
    assert quota_reads() == before + 1  # one reading covers the next posts while it is fresh
    quota = {s.endpoint: s for s in conn.rate_limits()}["instagram:content_publishing"]
    assert quota.remaining == 47
    # Near the quota's end every post reads it again: 44 used of 50 leaves less than the margin free.
    sandbox.state.platforms["graph"].published_at[ig] = [datetime.now(UTC)] * 44
    conn._quota = None
    post(conn, photo, "Bike marking, near the quota", "q3")
    reads = quota_reads()
    post(conn, photo, "Bike marking, last one", "q4")
    assert quota_reads() == reads + 1


def test_publish_refusals(sandbox: Any, sandbox_admin: Any, photo: bytes) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    with pytest.raises(Rejected, match="need a photo"):
        conn.publish(PublishRequest("Text only", "r1"))
    with pytest.raises(Rejected, match="2200"):
        conn.publish(PublishRequest("x" * 2201, "r2", media=(MediaUpload(photo, "image/png", "a"),)))
    sandbox.state.platforms["graph"].published_at[acc["credentials"]["ig_user_id"]] = [datetime.now(UTC)] * 50
    with pytest.raises(RateLimited) as info:
        post(conn, photo, "One too many", "r3")
    assert timedelta(hours=23) < info.value.until - datetime.now(UTC) <= timedelta(hours=24, minutes=1)
    sandbox.state.platforms["graph"].published_at[acc["credentials"]["ig_user_id"]] = []
    media_id = post(conn, photo, "Allowed again", "r4")
    with pytest.raises(Rejected, match="Instagram app"):
        conn.delete(media_id)


def test_comments_replies_and_mentions_sync_with_cursor(sandbox: Any, sandbox_admin: Any, photo: bytes) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    conn.verify()
    first = post(conn, photo, "First photo", "c1")
    second = post(conn, photo, "Second photo", "c2")
    base = datetime.now(UTC) - timedelta(hours=2)
    expected = []
    for i in range(5):
        when = (base + timedelta(minutes=i)).isoformat()
        target = first if i % 2 else second
        expected.append(
            inject(sandbox_admin, acc, "comment", f"comment {i}", f"fan{i}", reply_to=target, created_time=when)
        )
    mention = inject(
        sandbox_admin,
        acc,
        "mention",
        "thank you officers",
        "fan9",
        created_time=(base + timedelta(minutes=10)).isoformat(),
    )
    got: list[Any] = []
    cursor = None
    while True:
        page = conn.fetch_inbound(Stream.COMMENTS, cursor, limit=2)
        got.extend(page.records)
        cursor = page.cursor
        if not page.has_more:
            break
    assert [r.platform_item_id for r in got] == [*expected, mention]
    assert got[-1].kind == ItemKind.MENTION and "@" + acc["handle"] in got[-1].text
    assert got[0].author_handle == "fan0" and got[0].conversation_key == second
    # the force answers a comment; a citizen replies in the thread; both arrive after the cursor
    answer = conn.publish(PublishRequest("Thanks!", "c3", reply_to_id=expected[0]))
    reply = inject(sandbox_admin, acc, "reply", "you are welcome", "fan0", reply_to=expected[0])
    later = conn.fetch_inbound(Stream.COMMENTS, cursor, limit=10)
    by_id = {r.platform_item_id: r for r in later.records}
    assert set(by_id) == {answer.platform_post_id, reply}
    assert by_id[answer.platform_post_id].from_account
    assert by_id[reply].kind == ItemKind.REPLY and by_id[reply].in_reply_to_id == expected[0]
    mentions = conn.fetch_inbound(Stream.MENTIONS, None, limit=10)
    assert [r.platform_item_id for r in mentions.records] == [mention]
    conn.hide_reply(reply)
    hidden = sandbox_admin.get(
        f"/v21.0/{reply}", params={"fields": "hidden", "access_token": acc["credentials"]["access_token"]}
    ).json()
    assert hidden["hidden"] is True
    metrics = conn.fetch_metrics([first, second])
    assert (
        metrics[second].replies == 5 and metrics[first].replies == 2
    )  # odd comments on the first; even ones, the answer and the reply on the second


def test_direct_messages_and_window(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    inject(sandbox_admin, acc, "dm", "Someone is following me", "gina")
    page = conn.fetch_inbound(Stream.DIRECT, None)
    assert [(r.text, r.author_handle, r.kind) for r in page.records] == [
        ("Someone is following me", "gina", ItemKind.DIRECT)
    ]
    rec = page.records[0]
    sent = conn.send_direct_message(DirectMessageRequest(rec.conversation_key, rec.author_id, "Call 112 now.", "d1"))
    assert sent.platform_post_id
    assert [r.from_account for r in conn.fetch_inbound(Stream.DIRECT, page.cursor).records] == [True]
    inject(sandbox_admin, acc, "dm", "old", "hank", created_time=(datetime.now(UTC) - timedelta(days=2)).isoformat())
    hank = next(r for r in conn.fetch_inbound(Stream.DIRECT, None).records if r.author_handle == "hank")
    with pytest.raises(Rejected, match="window"):
        conn.send_direct_message(DirectMessageRequest(hank.conversation_key, hank.author_id, "Sorry", "d2"))
    with pytest.raises(Rejected, match="bytes"):
        conn.send_direct_message(DirectMessageRequest(rec.conversation_key, rec.author_id, "ä" * 501, "d3"))


def test_errors(sandbox: Any, sandbox_admin: Any, photo: bytes) -> None:
    bad, _ = make(sandbox, sandbox_admin, access_token="EAAGwrong")
    with pytest.raises(AuthExpired):
        bad.verify()
    conn, _ = make(sandbox, sandbox_admin, timeout=1.0)
    sandbox_admin.post("/_sandbox/faults", json={"burst_429": 1, "max_faults": 1, "paths": ["/v21.0/"]})
    with pytest.raises(RateLimited):
        conn.fetch_inbound(Stream.COMMENTS, None)
    sandbox_admin.post(
        "/_sandbox/faults",
        json={"timeout_rate": 1.0, "timeout_s": 2.5, "max_faults": 1, "paths": ["/v21.0/"]},
    )
    with pytest.raises(Transient):
        conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS))
    # a timeout on media_publish itself may have published: unconfirmed, never retried blindly
    sandbox_admin.post(
        "/_sandbox/faults",
        json={
            "timeout_rate": 1.0,
            "timeout_s": 2.5,
            "max_faults": 1,
            "paths": ["/v21.0/" + conn.ig_id + "/media_publish"],
        },
    )
    with pytest.raises(Unconfirmed):
        post(conn, photo, "Maybe published", "e1")
    sandbox_admin.delete("/_sandbox/faults")
    assert post(conn, photo, "Fine again", "e2")


def test_verify_reads_the_publishing_quota(sandbox: Any, sandbox_admin: Any) -> None:
    conn, _ = make(sandbox, sandbox_admin)
    assert conn.rate_limits() == []
    conn.verify()
    quota = {s.endpoint: s for s in conn.rate_limits()}["instagram:content_publishing"]
    assert (quota.limit, quota.remaining) == (50, 50)


def mp4(seed: int = 0) -> bytes:
    """Bytes that start like an MP4 file (the sandbox checks the container box, it does not decode video)."""
    return b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes([seed]) * 2048


def test_carousel_of_photos_and_a_video_is_one_post(sandbox: Any, sandbox_admin: Any, photo: bytes) -> None:
    from tests.integration.test_graph_shapes import GraphClient

    conn, acc = make(sandbox, sandbox_admin)
    ig, page = acc["credentials"]["ig_user_id"], acc["credentials"]["page_id"]
    items = (
        MediaUpload(photo, "image/png", "A cup on the counter"),
        MediaUpload(photo, "image/png", "The same cup, closer"),
        MediaUpload(mp4(1), "video/mp4", "Officers at the market"),
    )
    result = conn.publish(PublishRequest("Market day: our stand is at the square", "car1", media=items))
    client = GraphClient(sandbox.base_url, acc["credentials"]["access_token"])
    fields = "id,caption,media_type,children{id,media_type,media_url,thumbnail_url}"
    album = client.ok(client.get(result.platform_post_id, fields=fields))
    assert album["media_type"] == "CAROUSEL_ALBUM" and album["caption"] == "Market day: our stand is at the square"
    children = album["children"]["data"]
    assert [c["media_type"] for c in children] == ["IMAGE", "IMAGE", "VIDEO"]
    assert "thumbnail_url" in children[2] and "thumbnail_url" not in children[0]
    # The children are reached through the carousel; the profile lists one post and the quota counts one.
    listed = client.ok(client.get(f"{ig}/media", fields="id"))["data"]
    assert [m["id"] for m in listed] == [result.platform_post_id]
    limit = client.ok(client.get(f"{ig}/content_publishing_limit", fields="quota_usage"))
    assert limit["data"][0]["quota_usage"] == 1
    # Each item went to the Page unpublished (for a public URL) and Instagram fetched exactly those bytes.
    received = [m for m in sandbox_admin.get("/_sandbox/media").json()["media"] if m["account_id"] in (ig, page)]
    fetched = [m for m in received if m["platform"] == "instagram" and m["media_id"].startswith("ig")]
    assert sorted(m["alt_text"] or "" for m in fetched) == ["", "A cup on the counter", "The same cup, closer"]
    video = [m for m in fetched if m["mime_type"] == "video/mp4"]
    assert len(video) == 1 and sandbox_admin.get(f"/_sandbox/media/{video[0]['media_id']}").content == mp4(1)
    log = sandbox_admin.get("/_sandbox/log").json()["requests"]
    assert sum(e["path"].endswith(f"{ig}/media_publish") for e in log) == 1


def test_a_single_video_is_published_as_a_reel(sandbox: Any, sandbox_admin: Any) -> None:
    from tests.integration.test_graph_shapes import GraphClient

    conn, acc = make(sandbox, sandbox_admin)
    result = conn.publish(PublishRequest("How to lock a bike", "reel1", media=(MediaUpload(mp4(2), "video/mp4", ""),)))
    client = GraphClient(sandbox.base_url, acc["credentials"]["access_token"])
    media = client.ok(client.get(result.platform_post_id, fields="media_type,caption"))
    assert media == {"media_type": "VIDEO", "caption": "How to lock a bike", "id": result.platform_post_id}


def test_carousel_refusals_come_before_anything_is_sent(sandbox: Any, sandbox_admin: Any, photo: bytes) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    eleven = tuple(MediaUpload(photo, "image/png", f"photo {i}") for i in range(11))
    with pytest.raises(Rejected, match="at most 10"):
        conn.publish(PublishRequest("Too many", "c11", media=eleven))
    with pytest.raises(Rejected, match="MP4"):
        conn.publish(PublishRequest("GIF", "gif", media=(MediaUpload(b"GIF89a...", "image/gif", "a gif"),)))
    sent = [
        e
        for e in sandbox_admin.get("/_sandbox/log").json()["requests"]
        if e.get("account_id") in acc["credentials"].values()
    ]
    assert not [e for e in sent if e["method"] == "POST"]
