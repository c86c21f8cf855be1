"""The Bluesky connector (atproto SDK) against the sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectors import bluesky as bluesky_module
from connectors.bluesky import BlueskyConnector
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
from tests.integration.test_bluesky_contract import Lexicons

pytestmark = pytest.mark.sandbox


@dataclass
class Desk:
    connector: BlueskyConnector
    force: dict[str, Any]
    citizen: dict[str, Any]
    admin: httpx.Client
    sandbox: Any

    @property
    def sb(self) -> Any:
        return self.sandbox.state.platforms["bluesky"]

    def inject(self, kind: str, text: str, **options: Any) -> str:
        response = self.admin.post(
            "/_sandbox/inject",
            json={
                "platform": "bluesky",
                "account": self.force["handle"],
                "kind": kind,
                "author": {"handle": self.citizen["handle"]},
                "text": text,
                **options,
            },
        )
        response.raise_for_status()
        return str(response.json()["id"])

    def session_logins(self) -> int:
        log = self.admin.get("/_sandbox/log").json()["requests"]
        return sum(1 for r in log if r["path"].endswith("createSession"))


def _connector(
    base_url: str, force: dict[str, Any], *, password: str | None = None, timeout: float = 5
) -> BlueskyConnector:
    account = AccountRef(Platform.BLUESKY, force["handle"], base_url, "secret-key")
    credentials = {**force["credentials"], **({"password": password} if password else {})}
    return BlueskyConnector(account, credentials, clock=SystemClock(), http=HttpSettings(timeout=timeout))


@pytest.fixture
def desk(sandbox: Any, sandbox_admin: httpx.Client) -> Iterator[Desk]:
    suffix = uuid.uuid4().hex[:8]
    force = create_sandbox_account(sandbox_admin, "bluesky", f"police{suffix}", display_name="Helsinki Police")
    citizen = create_sandbox_account(sandbox_admin, "bluesky", f"resident{suffix}", is_force=False)
    yield Desk(_connector(sandbox.base_url, force), force, citizen, sandbox_admin, sandbox)


def test_verifies_once_and_reuses_the_session(desk: Desk) -> None:
    assert isinstance(desk.connector, PlatformConnector)
    before = desk.session_logins()
    profile = desk.connector.verify()
    assert profile.platform_account_id == desk.force["account_id"]
    assert profile.handle == desk.force["handle"]
    assert profile.display_name == "Helsinki Police"
    desk.connector.verify()
    # a second connector for the same account (e.g. after a restart of the sync job) reuses the session
    _connector(desk.sandbox.base_url, desk.force).verify()
    assert desk.session_logins() - before == 1
    limits = {s.endpoint: s for s in desk.connector.rate_limits()}
    assert limits["read"].limit == 3000 and limits["read"].remaining < 3000


def test_mentions_sync_walks_back_to_the_cursor(desk: Desk) -> None:
    post = desk.connector.publish(PublishRequest("Road closed on Mannerheimintie", uuid.uuid4().hex))
    ids = [desk.inject("reply" if i % 2 else "mention", f"question {i}") for i in range(5)]
    desk.inject("dm", "a private tip")
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(10):
        page = desk.connector.fetch_inbound(Stream.MENTIONS, cursor, limit=2)
        assert [r.created_at for r in page.records] == sorted(r.created_at for r in page.records)
        seen += [r.platform_item_id for r in page.records]
        cursor = page.cursor
        if not page.has_more:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    again = desk.connector.fetch_inbound(Stream.MENTIONS, cursor, limit=2)
    assert again.records == ()
    later = desk.inject("reply", "one more")
    resumed = desk.connector.fetch_inbound(Stream.MENTIONS, again.cursor, limit=50)
    assert [r.platform_item_id for r in resumed.records] == [later]
    reply = resumed.records[0]
    assert reply.kind is ItemKind.REPLY
    assert reply.in_reply_to_id == post.platform_post_id
    assert reply.conversation_key == post.platform_post_id
    assert reply.text.endswith("one more")
    assert reply.author_id == desk.citizen["account_id"]


def test_reply_threads_with_root_and_parent_refs(desk: Desk) -> None:
    root = desk.connector.publish(PublishRequest("Appeal for witnesses", uuid.uuid4().hex))
    question = desk.inject("reply", "I saw something", reply_to=root.platform_post_id)
    fresh = _connector(desk.sandbox.base_url, desk.force)  # no cache: the refs come from the API
    answer = fresh.publish(PublishRequest("Thank you, please call 112", uuid.uuid4().hex, reply_to_id=question))
    record = desk.sb.posts[answer.platform_post_id].record
    assert record["reply"]["parent"] == {"uri": question, "cid": desk.sb.posts[question].cid}
    assert record["reply"]["root"] == {"uri": root.platform_post_id, "cid": root.extra["cid"]}
    assert answer.extra["root_uri"] == root.platform_post_id
    assert answer.extra["cid"] == desk.sb.posts[answer.platform_post_id].cid


def test_publish_facets_at_byte_offsets_and_images_with_alt_text(desk: Desk, reference_dir: Path) -> None:
    text = f"Löytötavara: #löydetty https://poliisi.fi/x @{desk.citizen['handle']} kiitos"
    image = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes * 4
    post = desk.connector.publish(
        PublishRequest(
            text, uuid.uuid4().hex, lang="fi", media=(MediaUpload(image, "image/png", "A blue bicycle", "b.png"),)
        )
    )
    record = desk.sb.posts[post.platform_post_id].record
    assert Lexicons(reference_dir / "bluesky" / "lexicons").validate(record, "app.bsky.feed.post") == []
    raw = text.encode()
    spans = {
        f["features"][0]["$type"].rsplit("#", 1)[1]: raw[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode()
        for f in record["facets"]
    }
    assert spans == {"tag": "#löydetty", "link": "https://poliisi.fi/x", "mention": f"@{desk.citizen['handle']}"}
    mention = next(f for f in record["facets"] if f["features"][0]["$type"].endswith("#mention"))
    assert mention["features"][0]["did"] == desk.citizen["account_id"]
    assert record["langs"] == ["fi"]
    blob = record["embed"]["images"][0]
    stored = desk.sandbox.state.media[blob["image"]["ref"]["$link"]]
    assert stored.data == image and stored.alt_text == "A blue bicycle" and stored.mime_type == "image/png"
    assert post.url is not None and post.url.endswith(post.platform_post_id.rsplit("/", 1)[1])


def test_chat_in_and_out(desk: Desk) -> None:
    desk.inject("mention", "public hello")
    tip = desk.inject("dm", "my bike was stolen")
    page = desk.connector.fetch_inbound(Stream.DIRECT, None, limit=50)
    assert [r.platform_item_id for r in page.records] == [tip]
    message = page.records[0]
    assert message.kind is ItemKind.DIRECT and not message.from_account
    assert message.author_handle == desk.citizen["handle"]
    answer = desk.connector.send_direct_message(
        DirectMessageRequest(message.conversation_key, message.author_id, "Please file a report", uuid.uuid4().hex)
    )
    convo = desk.sb.convos[message.conversation_key]
    assert convo.messages[-1].id == answer.platform_post_id
    assert convo.messages[-1].text == "Please file a report"
    follow = desk.inject("dm", "thanks")
    later = desk.connector.fetch_inbound(Stream.DIRECT, page.cursor, limit=50).records
    assert [(r.platform_item_id, r.from_account) for r in later] == [(answer.platform_post_id, True), (follow, False)]
    assert desk.connector.fetch_inbound(Stream.DIRECT, page.cursor, limit=1).has_more


def test_feeds_metrics_find_and_delete(desk: Desk) -> None:
    tag = "beat" + uuid.uuid4().hex[:6]
    posts = [desk.connector.publish(PublishRequest(f"Update {i} #{tag}", uuid.uuid4().hex)) for i in range(3)]
    desk.inject("reply", "thanks!", reply_to=posts[0].platform_post_id)
    own = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), limit=2)
    assert [p.post_id for p in own.posts] == [posts[2].platform_post_id, posts[1].platform_post_id]
    rest = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), cursor=own.cursor, limit=2)
    assert [p.post_id for p in rest.posts] == [posts[0].platform_post_id]
    tagged = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.SEARCH, f"#{tag}"))
    assert {p.post_id for p in tagged.posts} == {p.platform_post_id for p in posts}
    mentions = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.MENTIONS))
    assert [p.text for p in mentions.posts] == [f"@{desk.force['handle']} thanks!"]
    home = desk.connector.fetch_feed(FeedColumnSpec(FeedKind.HOME))
    assert posts[0].platform_post_id in [p.post_id for p in home.posts]
    metrics = desk.connector.fetch_metrics([p.platform_post_id for p in posts])
    assert metrics[posts[0].platform_post_id].replies == 1 and metrics[posts[1].platform_post_id].replies == 0
    found = desk.connector.find_published("k", f"Update 1  #{tag}", posts[0].published_at - timedelta(seconds=1))
    assert found is not None and found.platform_post_id == posts[1].platform_post_id
    assert desk.connector.find_published("k", "never sent", posts[0].published_at) is None
    desk.connector.delete(posts[2].platform_post_id)
    assert desk.sb.posts[posts[2].platform_post_id].deleted
    assert posts[2].platform_post_id not in desk.connector.fetch_metrics([posts[2].platform_post_id])
    with pytest.raises(Rejected):
        desk.connector.delete(f"at://{desk.citizen['account_id']}/app.bsky.feed.post/3kabcabcabc22")


def test_wrong_password_is_auth_expired(desk: Desk) -> None:
    with pytest.raises(AuthExpired):
        _connector(desk.sandbox.base_url, desk.citizen, password="wrong").verify()


def test_revoked_token_recovers_through_the_refresh_token(desk: Desk) -> None:
    desk.connector.verify()
    access = desk.connector._client._session.access_jwt
    desk.admin.post("/_sandbox/revoke", json={"token": access})
    before = desk.session_logins()
    assert desk.connector.verify().handle == desk.force["handle"]
    assert desk.connector._client._session.access_jwt != access
    assert desk.session_logins() == before  # refreshed, not logged in again


def test_refused_refresh_falls_back_to_the_password_then_gives_up(desk: Desk) -> None:
    desk.connector.verify()
    session = desk.connector._client._session
    for token in (session.access_jwt, session.refresh_jwt):
        desk.sb.sessions[token].revoked = True
    desk.admin.post("/_sandbox/revoke", json={"token": session.access_jwt})
    assert desk.connector.verify().platform_account_id == desk.force["account_id"]
    # now the password changes as well: the account must be reconnected
    account = desk.sandbox.state.find_account("bluesky", desk.force["handle"])
    account.credentials["password"] = "changed"
    session = desk.connector._client._session
    desk.sb.sessions[session.refresh_jwt].revoked = True
    desk.admin.post("/_sandbox/revoke", json={"token": session.access_jwt})
    with pytest.raises(AuthExpired):
        desk.connector.verify()


def test_refusals_are_rejected_with_the_reason(desk: Desk) -> None:
    with pytest.raises(Rejected, match="300 graphemes"):
        desk.connector.publish(PublishRequest("x" * 301, uuid.uuid4().hex))
    with pytest.raises(Rejected):
        desk.connector.publish(PublishRequest("cw", uuid.uuid4().hex, content_warning="graphic"))
    with pytest.raises(Rejected):
        desk.connector.hide_reply("at://x")


def test_rate_limit_is_rate_limited_until_the_reset(desk: Desk, sandbox_admin: httpx.Client) -> None:
    desk.connector.verify()
    sandbox_admin.post(
        "/_sandbox/faults", json={"burst_429": 1, "max_faults": 1, "paths": ["/xrpc/app.bsky.actor.getProfile"]}
    )
    with pytest.raises(RateLimited) as caught:
        desk.connector.verify()
    now = desk.sandbox.state.now()
    assert timedelta(seconds=30) < caught.value.until - now <= timedelta(seconds=61)
    # the write budget: 5,000 points an hour, 3 points per post
    did = desk.force["account_id"]
    desk.connector.publish(PublishRequest("first", uuid.uuid4().hex))
    window = desk.sandbox.state.rate_windows[(f"bluesky-write:{did}", "hour")]
    window.hits.extend([desk.sandbox.state.now()] * (5000 - 3 - len(window.hits) + 1))
    with pytest.raises(RateLimited) as write_limited:
        desk.connector.publish(PublishRequest("second", uuid.uuid4().hex))
    assert timedelta(minutes=59) < write_limited.value.until - desk.sandbox.state.now() <= timedelta(hours=1)


def test_timeouts_transient_on_reads_unconfirmed_on_posts(desk: Desk, sandbox: Any) -> None:
    connector = _connector(sandbox.base_url, desk.force, timeout=0.3)
    connector.verify()
    faults = {"timeout_rate": 1.0, "timeout_s": 0.8, "max_faults": 1}
    desk.admin.post("/_sandbox/faults", json={**faults, "paths": ["/xrpc/app.bsky.notification"]})
    with pytest.raises(Transient):
        connector.fetch_inbound(Stream.MENTIONS, None)
    desk.admin.post("/_sandbox/faults", json={**faults, "paths": ["/xrpc/com.atproto.repo.createRecord"]})
    with pytest.raises(Unconfirmed):
        connector.publish(PublishRequest("Holding statement", uuid.uuid4().hex))
    desk.admin.post("/_sandbox/faults", json={"drop_rate": 1.0, "max_faults": 1, "paths": ["/xrpc/chat.bsky"]})
    with pytest.raises(Unconfirmed):
        connector.send_direct_message(DirectMessageRequest("c", "d", "hello", uuid.uuid4().hex))


def test_unreachable_server_is_transient_even_for_posts(desk: Desk) -> None:
    bluesky_module._SESSIONS.clear()
    connector = _connector(f"http://127.0.0.1:{free_port()}", desk.force, timeout=1)
    with pytest.raises(Transient):
        connector.publish(PublishRequest("nothing leaves", uuid.uuid4().hex))


def test_session_survives_an_accelerated_clock() -> None:
    """With a shared clock running 10 h per real second, the SDK's real-clock check still accepts the token,
    and the sandbox's ExpiredToken is met by refreshing."""
    from connectors.sandbox import SandboxServer
    from desk.clock import AcceleratedClock

    clock = AcceleratedClock.starting_at(datetime(2026, 1, 5, 8, 0, tzinfo=UTC), speed=36_000.0)
    with SandboxServer(clock=clock) as server, httpx.Client(base_url=server.base_url, timeout=10) as admin:
        force = create_sandbox_account(admin, "bluesky", "fastclock")
        connector = BlueskyConnector(
            AccountRef(Platform.BLUESKY, force["handle"], server.base_url, "k"),
            force["credentials"],
            clock=clock,
            http=HttpSettings(timeout=5),
        )
        connector.verify()
        clock.sleep(3 * 3600)
        assert connector.verify().handle == force["handle"]
        paths = [r["path"] for r in admin.get("/_sandbox/log").json()["requests"]]
        assert sum(p.endswith("createSession") for p in paths) == 1
        assert sum(p.endswith("refreshSession") for p in paths) == 1


def test_unreadable_notification_is_quarantined_and_the_page_goes_on(desk: Desk) -> None:
    good = desk.inject("mention", "first")
    broken = desk.inject("mention", "second")
    desk.sb.posts[broken].record["text"] = {"not": "text"}
    later = desk.inject("mention", "third")
    page = desk.connector.fetch_inbound(Stream.MENTIONS, None, limit=50)
    assert [r.platform_item_id for r in page.records] == [good, later]
    assert len(page.quarantined) == 1
    assert broken in page.quarantined[0].payload and "text" in page.quarantined[0].reason


def test_quote_post_embeds_the_strong_ref(desk: Desk) -> None:
    original = desk.inject("mention", "Has anyone seen this dog?")
    quote = desk.connector.publish(PublishRequest("Please share", uuid.uuid4().hex, quote_id=original))
    embed = desk.sb.posts[quote.platform_post_id].record["embed"]
    assert embed == {"$type": "app.bsky.embed.record", "record": {"uri": original, "cid": desk.sb.posts[original].cid}}
    assert desk.connector.fetch_metrics([original])[original].quotes == 1


def _drain_mentions(desk: Desk) -> list[str]:
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(20):
        page = desk.connector.fetch_inbound(Stream.MENTIONS, cursor, limit=50)
        seen += [r.platform_item_id for r in page.records]
        cursor = page.cursor
        if not page.has_more:
            return seen
    raise AssertionError("the sync never ended")


def test_who_may_reply_is_a_threadgate_written_before_the_post(desk: Desk) -> None:
    from desk.ports import ReplyPolicy

    assert set(bluesky_module.CAPABILITIES.reply_policies) == set(ReplyPolicy)
    _drain_mentions(desk)  # start from now
    closed = desk.connector.publish(
        PublishRequest("Statement on tonight's incident", uuid.uuid4().hex, reply_policy=ReplyPolicy.NOBODY)
    )
    rkey = closed.platform_post_id.rsplit("/", 1)[1]
    gate = desk.sb.threadgates[closed.platform_post_id]
    assert gate["uri"] == f"at://{desk.force['account_id']}/app.bsky.feed.threadgate/{rkey}"
    assert gate["record"]["allow"] == [] and gate["record"]["post"] == closed.platform_post_id
    log = [r["path"] for r in desk.admin.get("/_sandbox/log").json()["requests"] if r["path"].endswith("createRecord")]
    assert len(log) >= 2  # the gate, then the post
    # A citizen's reply is stored by their server but hidden by the app view: it never reaches the inbox.
    hidden = desk.inject("reply", "what happened?", reply_to=closed.platform_post_id)
    assert desk.sb.posts[hidden].gated
    assert _drain_mentions(desk) == []
    thread = desk.connector._query("app.bsky.feed.getPostThread", {"uri": closed.platform_post_id})
    assert thread["thread"].get("replies") == []
    assert thread["thread"]["post"]["threadgate"]["uri"] == gate["uri"]
    # Mentioned accounts only: the mentioned citizen may reply, and that reply arrives.
    text = f"@{desk.citizen['handle']} thank you for the tip, please reply here"
    open_to_one = desk.connector.publish(PublishRequest(text, uuid.uuid4().hex, reply_policy=ReplyPolicy.MENTIONED))
    allowed = desk.inject("reply", "here is more", reply_to=open_to_one.platform_post_id)
    assert _drain_mentions(desk) == [allowed]
    # Replies cannot carry a gate: refused before anything is sent.
    with pytest.raises(Rejected, match="first post of a thread"):
        desk.connector.publish(
            PublishRequest("x", uuid.uuid4().hex, reply_to_id=allowed, reply_policy=ReplyPolicy.NOBODY)
        )


def test_a_failed_gate_leaves_nothing_posted(desk: Desk) -> None:
    from desk.ports import ReplyPolicy

    own = desk.force["account_id"]
    before = {u for u, p in desk.sb.posts.items() if p.did == own}
    desk.admin.post(
        "/_sandbox/faults",
        json={"error_rate": 1.0, "paths": ["/xrpc/com.atproto.repo.createRecord"], "max_faults": 1},
    )
    with pytest.raises((Transient, Unconfirmed)):
        desk.connector.publish(PublishRequest("Gated statement", uuid.uuid4().hex, reply_policy=ReplyPolicy.NOBODY))
    assert {u for u, p in desk.sb.posts.items() if p.did == own} == before


def test_video_posts_upload_a_blob_and_embed_it(desk: Desk, reference_dir: Path) -> None:
    video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + uuid.uuid4().bytes * 64
    post = desk.connector.publish(
        PublishRequest(
            "How to report a crime online",
            uuid.uuid4().hex,
            media=(MediaUpload(video, "video/mp4", "An officer", "v.mp4"),),
        )
    )
    record = desk.sb.posts[post.platform_post_id].record
    embed = record["embed"]
    assert embed["$type"] == "app.bsky.embed.video" and embed["alt"] == "An officer"
    stored = desk.sandbox.state.media[embed["video"]["ref"]["$link"]]
    assert stored.data == video and stored.mime_type == "video/mp4"
    view = desk.connector._query("app.bsky.feed.getPosts", {"uris": [post.platform_post_id]})["posts"][0]
    assert view["embed"]["$type"] == "app.bsky.embed.video#view"
    assert view["embed"]["playlist"].endswith(f"/{embed['video']['ref']['$link']}/playlist.m3u8")
    image = (reference_dir / "images" / "coffee.png").read_bytes()
    with pytest.raises(Rejected, match="not both"):
        desk.connector.publish(
            PublishRequest(
                "Both",
                uuid.uuid4().hex,
                media=(MediaUpload(video, "video/mp4", "v"), MediaUpload(image, "image/png", "cup")),
            )
        )
