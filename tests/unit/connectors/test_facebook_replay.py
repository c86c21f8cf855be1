"""The Facebook connector's parsing on real Graph recordings (reference/facebook/testdata), and on junk."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.facebook import FacebookConnector, parse_message, parse_metrics
from connectors.graph_common import UNREADABLE, GraphSession, InboundCursor, next_args
from connectors.transport import HttpSettings
from desk.clock import ManualClock
from desk.ports import (
    AccountRef,
    AuthExpired,
    FeedColumnSpec,
    FeedKind,
    ItemKind,
    Platform,
    RateLimited,
    Rejected,
    Stream,
    Transient,
    Unconfirmed,
)

PAGE_ID = "19292868552"


def recording(reference_dir: Path, relative: str) -> Any:
    """A recorded Graph body."""
    return json.loads((reference_dir / "facebook" / "testdata" / relative).read_text(encoding="utf-8"))


class RecordedGraph:
    """Stands in for the network: answers paths with recorded bodies (the parsing is what is under test)."""

    def __init__(self, answers: dict[str, list[Any]]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def get(self, path: str, **args: Any) -> Any:
        self.calls.append((path, args))
        pages = self.answers[path]
        index = sum(1 for p, _ in self.calls if p == path) - 1
        return pages[min(index, len(pages) - 1)]

    def paged(self, path: str, *, pace: Any = None, **args: Any) -> Iterator[Any]:
        current = dict(args)
        while True:
            page = self.get(path, **current)
            yield page
            following = next_args(page)
            if following is None or following == current:
                return
            current = following


@pytest.fixture
def connector() -> FacebookConnector:
    """A connector for the recorded Page (no network is touched)."""
    account = AccountRef(Platform.FACEBOOK, "FacebookforDevelopers", "https://graph.facebook.com", "k")
    return FacebookConnector(
        account,
        {"page_id": PAGE_ID, "access_token": "EAAG"},
        clock=ManualClock(datetime(2021, 7, 20, tzinfo=UTC)),
        http=HttpSettings(),
    )


def test_comments_embedded_in_real_posts_parse(connector: FacebookConnector, reference_dir: Path) -> None:
    posts = recording(reference_dir, "facebook/apidata/posts/multi_posts_data.json")
    post_id = "19292868552_10158347294088553"
    raw = posts[post_id]["comments"]["data"]
    records = [connector.parse_comment(c, post_id) for c in raw]
    assert len(records) == 7
    first = records[0]
    assert first.platform_item_id == "19292868552_10158347294088553_10158348537573553"
    assert (first.author_id, first.author_name) == ("100070073499229", "Vivian Smith")
    assert first.text.startswith("Inbox me for help")
    assert first.created_at == datetime(2021, 7, 9, 9, 29, 6, tzinfo=UTC)
    assert first.kind == ItemKind.COMMENT and first.conversation_key == post_id and not first.from_account


def test_full_comment_model_with_photo_attachment(connector: FacebookConnector, reference_dir: Path) -> None:
    raw = recording(reference_dir, "facebook/models/comment.json")
    record = connector.parse_comment(raw, "2954961744718970")
    assert record.text == "My Nice Car "
    assert record.url == raw["permalink_url"]
    assert len(record.attachments) == 1 and record.attachments[0].url.startswith("https://scontent")
    assert record.attachments[0].mime_type == "image/jpeg"


def test_recorded_feed_with_engagement_becomes_feed_posts(connector: FacebookConnector, reference_dir: Path) -> None:
    page = recording(reference_dir, "facebook/apidata/posts/feeds_default_fields_p1.json")
    post = connector.parse_post(page["data"][0])
    assert post.post_id == "19292868552_10158349356748553"
    assert (post.metrics.likes, post.metrics.replies, post.metrics.reposts) == (125, 13, 10)
    assert post.url == "https://www.facebook.com/19292868552/posts/10158349356748553/"


def test_feed_column_follows_time_based_paging(connector: FacebookConnector, reference_dir: Path) -> None:
    p1 = recording(reference_dir, "facebook/apidata/posts/feed_fields_p1.json")
    p2 = recording(reference_dir, "facebook/apidata/posts/feed_fields_p2.json")
    fake = RecordedGraph({f"{PAGE_ID}/posts": [p1, p2]})
    connector.session = fake  # type: ignore[assignment]
    first = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), limit=5)
    assert first.posts[0].text == "Happy July 4th! 🇺🇸"
    assert first.cursor is not None
    second = connector.fetch_feed(FeedColumnSpec(FeedKind.OWN_POSTS), cursor=first.cursor, limit=5)
    assert fake.calls[1][1]["until"] == "1624385168"  # the recorded next page's own query, token removed
    assert "access_token" not in fake.calls[1][1]
    assert second.cursor is None and len(second.posts) == 5  # the recorded last page has no next


def test_single_post_reactions_as_metrics(reference_dir: Path) -> None:
    raw = recording(reference_dir, "facebook/apidata/posts/single_post_data.json")
    metrics = parse_metrics(raw)
    assert (metrics.likes, metrics.replies, metrics.reposts) == (1, 0, 0)


def test_real_messages_parse_with_attachments(reference_dir: Path) -> None:
    raw = recording(reference_dir, "facebook/models/message.json")
    record = parse_message(raw, "t_587956915396498", "2121008874780932", Platform.FACEBOOK)
    assert record.text == "Love is peace!😏"
    assert (record.author_id, record.author_name) == ("2711636948859886", "Kun Liu")
    assert record.kind == ItemKind.DIRECT and record.conversation_key == "t_587956915396498"
    assert record.attachments[0].mime_type == "image/jpeg"
    many = recording(reference_dir, "facebook/apidata/messages/messages_info.json")
    kinds = [
        parse_message(m, "t", "2121008874780932", Platform.FACEBOOK).attachments[0].mime_type for m in many.values()
    ]
    assert kinds == ["image/jpeg", "video/mp4"]
    # the Page's own message is marked as such
    own = parse_message(
        {**raw, "from": {"id": "2121008874780932", "name": "MyLife"}}, "t", "2121008874780932", Platform.FACEBOOK
    )
    assert own.from_account


def test_comment_walk_quarantines_unreadable_items_and_goes_on(
    connector: FacebookConnector, reference_dir: Path
) -> None:
    posts = recording(reference_dir, "facebook/apidata/posts/multi_posts_data.json")
    post_id = "19292868552_10158347294088553"
    comments = list(posts[post_id]["comments"]["data"])
    # the real comments_p1 items were recorded without an id: they cannot be stored, so they are quarantined
    no_id = recording(reference_dir, "facebook/apidata/comments/comments_p1.json")["data"][0]
    broken_time = {**comments[1], "created_time": "yesterday"}
    page = {"data": [comments[0], no_id, broken_time, *comments[2:]]}
    feed = {
        "data": [
            {"id": post_id, "created_time": "2021-07-08T15:30:19+0000", "updated_time": "2021-07-09T09:29:06+0000"}
        ]
    }
    connector.session = RecordedGraph({f"{PAGE_ID}/feed": [feed], f"{post_id}/comments": [page]})  # type: ignore[assignment]
    result = connector.fetch_inbound(Stream.COMMENTS, None, limit=100)
    assert len(result.records) == 6
    assert [q.reason.split(":")[0] for q in result.quarantined] == ["unreadable comment"] * 2
    assert json.loads(result.quarantined[0].payload) == no_id  # the raw payload is kept whole
    times = [r.created_at for r in result.records]
    assert times == sorted(times)


def test_error_recordings_translate_to_connector_errors(reference_dir: Path) -> None:
    import facebook

    account = AccountRef(Platform.FACEBOOK, "p", "https://graph.facebook.com", "k")
    session = GraphSession(
        account, {"access_token": "t"}, clock=ManualClock(), http=HttpSettings(), platform=Platform.FACEBOOK
    )
    for name in ("error.json", "base/error_data.json"):
        err = session.translate(facebook.GraphAPIError(recording(reference_dir, name)), write=False)
        assert isinstance(err, Rejected) and err.platform_code == "100"
        assert "(#100)" in err.message

    def error(code: int, subcode: int | None = None) -> Any:
        body: dict[str, Any] = {"message": "m", "type": "OAuthException", "code": code}
        if subcode:
            body["error_subcode"] = subcode
        return facebook.GraphAPIError({"error": body})

    assert isinstance(session.translate(error(190, 460), write=False), AuthExpired)
    for code in (4, 17, 32, 613, 80001, 80002):
        limited = session.translate(error(code), write=True)
        assert isinstance(limited, RateLimited)
        assert limited.until > ManualClock().now()
    assert isinstance(session.translate(error(2), write=False), Transient)
    assert isinstance(session.translate(error(1), write=True), Unconfirmed)
    window = session.translate(error(10, 2018278), write=True)
    assert isinstance(window, Rejected) and "24 hours" in window.message
    assert isinstance(session.translate(facebook.GraphAPIError({"error": "not an object"}), write=False), Transient)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
comment_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "message": json_values,
        "created_time": st.one_of(json_values, st.just("2021-07-09T09:29:06+0000")),
        "from": json_values,
        "parent": json_values,
        "attachment": json_values,
        "permalink_url": json_values,
    },
)


@given(raw=comment_like)
def test_malformed_comments_fail_only_with_quarantinable_errors(raw: dict[str, Any]) -> None:
    account = AccountRef(Platform.FACEBOOK, "p", "https://graph.facebook.com", "k")
    conn = FacebookConnector(account, {"page_id": "1", "access_token": "t"}, clock=ManualClock(), http=HttpSettings())
    try:
        record = conn.parse_comment(raw, "1_2")
    except UNREADABLE:
        return
    assert record.platform_item_id == str(raw["id"])


@given(
    raw=st.fixed_dictionaries(
        {},
        optional={
            "id": json_values,
            "created_time": json_values,
            "from": json_values,
            "message": json_values,
            "attachments": json_values,
        },
    )
)
def test_malformed_messages_fail_only_with_quarantinable_errors(raw: dict[str, Any]) -> None:
    try:
        parse_message(raw, "t_1", "1", Platform.FACEBOOK)
    except UNREADABLE:
        return


@given(st.text(max_size=80))
def test_damaged_cursors_are_refused_clearly(value: str) -> None:
    try:
        cursor = InboundCursor.decode(value)
    except Rejected as exc:
        assert "sync" in exc.message
        return
    assert cursor.time is None or cursor.time.tzinfo is not None


def test_an_accepted_write_without_an_id_is_unconfirmed(connector: FacebookConnector) -> None:
    from desk.ports import PublishRequest

    class Accepting:
        def post(self, path: str, files: Any = None, **data: Any) -> dict[str, Any]:
            return {"success": True}

    connector.session = Accepting()  # type: ignore[assignment]
    with pytest.raises(Unconfirmed, match="check the account"):
        connector.publish(PublishRequest("Road reopened", "k"))


def test_paced_paging_waits_out_one_per_second_refusal() -> None:
    clock = ManualClock()
    account = AccountRef(Platform.FACEBOOK, "p", "https://graph.facebook.com", "k")
    session = GraphSession(account, {"access_token": "t"}, clock=clock, http=HttpSettings(), platform=Platform.FACEBOOK)
    answers: list[Any] = [RateLimited("613", until=clock.now()), {"data": [1]}, RateLimited("613", until=clock.now())]

    def get(path: str, **args: Any) -> Any:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    session.get = get  # type: ignore[method-assign]
    start = clock.now()
    assert list(session.paged("1/conversations", pace=("conversations", 0.55))) == [{"data": [1]}]
    assert (clock.now() - start).total_seconds() >= 1.1  # waited two pacing intervals before the retry
    answers[:] = [RateLimited("613", until=clock.now()), RateLimited("613", until=clock.now())]
    with pytest.raises(RateLimited):
        list(session.paged("1/conversations", pace=("conversations", 0.55)))
    answers[:] = [RateLimited("4", until=clock.now())]
    with pytest.raises(RateLimited):
        list(session.paged("1/feed"))  # unpaced calls are not retried
