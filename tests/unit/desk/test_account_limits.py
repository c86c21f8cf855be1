"""A Mastodon instance's own limits reach validation per account, and survive a damaged record."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from connectors.mastodon import CAPABILITIES, parse_instance_capabilities
from desk.accounts import account_capabilities, remember_capabilities
from desk.errors import ValidationFailed
from desk.ports import Platform
from desk.publishing import Draft


def test_an_instance_with_a_longer_limit_lets_longer_posts_through(desk: Any) -> None:
    masto = desk.acc[Platform.MASTODON].id
    press = desk.people["press"]
    default = desk.service.capabilities_for(Platform.MASTODON).text_limit
    text = "x" * (default + 100)
    with pytest.raises(ValidationFailed, match=f"of {default} characters"):
        desk.service.create(press, Draft(text, (masto,)))
    instance = {"configuration": {"statuses": {"max_characters": default + 500}}}
    remember_capabilities(desk.ctx, masto, parse_instance_capabilities(instance))
    desk.service.create(press, Draft(text, (masto,)))  # now fits
    with pytest.raises(ValidationFailed, match=f"of {default + 500} characters"):
        desk.service.create(press, Draft("x" * (default + 501), (masto,)))


def test_a_smaller_instance_limit_refuses_what_the_default_allows(desk: Any) -> None:
    masto = desk.acc[Platform.MASTODON].id
    remember_capabilities(desk.ctx, masto, dataclasses.replace(CAPABILITIES, text_limit=100))
    with pytest.raises(ValidationFailed, match="101 of 100"):
        desk.service.create(desk.people["press"], Draft("y" * 101, (masto,)))


def test_other_accounts_keep_their_platform_limits(desk: Any) -> None:
    masto = desk.acc[Platform.MASTODON].id
    remember_capabilities(desk.ctx, masto, dataclasses.replace(CAPABILITIES, text_limit=100))
    other = desk.acc[Platform.X].id
    assert account_capabilities(desk.ctx, other, CAPABILITIES) is CAPABILITIES


@pytest.mark.parametrize("bad", [None, "5000", -1, 0, True, 1.5, [1]])
def test_a_damaged_record_falls_back_to_the_default(desk: Any, bad: object) -> None:
    from desk.accounts import ACCOUNT_LIMITS_KEY
    from desk.storage.models import Setting

    masto = desk.acc[Platform.MASTODON].id
    remember_capabilities(desk.ctx, masto, CAPABILITIES)
    with desk.ctx.transaction() as session:
        row = session.get(Setting, ACCOUNT_LIMITS_KEY)
        row.value = {str(masto): {"text_limit": bad}}
    assert account_capabilities(desk.ctx, masto, CAPABILITIES).text_limit == CAPABILITIES.text_limit


def test_a_thread_splits_at_the_instance_limit(desk: Any) -> None:
    from desk.storage.models import OutboundItem

    masto = desk.acc[Platform.MASTODON].id
    remember_capabilities(desk.ctx, masto, dataclasses.replace(CAPABILITIES, text_limit=100))
    text = " ".join(["word"] * 60)  # 299 characters: at most 100 a part makes at least three parts
    ids = desk.service.create_thread(desk.people["press"], Draft(text, (masto,)))
    assert len(ids) >= 3
    with desk.ctx.sessions() as session:
        texts = [session.get(OutboundItem, i).text for i in ids]
    assert all(len(t) <= 100 for t in texts)
