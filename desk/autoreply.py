"""The out-of-office automatic reply: outside office hours a citizen is told that the account is not
watched around the clock, and given the emergency number.

After each sync the conversations it touched are offered to :meth:`OutOfOfficeReplier.handle`. A
conversation is answered when its station is closed now, the citizen wrote during this closed period,
the conversation is not closed, and it has had no automatic reply (or a recorded decision not to send
one) since the period began: so once per conversation per closed period. The text is the canned reply
``out_of_office`` in the citizen's language (English when unknown; the shipped text when an
administrator deleted it), checked by the privacy guard, then queued as an ordinary outbound row that
the publisher sends: audited, and privately in a private conversation. A station whose office hours say
``auto_reply: false`` (a desk watched around the clock) never sends one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.canned import DEFAULTS, LANGUAGES, OUT_OF_OFFICE, CannedReplyService, render
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.office_hours import OfficeHours, OfficeHoursService
from desk.storage.models import CannedReply, Conversation, ConversationEvent, InboxItem, PlatformAccount

if TYPE_CHECKING:
    from desk.inbox import InboxService

log = logging.getLogger(__name__)

#: Event kinds that settle a conversation's automatic reply for the closed period.
SETTLED = ("auto_reply", "auto_reply_skipped")
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def needs_auto_reply(session: Session, conversation_id: int, received_at: datetime, hours: OfficeHours) -> bool:
    """Whether a citizen's message gets the out-of-office reply: the station closed at ``received_at``,
    automatic replies on, and none sent (or skipped) in this conversation since the closed period began."""
    if not hours.auto_reply:
        return False
    closed_since = hours.closed_since(received_at)
    if closed_since is None:
        return False
    already = session.scalar(
        select(ConversationEvent.id)
        .where(
            ConversationEvent.conversation_id == conversation_id,
            ConversationEvent.kind.in_(SETTLED),
            ConversationEvent.at >= closed_since,
        )
        .limit(1)
    )
    return already is None


class OutOfOfficeReplier:
    """Queues the out-of-office reply for conversations a sync touched (see the module's docstring)."""

    def __init__(
        self,
        ctx: DeskContext,
        inbox: InboxService,
        office_hours: OfficeHoursService | None = None,
        guard: Any = None,
    ) -> None:
        self.ctx = ctx
        self.inbox = inbox
        self.canned = CannedReplyService(ctx)
        self.office_hours = office_hours or OfficeHoursService(ctx)
        #: The privacy guard (built from the force's allow-list on first use when not given).
        self.guard = guard

    def _guard(self) -> Any:
        if self.guard is None:
            from desk.allowlist import AllowListService

            self.guard = AllowListService(self.ctx).guard()
        return self.guard

    def handle(self, conversation_ids: Iterable[int]) -> list[int]:
        """Queue the replies that are due, in one transaction; returns the outbound ids."""
        ids = sorted(set(conversation_ids))
        if not ids:
            return []
        now = self.ctx.clock.now()
        queued: list[int] = []
        values: dict[str, str] | None = None
        with self.ctx.transaction() as session:
            closed: dict[int, tuple[OfficeHours, datetime | None]] = {}
            candidates: list[Any] = []
            for chunk in _chunks(ids):
                candidates += session.execute(
                    select(
                        Conversation.id,
                        Conversation.account_id,
                        Conversation.last_citizen_at,
                        Conversation.citizen_name,
                        Conversation.citizen_handle,
                    ).where(Conversation.id.in_(chunk), Conversation.status != "closed")
                ).all()
            for cid, account_id, last_citizen_at, citizen_name, citizen_handle in candidates:
                if last_citizen_at is None:
                    continue
                if account_id not in closed:
                    station_id = session.scalar(
                        select(PlatformAccount.station_id).where(PlatformAccount.id == account_id)
                    )
                    hours = self.office_hours.for_station(station_id, session)
                    closed[account_id] = (hours, hours.closed_since(now) if hours.auto_reply else None)
                hours, closed_since = closed[account_id]
                # Only what the citizen wrote in this closed period; a message from office hours
                # fetched late is for the people on duty.
                if closed_since is None or last_citizen_at < closed_since:
                    continue
                if not needs_auto_reply(session, cid, now, hours):
                    continue
                if values is None:
                    values = self.canned.values(None)
                    values["officer"] = values["station"]
                outbound_id = self._reply(session, cid, {**values, "name": citizen_name or citizen_handle}, now)
                if outbound_id is not None:
                    queued.append(outbound_id)
        return queued

    def _reply(self, session: Session, cid: int, values: dict[str, str], now: datetime) -> int | None:
        lang = session.scalar(
            select(InboxItem.lang)
            .where(InboxItem.conversation_id == cid, InboxItem.from_account.is_(False))
            .order_by(InboxItem.created_at.desc(), InboxItem.id.desc())
            .limit(1)
        )
        lang = (lang or "en")[:2].lower()
        if lang not in LANGUAGES:
            lang = "en"
        template = self._template(session, lang)
        canned_id = None if template is None else template.id
        text = DEFAULTS[(OUT_OF_OFFICE, lang)] if template is None else template.text
        try:
            body = render(text, values)
        except ValidationFailed as exc:
            return self._skip(session, cid, now, exc.message.english())
        result = self._guard().check(body, lang=lang)
        if result.blocked:
            found = ", ".join(sorted({h.kind.value for h in result.blocking_hits}))
            return self._skip(session, cid, now, f"the privacy guard found {found} in the out-of-office reply")
        return self.inbox.queue_auto_reply(session, cid, body, canned_id)

    @staticmethod
    def _skip(session: Session, cid: int, now: datetime, reason: str) -> None:
        """Record why no reply went (once per period, like a reply), so an administrator can fix the text."""
        log.warning("out-of-office reply to conversation %s not sent: %s", cid, reason)
        session.add(
            ConversationEvent(conversation_id=cid, kind="auto_reply_skipped", at=now, detail={"reason": reason})
        )
        session.flush()

    @staticmethod
    def _template(session: Session, lang: str) -> CannedReply | None:
        for code in (lang, "en"):
            row = session.scalars(
                select(CannedReply).where(CannedReply.name == OUT_OF_OFFICE, CannedReply.lang == code)
            ).one_or_none()
            if row is not None:
                return row
        return None
