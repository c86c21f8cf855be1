"""Errors and messages that start in the domain: a stable code, parameters and an English default.

The UI translates by code; the command line prints the English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """Something the desk wants to tell a person, translatable by ``code``."""

    code: str
    default: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        """The English text with parameters filled in."""
        try:
            return self.default.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.default


class DeskError(Exception):
    """An expected failure a person can act on (bad input, missing permission, wrong password…)."""

    def __init__(self, code: str, default: str, **params: Any) -> None:
        self.message = Message(code, default, params)
        super().__init__(self.message.english())

    @property
    def code(self) -> str:
        """The stable message code."""
        return self.message.code


class PermissionDenied(DeskError):
    """The signed-in person's roles do not allow the action."""

    def __init__(self, action: str, username: str) -> None:
        super().__init__(
            "auth.permission_denied",
            "{username} is not allowed to {action}.",
            action=action,
            username=username,
        )


class ValidationFailed(DeskError):
    """Input that cannot be accepted; says what to change."""
