"""The permission matrix, walked pair by pair against DOMAIN.md's table (written out independently here)."""

from __future__ import annotations

import pytest

from desk.roles import MATRIX, Action, Role, allowed, parse_roles

O, P, S, A, SYS = Role.OFFICER, Role.PRESS_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR, Role.SYSTEM  # noqa: E741

# DOMAIN.md, row by row ("yes" cells). The runner's system identity only syncs and publishes what was approved.
EXPECTED: dict[Action, set[Role]] = {
    Action.READ_INBOX: {O, P, S},
    Action.REPLY: {O, P, S},
    Action.ASSIGN: {O, P, S},
    Action.NOTE: {O, P, S},
    Action.TAG: {O, P, S},
    Action.CLOSE: {O, P, S},
    Action.DRAFT_POST: {O, P, S},
    Action.PATROL_LOG: {O, P, S},
    Action.PUBLISH_WITHOUT_APPROVAL: {P, S},
    Action.SCHEDULE: {P, S},
    Action.APPROVE_POSTS: {P, S},
    Action.RUN_TWEETATHON: {P, S},
    Action.START_INCIDENT_STOP: {P, S},
    Action.OVERRIDE_GUARD: {S},
    Action.RESUME_AFTER_STOP: {S},
    Action.APPROVE_REPLIES: {S},
    Action.REPORTS_OWN: {O, P, S, A},
    Action.REPORTS_STATION: {S, A},
    Action.REPORTS_ALL: {A},
    Action.MANAGE_USERS: {A},
    Action.MANAGE_ACCOUNTS: {A},
    Action.MANAGE_TRIAGE_RULES: {A},
    Action.MANAGE_CANNED_REPLIES: {A},
    Action.MANAGE_RETENTION: {A},
    Action.MANAGE_SETTINGS: {A},
    Action.EXPORT_AUDIT: {S, A},
    Action.RUN_SYNC: {SYS, O, P, S},
    Action.PUBLISH_DUE: {SYS, P, S},
}


def test_every_action_has_a_row() -> None:
    assert set(MATRIX) == set(Action) == set(EXPECTED)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_each_role_action_pair(role: Role, action: Action) -> None:
    assert allowed({role}, action) is (role in EXPECTED[action])


def test_several_roles_combine() -> None:
    assert not allowed({O}, Action.OVERRIDE_GUARD)
    assert allowed({O, S}, Action.OVERRIDE_GUARD)
    assert not allowed({A}, Action.REPLY)
    assert allowed({A, O}, Action.REPLY)


def test_parse_roles() -> None:
    assert parse_roles("officer, Press-Officer") == {O, P}
    with pytest.raises(ValueError, match="unknown role 'sergeant'"):
        parse_roles("officer,sergeant")
    with pytest.raises(ValueError, match="at least one"):
        parse_roles(" , ")
