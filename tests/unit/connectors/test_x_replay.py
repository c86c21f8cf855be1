"""The X connector's parsing, run on the real recordings (tweepy's cassettes of api.twitter.com).

Bodies come from ``x/cassettes_decoded``; response headers (rate limits, dates) from the raw YAML in
``x/cassettes``. The connector itself is driven through a transport adapter that answers with the
recorded status, headers and body, so verify/fetch/publish read exactly what X sent.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from connectors.transport import HttpSettings
from connectors.x import (
    XConnector,
    comparable_text,
    index_includes,
    parse_cursor,
    parse_feed_post,
    parse_page,
    parse_post,
    snowflake_time,
)
from desk.clock import ManualClock
from desk.ports import AccountRef, DirectMessageRequest, ItemKind, Platform, PublishRequest, Rejected, Stream

OWN_ID = "1072250532645998596"  # TweepyDev, the recording account


def decoded(reference_dir: Path, name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (reference_dir / "x" / "cassettes_decoded" / f"{name}.decoded.json").read_text()
    )
    return data


def recorded_headers(reference_dir: Path, name: str) -> list[dict[str, str]]:
    """Each interaction's response headers from the raw cassette (single-valued ones are enough here)."""
    text = (reference_dir / "x" / "cassettes" / f"{name}.yaml").read_text()
    out = []
    for response in text.split("\n  response:\n")[1:]:
        block = response.split("\n    headers:\n", 1)[1].split("\n    status:\n", 1)[0]
        headers = {}
        for match in re.finditer(r"^      ([a-z0-9-]+):\n      - (.*)$", block, re.M):
            headers[match.group(1)] = match.group(2).strip("'\"")
        out.append(headers)
    return out


class Replay(HTTPAdapter):
    """Answers each request with the next recorded interaction for its method and path."""

    def __init__(self, interactions: list[tuple[dict[str, Any], dict[str, str]]]) -> None:
        super().__init__()
        self.interactions = interactions
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.requests.append(request)
        path = urlsplit(request.url or "").path
        for index, (interaction, headers) in enumerate(self.interactions):
            if interaction["method"] == request.method and urlsplit(interaction["uri"]).path == path:
                del self.interactions[index]
                response = requests.Response()
                response.status_code = interaction["status"]["code"]
                response.reason = interaction["status"]["message"]
                body = interaction["response_body"]
                response._content = b"" if body == "" else json.dumps(body).encode()
                kept = {k: v for k, v in headers.items() if k not in ("content-encoding", "content-length")}
                response.headers = CaseInsensitiveDict(kept)
                response.url = request.url or ""
                response.request = request
                return response
        raise AssertionError(f"no recording for {request.method} {path}")


def replay_connector(reference_dir: Path, *names: str) -> tuple[XConnector, Replay]:
    interactions: list[tuple[dict[str, Any], dict[str, str]]] = []
    for name in names:
        interactions.extend(zip(decoded(reference_dir, name), recorded_headers(reference_dir, name), strict=True))
    account = AccountRef(Platform.X, "TweepyDev", "https://api.twitter.com", "x:replay", OWN_ID)
    credentials = {
        "consumer_key": "ck",
        "consumer_secret": "cs",
        "access_token": f"{OWN_ID}-t",
        "access_token_secret": "ts",
    }
    connector = XConnector(account, credentials, clock=ManualClock(), http=HttpSettings(timeout=5))
    adapter = Replay(interactions)
    connector.client.session.mount("https://api.twitter.com", adapter)
    connector.media_session.mount("https://api.twitter.com", adapter)
    return connector, adapter


def test_headers_reader_reads_the_cassette(reference_dir: Path) -> None:
    headers = recorded_headers(reference_dir, "test_client_get_users_mentions")
    assert len(headers) == 1
    assert headers[0]["x-rate-limit-limit"] == "450"
    assert headers[0]["date"] == "Fri, 07 Oct 2022 22:43:18 UTC"


def test_verify_reads_the_recorded_account_and_rate_headers(reference_dir: Path) -> None:
    connector, adapter = replay_connector(reference_dir, "test_client_get_me")
    profile = connector.verify()
    assert profile.platform_account_id == OWN_ID
    assert profile.handle == "TweepyDev"
    assert profile.display_name == "Tweepy Testing"
    (state,) = connector.rate_limits()
    assert (state.endpoint, state.limit, state.remaining) == ("GET /2/users/me", 75, 74)
    assert state.reset_at == datetime.fromtimestamp(1641543656, tz=UTC)
    auth = adapter.requests[0].headers["Authorization"]
    assert (auth.decode() if isinstance(auth, bytes) else auth).startswith("OAuth oauth_")


def test_recorded_mentions_page_becomes_records(reference_dir: Path) -> None:
    connector, adapter = replay_connector(reference_dir, "test_client_get_users_mentions")
    connector.user_id = "783214"  # the recording read @Twitter's mentions
    result = connector.fetch_inbound(Stream.MENTIONS, None, 10)
    body = decoded(reference_dir, "test_client_get_users_mentions")[0]["response_body"]
    recorded_ids = [t["id"] for t in body["data"]]
    assert [r.platform_item_id for r in result.records] == sorted(recorded_ids, key=int)  # oldest first
    assert {r.text for r in result.records} == {t["text"] for t in body["data"]}
    assert all(r.kind is ItemKind.MENTION and r.conversation_key == r.platform_item_id for r in result.records)
    # X paged newest first and has more: the cursor continues the walk and remembers the newest id.
    assert result.has_more
    since, token, top, walked = parse_cursor(result.cursor)
    assert (since, token, top) == (None, body["meta"]["next_token"], int(body["meta"]["newest_id"]))
    assert walked == len(body["data"]) and not result.history_unreachable
    # Without created_at the time comes from the snowflake id; the response's Date header bounds it.
    answered = parsedate_to_datetime(recorded_headers(reference_dir, "test_client_get_users_mentions")[0]["date"])
    newest = max(result.records, key=lambda r: r.created_at)
    assert answered - timedelta(minutes=5) < newest.created_at <= answered
    query = urlsplit(adapter.requests[0].url or "").query
    assert "max_results=10" in query and "expansions=author_id" in query


def test_snowflake_time_matches_a_recorded_post_date(reference_dir: Path) -> None:
    # The v1.1 recording carries both an id and X's own created_at for it.
    body = decoded(reference_dir, "testupdatestatuswithmedia")[0]["response_body"]
    stated = datetime.strptime(body["created_at"], "%a %b %d %H:%M:%S %z %Y")
    assert abs((snowflake_time(int(body["id_str"])) - stated).total_seconds()) < 1


def test_feeds_of_recorded_timelines_unescape_text(reference_dir: Path) -> None:
    for name in (
        "test_client_get_home_timeline",
        "test_client_get_users_tweets",
        "test_client_search_recent_tweets",
        "test_client_get_tweets",
    ):
        body = decoded(reference_dir, name)[0]["response_body"]
        users, _ = index_includes(body.get("includes"))
        posts = [parse_feed_post(t, users) for t in body["data"]]
        assert [p.post_id for p in posts] == [t["id"] for t in body["data"]]
    home = decoded(reference_dir, "test_client_get_home_timeline")[0]["response_body"]["data"]
    raw = next(t for t in home if "&amp;" in t["text"])
    assert "&amp;" not in parse_feed_post(raw, {}).text and " & " in parse_feed_post(raw, {}).text
    single = decoded(reference_dir, "test_client_get_tweet")[0]["response_body"]["data"]
    assert parse_post(single, {}, {}, OWN_ID).platform_item_id == "1293593516040269825"


def test_publish_delete_and_hide_read_the_recorded_answers(reference_dir: Path) -> None:
    connector, adapter = replay_connector(
        reference_dir, "test_client_create_and_delete_tweet", "test_client_hide_and_unhide_reply"
    )
    result = connector.publish(PublishRequest("Test Tweet", "k"))
    assert result.platform_post_id == "1456012973835788293"
    assert result.url == "https://x.com/TweepyDev/status/1456012973835788293"
    assert json.loads(adapter.requests[0].body or b"{}") == {"text": "Test Tweet"}
    connector.delete(result.platform_post_id)
    connector.hide_reply("1344794616005066752")
    connector.hide_reply("1344794616005066752", hidden=False)
    limits = {s.endpoint: s.limit for s in connector.rate_limits()}
    assert limits == {"POST /2/tweets": 200, "DELETE /2/tweets/:id": 50, "PUT /2/tweets/:id/hidden": 50}


def test_direct_messages_send_and_quarantine_events_without_a_conversation(reference_dir: Path) -> None:
    connector, _ = replay_connector(reference_dir, "test_manage_and_lookup_direct_messages")
    sent = connector.send_direct_message(DirectMessageRequest("", "750362064426721281", "Testing 1", "k1"))
    assert sent.platform_post_id == "1585800613253812228"
    assert sent.extra == {"dm_conversation_id": "750362064426721281-1072250532645998596"}
    again = connector.send_direct_message(
        DirectMessageRequest("750362064426721281-1072250532645998596", "750362064426721281", "Testing 2", "k2")
    )
    assert again.platform_post_id == "1585800613752881156"
    interactions = decoded(reference_dir, "test_manage_and_lookup_direct_messages")
    empty = parse_page(interactions[3]["response_body"], OWN_ID, Stream.DIRECT)
    assert empty == ([], [], [])
    # These events were fetched without dm_conversation_id: they cannot be threaded, so they are
    # kept aside with the reason and the payload, and the page still completes.
    records, bad, seen = parse_page(interactions[4]["response_body"], OWN_ID, Stream.DIRECT)
    assert records == [] and seen == ["1585800613752881156", "1585800613253812228"]
    assert [q.reason for q in bad] == ["dm_conversation_id is missing"] * 2
    assert json.loads(bad[0].payload)["text"] == "Testing 2"


def test_malformed_items_are_quarantined_and_the_page_goes_on(reference_dir: Path) -> None:
    body = json.loads(json.dumps(decoded(reference_dir, "test_client_get_users_mentions")[0]["response_body"]))
    body["data"][3] = {"id": 42, "text": "numeric id"}
    body["data"][5] = {"id": "1578516220231397376"}
    body["data"].append("not an object")
    records, bad, _ = parse_page(body, OWN_ID, Stream.MENTIONS)
    assert len(records) == 8
    assert [q.reason for q in bad] == [
        "id is missing or not a numeric string: 42",
        "text is missing",
        "post is not an object",
    ]
    assert json.loads(bad[0].payload) == {"id": 42, "text": "numeric id"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
post_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.from_regex(r"[1-9][0-9]{0,18}", fullmatch=True), json_values),
        "text": st.one_of(st.text(max_size=40), json_values),
        "created_at": st.one_of(st.just("2024-01-02T03:04:05.000Z"), json_values),
        "referenced_tweets": json_values,
        "edit_history_tweet_ids": json_values,
        "attachments": json_values,
        "conversation_id": json_values,
        "author_id": json_values,
    },
)


@given(items=st.lists(st.one_of(post_like, json_values), max_size=6), includes=json_values)
def test_any_page_is_read_item_by_item_without_raising(items: list[Any], includes: Any) -> None:
    for stream in (Stream.MENTIONS, Stream.DIRECT):
        records, bad, _ = parse_page({"data": items, "includes": includes}, OWN_ID, stream)
        if stream is Stream.MENTIONS:
            assert len(records) + len(bad) == len(items)
        assert all(q.reason for q in bad)


def test_cursors() -> None:
    assert parse_cursor(None) == (None, None, 0, 0)
    assert parse_cursor("1578516295611748353") == ("1578516295611748353", None, 1578516295611748353, 0)
    assert parse_cursor("walk:12:tok:99") == ("12", "tok", 99, 0)  # written before walks counted items
    assert parse_cursor("walk::tok:99:700") == (None, "tok", 99, 700)
    for bad in ("garbage", "walk:12:tok:99:x", "walk:12:tok:99:1:2"):
        with pytest.raises(Rejected):
            parse_cursor(bad)
    assert comparable_text("Call 1 &amp; more https://t.co/abc") == comparable_text(
        "Call 1 & more  https://example.org/x"
    )


def test_network_settings_reach_both_sessions() -> None:
    settings = HttpSettings(timeout=7, ca_bundle="/etc/ssl/force-ca.pem", proxies={"https": "http://proxy.local:3128"})
    account = AccountRef(Platform.X, "TweepyDev", "https://api.twitter.com", "x:k", OWN_ID)
    credentials = {
        "consumer_key": "a",
        "consumer_secret": "b",
        "access_token": f"{OWN_ID}-c",
        "access_token_secret": "d",
    }
    connector = XConnector(account, credentials, clock=ManualClock(), http=settings)
    for session in (connector.client.session, connector.media_session):
        assert session.verify == "/etc/ssl/force-ca.pem"
        assert session.proxies["https"] == "http://proxy.local:3128"
        adapter = session.get_adapter("https://api.twitter.com/2/users/me")
        assert getattr(adapter, "timeout", None) == 7
