"""X (Twitter) over tweepy: OAuth 1.0a user context, API v2, v2 media upload through a signed session.

tweepy hard-codes ``https://api.twitter.com``; a host-rewriting transport sends its requests to the
account's base URL (the sandbox, or the real service). tweepy signs the original URL, which is what
X (and the sandbox) verify. tweepy 4.x has no v2 media upload, so media goes through a ``requests``
session signed with the same OAuth 1.0a keys. Responses are read as plain JSON so the parsing
functions below also run on the real recordings.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

from connectors.transport import HttpSettings, configure_session
from desk.clock import Clock
from desk.ports import (
    AccountProfile,
    AccountRef,
    Attachment,
    AuthExpired,
    Capabilities,
    DirectMessageRequest,
    FeedColumnSpec,
    FeedKind,
    FeedPage,
    FeedPost,
    FetchResult,
    InboundRecord,
    ItemKind,
    MediaUpload,
    Metrics,
    Platform,
    PublishRequest,
    PublishResult,
    Quarantined,
    RateLimited,
    RateLimitState,
    Rejected,
    ReplyPolicy,
    Stream,
    TextCounting,
    Transient,
    Unconfirmed,
)

if TYPE_CHECKING:
    import requests

REAL_BASE = "https://api.twitter.com"
TWEPOCH_MS = 1288834974657  # X ids are snowflakes: milliseconds since this epoch, shifted by 22 bits
TEXT_LIMIT = 280
DM_TEXT_LIMIT = 10_000
ALT_TEXT_LIMIT = 1000
CHUNK_BYTES = 1024 * 1024
MAX_STATUS_POLLS = 60
GIF_MAX_BYTES = 15 * 1024 * 1024
# X serves only the newest 800 mentions through the mentions timeline, whatever since_id says.
MENTIONS_REACH = 800

CAPABILITIES = Capabilities(
    platform=Platform.X,
    text_limit=TEXT_LIMIT,
    counting=TextCounting.TWITTER_WEIGHTED,
    url_length=23,
    max_images=4,  # or one GIF, or one video, never mixed
    max_videos=1,
    image_max_bytes=5 * 1024 * 1024,
    video_max_bytes=512 * 1024 * 1024,
    image_types=("image/jpeg", "image/png", "image/gif", "image/webp"),
    video_types=("video/mp4", "video/quicktime"),
    alt_text_limit=ALT_TEXT_LIMIT,
    threads=True,
    direct_messages=True,
    hide_replies=True,
    content_warning=False,
    idempotency_keys=False,  # find_published looks the text up among the account's own recent posts
    reply_policies=(ReplyPolicy.EVERYONE, ReplyPolicy.MENTIONED, ReplyPolicy.FOLLOWING),
)
# X's reply_settings for the desk's reply policies (X cannot close replies to everyone).
REPLY_SETTINGS = {ReplyPolicy.MENTIONED: "mentionedUsers", ReplyPolicy.FOLLOWING: "following"}

TWEET_FIELDS = [
    "attachments",
    "author_id",
    "conversation_id",
    "created_at",
    "entities",
    "in_reply_to_user_id",
    "lang",
    "public_metrics",
    "referenced_tweets",
]
EXPANSIONS = ["author_id", "referenced_tweets.id", "attachments.media_keys"]
USER_FIELDS = ["name", "username"]
MEDIA_FIELDS = ["url", "preview_image_url", "type", "alt_text"]
DM_FIELDS = ["id", "text", "event_type", "created_at", "sender_id", "dm_conversation_id", "attachments"]
MEDIA_MIME = {"photo": "image/jpeg", "animated_gif": "image/gif", "video": "video/mp4"}
URL_RE = re.compile(r"https?://\S+")
PRIVATE = ["non_public_metrics"]


# --- parsing (pure functions; replay tests run them on the real recordings) ----------------------------


def snowflake_time(item_id: int) -> datetime:
    """When an X id was minted."""
    return datetime.fromtimestamp(((item_id >> 22) + TWEPOCH_MS) / 1000, tz=UTC)


def parse_time(value: Any, item_id: str) -> datetime:
    """X's ``created_at`` (``2022-10-07T22:43:18.000Z``), or the id's own timestamp when absent."""
    if value is None:
        return snowflake_time(int(item_id))
    if not isinstance(value, str):
        raise ValueError(f"created_at is not a string: {value!r}")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"created_at has no time zone: {value!r}")
    return parsed.astimezone(UTC)


def _id(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.isdigit():
        raise ValueError(f"{what} is missing or not a numeric string: {value!r}")
    return value


def index_includes(includes: Any) -> tuple[dict[str, Mapping[str, Any]], dict[str, Mapping[str, Any]]]:
    """``includes.users`` by id and ``includes.media`` by media key (malformed entries are skipped)."""
    users: dict[str, Mapping[str, Any]] = {}
    media: dict[str, Mapping[str, Any]] = {}
    if isinstance(includes, Mapping):
        for user in includes.get("users") or []:
            if isinstance(user, Mapping) and isinstance(user.get("id"), str):
                users[user["id"]] = user
        for item in includes.get("media") or []:
            if isinstance(item, Mapping) and isinstance(item.get("media_key"), str):
                media[item["media_key"]] = item
    return users, media


def _attachments(keys: Any, media: Mapping[str, Mapping[str, Any]]) -> tuple[Attachment, ...]:
    out = []
    for key in keys or []:
        item = media.get(key) if isinstance(key, str) else None
        if item is None:
            continue
        url = item.get("url") or item.get("preview_image_url")
        if isinstance(url, str) and url:
            alt = item.get("alt_text")
            out.append(
                Attachment(
                    url=url,
                    mime_type=MEDIA_MIME.get(str(item.get("type"))),
                    alt_text=alt if isinstance(alt, str) else None,
                )
            )
    return tuple(out)


def post_url(handle: str, post_id: str) -> str:
    """The public address of a post."""
    return f"https://x.com/{handle or 'i/web'}/status/{post_id}"


def parse_post(
    tweet: Any, users: Mapping[str, Mapping[str, Any]], media: Mapping[str, Mapping[str, Any]], own_id: str
) -> InboundRecord:
    """A mention or reply; ``platform_item_id`` is the original id of an edited post so edits update one item."""
    if not isinstance(tweet, Mapping):
        raise ValueError("post is not an object")
    tid = _id(tweet.get("id"), "id")
    text = tweet.get("text")
    if not isinstance(text, str):
        raise ValueError("text is missing")
    created = parse_time(tweet.get("created_at"), tid)
    history = tweet.get("edit_history_tweet_ids") or [tid]
    if not isinstance(history, list) or not history:
        raise ValueError("edit_history_tweet_ids is not a list")
    original = _id(history[0], "edit_history_tweet_ids[0]")
    reply_to = None
    for ref in tweet.get("referenced_tweets") or []:
        if isinstance(ref, Mapping) and ref.get("type") == "replied_to":
            reply_to = _id(ref.get("id"), "referenced_tweets.id")
    author_id = str(tweet.get("author_id") or "")
    author = users.get(author_id, {})
    handle = str(author.get("username") or "")
    conversation = tweet.get("conversation_id")
    lang = tweet.get("lang")
    return InboundRecord(
        platform=Platform.X,
        platform_item_id=original,
        kind=ItemKind.REPLY if reply_to else ItemKind.MENTION,
        conversation_key=_id(conversation, "conversation_id") if conversation is not None else tid,
        author_id=author_id,
        author_handle=handle,
        author_name=str(author.get("name") or handle),
        text=html.unescape(text),  # X escapes &, < and > in v2 text
        created_at=created,
        lang=lang if isinstance(lang, str) else None,
        in_reply_to_id=reply_to,
        url=post_url(handle, tid),
        attachments=_attachments((tweet.get("attachments") or {}).get("media_keys"), media),
        edited_at=created if original != tid else None,
        from_account=bool(own_id) and author_id == own_id,
        raw=dict(tweet),
    )


def parse_dm_event(
    event: Any, users: Mapping[str, Mapping[str, Any]], media: Mapping[str, Mapping[str, Any]], own_id: str
) -> InboundRecord | None:
    """A direct message; ``None`` for events that are not messages (joins, leaves)."""
    if not isinstance(event, Mapping):
        raise ValueError("event is not an object")
    eid = _id(event.get("id"), "id")
    if event.get("event_type", "MessageCreate") != "MessageCreate":
        return None
    text = event.get("text")
    if not isinstance(text, str):
        raise ValueError("text is missing")
    sender = str(event.get("sender_id") or "")
    conversation = event.get("dm_conversation_id")
    if not isinstance(conversation, str) or not conversation:
        raise ValueError("dm_conversation_id is missing")
    user = users.get(sender, {})
    handle = str(user.get("username") or "")
    return InboundRecord(
        platform=Platform.X,
        platform_item_id=eid,
        kind=ItemKind.DIRECT,
        conversation_key=conversation,
        author_id=sender,
        author_handle=handle,
        author_name=str(user.get("name") or handle),
        text=html.unescape(text),
        created_at=parse_time(event.get("created_at"), eid),
        attachments=_attachments((event.get("attachments") or {}).get("media_keys"), media),
        from_account=bool(own_id) and sender == own_id,
        raw=dict(event),
    )


def parse_metrics(tweet: Mapping[str, Any]) -> Metrics:
    """Engagement of one post; ``None`` where X did not say."""
    public = tweet.get("public_metrics") or {}
    private = tweet.get("non_public_metrics") or {}

    def number(*values: Any) -> int | None:
        for value in values:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        return None

    return Metrics(
        likes=number(public.get("like_count")),
        reposts=number(public.get("retweet_count"), public.get("repost_count")),
        replies=number(public.get("reply_count")),
        impressions=number(private.get("impression_count"), public.get("impression_count")),
        quotes=number(public.get("quote_count")),
    )


def parse_feed_post(tweet: Any, users: Mapping[str, Mapping[str, Any]]) -> FeedPost:
    """A post in a feed column."""
    if not isinstance(tweet, Mapping):
        raise ValueError("post is not an object")
    tid = _id(tweet.get("id"), "id")
    text = tweet.get("text")
    if not isinstance(text, str):
        raise ValueError("text is missing")
    author = users.get(str(tweet.get("author_id") or ""), {})
    handle = str(author.get("username") or "")
    reply_to = next(
        (
            str(r.get("id"))
            for r in tweet.get("referenced_tweets") or []
            if isinstance(r, Mapping) and r.get("type") == "replied_to"
        ),
        None,
    )
    conversation = tweet.get("conversation_id")
    return FeedPost(
        platform=Platform.X,
        post_id=tid,
        author_handle=handle,
        author_name=str(author.get("name") or handle),
        text=html.unescape(text),
        created_at=parse_time(tweet.get("created_at"), tid),
        url=post_url(handle, tid),
        in_reply_to_id=reply_to,
        metrics=parse_metrics(tweet),
        conversation_key=str(conversation) if conversation else tid,
    )


def parse_page(
    body: Mapping[str, Any], own_id: str, stream: Stream
) -> tuple[list[InboundRecord], list[Quarantined], list[str]]:
    """Records of a mentions or DM page, the payloads that could not be read, and every id seen."""
    import json

    users, media = index_includes(body.get("includes"))
    records: list[InboundRecord] = []
    bad: list[Quarantined] = []
    seen: list[str] = []
    data = body.get("data") or []
    if not isinstance(data, list):
        data = [data]
    for item in data:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"].isdigit():
            seen.append(item["id"])
        try:
            if stream is Stream.DIRECT:
                record = parse_dm_event(item, users, media, own_id)
                if record is not None:
                    records.append(record)
            else:
                records.append(parse_post(item, users, media, own_id))
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            bad.append(Quarantined(stream=stream, reason=str(exc), payload=json.dumps(item, default=str)[:20_000]))
    return records, bad, seen


def comparable_text(text: str) -> str:
    """Text as X would echo it back, for matching: NFC, entities unescaped, links removed, spaces collapsed."""
    text = html.unescape(unicodedata.normalize("NFC", text))
    return " ".join(URL_RE.sub(" ", text).split())


def weighted_length(text: str) -> int:
    """Length as X counts it (twitter-text v3)."""
    import twitter_text

    return int(twitter_text.parse_tweet(unicodedata.normalize("NFC", text)).weightedLength)


ACTIONS = {
    "GET /2/users/me": "checking the account",
    "GET /2/users/:id/mentions": "reading mentions",
    "GET /2/dm_events": "reading direct messages",
    "GET /2/users/:id/tweets": "reading the account's posts",
    "GET /2/users/:id/timelines/reverse_chronological": "reading the home timeline",
    "GET /2/tweets/search/recent": "searching",
    "GET /2/tweets": "reading post metrics",
    "POST /2/tweets": "posting",
    "DELETE /2/tweets/:id": "deleting a post",
    "PUT /2/tweets/:id/hidden": "hiding a reply",
    "POST /2/dm_conversations/:id/messages": "sending a direct message",
    "POST /2/dm_conversations/with/:id/messages": "sending a direct message",
}


def _action(endpoint: str) -> str:
    """What the desk was doing, in words an officer reads."""
    if endpoint.startswith(("POST /2/media", "GET /2/media")):
        return "uploading media"
    return ACTIONS.get(endpoint, endpoint)


# --- cursors --------------------------------------------------------------------------------------------------


def parse_cursor(cursor: str | None) -> tuple[str | None, str | None, int, int]:
    """``(since_id, pagination_token, newest id seen, items seen so far in the walk)`` from a stored cursor.

    A plain id means "everything after this id". ``walk:SINCE:TOKEN:TOP[:COUNT]`` means a walk back
    through newer items is under way: X pages newest first, so the newest id only becomes the cursor
    once the walk reaches ``SINCE``. ``COUNT`` (absent in cursors written before it existed) tells
    whether the walk ran into the depth X serves.
    """
    if not cursor:
        return None, None, 0, 0
    if cursor.isdigit():
        return cursor, None, int(cursor), 0
    parts = cursor.split(":")
    if (
        len(parts) in (4, 5)
        and parts[0] == "walk"
        and (not parts[1] or parts[1].isdigit())
        and parts[3].isdigit()
        and (len(parts) == 4 or parts[4].isdigit())
    ):
        count = int(parts[4]) if len(parts) == 5 else 0
        return parts[1] or None, parts[2] or None, int(parts[3]), count
    raise Rejected(f"The stored X cursor {cursor!r} is not one this desk wrote; clear it to sync from the start.")


def walk_cursor(since: str | None, token: str, top: int, count: int = 0) -> str:
    """A cursor for a walk that has more pages to read (``count`` items seen so far)."""
    return f"walk:{since or ''}:{token}:{top}:{count}"


# --- the connector ---------------------------------------------------------------------------------------------


class XConnector:
    """One X account."""

    capabilities = CAPABILITIES

    def __init__(
        self, account: AccountRef, credentials: Mapping[str, str], *, clock: Clock, http: HttpSettings
    ) -> None:
        import requests
        import tweepy
        from requests_oauthlib import OAuth1  # type: ignore[import-untyped]

        self.account = account
        self.clock = clock
        keys = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
        missing = [k for k in keys if not credentials.get(k)]
        if missing:
            raise AuthExpired(
                f"The X account is missing {', '.join(missing)}; reconnect it with all four keys.", platform=Platform.X
            )
        self.client = tweepy.Client(
            consumer_key=credentials["consumer_key"],
            consumer_secret=credentials["consumer_secret"],
            access_token=credentials["access_token"],
            access_token_secret=credentials["access_token_secret"],
            return_type=requests.Response,
            wait_on_rate_limit=False,  # the desk's planner decides when to wait
        )
        target = account.base_url.rstrip("/") or REAL_BASE
        configure_session(self.client.session, http, real_base=REAL_BASE, target_base=target)
        self.media_session = requests.Session()
        self.media_session.auth = OAuth1(
            credentials["consumer_key"],
            client_secret=credentials["consumer_secret"],
            resource_owner_key=credentials["access_token"],
            resource_owner_secret=credentials["access_token_secret"],
        )
        configure_session(self.media_session, http, real_base=REAL_BASE, target_base=target)
        self.user_id = account.platform_account_id or credentials["access_token"].partition("-")[0]
        self.handle = account.handle.lstrip("@")
        self._limits: dict[str, RateLimitState] = {}
        self._lock = threading.Lock()

    # --- errors and rate limits --------------------------------------------------------------------------------

    def _record_limits(self, endpoint: str, headers: Mapping[str, str]) -> None:
        found = []
        for prefix, name in (
            ("x-rate-limit", endpoint),
            ("x-user-limit-24hour", f"{endpoint} (24 h, account)"),
            ("x-app-limit-24hour", f"{endpoint} (24 h, app)"),
        ):
            try:
                limit = int(headers[f"{prefix}-limit"])
                remaining = int(headers[f"{prefix}-remaining"])
                reset = datetime.fromtimestamp(int(headers[f"{prefix}-reset"]), tz=UTC)
            except (KeyError, ValueError, OverflowError, OSError):
                continue
            found.append(RateLimitState(name, limit, remaining, reset))
        if found:
            with self._lock:
                for state in found:
                    self._limits[state.endpoint] = state

    def _until(self, headers: Mapping[str, str]) -> datetime:
        candidates = []
        for prefix in ("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"):
            try:
                if prefix == "x-rate-limit" or int(headers.get(f"{prefix}-remaining", "1")) == 0:
                    candidates.append(datetime.fromtimestamp(int(headers[f"{prefix}-reset"]), tz=UTC))
            except (KeyError, ValueError, OverflowError, OSError):
                continue
        return max(candidates) if candidates else self.clock.now() + timedelta(minutes=15)

    @staticmethod
    def _message(response: requests.Response) -> str:
        try:
            body = response.json()
        except ValueError:
            return (response.text or response.reason or "").strip()[:300]
        if not isinstance(body, Mapping):
            return str(body)[:300]
        messages = [
            str(e.get("message")) for e in body.get("errors") or [] if isinstance(e, Mapping) and e.get("message")
        ]
        return "; ".join(messages) or str(body.get("detail") or body.get("title") or response.reason)

    def _fail(self, endpoint: str, response: requests.Response, *, write: bool) -> NoReturn:
        """Translate an X error answer into the desk's closed set of errors."""
        status = response.status_code
        message = self._message(response)
        if status == 429:
            until = self._until(response.headers)
            raise RateLimited(
                f"X's limit for {_action(endpoint)} is used up until {until:%H:%M} UTC; "
                "nothing is lost, the desk tries again then.",
                until=until,
                platform=Platform.X,
            )
        if status == 401:
            raise AuthExpired(
                "X refused the account's keys (wrong, revoked or expired). Reconnect the X account.",
                platform=Platform.X,
            )
        if status == 403 and "Unsupported Authentication" in response.text:
            raise AuthExpired(
                "X needs user keys (OAuth 1.0a) for this; reconnect the account with its access token.",
                platform=Platform.X,
            )
        if 400 <= status < 500:
            raise Rejected(f"X refused: {message}", platform=Platform.X, platform_code=str(status))
        if write:
            raise Unconfirmed(
                f"X answered {status} while {_action(endpoint)}; it may have been done anyway. "
                "Check before sending again.",
                platform=Platform.X,
            )
        raise Transient(
            f"X is having trouble ({status} while {_action(endpoint)}); try again shortly.", platform=Platform.X
        )

    def _network_failure(self, endpoint: str, exc: Exception, *, write: bool) -> NoReturn:
        import requests
        from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

        reason = exc.args[0] if exc.args else None
        inner = getattr(reason, "reason", reason)
        never_sent = isinstance(exc, requests.exceptions.ConnectTimeout) or isinstance(
            inner, NewConnectionError | ConnectTimeoutError
        )
        if write and not never_sent:
            raise Unconfirmed(
                f"The connection to X broke while {_action(endpoint)}; it may have gone through. "
                "Check before sending again.",
                platform=Platform.X,
            ) from None
        raise Transient(
            f"Could not reach X while {_action(endpoint)} ({type(exc).__name__}); "
            "check the network and try again shortly.",
            platform=Platform.X,
        ) from None

    def _call(self, endpoint: str, fn: Callable[[], requests.Response], *, write: bool = False) -> dict[str, Any]:
        """Run one request and return its JSON body; only connector errors escape."""
        import requests
        import tweepy

        try:
            response = fn()
        except tweepy.HTTPException as exc:
            self._record_limits(endpoint, exc.response.headers)
            self._fail(endpoint, exc.response, write=write)
        except requests.exceptions.RequestException as exc:
            self._network_failure(endpoint, exc, write=write)
        except tweepy.TweepyException as exc:
            raise Rejected(f"X call could not be made: {exc}", platform=Platform.X) from None
        self._record_limits(endpoint, response.headers)
        if not 200 <= response.status_code < 300:
            self._fail(endpoint, response, write=write)
        if response.status_code == 204 or not response.content:
            return {}
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            if write:
                raise Unconfirmed(
                    f"X took the request while {_action(endpoint)} but its answer could not be read. "
                    "Check before sending again.",
                    platform=Platform.X,
                )
            raise Transient(
                f"X sent an unreadable answer while {_action(endpoint)}; try again shortly.", platform=Platform.X
            )
        return body

    def _raw(self, method: str, path: str, endpoint: str, **kwargs: Any) -> dict[str, Any]:
        """A signed request outside tweepy (media upload)."""
        return self._call(endpoint, lambda: self.media_session.request(method, REAL_BASE + path, **kwargs))

    def rate_limits(self) -> Sequence[RateLimitState]:
        """The budgets X reported on the latest calls."""
        with self._lock:
            return list(self._limits.values())

    # --- reading ------------------------------------------------------------------------------------------------

    def verify(self) -> AccountProfile:
        """Check the keys and learn who the account is."""
        body = self._call("GET /2/users/me", lambda: self.client.get_me(user_auth=True))
        data = body.get("data")
        if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
            raise Transient("X's answer about the account could not be read; try again.", platform=Platform.X)
        self.user_id = data["id"]
        self.handle = str(data.get("username") or self.handle)
        return AccountProfile(
            platform_account_id=data["id"],
            handle=self.handle,
            display_name=str(data.get("name") or self.handle),
            url=f"https://x.com/{self.handle}",
        )

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        """Mentions (and replies) or DMs since ``cursor``; oldest first within the page."""
        if stream is Stream.COMMENTS:
            return FetchResult((), cursor)  # on X, replies arrive as mentions
        since, token, top, walked = parse_cursor(cursor)
        if stream is Stream.MENTIONS:
            params: dict[str, Any] = {
                "max_results": min(max(limit, 5), 100),
                "expansions": EXPANSIONS,
                "tweet_fields": TWEET_FIELDS,
                "user_fields": USER_FIELDS,
                "media_fields": MEDIA_FIELDS,
            }
            if since:
                params["since_id"] = since
            if token:
                params["pagination_token"] = token
            body = self._call(
                "GET /2/users/:id/mentions",
                lambda: self.client.get_users_mentions(self.user_id, user_auth=True, **params),
            )
            records, bad, seen = parse_page(body, self.user_id, stream)
            finished = not (body.get("meta") or {}).get("next_token")
        else:
            params = {
                "max_results": min(max(limit, 1), 100),
                "dm_event_fields": DM_FIELDS,
                "expansions": ["sender_id", "attachments.media_keys"],
                "user_fields": USER_FIELDS,
                "media_fields": MEDIA_FIELDS,
                "event_types": "MessageCreate",
            }
            if token:
                params["pagination_token"] = token
            body = self._call(
                "GET /2/dm_events", lambda: self.client.get_direct_message_events(user_auth=True, **params)
            )
            records, bad, seen = parse_page(body, self.user_id, stream)
            floor = int(since) if since else 0
            reached = any(int(i) <= floor for i in seen)
            records = [r for r in records if int(r.raw.get("id", r.platform_item_id)) > floor]
            finished = reached or not seen or not (body.get("meta") or {}).get("next_token")
        newest = max([top, *(int(i) for i in seen)])
        walked += len(seen)
        next_token = (body.get("meta") or {}).get("next_token")
        unreachable = False
        if finished or not isinstance(next_token, str):
            new_cursor = str(newest) if newest else cursor
            has_more = False
            # A walk that ends after X's full depth has hit the floor of the timeline, not the cursor:
            # older mentions (back to ``since``) exist beyond what X will serve.
            unreachable = stream is Stream.MENTIONS and walked >= MENTIONS_REACH
        else:
            new_cursor = walk_cursor(since, next_token, newest, walked)
            has_more = True
        records.sort(key=lambda r: int(r.raw.get("id", r.platform_item_id)))
        return FetchResult(
            tuple(records), new_cursor, has_more=has_more, quarantined=tuple(bad), history_unreachable=unreachable
        )

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        """A page of a feed column, newest first."""
        common: dict[str, Any] = {
            "expansions": ["author_id"],
            "tweet_fields": ["author_id", "created_at", "conversation_id", "public_metrics", "referenced_tweets"],
            "user_fields": USER_FIELDS,
        }
        if column.kind is FeedKind.SEARCH:
            query = (column.query or "").strip()
            if not query:
                raise Rejected("A search column needs a query or a hashtag.", platform=Platform.X)
            params = {**common, "max_results": min(max(limit, 10), 100)}
            if cursor:
                params["next_token"] = cursor
            body = self._call(
                "GET /2/tweets/search/recent",
                lambda: self.client.search_recent_tweets(query, user_auth=True, **params),
            )
        else:
            params = {**common, "max_results": min(max(limit, 5), 100)}
            if cursor:
                params["pagination_token"] = cursor
            calls: dict[FeedKind, tuple[str, Callable[[], requests.Response]]] = {
                FeedKind.OWN_POSTS: (
                    "GET /2/users/:id/tweets",
                    lambda: self.client.get_users_tweets(self.user_id, user_auth=True, **params),
                ),
                FeedKind.HOME: (
                    "GET /2/users/:id/timelines/reverse_chronological",
                    lambda: self.client.get_home_timeline(user_auth=True, **params),
                ),
                FeedKind.MENTIONS: (
                    "GET /2/users/:id/mentions",
                    lambda: self.client.get_users_mentions(self.user_id, user_auth=True, **params),
                ),
            }
            endpoint, fn = calls[column.kind]
            body = self._call(endpoint, fn)
        users, _ = index_includes(body.get("includes"))
        posts = []
        for item in body.get("data") or []:
            try:
                posts.append(parse_feed_post(item, users))
            except (ValueError, TypeError, AttributeError):
                continue  # a feed column shows what it can; the inbox quarantines, a feed skips
        next_token = (body.get("meta") or {}).get("next_token")
        return FeedPage(tuple(posts), next_token if isinstance(next_token, str) else None)

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        """Engagement of the force's own posts (non-public impressions where X gives them)."""
        out: dict[str, Metrics] = {}
        ids = [p for p in dict.fromkeys(post_ids) if p.isdigit()]
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            try:
                body = self._call(
                    "GET /2/tweets",
                    partial(self.client.get_tweets, chunk, user_auth=True, tweet_fields=["public_metrics", *PRIVATE]),
                )
            except Rejected:
                # X refuses non-public metrics for posts older than 30 days: fall back to the public ones.
                body = self._call(
                    "GET /2/tweets",
                    partial(self.client.get_tweets, chunk, user_auth=True, tweet_fields=["public_metrics"]),
                )
            for item in body.get("data") or []:
                if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                    out[item["id"]] = parse_metrics(item)
        return out

    # --- writing ------------------------------------------------------------------------------------------------

    def _check_media(self, media: Sequence[MediaUpload]) -> None:
        caps = self.capabilities
        kinds = []
        for m in media:
            if m.mime_type in caps.video_types:
                kinds.append("video")
                limit = caps.video_max_bytes
            elif m.mime_type == "image/gif":
                kinds.append("gif")
                limit = GIF_MAX_BYTES
            elif m.mime_type in caps.image_types:
                kinds.append("image")
                limit = caps.image_max_bytes
            else:
                raise Rejected(
                    f"X does not take {m.mime_type} files; use JPEG, PNG, GIF, WebP or MP4.", platform=Platform.X
                )
            if len(m.data) > limit:
                raise Rejected(
                    f"{m.filename} is {len(m.data):,} bytes; X takes at most {limit:,}.", platform=Platform.X
                )
            if len(m.alt_text) > caps.alt_text_limit:
                raise Rejected(
                    f"The description of {m.filename} is longer than {caps.alt_text_limit} characters.",
                    platform=Platform.X,
                )
        if len(kinds) > caps.max_images or (len(kinds) > 1 and any(k != "image" for k in kinds)):
            raise Rejected("An X post carries up to 4 images, or 1 GIF, or 1 video.", platform=Platform.X)

    def upload_media(self, media: MediaUpload) -> str:
        """Upload one file through v2 media upload (initialize, append, finalize, status) and set its alt text."""
        if media.mime_type == "image/gif":
            category = "tweet_gif"
        elif media.mime_type.startswith("video/"):
            category = "tweet_video"
        else:
            category = "tweet_image"
        init = self._raw(
            "POST",
            "/2/media/upload/initialize",
            "POST /2/media/upload/initialize",
            json={"media_type": media.mime_type, "total_bytes": len(media.data), "media_category": category},
        )
        media_id = str((init.get("data") or {}).get("id") or "")
        if not media_id.isdigit():
            raise Transient("X did not start the upload; try again.", platform=Platform.X)
        for index, start in enumerate(range(0, len(media.data), CHUNK_BYTES)):
            chunk = media.data[start : start + CHUNK_BYTES]
            self._raw(
                "POST",
                f"/2/media/upload/{media_id}/append",
                "POST /2/media/upload/:id/append",
                files={"media": (media.filename, chunk, "application/octet-stream")},
                data={"segment_index": str(index)},
            )
        done = self._raw("POST", f"/2/media/upload/{media_id}/finalize", "POST /2/media/upload/:id/finalize")
        info = (done.get("data") or {}).get("processing_info")
        polls = 0
        while isinstance(info, Mapping) and info.get("state") in ("pending", "in_progress"):
            polls += 1
            if polls > MAX_STATUS_POLLS:
                raise Transient("X is still processing the video; try again later.", platform=Platform.X)
            wait = info.get("check_after_secs")
            self.clock.sleep(float(wait) if isinstance(wait, int | float) and wait > 0 else 1.0)
            status = self._raw(
                "GET", "/2/media/upload", "GET /2/media/upload", params={"media_id": media_id, "command": "STATUS"}
            )
            info = (status.get("data") or {}).get("processing_info")
        if isinstance(info, Mapping) and info.get("state") == "failed":
            error = info.get("error") or {}
            detail = error.get("message") if isinstance(error, Mapping) else None
            raise Rejected(
                f"X could not process {media.filename}: {detail or 'unsupported media'}.", platform=Platform.X
            )
        if media.alt_text:
            self._raw(
                "POST",
                "/2/media/metadata",
                "POST /2/media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": media.alt_text}}},
            )
        return media_id

    def publish(self, request: PublishRequest) -> PublishResult:
        """Post, reply or quote, with media; ``Unconfirmed`` when X's answer never came."""
        length = weighted_length(request.text)
        if length > TEXT_LIMIT:
            raise Rejected(
                f"The post is {length} characters as X counts them (links 23, emoji and CJK 2); the limit is 280.",
                platform=Platform.X,
            )
        if not request.text.strip() and not request.media:
            raise Rejected("An X post needs text or media.", platform=Platform.X)
        self._check_media(request.media)
        policy = request.reply_policy
        if policy not in (None, ReplyPolicy.EVERYONE, *REPLY_SETTINGS):
            raise Rejected(
                "X cannot close a post to all replies; choose 'mentioned accounts only' instead.", platform=Platform.X
            )
        media_ids = [self.upload_media(m) for m in request.media]
        kwargs: dict[str, Any] = {"text": request.text, "user_auth": True}
        if policy in REPLY_SETTINGS:
            kwargs["reply_settings"] = REPLY_SETTINGS[policy]
        if media_ids:
            kwargs["media_ids"] = media_ids
        if request.reply_to_id:
            kwargs["in_reply_to_tweet_id"] = request.reply_to_id
        if request.quote_id:
            kwargs["quote_tweet_id"] = request.quote_id
        body = self._call("POST /2/tweets", lambda: self.client.create_tweet(**kwargs), write=True)
        post_id = str((body.get("data") or {}).get("id") or "")
        if not post_id.isdigit():
            raise Unconfirmed(
                "X accepted the post but did not say its id. Check before sending again.", platform=Platform.X
            )
        return PublishResult(
            post_id, post_url(self.handle, post_id), self.clock.now(), {"media_ids": ",".join(media_ids)}
        )

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        """Reply in a DM conversation (or open one with ``recipient_id``)."""
        if not request.text.strip():
            raise Rejected("A direct message needs text.", platform=Platform.X)
        if len(request.text) > DM_TEXT_LIMIT:
            raise Rejected(f"X direct messages hold at most {DM_TEXT_LIMIT:,} characters.", platform=Platform.X)
        if request.conversation_key:
            conversation = request.conversation_key
            body = self._call(
                "POST /2/dm_conversations/:id/messages",
                lambda: self.client.create_direct_message(
                    dm_conversation_id=conversation, text=request.text, user_auth=True
                ),
                write=True,
            )
        elif request.recipient_id:
            body = self._call(
                "POST /2/dm_conversations/with/:id/messages",
                lambda: self.client.create_direct_message(
                    participant_id=request.recipient_id, text=request.text, user_auth=True
                ),
                write=True,
            )
        else:
            raise Rejected("A direct message needs a conversation or a recipient.", platform=Platform.X)
        data = body.get("data") or {}
        event_id = str(data.get("dm_event_id") or "")
        if not event_id.isdigit():
            raise Unconfirmed(
                "X accepted the message but did not say its id. Check before sending again.", platform=Platform.X
            )
        return PublishResult(
            event_id, None, self.clock.now(), {"dm_conversation_id": str(data.get("dm_conversation_id") or "")}
        )

    def find_published(self, idempotency_key: str, text: str, since: datetime) -> PublishResult | None:
        """Whether an unconfirmed post went out: X has no idempotency key, so look for the text among own posts."""
        wanted = comparable_text(text)
        start = (since - timedelta(minutes=2)).astimezone(UTC)
        token: str | None = None
        for _ in range(5):
            params: dict[str, Any] = {"max_results": 100, "tweet_fields": ["created_at"], "start_time": start}
            if token:
                params["pagination_token"] = token
            body = self._call(
                "GET /2/users/:id/tweets", partial(self.client.get_users_tweets, self.user_id, user_auth=True, **params)
            )
            for item in body.get("data") or []:
                if not isinstance(item, Mapping) or not isinstance(item.get("text"), str):
                    continue
                if comparable_text(item["text"]) == wanted:
                    post_id = str(item.get("id"))
                    created = parse_time(item.get("created_at"), post_id)
                    return PublishResult(post_id, post_url(self.handle, post_id), created)
            meta_token = (body.get("meta") or {}).get("next_token")
            if not isinstance(meta_token, str):
                return None
            token = meta_token
        return None

    def delete(self, post_id: str) -> None:
        """Delete one of the force's posts; deleting one already gone is not an error."""
        self._call("DELETE /2/tweets/:id", lambda: self.client.delete_tweet(post_id, user_auth=True), write=True)

    def hide_reply(self, item_id: str, hidden: bool = True) -> None:
        """Hide (or show again) a reply to one of the force's posts."""
        endpoint = "PUT /2/tweets/:id/hidden"
        if hidden:
            self._call(endpoint, lambda: self.client.hide_reply(item_id, user_auth=True), write=True)
        else:
            self._call(endpoint, lambda: self.client.unhide_reply(item_id, user_auth=True), write=True)
