"""The share of each account's posting budget kept for replies and urgent posts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.campaigns import fits_posting_budget
from desk.ports import Platform

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _spread(n: int, hours: float = 20.0) -> list[datetime]:
    return [T0 - timedelta(hours=hours) + timedelta(minutes=i) for i in range(n)]


def test_instagram_broadcasts_stop_at_the_reserve_and_urgent_posts_may_use_it() -> None:
    # Instagram: 50 posts a day; 20 % reserved leaves 40 for broadcasts.
    assert fits_posting_budget(Platform.INSTAGRAM, _spread(39), T0, 20)
    assert not fits_posting_budget(Platform.INSTAGRAM, _spread(40), T0, 20)
    assert fits_posting_budget(Platform.INSTAGRAM, _spread(40), T0, 20, urgent=True)
    assert fits_posting_budget(Platform.INSTAGRAM, _spread(49), T0, 20, urgent=True)
    assert not fits_posting_budget(Platform.INSTAGRAM, _spread(50), T0, 20, urgent=True)


def test_posts_outside_the_window_do_not_count() -> None:
    # 40 posts 25 hours before, and 40 posts 25 hours after: neither day's window holds T0 with them.
    before = _spread(40, hours=25)
    after = [p + timedelta(hours=50) for p in before]
    assert fits_posting_budget(Platform.INSTAGRAM, before + after, T0, 20)


def test_a_later_window_is_checked_too() -> None:
    # 40 posts in the 24 hours after T0: a window starting at T0 would hold 41.
    later = [T0 + timedelta(hours=1, minutes=i) for i in range(40)]
    assert not fits_posting_budget(Platform.INSTAGRAM, later, T0, 20)


def test_bluesky_counts_a_post_as_three_points() -> None:
    # 5,000 points an hour at 3 a post: 1,666 posts; 20 % kept: 4,000 points -> 1,333 posts.
    hour = [T0 - timedelta(seconds=i + 1) for i in range(1333)]
    assert not fits_posting_budget(Platform.BLUESKY, hour, T0, 20)
    assert fits_posting_budget(Platform.BLUESKY, hour[:-1], T0, 20)


def test_a_bad_reserve_is_refused() -> None:
    with pytest.raises(ValueError, match="reserve_percent"):
        fits_posting_budget(Platform.X, [], T0, 100)


@settings(max_examples=60, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=-30 * 3600, max_value=30 * 3600), max_size=60),
    reserve=st.integers(min_value=0, max_value=80),
)
def test_against_a_direct_count_of_every_window(offsets: list[int], reserve: int) -> None:
    planned = [T0 + timedelta(seconds=o) for o in offsets]
    day = 24 * 3600
    cap = max(1, int(50 * (1 - reserve / 100)))
    # Every 24-hour window that holds T0 starts in (T0 - day, T0]; checking each second would be slow, but the
    # count only changes at the posts, so starts at the posts and at T0 cover them all.
    starts = [o for o in offsets if -day < o <= 0] + [0]
    worst = max(sum(1 for o in offsets if s <= o < s + day) for s in starts)
    assert fits_posting_budget(Platform.INSTAGRAM, planned, T0, reserve) == (worst + 1 <= cap)
    if fits_posting_budget(Platform.INSTAGRAM, planned, T0, reserve):
        assert fits_posting_budget(Platform.INSTAGRAM, planned, T0, reserve, urgent=True)
