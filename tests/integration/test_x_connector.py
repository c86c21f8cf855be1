"""The X connector (tweepy + signed v2 media upload) against the sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import io
import itertools
import socket
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PIL import Image

from connectors.transport import HttpSettings
from connectors.x import CAPABILITIES, XConnector
from desk.clock import AcceleratedClock, SystemClock
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

_numbers = itertools.count()


def connect(
    sandbox: Any, admin: Any, *, timeout: float = 5.0, clock: Any = None, base_url: str | None = None, **cred: str
) -> tuple[XConnector, dict[str, Any]]:
    handle = f"police{next(_numbers)}t{int(time.time() * 1000) % 100000}"
    account = create_sandbox_account(admin, "x", handle, display_name="Beat Police")
    ref = AccountRef(
        platform=Platform.X,
        handle=account["handle"],
        base_url=base_url or sandbox.base_url,
        secret_key=f"x:{handle}",
        platform_account_id=account["account_id"],
    )
    credentials = {**account["credentials"], **cred}
    return XConnector(ref, credentials, clock=clock or SystemClock(), http=HttpSettings(timeout=timeout)), account


def inject(admin: Any, account: dict[str, Any], kind: str, text: str, author: str = "resident_b", **extra: Any) -> str:
    body = {"platform": "x", "account": account["handle"], "kind": kind, "author": {"handle": author}, "text": text}
    r = admin.post("/_sandbox/inject", json={**body, **extra})
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


def png(color: tuple[int, int, int] = (10, 120, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buf, "PNG")
    return buf.getvalue()


def drain(connector: XConnector, stream: Stream, cursor: str | None, limit: int) -> tuple[list[Any], str | None, int]:
    """Fetch until the connector says there is no more; return records, final cursor and call count."""
    records: list[Any] = []
    calls = 0
    while True:
        result = connector.fetch_inbound(stream, cursor, limit)
        calls += 1
        records.extend(result.records)
        cursor = result.cursor
        assert not result.quarantined
        if not result.has_more:
            return records, cursor, calls
        assert calls < 100


def test_is_a_platform_connector_and_verifies(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    assert isinstance(connector, PlatformConnector)
    profile = connector.verify()
    assert profile.platform_account_id == account["account_id"]
    assert profile.handle == account["handle"]
    assert profile.display_name == "Beat Police"
    assert CAPABILITIES.text_limit == 280 and CAPABILITIES.url_length == 23 and CAPABILITIES.hide_replies
    limits = {s.endpoint: s for s in connector.rate_limits()}
    assert limits["GET /2/users/me"].limit == 75
    assert limits["GET /2/users/me"].remaining == 74


def test_mentions_sync_pages_back_then_continues_from_the_newest(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    ids = [inject(sandbox_admin, account, "mention", f"Is the bridge open? ({i})") for i in range(25)]
    records, cursor, calls = drain(connector, Stream.MENTIONS, None, 10)
    assert calls == 3
    assert sorted(r.platform_item_id for r in records) == sorted(ids)
    assert len(records) == 25
    assert cursor == ids[-1]  # the newest id seen
    first = records[:10]
    assert [r.platform_item_id for r in first] == ids[15:]  # oldest first within the page
    assert all(r.kind is ItemKind.MENTION and r.author_handle == "resident_b" for r in records)
    assert all(r.text.startswith(f"@{account['handle']} ") for r in records)
    newer = [inject(sandbox_admin, account, "mention", f"Update {i}") for i in range(3)]
    result = connector.fetch_inbound(Stream.MENTIONS, cursor, 10)
    assert [r.platform_item_id for r in result.records] == newer
    assert result.cursor == newer[-1] and not result.has_more
    again = connector.fetch_inbound(Stream.MENTIONS, result.cursor, 10)
    assert again.records == () and again.cursor == newer[-1]


def test_replies_edits_and_attachments_arrive_as_records(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    post = connector.publish(PublishRequest("Road closed on the A6 until 18:00", idempotency_key="k1"))
    reply_id = inject(sandbox_admin, account, "reply", "Which junction?", reply_to=post.platform_post_id)
    photo_id = inject(sandbox_admin, account, "mention", "Look at this", attachment_url="https://example.org/p.jpg")
    edited_id = inject(sandbox_admin, account, "mention", "Lost wallet on King St (corrected)", edit_of=photo_id)
    result = connector.fetch_inbound(Stream.MENTIONS, None, 100)
    by_id = {r.raw["id"]: r for r in result.records}
    reply = by_id[reply_id]
    assert reply.kind is ItemKind.REPLY
    assert reply.in_reply_to_id == post.platform_post_id
    assert reply.conversation_key == post.platform_post_id
    edited = by_id[edited_id]
    assert edited.platform_item_id == photo_id  # an edit updates the original item
    assert edited.edited_at is not None
    assert photo_id not in by_id  # X shows only the latest version
    assert edited.attachments == ()
    r = sandbox_admin.post(
        "/_sandbox/inject",
        json={"platform": "x", "account": account["handle"], "kind": "mention", "author": {"handle": "resident_c"},
              "text": "photo", "attachment_url": "https://example.org/q.jpg"},
    )  # fmt: skip
    latest = connector.fetch_inbound(Stream.MENTIONS, result.cursor, 100).records
    assert [r.platform_item_id for r in latest] == [r.json()["id"]]
    assert latest[0].attachments[0].url == "https://example.org/q.jpg"
    assert latest[0].attachments[0].mime_type == "image/jpeg"


def test_direct_messages_sync_and_reply(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    sent = [inject(sandbox_admin, account, "dm", f"Private tip {i}", author=f"tipster{i % 2}") for i in range(5)]
    records, cursor, calls = drain(connector, Stream.DIRECT, None, 2)
    assert [r.platform_item_id for r in sorted(records, key=lambda r: int(r.platform_item_id))] == sent
    assert calls >= 3
    assert all(r.kind is ItemKind.DIRECT and not r.from_account for r in records)
    assert cursor == sent[-1]
    tip = next(r for r in records if r.platform_item_id == sent[-1])
    assert tip.conversation_key == "-".join(sorted([tip.author_id, account["account_id"]], key=int))
    answer = connector.send_direct_message(
        DirectMessageRequest(tip.conversation_key, tip.author_id, "Thank you, an officer will call you.", "k2")
    )
    assert answer.extra["dm_conversation_id"] == tip.conversation_key
    opened = connector.send_direct_message(DirectMessageRequest("", tip.author_id, "Second line", "k3"))
    assert opened.extra["dm_conversation_id"] == tip.conversation_key
    follow = connector.fetch_inbound(Stream.DIRECT, cursor, 50)
    assert [r.platform_item_id for r in follow.records] == [answer.platform_post_id, opened.platform_post_id]
    assert all(r.from_account for r in follow.records)
    assert connector.fetch_inbound(Stream.COMMENTS, "x", 10).records == ()


def test_feeds(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    tag = f"#desk{account['account_id'][-6:]}"
    own = [
        connector.publish(PublishRequest(f"Community meeting {i} {tag}", f"f{i}")).platform_post_id for i in range(7)
    ]
    inject(sandbox_admin, account, "mention", f"Will there be coffee? {tag}")
    page = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), None, 5)
    assert [p.post_id for p in page.posts] == own[::-1][:5]
    assert page.posts[0].author_handle == account["handle"]
    assert page.posts[0].metrics.likes is not None
    rest = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), page.cursor, 5)
    assert [p.post_id for p in rest.posts] == own[1::-1] and rest.cursor is None
    search = connector.fetch_feed(FeedColumnSpec(FeedKind.SEARCH, tag), None, 10)
    assert len(search.posts) == 8 and search.posts[0].author_handle == "resident_b"
    mentions = connector.fetch_feed(FeedColumnSpec(FeedKind.MENTIONS), None, 10)
    assert [p.author_handle for p in mentions.posts] == ["resident_b"]
    home = connector.fetch_feed(FeedColumnSpec(FeedKind.HOME), None, 20)
    assert {p.post_id for p in home.posts} >= set(own)
    with pytest.raises(Rejected):
        connector.fetch_feed(FeedColumnSpec(FeedKind.SEARCH, "  "))


def test_publish_reply_quote_and_media_with_alt_text(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    first = connector.publish(PublishRequest("Appeal: have you seen this bike?", "p1"))
    assert first.url == f"https://x.com/{account['handle']}/status/{first.platform_post_id}"
    images = (
        MediaUpload(png((200, 0, 0)), "image/png", "A red bicycle leaning on a fence", "bike.png"),
        MediaUpload(png((0, 200, 0)), "image/png", "The same bicycle from the side", "side.png"),
    )
    with_media = connector.publish(PublishRequest("Photos of the bike", "p2", media=images))
    media_ids = with_media.extra["media_ids"].split(",")
    stored = {m["media_id"]: m for m in sandbox_admin.get("/_sandbox/media").json()["media"]}
    assert [stored[m]["alt_text"] for m in media_ids] == [m.alt_text for m in images]
    assert [sandbox_admin.get(f"/_sandbox/media/{m}").content for m in media_ids] == [m.data for m in images]
    reply = connector.publish(PublishRequest("Update: found, thank you", "p3", reply_to_id=first.platform_post_id))
    quote = connector.publish(PublishRequest("Reminder", "p4", quote_id=first.platform_post_id))
    feed = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), None, 10)
    by_id = {p.post_id: p for p in feed.posts}
    assert by_id[reply.platform_post_id].in_reply_to_id == first.platform_post_id
    assert by_id[reply.platform_post_id].conversation_key == first.platform_post_id
    assert quote.platform_post_id in by_id


def test_video_upload_waits_for_processing(sandbox: Any, sandbox_admin: Any) -> None:
    fast = AcceleratedClock.starting_at(datetime.now(UTC), speed=1000.0)
    connector, _ = connect(sandbox, sandbox_admin, clock=fast)
    video = MediaUpload(b"\x00\x00\x00\x18ftypmp42" + bytes(2_500_000), "video/mp4", "Dashcam clip", "clip.mp4")
    result = connector.publish(PublishRequest("Dashcam footage of the collision", "v1", media=(video,)))
    stored = {m["media_id"]: m for m in sandbox_admin.get("/_sandbox/media").json()["media"]}
    assert stored[result.extra["media_ids"]]["size"] == len(video.data)  # three chunks, reassembled


def test_metrics_delete_and_hide(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    post = connector.publish(PublishRequest("Metrics and moderation check", "m1"))
    inject(sandbox_admin, account, "reply", "first!", reply_to=post.platform_post_id)
    abusive = inject(sandbox_admin, account, "reply", "abuse", reply_to=post.platform_post_id)
    metrics = connector.fetch_metrics([post.platform_post_id, "1"])
    assert set(metrics) == {post.platform_post_id}
    m = metrics[post.platform_post_id]
    assert m.replies == 2 and m.likes is not None and m.impressions is not None and m.quotes == 0
    connector.hide_reply(abusive)
    connector.hide_reply(abusive, hidden=False)
    with pytest.raises(Rejected):
        connector.hide_reply(post.platform_post_id)  # not a reply
    connector.delete(post.platform_post_id)
    assert connector.fetch_metrics([post.platform_post_id]) == {}
    connector.delete(post.platform_post_id)  # already gone: fine


def test_find_published_looks_up_own_recent_posts(sandbox: Any, sandbox_admin: Any) -> None:
    connector, _ = connect(sandbox, sandbox_admin)
    since = datetime.now(UTC)
    text = "Call 609: unauthorised use of an account &c, Bolton"
    sent = connector.publish(PublishRequest(text, "u1"))
    found = connector.find_published("u1", text, since)
    assert found is not None and found.platform_post_id == sent.platform_post_id
    assert connector.find_published("u2", "Call 610: never sent", since) is None


# --- each error class --------------------------------------------------------------------------------------------


def test_wrong_and_revoked_keys_are_auth_expired(sandbox: Any, sandbox_admin: Any) -> None:
    wrong, _ = connect(sandbox, sandbox_admin, access_token_secret="not-the-secret")
    with pytest.raises(AuthExpired) as info:
        wrong.verify()
    assert "Reconnect" in info.value.message
    connector, account = connect(sandbox, sandbox_admin)
    connector.verify()
    sandbox_admin.post("/_sandbox/revoke", json={"token": account["credentials"]["access_token"]})
    with pytest.raises(AuthExpired):
        connector.fetch_inbound(Stream.MENTIONS, None)
    with pytest.raises(AuthExpired):
        XConnector(
            AccountRef(Platform.X, "h", sandbox.base_url, "k"),
            {"consumer_key": "a"},
            clock=SystemClock(),
            http=HttpSettings(),
        )


def test_429_is_rate_limited_until_the_reset(sandbox: Any, sandbox_admin: Any) -> None:
    connector, _ = connect(sandbox, sandbox_admin)
    sandbox_admin.post("/_sandbox/faults", json={"burst_429": 1, "paths": ["/2/users/"], "max_faults": 1})
    with pytest.raises(RateLimited) as info:
        connector.fetch_inbound(Stream.MENTIONS, None)
    expected = datetime.now(UTC) + timedelta(seconds=60)  # the burst fault's reset
    assert "reading mentions" in info.value.message and "tries again" in info.value.message
    assert abs((info.value.until - expected).total_seconds()) < 3
    # The real budget: 15 DM-event reads per 15 minutes.
    for _ in range(15):
        connector.fetch_inbound(Stream.DIRECT, None, 100)
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as info:
        connector.fetch_inbound(Stream.DIRECT, None, 100)
    assert before + timedelta(minutes=14) < info.value.until <= before + timedelta(minutes=15, seconds=2)
    state = {s.endpoint: s for s in connector.rate_limits()}["GET /2/dm_events"]
    assert state.remaining == 0 and state.limit == 15


def test_timeouts_are_transient_for_reads_and_unconfirmed_for_posts(sandbox: Any, sandbox_admin: Any) -> None:
    connector, _ = connect(sandbox, sandbox_admin, timeout=0.3)
    fault = {"timeout_rate": 1.0, "timeout_s": 1.0, "max_faults": 1}
    sandbox_admin.post("/_sandbox/faults", json={**fault, "paths": ["/2/users/"]})
    with pytest.raises(Transient) as transient:
        connector.fetch_inbound(Stream.MENTIONS, None)
    assert "reading mentions" in transient.value.message and "try again" in transient.value.message
    sandbox_admin.post("/_sandbox/faults", json={**fault, "paths": ["/2/tweets"]})
    with pytest.raises(Unconfirmed) as info:
        connector.publish(PublishRequest("Timed out post", "t1"))
    assert "Check before sending again" in info.value.message
    sandbox_admin.post("/_sandbox/faults", json={"error_rate": 1.0, "max_faults": 1, "paths": ["/2/tweets"]})
    with pytest.raises(Unconfirmed):
        connector.publish(PublishRequest("Server error post", "t2"))
    sandbox_admin.post("/_sandbox/faults", json={"error_rate": 1.0, "max_faults": 1, "paths": ["/2/tweets"]})
    with pytest.raises(Transient):
        connector.fetch_metrics(["123"])


def test_nothing_listening_is_transient_even_for_posts(sandbox: Any, sandbox_admin: Any) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    connector, _ = connect(sandbox, sandbox_admin, timeout=1.0, base_url=f"http://127.0.0.1:{port}")
    with pytest.raises(Transient):
        connector.publish(PublishRequest("Nobody is listening", "n1"))


def test_refusals_are_rejected_with_a_useful_message(sandbox: Any, sandbox_admin: Any) -> None:
    connector, _ = connect(sandbox, sandbox_admin)
    connector.publish(PublishRequest("Stay safe on the roads tonight", "d1"))
    with pytest.raises(Rejected) as info:
        connector.publish(PublishRequest("Stay safe on the roads tonight", "d2"))
    assert "duplicate content" in info.value.message and info.value.platform_code == "403"
    log_before = sandbox_admin.get("/_sandbox/log").json()["total"]
    with pytest.raises(Rejected) as info:
        connector.publish(PublishRequest("警" * 141, "d3"))
    assert "282 characters" in info.value.message
    too_many = tuple(MediaUpload(png(), "image/png", "alt", f"{i}.png") for i in range(5))
    with pytest.raises(Rejected):
        connector.publish(PublishRequest("five photos", "d4", media=too_many))
    with pytest.raises(Rejected):
        connector.publish(PublishRequest("bad type", "d5", media=(MediaUpload(b"x", "application/pdf", "a"),)))
    assert sandbox_admin.get("/_sandbox/log").json()["total"] == log_before  # refused before any request
    with pytest.raises(Rejected) as info:
        connector.publish(PublishRequest("reply to nothing", "d6", reply_to_id="1"))
    assert "deleted or not visible" in info.value.message
    with pytest.raises(Rejected):
        connector.send_direct_message(DirectMessageRequest("1-2", "", "hello", "d7"))
    with pytest.raises(Rejected):
        connector.fetch_inbound(Stream.MENTIONS, "walk:not-ours", 10)


def test_metrics_of_posts_older_than_thirty_days_fall_back_to_public(sandbox: Any, sandbox_admin: Any) -> None:
    from connectors.sandbox.x import module

    connector, _ = connect(sandbox, sandbox_admin)
    post = connector.publish(PublishRequest("An old appeal", "o1"))
    tweet = module(sandbox.state).tweets[int(post.platform_post_id)]
    tweet.created_at -= timedelta(days=40)  # as if posted 40 days ago
    log_before = sandbox_admin.get("/_sandbox/log").json()["total"]
    metrics = connector.fetch_metrics([post.platform_post_id])[post.platform_post_id]
    assert metrics.likes is not None and metrics.likes > 0 and metrics.impressions is not None
    calls = sandbox_admin.get("/_sandbox/log", params={"since": log_before}).json()["requests"]
    assert [c["status"] for c in calls if c["path"] == "/2/tweets"] == [400, 200]


def test_escaped_text_is_read_back_as_written(sandbox: Any, sandbox_admin: Any) -> None:
    connector, account = connect(sandbox, sandbox_admin)
    since = datetime.now(UTC)
    sent = connector.publish(PublishRequest("Q&A tonight: <bring> questions", "e1"))
    page = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), None, 5)
    assert page.posts[0].text == "Q&A tonight: <bring> questions"
    found = connector.find_published("e1", "Q&A tonight: <bring> questions", since)
    assert found is not None and found.platform_post_id == sent.platform_post_id
    inject(sandbox_admin, account, "mention", "Fish & chips?")
    assert connector.fetch_inbound(Stream.MENTIONS, None, 10).records[0].text.endswith("Fish & chips?")


def test_mentions_reach_only_the_newest_800_and_the_sync_is_told(sandbox: Any, sandbox_admin: Any) -> None:
    from connectors.sandbox.x import module

    connector, account = connect(sandbox, sandbox_admin)
    platform = module(sandbox.state)
    force = sandbox.state.find_account("x", account["account_id"])
    resident = platform.create_account(f"r{account['handle']}", "Resident", is_force=False)

    def mentions(count: int, label: str) -> list[str]:
        return [platform.inject(force, "mention", resident, f"{label} {i}") for i in range(count)]

    def walk(cursor: str | None) -> tuple[list[str], str | None, int, bool]:
        seen: list[str] = []
        calls = 0
        while True:
            result = connector.fetch_inbound(Stream.MENTIONS, cursor, 100)
            calls += 1
            seen.extend(r.platform_item_id for r in result.records)
            cursor = result.cursor
            if not result.has_more:
                return sorted(seen, key=int), cursor, calls, result.history_unreachable
            assert not result.history_unreachable  # only the walk's last page can say so

    mentions(30, "early")
    reachable = mentions(800, "recent")
    seen, cursor, calls, unreachable = walk(None)
    assert (seen, calls, unreachable) == (reachable, 8, True)
    assert cursor == reachable[-1]
    # A cursor left behind by more than 800 new mentions cannot reach back: the gap is reported.
    mentions(50, "while away")
    newer = mentions(800, "busy night")
    seen, cursor, calls, unreachable = walk(cursor)
    assert (seen, calls, unreachable) == (newer, 8, True)
    # A walk that reaches its cursor is complete, and says nothing is missing.
    latest = mentions(120, "later")
    seen, cursor, calls, unreachable = walk(cursor)
    assert (seen, calls, unreachable) == (latest, 2, False)
    assert cursor == latest[-1]


def test_who_may_reply_becomes_xs_reply_settings(sandbox: Any, sandbox_admin: Any) -> None:
    from connectors.sandbox.x import module
    from desk.ports import ReplyPolicy

    connector, account = connect(sandbox, sandbox_admin)
    platform = module(sandbox.state)
    mentioned = platform.create_account(f"m{account['handle']}", "Mentioned", is_force=False)
    other = platform.create_account(f"o{account['handle']}", "Other", is_force=False)
    post = connector.publish(
        PublishRequest(f"@{mentioned.handle} thanks, we will call you", "rp1", reply_policy=ReplyPolicy.MENTIONED)
    )
    tweet = platform.tweets[int(post.platform_post_id)]
    assert tweet.reply_settings == "mentionedUsers"
    assert platform.may_reply(platform.users[mentioned.account_id], tweet)
    assert not platform.may_reply(platform.users[other.account_id], tweet)
    following = connector.publish(PublishRequest("Road open again", "rp2", reply_policy=ReplyPolicy.FOLLOWING))
    assert platform.tweets[int(following.platform_post_id)].reply_settings == "following"
    before = len(platform.tweets)
    with pytest.raises(Rejected, match="cannot close"):
        connector.publish(PublishRequest("No replies", "rp3", reply_policy=ReplyPolicy.NOBODY))
    assert len(platform.tweets) == before
