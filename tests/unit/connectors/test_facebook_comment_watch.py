"""The comment watch kept in Graph sync cursors: bounded, backward compatible, damaged ones refused."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.graph_common import (
    MAX_WATCHED,
    WATCH_WINDOW,
    InboundCursor,
    text_digest,
    watch_after,
)
from desk.ports import InboundRecord, ItemKind, Platform, Rejected

NOW = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def comment(n: int, at: datetime, text: str = "hello", *, deleted: bool = False) -> InboundRecord:
    return InboundRecord(
        platform=Platform.FACEBOOK,
        platform_item_id=f"700000000000001_{900000000000000 + n}",
        kind=ItemKind.COMMENT,
        conversation_key="100000000000001_700000000000001",
        author_id=f"{5000000000 + n}",
        author_handle=f"{5000000000 + n}",
        author_name="Resident",
        text=text,
        created_at=at,
        deleted=deleted,
    )


def encoded(raw: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode()


def test_the_watch_keeps_the_newest_comments_of_the_window_only() -> None:
    old = [comment(i, NOW - WATCH_WINDOW - timedelta(minutes=5 - i)) for i in range(3)]
    recent = [comment(100 + i, NOW - timedelta(seconds=MAX_WATCHED + 50 - i)) for i in range(MAX_WATCHED + 50)]
    watch = watch_after((), [*old, *recent], NOW)
    assert len(watch) == MAX_WATCHED
    assert [w.item_id for w in watch] == [r.platform_item_id for r in recent[50:]]  # oldest dropped first
    # A deleted record is not watched; an edit replaces the digest.
    edited = comment(399, recent[-1].created_at, "changed")
    gone = comment(398, recent[-2].created_at, deleted=True)
    after = {
        w.item_id: w for w in watch_after([w for w in watch if w.item_id != gone.platform_item_id], [edited, gone], NOW)
    }
    assert after[edited.platform_item_id].digest == text_digest("changed") != text_digest("hello")
    assert gone.platform_item_id not in after


def test_the_stored_cursor_stays_short_whatever_is_watched() -> None:
    # The desk stores cursors in a 500-character column: the watch stays in memory, only a count is stored.
    records = [comment(i, NOW - timedelta(seconds=i)) for i in range(MAX_WATCHED)]
    ids = frozenset(r.platform_item_id for r in records[:3])
    cursor = InboundCursor(NOW, ids, watch_after((), records, NOW), changes=12)
    value = cursor.encode()
    assert value is not None and len(value) < 500
    back = InboundCursor.decode(value)
    assert back == InboundCursor(NOW, ids, changes=12) and back.watch is None


def test_cursors_written_before_the_change_count_still_read() -> None:
    value = encoded({"t": NOW.isoformat(), "ids": ["1_2"]})
    assert InboundCursor.decode(value) == InboundCursor(NOW, frozenset({"1_2"}))


@pytest.mark.parametrize("count", [-1, "3", 1.5, None, [1]])
def test_a_damaged_change_count_is_refused_not_dropped(count: object) -> None:
    with pytest.raises(Rejected, match="reset the account's sync"):
        InboundCursor.decode(encoded({"t": NOW.isoformat(), "ids": [], "c": count}))


@given(st.text(max_size=200))
def test_any_garbage_cursor_is_refused_with_advice(value: str) -> None:
    try:
        cursor = InboundCursor.decode(value)
    except Rejected as exc:
        assert "reset the account's sync" in exc.message
    else:
        # Only empty values (no cursor) or real cursors decode.
        assert not value or cursor.time is not None
