"""The inbox service on SQLite and PostgreSQL: storage path, conversations, work on them, replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desk.accounts import AccountRecord, AccountService
from desk.auth import AuthService, Identity, system_identity
from desk.errors import PermissionDenied, ValidationFailed
from desk.inbox import InboxFilter, InboxService
from desk.ports import Attachment, FetchResult, InboundRecord, ItemKind, Platform, Quarantined, Stream
from desk.storage.models import (
    AuditEntry,
    Conversation,
    Delivery,
    Emergency,
    InboxItem,
    InboxItemVersion,
    OutboundItem,
    PlatformAccount,
    QuarantinedPayload,
    SyncCursor,
)
from desk.triage import Triage

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # a Monday, 10:00 in Helsinki


@pytest.fixture(scope="session")
def triage() -> Triage:
    """The real rule set."""
    return Triage.load()


def capabilities(platform: Any) -> Any:
    """Tests may use the connectors' declared capabilities; desk/ never imports connectors."""
    from connectors.registry import capabilities_for

    return capabilities_for(Platform(platform))


def make_account(ctx: Any, platform: Platform = Platform.X, handle: str = "poliisi") -> AccountRecord:
    """An account row (connecting through the account service needs the keyring; not under test here)."""
    with ctx.transaction() as session:
        row = PlatformAccount(
            platform=platform.value,
            handle=handle,
            display_name=handle,
            base_url="http://127.0.0.1:1",
            secret_key=f"account:{platform.value}:{handle}",
            created_at=ctx.clock.now(),
        )
        session.add(row)
        session.flush()
        account_id = row.id
    return AccountService(ctx).get(account_id)


def people(ctx: Any) -> dict[str, Identity]:
    """An administrator, two officers and a supervisor."""
    from desk.roles import Role

    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Ada Admin", "correct horse battery")
    out = {"admin": admin, "system": system_identity("test-desk")}
    for name, role in (("officer", Role.OFFICER), ("officer2", Role.OFFICER), ("supervisor", Role.SUPERVISOR)):
        out[name] = auth.add_user(admin, name, name.title(), "correct horse battery", {role})
    return out


def rec(
    item_id: str,
    text: str = "Hello, a question about passports",
    *,
    platform: Platform = Platform.X,
    kind: ItemKind = ItemKind.MENTION,
    thread: str = "root-1",
    author: str = "u1",
    at: datetime = T0,
    **extra: Any,
) -> InboundRecord:
    """A citizen's record."""
    return InboundRecord(
        platform=platform,
        platform_item_id=item_id,
        kind=kind,
        conversation_key=thread,
        author_id=author,
        author_handle=f"@{author}",
        author_name=f"Citizen {author}",
        text=text,
        created_at=at,
        **extra,
    )


def page(*records: InboundRecord, cursor: str | None = "c1", quarantined: tuple[Quarantined, ...] = ()) -> FetchResult:
    """A fetched page."""
    return FetchResult(tuple(records), cursor, False, quarantined)


def count(ctx: Any, model: Any) -> int:
    """Rows in a table."""
    with ctx.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def inbox(ctx: Any, triage: Triage) -> InboxService:
    """The service under test."""
    return InboxService(ctx, triage, capabilities_for=capabilities)


# --- storage path --------------------------------------------------------------------------------


def test_same_batch_twice_stores_nothing_new(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    batch = page(rec("1"), rec("2", author="u2"), rec("3", "Another one", author="u1"))
    first = inbox.ingest(account, Stream.MENTIONS, batch)
    second = inbox.ingest(account, Stream.MENTIONS, batch)
    assert (first.new_items, second.new_items, second.unchanged_items) == (3, 0, 3)
    assert count(ctx, InboxItem) == 3
    assert count(ctx, InboxItemVersion) == 0
    assert count(ctx, Conversation) == 2  # u1's two items share a thread
    with ctx.sessions() as session:
        cursor = session.get(SyncCursor, (account.id, "mentions"))
        assert cursor is not None and cursor.cursor == "c1"
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action == "sync.batch")))
    assert actions == ["sync.batch", "sync.batch"]  # one entry per batch, not per item


def test_edits_and_deletes_keep_every_version(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", "first words")))
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", "second words", edited_at=T0 + timedelta(minutes=1))))
    notice = inbox.ingest(account, Stream.MENTIONS, page(rec("1", "", deleted=True)))
    assert notice.changed_items == 1
    with ctx.sessions() as session:
        item = session.scalars(select(InboxItem)).one()
        versions = session.scalars(select(InboxItemVersion).order_by(InboxItemVersion.version)).all()
    assert item.deleted and item.version == 3
    assert item.text == "second words"  # a blanked delete keeps the last text seen
    assert [(v.version, v.text, v.change) for v in versions] == [
        (1, "first words", "original"),
        (2, "second words", "edited"),
    ]
    detail = inbox.conversation(item.conversation_id or 0)
    assert [v.text for v in detail.items[0].versions] == ["first words", "second words"]
    # the search index follows the edit: the old words no longer match, the new ones do
    assert inbox.count(InboxFilter(text="first")) == 0
    assert inbox.count(InboxFilter(text="second")) == 1


def test_original_and_edit_in_one_batch_are_both_kept(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", "draft"), rec("1", "draft"), rec("1", "final")))
    with ctx.sessions() as session:
        assert session.scalars(select(InboxItem.text)).one() == "final"
        assert list(session.scalars(select(InboxItemVersion.text))) == ["draft"]


def test_quarantine_keeps_payload_and_the_sync_goes_on(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    naive = rec("bad", at=datetime(2026, 1, 5, 8, 0))
    wrong_platform = rec("fb", platform=Platform.FACEBOOK)
    connector_side = Quarantined(Stream.MENTIONS, "JSON did not parse", '{"id": "9", "text": ')
    notice = inbox.ingest(
        account, Stream.MENTIONS, page(rec("1"), naive, wrong_platform, rec("2"), quarantined=(connector_side,))
    )
    assert (notice.new_items, notice.quarantined) == (2, 3)
    with ctx.sessions() as session:
        rows = session.scalars(select(QuarantinedPayload).order_by(QuarantinedPayload.id)).all()
        assert session.get(SyncCursor, (account.id, "mentions")) is not None
    reasons = [r.reason for r in rows]
    assert reasons[0] == "JSON did not parse" and rows[0].payload == '{"id": "9", "text": '
    assert "time zone" in reasons[1] and '"bad"' in rows[1].payload
    assert "facebook" in reasons[2]


def test_conversations_group_per_person_and_thread_and_reopen(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    who = people(ctx)
    inbox.ingest(
        account,
        Stream.DIRECT,
        page(
            rec("d1", "hi", kind=ItemKind.DIRECT, thread="dm-7", author="u1"),
            rec("d2", "we answer", kind=ItemKind.DIRECT, thread="dm-7", author="force", from_account=True),
            rec("p1", "public one", thread="root-1", author="u1"),
            rec("p2", "public two", thread="root-1", author="u2"),
        ),
    )
    with ctx.sessions() as session:
        convs = {c.conversation_key: c for c in session.scalars(select(Conversation))}
    assert set(convs) == {"dm:dm-7", "pub:root-1:u1", "pub:root-1:u2"}
    dm = convs["dm:dm-7"]
    assert dm.citizen_id == "u1" and dm.unread == 1  # the force's own message is not unread
    inbox.set_status(who["officer"], dm.id, "open")
    inbox.set_status(who["officer"], dm.id, "closed")
    inbox.ingest(
        account, Stream.DIRECT, page(rec("d3", "one more thing", kind=ItemKind.DIRECT, thread="dm-7", author="u1"))
    )
    detail = inbox.conversation(dm.id)
    assert detail.summary.status == "new"
    assert [e.kind for e in detail.events].count("reopened") == 1
    assert [i.platform_item_id for i in detail.items] == ["d1", "d2", "d3"]


def test_emergency_is_raised_once_within_the_sync(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    urgent = rec("e1", "Help! Someone is breaking into my house right now")
    notice = inbox.ingest(account, Stream.MENTIONS, page(urgent, rec("q1", "When is the station open?", author="u2")))
    again = inbox.ingest(account, Stream.MENTIONS, page(urgent))
    assert len(notice.emergency_ids) == 1 and again.emergency_ids == ()
    assert count(ctx, Emergency) == 1
    rows = inbox.page(InboxFilter(triage_labels=("emergency",)))
    assert [r.id for r in rows] and rows[0].triage_label == "emergency"
    with ctx.sessions() as session:
        reason = session.scalar(select(InboxItem.triage_reason).where(InboxItem.platform_item_id == "e1"))
    assert reason and "emergency" in reason


def test_attachments_are_recorded_and_sensitive_media_flagged(ctx: Any, inbox: InboxService) -> None:
    account = make_account(ctx)
    media = (Attachment("http://127.0.0.1:1/a.jpg", "image/jpeg", sensitive=True),)
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", attachments=media)))
    rows = inbox.page(InboxFilter())
    assert rows[0].sensitive_media


# --- work on conversations ---------------------------------------------------------------------------


def _one_conversation(ctx: Any, inbox: InboxService, platform: Platform = Platform.X, **kw: Any) -> int:
    account = make_account(ctx, platform)
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", platform=platform, **kw)))
    with ctx.sessions() as session:
        return int(session.scalars(select(Conversation.id)).one())


def test_status_moves_and_refusals(ctx: Any, inbox: InboxService) -> None:
    who = people(ctx)
    cid = _one_conversation(ctx, inbox)
    for status in ("open", "waiting", "open", "closed", "open", "waiting", "closed"):
        inbox.set_status(who["officer"], cid, status)
        assert inbox.conversation(cid).summary.status == status
    with pytest.raises(ValidationFailed, match="closed conversation cannot be set to waiting"):
        inbox.set_status(who["officer"], cid, "waiting")
    with pytest.raises(PermissionDenied):
        inbox.set_status(who["admin"], cid, "open")
    with pytest.raises(PermissionDenied):
        inbox.set_status(who["system"], cid, "open")
    statuses = [e.detail["after"] for e in inbox.conversation(cid).events if e.kind == "status"]
    assert statuses == ["open", "waiting", "open", "closed", "open", "waiting", "closed"]
    with ctx.sessions() as session:
        assert session.scalar(select(InboxItem.status)) == "closed"  # the list filters on the item's copy
        audited = session.scalar(select(func.count()).where(AuditEntry.action == "inbox.status"))
    assert audited == 7


def test_assign_note_tags_read_and_roles(ctx: Any, inbox: InboxService) -> None:
    who = people(ctx)
    cid = _one_conversation(ctx, inbox)
    officer = who["officer"]
    inbox.assign(officer, cid, who["officer2"].user_id, team="Nettipoliisi")
    inbox.add_note(officer, cid, "Called the school.")
    inbox.add_tag(officer, cid, "  Fraud ")
    inbox.add_tag(officer, cid, "fraud")
    inbox.add_tag(officer, cid, "school")
    inbox.remove_tag(officer, cid, "school")
    assert inbox.count(InboxFilter(unread_only=True)) == 1
    inbox.mark_read(officer, cid)
    detail = inbox.conversation(cid)
    assert detail.summary.assignee_user_id == who["officer2"].user_id and detail.summary.team == "Nettipoliisi"
    assert [n.text for n in detail.notes] == ["Called the school."]
    assert detail.tags == ("fraud",)
    assert detail.summary.unread == 0
    assert inbox.count(InboxFilter(tag="FRAUD")) == 1
    assert inbox.count(InboxFilter(assignee_user_id=who["officer2"].user_id)) == 1
    assert inbox.count(InboxFilter(unassigned=True)) == 0
    assert inbox.count(InboxFilter(unread_only=True)) == 0
    for call in (
        lambda: inbox.assign(who["admin"], cid, None),
        lambda: inbox.add_note(who["admin"], cid, "x"),
        lambda: inbox.add_tag(who["admin"], cid, "x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(ValidationFailed, match="no active person"):
        inbox.assign(officer, cid, 9999)


def test_page_filters_and_saved_views(ctx: Any, inbox: InboxService) -> None:
    who = people(ctx)
    x = make_account(ctx, Platform.X)
    fb = make_account(ctx, Platform.FACEBOOK, "poliisi-fb")
    five = (rec(str(i), f"message {i}", at=T0 + timedelta(minutes=i)) for i in range(5))
    inbox.ingest(x, Stream.MENTIONS, page(*five))
    inbox.ingest(fb, Stream.COMMENTS, page(rec("f1", "comment", platform=Platform.FACEBOOK, kind=ItemKind.COMMENT)))
    rows = inbox.page(InboxFilter(), 0, 3)
    assert [r.platform for r in rows] == ["x", "x", "x"]  # newest first: x items are later than T0
    assert [r.snippet for r in rows] == ["message 4", "message 3", "message 2"]
    # message 0 and the comment share T0: the later id comes first
    assert [r.snippet for r in inbox.page(InboxFilter(), 3, 10)] == ["message 1", "comment", "message 0"]
    assert inbox.count(InboxFilter(platforms=("facebook",))) == 1
    assert inbox.count(InboxFilter(account_ids=(x.id,))) == 5
    assert inbox.count(InboxFilter(since=T0 + timedelta(minutes=3))) == 2
    assert inbox.count(InboxFilter(until=T0 + timedelta(minutes=1))) == 2
    assert inbox.count(InboxFilter(statuses=("closed",))) == 0
    view_id = inbox.save_view(who["officer"], "Facebook", InboxFilter(platforms=("facebook",), since=T0))
    views = inbox.views(who["officer"])
    assert [(v.id, v.name) for v in views] == [(view_id, "Facebook")]
    assert views[0].filters == InboxFilter(platforms=("facebook",), since=T0)
    assert inbox.views(who["officer2"]) == []
    assert inbox.unread_counts({v.name: v.filters for v in views}) == {"Facebook": 1}


# --- replies ------------------------------------------------------------------------------------------


def test_reply_is_queued_with_one_delivery(ctx: Any, inbox: InboxService) -> None:
    who = people(ctx)
    cid = _one_conversation(ctx, inbox)
    out_id = inbox.reply(who["officer"], cid, "Thank you, we are on it.", private=False)
    with ctx.sessions() as session:
        out = session.get(OutboundItem, out_id)
        deliveries = session.scalars(select(Delivery)).all()
    assert out is not None and out.kind == "reply" and out.state == "scheduled" and out.due_at == ctx.clock.now()
    assert out.details["reply_to_platform_item_id"] == "1"
    assert len(deliveries) == 1 and deliveries[0].state == "pending"
    assert deliveries[0].idempotency_key.startswith(out.idempotency_key)
    assert inbox.conversation(cid).summary.status == "open"
    second = inbox.reply(who["officer"], cid, "Thank you, we are on it.", private=False)
    with ctx.sessions() as session:
        keys = set(session.scalars(select(OutboundItem.idempotency_key)))
    assert second != out_id and len(keys) == 2


def test_reply_too_long_for_x_by_weight(ctx: Any, inbox: InboxService) -> None:
    who = people(ctx)
    cid = _one_conversation(ctx, inbox)
    # 141 CJK characters weigh 282 on X although they are only 141 code points.
    with pytest.raises(ValidationFailed, match="282 characters as x counts them; the limit is 280"):
        inbox.reply(who["officer"], cid, "警" * 141, private=False)
    inbox.reply(who["officer"], cid, "警" * 140, private=False)
    with pytest.raises(ValidationFailed, match="empty"):
        inbox.reply(who["officer"], cid, "   ", private=False)
    with pytest.raises(PermissionDenied):
        inbox.reply(who["admin"], cid, "hi", private=False)
    assert count(ctx, OutboundItem) == 1


def test_messenger_window_is_checked_before_queuing(ctx: Any, clock: Any, inbox: InboxService) -> None:
    who = people(ctx)
    account = make_account(ctx, Platform.FACEBOOK)
    clock.set(T0)
    inbox.ingest(
        account,
        Stream.DIRECT,
        page(rec("m1", "hei", platform=Platform.FACEBOOK, kind=ItemKind.DIRECT, thread="t-1", at=T0)),
    )
    with ctx.sessions() as session:
        cid = int(session.scalars(select(Conversation.id)).one())
    with pytest.raises(ValidationFailed, match="private conversation"):
        inbox.reply(who["officer"], cid, "hello", private=False)
    clock.set(T0 + timedelta(hours=23, minutes=59))
    inbox.reply(who["officer"], cid, "hello", private=True)
    clock.set(T0 + timedelta(hours=24, minutes=1))
    with pytest.raises(ValidationFailed, match="within 24 hours"):
        inbox.reply(who["officer"], cid, "hello again", private=True)
    assert count(ctx, OutboundItem) == 1


def test_reply_approval_when_the_force_requires_it(ctx: Any, triage: Triage) -> None:
    inbox = InboxService(ctx, triage, capabilities_for=capabilities, replies_need_approval=True)
    who = people(ctx)
    cid = _one_conversation(ctx, inbox)
    officer_reply = inbox.reply(who["officer"], cid, "A reply", private=False)
    supervisor_reply = inbox.reply(who["supervisor"], cid, "Another reply", private=False)
    with ctx.sessions() as session:
        states = {r[0]: r[1] for r in session.execute(select(OutboundItem.id, OutboundItem.state))}
    assert states == {officer_reply: "awaiting_approval", supervisor_reply: "scheduled"}
    with pytest.raises(PermissionDenied):
        inbox.approve_reply(who["officer2"], officer_reply)
    inbox.approve_reply(who["supervisor"], officer_reply)
    with ctx.sessions() as session:
        row = session.get(OutboundItem, officer_reply)
        assert row is not None and row.state == "scheduled" and row.approved_by_user_id == who["supervisor"].user_id


def test_handling_and_change_polling(ctx: Any, clock: Any, inbox: InboxService) -> None:
    who = people(ctx)
    cid = _one_conversation(ctx, inbox)
    token, changed = inbox.changes_since(0)
    assert changed == (cid,) and token == inbox.current_token()
    assert inbox.changes_since(token)[1] == (cid,)  # just changed: reported again in case of a late commit
    clock.advance(31)
    assert inbox.changes_since(token) == (token, ())
    inbox.start_handling(who["officer"], cid)
    token2, changed = inbox.changes_since(token)
    assert changed == (cid,) and token2 > token
    assert [h.display_name for h in inbox.handling(cid)] == ["Officer"]
    clock.advance(180)  # no keep-alive for longer than the time-to-live
    assert inbox.handling(cid) == []
    inbox.start_handling(who["officer"], cid)
    inbox.stop_handling(who["officer"], cid)
    assert inbox.handling(cid) == []


@pytest.mark.postgres
def test_postgresql_desks_are_notified(ctx: Any, inbox: InboxService) -> None:
    """Other desks LISTEN on ``desk_inbox``; every change sends the conversation ids."""
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("NOTIFY is PostgreSQL's")
    import psycopg

    url = ctx.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute("LISTEN desk_inbox")
        who = people(ctx)
        cid = _one_conversation(ctx, inbox)
        inbox.add_tag(who["officer"], cid, "noise")
        payloads = [n.payload for n in listener.notifies(timeout=5, stop_after=2)]
    assert payloads == [str(cid), str(cid)]
