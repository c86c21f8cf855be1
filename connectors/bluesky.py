"""Bluesky connector over the atproto SDK: mentions and chat in, posts, replies and chat messages out.

The SDK is imported lazily. A session is created once per account and process (createSession is
limited to 30 per 5 minutes) and then kept alive with the refresh token; only when refreshing fails
does the connector log in again with the app password.

Inbound mentions walk ``listNotifications`` (newest first) back to the stored cursor in pages; each
page comes back oldest first, and the cursor remembers both the walk in progress and the newest item
seen, so a crash mid-walk resumes where it stopped.
"""

from __future__ import annotations

import json
import re
import ssl
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx

from connectors.transport import HttpSettings
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
    ReplyPolicy,
    Stream,
    TextCounting,
    Transient,
    Unconfirmed,
)

CAPABILITIES = Capabilities(
    platform=Platform.BLUESKY,
    text_limit=300,
    counting=TextCounting.GRAPHEMES,
    byte_limit=3000,
    max_images=4,
    max_videos=1,
    image_max_bytes=1_000_000,
    video_max_bytes=100_000_000,
    image_types=("image/jpeg", "image/png", "image/webp", "image/gif"),
    video_types=("video/mp4",),
    alt_text_limit=2000,
    threads=True,
    direct_messages=True,
    hide_replies=False,
    content_warning=False,
    idempotency_keys=False,
    reply_policies=(ReplyPolicy.EVERYONE, ReplyPolicy.MENTIONED, ReplyPolicy.FOLLOWING, ReplyPolicy.NOBODY),
)

T = TypeVar("T")
POST = "app.bsky.feed.post"
THREADGATE = "app.bsky.feed.threadgate"
# Who may reply, as threadgate rules: an empty list lets nobody reply.
GATE_RULES: dict[ReplyPolicy, list[dict[str, str]]] = {
    ReplyPolicy.MENTIONED: [{"$type": f"{THREADGATE}#mentionRule"}],
    ReplyPolicy.FOLLOWING: [{"$type": f"{THREADGATE}#followingRule"}],
    ReplyPolicy.NOBODY: [],
}
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
INBOUND_REASONS = ("mention", "reply", "quote")
_TOKEN_ERRORS = frozenset({"ExpiredToken", "InvalidToken"})
# One session per (service, identifier) in this process: connectors are cheap to rebuild, logins are not.
_SESSIONS: dict[tuple[str, str], str] = {}
_SESSIONS_LOCK = threading.Lock()


# --- parsing (pure functions, also run on the real recordings) -------------------------------------------


def parse_time(value: Any) -> datetime:
    """An atproto datetime in UTC."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"not a datetime: {value!r}")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def post_url(handle: str, uri: str) -> str:
    """The bsky.app address of a post."""
    return f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}"


def did_of(uri: str) -> str:
    """The repo DID of an ``at://`` URI."""
    if not uri.startswith("at://"):
        raise ValueError(f"not an AT URI: {uri!r}")
    return uri[5:].split("/", 1)[0]


def new_tid(now: datetime) -> str:
    """A record key in atproto's TID form: microseconds since the epoch and a random clock id, base32-sortable."""
    import secrets

    value = (int(now.timestamp() * 1_000_000) << 10) | secrets.randbelow(1024)
    out = ""
    for _ in range(13):
        out = _TID_ALPHABET[value & 31] + out
        value >>= 5
    return out


def parse_attachments(did: str, record: Mapping[str, Any], blob_base: str) -> tuple[Attachment, ...]:
    """Images embedded in a post record, addressed through the PDS's ``getBlob``."""
    embed = record.get("embed") or {}
    if embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("media") or {}
    out: list[Attachment] = []
    for image in embed.get("images") or []:
        blob = image.get("image") or {}
        cid = (blob.get("ref") or {}).get("$link") or blob.get("cid")
        if not cid:
            continue
        out.append(
            Attachment(
                url=f"{blob_base.rstrip('/')}/xrpc/com.atproto.sync.getBlob?did={did}&cid={cid}",
                mime_type=blob.get("mimeType"),
                alt_text=image.get("alt") or None,
            )
        )
    return tuple(out)


def parse_post_record(
    uri: str,
    author: Mapping[str, Any],
    record: Mapping[str, Any],
    *,
    kind: ItemKind,
    indexed_at: Any = None,
    own_did: str | None = None,
    blob_base: str = "https://bsky.social",
    raw: Mapping[str, Any] | None = None,
) -> InboundRecord:
    """A post (from a notification or a post view) as an :class:`InboundRecord`."""
    text = record["text"]
    if not isinstance(text, str):
        raise TypeError("post text is not text")
    did = str(author["did"])
    handle = str(author["handle"])
    reply = record.get("reply") or {}
    root_uri = (reply.get("root") or {}).get("uri")
    parent_uri = (reply.get("parent") or {}).get("uri")
    try:
        created = parse_time(record.get("createdAt"))
    except ValueError:
        created = parse_time(indexed_at)
    langs = record.get("langs") or []
    return InboundRecord(
        platform=Platform.BLUESKY,
        platform_item_id=str(uri),
        kind=kind,
        conversation_key=str(root_uri or uri),
        author_id=did,
        author_handle=handle,
        author_name=str(author.get("displayName") or handle),
        text=text,
        created_at=created,
        lang=str(langs[0]) if langs else None,
        in_reply_to_id=str(parent_uri) if parent_uri else None,
        url=post_url(handle, str(uri)),
        attachments=parse_attachments(did, record, blob_base),
        from_account=own_did is not None and did == own_did,
        raw=raw if raw is not None else {},
    )


def parse_notification(
    note: Mapping[str, Any], *, own_did: str | None = None, blob_base: str = "https://bsky.social"
) -> InboundRecord:
    """A mention, reply or quote notification as an :class:`InboundRecord`."""
    reason = note.get("reason")
    kinds = {"mention": ItemKind.MENTION, "reply": ItemKind.REPLY, "quote": ItemKind.MENTION}
    if reason not in kinds:
        raise ValueError(f"not a mention, reply or quote: {reason!r}")
    record = note["record"]
    if not isinstance(record, Mapping):
        raise TypeError("notification record is not an object")
    return parse_post_record(
        str(note["uri"]),
        note["author"],
        record,
        kind=kinds[str(reason)],
        indexed_at=note.get("indexedAt"),
        own_did=own_did,
        blob_base=blob_base,
        raw=note,  # plain JSON as received: kept whole for audit and re-parsing
    )


def parse_message(
    message: Mapping[str, Any], convo_id: str, members: Mapping[str, Mapping[str, Any]], *, own_did: str | None
) -> InboundRecord:
    """A chat message as a direct :class:`InboundRecord`; ``members`` maps DIDs to profile views."""
    if message.get("$type", "chat.bsky.convo.defs#messageView") != "chat.bsky.convo.defs#messageView":
        raise ValueError(f"not a message: {message.get('$type')!r}")
    text = message["text"]
    if not isinstance(text, str):
        raise TypeError("message text is not text")
    sender = str(message["sender"]["did"])
    profile = members.get(sender) or {}
    handle = str(profile.get("handle") or sender)
    return InboundRecord(
        platform=Platform.BLUESKY,
        platform_item_id=str(message["id"]),
        kind=ItemKind.DIRECT,
        conversation_key=convo_id,
        author_id=sender,
        author_handle=handle,
        author_name=str(profile.get("displayName") or handle),
        text=text,
        created_at=parse_time(message["sentAt"]),
        from_account=own_did is not None and sender == own_did,
        raw={**message, "convoId": convo_id},
    )


def parse_metrics(view: Mapping[str, Any]) -> Metrics:
    """Engagement figures of a post view."""
    return Metrics(
        likes=int(view.get("likeCount") or 0),
        reposts=int(view.get("repostCount") or 0),
        replies=int(view.get("replyCount") or 0),
        quotes=int(view.get("quoteCount") or 0),
    )


def parse_post_view(view: Mapping[str, Any]) -> FeedPost:
    """A post view (timeline, author feed, search, getPosts) as a feed post."""
    record = view["record"]
    author = view["author"]
    reply = record.get("reply") or {}
    return FeedPost(
        platform=Platform.BLUESKY,
        post_id=str(view["uri"]),
        author_handle=str(author["handle"]),
        author_name=str(author.get("displayName") or author["handle"]),
        text=str(record.get("text") or ""),
        created_at=parse_time(record.get("createdAt") or view.get("indexedAt")),
        url=post_url(str(author["handle"]), str(view["uri"])),
        in_reply_to_id=(reply.get("parent") or {}).get("uri"),
        metrics=parse_metrics(view),
        conversation_key=(reply.get("root") or {}).get("uri") or str(view["uri"]),
    )


_WS = re.compile(r"\s+")


def _normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _httpx_options(http: HttpSettings, hook: Callable[[httpx.Response], None]) -> dict[str, Any]:
    """httpx client options honouring the desk's timeout, CA bundle and proxies."""
    # httpx wants an SSL context for a custom CA bundle (a path is deprecated).
    verify: Any = ssl.create_default_context(cafile=http.ca_bundle) if http.ca_bundle else True
    options: dict[str, Any] = {
        "timeout": http.timeout,
        "verify": verify,
        "headers": {"User-Agent": http.user_agent},
        "event_hooks": {"response": [hook]},
    }
    if http.proxies:
        options["mounts"] = {
            f"{scheme}://": httpx.HTTPTransport(proxy=url, verify=verify) for scheme, url in http.proxies.items()
        }
    return options


class _AuthProblem(Exception):
    """The token was refused: refresh (or log in again) and retry once."""


# --- the connector -------------------------------------------------------------------------------------


class BlueskyConnector:
    """One Bluesky account, through the atproto SDK."""

    def __init__(
        self, account: AccountRef, credentials: Mapping[str, str], *, clock: Clock, http: HttpSettings
    ) -> None:
        """Build the client; no network call happens here."""
        from atproto import Client
        from atproto_client.request import Request

        identifier = credentials.get("identifier") or credentials.get("handle") or account.handle
        password = credentials.get("password") or credentials.get("app_password")
        if not identifier or not password:
            raise AuthExpired("No Bluesky app password is stored for this account.", platform=Platform.BLUESKY)
        self.account = account
        self.capabilities = CAPABILITIES
        self.clock = clock
        self.http = http
        self._identifier = identifier
        self._password = password
        self._stored_session = credentials.get("session")
        self._limits: dict[str, RateLimitState] = {}
        self._refs: dict[str, tuple[str, dict[str, str]]] = {}  # uri -> (cid, root strong ref)
        self._client: Any = Client(
            base_url=account.base_url.rstrip("/"), request=Request(**_httpx_options(http, self._on_response))
        )
        self._client.on_session_change(self._remember_session)
        self._chat: Any = None
        self._ready = False

    # --- plumbing ---------------------------------------------------------------------------------

    @property
    def _key(self) -> tuple[str, str]:
        return (self.account.base_url.rstrip("/"), self._identifier.lower())

    def _remember_session(self, event: Any, session: Any) -> None:
        with _SESSIONS_LOCK:
            _SESSIONS[self._key] = session.export()

    def _on_response(self, response: httpx.Response) -> None:
        headers = response.headers
        if "ratelimit-limit" not in headers:
            return
        try:
            limit = int(headers["ratelimit-limit"])
            remaining = int(headers.get("ratelimit-remaining", "0"))
            reset = datetime.fromtimestamp(int(headers["ratelimit-reset"]), UTC)
        except (KeyError, ValueError):
            return
        path = response.request.url.path
        endpoint = (
            "session"
            if path.endswith("createSession")
            else "write"
            if path.endswith(("createRecord", "deleteRecord"))
            else "read"
        )
        self._limits[endpoint] = RateLimitState(endpoint, limit, remaining, reset)

    @property
    def own_did(self) -> str:
        """The account's DID (logs in if needed)."""
        self._ensure_session()
        return str(self._client._session.did)

    def _ensure_session(self) -> None:
        if self._ready:
            return
        with _SESSIONS_LOCK:
            cached = _SESSIONS.get(self._key) or self._stored_session
        if cached:
            try:
                self._client.login(session_string=cached, fetch_bsky_profile=False)
                self._ready = True
                return
            except Exception:  # a stale or unreadable session string: log in afresh
                with _SESSIONS_LOCK:
                    _SESSIONS.pop(self._key, None)
        self._login()

    def _login(self) -> None:
        self._ready = False
        try:
            self._translate(
                "log in", lambda: self._client.login(self._identifier, self._password, fetch_bsky_profile=False)
            )
        except _AuthProblem as exc:
            raise AuthExpired(
                "Bluesky refused the handle or app password: reconnect the account.", platform=Platform.BLUESKY
            ) from exc
        self._ready = True

    def _refresh_or_login(self) -> None:
        try:
            self._translate("refresh the session", self._client._refresh_and_set_session)
        except (_AuthProblem, Rejected):
            with _SESSIONS_LOCK:
                _SESSIONS.pop(self._key, None)
            self._login()

    def _call(self, action: str, fn: Callable[[], T], *, sending: bool = False) -> T:
        """Run one SDK call; on a refused token refresh (or log in) once and retry; translate failures."""
        self._ensure_session()
        try:
            return self._translate(action, fn, sending=sending)
        except _AuthProblem:
            self._refresh_or_login()
        try:
            return self._translate(action, fn, sending=sending)
        except _AuthProblem as exc:
            raise AuthExpired(
                f"Bluesky refused the session while trying to {action}: reconnect the account.",
                platform=Platform.BLUESKY,
            ) from exc

    def _translate(self, action: str, fn: Callable[[], T], *, sending: bool = False) -> T:
        from atproto_client import exceptions as ex

        p = Platform.BLUESKY

        def unsure(detail: str) -> ConnectorError:
            if sending:
                return Unconfirmed(
                    f"Lost contact with Bluesky while trying to {action} ({detail}); it may have gone through. "
                    "Check the account before sending again.",
                    platform=p,
                )
            return Transient(f"Could not reach Bluesky to {action} ({detail}).", platform=p)

        try:
            return fn()
        except ex.RateLimitExceededError as exc:
            until = exc.reset_at or self.clock.now() + timedelta(minutes=5)
            raise RateLimited(f"Bluesky rate limit reached while trying to {action}.", until=until, platform=p) from exc
        except ex.UnauthorizedError as exc:
            raise _AuthProblem(str(exc)) from exc
        except ex.BadRequestError as exc:
            error, message = _xrpc_error(exc)
            if error in _TOKEN_ERRORS:
                raise _AuthProblem(error) from exc
            raise Rejected(
                f"Bluesky refused to {action}: {message or error or 'no reason given'}",
                platform=p,
                platform_code=error,
            ) from exc
        except ex.InvokeTimeoutError as exc:
            cause = exc.__cause__
            if isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout):
                raise Transient(f"Could not reach Bluesky to {action} (connection timed out).", platform=p) from exc
            raise unsure("timed out") from exc
        except ex.NetworkError as exc:
            status = exc.response.status_code if exc.response is not None else None
            if status == 413:
                raise Rejected(f"Bluesky refused to {action}: the file is too large.", platform=p) from exc
            if isinstance(exc.__cause__, httpx.ConnectError):
                raise Transient(f"Could not reach Bluesky to {action}: {exc.__cause__}", platform=p) from exc
            raise unsure(f"network error {status or ''}".strip()) from exc
        except ex.RequestException as exc:
            status = exc.response.status_code if exc.response is not None else None
            if status == 503 or (status is not None and status < 500):
                error, message = _xrpc_error(exc)
                if status is not None and 400 <= status < 500:
                    raise Rejected(
                        f"Bluesky refused to {action}: {message or error or status}", platform=p, platform_code=error
                    ) from exc
                raise Transient(f"Bluesky is unavailable ({status}) while trying to {action}.", platform=p) from exc
            raise unsure(f"server error {status}") from exc
        except httpx.HTTPError as exc:  # the SDK lets protocol errors (a dropped connection) through
            raise unsure(type(exc).__name__) from exc
        except (ConnectorError, _AuthProblem):
            raise
        except Exception as exc:  # an SDK surprise must still leave as one of the closed set
            raise unsure(f"unexpected answer: {exc}") from exc

    def _query(self, nsid: str, params: Mapping[str, Any], *, chat: bool = False) -> dict[str, Any]:
        from atproto_client.models.dot_dict import DotDict

        clean = {k: v for k, v in params.items() if v is not None}
        client = self._chat_client() if chat else self._client
        response = self._call(
            f"read {nsid}", lambda: client.invoke_query(nsid, params=DotDict(clean) if clean else None)
        )
        return _content(response)

    def _procedure(self, action: str, nsid: str, body: Mapping[str, Any], *, chat: bool = False) -> dict[str, Any]:
        client = self._chat_client() if chat else self._client
        payload = json.dumps(body).encode()
        response = self._call(
            action,
            lambda: client.invoke_procedure(nsid, content=payload, headers={"Content-Type": "application/json"}),
            sending=True,
        )
        return _content(response)

    def _chat_client(self) -> Any:
        if self._chat is None:
            # Chat calls go to the PDS with an atproto-proxy header naming the chat service.
            self._chat = self._client.with_bsky_chat_proxy()
        return self._chat

    # --- the port ---------------------------------------------------------------------------------

    def verify(self) -> AccountProfile:
        """Log in (or reuse the session) and read the account's profile."""
        did = self.own_did
        profile = self._query("app.bsky.actor.getProfile", {"actor": did})
        handle = str(profile.get("handle") or self._identifier)
        return AccountProfile(
            platform_account_id=did,
            handle=handle,
            display_name=str(profile.get("displayName") or handle),
            url=f"https://bsky.app/profile/{handle}",
        )

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        """Mentions, replies and quotes (MENTIONS) or chat messages (DIRECT) since ``cursor``."""
        if stream is Stream.MENTIONS:
            return self._fetch_mentions(cursor, limit)
        if stream is Stream.DIRECT:
            return self._fetch_messages(cursor, limit)
        return FetchResult(records=(), cursor=cursor)

    def _fetch_mentions(self, cursor: str | None, limit: int) -> FetchResult:
        state = _decode_cursor(cursor)
        since = _opt_time(state.get("since"))
        seen = set(state.get("seen") or [])
        walk = state.get("walk") or {}
        own = self.own_did
        page = self._query(
            "app.bsky.notification.listNotifications",
            {"reasons": list(INBOUND_REASONS), "limit": max(1, min(limit, 100)), "cursor": walk.get("api")},
        )
        notes = page.get("notifications") or []
        fresh: list[Any] = []
        reached = False
        for note in notes:
            at = _opt_time(note.get("indexedAt") if isinstance(note, Mapping) else None)
            if since is not None and at is not None and at < since:
                reached = True
                break
            if since is not None and at == since and note.get("uri") in seen:
                continue  # already delivered at the cursor's instant
            fresh.append(note)
        top = walk.get("top")
        top_seen = walk.get("top_seen") or []
        if top is None:
            times = [_opt_time(n.get("indexedAt")) for n in fresh if isinstance(n, Mapping)]
            newest = max((t for t in times if t is not None), default=None)
            if newest is not None:
                top = newest.isoformat()
                top_seen = [
                    n.get("uri") for n, t in zip(fresh, times, strict=True) if t == newest and isinstance(n, Mapping)
                ]
        more = bool(not reached and page.get("cursor") and notes)
        if more:
            next_state: dict[str, Any] = {
                "since": state.get("since"),
                "seen": sorted(seen),
                "walk": {"api": page["cursor"], "top": top, "top_seen": top_seen},
            }
        elif top is not None:
            same_instant = top == state.get("since")
            next_state = {"since": top, "seen": sorted(set(top_seen) | (seen if same_instant else set()))}
        else:
            next_state = {"since": state.get("since"), "seen": sorted(seen)}
        records: list[InboundRecord] = []
        quarantined: list[Quarantined] = []
        for note in reversed(fresh):
            try:
                record = parse_notification(note, own_did=own, blob_base=self.account.base_url)
                self._remember_ref(note)
                records.append(record)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                quarantined.append(Quarantined(Stream.MENTIONS, f"unreadable Bluesky notification: {exc}", _dump(note)))
        return FetchResult(tuple(records), json.dumps(next_state), has_more=more, quarantined=tuple(quarantined))

    def _fetch_messages(self, cursor: str | None, limit: int) -> FetchResult:
        state = _decode_cursor(cursor)
        since = _opt_time(state.get("since"))
        seen = set(state.get("seen") or [])
        own = self.own_did
        found: list[tuple[datetime, str, Any, dict[str, Any]]] = []
        quarantined: list[Quarantined] = []
        convo_cursor: str | None = None
        for _ in range(100):  # bounded: at most 10,000 conversations per sync
            page = self._query("chat.bsky.convo.listConvos", {"limit": 100, "cursor": convo_cursor}, chat=True)
            convos = page.get("convos") or []
            stop = False
            for convo in convos:
                last = _opt_time((convo.get("lastMessage") or {}).get("sentAt"))
                if since is not None and last is not None and last < since:
                    stop = True  # conversations come most recent first
                    break
                members = {str(m.get("did")): m for m in convo.get("members") or []}
                self._collect_messages(str(convo["id"]), members, since, seen, found, quarantined)
            convo_cursor = page.get("cursor")
            if stop or not convo_cursor:
                break
        found.sort(key=lambda item: (item[0], item[1]))
        chosen = found[: max(1, limit)]
        records: list[InboundRecord] = []
        for _, _, message, meta in chosen:
            try:
                records.append(parse_message(message, meta["convo"], meta["members"], own_did=own))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                quarantined.append(Quarantined(Stream.DIRECT, f"unreadable Bluesky message: {exc}", _dump(message)))
        if chosen:
            newest = chosen[-1][0]
            same = {item[1] for item in chosen if item[0] == newest}
            next_state: dict[str, Any] = {
                "since": newest.isoformat(),
                "seen": sorted(same | (seen if since == newest else set())),
            }
        else:
            next_state = {"since": state.get("since"), "seen": sorted(seen)}
        return FetchResult(
            tuple(records), json.dumps(next_state), has_more=len(found) > len(chosen), quarantined=tuple(quarantined)
        )

    def _collect_messages(
        self,
        convo_id: str,
        members: dict[str, Any],
        since: datetime | None,
        seen: set[str],
        found: list[tuple[datetime, str, Any, dict[str, Any]]],
        quarantined: list[Quarantined],
    ) -> None:
        cursor: str | None = None
        for _ in range(100):
            page = self._query(
                "chat.bsky.convo.getMessages", {"convoId": convo_id, "limit": 100, "cursor": cursor}, chat=True
            )
            for message in page.get("messages") or []:
                sent = _opt_time(message.get("sentAt") if isinstance(message, Mapping) else None)
                if sent is None:
                    if message.get("$type") == "chat.bsky.convo.defs#messageView":
                        quarantined.append(
                            Quarantined(Stream.DIRECT, "Bluesky message without a readable sentAt", _dump(message))
                        )
                    continue  # deleted and system messages carry nothing to answer
                if since is not None and sent < since:
                    return
                if since is not None and sent == since and message.get("id") in seen:
                    continue
                found.append((sent, str(message.get("id")), message, {"convo": convo_id, "members": members}))
            cursor = page.get("cursor")
            if not cursor:
                return

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        """Own posts, the home timeline, mentions, or a search (hashtags included), newest first."""
        size = max(1, min(limit, 100))
        if column.kind is FeedKind.MENTIONS:
            page = self._query(
                "app.bsky.notification.listNotifications",
                {"reasons": list(INBOUND_REASONS), "limit": size, "cursor": cursor},
            )
            posts = []
            for note in page.get("notifications") or []:
                try:
                    record = parse_notification(note, blob_base=self.account.base_url)
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
                posts.append(
                    FeedPost(
                        platform=Platform.BLUESKY,
                        post_id=record.platform_item_id,
                        author_handle=record.author_handle,
                        author_name=record.author_name,
                        text=record.text,
                        created_at=record.created_at,
                        url=record.url,
                        in_reply_to_id=record.in_reply_to_id,
                        metrics=Metrics(),
                        conversation_key=record.conversation_key,
                    )
                )
            return FeedPage(tuple(posts), page.get("cursor"))
        if column.kind is FeedKind.OWN_POSTS:
            page = self._query("app.bsky.feed.getAuthorFeed", {"actor": self.own_did, "limit": size, "cursor": cursor})
            views = [item.get("post") for item in page.get("feed") or []]
        elif column.kind is FeedKind.HOME:
            page = self._query("app.bsky.feed.getTimeline", {"limit": size, "cursor": cursor})
            views = [item.get("post") for item in page.get("feed") or []]
        else:
            query = (column.query or "").strip()
            if not query:
                raise Rejected("A search column needs a query or a hashtag.", platform=Platform.BLUESKY)
            page = self._query("app.bsky.feed.searchPosts", {"q": query, "limit": size, "cursor": cursor})
            views = list(page.get("posts") or [])
        posts = []
        for view in views:
            try:
                posts.append(parse_post_view(view))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a feed column is a view: an unreadable post is skipped, the inbox quarantines
        return FeedPage(tuple(posts), page.get("cursor"))

    # --- publishing -------------------------------------------------------------------------------

    def _remember_ref(self, note: Mapping[str, Any]) -> None:
        record = note.get("record") or {}
        root = (record.get("reply") or {}).get("root") or {"uri": note["uri"], "cid": note["cid"]}
        self._refs[str(note["uri"])] = (str(note["cid"]), {"uri": str(root["uri"]), "cid": str(root["cid"])})

    def _reply_refs(self, parent_uri: str) -> dict[str, Any]:
        known = self._refs.get(parent_uri)
        if known is None:
            posts = self._query("app.bsky.feed.getPosts", {"uris": [parent_uri]}).get("posts") or []
            if not posts:
                raise Rejected("The post to reply to no longer exists on Bluesky.", platform=Platform.BLUESKY)
            view = posts[0]
            root = ((view.get("record") or {}).get("reply") or {}).get("root") or {
                "uri": view["uri"],
                "cid": view["cid"],
            }
            known = (str(view["cid"]), {"uri": str(root["uri"]), "cid": str(root["cid"])})
            self._refs[parent_uri] = known
        cid, root = known
        return {"root": root, "parent": {"uri": parent_uri, "cid": cid}}

    def _facets(self, text: str) -> list[dict[str, Any]]:
        """Links, hashtags and mentions with UTF-8 byte offsets; unknown handles stay plain text."""
        from atproto_client.models.utils import get_model_as_dict
        from atproto_client.utils import facet_detection

        facets = [get_model_as_dict(f) for f in facet_detection.detect_facets(text)]
        for mention in facet_detection.detect_mentions(text):
            try:
                resolved = self._query("com.atproto.identity.resolveHandle", {"handle": mention.handle.lower()})
            except Rejected:
                continue
            facets.append(
                {
                    "$type": "app.bsky.richtext.facet",
                    "index": {"byteStart": mention.byte_start, "byteEnd": mention.byte_end},
                    "features": [{"$type": "app.bsky.richtext.facet#mention", "did": resolved["did"]}],
                }
            )
        return sorted(facets, key=lambda f: int(f["index"]["byteStart"]))

    def _upload(self, data: bytes, mime: str) -> dict[str, Any]:
        response = self._call(
            "upload the media",
            lambda: self._client.invoke_procedure(
                "com.atproto.repo.uploadBlob", content=data, headers={"Content-Type": mime}
            ),
        )
        blob = _content(response).get("blob")
        if not isinstance(blob, dict):
            raise Transient("Bluesky did not return the uploaded media.", platform=Platform.BLUESKY)
        return blob

    def publish(self, request: PublishRequest) -> PublishResult:
        """Post or reply with facets, images (or one video) and alt text, and who may reply; returns the cid
        and thread root in ``extra``."""
        if request.content_warning:
            raise Rejected("Bluesky has no content warnings; remove it or post elsewhere.", platform=Platform.BLUESKY)
        videos = [m for m in request.media if m.mime_type in CAPABILITIES.video_types]
        if videos and len(request.media) > 1:
            raise Rejected("A Bluesky post carries photos or one video, not both.", platform=Platform.BLUESKY)
        if videos and len(videos[0].data) > CAPABILITIES.video_max_bytes:
            raise Rejected("The video is larger than Bluesky takes (100 MB).", platform=Platform.BLUESKY)
        gate = request.reply_policy not in (None, ReplyPolicy.EVERYONE)
        if gate and request.reply_to_id:
            raise Rejected(
                "On Bluesky, who may reply is set on the first post of a thread, not on a reply.",
                platform=Platform.BLUESKY,
            )
        did = self.own_did
        now = self.clock.now()
        record: dict[str, Any] = {
            "$type": POST,
            "text": request.text,
            "createdAt": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
            "langs": [request.lang or "en"],
        }
        facets = self._facets(request.text)
        if facets:
            record["facets"] = facets
        reply: dict[str, Any] | None = None
        if request.reply_to_id:
            reply = self._reply_refs(request.reply_to_id)
            record["reply"] = reply
        media_embed: dict[str, Any] | None = None
        if videos:
            media_embed = {"$type": "app.bsky.embed.video", "video": self._upload(videos[0].data, "video/mp4")}
            if videos[0].alt_text:
                media_embed["alt"] = videos[0].alt_text
        elif request.media:
            images = [{"alt": m.alt_text or "", "image": self._upload(m.data, m.mime_type)} for m in request.media]
            media_embed = {"$type": "app.bsky.embed.images", "images": images}
        if request.quote_id:
            quoted = self._reply_refs(request.quote_id)["parent"]
            quote_embed = {"$type": "app.bsky.embed.record", "record": quoted}
            record["embed"] = (
                {"$type": "app.bsky.embed.recordWithMedia", "record": quote_embed, "media": media_embed}
                if media_embed
                else quote_embed
            )
        elif media_embed:
            record["embed"] = media_embed
        write: dict[str, Any] = {"repo": did, "collection": POST, "record": record}
        if gate:
            # The gate goes first, under the record key the post will take: if it fails nothing was posted,
            # and a post never stands open to replies it should not take.
            assert request.reply_policy is not None
            write["rkey"] = new_tid(now)
            gate_record = {
                "$type": THREADGATE,
                "post": f"at://{did}/{POST}/{write['rkey']}",
                "allow": GATE_RULES[request.reply_policy],
                "createdAt": record["createdAt"],
            }
            self._procedure(
                "limit who may reply",
                "com.atproto.repo.createRecord",
                {"repo": did, "collection": THREADGATE, "rkey": write["rkey"], "record": gate_record},
            )
        created = self._procedure("publish the post", "com.atproto.repo.createRecord", write)
        uri, cid = str(created["uri"]), str(created["cid"])
        root = reply["root"] if reply else {"uri": uri, "cid": cid}
        self._refs[uri] = (cid, root)
        handle = self._client._session.handle if self._client._session else self.account.handle
        return PublishResult(
            platform_post_id=uri,
            url=post_url(str(handle), uri),
            published_at=now,
            extra={"cid": cid, "root_uri": str(root["uri"]), "root_cid": str(root["cid"])},
        )

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        """A chat message in the conversation (``conversation_key`` is the convo id)."""
        convo_id = request.conversation_key
        if not convo_id and request.recipient_id:
            found = self._query("chat.bsky.convo.getConvoForMembers", {"members": [request.recipient_id]}, chat=True)
            convo_id = str(found["convo"]["id"])
        message: dict[str, Any] = {"text": request.text}
        sent = self._procedure(
            "send the message", "chat.bsky.convo.sendMessage", {"convoId": convo_id, "message": message}, chat=True
        )
        return PublishResult(
            platform_post_id=str(sent["id"]),
            url=None,
            published_at=parse_time(sent.get("sentAt")),
            extra={"convo_id": convo_id, "rev": str(sent.get("rev", ""))},
        )

    def find_published(self, idempotency_key: str, text: str, since: datetime) -> PublishResult | None:
        """Bluesky has no idempotency keys: look for a recent own post with the same text."""
        did = self.own_did
        wanted = _normalise(text)
        page = self._query("app.bsky.feed.getAuthorFeed", {"actor": did, "limit": 50})
        for item in page.get("feed") or []:
            view = item.get("post") or {}
            record = view.get("record") or {}
            try:
                created = parse_time(record.get("createdAt"))
            except ValueError:
                continue
            if created >= since - timedelta(minutes=1) and _normalise(str(record.get("text", ""))) == wanted:
                root = (record.get("reply") or {}).get("root") or {"uri": view["uri"], "cid": view["cid"]}
                return PublishResult(
                    str(view["uri"]),
                    post_url(str(view["author"]["handle"]), str(view["uri"])),
                    created,
                    extra={"cid": str(view["cid"]), "root_uri": str(root["uri"]), "root_cid": str(root["cid"])},
                )
        return None

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        """Likes, reposts, replies and quotes, 25 posts per call; deleted posts are left out."""
        out: dict[str, Metrics] = {}
        ids = list(post_ids)
        for start in range(0, len(ids), 25):
            page = self._query("app.bsky.feed.getPosts", {"uris": ids[start : start + 25]})
            for view in page.get("posts") or []:
                out[str(view["uri"])] = parse_metrics(view)
        return out

    def delete(self, post_id: str) -> None:
        """Delete one of the force's posts."""
        did = self.own_did
        try:
            repo = did_of(post_id)
        except ValueError as exc:
            raise Rejected(f"Not a Bluesky post address: {post_id}", platform=Platform.BLUESKY) from exc
        if repo != did:
            raise Rejected("Only the force's own posts can be deleted.", platform=Platform.BLUESKY)
        collection, _, rkey = post_id[5 + len(did) + 1 :].partition("/")
        self._procedure(
            "delete the post", "com.atproto.repo.deleteRecord", {"repo": did, "collection": collection, "rkey": rkey}
        )

    def hide_reply(self, item_id: str, hidden: bool = True) -> None:
        """Not offered: the desk does not manage Bluesky threadgates."""
        raise Rejected("Hiding replies is not available for Bluesky in the desk.", platform=Platform.BLUESKY)

    def rate_limits(self) -> Sequence[RateLimitState]:
        """Budgets from the latest ``ratelimit-*`` headers."""
        return tuple(self._limits.values())


def _content(response: Any) -> dict[str, Any]:
    content = getattr(response, "content", None)
    if not isinstance(content, dict):
        raise Transient("Bluesky answered with something that is not JSON.", platform=Platform.BLUESKY)
    return content


def _xrpc_error(exc: Any) -> tuple[str | None, str | None]:
    content = exc.response.content if getattr(exc, "response", None) is not None else None
    error = getattr(content, "error", None)
    message = getattr(content, "message", None)
    if isinstance(content, dict):
        error, message = content.get("error"), content.get("message")
    return (str(error) if error else None, str(message) if message else None)


def _decode_cursor(cursor: str | None) -> dict[str, Any]:
    if not cursor:
        return {}
    try:
        state = json.loads(cursor)
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def _opt_time(value: Any) -> datetime | None:
    try:
        return parse_time(value)
    except (ValueError, TypeError):
        return None


def _dump(value: Any) -> str:
    try:
        return json.dumps(value, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
