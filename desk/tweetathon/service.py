"""Building the posts of stored calls in call order, and keeping why a call is held."""

from __future__ import annotations

from sqlalchemy import select, update

from desk.calls.mapping import Preset
from desk.calls.records import CallStatus
from desk.context import DeskContext
from desk.storage.tweetathon_models import Call
from desk.tweetathon.locations import PlaceList
from desk.tweetathon.posts import BuiltPost, HeldCall, PostBuilder, SensitivePolicy
from desk.tweetathon.wording import WordingService


class TweetathonPosts:
    """Numbers the calls of a source by time of receipt and builds their posts."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def build(
        self,
        source: str,
        preset: Preset,
        *,
        lang: str = "en",
        policy: SensitivePolicy = SensitivePolicy.HOLD,
        places: PlaceList | None = None,
    ) -> list[BuiltPost | HeldCall]:
        """Posts of every call of ``source``; calls held by the guard get status ``held`` and the reason."""
        builder = PostBuilder(
            preset,
            WordingService(self.ctx).table(),
            lang=lang,
            policy=policy,
            places=places if places is not None else PlaceList.shipped(preset.name),
        )
        out: list[BuiltPost | HeldCall] = []
        held: list[tuple[str, str]] = []
        number = 0
        with self.ctx.sessions() as session:
            calls = session.scalars(select(Call).where(Call.source == source).order_by(Call.received_at, Call.id)).all()
            for call in calls:
                number += 1
                result = builder.build(call, number)
                out.append(result)
                if isinstance(result, HeldCall) and result.status is CallStatus.HELD:
                    held.append((call.call_key, result.reason))
        if held:
            with self.ctx.transaction() as session:
                for key, reason in held:
                    session.execute(
                        update(Call)
                        .where(Call.source == source, Call.call_key == key)
                        .values(status=CallStatus.HELD.value, hold_reason=reason[:2000])
                    )
        return out
