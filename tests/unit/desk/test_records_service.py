"""Records on both databases: retention classes, legal holds, purge (chain stays whole), FOI and subject access."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desk.errors import PermissionDenied, ValidationFailed
from desk.ports import Platform
from desk.records import DEFAULT_RETENTION, INBOX, RecordsService, Subject
from desk.storage.models import (
    AuditEntry,
    Conversation,
    ConversationEvent,
    Delivery,
    InboxItem,
    InboxItemVersion,
    Note,
    OutboundItem,
)
from desk.storage.patrol_models import PatrolEntry, PatrolShift
from desk.storage.review_models import EngagementSample
from desk.storage.tweetathon_models import Call

OLD = timedelta(days=7 * 365)


def _thread(s: Any, account: int, key: str, handle: str, status: str, at: Any, *, platform: str = "x") -> int:
    conv = Conversation(
        account_id=account,
        platform=platform,
        conversation_key=key,
        citizen_id=f"id-{handle}",
        citizen_handle=handle,
        citizen_name=handle,
        status=status,
        first_inbound_at=at,
        last_item_at=at,
        created_at=at,
    )
    s.add(conv)
    s.flush()
    item = InboxItem(
        account_id=account,
        conversation_id=conv.id,
        platform=platform,
        platform_item_id=f"{key}-1",
        kind="mention",
        author_id=f"id-{handle}",
        author_handle=handle,
        author_name=handle,
        text=f"message from {handle}",
        created_at=at,
        received_at=at,
        search_text=f"message from {handle.lower()}",
    )
    s.add(item)
    s.flush()
    if s.get_bind().dialect.name == "sqlite":
        s.connection().exec_driver_sql(
            "INSERT INTO inbox_fts(rowid, search_text) VALUES (?, ?)", (item.id, item.search_text)
        )
    s.add(InboxItemVersion(item_id=item.id, version=1, text=item.text, change="original", recorded_at=at))
    s.add(Note(conversation_id=conv.id, text=f"note on {handle}", created_at=at))
    s.add(ConversationEvent(conversation_id=conv.id, kind="status", at=at, detail={}))
    reply = OutboundItem(
        kind="reply",
        state="done",
        text=f"reply to {handle}",
        idempotency_key=f"r-{key}",
        conversation_id=conv.id,
        reply_to_item_id=item.id,
        created_at=at,
        updated_at=at,
    )
    s.add(reply)
    s.flush()
    d = Delivery(
        outbound_id=reply.id,
        account_id=account,
        state="published",
        idempotency_key=f"rd-{key}",
        platform_post_id=f"p-{key}",
        published_at=at,
    )
    s.add(d)
    s.flush()
    s.add(EngagementSample(delivery_id=d.id, at=at, likes=1))
    return conv.id


@pytest.fixture
def rec(desk: Any) -> Any:
    ctx = desk.ctx
    now = ctx.clock.now()
    x = desk.acc[Platform.X].id
    m = desk.acc[Platform.MASTODON].id
    with ctx.transaction() as s:
        convs = {
            "old": _thread(s, x, "old", "@gone", "closed", now - OLD),
            "held_conv": _thread(s, x, "hc", "@kept", "closed", now - OLD),
            "held_person": _thread(s, m, "hp", "@Suspect", "closed", now - OLD, platform="mastodon"),
            "open": _thread(s, x, "open", "@waiting", "open", now - OLD),
            "recent": _thread(s, x, "recent", "@new", "closed", now - timedelta(days=30)),
            "suspect_recent": _thread(s, x, "sx", "@suspect_x", "open", now - timedelta(days=2)),
        }
        post = OutboundItem(
            kind="post",
            state="done",
            text="old appeal",
            idempotency_key="post-old",
            created_at=now - OLD,
            updated_at=now - OLD,
        )
        s.add(post)
        s.add_all(
            [
                Call(
                    source="cad",
                    call_key=k,
                    received_at=at,
                    content_hash="h",
                    status="publishable",
                    first_seen_at=at,
                    updated_at=at,
                )
                for k, at in (("c-old", now - timedelta(days=400)), ("c-new", now - timedelta(days=10)))
            ]
        )
        s.flush()
        shift = PatrolShift(
            user_id=desk.people["officer"].user_id,
            title="night",
            mode="live",
            account_ids=[x],
            started_at=now - OLD,
            ended_at=now - OLD,
            summary_outbound_id=post.id,
        )
        s.add(shift)
        s.flush()
        s.add(PatrolEntry(shift_id=shift.id, at=now - OLD, text="quiet"))
    return type("Rec", (), {"ctx": ctx, "people": desk.people, "svc": RecordsService(ctx), "convs": convs})


def _count(ctx: Any, model: Any) -> int:
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_retention_classes_are_seeded_and_changed_by_administrators_only(rec: Any) -> None:
    classes = {c.record_type: c for c in rec.svc.classes(rec.people["supervisor"])}
    assert classes.keys() == DEFAULT_RETENTION.keys()
    assert classes[INBOX].days == DEFAULT_RETENTION[INBOX][0] and not classes[INBOX].review_due
    with pytest.raises(PermissionDenied):
        rec.svc.set_class(rec.people["supervisor"], INBOX, 30)
    with pytest.raises(ValidationFailed):
        rec.svc.set_class(rec.people["admin"], INBOX, 0)
    with pytest.raises(ValidationFailed):
        rec.svc.set_class(rec.people["admin"], "photos", 30)
    changed = rec.svc.set_class(rec.people["admin"], INBOX, 400, basis="local rule")
    assert (changed.days, changed.basis) == (400, "local rule")
    with rec.ctx.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "retention.change")).one()
    assert json.loads(entry.summary)["before"]["days"] == DEFAULT_RETENTION[INBOX][0]
    rec.ctx.clock.advance(366 * 86400)
    assert {c.record_type for c in rec.svc.classes(rec.people["admin"]) if c.review_due} == set(DEFAULT_RETENTION)


def test_purge_deletes_only_what_retention_allows_and_the_chain_stays_whole(rec: Any) -> None:
    admin, sup = rec.people["admin"], rec.people["supervisor"]
    rec.svc.place_hold(sup, "conversation", str(rec.convs["held_conv"]), reason="complaint")
    rec.svc.place_hold(sup, "person", "@suspect", platform="mastodon", reason="investigation")
    with pytest.raises(PermissionDenied):
        rec.svc.purge(sup)
    audit_before = _count(rec.ctx, AuditEntry)
    result = rec.svc.purge(admin)
    old = rec.convs["old"]
    assert result.counts["conversations"] == 1 and result.id_ranges["conversations"] == (old, old)
    assert result.counts["inbox_items"] == 1 and result.counts["replies"] == 1
    assert result.counts["posts"] == 1 and result.counts["tweetathon_calls"] == 1
    assert result.counts["patrol_logs"] == 1 and result.held_back == 2
    with rec.ctx.sessions() as s:
        left = set(s.scalars(select(Conversation.id)))
        assert left == set(rec.convs.values()) - {old}
        assert s.scalar(select(func.count()).select_from(Note).where(Note.conversation_id == old)) == 0
        assert set(s.scalars(select(Call.call_key))) == {"c-new"}
        if s.get_bind().dialect.name == "sqlite":
            s.execute(text("INSERT INTO inbox_fts(inbox_fts) VALUES ('integrity-check')"))
    assert _count(rec.ctx, PatrolShift) == 0 and _count(rec.ctx, PatrolEntry) == 0
    assert _count(rec.ctx, AuditEntry) == audit_before + 1  # only the purge's own entry was added
    with rec.ctx.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "records.purge")).one()
        assert json.loads(entry.summary)["counts"]["inbox_items"] == 1
        assert rec.ctx.audit.verify(s).ok
    assert rec.svc.purge(admin).total == 0  # a second run finds nothing more
    hold = next(h for h in rec.svc.holds() if h.scope == "conversation")
    rec.svc.lift_hold(sup, hold.id)
    assert rec.svc.purge(admin).counts["conversations"] == 1
    with rec.ctx.sessions() as s:
        assert rec.ctx.audit.verify(s).ok


def test_foi_package_manifest_hashes_match_its_files(rec: Any, tmp_path: Path) -> None:
    now = rec.ctx.clock.now()
    sup = rec.people["supervisor"]
    with pytest.raises(PermissionDenied):
        rec.svc.foi_export(rec.people["officer"], now - OLD, now, tmp_path)
    with pytest.raises(ValidationFailed):
        rec.svc.foi_export(sup, now, now, tmp_path)
    package = rec.svc.foi_export(sup, now - timedelta(days=60), now + timedelta(days=1), tmp_path)
    manifest = json.loads((package.path / "manifest.json").read_text(encoding="utf-8"))
    names = {f["name"] for f in manifest["files"]}
    assert names == {"items.jsonl", "conversations.jsonl", "notes.jsonl", "replies.jsonl", "posts.jsonl", "audit.csv"}
    for f in manifest["files"]:
        data = (package.path / f["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"]
    items = [json.loads(line) for line in (package.path / "items.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(i["author_handle"] for i in items) == ["@new", "@suspect_x"]  # only the range
    zipped = rec.svc.foi_export(sup, now - timedelta(days=60), now + timedelta(days=1), tmp_path / "z", as_zip=True)
    with zipfile.ZipFile(zipped.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        for f in manifest["files"]:
            assert hashlib.sha256(zf.read(f["name"])).hexdigest() == f["sha256"]
    with rec.ctx.sessions() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "records.foi_export")) == 2


def test_subject_access_finds_a_person_across_platforms(rec: Any, tmp_path: Path) -> None:
    sup = rec.people["supervisor"]
    subjects = [Subject("@SUSPECT", "mastodon"), Subject("@suspect_x", "x")]
    found = rec.svc.subject_search(sup, subjects)
    assert set(found.conversation_ids) == {rec.convs["held_person"], rec.convs["suspect_recent"]}
    assert len(found.item_ids) == 2 and len(found.note_ids) == 2 and len(found.reply_ids) == 2
    assert rec.svc.subject_search(sup, [Subject("@SUSPECT", "x")]).empty  # same handle, other platform
    with pytest.raises(ValidationFailed):
        rec.svc.subject_search(sup, [Subject("  ")])
    package = rec.svc.subject_export(sup, subjects, tmp_path)
    manifest = json.loads((package.path / "manifest.json").read_text(encoding="utf-8"))
    rows = {f["name"]: f["rows"] for f in manifest["files"]}
    assert rows == {"items.jsonl": 2, "conversations.jsonl": 2, "notes.jsonl": 2, "replies.jsonl": 2}
    for f in manifest["files"]:
        assert hashlib.sha256((package.path / f["name"]).read_bytes()).hexdigest() == f["sha256"]
    notes = (package.path / "notes.jsonl").read_text(encoding="utf-8")
    assert "note on @Suspect" in notes and "@gone" not in notes
    with rec.ctx.sessions() as s:
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("records.subject%"))))
        assert actions == {"records.subject_search", "records.subject_export"}
        assert rec.ctx.audit.verify(s).ok
    with pytest.raises(PermissionDenied):
        rec.svc.subject_search(rec.people["officer"], subjects)
