"""The approvals list and the deliveries panel read by the compose screen."""

from __future__ import annotations

from typing import Any

from desk.ports import Platform, Unconfirmed
from desk.publishing import Draft, Publisher
from desk.storage.models import DeliveryState


def test_awaiting_approval_lists_officers_posts_with_their_platforms(desk: Any) -> None:
    officer, press = desk.people["officer"], desk.people["press"]
    x, masto = desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id
    pending = desk.service.create(officer, Draft("Bike marking at the station today.", (x, masto)))
    desk.service.submit(officer, pending)
    scheduled = desk.service.create(press, Draft("Road works on the ring road.", (x,)))
    desk.service.submit(press, scheduled)
    listed = desk.service.awaiting_approval()
    assert [p.outbound_id for p in listed] == [pending]
    assert listed[0].platforms == ("mastodon", "x")
    assert listed[0].author_user_id == officer.user_id
    desk.service.approve(press, pending)
    assert desk.service.awaiting_approval() == []


def test_recent_deliveries_put_unconfirmed_first(desk: Any) -> None:
    press = desk.people["press"]
    x, masto = desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id
    desk.scripts[x].append(Unconfirmed("timed out after sending"))
    oid = desk.service.create(press, Draft("Lost property office closed on Friday.", (x, masto)))
    desk.service.submit(press, oid)
    Publisher(desk.ctx, desk.pool).run_due()
    views = desk.service.recent_deliveries()
    assert [v.state for v in views] == [DeliveryState.UNCONFIRMED, DeliveryState.PUBLISHED]
    assert views[0].account_id == x


def test_draft_of_gives_back_what_was_written(desk: Any) -> None:
    press = desk.people["press"]
    x, masto = desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id
    written = Draft(
        "Speed checks on Ring I this week.",
        (masto, x),
        variants={masto: "Speed checks on Ring I this week. #traffic"},
        lang="en",
        content_warning="traffic",
    )
    oid = desk.service.create(press, written)
    draft, state = desk.service.draft_of(oid)
    assert state.value == "draft"
    assert draft.text == written.text
    assert draft.account_ids == tuple(sorted((x, masto)))
    assert dict(draft.variants) == {masto: "Speed checks on Ring I this week. #traffic"}
    assert (draft.lang, draft.content_warning) == ("en", "traffic")
