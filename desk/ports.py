"""The ports the domain needs from the platforms, and the records that cross them.

``connectors/`` implements :class:`PlatformConnector` once per platform over its SDK;
services in ``desk/`` use only what is declared here. Records are frozen dataclasses:
no SDK object, no ORM object ever crosses this line. Only the closed set of
:class:`ConnectorError` subclasses escapes a connector.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable


class Platform(enum.StrEnum):
    """The five platforms the desk speaks to."""

    X = "x"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"


class Stream(enum.StrEnum):
    """What a sync pulls from an account."""

    MENTIONS = "mentions"  # public mentions and replies to the force's posts
    COMMENTS = "comments"  # comments on the force's own posts (Facebook, Instagram)
    DIRECT = "direct"  # private messages (X DMs, Messenger, Instagram DMs, Mastodon direct, Bluesky chat)


class ItemKind(enum.StrEnum):
    """What kind of thing a citizen sent."""

    MENTION = "mention"
    REPLY = "reply"
    COMMENT = "comment"
    DIRECT = "direct"


class TextCounting(enum.StrEnum):
    """How a platform counts the length of a text."""

    TWITTER_WEIGHTED = "twitter_weighted"  # twitter-text v3: CJK/emoji weigh 2, URLs 23
    GRAPHEMES = "graphemes"  # Bluesky: grapheme clusters (and a byte limit)
    MASTODON = "mastodon"  # code points, URLs count a fixed length, @user@domain counts @user
    CODE_POINTS = "code_points"  # Facebook, Instagram


class ReplyPolicy(enum.StrEnum):
    """Who may reply to a post (Bluesky threadgates, X reply settings)."""

    EVERYONE = "everyone"
    MENTIONED = "mentioned"  # only the accounts the post mentions
    FOLLOWING = "following"  # only accounts the force's account follows
    NOBODY = "nobody"


@dataclass(frozen=True)
class Capabilities:
    """What a platform allows, as data the composer and planners validate against."""

    platform: Platform
    text_limit: int
    counting: TextCounting
    url_length: int | None = None
    byte_limit: int | None = None
    max_images: int = 4
    max_videos: int = 1
    image_max_bytes: int = 5 * 1024 * 1024
    video_max_bytes: int = 512 * 1024 * 1024
    image_types: tuple[str, ...] = ("image/jpeg", "image/png", "image/gif", "image/webp")
    video_types: tuple[str, ...] = ("video/mp4",)
    alt_text_limit: int = 1000
    threads: bool = True
    direct_messages: bool = True
    hide_replies: bool = False
    content_warning: bool = False
    idempotency_keys: bool = False
    needs_public_media_url: bool = False
    dm_window_hours: int | None = None  # Messenger: replies only within 24 h of the person's last message
    requires_media: bool = False  # Instagram posts need an image or video
    reply_policies: tuple[ReplyPolicy, ...] = ()  # who-may-reply settings the platform enforces
    images_with_video: bool = False  # whether one post may carry photos and a video together


@dataclass(frozen=True)
class AccountRef:
    """Which account a connector acts as. Secrets are looked up by ``secret_key``, never carried here."""

    platform: Platform
    handle: str
    base_url: str
    secret_key: str
    platform_account_id: str | None = None
    display_name: str | None = None


@dataclass(frozen=True)
class AccountProfile:
    """What ``verify`` learns about the account."""

    platform_account_id: str
    handle: str
    display_name: str
    url: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file attached to a citizen's message; downloaded and hashed by the inbox."""

    url: str
    mime_type: str | None = None
    alt_text: str | None = None
    sensitive: bool = False  # the platform or author marked it graphic


@dataclass(frozen=True)
class InboundRecord:
    """One thing a citizen said to the force, platform-neutral."""

    platform: Platform
    platform_item_id: str
    kind: ItemKind
    conversation_key: str  # the platform's thread: DM conversation id, root post id, comment thread
    author_id: str
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    lang: str | None = None
    in_reply_to_id: str | None = None
    url: str | None = None
    attachments: tuple[Attachment, ...] = ()
    edited_at: datetime | None = None
    deleted: bool = False
    from_account: bool = False  # sent by the force's own account (seen in DM threads)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Quarantined:
    """A payload a connector could not read, kept with the reason."""

    stream: Stream
    reason: str
    payload: str


@dataclass(frozen=True)
class FetchResult:
    """A page of inbound records and the cursor to continue from."""

    records: tuple[InboundRecord, ...]
    cursor: str | None
    has_more: bool = False
    quarantined: tuple[Quarantined, ...] = ()
    # The platform serves only the newest items of this stream (X: the newest 800 mentions) and this walk
    # reached that end: anything older than the oldest record returned, back to the previous cursor, may
    # exist but cannot be fetched. The sync should say so rather than imply the inbox is complete.
    history_unreachable: bool = False


class FeedKind(enum.StrEnum):
    """Feed columns."""

    OWN_POSTS = "own_posts"
    HOME = "home"
    MENTIONS = "mentions"
    SEARCH = "search"  # a query or a hashtag


@dataclass(frozen=True)
class FeedColumnSpec:
    """What a feed column shows."""

    kind: FeedKind
    query: str | None = None


@dataclass(frozen=True)
class Metrics:
    """Engagement figures; ``None`` where the platform does not give them."""

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    impressions: int | None = None
    quotes: int | None = None


@dataclass(frozen=True)
class FeedPost:
    """A post shown in a feed column."""

    platform: Platform
    post_id: str
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    url: str | None = None
    in_reply_to_id: str | None = None
    metrics: Metrics = Metrics()
    conversation_key: str | None = None


@dataclass(frozen=True)
class FeedPage:
    """A page of a feed column, newest first."""

    posts: tuple[FeedPost, ...]
    cursor: str | None


@dataclass(frozen=True)
class MediaUpload:
    """An image or video to publish; the bytes are already cleaned (EXIF stripped, faces blurred)."""

    data: bytes
    mime_type: str
    alt_text: str
    filename: str = "upload"


@dataclass(frozen=True)
class PublishRequest:
    """A post, a reply or one part of a thread."""

    text: str
    idempotency_key: str
    media: tuple[MediaUpload, ...] = ()
    reply_to_id: str | None = None
    quote_id: str | None = None
    lang: str | None = None
    content_warning: str | None = None
    reply_policy: ReplyPolicy | None = None  # None: the platform's default (everyone)


@dataclass(frozen=True)
class DirectMessageRequest:
    """A private reply in an existing conversation."""

    conversation_key: str
    recipient_id: str
    text: str
    idempotency_key: str


@dataclass(frozen=True)
class PublishResult:
    """What the platform accepted."""

    platform_post_id: str
    url: str | None
    published_at: datetime
    # platform-specific reference needed to reply or delete (e.g. Bluesky's cid)
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RateLimitState:
    """Budget left on one endpoint of one account, as the platform last reported it."""

    endpoint: str
    limit: int
    remaining: int
    reset_at: datetime


# --- the closed set of errors -------------------------------------------------------------


class ConnectorError(Exception):
    """Base of the only errors a connector may raise. ``code`` is stable; ``message`` is English."""

    code = "connector.error"

    def __init__(self, message: str, *, platform: Platform | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.platform = platform


class AuthExpired(ConnectorError):
    """The token is wrong, revoked or expired: the account needs reconnecting."""

    code = "connector.auth_expired"


class RateLimited(ConnectorError):
    """The platform refused for rate: try again at ``until``."""

    code = "connector.rate_limited"

    def __init__(self, message: str, *, until: datetime, platform: Platform | None = None) -> None:
        super().__init__(message, platform=platform)
        self.until = until


class Rejected(ConnectorError):
    """The platform refused the content or the action; ``message`` says what the officer can change."""

    code = "connector.rejected"

    def __init__(self, message: str, *, platform: Platform | None = None, platform_code: str | None = None) -> None:
        super().__init__(message, platform=platform)
        self.platform_code = platform_code


class Transient(ConnectorError):
    """Network or server trouble before anything was accepted: safe to retry."""

    code = "connector.transient"


class Unconfirmed(ConnectorError):
    """The request may have reached the platform (e.g. a timeout after sending): check before re-sending."""

    code = "connector.unconfirmed"


@runtime_checkable
class PlatformConnector(Protocol):
    """What the desk needs from one account on one platform."""

    account: AccountRef
    capabilities: Capabilities

    def verify(self) -> AccountProfile:
        """Check the credentials and return who the account is."""
        ...

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        """What citizens sent since ``cursor`` on ``stream``, oldest first within the page."""
        ...

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        """A page of a feed column."""
        ...

    def publish(self, request: PublishRequest) -> PublishResult:
        """Post (or reply). Raises ``Unconfirmed`` when the outcome cannot be known."""
        ...

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        """Reply privately in a conversation."""
        ...

    def find_published(self, idempotency_key: str, text: str, since: datetime) -> PublishResult | None:
        """Look up whether an unconfirmed post actually went out (by key where supported, else by text)."""
        ...

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        """Engagement figures for the force's own posts."""
        ...

    def delete(self, post_id: str) -> None:
        """Delete one of the force's posts."""
        ...

    def hide_reply(self, item_id: str, hidden: bool = True) -> None:
        """Hide a citizen's comment or reply on the platform (where ``capabilities.hide_replies``)."""
        ...

    def rate_limits(self) -> Sequence[RateLimitState]:
        """The budgets the platform reported on the latest calls."""
        ...
