"""The Bluesky connector's parsers on real recorded bsky.social traffic (bskyr's cassettes)."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.bluesky import (
    CAPABILITIES,
    did_of,
    parse_message,
    parse_metrics,
    parse_notification,
    parse_post_view,
    post_url,
)
from desk.ports import ItemKind, Platform, TextCounting


def _body(reference_dir: Path, name: str, index: int = 0) -> Any:
    path = reference_dir / "bluesky" / "cassettes_decoded" / f"{name}.decoded.json"
    return json.loads(path.read_text())[index]["response_body"]


def test_mentions_and_quotes_from_the_recording(reference_dir: Path) -> None:
    notes = _body(reference_dir, "n_notifications")["notifications"]
    wanted = [n for n in notes if n["reason"] in ("mention", "quote")]
    assert len(wanted) >= 10
    records = [parse_notification(n, own_did="did:plc:5c2r73erhng4bszmxlfdtscf") for n in wanted]
    first = records[[n["reason"] for n in wanted].index("mention")]
    assert first.platform is Platform.BLUESKY
    assert first.kind is ItemKind.MENTION
    assert first.platform_item_id == "at://did:plc:lprqqpoyjspuma25n5gofocf/app.bsky.feed.post/3lmicbemya22g"
    assert first.author_handle == "josephjefe.bsky.social"
    assert first.author_name == "Joseph Hefner"
    assert first.text.startswith("Ok, @bskyr.bsky.social makes this ridiculously easy.")
    assert first.created_at == datetime(2025, 4, 10, 20, 1, 53, 909000, tzinfo=UTC)
    assert first.lang == "en"
    # a reply in someone else's thread: the conversation is the thread's root
    assert first.conversation_key == "at://did:plc:lprqqpoyjspuma25n5gofocf/app.bsky.feed.post/3lmiagxqgas2s"
    assert first.in_reply_to_id == "at://did:plc:lprqqpoyjspuma25n5gofocf/app.bsky.feed.post/3lmib4yep2k2g"
    assert first.url == "https://bsky.app/profile/josephjefe.bsky.social/post/3lmicbemya22g"
    assert first.attachments[0].alt_text is not None and "library(bskyr)" in first.attachments[0].alt_text
    assert "did=did:plc:lprqqpoyjspuma25n5gofocf&cid=bafkreifjraozxbfljjv43pqi5q5wjzea4rgujvnxugy2cjdcj3fuqe4qky" in (
        first.attachments[0].url
    )
    assert first.attachments[0].mime_type == "image/jpeg"
    assert first.raw["uri"] == first.platform_item_id and first.raw["cid"].startswith("bafyrei")
    assert not any(r.from_account for r in records)


def test_likes_and_follows_are_not_inbound(reference_dir: Path) -> None:
    notes = _body(reference_dir, "n_notifications")["notifications"]
    for note in notes:
        if note["reason"] in ("like", "follow", "repost"):
            with pytest.raises(ValueError, match="not a mention"):
                parse_notification(note)


def test_chat_messages_from_the_recording(reference_dir: Path) -> None:
    convo = _body(reference_dir, "c_get_convo")["convo"]
    members = {m["did"]: m for m in convo["members"]}
    messages = _body(reference_dir, "c_messages")["messages"]
    records = [parse_message(m, convo["id"], members, own_did="did:plc:5c2r73erhng4bszmxlfdtscf") for m in messages]
    assert [r.text for r in records][:3] == ["Hello", "Hello", "Can you hear me?"]
    asked = records[2]
    assert asked.kind is ItemKind.DIRECT
    assert asked.conversation_key == "3ku7w6h4vog2d"
    assert asked.author_handle == "chriskenny.bsky.social"
    assert asked.author_name == "Chris Kenny"
    assert not asked.from_account
    assert records[0].from_account
    assert records[0].created_at == datetime(2025, 5, 19, 1, 56, 19, 330000, tzinfo=UTC)
    sent = _body(reference_dir, "c_send")
    assert parse_message(sent, convo["id"], members, own_did=None).text == "[example] sent with bskyr"


def test_post_views_and_metrics(reference_dir: Path) -> None:
    view = _body(reference_dir, "f_getposts")["posts"][0]
    metrics = parse_metrics(view)
    assert (metrics.likes, metrics.reposts, metrics.replies, metrics.quotes) == (4, 0, 0, 0)
    post = parse_post_view(view)
    assert post.author_handle == "soubhikbarari.bsky.social"
    assert post.text.startswith("Excited to be a speaker")
    timeline = _body(reference_dir, "f_timeline")["feed"]
    posts = [parse_post_view(item["post"]) for item in timeline]
    assert len(posts) == len(timeline)
    replies = [p for p in posts if p.in_reply_to_id]
    assert replies and all(p.conversation_key and p.conversation_key != p.post_id for p in replies)
    thread = _body(reference_dir, "f_postthread")["thread"]
    assert parse_post_view(thread["post"]).post_id == view["uri"]


def test_uri_helpers_and_capabilities() -> None:
    uri = "at://did:plc:5c2r73erhng4bszmxlfdtscf/app.bsky.feed.post/3lpres4gwbf27"
    assert did_of(uri) == "did:plc:5c2r73erhng4bszmxlfdtscf"
    assert post_url("bskyr.bsky.social", uri) == "https://bsky.app/profile/bskyr.bsky.social/post/3lpres4gwbf27"
    with pytest.raises(ValueError):
        did_of("https://bsky.app/profile/x")
    assert CAPABILITIES.text_limit == 300
    assert CAPABILITIES.byte_limit == 3000
    assert CAPABILITIES.counting is TextCounting.GRAPHEMES


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@given(
    st.fixed_dictionaries(
        {"reason": st.sampled_from(["mention", "reply", "quote", "like"]) | _json},
        optional={
            "uri": _json,
            "author": _json | st.fixed_dictionaries({"did": _json, "handle": _json}),
            "record": _json
            | st.fixed_dictionaries({"text": _json, "createdAt": _json, "reply": _json, "embed": _json}),
            "indexedAt": _json,
        },
    )
)
def test_malformed_notifications_fail_cleanly(note: dict[str, Any]) -> None:
    """A broken payload raises one of the errors the connector quarantines on, never anything else."""
    with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
        parse_notification(note)


@given(_json)
def test_malformed_messages_fail_cleanly(message: Any) -> None:
    with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
        parse_message(message, "c1", {}, own_did=None)


def test_capabilities_do_not_import_the_sdks() -> None:
    """The composer reads capabilities without paying for atproto or Mastodon.py (PITFALLS: ~0.9 s)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from connectors.registry import capabilities_for\n"
        "from desk.ports import Platform\n"
        "assert capabilities_for(Platform.BLUESKY).text_limit == 300\n"
        "assert capabilities_for(Platform.MASTODON).text_limit == 500\n"
        "loaded = [m for m in ('atproto', 'atproto_client', 'mastodon') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_custom_ca_bundle_and_proxies_reach_the_http_client(tmp_path: Path) -> None:
    import ssl

    import certifi

    from connectors.bluesky import _httpx_options
    from connectors.transport import HttpSettings

    options = _httpx_options(
        HttpSettings(timeout=7, ca_bundle=certifi.where(), proxies={"https": "http://proxy.invalid:3128"}),
        lambda response: None,
    )
    assert isinstance(options["verify"], ssl.SSLContext)
    assert options["timeout"] == 7
    assert set(options["mounts"]) == {"https://"}
