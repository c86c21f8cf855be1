"""The audit chain: appends, verification, and each kind of tampering named by the first broken entry."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, text, update

from desk.audit import Actor, AuditLog, CheckpointFile, summarise
from desk.storage.models import AuditEntry, AuditHead

ME = Actor("officer.virtanen", 7)


def _append(ctx: Any, n: int, action: str = "item.close") -> None:
    for i in range(n):
        with ctx.transaction() as s:
            ctx.audit.append(
                s, ME, action, "conversation", i, summarise(before={"status": "open"}, after={"status": "closed"})
            )
            ctx.clock.advance(1)


def _verify(ctx: Any) -> Any:
    with ctx.sessions() as s:
        return ctx.audit.verify(s)


def test_intact_chain_verifies(ctx: Any) -> None:
    _append(ctx, 30)
    report = _verify(ctx)
    assert report.ok, report.describe()
    assert report.entries == 30 + 0  # the context itself writes nothing
    with ctx.sessions() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    assert [e.seq for e in entries] == list(range(1, 31))
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert entries[0].workstation == "test-desk" and entries[0].actor == "officer.virtanen"


def test_edited_entry_is_named(ctx: Any) -> None:
    _append(ctx, 20)
    with ctx.transaction() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 12).values(summary='{"after":{"status":"open"}}'))
    report = _verify(ctx)
    assert not report.ok
    assert report.problem.kind == "edited" and report.problem.seq == 12


def test_deleted_entry_is_named(ctx: Any) -> None:
    _append(ctx, 20)
    with ctx.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 5))
    report = _verify(ctx)
    assert report.problem is not None and report.problem.kind == "deleted" and report.problem.seq == 5


def test_reordered_entries_are_named(ctx: Any) -> None:
    _append(ctx, 20)
    with ctx.transaction() as s:  # swap the positions of entries 8 and 9
        s.execute(update(AuditEntry).where(AuditEntry.seq == 8).values(seq=-8))
        s.execute(update(AuditEntry).where(AuditEntry.seq == 9).values(seq=8))
        s.execute(update(AuditEntry).where(AuditEntry.seq == -8).values(seq=9))
    report = _verify(ctx)
    assert report.problem is not None and report.problem.kind == "reordered" and report.problem.seq == 8


def test_inserted_entry_is_named(ctx: Any) -> None:
    _append(ctx, 10)
    with ctx.transaction() as s:  # shift the tail and forge an entry in the gap
        rows = s.scalars(select(AuditEntry).where(AuditEntry.seq >= 6).order_by(AuditEntry.seq.desc())).all()
        for row in rows:
            row.seq += 1
            s.flush()
        forged = AuditEntry(
            seq=6,
            at=ctx.clock.now(),
            user_id=None,
            actor="intruder",
            workstation="x",
            action="user.create",
            object_type="user",
            object_id="99",
            summary="",
            prev_hash=rows[-1].prev_hash,
            hash="f" * 64,
        )
        s.add(forged)
    report = _verify(ctx)
    assert report.problem is not None and report.problem.seq == 6
    assert report.problem.kind in {"edited", "inserted"}


def test_cut_tail_is_caught_by_the_head_and_the_checkpoint(ctx: Any) -> None:
    ctx.audit.checkpoint_every = 10
    _append(ctx, 25)  # checkpoints at 10 and 20, written after commit, outside the database
    # Cut entries 16.. and rewrite the head to match: only the external checkpoint can tell.
    with ctx.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq > 15))
        last = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 15))
        s.execute(update(AuditHead).values(seq=15, hash=last))
    report = _verify(ctx)
    assert report.problem is not None and report.problem.kind == "tail_cut"
    assert "16..20" in report.problem.message


def test_cut_tail_without_head_rewrite(ctx: Any) -> None:
    _append(ctx, 8)
    with ctx.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq > 6))
    report = _verify(ctx)
    assert report.problem is not None and report.problem.kind == "tail_cut"


def test_checkpoint_file_rejects_forged_lines(tmp_path: Path) -> None:
    cp_file = CheckpointFile(tmp_path / "cp.jsonl", b"k" * 32)
    (tmp_path / "cp.jsonl").write_text('{"database_id":"d","seq":99,"hash":"x","at":"t","mac":"bad"}\nnot json\n')
    assert cp_file.latest("d") is None


def test_a_rolled_back_change_leaves_no_entry(ctx: Any) -> None:
    with pytest.raises(RuntimeError), ctx.transaction() as s:
        ctx.audit.append(s, ME, "item.close", "conversation", 1)
        raise RuntimeError("the change failed")
    _append(ctx, 1)
    assert _verify(ctx).ok
    with ctx.sessions() as s:
        assert s.scalar(select(AuditEntry.seq)) == 1


def test_a_wrong_key_cannot_verify(ctx: Any) -> None:
    _append(ctx, 3)
    other = AuditLog(b"another key".ljust(32, b"!"), "test-desk", ctx.clock)
    with ctx.sessions() as s:
        report = other.verify(s)
    assert report.problem is not None and report.problem.seq == 1


@pytest.mark.parametrize("threads", [4])
def test_concurrent_appends_never_fork_the_chain(ctx: Any, threads: int) -> None:
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(15):
                with ctx.transaction() as s:
                    ctx.audit.append(s, Actor(f"w{n}", n), "item.tag", "item", i)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors
    report = _verify(ctx)
    assert report.ok, report.describe()
    assert report.entries == threads * 15
    with ctx.sessions() as s:
        assert s.execute(text("SELECT COUNT(DISTINCT prev_hash) FROM audit_entries")).scalar() == threads * 15
