"""X's rate windows on the sandbox: fixed 15-minute and 24-hour windows, as the recordings show them.

The recorded ``x-rate-limit-reset`` stays the same on every call of a window while ``remaining`` counts
down (e.g. the DM recording: 199, 198, 197 with one reset), and the first call of a window reports a reset
900 s ahead: a fixed window opened by its first request, whose whole budget returns at its end.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from connectors.sandbox.state import FixedWindow, RateWindow, SandboxState
from connectors.sandbox.x import AuthContext, XError, XSandbox
from desk.clock import ManualClock
from desk.ports import Platform
from desk.tweetathon.planner import Planner

T0 = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


@pytest.fixture
def world() -> tuple[ManualClock, XSandbox, AuthContext]:
    clock = ManualClock(T0)
    x = XSandbox(SandboxState(clock))
    force = x.create_account("police", "Police")
    user, _, app = x.tokens[force.credentials["access_token"]]
    return clock, x, AuthContext(app, user)


def test_remaining_counts_down_under_one_reset_then_the_whole_budget_returns(
    world: tuple[ManualClock, XSandbox, AuthContext],
) -> None:
    clock, x, ctx = world
    reset = str(int((T0 + timedelta(minutes=15)).timestamp()))
    for used in range(1, 11):
        headers = x.take(ctx, "dm_events")
        assert headers["x-rate-limit-reset"] == reset
        assert headers["x-rate-limit-remaining"] == str(15 - used)
        clock.advance(30)
    clock.set(T0 + timedelta(minutes=10))
    for _ in range(5):
        assert x.take(ctx, "dm_events")["x-rate-limit-reset"] == reset
    with pytest.raises(XError) as refused:
        x.take(ctx, "dm_events")
    assert refused.value.response.status_code == 429
    assert refused.value.response.headers["x-rate-limit-reset"] == reset
    assert refused.value.response.headers["x-rate-limit-remaining"] == "0"
    # At the reset every request of the window is available again (a sliding window would still hold
    # the five made at minute 10 and give back only ten).
    clock.set(T0 + timedelta(minutes=15))
    headers = x.take(ctx, "dm_events")
    assert headers["x-rate-limit-remaining"] == "14"
    assert headers["x-rate-limit-reset"] == str(int((T0 + timedelta(minutes=30)).timestamp()))


def test_the_24_hour_headers_are_a_fixed_window_too(world: tuple[ManualClock, XSandbox, AuthContext]) -> None:
    clock, x, ctx = world
    first = x.take(ctx, "dm_send")
    day_reset = str(int((T0 + timedelta(hours=24)).timestamp()))
    assert first["x-user-limit-24hour-limit"] == "1440"
    assert first["x-user-limit-24hour-remaining"] == "1439"
    assert first["x-user-limit-24hour-reset"] == day_reset
    clock.advance(3600)
    later = x.take(ctx, "dm_send")
    assert later["x-user-limit-24hour-remaining"] == "1438"
    assert later["x-user-limit-24hour-reset"] == day_reset
    assert later["x-rate-limit-reset"] == str(int((T0 + timedelta(hours=1, minutes=15)).timestamp()))


def test_fixed_and_sliding_windows_differ_where_they_should() -> None:
    fixed, sliding = FixedWindow(3, timedelta(seconds=60)), RateWindow(3, timedelta(seconds=60))
    for at in (0, 30, 50):
        now = T0 + timedelta(seconds=at)
        assert fixed.take(now) and sliding.take(now)
    after = T0 + timedelta(seconds=61)
    assert fixed.remaining(after) == 3  # the window opened at 0 is over
    assert sliding.remaining(after) == 1  # the hits at 30 and 50 are still inside the last minute
    assert fixed.reset_at(after) == after + timedelta(seconds=60)
    assert not FixedWindow(1, timedelta(seconds=60)).take(T0, cost=2)


def test_the_planners_sliding_spacing_never_meets_a_fixed_window_429(
    world: tuple[ManualClock, XSandbox, AuthContext],
) -> None:
    """The tweetathon planner keeps every sliding 15-minute span under budget; each fixed window X opens
    is one such span, so a plan with no reserve at all still never draws a 429 from the sandbox."""
    clock, x, ctx = world
    planner = Planner({1: Platform.X}, reserve_percent=0)
    times: list[datetime] = []
    for _ in range(130):
        booked = planner.plan(Platform.X, T0)
        assert booked is not None
        times.append(booked[1])
    assert times == sorted(times)
    for when in times:
        clock.set(when)
        x.take(ctx, "create")  # raises XError on a 429
    # The same sends bunched into one instant would be refused: the check above can fail.
    clock.set(times[-1] + timedelta(hours=1))
    with pytest.raises(XError):
        for _ in range(101):
            x.take(ctx, "create")
