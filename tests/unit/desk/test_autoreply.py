"""The out-of-office reply, driven by the sync and sent by the publisher, on both databases (manual clock).

Office hours are the default week (Mon–Fri 08:00–16:00, Europe/Helsinki, Finnish holidays closed).
Wednesday 7 January 2026 is an ordinary working day; 6 January is Epiphany, a public holiday.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from desk.accounts import AccountRecord, AccountService
from desk.autoreply import OutOfOfficeReplier
from desk.canned import OUT_OF_OFFICE, CannedReplyService
from desk.inbox import InboxService
from desk.office_hours import OfficeHours, OfficeHoursService
from desk.ports import (
    DirectMessageRequest,
    FetchResult,
    ItemKind,
    Platform,
    PublishRequest,
    PublishResult,
    RateLimitState,
    Stream,
)
from desk.publishing import ConnectorPool, Publisher
from desk.storage.models import AuditEntry, ConversationEvent, Delivery, OutboundItem
from desk.sync import SyncService
from tests.unit.desk.test_inbox_service import capabilities, make_account, people, rec, triage

__all__ = ["triage"]

HEL = ZoneInfo("Europe/Helsinki")
NIGHT = datetime(2026, 1, 7, 22, 0, tzinfo=HEL)
LATER_THAT_NIGHT = datetime(2026, 1, 8, 2, 0, tzinfo=HEL)
NEXT_MORNING = datetime(2026, 1, 8, 10, 0, tzinfo=HEL)
NEXT_EVENING = datetime(2026, 1, 8, 18, 0, tzinfo=HEL)


class PlatformSide:
    """One account's platform side: serves queued pages to the sync, records what the publisher sends."""

    def __init__(self) -> None:
        self.queue: list[FetchResult] = []
        self.sent: list[PublishRequest | DirectMessageRequest] = []

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        if stream is not Stream.MENTIONS or not self.queue:
            return FetchResult((), cursor)
        return self.queue.pop(0)

    def rate_limits(self) -> Sequence[RateLimitState]:
        return ()

    def publish(self, request: PublishRequest) -> PublishResult:
        self.sent.append(request)
        return PublishResult(f"post-{len(self.sent)}", None, datetime(2026, 1, 7, tzinfo=HEL))

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        self.sent.append(request)
        return PublishResult(f"dm-{len(self.sent)}", None, datetime(2026, 1, 7, tzinfo=HEL))

    def find_published(self, key: str, text: str, since: Any) -> PublishResult | None:
        return None


@pytest.fixture
def desk(ctx: Any, triage: Any, tmp_path: Path) -> Any:
    who = people(ctx)
    CannedReplyService(ctx).seed_defaults()
    account = AccountService(ctx).connect(
        who["admin"], Platform.X, "poliisi", "Poliisi", "https://example.org", {"token": "t"}
    )
    side = PlatformSide()
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    replier = OutOfOfficeReplier(ctx, inbox)
    sync = SyncService(
        ctx,
        inbox,
        AccountService(ctx),
        lambda _account: side,  # type: ignore[arg-type,return-value]
        attachment_dir=tmp_path / "att",
        rng=random.Random(1),
        auto_replier=replier.handle,
    )
    pool = ConnectorPool(AccountService(ctx), lambda _record, _creds: side)  # type: ignore[arg-type,return-value]
    return type("Desk", (), {"ctx": ctx, "who": who, "account": account, "side": side, "sync": sync, "pool": pool})


def _sync(d: Any, *records: Any) -> tuple[int, ...]:
    d.side.queue.append(FetchResult(tuple(records), f"c{len(d.side.sent)}-{records[0].platform_item_id}"))
    outcome = d.sync.run_once(d.account.id, Stream.MENTIONS)
    assert outcome.ok, outcome.error
    return outcome.auto_replies


def _outbound(ctx: Any, oid: int) -> OutboundItem:
    with ctx.sessions() as session:
        row = session.get(OutboundItem, oid)
        assert row is not None
        return row


def _count(ctx: Any, model: Any, *where: Any) -> int:
    with ctx.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_a_new_conversation_at_night_gets_one_reply_per_closed_period(desk: Any, clock: Any) -> None:
    clock.set(NIGHT)
    first = _sync(desk, rec("1", "Hei, kysymys passista", at=NIGHT, lang="fi"))
    assert len(first) == 1
    out = _outbound(desk.ctx, first[0])
    assert out.kind == "auto_reply" and out.state == "scheduled"
    assert "ympäri vuorokauden" in out.text and "112" in out.text  # the Finnish text, the emergency number
    # The same citizen again that night: the conversation already had its reply.
    clock.set(LATER_THAT_NIGHT)
    assert _sync(desk, rec("2", "Vielä yksi asia", at=LATER_THAT_NIGHT, lang="fi")) == ()
    # Someone else that night starts a new conversation: it gets its own.
    other = _sync(desk, rec("3", "A question about my licence", author="u9", at=LATER_THAT_NIGHT, lang="en"))
    assert len(other) == 1 and "not watched around the clock" in _outbound(desk.ctx, other[0]).text
    # Office hours: people answer, no automatic reply.
    clock.set(NEXT_MORNING)
    assert _sync(desk, rec("4", "Hello again", author="u9", at=NEXT_MORNING, lang="en")) == ()
    # The next evening is a new closed period: the first conversation is answered once more.
    clock.set(NEXT_EVENING)
    assert len(_sync(desk, rec("5", "Hei taas", at=NEXT_EVENING, lang="fi"))) == 1
    assert _count(desk.ctx, AuditEntry, AuditEntry.action == "inbox.auto_reply") == 3


def test_the_publisher_sends_it_as_a_public_reply_in_a_public_thread(desk: Any, clock: Any) -> None:
    clock.set(NIGHT)
    public = _sync(desk, rec("p1", "Is the station open tomorrow?", at=NIGHT, lang="en"))
    assert len(public) == 1
    outcomes = Publisher(desk.ctx, desk.pool).run_due()
    assert [o.state.value for o in outcomes] == ["published"], outcomes
    [reply] = desk.side.sent
    assert isinstance(reply, PublishRequest) and reply.reply_to_id == "p1" and "call 112" in reply.text
    assert _count(desk.ctx, Delivery, Delivery.state == "published") == 1
    assert Publisher(desk.ctx, desk.pool).run_due() == []  # sent once


def test_the_publisher_sends_it_privately_in_a_private_conversation(desk: Any, clock: Any) -> None:
    clock.set(NIGHT)
    dm = rec(
        "d1", "Tarvitsen apua lupa-asiassa", kind=ItemKind.DIRECT, thread="dm-77", author="u7", at=NIGHT, lang="fi"
    )
    assert len(_sync(desk, dm)) == 1
    assert [o.state.value for o in Publisher(desk.ctx, desk.pool).run_due()] == ["published"]
    [sent] = desk.side.sent
    assert isinstance(sent, DirectMessageRequest) and sent.conversation_key == "dm-77" and sent.recipient_id == "u7"
    assert "Hätätilanteessa soita 112" in sent.text


def test_a_holiday_is_closed_all_day(desk: Any, clock: Any) -> None:
    epiphany_noon = datetime(2026, 1, 6, 12, 0, tzinfo=HEL)
    clock.set(epiphany_noon)
    assert len(_sync(desk, rec("h1", "Hej, en fråga om pass", at=epiphany_noon, lang="sv"))) == 1


def test_a_station_watched_around_the_clock_turns_it_off(desk: Any, clock: Any) -> None:
    OfficeHoursService(desk.ctx).save(desk.who["admin"], None, OfficeHours("Europe/Helsinki", "FI", auto_reply=False))
    clock.set(NIGHT)
    assert _sync(desk, rec("1", "Hello at night", at=NIGHT, lang="en")) == ()
    assert _count(desk.ctx, OutboundItem) == 0
    stored = OfficeHoursService(desk.ctx).for_station(None)
    assert stored.auto_reply is False and OfficeHours.from_document(stored.to_document()) == stored
    assert OfficeHours.from_document({"timezone": "Europe/Helsinki", "country": "FI"}).auto_reply  # on by default


@pytest.mark.allow_log_warnings
def test_the_edited_text_is_used_and_a_text_the_guard_blocks_is_not_sent(desk: Any, clock: Any) -> None:
    canned = CannedReplyService(desk.ctx)
    canned.save(desk.who["admin"], OUT_OF_OFFICE, "en", "We read this in office hours. Emergency: {emergency_number}.")
    clock.set(NIGHT)
    sent = _sync(desk, rec("1", "Hello at night", at=NIGHT, lang="en"))
    assert _outbound(desk.ctx, sent[0]).text == "We read this in office hours. Emergency: 112."
    # An administrator puts a private mobile number into the text: the guard stops it, once per period.
    canned.save(desk.who["admin"], OUT_OF_OFFICE, "en", "Call Sergeant Smith on 040 123 4567 instead.")
    assert _sync(desk, rec("2", "Another one", author="u2", at=NIGHT, lang="en")) == ()
    assert _sync(desk, rec("3", "And again", author="u2", at=NIGHT, lang="en")) == ()
    skipped = _count(desk.ctx, ConversationEvent, ConversationEvent.kind == "auto_reply_skipped")
    assert skipped == 1 and _count(desk.ctx, OutboundItem) == 1


@pytest.mark.allow_log_warnings
def test_a_failing_replier_never_fails_the_sync(ctx: Any, triage: Any, tmp_path: Path, clock: Any) -> None:
    account: AccountRecord = make_account(ctx)
    side = PlatformSide()
    side.queue.append(FetchResult((rec("1", at=clock.now()),), "c1"))

    def broken(_ids: Any) -> list[int]:
        raise RuntimeError("boom")

    sync = SyncService(
        ctx,
        InboxService(ctx, triage, capabilities_for=capabilities),
        AccountService(ctx),
        lambda _a: side,  # type: ignore[arg-type,return-value]
        attachment_dir=tmp_path,
        auto_replier=broken,
    )
    outcome = sync.run_once(account.id, Stream.MENTIONS)
    assert outcome.ok and outcome.new_items == 1 and outcome.auto_replies == ()
