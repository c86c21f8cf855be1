"""Mastodon connector over Mastodon.py: mentions and direct messages in, posts and replies out.

Mastodon.py is imported lazily (inside the connector) so that reading :data:`CAPABILITIES` costs nothing.
Instances differ: the text limit and URL weight are read from ``/api/v2/instance`` on :meth:`verify`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import requests

from connectors.transport import HttpSettings, new_session
from desk.clock import Clock
from desk.ports import (
    AccountProfile,
    AccountRef,
    Attachment,
    AuthExpired,
    Capabilities,
    ConnectorError,
    DirectMessageRequest,
    FeedColumnSpec,
    FeedKind,
    FeedPage,
    FeedPost,
    FetchResult,
    InboundRecord,
    ItemKind,
    Metrics,
    Platform,
    PublishRequest,
    PublishResult,
    Quarantined,
    RateLimited,
    RateLimitState,
    Rejected,
    Stream,
    TextCounting,
    Transient,
    Unconfirmed,
)

CAPABILITIES = Capabilities(
    platform=Platform.MASTODON,
    text_limit=500,
    counting=TextCounting.MASTODON,
    url_length=23,
    max_images=4,
    max_videos=1,
    image_max_bytes=16 * 1024 * 1024,
    video_max_bytes=99 * 1024 * 1024,
    image_types=("image/jpeg", "image/png", "image/gif", "image/webp"),
    video_types=("video/mp4",),
    alt_text_limit=1500,
    threads=True,
    direct_messages=True,
    hide_replies=False,
    content_warning=True,
    idempotency_keys=True,
)

T = TypeVar("T")
MEDIA_POLLS = 10  # how many times to ask whether an uploaded video finished processing
STATUS_PAGE_MAX = 40
NOTIFICATION_PAGE_MAX = 80


# --- parsing (pure functions, also run on the real recordings) -------------------------------------------


class _TextExtractor(HTMLParser):
    """Mastodon sends status content as HTML; officers read plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._paragraphs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p":
            if self._paragraphs:
                self.parts.append("\n\n")
            self._paragraphs += 1

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def parse_html_text(content: str) -> str:
    """Plain text of HTML through the standard library's parser: right for any HTML, but slow."""
    parser = _TextExtractor()
    parser.feed(content)
    parser.close()
    return "".join(parts for parts in parser.parts).strip()


# A start or end tag as Mastodon writes them: a name, then attributes (quoted values may hold ``>``).
_TAG_RE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*)?/?>""")
# Elements whose content the parser reads raw: anything holding them goes the slow way.
_RAW_TEXT = frozenset({"script", "style"})


def html_to_text(content: str) -> str:
    """Plain text of a status's HTML ``content`` (paragraphs become blank lines).

    Status HTML is simple (``p``, ``br``, ``a``, ``span``), so a tag scanner reads it several times faster
    than ``HTMLParser``; anything it does not fully recognise (comments, raw-text elements, a stray ``<``)
    is handed to the parser, so the text is always what the parser would give."""
    if "<" not in content:
        return html.unescape(content).strip()
    parts: list[str] = []
    paragraphs = 0
    pos = 0
    for match in _TAG_RE.finditer(content):
        data = content[pos : match.start()]
        if "<" in data:
            return parse_html_text(content)
        if data:
            parts.append(html.unescape(data))  # chunk by chunk, as the parser does: no entity spans a tag
        pos = match.end()
        if match.group(1):
            continue
        tag = match.group(2).lower()
        if tag == "br":
            parts.append("\n")
        elif tag == "p":
            if paragraphs:
                parts.append("\n\n")
            paragraphs += 1
        elif tag in _RAW_TEXT:
            return parse_html_text(content)
    tail = content[pos:]
    if "<" in tail:
        return parse_html_text(content)
    parts.append(html.unescape(tail))
    return "".join(parts).strip()


def parse_time(value: Any) -> datetime:
    """A Mastodon timestamp (ISO string or an already parsed datetime) in UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value:
        raise ValueError(f"not a timestamp: {value!r}")
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _str_id(value: Any) -> str:
    if value is None or value == "":
        raise ValueError("missing id")
    return str(value)


def _opt_id(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _mime_of(media: Mapping[str, Any]) -> str | None:
    kind = media.get("type")
    return {"image": "image/jpeg", "gifv": "video/mp4", "video": "video/mp4", "audio": "audio/mpeg"}.get(str(kind))


def parse_attachments(status: Mapping[str, Any]) -> tuple[Attachment, ...]:
    """The media of a status as desk attachments."""
    out: list[Attachment] = []
    for media in status.get("media_attachments") or []:
        url = media.get("url") or media.get("remote_url") or media.get("preview_url")
        if not url:
            continue
        out.append(
            Attachment(
                url=str(url),
                mime_type=_mime_of(media),
                alt_text=media.get("description") or None,
                sensitive=bool(status.get("sensitive")),
            )
        )
    return tuple(out)


def to_jsonable(value: Any) -> Any:
    """Mastodon.py results hold datetimes; make a JSON-safe copy for ``raw`` and quarantine."""
    return json.loads(json.dumps(value, default=str))


def parse_status_record(
    status: Mapping[str, Any],
    *,
    own_account_id: str | None,
    kind: ItemKind | None = None,
    conversation_key: str | None = None,
) -> InboundRecord:
    """A citizen's status as an :class:`InboundRecord`; raises ValueError, KeyError or TypeError if malformed."""
    account = status["account"]
    status_id = _str_id(status["id"])
    reply_to = _opt_id(status.get("in_reply_to_id"))
    if kind is None:
        if status.get("visibility") == "direct":
            kind = ItemKind.DIRECT
        elif reply_to and own_account_id and _opt_id(status.get("in_reply_to_account_id")) == own_account_id:
            kind = ItemKind.REPLY
        else:
            kind = ItemKind.MENTION
    content = status.get("content")
    if not isinstance(content, str):
        raise TypeError("status content is not text")
    text = html_to_text(content)
    spoiler = status.get("spoiler_text") or ""
    if spoiler:
        text = f"[CW: {spoiler}] {text}"
    edited = status.get("edited_at")
    author_id = _str_id(account["id"])
    return InboundRecord(
        platform=Platform.MASTODON,
        platform_item_id=status_id,
        kind=kind,
        conversation_key=conversation_key or reply_to or status_id,
        author_id=author_id,
        author_handle=str(account["acct"]),
        author_name=str(account.get("display_name") or account.get("username") or account["acct"]),
        text=text,
        created_at=parse_time(status["created_at"]),
        lang=status.get("language") or None,
        in_reply_to_id=reply_to,
        url=status.get("url") or status.get("uri") or None,
        attachments=parse_attachments(status),
        edited_at=parse_time(edited) if edited else None,
        from_account=own_account_id is not None and author_id == own_account_id,
        raw=status if type(status) is dict else to_jsonable(status),  # plain JSON needs no copy
    )


def parse_notification(
    note: Mapping[str, Any], *, own_account_id: str | None, conversation_key: str | None = None
) -> InboundRecord:
    """A ``mention`` notification as an :class:`InboundRecord` (the status carries the content)."""
    if note.get("type") != "mention":
        raise ValueError(f"not a mention notification: {note.get('type')!r}")
    status = note.get("status")
    if not isinstance(status, Mapping):
        raise ValueError("mention notification without a status")
    return parse_status_record(status, own_account_id=own_account_id, conversation_key=conversation_key)


def parse_feed_post(status: Mapping[str, Any]) -> FeedPost:
    """A status as a feed post with its engagement figures."""
    if status.get("reblog"):
        status = status["reblog"]
    return FeedPost(
        platform=Platform.MASTODON,
        post_id=_str_id(status["id"]),
        author_handle=str(status["account"]["acct"]),
        author_name=str(status["account"].get("display_name") or status["account"]["acct"]),
        text=html_to_text(str(status.get("content") or "")),
        created_at=parse_time(status["created_at"]),
        url=status.get("url") or None,
        in_reply_to_id=_opt_id(status.get("in_reply_to_id")),
        metrics=parse_metrics(status),
    )


def parse_metrics(status: Mapping[str, Any]) -> Metrics:
    """Engagement figures of a status."""
    return Metrics(
        likes=int(status.get("favourites_count") or 0),
        reposts=int(status.get("reblogs_count") or 0),
        replies=int(status.get("replies_count") or 0),
        quotes=int(status["quotes_count"]) if status.get("quotes_count") is not None else None,
    )


def parse_instance_capabilities(instance: Mapping[str, Any], base: Capabilities = CAPABILITIES) -> Capabilities:
    """Refine the default capabilities from an instance document (v2 or v1)."""
    config = instance.get("configuration") or {}
    statuses = config.get("statuses") or {}
    media = config.get("media_attachments") or {}
    changes: dict[str, Any] = {}
    if isinstance(statuses.get("max_characters"), int):
        changes["text_limit"] = statuses["max_characters"]
    if isinstance(statuses.get("characters_reserved_per_url"), int):
        changes["url_length"] = statuses["characters_reserved_per_url"]
    if isinstance(statuses.get("max_media_attachments"), int):
        changes["max_images"] = statuses["max_media_attachments"]
    if isinstance(media.get("image_size_limit"), int):
        changes["image_max_bytes"] = media["image_size_limit"]
    if isinstance(media.get("video_size_limit"), int):
        changes["video_max_bytes"] = media["video_size_limit"]
    if isinstance(media.get("description_limit"), int):
        changes["alt_text_limit"] = media["description_limit"]
    return replace(base, **changes)


def parse_reset(value: str | None) -> datetime | None:
    """``X-RateLimit-Reset``: an ISO timestamp on Mastodon (epoch seconds on some other servers)."""
    if not value:
        return None
    try:
        if value.isdigit():
            return datetime.fromtimestamp(int(value), UTC)
        return parse_time(value)
    except ValueError:
        return None


_WS = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


# --- the connector -------------------------------------------------------------------------------------


class MastodonConnector:
    """One Mastodon account, through Mastodon.py."""

    def __init__(
        self, account: AccountRef, credentials: Mapping[str, str], *, clock: Clock, http: HttpSettings
    ) -> None:
        """Build the client; no network call happens here."""
        from mastodon import Mastodon

        token = credentials.get("access_token")
        if not token:
            raise AuthExpired("No Mastodon access token is stored for this account.", platform=Platform.MASTODON)
        self.account = account
        self.capabilities = CAPABILITIES
        self.clock = clock
        self.http = http
        self._limits: dict[str, RateLimitState] = {}
        self._own_id: str | None = account.platform_account_id
        self._roots: dict[str, str] = {}
        session = new_session(http)
        session.hooks["response"].append(self._on_response)
        self._session = session
        self._api: Any = Mastodon(
            access_token=token,
            api_base_url=account.base_url.rstrip("/"),
            ratelimit_method="throw",
            request_timeout=http.timeout,
            session=session,
            user_agent=http.user_agent,
            version_check_mode="none",
        )

    # --- plumbing ---------------------------------------------------------------------------------

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        headers = response.headers
        if "X-RateLimit-Limit" not in headers:
            return
        try:
            limit = int(headers["X-RateLimit-Limit"])
            remaining = int(headers.get("X-RateLimit-Remaining", "0"))
        except ValueError:
            return
        reset = parse_reset(headers.get("X-RateLimit-Reset")) or self.clock.now() + timedelta(minutes=5)
        path = urlsplit(response.url).path
        endpoint = "media" if "/media" in path and response.request.method == "POST" else "all"
        self._limits[endpoint] = RateLimitState(endpoint, limit, remaining, reset)

    def _call(self, action: str, fn: Callable[[], T], *, sending: bool = False) -> T:
        """Run one SDK call and translate every failure into the closed set of connector errors."""
        from mastodon.errors import (
            MastodonAPIError,
            MastodonError,
            MastodonIllegalArgumentError,
            MastodonNetworkError,
            MastodonNotFoundError,
            MastodonRatelimitError,
            MastodonServerError,
            MastodonUnauthorizedError,
        )

        p = Platform.MASTODON
        try:
            return fn()
        except MastodonUnauthorizedError as exc:
            raise AuthExpired(
                f"Mastodon refused the access token while trying to {action}: reconnect the account.", platform=p
            ) from exc
        except MastodonRatelimitError as exc:
            limits = [s for s in self._limits.values() if s.remaining == 0]
            until = max((s.reset_at for s in limits), default=self.clock.now() + timedelta(minutes=5))
            raise RateLimited(
                f"Mastodon rate limit reached while trying to {action}.", until=until, platform=p
            ) from exc
        except MastodonNetworkError as exc:
            cause = exc.__context__
            nothing_sent = isinstance(cause, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError) or (
                isinstance(cause, requests.exceptions.ConnectionError) and "NewConnectionError" in repr(cause)
            )
            if sending and not nothing_sent:
                raise Unconfirmed(
                    f"The connection to Mastodon broke while trying to {action}; it may have gone through. "
                    "Check the account before sending again.",
                    platform=p,
                ) from exc
            raise Transient(f"Could not reach Mastodon to {action}: {cause or exc}", platform=p) from exc
        except MastodonNotFoundError as exc:
            raise Rejected(
                f"Mastodon could not find it ({action}): it may have been deleted.", platform=p, platform_code="404"
            ) from exc
        except MastodonServerError as exc:
            status = exc.args[1] if len(exc.args) > 1 else None
            if sending and status not in (503,):
                raise Unconfirmed(
                    f"Mastodon answered {status} while trying to {action}; it may have gone through. "
                    "Check the account before sending again.",
                    platform=p,
                ) from exc
            raise Transient(f"Mastodon had a server error ({status}) while trying to {action}.", platform=p) from exc
        except MastodonAPIError as exc:
            status = exc.args[1] if len(exc.args) > 1 else None
            detail = exc.args[3] if len(exc.args) > 3 and exc.args[3] else "no reason given"
            if status == 429:
                raise RateLimited(
                    f"Mastodon rate limit reached while trying to {action}.",
                    until=self.clock.now() + timedelta(minutes=5),
                    platform=p,
                ) from exc
            raise Rejected(f"Mastodon refused to {action}: {detail}", platform=p, platform_code=str(status)) from exc
        except MastodonIllegalArgumentError as exc:
            raise Rejected(f"Mastodon could not {action}: {exc}", platform=p) from exc
        except MastodonError as exc:
            if sending:
                raise Unconfirmed(
                    f"Unexpected answer from Mastodon while trying to {action}: {exc}", platform=p
                ) from exc
            raise Transient(f"Unexpected answer from Mastodon while trying to {action}: {exc}", platform=p) from exc
        except ConnectorError:
            raise
        except Exception as exc:  # an SDK surprise must still leave as one of the closed set
            if sending:
                raise Unconfirmed(
                    f"Unreadable answer from Mastodon while trying to {action}: {exc}", platform=p
                ) from exc
            raise Transient(f"Unreadable answer from Mastodon while trying to {action}: {exc}", platform=p) from exc

    def _get_json(self, action: str, endpoint: str, params: Mapping[str, Any]) -> Any:
        """GET through Mastodon.py's request path (auth, rate-limit headers, error mapping) but skip its
        model casting: on an 80-item notifications page the casting took over a second of CPU, the
        parsing here takes milliseconds, and our parsers read plain JSON anyway."""
        clean = {k: v for k, v in params.items() if v is not None}
        request = self._api._Mastodon__api_request
        response = self._call(action, lambda: request("GET", endpoint, clean, return_response_object=True))
        try:
            return response.json()
        except ValueError as exc:
            raise Transient(
                f"Mastodon answered {action} with something that is not JSON.", platform=Platform.MASTODON
            ) from exc

    def _own_account_id(self) -> str:
        if self._own_id is None:
            me = self._call("check the account", self._api.account_verify_credentials)
            self._own_id = str(me["id"])
        return self._own_id

    def _root_of(self, status_id: str, in_reply_to_id: str | None) -> str:
        """The id of the thread's first status (one context call per unknown thread, then cached)."""
        if in_reply_to_id is None:
            return status_id
        if status_id in self._roots:
            return self._roots[status_id]
        root = self._roots.get(in_reply_to_id)
        if root is None:
            try:
                context = self._call("read a thread", lambda: self._api.status_context(status_id))
                ancestors = context.get("ancestors") or []
                root = str(ancestors[0]["id"]) if ancestors else in_reply_to_id
            except (ConnectorError, KeyError, TypeError):
                # Without the context the parent still groups the thread well enough.
                root = in_reply_to_id
            self._roots[in_reply_to_id] = root
        self._roots[status_id] = root
        return root

    # --- the port ---------------------------------------------------------------------------------

    def verify(self) -> AccountProfile:
        """Check the token, learn the account and the instance's limits."""
        me = self._call("check the account", self._api.account_verify_credentials)
        self._own_id = str(me["id"])
        try:
            instance = self._call("read the instance's limits", self._api.instance_v2)
            self.capabilities = parse_instance_capabilities(instance)
        except Rejected:
            instance = self._call("read the instance's limits", self._api.instance_v1)
            self.capabilities = parse_instance_capabilities(instance)
        return AccountProfile(
            platform_account_id=self._own_id,
            handle=str(me["acct"]),
            display_name=str(me.get("display_name") or me["username"]),
            url=me.get("url"),
        )

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        """Mention notifications after ``cursor``; MENTIONS skips direct ones, DIRECT keeps only them."""
        if stream not in (Stream.MENTIONS, Stream.DIRECT):
            return FetchResult(records=(), cursor=cursor)
        own = self._own_account_id()
        page_size = max(1, min(limit, NOTIFICATION_PAGE_MAX))
        page = self._get_json(
            "read mentions",
            "/api/v1/notifications",
            {"types[]": ["mention"], "min_id": cursor or "0", "limit": page_size},
        )
        if not isinstance(page, list):
            raise Transient("Mastodon's notifications answer is not a list.", platform=Platform.MASTODON)
        notes = sorted(
            (n for n in page if isinstance(n, Mapping)),
            key=lambda n: int(n["id"]) if str(n.get("id", "")).isdigit() else 0,
        )
        records: list[InboundRecord] = []
        quarantined: list[Quarantined] = []
        next_cursor = cursor
        for note in notes:
            note_id = str(note.get("id", ""))
            if note_id.isdigit() and (next_cursor is None or int(note_id) > int(next_cursor)):
                next_cursor = note_id
            try:
                status = note.get("status") or {}
                direct = status.get("visibility") == "direct"
                if direct != (stream is Stream.DIRECT):
                    continue
                key = self._root_of(_str_id(status.get("id")), _opt_id(status.get("in_reply_to_id")))
                records.append(parse_notification(note, own_account_id=own, conversation_key=key))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                quarantined.append(Quarantined(stream, f"unreadable Mastodon notification: {exc}", _dump(note)))
        return FetchResult(
            records=tuple(records),
            cursor=next_cursor,
            has_more=len(notes) >= page_size,
            quarantined=tuple(quarantined),
        )

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        """Own posts, home timeline, mentions, or a hashtag/search column, newest first."""
        size = max(1, min(limit, STATUS_PAGE_MAX))
        statuses: Any
        if column.kind is FeedKind.OWN_POSTS:
            own = self._own_account_id()
            statuses = self._get_json(
                "read own posts", f"/api/v1/accounts/{own}/statuses", {"max_id": cursor, "limit": size}
            )
        elif column.kind is FeedKind.HOME:
            statuses = self._get_json(
                "read the home timeline", "/api/v1/timelines/home", {"max_id": cursor, "limit": size}
            )
        elif column.kind is FeedKind.MENTIONS:
            notes = self._get_json(
                "read mentions", "/api/v1/notifications", {"types[]": ["mention"], "max_id": cursor, "limit": size}
            )
            posts = []
            for note in notes if isinstance(notes, list) else []:
                try:
                    posts.append(parse_feed_post(note["status"]))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
            next_cursor = str(notes[-1]["id"]) if isinstance(notes, list) and len(notes) >= size else None
            return FeedPage(posts=tuple(posts), cursor=next_cursor)
        else:
            query = (column.query or "").strip()
            if not query:
                raise Rejected("A search column needs a query or a hashtag.", platform=Platform.MASTODON)
            if query.startswith("#") or re.fullmatch(r"\w+", query):
                tag = quote(query.lstrip("#"), safe="")
                statuses = self._get_json(
                    "read the hashtag", f"/api/v1/timelines/tag/{tag}", {"max_id": cursor, "limit": size}
                )
            else:
                found = self._get_json(
                    "search",
                    "/api/v2/search",
                    {"q": query, "type": "statuses", "max_id": cursor, "limit": size, "resolve": "false"},
                )
                statuses = list(found.get("statuses") or []) if isinstance(found, dict) else []
        if not isinstance(statuses, list):
            raise Transient("Mastodon's timeline answer is not a list.", platform=Platform.MASTODON)
        posts = []
        for status in statuses:
            try:
                posts.append(parse_feed_post(status))
            except (ValueError, KeyError, TypeError):
                continue  # a feed column is a view: an unreadable post is skipped, the inbox quarantines
        next_cursor = str(statuses[-1]["id"]) if len(statuses) >= size else None
        return FeedPage(posts=tuple(posts), cursor=next_cursor)

    def _upload(self, media: Any) -> str:
        uploaded = self._call(
            "upload the image",
            lambda: self._api.media_post(
                media.data, mime_type=media.mime_type, description=media.alt_text or None, file_name=media.filename
            ),
        )
        polls = 0
        while uploaded.get("url") is None and polls < MEDIA_POLLS:
            # 202: still processing; Mastodon refuses to attach it until it is done.
            self.clock.sleep(1.0)
            uploaded = self._call("check the upload", _bind(self._api.media, str(uploaded["id"])))
            polls += 1
        if uploaded.get("url") is None:
            raise Transient("Mastodon is still processing the upload; try again shortly.", platform=Platform.MASTODON)
        return str(uploaded["id"])

    def _post(
        self,
        text: str,
        *,
        key: str,
        visibility: str,
        reply_to: str | None = None,
        media_ids: list[str] | None = None,
        spoiler: str | None = None,
        lang: str | None = None,
    ) -> PublishResult:
        status = self._call(
            "publish the post",
            lambda: self._api.status_post(
                text,
                in_reply_to_id=reply_to,
                media_ids=media_ids or None,
                visibility=visibility,
                spoiler_text=spoiler or None,
                language=lang,
                idempotency_key=key,
            ),
            sending=True,
        )
        post_id = str(status["id"])
        if reply_to:
            self._roots[post_id] = self._roots.get(reply_to, reply_to)
        return PublishResult(
            platform_post_id=post_id,
            url=status.get("url"),
            published_at=parse_time(status["created_at"]),
            extra={"visibility": visibility},
        )

    def publish(self, request: PublishRequest) -> PublishResult:
        """Post or reply (public), with images and alt text; the idempotency key guards against doubles."""
        if request.quote_id:
            raise Rejected(
                "This Mastodon connector cannot quote posts; reply or link instead.", platform=Platform.MASTODON
            )
        media_ids = [self._upload(m) for m in request.media]
        return self._post(
            request.text,
            key=request.idempotency_key,
            visibility="public",
            reply_to=request.reply_to_id,
            media_ids=media_ids,
            spoiler=request.content_warning,
            lang=request.lang,
        )

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        """A direct-visibility reply in the thread, addressed to the citizen."""
        recipient = self._call("look up the recipient", lambda: self._api.account(request.recipient_id))
        acct = str(recipient["acct"])
        text = request.text if f"@{acct}".lower() in request.text.lower() else f"@{acct} {request.text}"
        return self._post(text, key=request.idempotency_key, visibility="direct", reply_to=request.conversation_key)

    def find_published(self, idempotency_key: str, text: str, since: datetime) -> PublishResult | None:
        """Look among the account's recent statuses for one with this text (Mastodon cannot look up keys)."""
        own = self._own_account_id()
        wanted = _normalise(text)
        statuses = self._get_json("look for the post", f"/api/v1/accounts/{own}/statuses", {"limit": STATUS_PAGE_MAX})
        for status in statuses:
            created = parse_time(status["created_at"])
            if created < since - timedelta(minutes=1):
                continue
            if _normalise(html_to_text(str(status.get("content") or ""))) == wanted:
                return PublishResult(str(status["id"]), status.get("url"), created)
        return None

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        """Favourites, boosts, replies and quotes of the force's posts; deleted posts are left out."""
        out: dict[str, Metrics] = {}
        for post_id in post_ids:
            try:
                status = self._call("read figures", _bind(self._api.status, post_id))
            except Rejected:
                continue
            out[post_id] = parse_metrics(status)
        return out

    def delete(self, post_id: str) -> None:
        """Delete one of the force's posts."""
        self._call("delete the post", lambda: self._api.status_delete(post_id))

    def hide_reply(self, item_id: str, hidden: bool = True) -> None:
        """Mastodon has no way to hide replies to one's post."""
        raise Rejected("Mastodon cannot hide replies; report or block the account instead.", platform=Platform.MASTODON)

    def rate_limits(self) -> Sequence[RateLimitState]:
        """Budgets from the latest ``X-RateLimit-*`` headers."""
        return tuple(self._limits.values())


def _dump(value: Any) -> str:
    try:
        return json.dumps(value, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _bind(fn: Callable[[str], T], arg: str) -> Callable[[], T]:
    return lambda: fn(arg)
