"""Mastodon on the sandbox: the REST API the desk's Mastodon.py connector calls, answered like Mastodon 4.x.

Shapes follow the recordings in ``reference/mastodon/cassettes_decoded``. Rate limits are Mastodon's
defaults (300 requests / 5 min per account, media 30 / 30 min) with ``X-RateLimit-*`` headers.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import regex
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from connectors.sandbox.state import ReceivedMedia, SandboxAccount, SandboxState

PLATFORM = "mastodon"
VERSION = "4.6.4"
API_VERSION = 11
MAX_CHARACTERS = 500
URL_LENGTH = 23
MAX_MEDIA = 4
RATE_LIMIT = 300
RATE_WINDOW = timedelta(minutes=5)
MEDIA_LIMIT = 30
MEDIA_WINDOW = timedelta(minutes=30)
IDEMPOTENCY_TTL = timedelta(hours=1)
VISIBILITIES = ("public", "unlisted", "private", "direct")
NOTIFICATION_TYPES = (
    "mention",
    "status",
    "reblog",
    "follow",
    "follow_request",
    "favourite",
    "poll",
    "update",
    "quote",
)

URL_RE = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
# Mastodon's Account::MENTION_RE: a mention is @user or @user@domain, not preceded by a word character or "/".
MENTION_RE = re.compile(r"(?<![\w/])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\w.-]+\w))?", re.IGNORECASE)
TAG_RE = re.compile(r"(?<![\w/#])#(\w+)", re.UNICODE)


def countable_length(text: str) -> int:
    """Length of ``text`` as Mastodon counts it: graphemes, every URL 23, ``@user@domain`` as ``@user``."""
    counted = URL_RE.sub("x" * URL_LENGTH, text)
    counted = MENTION_RE.sub(lambda m: "@" + m.group(1), counted)
    return len(regex.findall(r"\X", counted))


def iso(at: datetime) -> str:
    """Mastodon's timestamp format: milliseconds and a ``Z``."""
    text = at.isoformat(timespec="milliseconds")
    return (
        text[:-6] + "Z" if text.endswith("+00:00") else at.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"
    )


@dataclass
class Status:
    """A status as the sandbox stores it."""

    id: str
    account_id: str
    text: str
    visibility: str
    created_at: datetime
    in_reply_to_id: str | None = None
    in_reply_to_account_id: str | None = None
    spoiler_text: str = ""
    language: str | None = "en"
    media_ids: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    edited_at: datetime | None = None
    deleted: bool = False
    favourites: int = 0
    reblogs: int = 0
    quotes: int = 0
    application: str | None = None


@dataclass
class Notification:
    """One notification of one account."""

    id: int
    account_id: str  # whose notification
    type: str
    from_id: str
    created_at: datetime
    status_id: str | None = None


@dataclass
class Conversation:
    """A direct-message thread of one account."""

    id: str
    account_id: str
    participant_ids: list[str]
    last_status_id: str
    unread: bool = True


class MastodonSandbox:
    """In-memory Mastodon instance."""

    name = PLATFORM

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.statuses: dict[str, Status] = {}
        self.notifications: list[Notification] = []
        self.notes_by_account: dict[str, list[Notification]] = {}  # each in ascending id order
        self.conversations: dict[str, Conversation] = {}  # id -> conversation
        self.thread_conversation: dict[tuple[str, str], str] = {}  # (account, root status) -> conversation id
        self.media: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[tuple[str, str], tuple[str, datetime]] = {}
        self.apps: dict[str, dict[str, Any]] = {}
        # Kept up to date on create/delete so rendering a page never scans every status.
        self.status_counts: dict[str, int] = {}
        self.last_status: dict[str, datetime] = {}
        self.reply_counts: dict[str, int] = {}
        self._account_views: dict[tuple[str, str, bool, str], dict[str, Any]] = {}
        self._contents: dict[tuple[str, str], str] = {}
        self._seq = itertools.count(1)
        self._notif_seq = itertools.count(1)
        self._last_snowflake = 0

    # --- ids ---------------------------------------------------------------------------------

    def snowflake(self) -> str:
        """A Mastodon-like id: milliseconds since the epoch shifted 16 bits plus a sequence, always increasing."""
        ms = int(self.state.now().timestamp() * 1000)
        value = max((ms << 16) | (next(self._seq) & 0xFFFF), self._last_snowflake + 1)
        self._last_snowflake = value
        return str(value)

    # --- PlatformModule ------------------------------------------------------------------------

    def create_account(
        self, handle: str, display_name: str, *, is_force: bool = True, **options: Any
    ) -> SandboxAccount:
        """Register an account with an access token and a password (for the OAuth password grant)."""
        handle = handle.lstrip("@").split("@")[0]
        token = self.state.new_token()
        password = self.state.new_token(nbytes=12)
        with self.state.lock:
            account = SandboxAccount(
                platform=PLATFORM,
                account_id=self.snowflake(),
                handle=handle,
                display_name=display_name,
                credentials={"access_token": token},
                is_force=is_force,
                extra={"password": password, "created_at": self.state.now(), "locked": False},
            )
        return self.state.register(account, token)

    def inject(self, force: SandboxAccount, kind: str, author: SandboxAccount, text: str, **options: Any) -> str:
        """Make a resident mention, reply to or message the force account; or edit/delete what they sent."""
        with self.state.lock:
            if options.get("delete_id"):
                status = self.statuses.get(str(options["delete_id"]))
                if status is None:
                    raise ValueError("no such status to delete")
                self._delete(status)
                return status.id
            if options.get("edit_of"):
                status = self.statuses.get(str(options["edit_of"]))
                if status is None:
                    raise ValueError("no such status to edit")
                status.text = text
                status.edited_at = self.state.now()
                return status.id
            mention = f"@{force.handle}"
            body = text if mention.lower() in text.lower() else f"{mention} {text}"
            reply_to: str | None = None
            if kind == "reply":
                reply_to = str(options["reply_to"]) if options.get("reply_to") else self._latest_of(force.account_id)
                if reply_to is None:
                    raise ValueError("the force account has no post to reply to")
            elif kind == "dm":
                reply_to = str(options["reply_to"]) if options.get("reply_to") else None
            elif kind != "mention":
                raise ValueError(f"unknown kind {kind!r} for mastodon")
            status = self._create_status(
                author,
                body,
                visibility="direct" if kind == "dm" else "public",
                in_reply_to_id=reply_to,
                language=str(options.get("lang") or "en"),
                application="Web",
            )
            if options.get("attachment_url"):
                media_id = self.snowflake()
                self.media[media_id] = {
                    "id": media_id,
                    "account_id": author.account_id,
                    "mime_type": "image/jpeg",
                    "description": options.get("alt_text"),
                    "remote_url": str(options["attachment_url"]),
                }
                status.media_ids.append(media_id)
            return status.id

    def summary(self) -> dict[str, Any]:
        """Counts for the admin summary."""
        with self.state.lock:
            return {
                "accounts": sum(1 for a in self.state.accounts.values() if a.platform == PLATFORM),
                "statuses": sum(1 for s in self.statuses.values() if not s.deleted),
                "notifications": len(self.notifications),
                "conversations": len(self.conversations),
                "media": len(self.media),
            }

    # --- domain ----------------------------------------------------------------------------------

    def _latest_of(self, account_id: str) -> str | None:
        for status in reversed(list(self.statuses.values())):
            if status.account_id == account_id and not status.deleted:
                return status.id
        return None

    def _root_of(self, status: Status) -> Status:
        seen = 0
        while status.in_reply_to_id and status.in_reply_to_id in self.statuses and seen < 1000:
            status = self.statuses[status.in_reply_to_id]
            seen += 1
        return status

    def _create_status(
        self,
        author: SandboxAccount,
        text: str,
        *,
        visibility: str,
        in_reply_to_id: str | None = None,
        spoiler_text: str = "",
        language: str | None = "en",
        media_ids: list[str] | None = None,
        application: str | None = None,
    ) -> Status:
        mentioned: list[str] = []
        for match in MENTION_RE.finditer(text):
            target = self.state.find_account(PLATFORM, match.group(1))
            if target is not None and target.account_id not in mentioned:
                mentioned.append(target.account_id)
        parent = self.statuses.get(in_reply_to_id) if in_reply_to_id else None
        status = Status(
            id=self.snowflake(),
            account_id=author.account_id,
            text=text,
            visibility=visibility,
            created_at=self.state.now(),
            in_reply_to_id=parent.id if parent else None,
            in_reply_to_account_id=parent.account_id if parent else None,
            spoiler_text=spoiler_text,
            language=language,
            media_ids=list(media_ids or []),
            mention_ids=mentioned,
            tags=[t.lower() for t in TAG_RE.findall(text)],
            application=application,
        )
        self.statuses[status.id] = status
        self.status_counts[author.account_id] = self.status_counts.get(author.account_id, 0) + 1
        self.last_status[author.account_id] = status.created_at
        if status.in_reply_to_id:
            self.reply_counts[status.in_reply_to_id] = self.reply_counts.get(status.in_reply_to_id, 0) + 1
        for target_id in mentioned:
            if target_id != author.account_id:
                self._notify(target_id, "mention", author.account_id, status.id)
        if visibility == "direct":
            root = self._root_of(status)
            for member in {author.account_id, *mentioned}:
                key = (member, root.id)
                conv_id = self.thread_conversation.get(key)
                others = [m for m in {author.account_id, *mentioned} if m != member]
                if conv_id is None:
                    conv_id = str(next(self._notif_seq))
                    self.thread_conversation[key] = conv_id
                    self.conversations[conv_id] = Conversation(conv_id, member, others, status.id)
                conv = self.conversations[conv_id]
                conv.last_status_id = status.id
                conv.unread = member != author.account_id
        return status

    def _notify(self, account_id: str, kind: str, from_id: str, status_id: str | None) -> None:
        note = Notification(next(self._notif_seq), account_id, kind, from_id, self.state.now(), status_id)
        self.notifications.append(note)
        self.notes_by_account.setdefault(account_id, []).append(note)

    def _delete(self, status: Status) -> None:
        status.deleted = True
        self.status_counts[status.account_id] = max(0, self.status_counts.get(status.account_id, 0) - 1)
        if status.in_reply_to_id:
            self.reply_counts[status.in_reply_to_id] = max(0, self.reply_counts.get(status.in_reply_to_id, 0) - 1)
        # Mastodon removes the notifications that pointed at a deleted status.
        self.notifications = [n for n in self.notifications if n.status_id != status.id]
        for account_id in {*status.mention_ids, status.in_reply_to_account_id or "", status.account_id}:
            if account_id in self.notes_by_account:
                self.notes_by_account[account_id] = [
                    n for n in self.notes_by_account[account_id] if n.status_id != status.id
                ]

    # --- rendering -------------------------------------------------------------------------------

    def base(self, request: Request) -> str:
        # Every status and account of a page needs it; Starlette rebuilds the URL on each access.
        cached = request.scope.get("sandbox.base")
        if cached is None:
            cached = request.scope["sandbox.base"] = str(request.base_url).rstrip("/")
        return str(cached)

    def render_account(self, request: Request, account: SandboxAccount, *, with_source: bool = False) -> dict[str, Any]:
        base = self.base(request)
        last = self.last_status.get(account.account_id)
        key = (account.account_id, base, with_source, account.display_name)
        cached = self._account_views.get(key)
        if cached is not None:
            # Only the counters move; the rest of an account view is fixed, and pages repeat accounts often.
            view = dict(cached)
            view["statuses_count"] = self.status_counts.get(account.account_id, 0)
            view["last_status_at"] = last.date().isoformat() if last else None
            return view
        created: datetime = account.extra.get("created_at") or self.state.now()
        data: dict[str, Any] = {
            "id": account.account_id,
            "username": account.handle,
            "acct": account.handle,
            "display_name": account.display_name,
            "locked": bool(account.extra.get("locked", False)),
            "bot": False,
            "discoverable": None,
            "indexable": False,
            "group": False,
            "created_at": iso(created.replace(hour=0, minute=0, second=0, microsecond=0)),
            "note": "",
            "url": f"{base}/@{account.handle}",
            "uri": f"{base}/ap/users/{account.account_id}",
            "avatar": f"{base}/avatars/original/missing.png",
            "avatar_static": f"{base}/avatars/original/missing.png",
            "avatar_description": "",
            "header": f"{base}/headers/original/missing.png",
            "header_static": f"{base}/headers/original/missing.png",
            "header_description": "",
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": self.status_counts.get(account.account_id, 0),
            "last_status_at": last.date().isoformat() if last else None,
            "hide_collections": None,
            "show_media": True,
            "show_media_replies": True,
            "show_featured": True,
            "noindex": False,
            "feature_approval": {"automatic": [], "manual": [], "current_user": "denied"},
            "emojis": [],
            "roles": [],
            "fields": [],
        }
        if with_source:
            data["source"] = {
                "privacy": "public",
                "sensitive": False,
                "language": None,
                "note": "",
                "fields": [],
                "follow_requests_count": 0,
                "hide_collections": None,
                "discoverable": None,
                "indexable": False,
                "attribution_domains": [],
                "quote_policy": "public",
            }
            data["role"] = {
                "id": "-99",
                "name": "",
                "permissions": "65536",
                "color": "",
                "highlighted": False,
                "collection_limit": 10,
            }
        self._account_views[key] = data
        return dict(data)

    def render_media(self, request: Request, media: dict[str, Any]) -> dict[str, Any]:
        base = self.base(request)
        mid = media["id"]
        path = "/".join(mid[i : i + 3] for i in range(0, len(mid), 3))
        kind = "video" if str(media["mime_type"]).startswith("video/") else "image"
        url = media.get("remote_url") or f"{base}/system/media_attachments/files/{path}/original/{mid}.jpg"
        return {
            "id": mid,
            "type": kind,
            "url": url,
            "preview_url": f"{base}/system/media_attachments/files/{path}/small/{mid}.jpg",
            "remote_url": media.get("remote_url"),
            "preview_remote_url": None,
            "text_url": None,
            "meta": {
                "original": {"width": 600, "height": 600, "size": "600x600", "aspect": 1.0},
                "small": {"width": 480, "height": 480, "size": "480x480", "aspect": 1.0},
                **({"focus": media["focus"]} if media.get("focus") else {}),
            },
            "description": media.get("description"),
            "blurhash": "UGC~-#M{0JfkNFofR%M{IURj%Mt7E0oM%MR*",
        }

    def render_content(self, request: Request, text: str) -> str:
        base = self.base(request)
        cached = self._contents.get((base, text))
        if cached is not None:
            return cached
        escaped = html.escape(text, quote=False)

        def mention(match: re.Match[str]) -> str:
            user = match.group(1)
            return (
                f'<span class="h-card" translate="no"><a href="{base}/@{user}" class="u-url mention">'
                f"@<span>{user}</span></a></span>"
            )

        def link(match: re.Match[str]) -> str:
            url = match.group(0)
            return f'<a href="{url}" target="_blank" rel="nofollow noopener">{url}</a>'

        body = URL_RE.sub(link, escaped)
        body = MENTION_RE.sub(mention, body)
        paragraphs = [p.replace("\n", "<br />") for p in body.split("\n\n")]
        rendered = "".join(f"<p>{p}</p>" for p in paragraphs)
        if len(self._contents) > 50_000:
            self._contents.clear()  # bounded: a long rehearsal must not grow without limit
        self._contents[(base, text)] = rendered
        return rendered

    def render_status(
        self, request: Request, status: Status, *, viewer: SandboxAccount | None = None, with_text: bool = False
    ) -> dict[str, Any]:
        base = self.base(request)
        author = self.state.accounts[(PLATFORM, status.account_id)]
        mentions = []
        for mid in status.mention_ids:
            acc = self.state.accounts.get((PLATFORM, mid))
            if acc is not None:
                mentions.append(
                    {"id": acc.account_id, "username": acc.handle, "url": f"{base}/@{acc.handle}", "acct": acc.handle}
                )
        replies = self.reply_counts.get(status.id, 0)
        data: dict[str, Any] = {
            "id": status.id,
            "created_at": iso(status.created_at),
            "in_reply_to_id": status.in_reply_to_id,
            "in_reply_to_account_id": status.in_reply_to_account_id,
            "sensitive": bool(status.spoiler_text),
            "spoiler_text": status.spoiler_text,
            "visibility": status.visibility,
            "language": status.language,
            "uri": f"{base}/ap/users/{author.account_id}/statuses/{status.id}",
            "url": f"{base}/@{author.handle}/{status.id}",
            "replies_count": replies,
            "reblogs_count": status.reblogs,
            "favourites_count": status.favourites,
            "quotes_count": status.quotes,
            "edited_at": iso(status.edited_at) if status.edited_at else None,
            "favourited": False,
            "reblogged": False,
            "muted": False,
            "bookmarked": False,
            "pinned": False,
            "content": self.render_content(request, status.text),
            "filtered": [],
            "reblog": None,
            "application": {"name": status.application, "website": None} if status.application else None,
            "account": self.render_account(request, author),
            "media_attachments": [
                self.render_media(request, self.media[m]) for m in status.media_ids if m in self.media
            ],
            "mentions": mentions,
            "tags": [{"name": t, "url": f"{base}/tags/{t}"} for t in status.tags],
            "emojis": [],
            "tagged_collections": [],
            "quote": None,
            "card": None,
            "poll": None,
            "quote_approval": {"automatic": ["public"], "manual": [], "current_user": "automatic"},
        }
        if viewer is None or viewer.account_id != status.account_id or status.visibility in ("private", "direct"):
            data.pop("pinned")  # only the author sees "pinned", and only on statuses that can be pinned
        if with_text:
            # Mastodon returns the source text of a deleted status so clients can "delete and redraft".
            data = {("text" if k == "content" else k): (status.text if k == "content" else v) for k, v in data.items()}
        return data

    def render_notification(self, request: Request, note: Notification, viewer: SandboxAccount) -> dict[str, Any]:
        sender = self.state.accounts[(PLATFORM, note.from_id)]
        data: dict[str, Any] = {
            "id": str(note.id),
            "type": note.type,
            "created_at": iso(note.created_at),
            "group_key": f"ungrouped-{note.id}",
            "account": self.render_account(request, sender),
        }
        if note.status_id and note.status_id in self.statuses:
            data["status"] = self.render_status(request, self.statuses[note.status_id], viewer=viewer)
        return data

    def render_conversation(self, request: Request, conv: Conversation, viewer: SandboxAccount) -> dict[str, Any]:
        accounts = [
            self.render_account(request, self.state.accounts[(PLATFORM, pid)])
            for pid in conv.participant_ids
            if (PLATFORM, pid) in self.state.accounts
        ]
        last = self.statuses.get(conv.last_status_id)
        return {
            "id": conv.id,
            "unread": conv.unread,
            "accounts": accounts,
            "last_status": self.render_status(request, last, viewer=viewer) if last else None,
        }

    def instance_v1(self, request: Request) -> dict[str, Any]:
        base = self.base(request)
        with self.state.lock:
            users = sum(1 for a in self.state.accounts.values() if a.platform == PLATFORM)
            count = len(self.statuses)
        return {
            "uri": request.url.netloc,
            "title": "Mastodon",
            "short_description": "",
            "description": "",
            "email": "",
            "version": VERSION,
            "urls": {"streaming_api": base.replace("http", "ws", 1)},
            "stats": {"user_count": users, "status_count": count, "domain_count": 1},
            "thumbnail": f"{base}/packs/images/preview.png",
            "languages": ["en"],
            "registrations": False,
            "approval_required": False,
            "invites_enabled": True,
            "configuration": {
                "accounts": {"max_featured_tags": 10},
                "statuses": {
                    "max_characters": MAX_CHARACTERS,
                    "max_media_attachments": MAX_MEDIA,
                    "characters_reserved_per_url": URL_LENGTH,
                },
                "media_attachments": _MEDIA_CONFIG_V1,
                "polls": _POLLS,
            },
            "contact_account": None,
            "rules": [],
        }

    def instance_v2(self, request: Request) -> dict[str, Any]:
        base = self.base(request)
        return {
            "domain": request.url.netloc,
            "title": "Mastodon",
            "version": VERSION,
            "source_url": "https://github.com/mastodon/mastodon",
            "description": "",
            "usage": {"users": {"active_month": 0}},
            "thumbnail": {"url": f"{base}/packs/images/preview.png", "description": "Mastodon"},
            "icon": [{"src": f"{base}/packs/icons/android-chrome-36x36.png", "size": "36x36"}],
            "languages": ["en"],
            "configuration": {
                "urls": {
                    "streaming": base.replace("http", "ws", 1),
                    "status": None,
                    "about": f"{base}/about",
                    "privacy_policy": f"{base}/privacy-policy",
                    "terms_of_service": None,
                },
                "vapid": {"public_key": "BAhxXyHfAoMqrZECjRI56F5QrE4ynVlkZFMdKSpTIsWRNoWUVgut"},
                "accounts": {
                    "max_display_name_length": 40,
                    "max_note_length": 500,
                    "max_avatar_description_length": 150,
                    "max_header_description_length": 150,
                    "max_featured_tags": 10,
                    "max_pinned_statuses": 5,
                    "max_profile_fields": 4,
                    "profile_field_name_limit": 255,
                    "profile_field_value_limit": 255,
                },
                "statuses": {
                    "max_characters": MAX_CHARACTERS,
                    "max_media_attachments": MAX_MEDIA,
                    "characters_reserved_per_url": URL_LENGTH,
                },
                "media_attachments": {"description_limit": 1500, **_MEDIA_CONFIG_V1},
                "polls": _POLLS,
                "translation": {"enabled": False},
                "timelines_access": {
                    "live_feeds": {"local": "public", "remote": "public"},
                    "hashtag_feeds": {"local": "public", "remote": "public"},
                    "trending_link_feeds": {"local": "public", "remote": "public"},
                },
                "limited_federation": False,
            },
            "registrations": {
                "enabled": False,
                "approval_required": False,
                "reason_required": False,
                "message": None,
                "min_age": None,
                "url": None,
            },
            "api_versions": {"mastodon": API_VERSION},
            "wrapstodon": None,
            "contact": {"email": "", "account": None},
            "rules": [],
        }


_MEDIA_CONFIG_V1: dict[str, Any] = {
    "supported_mime_types": ["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4"],
    "image_size_limit": 16777216,
    "image_matrix_limit": 33177600,
    "video_size_limit": 103809024,
    "video_frame_rate_limit": 120,
    "video_matrix_limit": 8294400,
}
_POLLS: dict[str, Any] = {
    "max_options": 4,
    "max_characters_per_option": 50,
    "min_expiration": 300,
    "max_expiration": 2629746,
}

_SANDBOXES: dict[int, MastodonSandbox] = {}


def _sandbox(state: SandboxState) -> MastodonSandbox:
    sandbox = _SANDBOXES.get(id(state))
    if sandbox is None or sandbox.state is not state:
        sandbox = MastodonSandbox(state)
        _SANDBOXES[id(state)] = sandbox
    return sandbox


def module(state: SandboxState) -> MastodonSandbox:
    """The Mastodon platform module for the sandbox core."""
    return _sandbox(state)


# --- HTTP ---------------------------------------------------------------------------------------------


def _error(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class _Refused(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__("refused")
        self.response = response


def _ids_param(values: list[str]) -> list[str]:
    return [v for v in values if v]


async def _form(request: Request) -> dict[str, Any]:
    """Parameters from a form, multipart or JSON body; list parameters (``media_ids[]``) as lists."""
    content_type = request.headers.get("content-type", "")
    if "application/json" in content_type:
        try:
            body = await request.json()
        except ValueError as exc:
            raise _Refused(_error("Invalid JSON body", 400)) from exc
        return dict(body) if isinstance(body, dict) else {}
    form = await request.form()
    out: dict[str, Any] = {}
    for key in set(form.keys()):
        values = form.getlist(key)
        if key.endswith("[]"):
            out[key[:-2]] = values
        else:
            out[key] = values[-1]
    return out


def routes(state: SandboxState) -> list[BaseRoute]:
    """The Mastodon API routes."""
    sb = _sandbox(state)

    def rate_headers(account_key: str, endpoint: str, limit: int, window: timedelta) -> tuple[bool, dict[str, str]]:
        allowed, win = state.rate_allows(account_key, endpoint, limit, window)
        now = state.now()
        headers = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(win.remaining(now)),
            "X-RateLimit-Reset": iso(win.reset_at(now)),
        }
        return allowed, headers

    def authed(request: Request, *, media: bool = False) -> tuple[SandboxAccount, dict[str, str]]:
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else request.query_params.get("access_token")
        account = state.account_for_token(token)
        if account is None or account.platform != PLATFORM:
            raise _Refused(_error("The access token is invalid", 401))
        request.state.account_id = account.account_id
        allowed, headers = rate_headers(f"{PLATFORM}:{account.account_id}", "all", RATE_LIMIT, RATE_WINDOW)
        if allowed and media:
            allowed, headers = rate_headers(f"{PLATFORM}:{account.account_id}", "media", MEDIA_LIMIT, MEDIA_WINDOW)
        if not allowed:
            raise _Refused(_error("Too many requests", 429, headers))
        return account, headers

    def ok(data: Any, headers: dict[str, str], status: int = 200) -> JSONResponse:
        return JSONResponse(data, status_code=status, headers=headers)

    def handler(fn: Any) -> Any:
        async def wrapped(request: Request) -> Response:
            try:
                result: Response = await fn(request)
                return result
            except _Refused as refused:
                return refused.response

        return wrapped

    def int_param(request: Request, name: str, default: int, maximum: int) -> int:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError as exc:
            raise _Refused(_error(f"Invalid {name}", 400)) from exc
        return max(1, min(value, maximum))

    def paginate(
        request: Request, items: list[Any], key: Any, default_limit: int, max_limit: int, *, presorted: bool = False
    ) -> tuple[list[Any], dict[str, str]]:
        """Mastodon's id pagination over ``items``: newest first, with a ``Link`` header.

        ``presorted`` items are already in ascending key order (statuses and notifications are kept so),
        which lets a page be cut by bisection instead of a scan."""
        limit = int_param(request, "limit", default_limit, max_limit)
        max_id = request.query_params.get("max_id")
        since_id = request.query_params.get("since_id")
        min_id = request.query_params.get("min_id")
        ordered = items if presorted else sorted(items, key=key)
        keys = [key(i) for i in ordered] if (max_id or since_id or min_id) else []
        lo, hi = 0, len(ordered)
        if max_id:
            hi = bisect.bisect_left(keys, _as_key(max_id))
        if since_id:
            lo = max(lo, bisect.bisect_right(keys, _as_key(since_id)))
        if min_id:
            lo = max(lo, bisect.bisect_right(keys, _as_key(min_id)))
            # min_id asks for the page immediately newer than min_id; otherwise the newest page.
            ordered = ordered[lo : min(hi, lo + limit)]
        else:
            ordered = ordered[max(lo, hi - limit) : hi]
        page = list(reversed(ordered))
        headers: dict[str, str] = {}
        if page:
            base = f"{sb.base(request)}{request.url.path}"
            params = [
                (k, v) for k, v in request.query_params.multi_items() if k not in ("max_id", "min_id", "since_id")
            ]
            if not any(k == "limit" for k, _ in params):
                params.append(("limit", str(limit)))
            newest, oldest = _id_of(page[0]), _id_of(page[-1])
            nxt = urlencode([*params, ("max_id", oldest)])
            prev = urlencode([*params, ("min_id", newest)])
            headers["Link"] = f'<{base}?{nxt}>; rel="next", <{base}?{prev}>; rel="prev"'
        return page, headers

    # --- instance, apps, oauth ------------------------------------------------------------

    async def instance_v1(request: Request) -> Response:
        return JSONResponse(sb.instance_v1(request))

    async def instance_v2(request: Request) -> Response:
        return JSONResponse(sb.instance_v2(request))

    async def create_app(request: Request) -> Response:
        form = await _form(request)
        name = str(form.get("client_name") or "")
        if not name:
            return _error("Validation failed: Application name can't be blank", 422)
        redirect = str(form.get("redirect_uris") or "urn:ietf:wg:oauth:2.0:oob")
        with state.lock:
            app_id = str(len(sb.apps) + 1)
            client_id = state.new_token()
            app: dict[str, Any] = {
                "id": app_id,
                "name": name,
                "website": form.get("website"),
                "scopes": str(form.get("scopes") or "read").split(),
                "redirect_uri": redirect,
                "redirect_uris": redirect.split(),
                "vapid_key": "BAhxXyHfAoMqrZECjRI56F5QrE4ynVlkZFMdKSpTIsWRNoWUVgut",
                "client_id": client_id,
                "client_secret": state.new_token(),
                "client_secret_expires_at": 0,
            }
            sb.apps[client_id] = app
        return JSONResponse(app)

    async def oauth_token(request: Request) -> Response:
        form = await _form(request)
        grant = str(form.get("grant_type") or "")
        client = sb.apps.get(str(form.get("client_id") or ""))
        if client is None or client["client_secret"] != form.get("client_secret"):
            return JSONResponse(
                {
                    "error": "invalid_client",
                    "error_description": "Client authentication failed due to unknown client, no client "
                    "authentication included, or unsupported authentication method.",
                },
                status_code=401,
            )
        if grant != "password":
            return JSONResponse(
                {
                    "error": "unsupported_grant_type",
                    "error_description": "The authorization grant type is not supported.",
                },
                status_code=400,
            )
        account = state.find_account(PLATFORM, str(form.get("username") or ""))
        if account is None or account.extra.get("password") != form.get("password"):
            return JSONResponse(
                {"error": "invalid_grant", "error_description": "The provided authorization grant is invalid."},
                status_code=400,
            )
        token = state.new_token()
        state.register(account, token)
        return JSONResponse(
            {
                "access_token": token,
                "token_type": "Bearer",
                "scope": str(form.get("scope") or "read"),
                "created_at": int(state.now().timestamp()),
            }
        )

    @handler
    async def verify_credentials(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            return ok(sb.render_account(request, account, with_source=True), headers)

    @handler
    async def get_account(request: Request) -> Response:
        _, headers = authed(request)
        target = state.accounts.get((PLATFORM, request.path_params["id"]))
        if target is None:
            return _error("Record not found", 404, headers)
        with state.lock:
            return ok(sb.render_account(request, target), headers)

    # --- statuses -----------------------------------------------------------------------------

    @handler
    async def post_status(request: Request) -> Response:
        account, headers = authed(request)
        form = await _form(request)
        key = request.headers.get("idempotency-key")
        now = state.now()
        with state.lock:
            if key:
                earlier = sb.idempotency.get((account.account_id, key))
                if earlier and now - earlier[1] < IDEMPOTENCY_TTL and earlier[0] in sb.statuses:
                    return ok(sb.render_status(request, sb.statuses[earlier[0]], viewer=account), headers)
            text = str(form.get("status") or "")
            media_ids = [str(m) for m in _ids_param(list(form.get("media_ids") or []))]
            spoiler = str(form.get("spoiler_text") or "")
            visibility = str(form.get("visibility") or "public")
            if visibility not in VISIBILITIES:
                return _error("Validation failed: Visibility is not included in the list", 422, headers)
            if not text.strip() and not media_ids:
                return _error("Validation failed: Text can't be blank", 422, headers)
            if countable_length(text + spoiler) > MAX_CHARACTERS:
                return _error(f"Validation failed: Text character limit of {MAX_CHARACTERS} exceeded", 422, headers)
            if len(media_ids) > MAX_MEDIA:
                return _error(f"Validation failed: Media attachments cannot exceed {MAX_MEDIA}", 422, headers)
            for mid in media_ids:
                media = sb.media.get(mid)
                if media is None or media["account_id"] != account.account_id or media.get("status_id"):
                    return _error(f"Media ({mid}) could not be found or is already attached to a post", 422, headers)
            reply_to = str(form.get("in_reply_to_id") or "") or None
            if reply_to is not None:
                parent = sb.statuses.get(reply_to)
                if parent is None or parent.deleted:
                    return _error("Record not found", 404, headers)
            language = str(form.get("language") or "") or "en"
            status = sb._create_status(
                account,
                text,
                visibility=visibility,
                in_reply_to_id=reply_to,
                spoiler_text=spoiler,
                language=language,
                media_ids=media_ids,
                application="Beat Desk",
            )
            for mid in media_ids:
                sb.media[mid]["status_id"] = status.id
            if key:
                sb.idempotency[(account.account_id, key)] = (status.id, now)
            rendered = sb.render_status(request, status, viewer=account)
        state.emit(
            "post_created",
            {
                "platform": PLATFORM,
                "account_id": account.account_id,
                "id": status.id,
                "text": text,
                "visibility": visibility,
            },
        )
        return ok(rendered, headers)

    @handler
    async def get_status(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            status = sb.statuses.get(request.path_params["id"])
            if status is None or status.deleted:
                return _error("Record not found", 404, headers)
            return ok(sb.render_status(request, status, viewer=account), headers)

    @handler
    async def delete_status(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            status = sb.statuses.get(request.path_params["id"])
            if status is None or status.deleted or status.account_id != account.account_id:
                return _error("Record not found", 404, headers)
            sb._delete(status)
            return ok(sb.render_status(request, status, viewer=account, with_text=True), headers)

    @handler
    async def status_context(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            status = sb.statuses.get(request.path_params["id"])
            if status is None or status.deleted:
                return _error("Record not found", 404, headers)
            ancestors: list[Status] = []
            cur = status
            while cur.in_reply_to_id and cur.in_reply_to_id in sb.statuses:
                cur = sb.statuses[cur.in_reply_to_id]
                if not cur.deleted:
                    ancestors.append(cur)
            descendants: list[Status] = []
            frontier = {status.id}
            for s in sorted(sb.statuses.values(), key=lambda s: int(s.id)):
                if s.in_reply_to_id in frontier and not s.deleted:
                    descendants.append(s)
                    frontier.add(s.id)
            visible = [s for s in [*ancestors, *descendants] if _visible_to(s, account)]
            return ok(
                {
                    "ancestors": [
                        sb.render_status(request, s, viewer=account) for s in reversed(ancestors) if s in visible
                    ],
                    "descendants": [sb.render_status(request, s, viewer=account) for s in descendants if s in visible],
                },
                headers,
            )

    # --- notifications and conversations --------------------------------------------------------

    @handler
    async def notifications(request: Request) -> Response:
        account, headers = authed(request)
        types = request.query_params.getlist("types[]")
        excluded = request.query_params.getlist("exclude_types[]")
        with state.lock:
            mine = [
                n
                for n in sb.notes_by_account.get(account.account_id, [])
                if (not types or n.type in types) and n.type not in excluded
            ]
            page, link = paginate(request, mine, lambda n: n.id, 40, 80, presorted=True)
            body = [sb.render_notification(request, n, account) for n in page]
        return ok(body, {**headers, **link})

    @handler
    async def unread_count(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            marker = int(account.extra.get("notifications_read_id", 0))
            count = sum(1 for n in sb.notifications if n.account_id == account.account_id and n.id > marker)
        return ok({"count": count}, headers)

    @handler
    async def notification(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            for note in sb.notifications:
                if str(note.id) == request.path_params["id"] and note.account_id == account.account_id:
                    return ok(sb.render_notification(request, note, account), headers)
        return _error("Record not found", 404, headers)

    @handler
    async def conversations(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            mine = [c for c in sb.conversations.values() if c.account_id == account.account_id]
            page, link = paginate(request, mine, lambda c: int(c.last_status_id), 20, 40)
            body = [sb.render_conversation(request, c, account) for c in page]
        # Conversations paginate by their last status id, as Mastodon does.
        return ok(body, {**headers, **_relink(link, page, lambda c: c.last_status_id)})

    @handler
    async def conversation_read(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            conv = sb.conversations.get(request.path_params["id"])
            if conv is None or conv.account_id != account.account_id:
                return _error("Record not found", 404, headers)
            conv.unread = False
            return ok(sb.render_conversation(request, conv, account), headers)

    # --- timelines and search ---------------------------------------------------------------------

    def timeline(request: Request, account: SandboxAccount, headers: dict[str, str], pick: Any) -> Response:
        with state.lock:
            items = [s for s in sb.statuses.values() if not s.deleted and pick(s) and _visible_to(s, account)]
            page, link = paginate(request, items, lambda s: int(s.id), 20, 40, presorted=True)
            body = [sb.render_status(request, s, viewer=account) for s in page]
        return ok(body, {**headers, **link})

    @handler
    async def home_timeline(request: Request) -> Response:
        account, headers = authed(request)
        # The sandbox has no follow graph: home shows the account's own posts and what mentions it.
        return timeline(
            request,
            account,
            headers,
            lambda s: (
                s.visibility != "direct" and (s.account_id == account.account_id or account.account_id in s.mention_ids)
            ),
        )

    @handler
    async def account_statuses(request: Request) -> Response:
        account, headers = authed(request)
        target = request.path_params["id"]
        if (PLATFORM, target) not in state.accounts:
            return _error("Record not found", 404, headers)
        exclude_replies = request.query_params.get("exclude_replies") in ("true", "1")
        return timeline(
            request,
            account,
            headers,
            lambda s: s.account_id == target and not (exclude_replies and s.in_reply_to_id),
        )

    @handler
    async def tag_timeline(request: Request) -> Response:
        account, headers = authed(request)
        tag = request.path_params["tag"].lower().lstrip("#")
        return timeline(request, account, headers, lambda s: s.visibility == "public" and tag in s.tags)

    @handler
    async def search(request: Request) -> Response:
        account, headers = authed(request)
        query = (request.query_params.get("q") or "").strip()
        limit = int_param(request, "limit", 20, 40)
        if not query:
            return ok({"accounts": [], "statuses": [], "hashtags": []}, headers)
        with state.lock:
            low = query.lower()
            accounts = [
                a for a in state.accounts.values() if a.platform == PLATFORM and low.lstrip("@") in a.handle.lower()
            ][:limit]
            statuses = [
                s
                for s in sorted(sb.statuses.values(), key=lambda s: -int(s.id))
                if not s.deleted and s.visibility == "public" and low in s.text.lower()
            ][:limit]
            tags = sorted({t for s in sb.statuses.values() for t in s.tags if low.lstrip("#") in t})[:limit]
            base = sb.base(request)
            body = {
                "accounts": [sb.render_account(request, a) for a in accounts],
                "statuses": [sb.render_status(request, s, viewer=account) for s in statuses],
                "hashtags": [{"name": t, "url": f"{base}/tags/{t}", "history": []} for t in tags],
            }
        return ok(body, headers)

    # --- media ------------------------------------------------------------------------------------

    @handler
    async def media_post(request: Request) -> Response:
        account, headers = authed(request, media=True)
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return _error("Validation failed: File can't be blank", 422, headers)
        data = await upload.read()
        mime = upload.content_type or "application/octet-stream"
        if mime not in _MEDIA_CONFIG_V1["supported_mime_types"]:
            return _error("Validation failed: File content type is invalid, File is invalid", 422, headers)
        limit = _MEDIA_CONFIG_V1["video_size_limit" if mime.startswith("video/") else "image_size_limit"]
        if len(data) > limit:
            return _error("Validation failed: File file size must be less than 16 MB", 422, headers)
        description = form.get("description")
        alt = str(description) if isinstance(description, str) and description else None
        if alt is not None and len(alt) > 1500:
            return _error("Validation failed: Description is too long (maximum is 1500 characters)", 422, headers)
        focus = _focus(form.get("focus"))
        with state.lock:
            media_id = sb.snowflake()
            media: dict[str, Any] = {
                "id": media_id,
                "account_id": account.account_id,
                "mime_type": mime,
                "description": alt,
            }
            if focus:
                media["focus"] = focus
            sb.media[media_id] = media
            body = sb.render_media(request, media)
        state.store_media(ReceivedMedia(media_id, PLATFORM, account.account_id, mime, data, alt))
        if mime.startswith("video/"):
            # Large media are processed asynchronously: 202 with a null url until GET /api/v1/media/:id.
            body["url"] = None
            return ok(body, headers, status=202)
        return ok(body, headers)

    @handler
    async def media_get(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            media = sb.media.get(request.path_params["id"])
            if media is None or media["account_id"] != account.account_id:
                return _error("Record not found", 404, headers)
            return ok(sb.render_media(request, media), headers)

    @handler
    async def favourite(request: Request) -> Response:
        account, headers = authed(request)
        with state.lock:
            status = sb.statuses.get(request.path_params["id"])
            if status is None or status.deleted:
                return _error("Record not found", 404, headers)
            status.favourites += 1
            if status.account_id != account.account_id:
                sb._notify(status.account_id, "favourite", account.account_id, status.id)
            data = sb.render_status(request, status, viewer=account)
            data["favourited"] = True
        return ok(data, headers)

    both = ("", "/")
    out: list[BaseRoute] = []
    for suffix in both:
        out += [
            Route(f"/api/v1/instance{suffix}", instance_v1, methods=["GET"]),
            Route(f"/api/v2/instance{suffix}", instance_v2, methods=["GET"]),
            Route(f"/api/v1/notifications{suffix}", notifications, methods=["GET"]),
            Route(f"/api/v1/conversations{suffix}", conversations, methods=["GET"]),
            Route(f"/api/v1/timelines/home{suffix}", home_timeline, methods=["GET"]),
        ]
    out += [
        Route("/api/v1/apps", create_app, methods=["POST"]),
        Route("/oauth/token", oauth_token, methods=["POST"]),
        Route("/api/v1/accounts/verify_credentials", verify_credentials, methods=["GET"]),
        Route("/api/v1/accounts/{id}/statuses", account_statuses, methods=["GET"]),
        Route("/api/v1/accounts/{id}", get_account, methods=["GET"]),
        Route("/api/v1/statuses", post_status, methods=["POST"]),
        Route("/api/v1/statuses/{id}/context", status_context, methods=["GET"]),
        Route("/api/v1/statuses/{id}/favourite", favourite, methods=["POST"]),
        Route("/api/v1/statuses/{id}", get_status, methods=["GET"]),
        Route("/api/v1/statuses/{id}", delete_status, methods=["DELETE"]),
        Route("/api/v1/notifications/unread_count", unread_count, methods=["GET"]),
        Route("/api/v1/notifications/{id}", notification, methods=["GET"]),
        Route("/api/v1/conversations/{id}/read", conversation_read, methods=["POST"]),
        Route("/api/v1/timelines/tag/{tag}", tag_timeline, methods=["GET"]),
        Route("/api/v2/search", search, methods=["GET"]),
        Route("/api/v2/media", media_post, methods=["POST"]),
        Route("/api/v1/media/{id}", media_get, methods=["GET"]),
    ]
    return out


def _focus(raw: Any) -> dict[str, float] | None:
    """``focus=x,y`` (each -1..1), as Mastodon keeps it in ``meta.focus``."""
    if not isinstance(raw, str) or "," not in raw:
        return None
    try:
        x, y = (max(-1.0, min(1.0, float(v))) for v in raw.split(",", 1))
    except ValueError:
        return None
    return {"x": x, "y": y}


def _as_key(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        return 0


def _id_of(item: Any) -> str:
    return str(item.id)


def _relink(link: dict[str, str], page: list[Any], key: Any) -> dict[str, str]:
    if not link or not page:
        return link
    value = link["Link"]
    value = value.replace(f"max_id={_id_of(page[-1])}", f"max_id={key(page[-1])}")
    value = value.replace(f"min_id={_id_of(page[0])}", f"min_id={key(page[0])}")
    return {"Link": value}


def _visible_to(status: Status, viewer: SandboxAccount) -> bool:
    if status.visibility != "direct":
        return True
    return status.account_id == viewer.account_id or viewer.account_id in status.mention_ids
