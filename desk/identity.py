"""Who is signed in: the identity every service call carries, and the password check.

Kept free of the database layer so that the window can check a password and show who is signed in
before SQLAlchemy has been imported (cold start); :mod:`desk.auth` builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.errors import DeskError, PermissionDenied
from desk.roles import Action, Role, allowed

if TYPE_CHECKING:
    from desk.audit import Actor

MIN_PASSWORD_LENGTH = 10
# Verifying reads the cost parameters from the stored hash, so any hasher checks any stored hash.
_verifier = PasswordHasher()


@dataclass(frozen=True)
class Identity:
    """The signed-in person (or the runner's system identity) that every service call carries."""

    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[Role]
    station_id: int | None = None
    team: str | None = None

    @property
    def actor(self) -> Actor:
        """How the audit log names this identity."""
        from desk.audit import Actor

        return Actor(self.username, self.user_id)

    def can(self, action: Action) -> bool:
        """Whether the matrix allows ``action``."""
        return allowed(self.roles, action)


def require(identity: Identity, action: Action) -> None:
    """Raise :class:`PermissionDenied` unless ``identity`` may do ``action``."""
    if not identity.can(action):
        raise PermissionDenied(action.value.replace("_", " "), identity.username)


def system_identity(workstation: str) -> Identity:
    """The headless runner acting for ``workstation``."""
    return Identity(None, f"system@{workstation}", f"Runner on {workstation}", frozenset({Role.SYSTEM}))


@dataclass(frozen=True)
class VerifiedPassword:
    """A password checked against a person's stored hash before the desk was fully open (cold start).

    Not yet a sign-in: :meth:`desk.auth.AuthService.confirm_sign_in` makes it one once the desk is open, after
    checking that the person's row still holds this hash and is active, and audits it.
    """

    identity: Identity
    password_hash: str = field(repr=False)


class BadCredentials(DeskError):
    """Wrong user name or password (never says which)."""

    def __init__(self) -> None:
        super().__init__("auth.bad_credentials", "The user name or password is not right.")


def password_matches(password_hash: str, password: str, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``password`` matches the stored argon2 hash (a malformed hash never matches)."""
    try:
        return (hasher or _verifier).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
