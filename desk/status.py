"""Counts for monitoring a desk (``desk status --json``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, inspect, select

from desk.storage.models import AuditEntry, Delivery, InboxItem, OutboundItem, PlatformAccount, Setting

RUNNER_KEY = "runner"
RUNNER_STALE_AFTER = timedelta(seconds=60)


def _nested_counts(rows: Any) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for first, second, count in rows:
        out.setdefault(str(first), {})[str(second)] = int(count)
    return out


def collect_status(engine: Engine, now: datetime) -> dict[str, Any]:
    """Accounts by platform and state, inbox items by platform and status, outbound items by platform and
    delivery state, audit entries, and whether a runner is active (its heartbeat is fresh)."""
    if not inspect(engine).has_table("audit_entries"):
        return {"schema": "empty: run 'desk db upgrade'", "accounts": {}, "inbox_items": {}, "outbound": {}}
    with engine.connect() as conn:
        accounts = conn.execute(
            select(PlatformAccount.platform, PlatformAccount.status, func.count()).group_by(
                PlatformAccount.platform, PlatformAccount.status
            )
        )
        inbox = conn.execute(
            select(InboxItem.platform, InboxItem.status, func.count()).group_by(InboxItem.platform, InboxItem.status)
        )
        outbound = conn.execute(
            select(PlatformAccount.platform, Delivery.state, func.count())
            .join(PlatformAccount, PlatformAccount.id == Delivery.account_id)
            .group_by(PlatformAccount.platform, Delivery.state)
        )
        outbound_items = conn.execute(select(OutboundItem.state, func.count()).group_by(OutboundItem.state))
        audit_entries = conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        runner = conn.execute(select(Setting.value).where(Setting.key == RUNNER_KEY)).scalar_one_or_none()
        result: dict[str, Any] = {
            "accounts": _nested_counts(accounts),
            "inbox_items": _nested_counts(inbox),
            "outbound": _nested_counts(outbound),
            "outbound_items": {str(state): int(n) for state, n in outbound_items},
            "audit_entries": int(audit_entries),
        }
    result["runner"] = runner_status(runner, now)
    return result


def runner_status(doc: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
    """Whether a runner's heartbeat is fresh."""
    if not doc:
        return {"active": False}
    try:
        beat = datetime.fromisoformat(str(doc["heartbeat_at"]))
    except (KeyError, ValueError):
        return {"active": False, "detail": "unreadable heartbeat"}
    active = not doc.get("stopped") and now - beat <= RUNNER_STALE_AFTER
    return {"active": bool(active), **{k: v for k, v in doc.items() if k != "stopped"}}
