"""Roles and the permission matrix (DOMAIN.md). Every service checks it; the UI only reflects it."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Role(enum.StrEnum):
    """What a person may be; one person may hold several roles."""

    OFFICER = "officer"
    PRESS_OFFICER = "press_officer"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"
    SYSTEM = "system"  # the headless runner of a workstation


class Action(enum.StrEnum):
    """Everything a service may be asked to do that a role decides."""

    READ_INBOX = "read_inbox"
    REPLY = "reply"
    ASSIGN = "assign"
    NOTE = "note"
    TAG = "tag"
    CLOSE = "close"
    DRAFT_POST = "draft_post"
    PATROL_LOG = "patrol_log"
    PUBLISH_WITHOUT_APPROVAL = "publish_without_approval"
    SCHEDULE = "schedule"
    APPROVE_POSTS = "approve_posts"
    RUN_TWEETATHON = "run_tweetathon"
    START_INCIDENT_STOP = "start_incident_stop"
    OVERRIDE_GUARD = "override_guard"
    RESUME_AFTER_STOP = "resume_after_stop"
    APPROVE_REPLIES = "approve_replies"
    REPORTS_OWN = "reports_own"
    REPORTS_STATION = "reports_station"
    REPORTS_ALL = "reports_all"
    MANAGE_USERS = "manage_users"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_TRIAGE_RULES = "manage_triage_rules"
    MANAGE_CANNED_REPLIES = "manage_canned_replies"
    MANAGE_RETENTION = "manage_retention"
    MANAGE_SETTINGS = "manage_settings"
    EXPORT_AUDIT = "export_audit"
    RUN_SYNC = "run_sync"
    PUBLISH_DUE = "publish_due"


_DESK = {Role.OFFICER, Role.PRESS_OFFICER, Role.SUPERVISOR}
_BROADCAST = {Role.PRESS_OFFICER, Role.SUPERVISOR}

#: The matrix of DOMAIN.md, one row per action: the roles that may do it.
MATRIX: dict[Action, frozenset[Role]] = {
    Action.READ_INBOX: frozenset(_DESK),
    Action.REPLY: frozenset(_DESK),
    Action.ASSIGN: frozenset(_DESK),
    Action.NOTE: frozenset(_DESK),
    Action.TAG: frozenset(_DESK),
    Action.CLOSE: frozenset(_DESK),
    Action.DRAFT_POST: frozenset(_DESK),
    Action.PATROL_LOG: frozenset(_DESK),
    # Officers draft and keep patrol logs, but their posts need approval.
    Action.PUBLISH_WITHOUT_APPROVAL: frozenset(_BROADCAST),
    Action.SCHEDULE: frozenset(_BROADCAST),
    Action.APPROVE_POSTS: frozenset(_BROADCAST),
    Action.RUN_TWEETATHON: frozenset(_BROADCAST),
    Action.START_INCIDENT_STOP: frozenset(_BROADCAST),
    Action.OVERRIDE_GUARD: frozenset({Role.SUPERVISOR}),
    Action.RESUME_AFTER_STOP: frozenset({Role.SUPERVISOR}),
    Action.APPROVE_REPLIES: frozenset({Role.SUPERVISOR}),
    Action.REPORTS_OWN: frozenset({Role.OFFICER, Role.PRESS_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.REPORTS_STATION: frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
    Action.REPORTS_ALL: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_USERS: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_ACCOUNTS: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_TRIAGE_RULES: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_CANNED_REPLIES: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_RETENTION: frozenset({Role.ADMINISTRATOR}),
    Action.MANAGE_SETTINGS: frozenset({Role.ADMINISTRATOR}),
    Action.EXPORT_AUDIT: frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
    # The headless runner syncs and publishes what people already approved.
    Action.RUN_SYNC: frozenset({Role.SYSTEM, Role.OFFICER, Role.PRESS_OFFICER, Role.SUPERVISOR}),
    Action.PUBLISH_DUE: frozenset({Role.SYSTEM, Role.PRESS_OFFICER, Role.SUPERVISOR}),
}


def allowed(roles: Iterable[Role], action: Action) -> bool:
    """Whether any of ``roles`` may do ``action``."""
    permitted = MATRIX[action]
    return any(role in permitted for role in roles)


def parse_roles(text: str) -> frozenset[Role]:
    """Parse ``"officer,supervisor"``; raises ValueError naming the unknown role."""
    roles = set()
    for part in text.split(","):
        name = part.strip().lower().replace("-", "_").replace(" ", "_")
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            known = ", ".join(r.value for r in Role if r is not Role.SYSTEM)
            raise ValueError(f"unknown role {name!r} (known: {known})") from None
    if not roles:
        raise ValueError("at least one role is needed")
    return frozenset(roles)
