"""End to end: a Facebook comment edited or removed on the platform becomes a new version in the desk's record,
through the real sync service and inbox, with the Facebook connector against the sandbox."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desk.accounts import AccountService
from desk.inbox import InboxService
from desk.ports import Platform, PublishRequest, Stream
from desk.storage.models import InboxItem, InboxItemVersion
from desk.sync import SyncService
from tests.integration.test_facebook_connector import inject, make
from tests.unit.desk.test_inbox_service import capabilities, make_account, triage

__all__ = ["triage"]

pytestmark = pytest.mark.sandbox


def test_edits_and_removals_are_kept_as_versions(
    ctx: Any, triage: Any, tmp_path: Path, sandbox: Any, sandbox_admin: Any
) -> None:
    conn, acc = make(sandbox, sandbox_admin)
    account = make_account(ctx, Platform.FACEBOOK, acc["handle"])
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    sync = SyncService(
        ctx,
        inbox,
        AccountService(ctx),
        lambda _account: conn,
        downloader=lambda _url: b"",
        attachment_dir=tmp_path / "attachments",
        rng=random.Random(1),
    )
    post = conn.publish(PublishRequest("Lost dog found", "v1")).platform_post_id
    when = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    edited = inject(
        sandbox_admin, acc, "comment", "Saw the dog near the statoin", "ben", reply_to=post, created_time=when
    )
    removed = inject(sandbox_admin, acc, "comment", "You are all useless", "cal", reply_to=post, created_time=when)
    first = sync.run_once(account.id, Stream.COMMENTS)
    assert (first.new_items, first.changed_items, first.error) == (2, 0, None)
    inject(sandbox_admin, acc, "comment", "Saw the dog near the station", "ben", edit_of=edited)
    inject(sandbox_admin, acc, "comment", "", "cal", delete_id=removed)
    second = sync.run_once(account.id, Stream.COMMENTS)
    assert (second.new_items, second.changed_items, second.error) == (0, 2, None)
    with ctx.transaction() as session:
        items = {i.platform_item_id: (i.text, i.version, i.deleted) for i in session.scalars(select(InboxItem))}
        versions = sorted((v.text, v.version, v.change) for v in session.scalars(select(InboxItemVersion)))
    assert items[edited] == ("Saw the dog near the station", 2, False)
    assert items[removed] == ("You are all useless", 2, True)  # the desk keeps the last text it saw
    assert versions == [("Saw the dog near the statoin", 1, "original"), ("You are all useless", 1, "original")]
    third = sync.run_once(account.id, Stream.COMMENTS)
    assert (third.new_items, third.changed_items) == (0, 0)
