"""What the Facebook and Instagram connectors share: the Graph session over facebook-sdk, error translation,
usage headers, cursors and the parsing of Graph timestamps.

facebook-sdk 3.1.0 hides HTTP status codes and response headers; a response hook on its ``requests``
session keeps both (per thread) so throttling and the usage headers can be read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from connectors.transport import HttpSettings, new_session
from desk.clock import Clock
from desk.ports import (
    AccountRef,
    AuthExpired,
    ConnectorError,
    FetchResult,
    InboundRecord,
    Platform,
    Quarantined,
    RateLimited,
    RateLimitState,
    Rejected,
    Stream,
    Transient,
    Unconfirmed,
)

GRAPH_BASE = "https://graph.facebook.com"
# Facebook takes video uploads on its own host; a sandbox or a proxy base serves both.
GRAPH_VIDEO_BASE = "https://graph-video.facebook.com"
GRAPH_VERSION = "v21.0"
THROTTLE_CODES = frozenset({4, 17, 32, 613})
AUTH_CODES = frozenset({190, 102, 104, 463, 467})
# Without an estimate from the usage headers, wait this long after a throttling error.
DEFAULT_BACKOFF = timedelta(minutes=10)
USAGE_WINDOW = timedelta(hours=1)
MAX_PAGES = 500  # a guard against paging loops, far above what one sync needs
MAX_BACKLOG = 50_000
# What reading a malformed payload can raise; walks quarantine these and go on.
UNREADABLE = (KeyError, ValueError, TypeError, AttributeError, IndexError)


def parse_time(value: Any) -> datetime:
    """Parse Graph's ``2021-07-21T21:05:14+0000``."""
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


# Comments can be edited or removed at any time, and the Graph API tells a desk without webhooks only by
# what a later read shows. The pager remembers, next to each cursor it hands out, a short digest of the
# recent comments handed out so far, so the next walk can report what changed. It lives in memory (the
# stored cursor column is short): after a restart the first walk hands the recent comments out again and
# the desk compares their texts itself; a removal while the desk was not running goes unnoticed.
WATCH_WINDOW = timedelta(hours=48)
MAX_WATCHED = 2_000
MAX_WATCH_SNAPSHOTS = 8


def text_digest(text: str) -> str:
    """A short fingerprint of a text: enough to notice an edit."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Watched:
    """A comment handed out earlier whose edits and removal the next walks look for."""

    item_id: str
    thread_id: str  # the post it sits under
    digest: str
    created: int  # epoch seconds
    author_id: str


@dataclass(frozen=True)
class InboundCursor:
    """Where a stream stopped: the newest time returned and the ids returned at exactly that time.

    ``watch`` (never stored) is what the pager remembers of the recent items handed out up to this cursor;
    None when it remembers nothing (a restart, or a cursor from another desk)."""

    time: datetime | None
    ids: frozenset[str] = frozenset()
    watch: tuple[Watched, ...] | None = field(default=None, compare=False)
    # counts pages that carried edits or removals, so the cursor after them differs from the one before
    changes: int = 0

    def encode(self) -> str | None:
        """An opaque string for the desk to store."""
        if self.time is None:
            return None
        out: dict[str, Any] = {"t": self.time.isoformat(), "ids": sorted(self.ids)}
        if self.changes:
            out["c"] = self.changes
        raw = json.dumps(out)
        return base64.urlsafe_b64encode(raw.encode()).decode()

    @classmethod
    def decode(cls, value: str | None) -> InboundCursor:
        """Read a stored cursor; a damaged one is refused (the desk must not silently resync everything)."""
        if not value:
            return cls(None)
        try:
            raw = json.loads(base64.urlsafe_b64decode(value.encode()).decode())
            when = datetime.fromisoformat(raw["t"])
            if when.tzinfo is None:
                raise ValueError("a sync position without a time zone")
            changes = raw.get("c", 0)
            if not isinstance(changes, int) or changes < 0:
                raise ValueError("a damaged change count")
            return cls(when, frozenset(str(i) for i in raw.get("ids", [])), changes=changes)
        except (*UNREADABLE, UnicodeError) as exc:
            raise Rejected(
                f"The stored sync position {value[:40]!r} cannot be read; reset the account's sync."
            ) from exc

    def is_new(self, record: InboundRecord) -> bool:
        """Whether a record comes after this cursor."""
        if self.time is None:
            return True
        if record.created_at > self.time:
            return True
        return record.created_at == self.time and record.platform_item_id not in self.ids

    def since_param(self) -> int | None:
        """The ``since`` value for Graph edges (inclusive, whole seconds)."""
        return int(self.time.timestamp()) if self.time else None


def watch_of(rec: InboundRecord) -> Watched:
    """The watch entry of a record handed out to the desk."""
    created = int(rec.created_at.timestamp())
    return Watched(rec.platform_item_id, rec.conversation_key, text_digest(rec.text), created, rec.author_id)


def watch_after(base: Iterable[Watched], handed_out: Iterable[InboundRecord], newest: datetime) -> tuple[Watched, ...]:
    """The watch list once ``handed_out`` records were given to the desk: the newest comments of the window.

    ``base`` is a watch this function made (sorted by time); a page of newer comments is appended without
    sorting again, anything else (an edit of a watched comment) is merged by id."""
    old = tuple(base)
    added = sorted((watch_of(r) for r in handed_out if not r.deleted), key=_watch_order)
    if not old or not added or _watch_order(added[0]) > _watch_order(old[-1]):
        merged = [*old, *added]  # an id has one time, so nothing newer than the last can repeat one
    else:
        merged = sorted({w.item_id: w for w in (*old, *added)}.values(), key=_watch_order)
    floor = int((newest - WATCH_WINDOW).timestamp())
    start = 0
    while start < len(merged) and merged[start].created < floor:
        start += 1
    return tuple(merged[max(start, len(merged) - MAX_WATCHED) :])


def _watch_order(w: Watched) -> tuple[int, str]:
    return (w.created, w.item_id)


@dataclass
class Collected:
    """What one walk over the platform found, in the order the platform gives within one second.

    ``changes`` are edits and removals of items handed out before (after a restart: every recent item, for
    the desk to compare); ``watch`` (None when the stream keeps no watch) is the watch with them applied."""

    records: list[InboundRecord] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    changes: list[InboundRecord] = field(default_factory=list)
    watch: list[Watched] | None = None


@dataclass
class _Backlog:
    records: list[InboundRecord]
    changes: int  # how many leading records are edits or deletions rather than new items
    watching: bool


class InboundPager:
    """Hands out walked records ``limit`` at a time; the rest is kept for the next call with the returned cursor.

    For streams whose walk keeps a watch (``Collected.watch`` not None), edits and removals come first and
    the watch as of each returned cursor is remembered, so a retry from an older cursor reports the same
    changes again instead of losing them."""

    def __init__(self) -> None:
        self._backlog: dict[tuple[Stream, str | None], _Backlog] = {}
        self._watches: dict[tuple[Stream, str | None], tuple[Watched, ...]] = {}
        self._lock = threading.Lock()

    def _remember(self, stream: Stream, cursor: str | None, watch: tuple[Watched, ...]) -> None:
        with self._lock:
            self._watches.pop((stream, cursor), None)
            self._watches[(stream, cursor)] = watch
            while len(self._watches) > MAX_WATCH_SNAPSHOTS:
                del self._watches[next(iter(self._watches))]

    def fetch(
        self, stream: Stream, cursor: str | None, limit: int, walk: Callable[[InboundCursor], Collected]
    ) -> FetchResult:
        """A page of records after ``cursor`` (edits and removals first), walking the platform only when no
        backlog is left."""
        if limit <= 0:
            raise Rejected("The page size must be positive.")
        start = InboundCursor.decode(cursor)
        with self._lock:
            backlog = self._backlog.pop((stream, cursor), None)
            known = self._watches.get((stream, cursor))
        start = replace(start, watch=() if start.time is None else known)
        quarantined: list[Quarantined] = []
        base = start.watch or ()
        if backlog is None:
            found = walk(start)
            seen: set[str] = set()
            fresh = []
            # Graph times have whole seconds: a stable sort keeps the walk's order within one second.
            for rec in sorted(found.records, key=lambda r: r.created_at):
                if start.is_new(rec) and rec.platform_item_id not in seen:
                    seen.add(rec.platform_item_id)
                    fresh.append(rec)
            changes = sorted((c for c in found.changes if c.platform_item_id not in seen), key=lambda r: r.created_at)
            backlog = _Backlog(changes + fresh, len(changes), found.watch is not None)
            quarantined = found.quarantined
            if found.watch is not None:
                base = tuple(found.watch)
        records = backlog.records
        page, rest = records[:limit], records[limit:]
        if not page:
            if backlog.watching:
                self._remember(stream, cursor, base)
            return FetchResult((), cursor, False, tuple(quarantined))
        changed = min(backlog.changes, len(page))
        new = page[changed:]
        if new:
            last = new[-1].created_at
            same = {r.platform_item_id for r in new if r.created_at == last}
            if start.time == last:
                same |= start.ids
        else:
            last, same = start.time or page[-1].created_at, set(start.ids)
        new_cursor = InboundCursor(last, frozenset(same), changes=start.changes + (1 if changed else 0)).encode()
        if backlog.watching:
            self._remember(stream, new_cursor, watch_after(base, new, max(last, start.time or last)))
        if rest:
            with self._lock:
                if sum(len(v.records) for v in self._backlog.values()) + len(rest) <= MAX_BACKLOG:
                    self._backlog[(stream, new_cursor)] = _Backlog(rest, backlog.changes - changed, backlog.watching)
        return FetchResult(tuple(page), new_cursor, bool(rest), tuple(quarantined))


def quarantine(stream: Stream, reason: str, payload: Any) -> Quarantined:
    """A payload that could not be read, kept whole."""
    try:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(payload)
    return Quarantined(stream, reason, text)


class GraphSession:
    """facebook-sdk's ``GraphAPI`` pointed at the account's base URL, with errors translated."""

    def __init__(
        self,
        account: AccountRef,
        credentials: Mapping[str, str],
        *,
        clock: Clock,
        http: HttpSettings,
        platform: Platform,
    ) -> None:
        import facebook

        token = credentials.get("access_token", "")
        if not token:
            raise AuthExpired(
                f"No access token is stored for {account.handle}; reconnect the account.", platform=platform
            )
        self.platform = platform
        self.account = account
        self.clock = clock
        self._local = threading.local()
        self._limits: dict[str, RateLimitState] = {}
        self._last_paced: dict[str, datetime] = {}
        self._limits_lock = threading.Lock()
        base = account.base_url.rstrip("/")
        session = new_session(http, real_base=GRAPH_BASE, target_base=base)
        session.hooks["response"].append(self._on_response)
        self.graph = facebook.GraphAPI(
            access_token=token, timeout=http.timeout, proxies=dict(http.proxies) or None, session=session
        )
        # facebook-sdk 3.1.0 refuses every current version in its constructor; set it afterwards.
        self.graph.version = GRAPH_VERSION
        # facebook-sdk knows one host; video uploads get a GraphAPI whose session sends them to the video host.
        video_base = GRAPH_VIDEO_BASE if urlsplit(base).netloc == urlsplit(GRAPH_BASE).netloc else base
        video_session = new_session(http, real_base=GRAPH_BASE, target_base=video_base)
        video_session.hooks["response"].append(self._on_response)
        self.video_graph = facebook.GraphAPI(
            access_token=token, timeout=http.timeout, proxies=dict(http.proxies) or None, session=video_session
        )
        self.video_graph.version = GRAPH_VERSION
        self._error_type = facebook.GraphAPIError

    # --- headers -------------------------------------------------------------------------------

    def _on_response(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        self._local.status = response.status_code
        self._local.headers = dict(response.headers)
        self._read_usage(response.headers)
        return response

    def _read_usage(self, headers: Mapping[str, str]) -> None:
        now = self.clock.now()
        found: dict[str, RateLimitState] = {}
        app = _json_header(headers, "x-app-usage")
        if isinstance(app, dict):
            used = _max_percent(app)
            found["graph:app"] = RateLimitState("graph:app", 100, max(0, 100 - used), now + USAGE_WINDOW)
        buc = _json_header(headers, "x-business-use-case-usage")
        if isinstance(buc, dict):
            for entries in buc.values():
                for entry in entries if isinstance(entries, list) else []:
                    if not isinstance(entry, dict):
                        continue
                    used = _max_percent(entry)
                    regain = _int(entry.get("estimated_time_to_regain_access"))
                    reset = now + (timedelta(minutes=regain) if regain else USAGE_WINDOW)
                    name = f"graph:buc:{entry.get('type', 'unknown')}"
                    found[name] = RateLimitState(name, 100, max(0, 100 - used), reset)
        if found:
            with self._limits_lock:
                self._limits.update(found)

    def pace(self, key: str, interval: float) -> None:
        """Wait until ``interval`` seconds of clock time have passed since the last call paced under ``key``."""
        with self._limits_lock:
            last = self._last_paced.get(key)
        if last is not None:
            elapsed = (self.clock.now() - last).total_seconds()
            if elapsed < interval:
                self.clock.sleep(interval - elapsed)
        with self._limits_lock:
            self._last_paced[key] = self.clock.now()

    def set_limit(self, state: RateLimitState) -> None:
        """Record a budget learnt from a body rather than a header (Instagram's publishing quota)."""
        with self._limits_lock:
            self._limits[state.endpoint] = state

    def rate_limits(self) -> list[RateLimitState]:
        """The latest budgets."""
        with self._limits_lock:
            return list(self._limits.values())

    def _regain_estimate(self) -> datetime | None:
        headers: Mapping[str, str] = getattr(self._local, "headers", {}) or {}
        buc = _json_header(headers, "x-business-use-case-usage")
        minutes = 0
        if isinstance(buc, dict):
            for entries in buc.values():
                for entry in entries if isinstance(entries, list) else []:
                    if isinstance(entry, dict):
                        minutes = max(minutes, _int(entry.get("estimated_time_to_regain_access")))
        return self.clock.now() + timedelta(minutes=minutes) if minutes else None

    # --- calls ---------------------------------------------------------------------------------

    def get(self, path: str, **args: Any) -> dict[str, Any]:
        """GET a Graph path (without the version)."""
        return self.request(path, args=args)

    def post(self, path: str, files: Mapping[str, Any] | None = None, **data: Any) -> dict[str, Any]:
        """POST a form (or a multipart upload) to a Graph path."""
        return self.request(path, post_args=dict(data), files=files, method="POST")

    def post_video(self, path: str, files: Mapping[str, Any], **data: Any) -> dict[str, Any]:
        """POST a video upload (to Facebook's video host)."""
        return self.request(path, post_args=dict(data), files=files, method="POST", video=True)

    def delete(self, path: str) -> dict[str, Any]:
        """DELETE a Graph object."""
        return self.request(path, method="DELETE")

    def request(
        self,
        path: str,
        *,
        args: Mapping[str, Any] | None = None,
        post_args: dict[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        method: str = "GET",
        video: bool = False,
    ) -> dict[str, Any]:
        """One SDK call; only ``desk.ports`` errors leave here."""
        import requests

        write = method != "GET"
        self._local.status = None
        self._local.headers = {}
        clean_args = {k: _flat(v) for k, v in (args or {}).items() if v is not None}
        clean_post = {k: _flat(v) for k, v in post_args.items() if v is not None} if post_args is not None else None
        try:
            graph = self.video_graph if video else self.graph
            result = graph.request(
                f"{self.graph.version}/{path.lstrip('/')}",
                args=clean_args,
                post_args=clean_post,
                files=dict(files) if files else None,
                method=method,
            )
        except self._error_type as exc:
            raise self.translate(exc, write=write) from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise Transient(f"{self._name} did not answer the connection in time; nothing was sent.") from exc
        except requests.exceptions.ReadTimeout as exc:
            if write:
                raise Unconfirmed(
                    f"{self._name} did not answer in time after the request was sent: check the account before "
                    "sending again.",
                    platform=self.platform,
                ) from exc
            raise Transient(f"{self._name} did not answer in time.", platform=self.platform) from exc
        except requests.exceptions.ConnectionError as exc:
            if write and not _never_connected(exc):
                raise Unconfirmed(
                    f"The connection to {self._name} broke after the request was sent: check the account before "
                    "sending again.",
                    platform=self.platform,
                ) from exc
            raise Transient(f"Cannot reach {self._name}: {_short(exc)}", platform=self.platform) from exc
        except requests.exceptions.RequestException as exc:
            raise Transient(f"Network error talking to {self._name}: {_short(exc)}", platform=self.platform) from exc
        except (KeyError, ValueError) as exc:
            # No content type or a body that is not JSON: an answer from something other than the Graph API.
            raise self._server_trouble(write, f"an unreadable answer ({_short(exc)})") from exc
        if not isinstance(result, dict):
            raise self._server_trouble(write, "an answer that is not a JSON object")
        return result

    @property
    def _name(self) -> str:
        return "Instagram" if self.platform == Platform.INSTAGRAM else "Facebook"

    def _server_trouble(self, write: bool, what: str) -> ConnectorError:
        status = getattr(self._local, "status", None)
        # 502/503 mean a gateway refused before the Graph acted; other failures after a write may have landed.
        if write and status not in (502, 503):
            return Unconfirmed(
                f"{self._name} sent {what} (HTTP {status}) after the request was sent: check the account before "
                "sending again.",
                platform=self.platform,
            )
        return Transient(f"{self._name} sent {what} (HTTP {status}); try again shortly.", platform=self.platform)

    def translate(self, exc: Any, *, write: bool) -> ConnectorError:
        """Map a ``GraphAPIError`` to the closed set of connector errors."""
        result = exc.result if isinstance(getattr(exc, "result", None), dict) else {}
        raw_error = result.get("error")
        error: dict[str, Any] = raw_error if isinstance(raw_error, dict) else {}
        code = _int(error.get("code"))
        subcode = _int(error.get("error_subcode"))
        message = str(error.get("error_user_msg") or error.get("message") or exc)
        status = getattr(self._local, "status", None)
        name = self._name
        if not error:
            return self._server_trouble(write, "an error without details")
        if code in AUTH_CODES:
            return AuthExpired(
                f"The {name} access token for {self.account.handle} is invalid or has expired ({message}). "
                "Reconnect the account in the account settings.",
                platform=self.platform,
            )
        if code in THROTTLE_CODES or 80000 <= code < 80100:
            until = self._regain_estimate() or self.clock.now() + DEFAULT_BACKOFF
            return RateLimited(f"{name} is throttling this account: {message}", until=until, platform=self.platform)
        if code in (1, 2) or (status is not None and status >= 500):
            return self._server_trouble(write, f"a temporary error ({message})")
        if code == 10 and subcode == 2018278:
            return Rejected(
                "The person last wrote too long ago, so the messaging window is closed (24 hours, or 7 days for "
                "a human agent). Answer publicly, or wait until they write again.",
                platform=self.platform,
                platform_code="10/2018278",
            )
        if code == 368:
            return Rejected(
                f"{name} has temporarily blocked this account from this action as possible abuse. Wait before "
                "trying again, and check the account's status in Meta Business Suite.",
                platform=self.platform,
                platform_code="368",
            )
        if code == 506:
            return Rejected(
                f"{name} refused this as a duplicate of the latest post. Change the text before sending it again.",
                platform=self.platform,
                platform_code="506",
            )
        if code == 200 or 200 <= code < 300 or code in (3, 10):
            return Rejected(
                f"The account is not allowed to do this on {name} ({message}). An administrator must grant the "
                "missing permission to the app.",
                platform=self.platform,
                platform_code=str(code),
            )
        return Rejected(
            f"{name} refused the request: {message}",
            platform=self.platform,
            platform_code=f"{code}/{subcode}" if subcode else str(code or ""),
        )

    def paged(self, path: str, *, pace: tuple[str, float] | None = None, **args: Any) -> Iterator[dict[str, Any]]:
        """Follow ``paging.next`` (cursor- or time-based, as the SDK's ``get_all_connections`` does); yields pages.

        ``pace`` = (key, seconds) spaces the calls (e.g. the conversations API's 2 calls per second)."""
        current = {k: v for k, v in args.items() if v is not None}
        for _ in range(MAX_PAGES):
            if pace:
                self.pace(*pace)
            try:
                page = self.get(path, **current)
            except RateLimited:
                if not pace:
                    raise
                # a per-second limit hit despite pacing (requests bunched on the way): wait it out once
                self.clock.sleep(pace[1])
                self.clock.sleep(pace[1])
                page = self.get(path, **current)
            yield page
            following = next_args(page)
            if following is None or following == current:
                return
            current = following


def next_args(page: Mapping[str, Any]) -> dict[str, str] | None:
    """The query of ``paging.next`` (without the token), or None on the last page."""
    nxt = _dict(page.get("paging")).get("next")
    if not isinstance(nxt, str) or not nxt:
        return None
    query = parse_qs(urlsplit(nxt).query, keep_blank_values=True)
    query.pop("access_token", None)
    return {k: v[-1] for k, v in query.items()}


def encode_page_cursor(page: Mapping[str, Any]) -> str | None:
    """A feed column cursor: the next page's query, opaque to the desk."""
    following = next_args(page)
    if following is None:
        return None
    return base64.urlsafe_b64encode(json.dumps(following, sort_keys=True).encode()).decode()


def decode_page_cursor(cursor: str | None) -> dict[str, str]:
    """Read a feed column cursor back into query arguments."""
    if not cursor:
        return {}
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (ValueError, UnicodeError) as exc:
        raise Rejected("The feed position cannot be read; reload the column.") from exc
    if not isinstance(raw, dict):
        raise Rejected("The feed position cannot be read; reload the column.")
    return {str(k): str(v) for k, v in raw.items()}


def object_id(answer: Mapping[str, Any], key: str = "id", *, platform: Platform) -> str:
    """The id in a write's answer; an answer without one leaves the outcome unknown."""
    value = answer.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value):
        raise Unconfirmed(
            f"The platform accepted the request but sent back no {key}: check the account before sending again.",
            platform=platform,
        )
    return str(value)


def items_of(page: Mapping[str, Any]) -> list[Any]:
    """The ``data`` list of a Graph page (empty when missing or malformed)."""
    data = page.get("data")
    return data if isinstance(data, list) else []


def summary_count(value: Any) -> int | None:
    """``{"summary": {"total_count": n}}`` -> n."""
    if isinstance(value, dict) and isinstance(value.get("summary"), dict):
        count = value["summary"].get("total_count")
        return count if isinstance(count, int) else None
    return None


def chunks(values: Iterable[str], size: int) -> Iterator[list[str]]:
    """Split ids into batches (Graph's ``ids=`` takes at most 50)."""
    batch: list[str] = []
    for v in values:
        batch.append(v)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _json_header(headers: Mapping[str, str], name: str) -> Any:
    for key, value in headers.items():
        if key.lower() == name:
            try:
                return json.loads(value)
            except ValueError:
                return None
    return None


def _max_percent(entry: Mapping[str, Any]) -> int:
    return max(_int(entry.get(k)) for k in ("call_count", "total_cputime", "total_time"))


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _flat(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:197] + "..."


def _never_connected(exc: BaseException) -> bool:
    """Whether a connection error happened before anything was sent (refused, DNS, connect timeout)."""
    stack: list[BaseException] = [exc]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if type(current).__name__ in (
            "NewConnectionError",
            "ConnectTimeoutError",
            "NameResolutionError",
            "ConnectionRefusedError",
        ):
            return True
        for nxt in (current.__cause__, current.__context__, getattr(current, "reason", None), *current.args):
            if isinstance(nxt, BaseException):
                stack.append(nxt)
    return False
