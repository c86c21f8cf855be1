"""FacebookConnector against the running sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectors.facebook import CAPABILITIES, FacebookConnector
from connectors.transport import HttpSettings
from desk.clock import SystemClock
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

pytestmark = pytest.mark.sandbox
_names = itertools.count()


class FastClock(SystemClock):
    """Real time, but long waits (container status polls) are cut short so tests stay fast; short pacing
    waits stay real, because the sandbox counts them in real time too."""

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds if seconds <= 0.6 else 0.01)


def make(sandbox: Any, admin: Any, *, timeout: float = 5.0, **creds: str) -> tuple[FacebookConnector, dict[str, Any]]:
    """A fresh Page on the sandbox and a connector for it."""
    handle = f"fbpage{next(_names)}_{int(time.time() * 1000) % 10**6}"
    acc = create_sandbox_account(admin, "facebook", handle, display_name="Harbour Police")
    ref = AccountRef(Platform.FACEBOOK, handle, sandbox.base_url, f"facebook:{handle}")
    conn = FacebookConnector(
        ref, {**acc["credentials"], **creds}, clock=FastClock(), http=HttpSettings(timeout=timeout)
    )
    return conn, acc


def inject(admin: Any, acc: dict[str, Any], kind: str, text: str, author: str, **options: Any) -> str:
    """Have a citizen comment or message the Page."""
    body = {"platform": "facebook", "account": acc["handle"], "kind": kind, "text": text, "author": {"handle": author}}
    r = admin.post("/_sandbox/inject", json={**body, **options})
    r.raise_for_status()
    return str(r.json()["id"])


def test_is_a_platform_connector_and_verifies(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    assert isinstance(conn, PlatformConnector)
    profile = conn.verify()
    assert profile.platform_account_id == acc["credentials"]["page_id"]
    assert profile.display_name == "Harbour Police"
    assert conn.capabilities.text_limit == 63_206 and CAPABILITIES.dm_window_hours == 24


def test_comment_sync_pages_oldest_first_and_resumes_from_a_stored_cursor(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    first = conn.publish(PublishRequest("Road closed on Main Street", "k1"))
    second = conn.publish(PublishRequest("Lost dog found", "k2"))
    base = datetime.now(UTC) - timedelta(hours=1)
    expected = []
    for i in range(7):
        target = first if i % 2 else second
        when = (base + timedelta(minutes=i)).isoformat()
        expected.append(
            inject(
                sandbox_admin,
                acc,
                "comment",
                f"comment {i}",
                f"c{i}",
                reply_to=target.platform_post_id,
                created_time=when,
            )
        )
    got: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = conn.fetch_inbound(Stream.COMMENTS, cursor, limit=3)
        got.extend(r.platform_item_id for r in page.records)
        cursor = page.cursor
        pages += 1
        if not page.has_more:
            break
    assert got == expected  # oldest first across both posts, nothing twice
    assert pages == 3
    rec = conn.fetch_inbound(Stream.COMMENTS, None, limit=1).records[0]
    assert rec.kind == ItemKind.COMMENT and rec.text == "comment 0" and rec.author_name == "c0"
    assert rec.conversation_key == second.platform_post_id
    # a reply to a comment arrives later; a new connector (no memory) resumes from the stored cursor
    reply = inject(sandbox_admin, acc, "reply", "answer me", "c9", reply_to=expected[0])
    fresh, _ = make(sandbox, sandbox_admin)
    fresh.page_id = conn.page_id
    fresh.session = conn.session
    later = fresh.fetch_inbound(Stream.COMMENTS, cursor, limit=10)
    # With no memory of what it handed out, it first hands the recent comments out again (the desk compares
    # their texts to catch edits made meanwhile), then the new reply.
    assert [r.platform_item_id for r in later.records] == [*expected, reply]
    assert [r.text for r in later.records[:-1]] == [f"comment {i}" for i in range(7)]
    assert later.records[-1].kind == ItemKind.REPLY and later.records[-1].in_reply_to_id == expected[0]
    assert later.records[-1].conversation_key == second.platform_post_id
    assert fresh.fetch_inbound(Stream.COMMENTS, later.cursor, limit=10).records == ()


def test_direct_messages_and_replies_inside_the_window(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    inject(sandbox_admin, acc, "dm", "My bike was stolen", "anna", attachment_url=f"{sandbox.base_url}/fbcdn/bike.jpg")
    inject(sandbox_admin, acc, "dm", "Noise on Elm Street", "ben")
    page = conn.fetch_inbound(Stream.DIRECT, None, limit=10)
    assert [r.text for r in page.records] == ["My bike was stolen", "Noise on Elm Street"]
    anna = page.records[0]
    assert anna.kind == ItemKind.DIRECT and anna.author_name == "anna" and not anna.from_account
    assert anna.attachments and anna.attachments[0].url.endswith("/fbcdn/bike.jpg")
    sent = conn.send_direct_message(
        DirectMessageRequest(anna.conversation_key, anna.author_id, "Please file a report at the station.", "d1")
    )
    assert sent.platform_post_id.startswith("m_")
    after = conn.fetch_inbound(Stream.DIRECT, page.cursor, limit=10)
    assert [(r.text, r.from_account) for r in after.records] == [("Please file a report at the station.", True)]


def test_direct_message_outside_the_window_is_rejected_with_advice(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    old = (datetime.now(UTC) - timedelta(hours=25)).isoformat()
    inject(sandbox_admin, acc, "dm", "hello?", "carl", created_time=old)
    rec = conn.fetch_inbound(Stream.DIRECT, None).records[0]
    with pytest.raises(Rejected) as info:
        conn.send_direct_message(DirectMessageRequest(rec.conversation_key, rec.author_id, "Sorry for the wait", "d"))
    assert "24 hours" in info.value.message and "Answer publicly" in info.value.message
    assert info.value.platform_code == "10/2018278"
    # an app approved for the human-agent tag may answer for 7 days
    agent, _ = make(sandbox, sandbox_admin, human_agent="true")
    agent.session = conn.session
    agent.page_id = conn.page_id
    assert agent.send_direct_message(DirectMessageRequest(rec.conversation_key, rec.author_id, "Sorry", "d2"))
    very_old = (datetime.now(UTC) - timedelta(days=8)).isoformat()
    inject(sandbox_admin, acc, "dm", "anyone?", "dora", created_time=very_old)
    dora = next(r for r in conn.fetch_inbound(Stream.DIRECT, None).records if r.author_name == "dora")
    with pytest.raises(Rejected):
        agent.send_direct_message(DirectMessageRequest(dora.conversation_key, dora.author_id, "Sorry", "d3"))


def test_feed_publish_reply_photo_metrics_hide_and_delete(
    sandbox: Any, sandbox_admin: Any, reference_dir: Path
) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    photo = (reference_dir / "images" / "coffee.png").read_bytes()
    text_post = conn.publish(PublishRequest("Patrol log: quiet night", "p1"))
    with_photo = conn.publish(
        PublishRequest("Found: a coffee cup", "p2", media=(MediaUpload(photo, "image/png", "A white cup of coffee"),))
    )
    two = conn.publish(
        PublishRequest(
            "Two photos",
            "p3",
            media=(MediaUpload(photo, "image/png", "first"), MediaUpload(photo, "image/png", "second")),
        )
    )
    uploaded = [m for m in sandbox_admin.get("/_sandbox/media").json()["media"] if m["account_id"] == conn.page_id]
    assert sorted(m["alt_text"] for m in uploaded) == ["A white cup of coffee", "first", "second"]
    stored = sandbox_admin.get(f"/_sandbox/media/{uploaded[0]['media_id']}").content
    assert stored == photo  # the bytes arrive exactly as the desk sent them
    comment = inject(sandbox_admin, acc, "comment", "Is that my cup?", "erin", reply_to=text_post.platform_post_id)
    reply = conn.publish(PublishRequest("Come to the front desk.", "p4", reply_to_id=comment))
    assert reply.platform_post_id != comment
    feed = conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), limit=2)
    assert [p.post_id for p in feed.posts] == [two.platform_post_id, with_photo.platform_post_id]
    older = conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), cursor=feed.cursor, limit=2)
    assert [p.post_id for p in older.posts] == [text_post.platform_post_id]
    assert older.posts[0].metrics.replies == 1 and older.cursor is None
    metrics = conn.fetch_metrics([text_post.platform_post_id, with_photo.platform_post_id])
    assert metrics[text_post.platform_post_id].replies == 1
    assert metrics[with_photo.platform_post_id].replies == 0
    conn.hide_reply(comment)
    hidden = sandbox_admin.get(
        f"/v21.0/{comment}", params={"fields": "is_hidden", "access_token": acc["credentials"]["access_token"]}
    ).json()
    assert hidden["is_hidden"] is True
    conn.delete(text_post.platform_post_id)
    remaining = conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), limit=10)
    assert text_post.platform_post_id not in [p.post_id for p in remaining.posts]
    found = conn.find_published("p2", "Two photos", datetime.now(UTC) - timedelta(minutes=5))
    assert found is not None and found.platform_post_id == two.platform_post_id
    with pytest.raises(Rejected):
        conn.fetch_feed(FeedColumnSpec(FeedKind.HOME))


def test_refusals_reach_the_officer_as_rejected(sandbox: Any, sandbox_admin: Any) -> None:
    conn, _ = make(sandbox, sandbox_admin)
    with pytest.raises(Rejected, match="63206"):
        conn.publish(PublishRequest("x" * 63_207, "r1"))
    conn.publish(PublishRequest("Same words", "r2"))
    with pytest.raises(Rejected) as dup:
        conn.publish(PublishRequest("Same words", "r3"))
    assert dup.value.platform_code == "506" and "duplicate" in dup.value.message
    sandbox.state.platforms["graph"].block(conn.page_id)
    try:
        with pytest.raises(Rejected) as blocked:
            conn.publish(PublishRequest("Another post", "r4"))
        assert blocked.value.platform_code == "368"
    finally:
        sandbox.state.platforms["graph"].block(conn.page_id, False)


def test_wrong_and_revoked_tokens_raise_auth_expired(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin, access_token="EAAGnot-a-real-token")
    with pytest.raises(AuthExpired, match="Reconnect"):
        conn.verify()
    good, acc = make(sandbox, sandbox_admin)
    good.verify()
    sandbox_admin.post("/_sandbox/revoke", json={"token": acc["credentials"]["access_token"]}).raise_for_status()
    with pytest.raises(AuthExpired):
        good.fetch_inbound(Stream.COMMENTS, None)


def test_throttling_raises_rate_limited_with_until(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    conn.verify()
    assert {s.endpoint for s in conn.rate_limits()} >= {"graph:app", "graph:buc:pages"}
    sandbox_admin.post("/_sandbox/faults", json={"burst_429": 1, "max_faults": 1, "paths": ["/v21.0/"]})
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as info:
        conn.verify()
    # code 4 without a usage estimate: the connector's default back-off of ten minutes
    assert before + timedelta(minutes=9) < info.value.until < datetime.now(UTC) + timedelta(minutes=11)
    # the Page's business-use-case budget used up: the header's estimate (24 h window) sets until
    _, window = sandbox.state.rate_allows(acc["account_id"], "graph:buc", 4800, timedelta(hours=24), cost=0)
    sandbox.state.rate_allows(
        acc["account_id"], "graph:buc", 4800, timedelta(hours=24), cost=window.remaining(sandbox.state.now())
    )
    with pytest.raises(RateLimited) as buc:
        conn.verify()
    assert timedelta(hours=23) < buc.value.until - datetime.now(UTC) < timedelta(hours=25)
    assert any(s.remaining == 0 for s in conn.rate_limits())
    sandbox.state.reset_counts()


def test_timeouts_drops_and_server_errors(sandbox: Any, sandbox_admin: Any) -> None:
    # the client gives up well before the sandbox answers, with room for a loaded machine's normal calls
    conn, _ = make(sandbox, sandbox_admin, timeout=0.8)
    fault = {"timeout_rate": 1.0, "timeout_s": 2.0, "max_faults": 1, "paths": ["/v21.0/"]}
    sandbox_admin.post("/_sandbox/faults", json=fault)
    with pytest.raises(Transient):
        conn.fetch_inbound(Stream.COMMENTS, None)
    sandbox_admin.post("/_sandbox/faults", json=fault)
    with pytest.raises(Unconfirmed, match="check"):
        conn.publish(PublishRequest("Timed out post", "t1"))
    sandbox_admin.post("/_sandbox/faults", json={"drop_rate": 1.0, "max_faults": 1, "paths": ["/v21.0/"]})
    with pytest.raises(Unconfirmed):
        conn.publish(PublishRequest("Dropped post", "t2"))
    sandbox_admin.post("/_sandbox/faults", json={"error_rate": 1.0, "max_faults": 1, "paths": ["/v21.0/"]})
    with pytest.raises(Transient):
        conn.publish(PublishRequest("Refused by a 503", "t3"))
    sandbox_admin.delete("/_sandbox/faults")
    assert conn.publish(PublishRequest("After the faults", "t4")).platform_post_id


def drain_comments(conn: FacebookConnector, cursor: str | None, limit: int = 100) -> tuple[list[Any], str | None]:
    """Every page of one sync: the records and the cursor to store."""
    records: list[Any] = []
    for _ in range(50):
        page = conn.fetch_inbound(Stream.COMMENTS, cursor, limit=limit)
        records.extend(page.records)
        cursor = page.cursor
        if not page.has_more:
            return records, cursor
    raise AssertionError("the sync never ended")


def test_comment_edits_and_removals_reach_the_sync_as_new_versions(sandbox: Any, sandbox_admin: Any) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    post = conn.publish(PublishRequest("Road closed on Main Street", "e1")).platform_post_id
    other = conn.publish(PublishRequest("Lost dog found", "e2")).platform_post_id
    base = datetime.now(UTC) - timedelta(hours=2)

    def comment(text: str, author: str, target: str, minutes: int) -> str:
        when = (base + timedelta(minutes=minutes)).isoformat()
        return inject(sandbox_admin, acc, "comment", text, author, reply_to=target, created_time=when)

    kept = comment("Which detour should buses use?", "anna", post, 0)
    edited = comment("Saw the dog near the statoin", "ben", other, 1)
    removed = comment("You lot are useless", "cal", post, 2)
    first, cursor = drain_comments(conn, None)
    assert [r.platform_item_id for r in first] == [kept, edited, removed]
    again, cursor = drain_comments(conn, cursor)
    assert again == []  # nothing changed, nothing reported
    # The citizen fixes a typo, another takes a comment down, and a new comment arrives.
    inject(sandbox_admin, acc, "comment", "Saw the dog near the station", "ben", edit_of=edited)
    inject(sandbox_admin, acc, "comment", "", "cal", delete_id=removed)
    newest = comment("Is the road open again?", "dana", post, 30)
    before = cursor
    changes, cursor = drain_comments(conn, before, limit=2)
    by_id = {r.platform_item_id: r for r in changes}
    assert [r.platform_item_id for r in changes] == [edited, removed, newest]  # edits and removals first
    assert by_id[edited].text == "Saw the dog near the station" and not by_id[edited].deleted
    assert by_id[edited].conversation_key == other and by_id[edited].author_name == "ben"
    assert by_id[removed].deleted and by_id[removed].conversation_key == post and by_id[removed].author_id
    assert not by_id[newest].deleted and by_id[newest].text == "Is the road open again?"
    assert drain_comments(conn, cursor)[0] == []  # each change is reported once...
    # ...unless the desk could not store it and asks again from its older cursor.
    retried, _ = drain_comments(conn, before)
    assert [(r.platform_item_id, r.deleted) for r in retried] == [(edited, False), (removed, True), (newest, False)]
    # After a restart the connector remembers nothing: it hands out the recent comments again (the desk
    # compares texts, so an edit made meanwhile still becomes a version), then watches them as before.
    fresh, _ = make(sandbox, sandbox_admin)
    fresh.page_id, fresh.session = conn.page_id, conn.session
    inject(sandbox_admin, acc, "comment", "Which detour should buses use tonight?", "anna", edit_of=kept)
    refreshed, cursor = drain_comments(fresh, cursor)
    assert {r.platform_item_id: r.text for r in refreshed} == {
        kept: "Which detour should buses use tonight?",
        edited: "Saw the dog near the station",
        newest: "Is the road open again?",
    }
    assert drain_comments(fresh, cursor)[0] == []
    # When the Page deletes a post, the comments under it are gone from the platform too.
    fresh.delete(post)
    gone, cursor = drain_comments(fresh, cursor)
    assert sorted(r.platform_item_id for r in gone) == sorted([kept, newest])
    assert all(r.deleted for r in gone)
    assert drain_comments(fresh, cursor)[0] == []


def test_video_posts_upload_once_publish_and_delete(sandbox: Any, sandbox_admin: Any, reference_dir: Path) -> None:
    from tests.integration.test_graph_shapes import GraphClient

    conn, acc = make(sandbox, sandbox_admin)
    video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x07" * 4096
    result = conn.publish(
        PublishRequest("Road safety week: how to cross safely", "v1", media=(MediaUpload(video, "video/mp4", ""),))
    )
    assert result.url == f"https://www.facebook.com/{acc['handle']}/videos/{result.platform_post_id}/"
    uploads = [m for m in sandbox_admin.get("/_sandbox/media").json()["media"] if m["account_id"] == conn.page_id]
    assert [m["mime_type"] for m in uploads] == ["video/mp4"]
    assert sandbox_admin.get(f"/_sandbox/media/{uploads[0]['media_id']}").content == video
    client = GraphClient(sandbox.base_url, acc["credentials"]["access_token"])
    videos = client.ok(client.get(f"{conn.page_id}/videos", fields="id,description,published"))["data"]
    assert videos == [
        {"id": result.platform_post_id, "description": "Road safety week: how to cross safely", "published": True}
    ]
    feed = conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS))
    assert [p.text for p in feed.posts] == ["Road safety week: how to cross safely"]
    conn.delete(result.platform_post_id)
    assert conn.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS)).posts == ()
    assert client.ok(client.get(f"{conn.page_id}/videos"))["data"] == []
    # What Facebook would not take is refused before anything is sent.
    photo = (reference_dir / "images" / "coffee.png").read_bytes()
    with pytest.raises(Rejected, match="video alone"):
        conn.publish(
            PublishRequest(
                "Both", "v2", media=(MediaUpload(video, "video/mp4", ""), MediaUpload(photo, "image/png", "cup"))
            )
        )
    with pytest.raises(Rejected, match="not a video"):
        conn.publish(PublishRequest("Reply", "v3", reply_to_id="1_2", media=(MediaUpload(video, "video/mp4", ""),)))
    with pytest.raises(Rejected, match="MP4"):
        conn.publish(PublishRequest("WebM", "v4", media=(MediaUpload(b"\x1aE\xdf\xa3", "video/webm", ""),)))
