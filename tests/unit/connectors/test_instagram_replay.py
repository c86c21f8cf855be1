"""The Instagram connector's parsing on real Graph recordings (reference/facebook/testdata/instagram)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.graph_common import UNREADABLE
from connectors.instagram import InstagramConnector, parse_media_metrics
from connectors.transport import HttpSettings
from desk.clock import ManualClock
from desk.ports import AccountRef, FeedColumnSpec, FeedKind, ItemKind, Platform, RateLimited, Stream
from tests.unit.connectors.test_facebook_replay import RecordedGraph

IG_ID = "17841406338772941"


def recording(reference_dir: Path, relative: str) -> Any:
    """A recorded Instagram Graph body."""
    return json.loads((reference_dir / "facebook" / "testdata" / "instagram" / relative).read_text(encoding="utf-8"))


@pytest.fixture
def connector() -> InstagramConnector:
    """A connector for the recorded account (no network is touched)."""
    account = AccountRef(Platform.INSTAGRAM, "ikroskun", "https://graph.facebook.com", "k")
    return InstagramConnector(
        account,
        {"ig_user_id": IG_ID, "page_id": "2121008874780932", "access_token": "EAAG"},
        clock=ManualClock(datetime(2021, 8, 20, tzinfo=UTC)),
        http=HttpSettings(),
    )


def test_real_comment_with_username_and_replies(connector: InstagramConnector, reference_dir: Path) -> None:
    raw = recording(reference_dir, "models/ig_comment.json")
    record = connector.parse_comment(raw, raw["media"]["id"])
    assert (record.platform_item_id, record.author_handle) == ("17892250648466172", "ikroskun")
    assert record.text == "@ikroskun  Hey, guys"
    assert record.created_at == datetime(2020, 2, 24, 9, 15, 16, tzinfo=UTC)
    assert record.kind == ItemKind.COMMENT and record.conversation_key == "17846368219941692"
    # the recorded nested reply was fetched without author fields: it cannot be attributed, so it is refused
    bare = raw["replies"]["data"][0]
    with pytest.raises(UNREADABLE):
        connector.parse_comment(bare, "17846368219941692", parent_id=record.platform_item_id)
    reply = connector.parse_comment(
        {**bare, "username": "yjmjump"}, "17846368219941692", parent_id=record.platform_item_id
    )
    assert reply.kind == ItemKind.REPLY and reply.in_reply_to_id == "17892250648466172"
    assert reply.author_handle == "yjmjump" and reply.text == "@ikroskun Nice"


def test_comments_walk_over_recorded_pages(connector: InstagramConnector, reference_dir: Path) -> None:
    media = recording(reference_dir, "apidata/users/medias_p1.json")
    p1 = recording(reference_dir, "apidata/medias/comments_p1.json")
    p2 = recording(reference_dir, "apidata/medias/comments_p2.json")
    # the recorded comment pages hold no author: the connector cannot attribute them and quarantines them
    fake = RecordedGraph(
        {
            f"{IG_ID}/media": [media, recording(reference_dir, "apidata/users/medias_p2.json")],
            "17896622936197745/comments": [p1, p2],
            f"{IG_ID}/tags": [recording(reference_dir, "apidata/users/tagged_medias.json")],
        }
    )
    connector.session = fake  # type: ignore[assignment]
    result = connector.fetch_inbound(Stream.COMMENTS, None, limit=100)
    assert [q.reason.split(":")[0] for q in result.quarantined] == ["unreadable comment"] * 4
    # media without comments are not asked for their comments
    assert [p for p, _ in fake.calls if p.endswith("/comments")] == ["17896622936197745/comments"] * 2
    # the tagged media become mentions, oldest first
    mentions = [r for r in result.records if r.kind == ItemKind.MENTION]
    assert mentions and [r.created_at for r in mentions] == sorted(r.created_at for r in mentions)
    assert mentions[-1].platform_item_id == "17892354025952911"
    assert mentions[-1].text == "publish test"


def test_recorded_media_list_as_feed_and_metrics(connector: InstagramConnector, reference_dir: Path) -> None:
    p1 = recording(reference_dir, "apidata/users/medias_p1.json")
    connector.session = RecordedGraph({f"{IG_ID}/media": [p1]})  # type: ignore[assignment]
    page = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), limit=2)
    assert [(p.post_id, p.metrics.likes, p.metrics.replies) for p in page.posts] == [
        ("17895731045244887", 0, 0),
        ("17896622936197745", 2, 6),
    ]
    assert page.cursor is not None  # the recording has paging.next
    album = recording(reference_dir, "apidata/medias/media_default.json")
    assert parse_media_metrics(album).likes == 1 and parse_media_metrics(album).replies == 0


def test_recorded_publishing_limit_feeds_rate_limits(connector: InstagramConnector, reference_dir: Path) -> None:
    answer = recording(reference_dir, "apidata/users/content_publish_limit.json")
    connector.session.get = lambda path, **args: answer  # type: ignore[method-assign]
    connector._check_quota()
    quota = {s.endpoint: s for s in connector.rate_limits()}["instagram:content_publishing"]
    assert (quota.limit, quota.remaining) == (25, 25)  # the recording's own quota_total
    full = {"data": [{"quota_usage": 25, "config": {"quota_total": 25, "quota_duration": 86400}}]}
    connector.session.get = lambda path, **args: full  # type: ignore[method-assign]
    with pytest.raises(RateLimited):
        connector._check_quota()


@given(
    raw=st.dictionaries(
        st.sampled_from(["id", "text", "timestamp", "username", "from", "caption"]),
        st.none()
        | st.integers()
        | st.text(max_size=12)
        | st.just("2020-02-24T09:15:16+0000")
        | st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2)
        | st.lists(st.integers(), max_size=2),
    )
)
def test_malformed_items_fail_only_with_quarantinable_errors(raw: dict[str, Any]) -> None:
    account = AccountRef(Platform.INSTAGRAM, "a", "https://graph.facebook.com", "k")
    conn = InstagramConnector(
        account, {"ig_user_id": "1", "page_id": "2", "access_token": "t"}, clock=ManualClock(), http=HttpSettings()
    )
    for parse in (lambda: conn.parse_comment(raw, "m"), lambda: conn.parse_mention(raw)):
        try:
            record = parse()
        except UNREADABLE:
            continue
        assert record.platform_item_id == str(raw["id"])
