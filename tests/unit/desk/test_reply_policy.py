"""Who may reply: chosen in the composer, checked per platform, kept on the outbound row for the delivery."""

from __future__ import annotations

from typing import Any

import pytest

from desk.errors import ValidationFailed
from desk.ports import Platform, ReplyPolicy
from desk.publishing import Draft, reply_policy_of
from desk.storage.models import OutboundItem


@pytest.fixture
def x_with_policies(desk: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from connectors.x import CAPABILITIES as X_CAPS
    from tests.unit.desk.conftest import CAPS

    # X's own capabilities (reply settings: everyone, mentioned, following) for X; the others as the desk has them.
    monkeypatch.setattr(desk.service, "capabilities_for", lambda p: X_CAPS if p is Platform.X else CAPS[p])
    return desk


def test_the_chosen_setting_is_kept_on_the_post(x_with_policies: Any) -> None:
    desk = x_with_policies
    x = desk.acc[Platform.X].id
    oid = desk.service.create(desk.people["press"], Draft("Road closed", (x,), reply_policy=ReplyPolicy.MENTIONED))
    with desk.ctx.sessions() as session:
        details = session.get(OutboundItem, oid).details
    assert reply_policy_of(details) is ReplyPolicy.MENTIONED


def test_a_setting_the_platform_cannot_enforce_is_refused_before_queueing(x_with_policies: Any) -> None:
    from sqlalchemy import func, select

    desk = x_with_policies
    ids = (desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id)
    with desk.ctx.sessions() as session:
        before = session.scalar(select(func.count()).select_from(OutboundItem))
    with pytest.raises(ValidationFailed, match="cannot limit replies"):
        desk.service.create(desk.people["press"], Draft("Road closed", ids, reply_policy=ReplyPolicy.FOLLOWING))
    with pytest.raises(ValidationFailed, match="cannot limit replies"):  # X has no "nobody"
        desk.service.create(desk.people["press"], Draft("Road closed", ids[:1], reply_policy=ReplyPolicy.NOBODY))
    with desk.ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboundItem)) == before


def test_everyone_is_every_platforms_default(x_with_policies: Any) -> None:
    desk = x_with_policies
    ids = (desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id)
    desk.service.create(desk.people["press"], Draft("Road open", ids, reply_policy=ReplyPolicy.EVERYONE))


@pytest.mark.parametrize("stored", [{}, {"reply_policy": "bogus"}, {"reply_policy": None}])
def test_no_or_a_damaged_setting_means_the_platform_default(stored: dict[str, Any]) -> None:
    assert reply_policy_of(stored) is None


def test_the_delivery_sends_the_chosen_setting_to_the_platform(x_with_policies: Any) -> None:
    from desk.publishing import Publisher

    desk = x_with_policies
    press = desk.people["press"]
    x = desk.acc[Platform.X].id
    chosen = desk.service.create(press, Draft("Road closed", (x,), reply_policy=ReplyPolicy.MENTIONED))
    default = desk.service.create(press, Draft("Road open again", (x,)))
    for oid in (chosen, default):
        desk.service.submit(press, oid)
    Publisher(desk.ctx, desk.pool).run_due()
    sent = {r.text: r.reply_policy for r in desk.connectors[x].sent}
    assert sent == {"Road closed": ReplyPolicy.MENTIONED, "Road open again": None}
