"""Stored tweetathons: the preset, accounts, delay, review mode, exclusions and window a press office set up.

``desk run`` starts the enabled ones whose window is open (see :mod:`desk.tweetathon.runner`); saving and
removing are audited and need the right to run tweetathons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from desk.audit import summarise
from desk.auth import Identity, require
from desk.calls.mapping import Preset
from desk.calls.presets import PresetService
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.roles import Action
from desk.storage.models import PlatformAccount
from desk.storage.tweetathon_models import TweetathonSetup
from desk.tweetathon.posts import SensitivePolicy
from desk.tweetathon.queue import ReviewMode, TweetathonConfig

MAX_DELAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class SetupSpec:
    """What a press office chooses for one tweetathon (times aware; the source is the calls' import source)."""

    name: str
    source: str
    preset: str
    account_ids: tuple[int, ...]
    starts_at: datetime
    ends_at: datetime
    hashtag: str = ""
    delay_minutes: int = 15
    review: ReviewMode = ReviewMode.AUTOMATIC
    lang: str = "en"
    policy: SensitivePolicy = SensitivePolicy.HOLD
    excluded_types: tuple[str, ...] = field(default_factory=tuple)
    enabled: bool = True


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class TweetathonSetups:
    """Saves, lists and removes stored tweetathons, and turns one into a running configuration."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def _check(self, spec: SetupSpec) -> None:
        name = spec.name.strip()
        if not name or len(name) > 200:
            raise ValidationFailed("tweetathon.setup_name", "A tweetathon needs a name of 1 to 200 characters.")
        if not spec.source.strip():
            raise ValidationFailed("tweetathon.setup_source", "Name the call source the tweetathon posts from.")
        if spec.starts_at.tzinfo is None or spec.ends_at.tzinfo is None:
            raise ValidationFailed("tweetathon.setup_window", "Start and end need a time zone.")
        if spec.ends_at <= spec.starts_at:
            raise ValidationFailed("tweetathon.setup_window", "The tweetathon must end after it starts.")
        if not 0 <= spec.delay_minutes <= MAX_DELAY_MINUTES:
            raise ValidationFailed("tweetathon.setup_delay", "The delay is between 0 minutes and 24 hours.")
        if not spec.account_ids:
            raise ValidationFailed("tweetathon.setup_accounts", "Choose at least one account to post on.")
        PresetService(self.ctx).get(spec.preset)  # a clear error naming the known presets
        with self.ctx.sessions() as session:
            known = set(session.scalars(select(PlatformAccount.id).where(PlatformAccount.id.in_(spec.account_ids))))
        missing = sorted(set(spec.account_ids) - known)
        if missing:
            raise ValidationFailed(
                "tweetathon.setup_accounts", "There is no account {ids}.", ids=", ".join(str(i) for i in missing)
            )

    def save(self, by: Identity, spec: SetupSpec) -> int:
        """Create or replace the tweetathon of this name (audited with before and after); its id."""
        require(by, Action.RUN_TWEETATHON)
        self._check(spec)
        now = self.ctx.clock.now()
        values = {
            "source": spec.source.strip(),
            "preset": spec.preset,
            "account_ids": list(spec.account_ids),
            "hashtag": spec.hashtag.strip(),
            "delay_minutes": spec.delay_minutes,
            "review": ReviewMode(spec.review).value,
            "lang": spec.lang,
            "policy": SensitivePolicy(spec.policy).value,
            "excluded_types": list(spec.excluded_types),
            "starts_at": _aware(spec.starts_at),
            "ends_at": _aware(spec.ends_at),
            "enabled": spec.enabled,
        }
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(TweetathonSetup).where(TweetathonSetup.name == spec.name.strip())
            ).one_or_none()
            before = None if row is None else _as_dict(row)
            if row is None:
                row = TweetathonSetup(name=spec.name.strip(), created_at=now, updated_at=now, updated_by=by.user_id)
                session.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = now
            row.updated_by = by.user_id
            session.flush()
            self.ctx.audit.append(
                session, by.actor, "tweetathon.setup_save", "tweetathon_setup", row.id, summarise(before, _as_dict(row))
            )
            return row.id

    def remove(self, by: Identity, name: str) -> None:
        """Delete a stored tweetathon (audited); a clear error when there is none of that name."""
        require(by, Action.RUN_TWEETATHON)
        with self.ctx.transaction() as session:
            row = session.scalars(select(TweetathonSetup).where(TweetathonSetup.name == name)).one_or_none()
            if row is None:
                raise ValidationFailed("tweetathon.no_setup", "There is no tweetathon {name!r}.", name=name)
            before = _as_dict(row)
            session.delete(row)
            self.ctx.audit.append(
                session, by.actor, "tweetathon.setup_remove", "tweetathon_setup", row.id, summarise(before, None)
            )

    def all(self) -> list[SetupSpec]:
        """Every stored tweetathon, by start time."""
        with self.ctx.sessions() as session:
            rows = session.scalars(select(TweetathonSetup).order_by(TweetathonSetup.starts_at, TweetathonSetup.name))
            return [_spec(r) for r in rows]

    def get(self, name: str) -> SetupSpec:
        """One stored tweetathon by name."""
        for spec in self.all():
            if spec.name == name:
                return spec
        raise ValidationFailed("tweetathon.no_setup", "There is no tweetathon {name!r}.", name=name)

    def active(self, now: datetime) -> list[SetupSpec]:
        """Enabled tweetathons whose window (plus the delay, for the last calls' posts) holds ``now``."""
        return [
            s
            for s in self.all()
            if s.enabled and s.starts_at <= now < s.ends_at + timedelta(minutes=s.delay_minutes + 60)
        ]

    def config(self, spec: SetupSpec) -> TweetathonConfig:
        """The running configuration of a stored tweetathon (its preset with the extra exclusions)."""
        preset: Preset = PresetService(self.ctx).get(spec.preset)
        if spec.excluded_types:
            extra = [t for t in spec.excluded_types if t not in preset.excluded_types]
            preset = preset.model_copy(update={"excluded_types": [*preset.excluded_types, *extra]})
        return TweetathonConfig(
            name=spec.name,
            source=spec.source,
            preset=preset,
            start=spec.starts_at,
            end=spec.ends_at,
            account_ids=tuple(spec.account_ids),
            hashtag=spec.hashtag,
            delay=timedelta(minutes=spec.delay_minutes),
            review=spec.review,
            lang=spec.lang,
            policy=spec.policy,
        )


def _spec(row: TweetathonSetup) -> SetupSpec:
    return SetupSpec(
        name=row.name,
        source=row.source,
        preset=row.preset,
        account_ids=tuple(int(i) for i in row.account_ids),
        starts_at=_aware(row.starts_at),
        ends_at=_aware(row.ends_at),
        hashtag=row.hashtag,
        delay_minutes=row.delay_minutes,
        review=ReviewMode(row.review),
        lang=row.lang,
        policy=SensitivePolicy(row.policy),
        excluded_types=tuple(str(t) for t in row.excluded_types),
        enabled=row.enabled,
    )


def _as_dict(row: TweetathonSetup) -> dict[str, object]:
    spec = _spec(row)
    return {
        "name": spec.name,
        "source": spec.source,
        "preset": spec.preset,
        "account_ids": list(spec.account_ids),
        "hashtag": spec.hashtag,
        "delay_minutes": spec.delay_minutes,
        "review": spec.review.value,
        "lang": spec.lang,
        "policy": spec.policy.value,
        "excluded_types": list(spec.excluded_types),
        "starts_at": spec.starts_at.isoformat(),
        "ends_at": spec.ends_at.isoformat(),
        "enabled": spec.enabled,
    }
