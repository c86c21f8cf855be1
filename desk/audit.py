"""The audit log: a keyed hash chain of who did what, when, from which workstation, to which object.

Each entry's hash is an HMAC (key in the keyring) over the previous hash and the entry's content.
Appending locks the single head row (``UPDATE … RETURNING``), so several processes on PostgreSQL
cannot fork the chain. Checkpoints of the head are written to a file outside the database, so a
cut-off tail is caught too. :func:`verify` names the first entry that was edited, deleted, inserted
or reordered.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import uuid
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from desk.clock import Clock
from desk.storage.models import AuditEntry, AuditHead, Setting

GENESIS = "0" * 64
AUDIT_KEY_NAME = "audit-chain-key"
DATABASE_ID_KEY = "database_identity"


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in person, or the system identity of a workstation's runner."""

    name: str
    user_id: int | None = None

    @classmethod
    def system(cls, workstation: str) -> Actor:
        """The headless runner of ``workstation``."""
        return cls(f"system@{workstation}", None)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def canonical(entry: AuditEntry, seq: int | None = None) -> bytes:
    """The bytes an entry's hash covers (everything but the hashes and the row id)."""
    body = [
        entry.seq if seq is None else seq,
        _iso(entry.at),
        entry.user_id,
        entry.actor,
        entry.workstation,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.summary,
    ]
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(key: bytes, prev_hash: str, content: bytes) -> str:
    """HMAC-SHA256 over the previous hash and the content."""
    return hmac.new(key, prev_hash.encode() + b"\n" + content, hashlib.sha256).hexdigest()


def summarise(before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None, **extra: Any) -> str:
    """A short before/after summary as compact JSON (values clipped to keep entries small)."""

    def clip(value: Any) -> Any:
        if isinstance(value, str) and len(value) > 200:
            return value[:197] + "..."
        if isinstance(value, datetime):
            return value.isoformat()
        return value

    doc: dict[str, Any] = {}
    if before is not None:
        doc["before"] = {k: clip(v) for k, v in before.items()}
    if after is not None:
        doc["after"] = {k: clip(v) for k, v in after.items()}
    doc.update({k: clip(v) for k, v in extra.items()})
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


# --- checkpoints kept outside the database --------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """The head at one moment, signed with the chain key."""

    database_id: str
    seq: int
    hash: str
    at: str


class CheckpointFile:
    """Append-only JSON lines of checkpoints, each with its own MAC, in the data directory."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self._lock = threading.Lock()

    def _mac(self, cp: Checkpoint) -> str:
        payload = f"{cp.database_id}|{cp.seq}|{cp.hash}|{cp.at}".encode()
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()

    def write(self, cp: Checkpoint) -> None:
        """Append a checkpoint."""
        line = json.dumps({**cp.__dict__, "mac": self._mac(cp)}, separators=(",", ":"))
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def latest(self, database_id: str) -> Checkpoint | None:
        """The newest valid checkpoint for this database (lines with a bad MAC are ignored)."""
        if not self.path.exists():
            return None
        best: Checkpoint | None = None
        for raw in self.path.read_text(encoding="utf-8").splitlines():
            try:
                doc = json.loads(raw)
                cp = Checkpoint(str(doc["database_id"]), int(doc["seq"]), str(doc["hash"]), str(doc["at"]))
            except (ValueError, KeyError, TypeError):
                continue
            if cp.database_id != database_id or not hmac.compare_digest(self._mac(cp), str(doc.get("mac", ""))):
                continue
            if best is None or cp.seq >= best.seq:
                best = cp
        return best


# --- the log ----------------------------------------------------------------------------------------


class AuditLog:
    """Appends entries in the caller's transaction and verifies the chain."""

    def __init__(
        self,
        key: bytes,
        workstation: str,
        clock: Clock,
        checkpoints: CheckpointFile | None = None,
        checkpoint_every: int = 100,
    ) -> None:
        self._key = key
        self.workstation = workstation
        self.clock = clock
        self.checkpoints = checkpoints
        self.checkpoint_every = checkpoint_every

    def append(
        self,
        session: Session,
        actor: Actor,
        action: str,
        object_type: str = "",
        object_id: str | int = "",
        summary: str = "",
    ) -> AuditEntry:
        """Add one entry under the head lock; it commits (or rolls back) with the caller's transaction."""
        row = session.execute(
            update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1).returning(AuditHead.seq)
        ).one()
        seq = int(row.seq)
        prev_hash = session.execute(select(AuditHead.hash).where(AuditHead.id == 1)).scalar_one()
        if seq > 1:
            # The head's hash is updated below in this same transaction; read the previous entry's hash
            # to be independent of the head row's snapshot semantics.
            prev_hash = session.execute(select(AuditEntry.hash).where(AuditEntry.seq == seq - 1)).scalar_one()
        entry = AuditEntry(
            seq=seq,
            at=self.clock.now(),
            user_id=actor.user_id,
            actor=actor.name,
            workstation=self.workstation,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            summary=summary,
            prev_hash=prev_hash,
            hash="",
        )
        entry.hash = chain_hash(self._key, prev_hash, canonical(entry))
        session.add(entry)
        session.flush()
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=entry.hash))
        if self.checkpoints is not None and seq % self.checkpoint_every == 0:
            self._checkpoint_after_commit(session)
        return entry

    def append_many(
        self, session: Session, actor: Actor, entries: Sequence[tuple[str, str, str | int, str]]
    ) -> list[AuditEntry]:
        """Add several entries (action, object type, object id, summary) under one take of the head lock.

        The chain is the same as from :meth:`append` called once per entry, in order; it commits (or rolls
        back) with the caller's transaction. Used where many entries land together (a round of deliveries)."""
        if not entries:
            return []
        count = len(entries)
        row = session.execute(
            update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + count).returning(AuditHead.seq)
        ).one()
        first = int(row.seq) - count + 1
        if first > 1:
            prev_hash = session.execute(select(AuditEntry.hash).where(AuditEntry.seq == first - 1)).scalar_one()
        else:
            prev_hash = session.execute(select(AuditHead.hash).where(AuditHead.id == 1)).scalar_one()
        at = self.clock.now()
        made: list[AuditEntry] = []
        for offset, (action, object_type, object_id, summary) in enumerate(entries):
            entry = AuditEntry(
                seq=first + offset,
                at=at,
                user_id=actor.user_id,
                actor=actor.name,
                workstation=self.workstation,
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                summary=summary,
                prev_hash=prev_hash,
                hash="",
            )
            entry.hash = prev_hash = chain_hash(self._key, prev_hash, canonical(entry))
            made.append(entry)
        session.add_all(made)
        session.flush()
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=prev_hash))
        # A checkpoint when a multiple of checkpoint_every is among the new seqs, as append would.
        last = first + count - 1
        if self.checkpoints is not None and last // self.checkpoint_every > (first - 1) // self.checkpoint_every:
            self._checkpoint_after_commit(session)
        return made

    def _checkpoint_after_commit(self, session: Session) -> None:
        def after_commit(committed: Session) -> None:
            bind = committed.get_bind()
            from sqlalchemy.orm import Session as _Session

            with _Session(bind) as fresh:
                self.checkpoint(fresh)

        event.listen(session, "after_commit", after_commit, once=True)

    def database_id(self, session: Session) -> str:
        """A random identity of this database, created once (checkpoints are kept per database)."""
        value = session.execute(select(Setting.value).where(Setting.key == DATABASE_ID_KEY)).scalar_one_or_none()
        if value is not None:
            return str(value["id"])
        new_id = str(uuid.uuid4())
        with session.begin_nested():
            session.execute(
                insert(Setting).values(key=DATABASE_ID_KEY, value={"id": new_id}, updated_at=self.clock.now())
            )
        return new_id

    def checkpoint(self, session: Session) -> Checkpoint | None:
        """Record the committed head outside the database."""
        if self.checkpoints is None:
            return None
        db_id = self.database_id(session)
        session.commit()
        head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
        cp = Checkpoint(db_id, int(head.seq), str(head.hash), self.clock.now().isoformat())
        self.checkpoints.write(cp)
        return cp

    def verify(self, session: Session) -> VerifyReport:
        """Check the whole chain (and the latest external checkpoint)."""
        return verify_chain(session, self._key, self.checkpoints, self.database_id(session))


@dataclass(frozen=True)
class Problem:
    """The first break found in the chain."""

    kind: str  # edited, deleted, inserted, reordered, tail_cut, head_mismatch
    seq: int | None
    entry_id: int | None
    message: str


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of a verification."""

    entries: int
    problem: Problem | None

    @property
    def ok(self) -> bool:
        """True when the chain is whole."""
        return self.problem is None

    def describe(self) -> str:
        """One line for people and the command line."""
        if self.problem is None:
            return f"OK: {self.entries} audit entries, chain intact"
        return f"BROKEN: {self.problem.message}"


def _iter_entries(session: Session) -> Iterator[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000)
    yield from session.scalars(stmt)


def _reordered_seq(key: bytes, entry: AuditEntry, window: int = 1000) -> int | None:
    """If the entry's own hash fits its content under another seq, the rows were renumbered: return it."""
    for delta in range(1, window + 1):
        for candidate in (entry.seq - delta, entry.seq + delta):
            if candidate > 0 and chain_hash(key, entry.prev_hash, canonical(entry, candidate)) == entry.hash:
                return candidate
    return None


def verify_chain(
    session: Session, key: bytes, checkpoints: CheckpointFile | None, database_id: str | None
) -> VerifyReport:
    """Walk the chain in order; report the first entry that was edited, deleted, inserted or reordered."""
    prev = GENESIS
    expected = 1
    count = 0
    last_seq = 0
    recent: deque[str] = deque(maxlen=1000)  # to tell a reordered link from an inserted one
    cp = checkpoints.latest(database_id) if checkpoints is not None and database_id is not None else None
    hash_at_checkpoint: str | None = None
    for entry in _iter_entries(session):
        count += 1
        if entry.seq != expected:
            return VerifyReport(
                count,
                Problem(
                    "deleted",
                    expected,
                    entry.id,
                    f"entries {expected}..{entry.seq - 1} are missing (deleted) before entry {entry.seq} (row id "
                    f"{entry.id})",
                ),
            )
        self_consistent = chain_hash(key, entry.prev_hash, canonical(entry)) == entry.hash
        if not self_consistent:
            other = _reordered_seq(key, entry)
            if other is not None:
                return VerifyReport(
                    count,
                    Problem(
                        "reordered",
                        entry.seq,
                        entry.id,
                        f"entry {entry.seq} (row id {entry.id}) was moved: it was written as entry {other}",
                    ),
                )
            return VerifyReport(
                count,
                Problem(
                    "edited",
                    entry.seq,
                    entry.id,
                    f"entry {entry.seq} (row id {entry.id}, action {entry.action!r}, {_iso(entry.at)}) was edited",
                ),
            )
        if entry.prev_hash != prev:
            kind = "reordered" if entry.prev_hash in recent else "inserted"
            return VerifyReport(
                count,
                Problem(
                    kind,
                    entry.seq,
                    entry.id,
                    f"entry {entry.seq} (row id {entry.id}) does not follow entry {entry.seq - 1}: it was {kind}",
                ),
            )
        recent.append(entry.hash)
        if cp is not None and entry.seq == cp.seq:
            hash_at_checkpoint = entry.hash
        prev = entry.hash
        last_seq = entry.seq
        expected += 1
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one_or_none()
    if head is not None and (int(head.seq) != last_seq or (last_seq and head.hash != prev)):
        kind = "tail_cut" if int(head.seq) > last_seq else "inserted"
        return VerifyReport(
            count,
            Problem(
                kind,
                last_seq + 1,
                None,
                f"the chain ends at entry {last_seq} but its head says {head.seq}: entries were "
                + ("removed from the end" if kind == "tail_cut" else "added outside the desk"),
            ),
        )
    if cp is not None:
        if cp.seq > last_seq:
            return VerifyReport(
                count,
                Problem(
                    "tail_cut",
                    last_seq + 1,
                    None,
                    f"entries {last_seq + 1}..{cp.seq} were cut from the end (checkpoint of {cp.at} saw {cp.seq})",
                ),
            )
        if hash_at_checkpoint != cp.hash:
            return VerifyReport(
                count,
                Problem(
                    "edited",
                    cp.seq,
                    None,
                    f"entry {cp.seq} differs from the checkpoint of {cp.at}: the chain was rewritten",
                ),
            )
    return VerifyReport(count, None)
