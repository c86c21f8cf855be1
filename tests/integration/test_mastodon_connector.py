"""The Mastodon connector (Mastodon.py) against the sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from connectors.mastodon import MastodonConnector
from connectors.sandbox.server import free_port
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


@dataclass
class Desk:
    connector: MastodonConnector
    force: dict[str, Any]
    citizen: dict[str, Any]
    admin: httpx.Client
    sandbox: Any

    def inject(self, kind: str, text: str, **options: Any) -> str:
        response = self.admin.post(
            "/_sandbox/inject",
            json={
                "platform": "mastodon",
                "account": self.force["handle"],
                "kind": kind,
                "author": {"handle": self.citizen["handle"]},
                "text": text,
                **options,
            },
        )
        response.raise_for_status()
        return str(response.json()["id"])


def _connector(
    base_url: str, force: dict[str, Any], *, token: str | None = None, timeout: float = 5
) -> MastodonConnector:
    account = AccountRef(Platform.MASTODON, force["handle"], base_url, "secret-key")
    credentials = {"access_token": token or force["credentials"]["access_token"]}
    return MastodonConnector(account, credentials, clock=SystemClock(), http=HttpSettings(timeout=timeout))


@pytest.fixture
def desk(sandbox: Any, sandbox_admin: httpx.Client) -> Iterator[Desk]:
    suffix = uuid.uuid4().hex[:8]
    force = create_sandbox_account(sandbox_admin, "mastodon", f"police{suffix}", display_name="Helsinki Police")
    citizen = create_sandbox_account(sandbox_admin, "mastodon", f"resident{suffix}", is_force=False)
    yield Desk(_connector(sandbox.base_url, force), force, citizen, sandbox_admin, sandbox)


def test_is_a_platform_connector_and_verifies(desk: Desk) -> None:
    assert isinstance(desk.connector, PlatformConnector)
    profile = desk.connector.verify()
    assert profile.platform_account_id == desk.force["account_id"]
    assert profile.handle == desk.force["handle"]
    assert profile.display_name == "Helsinki Police"
    assert desk.connector.capabilities.text_limit == 500
    assert desk.connector.capabilities.url_length == 23
    limits = {s.endpoint: s for s in desk.connector.rate_limits()}
    assert limits["all"].limit == 300
    assert limits["all"].remaining < 300


def test_mentions_sync_pages_oldest_first_and_resumes_from_the_cursor(desk: Desk) -> None:
    post = desk.connector.publish(PublishRequest("Road closed on Mannerheimintie", uuid.uuid4().hex))
    ids = [desk.inject("reply" if i % 2 else "mention", f"question {i}") for i in range(5)]
    desk.inject("dm", "a private tip")  # must not show up as a public mention
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(10):
        page = desk.connector.fetch_inbound(Stream.MENTIONS, cursor, limit=2)
        seen += [r.platform_item_id for r in page.records]
        cursor = page.cursor
        if not page.has_more:
            break
    assert seen == ids
    again = desk.connector.fetch_inbound(Stream.MENTIONS, cursor, limit=2)
    assert again.records == () and again.cursor == cursor
    later = desk.inject("reply", "one more")
    resumed = desk.connector.fetch_inbound(Stream.MENTIONS, cursor, limit=50)
    assert [r.platform_item_id for r in resumed.records] == [later]
    reply = resumed.records[0]
    assert reply.kind is ItemKind.REPLY
    assert reply.in_reply_to_id == post.platform_post_id
    assert reply.conversation_key == post.platform_post_id
    assert reply.text.endswith("one more")
    assert reply.author_handle == desk.citizen["handle"]


def test_reply_to_a_reply_keeps_the_root_as_conversation(desk: Desk) -> None:
    root = desk.connector.publish(PublishRequest("Appeal for witnesses", uuid.uuid4().hex))
    first = desk.inject("reply", "I saw something", reply_to=root.platform_post_id)
    second = desk.inject("reply", "and more", reply_to=first)
    fresh = _connector(desk.sandbox.base_url, desk.force)  # no cache: the root must come from the API
    records = fresh.fetch_inbound(Stream.MENTIONS, None, limit=50).records
    keys = {r.platform_item_id: r.conversation_key for r in records}
    assert keys[first] == root.platform_post_id
    assert keys[second] == root.platform_post_id


def test_direct_messages_and_a_private_answer(desk: Desk) -> None:
    desk.inject("mention", "public hello")
    tip = desk.inject("dm", "my bike was stolen")
    page = desk.connector.fetch_inbound(Stream.DIRECT, None, limit=50)
    assert [r.platform_item_id for r in page.records] == [tip]
    message = page.records[0]
    assert message.kind is ItemKind.DIRECT
    answer = desk.connector.send_direct_message(
        DirectMessageRequest(message.conversation_key, message.author_id, "Please file a report", uuid.uuid4().hex)
    )
    sent = desk.sandbox.state.platforms["mastodon"].statuses[answer.platform_post_id]
    assert sent.visibility == "direct"
    assert sent.in_reply_to_id == tip
    assert sent.text == f"@{desk.citizen['handle']} Please file a report"
    follow_up = desk.inject("dm", "thanks", reply_to=answer.platform_post_id)
    later = desk.connector.fetch_inbound(Stream.DIRECT, page.cursor, limit=50).records
    assert [(r.platform_item_id, r.conversation_key) for r in later] == [(follow_up, message.conversation_key)]


def test_publish_reply_media_with_alt_text_and_idempotency(desk: Desk) -> None:
    key = uuid.uuid4().hex
    post = desk.connector.publish(PublishRequest("Patrol log: quiet night #beat", key, lang="fi"))
    assert post.url and post.url.endswith(post.platform_post_id)
    assert desk.connector.publish(PublishRequest("Patrol log: quiet night #beat", key)).platform_post_id == (
        post.platform_post_id
    )
    image = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes * 8
    with_media = desk.connector.publish(
        PublishRequest(
            "Found: a blue bicycle",
            uuid.uuid4().hex,
            media=(MediaUpload(image, "image/png", "A blue bicycle against a wall", "bike.png"),),
            reply_to_id=post.platform_post_id,
            content_warning="lost property",
        )
    )
    state = desk.sandbox.state
    stored = state.platforms["mastodon"].statuses[with_media.platform_post_id]
    assert stored.in_reply_to_id == post.platform_post_id
    assert stored.spoiler_text == "lost property"
    media = state.media[stored.media_ids[0]]
    assert media.data == image
    assert media.alt_text == "A blue bicycle against a wall"
    assert state.platforms["mastodon"].statuses[post.platform_post_id].language == "fi"


def test_feeds(desk: Desk) -> None:
    tag = "beat" + uuid.uuid4().hex[:6]
    posts = [desk.connector.publish(PublishRequest(f"Update {i} #{tag}", uuid.uuid4().hex)) for i in range(3)]
    desk.inject("mention", "hello police")
    own = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), limit=2)
    assert [p.post_id for p in own.posts] == [posts[2].platform_post_id, posts[1].platform_post_id]
    rest = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), cursor=own.cursor, limit=2)
    assert [p.post_id for p in rest.posts] == [posts[0].platform_post_id]
    tagged = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.SEARCH, f"#{tag}"))
    assert len(tagged.posts) == 3 and tagged.posts[0].text == f"Update 2 #{tag}"
    mentions = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.MENTIONS))
    assert [p.text for p in mentions.posts] == [f"@{desk.force['handle']} hello police"]
    home = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.HOME))
    assert posts[0].platform_post_id in [p.post_id for p in home.posts]
    searched = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.SEARCH, "Update 1"))
    assert [p.post_id for p in searched.posts] == [posts[1].platform_post_id]


def test_metrics_find_published_and_delete(desk: Desk) -> None:
    post = desk.connector.publish(PublishRequest("Thank you all", uuid.uuid4().hex))
    desk.inject("reply", "you're welcome", reply_to=post.platform_post_id)
    metrics = desk.connector.fetch_metrics([post.platform_post_id, "1"])
    assert set(metrics) == {post.platform_post_id}
    assert metrics[post.platform_post_id].replies == 1
    found = desk.connector.find_published("any", "Thank  you all", post.published_at - timedelta(seconds=1))
    assert found is not None and found.platform_post_id == post.platform_post_id
    assert desk.connector.find_published("any", "never sent", post.published_at) is None
    desk.connector.delete(post.platform_post_id)
    assert desk.sandbox.state.platforms["mastodon"].statuses[post.platform_post_id].deleted
    with pytest.raises(Rejected):
        desk.connector.delete(post.platform_post_id)


def test_wrong_or_revoked_token_is_auth_expired(desk: Desk) -> None:
    with pytest.raises(AuthExpired):
        _connector(desk.sandbox.base_url, desk.force, token="not-a-token").verify()
    desk.admin.post("/_sandbox/revoke", json={"token": desk.force["credentials"]["access_token"]})
    with pytest.raises(AuthExpired):
        desk.connector.fetch_inbound(Stream.MENTIONS, None)


def test_refusals_are_rejected_with_the_reason(desk: Desk) -> None:
    with pytest.raises(Rejected, match="500"):
        desk.connector.publish(PublishRequest("x" * 501, uuid.uuid4().hex))
    with pytest.raises(Rejected):
        desk.connector.hide_reply("1")


def test_rate_limit_is_rate_limited_until_the_reset(desk: Desk, sandbox: Any) -> None:
    headers = {"Authorization": f"Bearer {desk.force['credentials']['access_token']}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers) as client:
        for _ in range(300):
            client.get("/api/v1/accounts/verify_credentials")
        reset = client.get("/api/v1/accounts/verify_credentials").headers["X-RateLimit-Reset"]
    expected = datetime.fromisoformat(reset.replace("Z", "+00:00"))
    with pytest.raises(RateLimited) as caught:
        desk.connector.verify()
    assert caught.value.until == expected
    assert timedelta(minutes=4) < caught.value.until - sandbox.state.now() <= timedelta(minutes=5)


def test_injected_429_is_rate_limited(desk: Desk) -> None:
    desk.admin.post("/_sandbox/faults", json={"burst_429": 1, "max_faults": 1, "paths": ["/api/v1/notifications"]})
    with pytest.raises(RateLimited):
        desk.connector.fetch_inbound(Stream.MENTIONS, None)
    assert desk.connector.fetch_inbound(Stream.MENTIONS, None).records == ()


def test_timeouts_transient_on_reads_unconfirmed_on_posts(desk: Desk, sandbox: Any) -> None:
    connector = _connector(sandbox.base_url, desk.force, timeout=0.3)
    connector.verify()
    faults = {"timeout_rate": 1.0, "timeout_s": 0.8, "max_faults": 1}
    desk.admin.post("/_sandbox/faults", json={**faults, "paths": ["/api/v1/notifications"]})
    with pytest.raises(Transient):
        connector.fetch_inbound(Stream.MENTIONS, None)
    desk.admin.post("/_sandbox/faults", json={**faults, "paths": ["/api/v1/statuses"]})
    with pytest.raises(Unconfirmed):
        connector.publish(PublishRequest("Holding statement", uuid.uuid4().hex))
    desk.admin.post("/_sandbox/faults", json={"drop_rate": 1.0, "max_faults": 1, "paths": ["/api/v1/statuses"]})
    with pytest.raises(Unconfirmed):
        connector.publish(PublishRequest("Holding statement", uuid.uuid4().hex))


def test_unreachable_server_is_transient_even_for_posts(desk: Desk) -> None:
    connector = _connector(f"http://127.0.0.1:{free_port()}", desk.force, timeout=1)
    with pytest.raises(Transient):
        connector.publish(PublishRequest("nothing leaves", uuid.uuid4().hex))


def test_edited_and_attachment_items(desk: Desk) -> None:
    item = desk.inject("mention", "photo of the scene", attachment_url="https://files.example/scene.jpg")
    desk.inject("mention", "corrected text", edit_of=item)
    record = desk.connector.fetch_inbound(Stream.MENTIONS, None, limit=50).records[0]
    assert record.text.endswith("corrected text")
    assert record.edited_at is not None
    assert [a.url for a in record.attachments] == ["https://files.example/scene.jpg"]


def test_video_upload_waits_for_processing(desk: Desk, sandbox: Any) -> None:
    from datetime import UTC

    from desk.clock import AcceleratedClock

    clock = AcceleratedClock.starting_at(datetime.now(UTC), speed=1000.0)
    account = AccountRef(Platform.MASTODON, desk.force["handle"], sandbox.base_url, "k")
    connector = MastodonConnector(account, desk.force["credentials"], clock=clock, http=HttpSettings(timeout=5))
    video = b"\x00\x00\x00\x18ftypmp42" + uuid.uuid4().bytes
    post = connector.publish(
        PublishRequest("Dashcam footage", uuid.uuid4().hex, media=(MediaUpload(video, "video/mp4", "Road", "v.mp4"),))
    )
    stored = desk.sandbox.state.platforms["mastodon"].statuses[post.platform_post_id]
    assert desk.sandbox.state.media[stored.media_ids[0]].data == video
    paths = [r["path"] for r in desk.admin.get("/_sandbox/log").json()["requests"]]
    assert f"/api/v1/media/{stored.media_ids[0]}" in paths  # the 202 was followed up
