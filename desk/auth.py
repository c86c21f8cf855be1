"""People: accounts, roles, signing in and out. Passwords are hashed with argon2."""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.audit import Actor, summarise
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.identity import (
    MIN_PASSWORD_LENGTH,
    BadCredentials,
    Identity,
    VerifiedPassword,
    password_matches,
    require,
    system_identity,
)
from desk.roles import Action, Role
from desk.storage.models import User, UserRole

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "AuthService",
    "BadCredentials",
    "Identity",
    "VerifiedPassword",
    "require",
    "system_identity",
]

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


def _identity(user: User) -> Identity:
    return Identity(
        user.id,
        user.username,
        user.display_name,
        frozenset(Role(r.role) for r in user.roles),
        user.station_id,
        user.team,
    )


def _check_new_user(username: str, display_name: str, password: str) -> None:
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValidationFailed(
            "auth.bad_username",
            "A user name needs letters or digits (and may use . _ -): {username!r}",
            username=username,
        )
    if not display_name.strip():
        raise ValidationFailed("auth.no_display_name", "Give the person's name as colleagues know it.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            "auth.short_password", "A password needs at least {n} characters.", n=MIN_PASSWORD_LENGTH
        )


class AuthService:
    """Creates people, signs them in and out; every step is audited."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def needs_first_setup(self) -> bool:
        """True while no person exists: the first start asks to create the administrator."""
        with self.ctx.sessions() as session:
            return session.scalar(select(func.count()).select_from(User)) == 0

    def create_first_administrator(self, username: str, display_name: str, password: str) -> Identity:
        """Create the first person, an administrator; only allowed on an empty desk."""
        _check_new_user(username, display_name, password)
        with self.ctx.transaction() as session:
            if session.scalar(select(func.count()).select_from(User)):
                raise DeskError("auth.already_set_up", "This desk already has users; sign in as an administrator.")
            user = self._insert(session, username, display_name, password, {Role.ADMINISTRATOR}, None, None)
            ident = _identity(user)
            self.ctx.audit.append(
                session,
                ident.actor,
                "user.create_first_admin",
                "user",
                user.id,
                summarise(after={"username": username}),
            )
            return ident

    def add_user(
        self,
        by: Identity,
        username: str,
        display_name: str,
        password: str,
        roles: Iterable[Role],
        *,
        station_id: int | None = None,
        team: str | None = None,
    ) -> Identity:
        """An administrator adds a person with one or more roles."""
        require(by, Action.MANAGE_USERS)
        role_set = set(roles)
        if not role_set or Role.SYSTEM in role_set:
            raise ValidationFailed("auth.bad_roles", "Choose at least one role for the person.")
        _check_new_user(username, display_name, password)
        with self.ctx.transaction() as session:
            if session.scalar(select(User.id).where(User.username == username)) is not None:
                raise ValidationFailed("auth.username_taken", "The user name {username} is taken.", username=username)
            user = self._insert(session, username, display_name, password, role_set, station_id, team)
            self.ctx.audit.append(
                session,
                by.actor,
                "user.create",
                "user",
                user.id,
                summarise(after={"username": username, "roles": sorted(r.value for r in role_set)}),
            )
            return _identity(user)

    def _insert(
        self,
        session: Session,
        username: str,
        display_name: str,
        password: str,
        roles: set[Role],
        station_id: int | None,
        team: str | None,
    ) -> User:
        user = User(
            username=username,
            display_name=display_name.strip(),
            password_hash=_hasher.hash(password),
            station_id=station_id,
            team=team,
            created_at=self.ctx.clock.now(),
            roles=[UserRole(role=r.value) for r in sorted(roles)],
        )
        session.add(user)
        session.flush()
        return user

    def sign_in(self, username: str, password: str) -> Identity:
        """Check the password; audit success and failure alike."""
        with self.ctx.transaction() as session:
            user = session.scalars(select(User).where(User.username == username)).one_or_none()
            ok = False
            if user is not None and user.active:
                ok = password_matches(user.password_hash, password, _hasher)
                if ok and _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
            actor = Actor(username, user.id if user else None)
            if not ok:
                self.ctx.audit.append(session, actor, "auth.sign_in_failed", "user", user.id if user else "")
        if not ok or user is None:
            raise BadCredentials
        ident = _identity(user)
        with self.ctx.transaction() as session:
            self.ctx.audit.append(session, ident.actor, "auth.sign_in", "user", user.id)
        return ident

    def confirm_sign_in(self, verified: VerifiedPassword) -> Identity:
        """Complete a sign-in whose password was checked before the desk was open; audited like :meth:`sign_in`.

        Refused (and audited as a failure) when the person was deactivated or their password changed meanwhile.
        """
        with self.ctx.transaction() as session:
            user = session.get(User, verified.identity.user_id)
            ok = (
                user is not None
                and user.active
                and user.username == verified.identity.username
                and user.password_hash == verified.password_hash
            )
            actor = Actor(verified.identity.username, verified.identity.user_id)
            self.ctx.audit.append(
                session, actor, "auth.sign_in" if ok else "auth.sign_in_failed", "user", actor.user_id or ""
            )
        if not ok or user is None:
            raise BadCredentials
        return _identity(user)

    def check_password(self, identity: Identity, password: str) -> bool:
        """Unlocking after the idle lock: the same person's password."""
        try:
            self.sign_in(identity.username, password)
        except BadCredentials:
            return False
        return True

    def lock(self, identity: Identity) -> None:
        """The desk locked itself (idle) or was locked by the person: audited like a sign-out."""
        with self.ctx.transaction() as session:
            self.ctx.audit.append(session, identity.actor, "auth.lock", "user", identity.user_id or "")

    def sign_out(self, identity: Identity) -> None:
        """Audit the end of a session at this desk."""
        with self.ctx.transaction() as session:
            self.ctx.audit.append(session, identity.actor, "auth.sign_out", "user", identity.user_id or "")

    def users(self, by: Identity) -> list[Identity]:
        """Everyone (administrators manage users)."""
        require(by, Action.MANAGE_USERS)
        with self.ctx.sessions() as session:
            return [_identity(u) for u in session.scalars(select(User).order_by(User.username))]
