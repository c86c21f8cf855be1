"""AuditLog.append_many: several entries under one take of the head lock, the same chain as one by one."""

from __future__ import annotations

import itertools
import threading
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from desk.audit import Actor, canonical, chain_hash
from desk.storage.models import AuditEntry, AuditHead

ME = Actor("system@test-desk")


def _entries(ctx: Any) -> list[AuditEntry]:
    with ctx.sessions() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def _verify(ctx: Any) -> Any:
    with ctx.sessions() as s:
        return ctx.audit.verify(s)


def test_a_batch_continues_the_chain_between_single_appends(ctx: Any) -> None:
    with ctx.transaction() as s:
        ctx.audit.append(s, ME, "delivery.published", "delivery", 1)
    with ctx.transaction() as s:
        made = ctx.audit.append_many(
            s, ME, [("delivery.published", "delivery", n, f'{{"n":{n}}}') for n in range(2, 7)]
        )
    assert [e.seq for e in made] == [2, 3, 4, 5, 6]
    with ctx.transaction() as s:
        ctx.audit.append(s, ME, "delivery.failed", "delivery", 7)
    entries = _entries(ctx)
    assert [e.seq for e in entries] == list(range(1, 8))
    assert [e.object_id for e in entries] == [str(n) for n in range(1, 8)]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    # Each hash is the keyed hash of its own content over the one before: what append would have written.
    assert all(e.hash == chain_hash(ctx.audit._key, e.prev_hash, canonical(e)) for e in entries)
    with ctx.sessions() as s:
        head = s.execute(select(AuditHead.seq, AuditHead.hash)).one()
    assert (head.seq, head.hash) == (7, entries[-1].hash)
    report = _verify(ctx)
    assert report.ok, report.describe()


def test_a_first_batch_starts_at_the_genesis(ctx: Any) -> None:
    with ctx.transaction() as s:
        ctx.audit.append_many(s, ME, [("a", "x", 1, ""), ("b", "x", 2, "")])
    entries = _entries(ctx)
    assert [e.seq for e in entries] == [1, 2]
    assert entries[0].prev_hash == "0" * 64
    assert _verify(ctx).ok


def test_an_empty_batch_writes_nothing(ctx: Any) -> None:
    with ctx.transaction() as s:
        assert ctx.audit.append_many(s, ME, []) == []
    assert _entries(ctx) == []
    with ctx.sessions() as s:
        assert s.scalar(select(AuditHead.seq)) == 0


def test_a_rolled_back_batch_leaves_no_entry_and_the_head_unmoved(ctx: Any) -> None:
    with ctx.transaction() as s:
        ctx.audit.append(s, ME, "a", "x", 1)
    with pytest.raises(RuntimeError), ctx.transaction() as s:
        ctx.audit.append_many(s, ME, [("b", "x", 2, ""), ("c", "x", 3, "")])
        raise RuntimeError("the caller's work failed")
    with ctx.transaction() as s:
        ctx.audit.append(s, ME, "d", "x", 4)
    assert [(e.seq, e.action) for e in _entries(ctx)] == [(1, "a"), (2, "d")]
    assert _verify(ctx).ok


def test_a_batch_spanning_a_checkpoint_writes_one_and_a_cut_tail_is_caught(ctx: Any) -> None:
    ctx.audit.checkpoint_every = 10
    for n in range(7):
        with ctx.transaction() as s:
            ctx.audit.append(s, ME, "a", "x", n)
    with ctx.transaction() as s:
        ctx.audit.append_many(s, ME, [("b", "x", n, "") for n in range(5)])  # seqs 8..12: 10 is among them
    with ctx.sessions() as s:
        latest = ctx.audit.checkpoints.latest(ctx.audit.database_id(s))
    assert latest is not None and latest.seq == 12
    # Cut 10.. and rewrite the head to match: only the checkpoint written for the batch can tell.
    with ctx.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq > 9))
        last = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 9))
        s.execute(update(AuditHead).values(seq=9, hash=last))
    report = _verify(ctx)
    assert report.problem is not None and report.problem.kind == "tail_cut"


def test_a_batch_inside_a_checkpoint_period_writes_none(ctx: Any) -> None:
    ctx.audit.checkpoint_every = 10
    with ctx.transaction() as s:
        ctx.audit.append_many(s, ME, [("b", "x", n, "") for n in range(9)])  # seqs 1..9
    with ctx.sessions() as s:
        assert ctx.audit.checkpoints.latest(ctx.audit.database_id(s)) is None


def test_batches_and_single_appends_from_threads_never_fork_the_chain(ctx: Any) -> None:
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(8):
                with ctx.transaction() as s:
                    if (n + i) % 2:
                        ctx.audit.append_many(s, Actor(f"w{n}", n), [("tag", "item", i, ""), ("tag", "item", -i, "")])
                    else:
                        ctx.audit.append(s, Actor(f"w{n}", n), "tag", "item", i)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors
    report = _verify(ctx)
    assert report.ok, report.describe()
    assert report.entries == 4 * (4 * 1 + 4 * 2)
    entries = _entries(ctx)
    assert len({e.prev_hash for e in entries}) == len(entries)
