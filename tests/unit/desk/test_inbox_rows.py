"""What an inbox row carries for the list: the triage class and the reason for it."""

from __future__ import annotations

from typing import Any

import pytest

from desk.inbox import InboxFilter, InboxService
from desk.ports import Stream
from desk.triage import Triage
from tests.unit.desk.test_inbox_service import make_account, page, rec, triage

__all__ = ["triage"]  # the session fixture with the real rule set


def test_each_row_carries_its_triage_reason(ctx: Any, triage: Triage) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    inbox.ingest(
        account,
        Stream.MENTIONS,
        page(
            rec("1", "Help! Someone is breaking into my house right now, he has a knife", author="a", thread="t1"),
            rec("2", "What time is the station open on Sunday?", author="b", thread="t2"),
        ),
    )
    rows = {r.author_handle: r for r in inbox.page(InboxFilter(), 0, 10)}
    for handle in ("@a", "@b"):
        row = rows[handle]
        expected = triage.classify(row.snippet)
        assert row.triage_label == expected.label
        assert row.triage_reason == expected.explain()
    assert rows["@a"].triage_label == "emergency" and "knife" in (rows["@a"].triage_reason or "")


def test_officers_see_who_can_be_assigned_and_administrators_cannot_be(ctx: Any, triage: Triage) -> None:
    from desk.auth import AuthService
    from desk.errors import PermissionDenied, ValidationFailed
    from desk.roles import Role
    from desk.storage.models import User
    from tests.unit.desk.test_inbox_service import people

    who = people(ctx)  # an administrator, two officers and a supervisor
    auth = AuthService(ctx)
    gone = auth.add_user(who["admin"], "retired", "Retired Officer", "correct horse battery", {Role.OFFICER})
    with ctx.transaction() as session:
        session.get(User, gone.user_id).active = False
    inbox = InboxService(ctx, triage)
    names = [p.display_name for p in inbox.assignable_people(who["officer"])]
    assert {"Officer", "Officer2", "Supervisor"} <= set(names)
    assert "Retired Officer" not in names  # no longer active
    assert "Ada Admin" not in names  # administers only: never given citizens' messages
    assert names == sorted(names)
    with pytest.raises(PermissionDenied):
        inbox.assignable_people(who["admin"])  # an administrator does not work the inbox
    account = make_account(ctx)
    notice = inbox.ingest(account, Stream.MENTIONS, page(rec("9", "Is the road open?", author="c", thread="t9")))
    conversation = notice.conversation_ids[0]
    with pytest.raises(ValidationFailed):
        inbox.assign(who["officer"], conversation, who["admin"].user_id)
    inbox.assign(who["officer"], conversation, who["supervisor"].user_id)


def test_unread_counts_stop_at_the_cap(ctx: Any, triage: Triage) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    inbox.ingest(
        account,
        Stream.MENTIONS,
        page(*[rec(str(i), f"Question number {i}", author=f"a{i}", thread=f"t{i}") for i in range(5)]),
    )
    views = {"all": InboxFilter(), "none": InboxFilter(statuses=("closed",))}
    assert inbox.unread_counts(views) == {"all": 5, "none": 0}
    assert inbox.unread_counts(views, cap=3) == {"all": 3, "none": 0}  # "at least 3"
    assert inbox.unread_counts(views, cap=5) == {"all": 5, "none": 0}
