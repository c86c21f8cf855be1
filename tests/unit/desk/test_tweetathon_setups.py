"""Stored tweetathons: saved, listed, replaced, removed (audited, by role), turned into a running configuration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desk.errors import PermissionDenied, ValidationFailed
from desk.ports import Platform
from desk.storage.models import AuditEntry
from desk.tweetathon.posts import SensitivePolicy
from desk.tweetathon.queue import ReviewMode
from desk.tweetathon.setups import SetupSpec, TweetathonSetups

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _spec(desk: Any, **extra: Any) -> SetupSpec:
    values: dict[str, Any] = {
        "name": "Friday night",
        "source": "folder:control-room",
        "preset": "san-luis-obispo",
        "account_ids": (desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id),
        "starts_at": T0,
        "ends_at": T0 + timedelta(hours=24),
        "hashtag": "#Beat24",
        "delay_minutes": 20,
        "review": ReviewMode.APPROVE_SENSITIVE,
        "policy": SensitivePolicy.SIGNPOST,
        "excluded_types": ("Parking Problem",),
    }
    values.update(extra)
    return SetupSpec(**values)


def test_a_saved_tweetathon_comes_back_as_saved_and_runs_with_its_choices(desk: Any) -> None:
    setups = TweetathonSetups(desk.ctx)
    setups.save(desk.people["press"], _spec(desk))
    back = setups.get("Friday night")
    assert back == _spec(desk)
    config = setups.config(back)
    assert config.delay == timedelta(minutes=20)
    assert config.review is ReviewMode.APPROVE_SENSITIVE and config.policy is SensitivePolicy.SIGNPOST
    assert config.account_ids == back.account_ids and config.hashtag == "#Beat24"
    # The extra exclusion is added to the preset's own (San Luis Obispo already excludes abandoned 9-1-1 calls).
    assert "Parking Problem" in config.preset.excluded_types
    assert any("ABANDON" in t.upper() for t in config.preset.excluded_types)


def test_saving_again_replaces_and_both_saves_and_the_removal_are_audited(desk: Any) -> None:
    setups = TweetathonSetups(desk.ctx)
    press = desk.people["press"]
    first = setups.save(press, _spec(desk))
    second = setups.save(press, _spec(desk, delay_minutes=30, enabled=False))
    assert first == second
    assert [(s.delay_minutes, s.enabled) for s in setups.all()] == [(30, False)]
    setups.remove(press, "Friday night")
    assert setups.all() == []
    with desk.ctx.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("tweetathon.setup%"))))
    assert actions == ["tweetathon.setup_save", "tweetathon.setup_save", "tweetathon.setup_remove"]
    with pytest.raises(ValidationFailed):
        setups.remove(press, "Friday night")


def test_only_enabled_tweetathons_in_their_window_are_active(desk: Any) -> None:
    setups = TweetathonSetups(desk.ctx)
    press = desk.people["press"]
    setups.save(press, _spec(desk))
    setups.save(press, _spec(desk, name="Off", enabled=False))
    setups.save(press, _spec(desk, name="Later", starts_at=T0 + timedelta(days=2), ends_at=T0 + timedelta(days=3)))
    assert [s.name for s in setups.active(T0 + timedelta(hours=1))] == ["Friday night"]
    assert setups.active(T0 - timedelta(minutes=1)) == []
    # The last calls' posts still go out after the end, within the delay.
    assert [s.name for s in setups.active(T0 + timedelta(hours=24, minutes=10))] == ["Friday night"]
    assert [s.name for s in setups.active(T0 + timedelta(days=2, hours=1))] == ["Later"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"name": " "}, "tweetathon.setup_name"),
        ({"source": ""}, "tweetathon.setup_source"),
        ({"ends_at": T0}, "tweetathon.setup_window"),
        ({"starts_at": datetime(2026, 1, 5, 9, 0)}, "tweetathon.setup_window"),
        ({"delay_minutes": -1}, "tweetathon.setup_delay"),
        ({"account_ids": ()}, "tweetathon.setup_accounts"),
        ({"account_ids": (99999,)}, "tweetathon.setup_accounts"),
        ({"preset": "no-such-preset"}, "calls.no_preset"),
    ],
)
def test_bad_setups_are_refused_with_a_clear_error_and_nothing_is_stored(
    desk: Any, change: dict[str, Any], code: str
) -> None:
    setups = TweetathonSetups(desk.ctx)
    with pytest.raises(ValidationFailed) as caught:
        setups.save(desk.people["press"], _spec(desk, **change))
    assert caught.value.code == code
    assert setups.all() == []


def test_an_officer_may_not_set_up_a_tweetathon(desk: Any) -> None:
    with pytest.raises(PermissionDenied):
        TweetathonSetups(desk.ctx).save(desk.people["officer"], _spec(desk))
    assert TweetathonSetups(desk.ctx).all() == []
