"""The Mastodon connector's parsers on real recorded Mastodon traffic (Mastodon.py's cassettes)."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.mastodon import (
    CAPABILITIES,
    html_to_text,
    parse_feed_post,
    parse_instance_capabilities,
    parse_metrics,
    parse_notification,
    parse_reset,
    parse_status_record,
)
from connectors.sandbox.mastodon import countable_length
from desk.ports import ItemKind, Platform


def _cassette(reference_dir: Path, name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((reference_dir / "mastodon" / "cassettes_decoded" / name).read_text())
    return data


def _body(reference_dir: Path, name: str, index: int) -> Any:
    return _cassette(reference_dir, name)[index]["response_body"]


def test_mention_notification_from_the_recording(reference_dir: Path) -> None:
    notes = _body(reference_dir, "test_notifications.json", 1)
    record = parse_notification(notes[0], own_account_id="117020565966271181")
    assert record.platform is Platform.MASTODON
    assert record.platform_item_id == "117020576916218297"
    assert record.kind is ItemKind.MENTION
    assert record.text == "@mastodonpy_test hello!"
    assert record.author_handle == "admin"
    assert record.author_id == "117020565693913441"
    assert record.created_at == datetime(2026, 8, 1, 13, 51, 39, 138000, tzinfo=UTC)
    assert record.lang == "en"
    assert record.url == "http://localhost:3000/@admin/117020576916218297"
    assert record.conversation_key == record.platform_item_id  # not a reply: its own thread
    assert record.raw["id"] == "117020576916218297"


def test_every_recorded_mention_notification_parses(reference_dir: Path) -> None:
    seen = 0
    for name, index in [
        ("test_notifications.json", 1),
        ("test_notifications_mentions_only.json", 1),
        ("test_notifications_types.json", 2),
    ]:
        for note in _body(reference_dir, name, index):
            if note["type"] != "mention":
                with pytest.raises(ValueError, match="not a mention"):
                    parse_notification(note, own_account_id=None)
                continue
            record = parse_notification(note, own_account_id=None)
            assert record.text.startswith("@")
            seen += 1
    assert seen >= 2


def test_reply_is_recognised_against_the_own_account(reference_dir: Path) -> None:
    reply = _body(reference_dir, "test_status_reply.json", 2)
    record = parse_status_record(reply, own_account_id="117020566092212359")
    assert record.kind is ItemKind.REPLY
    assert record.in_reply_to_id == "117020583245459824"
    assert record.conversation_key == "117020583245459824"  # the parent, when the root is not known
    other = parse_status_record(reply, own_account_id="999")
    assert other.kind is ItemKind.MENTION


def test_direct_status_and_content_warning(reference_dir: Path) -> None:
    direct = _body(reference_dir, "test_status_post_None-direct.json", 0)
    assert parse_status_record(direct, own_account_id=None).kind is ItemKind.DIRECT
    warned = _body(reference_dir, "test_status_post_Content_warning-public.json", 0)
    record = parse_status_record(warned, own_account_id=None)
    assert record.text == "[CW: Content warning] Toot!"


def test_conversation_last_status_parses(reference_dir: Path) -> None:
    conversations = _body(reference_dir, "test_conversations.json", 2)
    status = conversations[0]["last_status"]
    record = parse_status_record(status, own_account_id=None)
    assert record.kind is ItemKind.DIRECT
    assert "ilu bby ;3" in record.text


def test_media_attachments_and_feed_post(reference_dir: Path) -> None:
    status = _body(reference_dir, "test_media_post_multiple.json", 4)
    record = parse_status_record(status, own_account_id=None)
    assert len(record.attachments) == 2
    assert all(a.url.endswith(".jpg") and a.mime_type == "image/jpeg" for a in record.attachments)
    post = parse_feed_post(status)
    assert post.text == "LOL check this out"
    assert post.metrics.likes == 0 and post.metrics.quotes == 0


def test_grouped_favourites_show_in_metrics(reference_dir: Path) -> None:
    favourited = _body(reference_dir, "test_grouped_notifications.json", 2)
    metrics = parse_metrics(favourited)
    assert metrics.likes == favourited["favourites_count"]
    assert metrics.reposts == 0


def test_instance_documents_refine_capabilities(reference_dir: Path) -> None:
    v2 = _body(reference_dir, "test_instance.json", 0)
    caps = parse_instance_capabilities(v2)
    assert caps.text_limit == 500
    assert caps.url_length == 23
    assert caps.max_images == 4
    assert caps.alt_text_limit == 10000
    assert caps.image_max_bytes == 16777216
    v1 = _body(reference_dir, "test_instance_v1.json", 0)
    assert parse_instance_capabilities(v1).text_limit == 500
    bigger = parse_instance_capabilities({"configuration": {"statuses": {"max_characters": 5000}}})
    assert bigger.text_limit == 5000
    assert bigger.url_length == CAPABILITIES.url_length


def test_html_to_text() -> None:
    assert html_to_text("<p>one &amp; two</p><p>three<br />four</p>") == "one & two\n\nthree\nfour"
    assert html_to_text("plain &lt;text&gt;") == "plain <text>"


def test_parse_reset_accepts_iso_and_epoch() -> None:
    assert parse_reset("2026-08-01T13:55:00.000Z") == datetime(2026, 8, 1, 13, 55, tzinfo=UTC)
    assert parse_reset("1785592500") == datetime.fromtimestamp(1785592500, UTC)
    assert parse_reset("soon") is None
    assert parse_reset(None) is None


def test_mastodon_counting() -> None:
    assert countable_length("a" * 10) == 10
    assert countable_length("see https://example.com/" + "x" * 200) == 4 + 23
    assert countable_length("@resident@example.social hi") == len("@resident hi")
    assert countable_length("👮🏽‍♀️") == 1  # one grapheme, as Mastodon counts it


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@given(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["mention", "favourite", "x"]) | _json},
        optional={"status": _json | st.fixed_dictionaries({"id": _json, "content": _json, "account": _json})},
    )
)
def test_malformed_notifications_fail_cleanly(note: dict[str, Any]) -> None:
    """A broken payload raises one of the errors the connector quarantines on, never anything else."""
    with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
        parse_notification(note, own_account_id="1")


class _RecordedApi:
    """Stands in for Mastodon.py, answering with recorded payloads plus one broken item."""

    def __init__(self, notes: list[dict[str, Any]]) -> None:
        self.notes = notes

    def account_verify_credentials(self) -> dict[str, Any]:
        return {"id": "117020565966271181", "acct": "mastodonpy_test", "username": "mastodonpy_test"}

    def _Mastodon__api_request(self, method: str, endpoint: str, params: Any, **options: Any) -> Any:
        assert (method, endpoint, options) == ("GET", "/api/v1/notifications", {"return_response_object": True})
        notes = list(reversed(self.notes))  # Mastodon answers newest first

        class _Response:
            def json(self) -> Any:
                return notes

        return _Response()


def test_unreadable_item_is_quarantined_and_the_page_goes_on(reference_dir: Path) -> None:
    from connectors.mastodon import MastodonConnector
    from connectors.transport import HttpSettings
    from desk.clock import SystemClock
    from desk.ports import AccountRef, Stream

    good = _body(reference_dir, "test_notifications.json", 1)[0]
    broken = {**good, "id": "21", "status": {**good["status"], "content": None}}
    later = {**good, "id": "22"}
    connector = MastodonConnector(
        AccountRef(Platform.MASTODON, "mastodonpy_test", "http://127.0.0.1:9", "k"),
        {"access_token": "t"},
        clock=SystemClock(),
        http=HttpSettings(),
    )
    connector._api = _RecordedApi([good, broken, later])
    page = connector.fetch_inbound(Stream.MENTIONS, None, limit=10)
    assert [r.platform_item_id for r in page.records] == [good["status"]["id"]] * 2
    assert page.cursor == "22"
    assert len(page.quarantined) == 1
    assert "content" in page.quarantined[0].reason
    assert json.loads(page.quarantined[0].payload)["id"] == "21"
