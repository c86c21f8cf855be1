"""X API v2 on the sandbox: users/me, timelines, search, post lookup, posting, DMs and v2 media upload.

Answers the way api.twitter.com answers (see the recordings in ``reference/x``): the same fields and
nesting, OAuth 1.0a signatures verified against the real host URL (tweepy signs
``https://api.twitter.com/...`` before its transport sends the request here), app bearer tokens accepted
on read endpoints, X's own error bodies, rate limits with ``x-rate-limit-*`` headers and 429s without
``Retry-After``, and text counted by twitter-text v3 (280 weighted).
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import hmac
import io
import json
import math
import re
import unicodedata
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

from oauthlib.oauth1.rfc5849 import signature as oauth_signature  # type: ignore[import-untyped]
from oauthlib.oauth1.rfc5849 import utils as oauth_utils
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from connectors.sandbox.state import ReceivedMedia, SandboxAccount, SandboxState

REAL_HOSTS = ("https://api.twitter.com", "https://api.x.com")
TWEPOCH_MS = 1288834974657  # X's snowflake epoch
TEXT_LIMIT = 280
ALT_TEXT_LIMIT = 1000
FIFTEEN_MIN = timedelta(minutes=15)
DAY = timedelta(hours=24)
RECENT_SEARCH_WINDOW = timedelta(days=7)
NON_PUBLIC_WINDOW = timedelta(days=30)
DUPLICATE_WINDOW = timedelta(hours=24)
MEDIA_EXPIRY_S = 86400
CHUNK_MAX = 5 * 1024 * 1024
# The mentions timeline reaches only the newest 800 mentions ("Using pagination, the most recent 800 Posts
# can be retrieved"); older ones exist but no page, token or since_id brings them back.
MENTIONS_REACH = 800

PROBLEM_BASE = "https://api.twitter.com/2/problems/"
NEXT_PREFIX = "7140dibdnow9"  # pagination tokens look like X's: opaque, base-36
PREVIOUS_PREFIX = "1BLC45G1"
# Partial errors inside a 200 answer follow the current OpenAPI document's problem types.
PARTIAL_PROBLEM_BASE = "https://api.x.com/2/problems/"


@dataclass(frozen=True)
class Limit:
    """Per-user (and optionally per-app) budget of one endpoint in a 15-minute window."""

    user: int
    app: int | None = None  # None: app-only bearer tokens are not accepted
    user_day: int | None = None  # extra 24-hour per-user budget (x-user-limit-24hour-*)
    app_day: int | None = None  # extra 24-hour per-app budget (x-app-limit-24hour-*)


# Budgets from DOMAIN.md where it names them, else the figures the recordings' headers show.
LIMITS: dict[str, Limit] = {
    "users_me": Limit(75),
    "mentions": Limit(300, app=450),
    "home": Limit(180),
    "user_tweets": Limit(900, app=1500),
    "search": Limit(180, app=450),
    "lookup": Limit(900, app=300),
    # 2,400 a day is X's published per-account daily post limit.
    "create": Limit(100, user_day=2400, app_day=10_000),
    "delete": Limit(50),
    "hide": Limit(50),
    "dm_events": Limit(15),
    "dm_send": Limit(15, user_day=1440),
    "media": Limit(500),
}

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/bmp", "image/pjpeg", "image/tiff"}
GIF_TYPES = {"image/gif"}
VIDEO_TYPES = {"video/mp4", "video/quicktime", "video/webm", "video/mp2t"}
MEDIA_TYPES = IMAGE_TYPES | GIF_TYPES | VIDEO_TYPES | {"text/srt", "text/vtt"}
MAX_BYTES = {"photo": 5 * 1024 * 1024, "animated_gif": 15 * 1024 * 1024, "video": 512 * 1024 * 1024}
KEY_PREFIX = {"photo": "3", "video": "7", "animated_gif": "16"}


def _words(text: str) -> set[str]:
    return set(text.split())


TWEET_FIELDS = _words(
    "article article_title attachments author_id card_uri community_id context_annotations "
    "conversation_id created_at display_text_range edit_controls edit_history_tweet_ids entities geo id "
    "in_reply_to_user_id lang matched_media_notes media_metadata non_public_metrics note_post "
    "note_request_suggestions note_tweet organic_metrics paid_partnership possibly_sensitive "
    "promoted_metrics public_metrics referenced_tweets reply_settings scopes source "
    "suggested_source_links suggested_source_links_with_counts text withheld "
)
TWEET_EXPANSIONS = _words(
    "article.cover_media article.media_entities attachments.media_keys attachments.media_source_tweet "
    "attachments.poll_ids author_id edit_history_post_ids edit_history_tweet_ids "
    "entities.mentions.username geo.place_id in_reply_to_user_id referenced_posts referenced_tweets.id "
    "referenced_tweets.id.author_id username "
)
USER_FIELDS = _words(
    "affiliation confirmed_email connection_status created_at description entities id "
    "is_identity_verified location most_recent_tweet_id name parody pinned_tweet_id profile_banner_url "
    "profile_image_url protected public_metrics receives_your_dm subscribes_to_you subscription "
    "subscription_type url username verified verified_followers_count verified_type withheld "
)
MEDIA_FIELDS = _words(
    "alt_text duration_ms height media_key non_public_metrics organic_metrics preview_image_url "
    "promoted_metrics public_metrics type url variants width "
)
DM_FIELDS = _words(
    "attachments created_at dm_conversation_id entities event_type id participant_ids referenced_tweets sender_id text "
)
DM_EXPANSIONS = {"attachments.media_keys", "participant_ids", "referenced_tweets.id", "referenced_posts", "sender_id"}
MEDIA_CATEGORIES = {
    "amplify_video", "tweet_gif", "tweet_image", "tweet_video", "dm_gif", "dm_image", "dm_video", "subtitles",
}  # fmt: skip
REPLY_SETTINGS = {"following", "mentionedUsers", "subscribers", "verified"}
CREATE_KEYS = _words(
    "card_uri community_id direct_message_deep_link edit_options for_super_followers_only geo "
    "made_with_ai media nullcast paid_partnership poll quote_tweet_id reply reply_settings "
    "share_with_followers text "
)

MENTION_RE = re.compile(r"(?<![\w@])@(\w{1,50})")  # X caps names at 15; sandbox handles may be longer
HASHTAG_RE = re.compile(r"(?<![\w#&])#(\w*[^\W\d]\w*)")
ID_RE = re.compile(r"^[0-9]{1,19}$")


# --- records ---------------------------------------------------------------------------------


@dataclass
class XApp:
    """A developer app: consumer key/secret and its app-only bearer token."""

    consumer_key: str
    consumer_secret: str
    bearer_token: str
    app_id: str


@dataclass
class XUser:
    """An X account on the sandbox."""

    id: str
    username: str
    name: str
    created_at: datetime
    is_force: bool
    account: SandboxAccount
    description: str = ""


@dataclass
class XTweet:
    """A post."""

    id: int
    author_id: str
    text: str
    created_at: datetime
    conversation_id: int
    in_reply_to_user_id: str | None = None
    referenced: list[tuple[str, int]] = field(default_factory=list)  # (type, id)
    media_keys: list[str] = field(default_factory=list)
    lang: str = "en"
    reply_settings: str = "everyone"
    edit_history: list[int] = field(default_factory=list)
    hidden: bool = False
    deleted: bool = False
    mentions: list[str] = field(default_factory=list)  # user ids mentioned


@dataclass
class XDmEvent:
    """A direct-message event."""

    id: int
    conversation_id: str
    sender_id: str
    text: str
    created_at: datetime
    participant_ids: list[str]
    media_keys: list[str] = field(default_factory=list)


@dataclass
class XUpload:
    """A media upload session (v2: initialize, append, finalize, status)."""

    media_id: str
    media_key: str
    owner_id: str
    media_type: str
    kind: str  # photo, video, animated_gif
    total_bytes: int
    category: str
    created_at: datetime
    segments: dict[int, bytes] = field(default_factory=dict)
    finalized: bool = False
    status_polls: int = 0
    width: int = 0
    height: int = 0
    size: int = 0


@dataclass
class AuthContext:
    """Who is calling: a user (OAuth 1.0a) or an app (bearer)."""

    app: XApp
    user: XUser | None

    @property
    def rate_key(self) -> str:
        """Whose budget a request spends: the user's, or the app's for bearer calls."""
        return f"x:user:{self.user.id}" if self.user else f"x:app:{self.app.consumer_key}"


class XError(Exception):
    """An answer to send instead of the normal one."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


# --- response helpers --------------------------------------------------------------------------


def iso(dt: datetime) -> str:
    """X's timestamp format: ``2022-10-07T22:43:18.000Z``."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON the way X sends it (``application/json; charset=utf-8``)."""
    return Response(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status_code=status,
        media_type="application/json; charset=utf-8",
        headers=headers,
    )


def problem(status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any) -> Response:
    """An RFC 7807 problem body as X sends them for 401/403/429."""
    body = {"title": title, "detail": detail, "type": type_, "status": status, **extra}
    return Response(json.dumps(body, separators=(",", ":")), status_code=status, media_type="application/problem+json")


def not_in_schema(key: str) -> str:
    """X's message for an unknown body property."""
    return f"$.{key}: is not defined in the schema and the schema does not allow additional properties"


def unauthorized() -> XError:
    """X's answer to wrong, revoked or missing credentials."""
    return XError(problem(401, "Unauthorized", "Unauthorized"))


def forbidden(detail: str) -> XError:
    """A 403 with X's plain problem body."""
    return XError(problem(403, "Forbidden", detail))


def invalid(parameter: str, value: Any, message: str) -> XError:
    """X's 400 ``invalid-request`` body."""
    body = {
        "errors": [{"parameters": {parameter: [str(value)]}, "message": message}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": PROBLEM_BASE + "invalid-request",
    }
    return XError(json_response(body, 400))


def not_found_error(value: str, parameter: str, resource_type: str = "tweet") -> dict[str, Any]:
    """A partial ``resource-not-found`` error inside a 200 answer."""
    noun = "tweet" if resource_type == "tweet" else resource_type
    return {
        "value": value,
        "detail": f"Could not find {noun} with {parameter}: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource_type,
        "parameter": parameter,
        "resource_id": value,
        "type": PARTIAL_PROBLEM_BASE + "resource-not-found",
    }


def hmac_sha1(base_string: str, consumer_secret: str, token_secret: str) -> str:
    """The OAuth 1.0a HMAC-SHA1 signature of a base string (RFC 5849 section 3.4.2)."""
    key = f"{oauth_utils.escape(consumer_secret)}&{oauth_utils.escape(token_secret)}"
    digest = hmac.new(key.encode(), base_string.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def snowflake_time(item_id: int) -> datetime:
    """When an X id was minted (ids are snowflakes)."""
    from datetime import UTC

    return datetime.fromtimestamp(((item_id >> 22) + TWEPOCH_MS) / 1000, tz=UTC)


def escape_text(text: str) -> str:
    """Post text as X v2 sends it: ``&``, ``<`` and ``>`` as HTML entities (see the home timeline recording)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def weighted_length(text: str) -> int:
    """The length X counts: twitter-text v3 (NFC, CJK and emoji weigh 2, every URL 23)."""
    import twitter_text

    return int(twitter_text.parse_tweet(unicodedata.normalize("NFC", text)).weightedLength)


def _csv(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


# --- the platform ------------------------------------------------------------------------------


class XSandbox:
    """All X state on one sandbox, and the HTTP handlers that serve it."""

    name = "x"

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.apps: dict[str, XApp] = {}  # consumer key -> app
        self.apps_by_bearer: dict[str, XApp] = {}
        self.tokens: dict[str, tuple[XUser, str, XApp]] = {}  # access token -> (user, secret, app)
        self.users: dict[str, XUser] = {}
        self.by_username: dict[str, str] = {}
        self.tweets: dict[int, XTweet] = {}
        self.timeline: list[int] = []  # every tweet id, ascending
        self.user_tweets: dict[str, list[int]] = {}
        self.user_mentions: dict[str, list[int]] = {}
        self.reply_counts: dict[int, int] = {}
        self.quote_counts: dict[int, int] = {}
        self.dm_store: dict[int, XDmEvent] = {}
        self.user_dms: dict[str, list[int]] = {}
        self.uploads: dict[str, XUpload] = {}
        self.media: dict[str, dict[str, Any]] = {}  # media key -> media object for includes
        self.nonces: deque[str] = deque(maxlen=50_000)
        self.nonce_set: set[str] = set()
        self._last_id = 0
        # How deep the mentions timeline reaches; benchmarks raise it to time 10,000 mentions in one walk.
        self.mentions_reach: int | None = MENTIONS_REACH

    # --- ids and accounts ------------------------------------------------------------------------

    def next_id(self) -> int:
        """A snowflake id from the sandbox clock, strictly increasing."""
        with self.state.lock:
            ms = int(self.state.now().timestamp() * 1000) - TWEPOCH_MS
            candidate = (max(ms, 0) << 22) | (1 << 17)
            self._last_id = max(candidate, self._last_id + 1)
            return self._last_id

    def create_account(
        self, handle: str, display_name: str, *, is_force: bool = True, **options: Any
    ) -> SandboxAccount:
        """Register an X account with its own app and OAuth 1.0a user tokens."""
        base = re.sub(r"[^A-Za-z0-9_]", "", handle.lstrip("@")) or "user"
        with self.state.lock:
            username = base
            n = 1
            while username.lower() in self.by_username:
                n += 1
                username = f"{base}{n}"
            user_id = str(self.next_id())
            app = XApp(
                consumer_key=self.state.new_token("", 18)[:25],
                consumer_secret=self.state.new_token("", 38)[:50],
                bearer_token="AAAAAAAAAAAAAAAAAAAAA" + self.state.new_token("", 60)[:80],
                app_id=str(self.state.next_number() + 20_000_000),
            )
            access_token = f"{user_id}-" + self.state.new_token("", 30)[:40]
            secret = self.state.new_token("", 34)[:45]
            credentials = {
                "consumer_key": app.consumer_key,
                "consumer_secret": app.consumer_secret,
                "access_token": access_token,
                "access_token_secret": secret,
                "bearer_token": app.bearer_token,
            }
            account = SandboxAccount(
                platform="x",
                account_id=user_id,
                handle=username,
                display_name=display_name,
                credentials=credentials,
                is_force=is_force,
                extra={"app_id": app.app_id},
            )
            user = XUser(user_id, username, display_name, self.state.now(), is_force, account)
            self.users[user_id] = user
            self.by_username[username.lower()] = user_id
            self.apps[app.consumer_key] = app
            self.apps_by_bearer[app.bearer_token] = app
            self.tokens[access_token] = (user, secret, app)
            self.user_tweets[user_id] = []
            self.user_mentions[user_id] = []
            self.user_dms[user_id] = []
            self.state.register(account, access_token, app.bearer_token)
        return account

    def summary(self) -> dict[str, Any]:
        """Counts for ``/_sandbox/summary``."""
        with self.state.lock:
            return {
                "accounts": len(self.users),
                "posts": sum(1 for t in self.tweets.values() if not t.deleted),
                "dm_events": len(self.dm_store),
                "media": len(self.uploads),
            }

    # --- creating things (shared by the API and by ``inject``) -------------------------------------

    def _add_tweet(
        self,
        author: XUser,
        text: str,
        *,
        reply_to: XTweet | None = None,
        quote: XTweet | None = None,
        media_keys: Iterable[str] = (),
        lang: str | None = None,
        reply_settings: str | None = None,
        edit_of: XTweet | None = None,
    ) -> XTweet:
        with self.state.lock:
            tid = self.next_id()
            referenced: list[tuple[str, int]] = []
            conversation = tid
            in_reply_to_user = None
            if reply_to is not None:
                referenced.append(("replied_to", reply_to.id))
                conversation = reply_to.conversation_id
                in_reply_to_user = reply_to.author_id
            if quote is not None:
                referenced.append(("quoted", quote.id))
            if edit_of is not None:
                referenced = list(edit_of.referenced)
                conversation = edit_of.conversation_id
                in_reply_to_user = edit_of.in_reply_to_user_id
            mentioned = []
            for name in MENTION_RE.findall(text):
                uid = self.by_username.get(name.lower())
                if uid and uid not in mentioned:
                    mentioned.append(uid)
            tweet = XTweet(
                id=tid,
                author_id=author.id,
                text=unicodedata.normalize("NFC", text),
                created_at=self.state.now(),
                conversation_id=conversation,
                in_reply_to_user_id=in_reply_to_user,
                referenced=referenced,
                media_keys=list(media_keys),
                lang=lang or "en",
                reply_settings=reply_settings or "everyone",
                mentions=mentioned,
            )
            if edit_of is not None:
                chain = [*edit_of.edit_history, tid]
                for old_id in edit_of.edit_history:
                    self.tweets[old_id].edit_history = chain
                tweet.edit_history = chain
            else:
                tweet.edit_history = [tid]
            self.tweets[tid] = tweet
            self.timeline.append(tid)
            self.user_tweets.setdefault(author.id, []).append(tid)
            for uid in mentioned:
                self.user_mentions.setdefault(uid, []).append(tid)
            if reply_to is not None and edit_of is None:
                self.reply_counts[reply_to.id] = self.reply_counts.get(reply_to.id, 0) + 1
            if quote is not None:
                self.quote_counts[quote.id] = self.quote_counts.get(quote.id, 0) + 1
        return tweet

    def may_reply(self, user: XUser, post: XTweet) -> bool:
        """Whether ``post``'s reply settings let ``user`` reply (everyone follows everyone on the sandbox)."""
        if post.author_id == user.id or post.reply_settings in ("everyone", "following"):
            return True
        if post.reply_settings == "mentionedUsers":
            return user.id in post.mentions
        if post.reply_settings == "verified":
            return user.is_force
        return False

    def _add_dm(self, sender: XUser, recipient_ids: list[str], conversation_id: str, text: str) -> XDmEvent:
        with self.state.lock:
            event = XDmEvent(
                id=self.next_id(),
                conversation_id=conversation_id,
                sender_id=sender.id,
                text=text,
                created_at=self.state.now(),
                participant_ids=sorted({sender.id, *recipient_ids}, key=int),
            )
            self.dm_store[event.id] = event
            for uid in event.participant_ids:
                self.user_dms.setdefault(uid, []).append(event.id)
        return event

    @staticmethod
    def conversation_id_for(a: str, b: str) -> str:
        """X's one-to-one conversation id: the two user ids, smaller first."""
        low, high = sorted((a, b), key=int)
        return f"{low}-{high}"

    def _attach_url(self, url: str) -> str:
        mime = "video" if url.lower().endswith((".mp4", ".mov")) else "photo"
        key = f"{KEY_PREFIX[mime]}_{self.next_id()}"
        self.media[key] = {"media_key": key, "type": mime, "url": url}
        return key

    def inject(self, force: SandboxAccount, kind: str, author: SandboxAccount, text: str, **options: Any) -> str:
        """Make ``author`` mention, reply to or message the force account; returns the new id."""
        with self.state.lock:
            f_user = self.users.get(force.account_id)
            a_user = self.users.get(author.account_id)
            if f_user is None or a_user is None:
                raise ValueError("unknown X account")
            if options.get("delete_id"):
                tweet = self.tweets.get(int(str(options["delete_id"])))
                if tweet is None or tweet.author_id != a_user.id:
                    raise ValueError("no such post by this author")
                tweet.deleted = True
                return str(tweet.id)
            media = [self._attach_url(str(options["attachment_url"]))] if options.get("attachment_url") else []
            lang = options.get("lang")
            if kind == "dm":
                if options.get("edit_of"):
                    raise ValueError("X direct messages cannot be edited")
                conversation = self.conversation_id_for(f_user.id, a_user.id)
                event = self._add_dm(a_user, [f_user.id], conversation, text)
                event.media_keys = media
                return str(event.id)
            if kind not in ("mention", "reply"):
                raise ValueError(f"X has no {kind!r}; use mention, reply or dm")
            if f"@{f_user.username}".lower() not in text.lower():
                text = f"@{f_user.username} {text}"
            if options.get("edit_of"):
                original = self.tweets.get(int(str(options["edit_of"])))
                if original is None or original.author_id != a_user.id or original.deleted:
                    raise ValueError("no such post by this author to edit")
                # X allows five edits within an hour of posting.
                first = self.tweets[original.edit_history[0]]
                if len(original.edit_history) > 5 or self.state.now() - first.created_at > timedelta(hours=1):
                    raise ValueError("X no longer allows editing this post")
                return str(self._add_tweet(a_user, text, media_keys=media, lang=lang, edit_of=original).id)
            reply_to = None
            if kind == "reply":
                if options.get("reply_to"):
                    reply_to = self.tweets.get(int(str(options["reply_to"])))
                else:
                    own = [self.tweets[i] for i in self.user_tweets.get(f_user.id, []) if not self.tweets[i].deleted]
                    reply_to = own[-1] if own else None
                if reply_to is None or reply_to.deleted:
                    raise ValueError("no post to reply to: the force account has not posted yet")
                if not self.may_reply(a_user, reply_to):
                    raise ValueError("the force limited who can reply to this post")
            return str(self._add_tweet(a_user, text, reply_to=reply_to, media_keys=media, lang=lang).id)

    # --- authentication ---------------------------------------------------------------------------

    def authenticate(self, request: Request, *, allow_bearer: bool) -> AuthContext:
        """Verify an OAuth 1.0a signature or an app bearer token; raise X's 401/403 otherwise."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:].strip()
            app = self.apps_by_bearer.get(token)
            if app is None or self.state.account_for_token(token) is None:
                raise unauthorized()
            if not allow_bearer:
                raise XError(
                    problem(
                        403,
                        "Unsupported Authentication",
                        "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  "
                        "Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
                        PROBLEM_BASE + "unsupported-authentication",
                    )
                )
            request.state.x_access = "read"
            return AuthContext(app, None)
        if not header.lower().startswith("oauth "):
            raise unauthorized()
        try:
            params = {k: oauth_utils.unescape(v) for k, v in oauth_utils.parse_authorization_header(header)}
        except (ValueError, TypeError):
            raise unauthorized() from None
        consumer_key = params.get("oauth_consumer_key", "")
        token = params.get("oauth_token", "")
        sent_signature = params.get("oauth_signature", "")
        app = self.apps.get(consumer_key)
        found = self.tokens.get(token)
        if app is None or found is None or found[2] is not app or self.state.account_for_token(token) is None:
            raise unauthorized()
        if params.get("oauth_signature_method") != "HMAC-SHA1":
            raise unauthorized()
        user, token_secret, _ = found
        signed = [(k, v) for k, v in params.items() if k not in ("oauth_signature", "realm")]
        query = parse_qsl(request.url.query, keep_blank_values=True)
        body_params = getattr(request.state, "x_form", [])  # form-encoded bodies are signed too
        normalized = oauth_signature.normalize_parameters(signed + query + body_params)
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        path = raw_path.decode("latin-1").split("?", 1)[0]
        ok = False
        for host in REAL_HOSTS:
            base = oauth_signature.signature_base_string(
                request.method.upper(), oauth_signature.base_string_uri(host + path), normalized
            )
            expected = hmac_sha1(base, app.consumer_secret, token_secret)
            if oauth_signature.safe_string_equals(expected, sent_signature):
                ok = True
                break
        if not ok:
            raise unauthorized()
        nonce = f"{consumer_key}:{params.get('oauth_nonce', '')}:{params.get('oauth_timestamp', '')}"
        with self.state.lock:
            if nonce in self.nonce_set:
                raise unauthorized()  # a replayed request
            if len(self.nonces) == self.nonces.maxlen:
                self.nonce_set.discard(self.nonces[0])
            self.nonces.append(nonce)
            self.nonce_set.add(nonce)
        request.state.account_id = user.id
        return AuthContext(app, user)

    # --- rate limits --------------------------------------------------------------------------------

    def take(self, ctx: AuthContext, endpoint: str) -> dict[str, str]:
        """Take one request from the budgets of ``endpoint``; headers to send, or X's 429."""
        limit = LIMITS[endpoint]
        now = self.state.now()
        per = limit.user if ctx.user else (limit.app or limit.user)
        ok, window = self.state.rate_allows(ctx.rate_key, endpoint, per, FIFTEEN_MIN, fixed=True)
        headers = {
            "x-rate-limit-limit": str(per),
            "x-rate-limit-remaining": str(window.remaining(now)),
            "x-rate-limit-reset": str(int(window.reset_at(now).timestamp())),
        }
        day_checks: list[tuple[str, str, int]] = []
        if limit.user_day and ctx.user:
            day_checks.append(("user", ctx.rate_key, limit.user_day))
        if limit.app_day:
            day_checks.append(("app", f"x:app:{ctx.app.consumer_key}", limit.app_day))
        for scope, key, day_limit in day_checks:
            if not ok:
                break
            day_ok, day_window = self.state.rate_allows(key, endpoint + ":24h", day_limit, DAY, fixed=True)
            headers[f"x-{scope}-limit-24hour-limit"] = str(day_limit)
            headers[f"x-{scope}-limit-24hour-remaining"] = str(day_window.remaining(now))
            headers[f"x-{scope}-limit-24hour-reset"] = str(int(day_window.reset_at(now).timestamp()))
            if not day_ok:
                ok = False
                headers["x-rate-limit-reset"] = headers[f"x-{scope}-limit-24hour-reset"]
        if not ok:
            response = problem(429, "Too Many Requests", "Too Many Requests")
            response.headers.update(headers)
            raise XError(response)
        return headers

    # --- rendering ------------------------------------------------------------------------------------

    def _metrics(self, t: XTweet, now: datetime) -> tuple[dict[str, int], dict[str, int]]:
        """Engagement that grows with age, deterministic per post, so polling sees it change."""
        age_min = max(0.0, (now - t.created_at).total_seconds() / 60)
        spread = ((t.id * 2654435761) >> 7) % 1000 / 1000
        author = self.users.get(t.author_id)
        scale = (1.5 + 6 * spread) if author and author.is_force else (0.2 + spread)
        likes = int(scale * math.log1p(age_min))
        impressions = likes * 37 + int(age_min * 2 * (1 + spread))
        public = {
            "retweet_count": likes // 4,
            "repost_count": likes // 4,
            "reply_count": self.reply_counts.get(t.id, 0),
            "like_count": likes,
            "quote_count": self.quote_counts.get(t.id, 0),
            "bookmark_count": likes // 8,
            "impression_count": impressions,
        }
        private = {"impression_count": impressions, "user_profile_clicks": likes // 3}
        if "http" in t.text:
            private["url_link_clicks"] = likes // 2
        return public, private

    def _entities(self, text: str) -> dict[str, Any]:
        import twitter_text

        out: dict[str, Any] = {}
        mentions = []
        for m in MENTION_RE.finditer(text):
            entry: dict[str, Any] = {"start": m.start(), "end": m.end(), "username": m.group(1)}
            uid = self.by_username.get(m.group(1).lower())
            if uid:
                entry["id"] = uid
            mentions.append(entry)
        if mentions:
            out["mentions"] = mentions
        tags = [{"start": m.start(), "end": m.end(), "tag": m.group(1)} for m in HASHTAG_RE.finditer(text)]
        if tags:
            out["hashtags"] = tags
        urls = []
        for u in twitter_text.extract_urls_with_indices(text):
            start, end = u["indices"]
            urls.append(
                {"start": start, "end": end, "url": u["url"], "expanded_url": u["url"], "display_url": u["url"]}
            )
        if urls:
            out["urls"] = urls
        return out

    def render_tweet(self, t: XTweet, fields: set[str], viewer: str | None, now: datetime) -> dict[str, Any]:
        """One post with the default fields plus those asked for."""
        out: dict[str, Any] = {"edit_history_tweet_ids": [str(i) for i in t.edit_history], "id": str(t.id)}
        if "attachments" in fields and t.media_keys:
            out["attachments"] = {"media_keys": list(t.media_keys)}
        if "author_id" in fields:
            out["author_id"] = t.author_id
        if "conversation_id" in fields:
            out["conversation_id"] = str(t.conversation_id)
        if "created_at" in fields:
            out["created_at"] = iso(t.created_at)
        if "edit_controls" in fields:
            out["edit_controls"] = {
                "edits_remaining": max(0, 6 - len(t.edit_history)),
                "is_edit_eligible": True,
                "editable_until": iso(t.created_at + timedelta(hours=1)),
            }
        if "entities" in fields:
            entities = self._entities(t.text)
            if entities:
                out["entities"] = entities
        if "in_reply_to_user_id" in fields and t.in_reply_to_user_id:
            out["in_reply_to_user_id"] = t.in_reply_to_user_id
        if "lang" in fields:
            out["lang"] = t.lang
        if "possibly_sensitive" in fields:
            out["possibly_sensitive"] = False
        if "public_metrics" in fields or "non_public_metrics" in fields:
            public, private = self._metrics(t, now)
            if "public_metrics" in fields:
                out["public_metrics"] = public
            if "non_public_metrics" in fields and viewer == t.author_id:
                if now - t.created_at > NON_PUBLIC_WINDOW:
                    raise invalid(
                        "tweet.fields",
                        "non_public_metrics",
                        "Non-public metrics are only available for posts created in the last 30 days.",
                    )
                out["non_public_metrics"] = private
        if "referenced_tweets" in fields and t.referenced:
            out["referenced_tweets"] = [{"type": kind, "id": str(i)} for kind, i in t.referenced]
        if "reply_settings" in fields:
            out["reply_settings"] = t.reply_settings
        out["text"] = escape_text(t.text)
        return out

    def render_user(self, u: XUser, fields: set[str]) -> dict[str, Any]:
        """One user with the default fields plus those asked for."""
        out: dict[str, Any] = {"id": u.id, "name": u.name, "username": u.username}
        if "created_at" in fields:
            out["created_at"] = iso(u.created_at)
        if "description" in fields:
            out["description"] = u.description
        if "profile_image_url" in fields:
            out["profile_image_url"] = "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"
        if "protected" in fields:
            out["protected"] = False
        if "verified" in fields:
            out["verified"] = u.is_force
        if "verified_type" in fields:
            out["verified_type"] = "government" if u.is_force else "none"
        if "url" in fields:
            out["url"] = ""
        if "public_metrics" in fields:
            posts = len(self.user_tweets.get(u.id, []))
            followers = 4000 if u.is_force else 120
            out["public_metrics"] = {
                "followers_count": followers,
                "following_count": 150,
                "tweet_count": posts,
                "post_count": posts,
                "listed_count": 12,
                "like_count": 0,
                "media_count": 0,
            }
        return out

    def render_media(self, key: str, fields: set[str]) -> dict[str, Any] | None:
        """One media object for ``includes.media``."""
        media = self.media.get(key)
        if media is None:
            return None
        out: dict[str, Any] = {"media_key": key, "type": media["type"]}
        for name in ("url", "alt_text", "width", "height", "preview_image_url", "duration_ms"):
            if name in fields and media.get(name) not in (None, ""):
                out[name] = media[name]
        return out

    # --- query parsing ----------------------------------------------------------------------------------

    @staticmethod
    def _fields(request: Request, names: tuple[str, ...], allowed: set[str]) -> set[str]:
        wanted: set[str] = set()
        for name in names:
            raw = request.query_params.get(name)
            if raw is None:
                continue
            values = _csv(raw)
            for value in values:
                if value not in allowed and value.replace("post", "tweet") not in allowed:
                    raise invalid(
                        name,
                        value,
                        f"The `{name}` query parameter value [{value}] is not one of [{','.join(sorted(allowed))}]",
                    )
            wanted.update(v.replace("referenced_posts", "referenced_tweets") for v in values)
        return wanted

    def _tweet_query(self, request: Request) -> tuple[set[str], set[str], set[str], set[str]]:
        tweet_fields = self._fields(request, ("tweet.fields", "post.fields"), TWEET_FIELDS)
        expansions = self._fields(request, ("expansions",), TWEET_EXPANSIONS)
        if "referenced_tweets" in expansions:
            expansions.add("referenced_tweets.id")
        user_fields = self._fields(request, ("user.fields",), USER_FIELDS)
        media_fields = self._fields(request, ("media.fields",), MEDIA_FIELDS)
        return tweet_fields, expansions, user_fields, media_fields

    @staticmethod
    def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise invalid(name, raw, f"The `{name}` query parameter value [{raw}] is not a valid integer") from None
        if not low <= value <= high:
            raise invalid(name, raw, f"The `{name}` query parameter value [{raw}] is not between {low} and {high}")
        return value

    @staticmethod
    def _id_param(request: Request, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not ID_RE.match(raw):
            raise invalid(name, raw, f"The `{name}` query parameter value [{raw}] does not match ^[0-9]{{1,19}}$")
        return int(raw)

    @staticmethod
    def _time_param(request: Request, name: str) -> datetime | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise invalid(name, raw, f"Invalid '{name}':'{raw}'. '{name}' must be a valid RFC3339 date.") from None
        if value.tzinfo is None:
            raise invalid(name, raw, f"Invalid '{name}':'{raw}'. '{name}' must be a valid RFC3339 date.")
        return value

    @staticmethod
    def encode_token(oldest: int) -> str:
        """An opaque next_token: where the next (older) page starts."""
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"
        n, out = oldest, ""
        while n:
            n, r = divmod(n, 36)
            out = digits[r] + out
        return NEXT_PREFIX + out

    @staticmethod
    def decode_token(token: str, name: str = "pagination_token") -> int:
        """The id a next_token stands for; X's 400 when it is not one of ours."""
        if not token.startswith(NEXT_PREFIX) or len(token) <= len(NEXT_PREFIX):
            raise invalid(name, token, f"The `{name}` query parameter value [{token}] is not valid")
        try:
            return int(token[len(NEXT_PREFIX) :], 36)
        except ValueError:
            raise invalid(name, token, f"The `{name}` query parameter value [{token}] is not valid") from None

    def page_ids(
        self,
        request: Request,
        ids: list[int],
        *,
        max_default: int,
        max_low: int,
        max_high: int,
        keep: Callable[[int], bool],
        token_names: tuple[str, ...] = ("pagination_token",),
        floor: int | None = None,
    ) -> tuple[list[int], str | None]:
        """Newest-first page of ``ids`` (ascending list) honouring since_id/until_id/times/max_results/token."""
        max_results = self._int_param(request, "max_results", max_default, max_low, max_high)
        since_id = self._id_param(request, "since_id")
        until_id = self._id_param(request, "until_id")
        start_time = self._time_param(request, "start_time")
        end_time = self._time_param(request, "end_time")
        upper = until_id
        for name in token_names:
            raw = request.query_params.get(name)
            if raw:
                from_token = self.decode_token(raw, name)
                upper = from_token if upper is None else min(upper, from_token)
        hi = bisect.bisect_left(ids, upper) if upper is not None else len(ids)
        lo = bisect.bisect_right(ids, since_id) if since_id is not None else 0
        if floor is not None:
            lo = max(lo, bisect.bisect_left(ids, floor))
        page: list[int] = []
        i = hi - 1
        while i >= lo:
            tid = ids[i]
            i -= 1
            if not keep(tid):
                continue
            created = self.tweets[tid].created_at if tid in self.tweets else snowflake_time(tid)
            if end_time is not None and created >= end_time:
                continue
            if start_time is not None and created < start_time:
                break
            if len(page) == max_results:
                return page, self.encode_token(page[-1])
            page.append(tid)
        return page, None

    def tweets_body(
        self,
        request: Request,
        tweets: list[XTweet],
        next_token: str | None,
        viewer: str | None,
        *,
        with_meta: bool = True,
        errors: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """``data``, ``includes``, ``meta`` (and partial ``errors``) as X builds them."""
        tweet_fields, expansions, user_fields, media_fields = self._tweet_query(request)
        now = self.state.now()
        body: dict[str, Any] = {}
        if tweets:
            body["data"] = [self.render_tweet(t, tweet_fields, viewer, now) for t in tweets]
        includes: dict[str, list[dict[str, Any]]] = {}
        user_ids: list[str] = []
        ref_tweets: list[XTweet] = []

        def add_user(uid: str | None) -> None:
            if uid and uid in self.users and uid not in user_ids:
                user_ids.append(uid)

        for t in tweets:
            if "author_id" in expansions:
                add_user(t.author_id)
            if "in_reply_to_user_id" in expansions:
                add_user(t.in_reply_to_user_id)
            if "entities.mentions.username" in expansions:
                for uid in t.mentions:
                    add_user(uid)
            if "referenced_tweets.id" in expansions or "referenced_tweets.id.author_id" in expansions:
                for _, rid in t.referenced:
                    ref = self.tweets.get(rid)
                    if ref is not None and not ref.deleted and ref not in ref_tweets:
                        ref_tweets.append(ref)
                        if "referenced_tweets.id.author_id" in expansions:
                            add_user(ref.author_id)
        if ref_tweets:
            includes["tweets"] = [self.render_tweet(t, tweet_fields, viewer, now) for t in ref_tweets]
        if "attachments.media_keys" in expansions:
            media = []
            for t in tweets:
                for key in t.media_keys:
                    rendered = self.render_media(key, media_fields | {"url"})
                    if rendered is not None and rendered not in media:
                        media.append(rendered)
            if media:
                includes["media"] = media
        if user_ids:
            includes["users"] = [self.render_user(self.users[uid], user_fields) for uid in user_ids]
        if includes:
            body["includes"] = includes
        if errors:
            body["errors"] = errors
        if with_meta:
            meta: dict[str, Any] = {}
            if tweets:
                meta["newest_id"] = str(tweets[0].id)
                meta["oldest_id"] = str(tweets[-1].id)
            meta["result_count"] = len(tweets)
            if next_token:
                meta["next_token"] = next_token
            body["meta"] = meta
        return body

    # --- handlers -------------------------------------------------------------------------------------

    def _visible(self, tid: int) -> bool:
        t = self.tweets.get(tid)
        return t is not None and not t.deleted

    def _is_latest(self, tid: int) -> bool:
        t = self.tweets[tid]
        return not t.deleted and t.edit_history[-1] == tid

    def _user_param(self, request: Request, name: str = "id") -> XUser:
        raw = request.path_params[name]
        if not ID_RE.match(raw):
            raise invalid(name, raw, f"The `{name}` query parameter value [{raw}] does not match ^[0-9]{{1,19}}$")
        user = self.users.get(raw)
        if user is None:
            body = {"errors": [not_found_error(raw, name, "user")]}
            raise XError(json_response(body))
        return user

    async def users_me(self, request: Request) -> Response:
        """GET /2/users/me: the authenticating user."""
        ctx = self.authenticate(request, allow_bearer=False)
        headers = self.take(ctx, "users_me")
        assert ctx.user is not None
        user_fields = self._fields(request, ("user.fields",), USER_FIELDS)
        return json_response({"data": self.render_user(ctx.user, user_fields)}, headers=headers)

    async def mentions(self, request: Request) -> Response:
        """GET /2/users/:id/mentions: posts that mention the user, newest first."""
        ctx = self.authenticate(request, allow_bearer=True)
        headers = self.take(ctx, "mentions")
        with self.state.lock:
            user = self._user_param(request)
            mentioned = self.user_mentions.get(user.id, [])
            ids, token = self.page_ids(
                request,
                mentioned,
                max_default=10,
                max_low=5,
                max_high=100,
                keep=self._is_latest,
                floor=self._reach_floor(mentioned),
            )
            tweets = [self.tweets[i] for i in ids]
            body = self.tweets_body(request, tweets, token, ctx.user.id if ctx.user else None)
        return json_response(body, headers=headers)

    def _reach_floor(self, ids: list[int]) -> int | None:
        """The oldest mention the timeline still reaches (the ``mentions_reach``-th newest shown), or None."""
        reach = self.mentions_reach
        if reach is None or len(ids) <= reach:
            return None
        shown = 0
        for i in range(len(ids) - 1, -1, -1):
            if self._is_latest(ids[i]):
                shown += 1
                if shown == reach:
                    return ids[i]
        return None

    async def user_posts(self, request: Request) -> Response:
        """GET /2/users/:id/tweets: the user's own posts, newest first."""
        ctx = self.authenticate(request, allow_bearer=True)
        headers = self.take(ctx, "user_tweets")
        with self.state.lock:
            user = self._user_param(request)
            exclude = set(_csv(request.query_params.get("exclude")))

            def keep(tid: int) -> bool:
                t = self.tweets[tid]
                if not self._is_latest(tid):
                    return False
                return not ("replies" in exclude and any(k == "replied_to" for k, _ in t.referenced))

            ids, token = self.page_ids(
                request, self.user_tweets.get(user.id, []), max_default=10, max_low=5, max_high=100, keep=keep
            )
            body = self.tweets_body(request, [self.tweets[i] for i in ids], token, ctx.user.id if ctx.user else None)
        return json_response(body, headers=headers)

    async def home(self, request: Request) -> Response:
        """GET /2/users/:id/timelines/reverse_chronological: the home timeline."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "home")
        with self.state.lock:
            user = self._user_param(request)
            if user.id != ctx.user.id:
                raise forbidden("You can only read the home timeline of the authenticating user.")
            # Everyone on the sandbox follows everyone: the home timeline is every post.
            ids, token = self.page_ids(
                request, self.timeline, max_default=100, max_low=1, max_high=100, keep=self._is_latest
            )
            body = self.tweets_body(request, [self.tweets[i] for i in ids], token, ctx.user.id)
        return json_response(body, headers=headers)

    async def search_recent(self, request: Request) -> Response:
        """GET /2/tweets/search/recent: posts of the last seven days matching a query."""
        ctx = self.authenticate(request, allow_bearer=True)
        headers = self.take(ctx, "search")
        query = request.query_params.get("query", "")
        if not query.strip():
            raise invalid("query", "", "The `query` query parameter can not be empty")
        if len(query) > 512:
            raise invalid("query", query, "The `query` query parameter value is too long")
        matcher = compile_query(query, self)
        with self.state.lock:
            horizon = self.state.now() - RECENT_SEARCH_WINDOW

            def keep(tid: int) -> bool:
                t = self.tweets[tid]
                return self._is_latest(tid) and t.created_at >= horizon and matcher(t)

            ids, token = self.page_ids(
                request,
                self.timeline,
                max_default=10,
                max_low=10,
                max_high=100,
                keep=keep,
                token_names=("next_token", "pagination_token"),
            )
            body = self.tweets_body(request, [self.tweets[i] for i in ids], token, ctx.user.id if ctx.user else None)
        return json_response(body, headers=headers)

    async def tweet_lookup(self, request: Request) -> Response:
        """GET /2/tweets/:id: one post."""
        ctx = self.authenticate(request, allow_bearer=True)
        headers = self.take(ctx, "lookup")
        raw = request.path_params["id"]
        if not ID_RE.match(raw):
            raise invalid("id", raw, f"The `id` query parameter value [{raw}] does not match ^[0-9]{{1,19}}$")
        with self.state.lock:
            t = self.tweets.get(int(raw))
            if t is None or t.deleted:
                return json_response({"errors": [not_found_error(raw, "id")]}, headers=headers)
            body = self.tweets_body(request, [t], None, ctx.user.id if ctx.user else None, with_meta=False)
            body["data"] = body["data"][0]
        return json_response(body, headers=headers)

    async def tweets_lookup(self, request: Request) -> Response:
        """GET /2/tweets?ids=: up to 100 posts, with errors for those not found."""
        ctx = self.authenticate(request, allow_bearer=True)
        headers = self.take(ctx, "lookup")
        ids = _csv(request.query_params.get("ids"))
        if not ids:
            raise invalid("ids", "", "The `ids` query parameter can not be empty")
        if len(ids) > 100:
            raise invalid(
                "ids",
                ",".join(ids),
                "The number of values in the `ids` query parameter list [101] is not between 1 and 100",
            )
        for raw in ids:
            if not ID_RE.match(raw):
                raise invalid("ids", raw, f"The `ids` query parameter value [{raw}] does not match ^[0-9]{{1,19}}$")
        with self.state.lock:
            found: list[XTweet] = []
            errors = []
            for raw in ids:
                t = self.tweets.get(int(raw))
                if t is None or t.deleted:
                    errors.append(not_found_error(raw, "ids"))
                elif t not in found:
                    found.append(t)
            body = self.tweets_body(
                request, found, None, ctx.user.id if ctx.user else None, with_meta=False, errors=errors
            )
        return json_response(body, headers=headers)

    async def _json_body(self, request: Request) -> dict[str, Any]:
        raw = await request.body()
        try:
            body = json.loads(raw or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise XError(
                json_response(
                    {
                        "errors": [{"message": "Request body is not valid JSON"}],
                        "title": "Invalid Request",
                        "detail": "One or more parameters to your request was invalid.",
                        "type": PROBLEM_BASE + "invalid-request",
                    },
                    400,
                )
            ) from None
        if not isinstance(body, dict):
            raise invalid("body", raw.decode("utf-8", "replace")[:100], "The request body must be a JSON object")
        return body

    async def create_tweet(self, request: Request) -> Response:
        """POST /2/tweets: create a post, reply or quote."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "create")
        body = await self._json_body(request)
        for key in body:
            if key not in CREATE_KEYS:
                raise invalid(key, body[key], not_in_schema(key))
        text = body.get("text", "")
        if not isinstance(text, str):
            raise invalid("text", text, "$.text: is not a string")
        media_ids = []
        if "media" in body:
            media = body["media"]
            if not isinstance(media, dict) or not isinstance(media.get("media_ids"), list) or not media["media_ids"]:
                raise invalid("media.media_ids", media, "$.media.media_ids: must be a non-empty array")
            media_ids = [str(m) for m in media["media_ids"]]
        with self.state.lock:
            uploads = self._check_media(ctx.user, media_ids)
            if not text.strip() and not uploads:
                raise invalid("text", text, "Tweet text cannot be empty unless media is attached.")
            if weighted_length(text) > TEXT_LIMIT:
                raise invalid(
                    "text",
                    text,
                    "Your Tweet text is too long. For more information on how Twitter determines text length see "
                    "https://github.com/twitter/twitter-text.",
                )
            reply_to = None
            reply = body.get("reply")
            if reply is not None:
                if not isinstance(reply, dict) or not ID_RE.match(str(reply.get("in_reply_to_tweet_id", ""))):
                    raise invalid(
                        "reply.in_reply_to_tweet_id",
                        reply,
                        "$.reply.in_reply_to_tweet_id: is missing but it is required",
                    )
                reply_to = self.tweets.get(int(reply["in_reply_to_tweet_id"]))
                if reply_to is None or reply_to.deleted:
                    raise forbidden("You attempted to reply to a Tweet that is deleted or not visible to you.")
                if not self.may_reply(ctx.user, reply_to):
                    raise forbidden(
                        "Reply to this conversation is not allowed because you have not been mentioned or "
                        "otherwise engaged by the author of the post you are replying to."
                    )
            quote = None
            if body.get("quote_tweet_id") is not None:
                raw_quote = str(body["quote_tweet_id"])
                quote = self.tweets.get(int(raw_quote)) if ID_RE.match(raw_quote) else None
                if quote is None or quote.deleted:
                    raise forbidden("You attempted to quote a Tweet that is deleted or not visible to you.")
            settings = body.get("reply_settings")
            if settings is not None and (not isinstance(settings, str) or settings not in REPLY_SETTINGS):
                raise invalid(
                    "reply_settings",
                    settings,
                    f"$.reply_settings: does not have a value in the enumeration {sorted(REPLY_SETTINGS)}",
                )
            normalized = unicodedata.normalize("NFC", text).strip()
            if normalized:
                horizon = self.state.now() - DUPLICATE_WINDOW
                for tid in reversed(self.user_tweets.get(ctx.user.id, [])):
                    old = self.tweets[tid]
                    if old.created_at < horizon:
                        break
                    if not old.deleted and old.text.strip() == normalized:
                        raise forbidden("You are not allowed to create a Tweet with duplicate content.")
            tweet = self._add_tweet(
                ctx.user,
                text,
                reply_to=reply_to,
                quote=quote,
                media_keys=[u.media_key for u in uploads],
                reply_settings=settings,
            )
            for upload in uploads:
                self.media[upload.media_key]["attached"] = True
        self.state.emit(
            "post_created",
            {
                "platform": "x",
                "account_id": ctx.user.id,
                "id": str(tweet.id),
                "text": tweet.text,
                "reply_to": str(reply_to.id) if reply_to else None,
                "media": [u.media_id for u in uploads],
            },
        )
        headers["location"] = f"https://api.twitter.com/2/tweets/{tweet.id}"
        data = {"edit_history_tweet_ids": [str(tweet.id)], "id": str(tweet.id), "text": escape_text(tweet.text)}
        return json_response({"data": data}, 201, headers=headers)

    def _check_media(self, user: XUser, media_ids: list[str]) -> list[XUpload]:
        uploads = []
        for mid in media_ids:
            upload = self.uploads.get(mid)
            expired = upload is not None and self.state.now() - upload.created_at > timedelta(seconds=MEDIA_EXPIRY_S)
            ready = upload is not None and upload.finalized and (upload.kind == "photo" or upload.status_polls >= 2)
            if upload is None or upload.owner_id != user.id or expired or not ready:
                raise invalid("media.media_ids", mid, "Your media IDs are invalid.")
            uploads.append(upload)
        kinds = [u.kind for u in uploads]
        if len(kinds) > 4 or (len(kinds) > 1 and any(k != "photo" for k in kinds)):
            raise invalid(
                "media.media_ids", ",".join(media_ids), "You can attach up to 4 photos, or 1 video, or 1 GIF to a post."
            )
        return uploads

    async def delete_tweet(self, request: Request) -> Response:
        """DELETE /2/tweets/:id: delete one of the user's posts."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "delete")
        raw = request.path_params["id"]
        if not ID_RE.match(raw):
            raise invalid("id", raw, f"The `id` query parameter value [{raw}] does not match ^[0-9]{{1,19}}$")
        with self.state.lock:
            t = self.tweets.get(int(raw))
            if t is None or t.deleted:
                return json_response({"data": {"deleted": False}}, headers=headers)
            if t.author_id != ctx.user.id:
                raise forbidden("You are not allowed to delete a Tweet that is not yours.")
            for tid in t.edit_history:
                self.tweets[tid].deleted = True
        return json_response({"data": {"deleted": True}}, headers=headers)

    async def hide_reply(self, request: Request) -> Response:
        """PUT /2/tweets/:id/hidden: hide or show a reply in a conversation the user started."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "hide")
        raw = request.path_params["tweet_id"]
        body = await self._json_body(request)
        if not isinstance(body.get("hidden"), bool):
            raise invalid("hidden", body.get("hidden"), "$.hidden: is missing but it is required")
        with self.state.lock:
            t = self.tweets.get(int(raw)) if ID_RE.match(raw) else None
            if t is None or t.deleted:
                raise forbidden("You attempted to hide a Tweet that is deleted or not visible to you.")
            root = self.tweets.get(t.conversation_id)
            if root is None or root.author_id != ctx.user.id or t.id == root.id:
                raise forbidden("You can only hide replies to conversations you started.")
            t.hidden = body["hidden"]
        return json_response({"data": {"hidden": t.hidden}}, headers=headers)

    # --- direct messages ------------------------------------------------------------------------------

    def render_dm(self, e: XDmEvent, fields: set[str]) -> dict[str, Any]:
        """One DM event with the default fields plus those asked for."""
        out: dict[str, Any] = {"event_type": "MessageCreate", "id": str(e.id), "text": e.text}
        if "created_at" in fields:
            out["created_at"] = iso(e.created_at)
        if "sender_id" in fields:
            out["sender_id"] = e.sender_id
        if "dm_conversation_id" in fields:
            out["dm_conversation_id"] = e.conversation_id
        if "attachments" in fields and e.media_keys:
            out["attachments"] = {"media_keys": list(e.media_keys)}
        return out

    def _dm_page(self, request: Request, ctx: AuthContext, event_ids: list[int]) -> dict[str, Any]:
        fields = self._fields(request, ("dm_event.fields",), DM_FIELDS)
        expansions = self._fields(request, ("expansions",), DM_EXPANSIONS)
        user_fields = self._fields(request, ("user.fields",), USER_FIELDS)
        media_fields = self._fields(request, ("media.fields",), MEDIA_FIELDS)
        types = set(_csv(request.query_params.get("event_types")))
        if types - {"MessageCreate", "ParticipantsJoin", "ParticipantsLeave"}:
            raise invalid(
                "event_types",
                ",".join(sorted(types)),
                "The `event_types` query parameter value is not one of "
                "[MessageCreate,ParticipantsJoin,ParticipantsLeave]",
            )
        if types and "MessageCreate" not in types:
            event_ids = []
        max_results = self._int_param(request, "max_results", 100, 1, 100)
        raw = request.query_params.get("pagination_token")
        if raw and raw.startswith(PREVIOUS_PREFIX):
            # A previous_token: the page of events just newer than the one it came with.
            lo = bisect.bisect_right(event_ids, self.decode_token(NEXT_PREFIX + raw[len(PREVIOUS_PREFIX) :]))
            window = event_ids[lo : lo + max_results]
        else:
            hi = bisect.bisect_left(event_ids, self.decode_token(raw)) if raw else len(event_ids)
            window = event_ids[max(0, hi - max_results) : hi]
        chosen = [self.dm_store[i] for i in reversed(window)]
        body: dict[str, Any] = {}
        meta: dict[str, Any] = {"result_count": len(chosen)}
        if chosen:
            body["data"] = [self.render_dm(e, fields) for e in chosen]
            # X hands out both tokens on every non-empty page, even the last one (see the recording);
            # the page after the last is empty.
            meta["next_token"] = self.encode_token(chosen[-1].id)
            meta["previous_token"] = PREVIOUS_PREFIX + self.encode_token(chosen[0].id)[len(NEXT_PREFIX) :]
        includes: dict[str, Any] = {}
        if "sender_id" in expansions or "participant_ids" in expansions:
            ids: list[str] = []
            for e in chosen:
                for uid in [e.sender_id] if "participant_ids" not in expansions else [e.sender_id, *e.participant_ids]:
                    if uid not in ids and uid in self.users:
                        ids.append(uid)
            if ids:
                includes["users"] = [self.render_user(self.users[u], user_fields) for u in ids]
        if "attachments.media_keys" in expansions:
            media = [m for e in chosen for k in e.media_keys if (m := self.render_media(k, media_fields | {"url"}))]
            if media:
                includes["media"] = media
        if includes:
            body["includes"] = includes
        body["meta"] = meta
        return body

    async def dm_events(self, request: Request) -> Response:
        """GET /2/dm_events: the user's DM events, newest first."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "dm_events")
        with self.state.lock:
            body = self._dm_page(request, ctx, self.user_dms.get(ctx.user.id, []))
        return json_response(body, headers=headers)

    async def conversation_events(self, request: Request) -> Response:
        """GET the DM events of one conversation."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "dm_events")
        with self.state.lock:
            if "participant_id" in request.path_params:
                conversation = self.conversation_id_for(ctx.user.id, self._user_param(request, "participant_id").id)
            else:
                conversation = request.path_params["dm_conversation_id"]
            ids = [i for i in self.user_dms.get(ctx.user.id, []) if self.dm_store[i].conversation_id == conversation]
            body = self._dm_page(request, ctx, ids)
        return json_response(body, headers=headers)

    async def send_dm(self, request: Request) -> Response:
        """POST a direct message to a participant or into a conversation."""
        ctx = self.authenticate(request, allow_bearer=False)
        assert ctx.user is not None
        headers = self.take(ctx, "dm_send")
        body = await self._json_body(request)
        text = body.get("text")
        attachments = body.get("attachments")
        if set(body) - {"text", "attachments"}:
            extra = sorted(set(body) - {"text", "attachments"})[0]
            raise invalid(extra, body[extra], not_in_schema(extra))
        if attachments is not None and not isinstance(attachments, list):
            raise invalid("attachments", attachments, "$.attachments: is not an array")
        if (not isinstance(text, str) or not text) and not attachments:
            raise invalid("text", text, "$.text: must be at least 1 characters long, or attachments must be given")
        if isinstance(text, str) and len(text) > 10_000:
            raise invalid("text", text[:50], "$.text: may only be 10000 characters long")
        with self.state.lock:
            if "participant_id" in request.path_params:
                other = self._user_param(request, "participant_id")
                if other.id == ctx.user.id:
                    raise forbidden("You cannot send a Direct Message to yourself.")
                conversation = self.conversation_id_for(ctx.user.id, other.id)
                recipients = [other.id]
            else:
                conversation = request.path_params["dm_conversation_id"]
                parts = conversation.split("-")
                if len(parts) != 2 or ctx.user.id not in parts or not all(p in self.users for p in parts):
                    raise forbidden("You are not a participant of this conversation.")
                recipients = [p for p in parts if p != ctx.user.id]
            media_keys = []
            for item in attachments or []:
                upload = self.uploads.get(str(item.get("media_id", ""))) if isinstance(item, dict) else None
                if upload is None or upload.owner_id != ctx.user.id or not upload.finalized:
                    raise invalid("attachments.media_id", item, "Your media IDs are invalid.")
                media_keys.append(upload.media_key)
            event = self._add_dm(ctx.user, recipients, conversation, text or "")
            event.media_keys = media_keys
        self.state.emit(
            "dm_sent", {"platform": "x", "account_id": ctx.user.id, "id": str(event.id), "conversation": conversation}
        )
        data = {"dm_conversation_id": conversation, "dm_event_id": str(event.id)}
        return json_response({"data": data}, 201, headers=headers)

    # --- media upload (v2) ----------------------------------------------------------------------------

    def _upload_for(self, ctx: AuthContext, media_id: str) -> XUpload:
        assert ctx.user is not None
        upload = self.uploads.get(media_id)
        if upload is None or upload.owner_id != ctx.user.id:
            raise invalid("id", media_id, "The media_id is invalid or the upload session has expired.")
        return upload

    @staticmethod
    def _kind(media_type: str) -> str:
        if media_type in GIF_TYPES:
            return "animated_gif"
        if media_type in VIDEO_TYPES:
            return "video"
        return "photo"

    def _new_upload(self, ctx: AuthContext, media_type: str, total_bytes: int, category: str | None) -> XUpload:
        assert ctx.user is not None
        if media_type not in MEDIA_TYPES:
            raise invalid(
                "media_type",
                media_type,
                f"$.media_type: does not have a value in the enumeration {sorted(MEDIA_TYPES)}",
            )
        kind = self._kind(media_type)
        limit = MAX_BYTES[kind]
        if not 0 < total_bytes <= limit:
            raise invalid("total_bytes", total_bytes, f"File size exceeds {limit} bytes.")
        media_id = str(self.next_id())
        upload = XUpload(
            media_id=media_id,
            media_key=f"{KEY_PREFIX[kind]}_{media_id}",
            owner_id=ctx.user.id,
            media_type=media_type,
            kind=kind,
            total_bytes=total_bytes,
            category=category or {"photo": "tweet_image", "video": "tweet_video", "animated_gif": "tweet_gif"}[kind],
            created_at=self.state.now(),
        )
        self.uploads[media_id] = upload
        return upload

    def _finalize(self, request: Request, upload: XUpload, data: bytes) -> dict[str, Any]:
        if len(data) != upload.total_bytes:
            raise invalid(
                "id", upload.media_id, f"File size mismatch: received {len(data)} bytes, expected {upload.total_bytes}."
            )
        if upload.kind in ("photo", "animated_gif"):
            try:
                from PIL import Image

                with Image.open(io.BytesIO(data)) as image:
                    upload.width, upload.height = image.size
            except Exception:
                raise invalid("id", upload.media_id, "InvalidMedia: the image could not be read.") from None
        upload.finalized = True
        upload.size = len(data)
        self.state.store_media(
            ReceivedMedia(upload.media_id, "x", upload.owner_id, upload.media_type, data, alt_text=None)
        )
        media_url = f"{str(request.base_url).rstrip('/')}/_sandbox/media/{upload.media_id}"
        self.media[upload.media_key] = {
            "media_key": upload.media_key,
            "type": upload.kind,
            "url": media_url,
            "width": upload.width or 1280,
            "height": upload.height or 720,
        }
        return self._media_data(upload)

    def _media_data(self, upload: XUpload) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": upload.media_id,
            "media_key": upload.media_key,
            "size": upload.size,
            "expires_after_secs": max(0, MEDIA_EXPIRY_S - int((self.state.now() - upload.created_at).total_seconds())),
        }
        if upload.kind == "photo":
            out["image"] = {"image_type": upload.media_type, "w": upload.width, "h": upload.height}
        else:
            out["video"] = {"video_type": upload.media_type}
            states = {0: ("pending", 0), 1: ("in_progress", 50)}
            state, progress = states.get(upload.status_polls, ("succeeded", 100))
            info: dict[str, Any] = {"state": state, "progress_percent": progress}
            if state != "succeeded":
                info["check_after_secs"] = 1
            out["processing_info"] = info
        return out

    async def media_initialize(self, request: Request) -> Response:
        """POST /2/media/upload/initialize: start a chunked upload."""
        ctx = self.authenticate(request, allow_bearer=False)
        headers = self.take(ctx, "media")
        body = await self._json_body(request)
        allowed = {"additional_owners", "media_category", "media_type", "shared", "total_bytes"}
        for key in body:
            if key not in allowed:
                raise invalid(key, body[key], not_in_schema(key))
        category = body.get("media_category")
        if category is not None and (not isinstance(category, str) or category not in MEDIA_CATEGORIES):
            raise invalid("media_category", category, "$.media_category: is not one of the media categories")
        total = body.get("total_bytes")
        if not isinstance(total, int) or isinstance(total, bool):
            raise invalid("total_bytes", total, "$.total_bytes: is missing but it is required")
        with self.state.lock:
            upload = self._new_upload(ctx, str(body.get("media_type", "")), total, category)
        data = {"id": upload.media_id, "media_key": upload.media_key, "expires_after_secs": MEDIA_EXPIRY_S}
        return json_response({"data": data}, headers=headers)

    async def _multipart_or_json(self, request: Request) -> tuple[bytes | None, dict[str, str]]:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            fields: dict[str, str] = {}
            data: bytes | None = None
            for key, value in form.multi_items():
                if isinstance(value, str):
                    fields[key] = value
                else:
                    chunk = await value.read()
                    if key == "media":
                        data = chunk
            if data is None and "media" in fields:
                data = fields.pop("media").encode("latin-1")
            if "media_data" in fields:
                data = base64.b64decode(fields.pop("media_data"))
            return data, fields
        if content_type.startswith("application/x-www-form-urlencoded"):
            fields = dict(getattr(request.state, "x_form", []))
            encoded = fields.pop("media_data", None) or fields.pop("media", None)
            return (base64.b64decode(encoded) if encoded else None), fields
        body = await self._json_body(request)
        media = body.pop("media", None)
        return (base64.b64decode(media) if isinstance(media, str) else None), {k: str(v) for k, v in body.items()}

    async def media_append(self, request: Request) -> Response:
        """POST /2/media/upload/:id/append: one chunk."""
        ctx = self.authenticate(request, allow_bearer=False)
        headers = self.take(ctx, "media")
        try:
            data, fields = await self._multipart_or_json(request)
        except (ValueError, TypeError):
            raise invalid("media", "", "The media payload could not be decoded.") from None
        with self.state.lock:
            upload = self._upload_for(ctx, request.path_params["id"])
            if upload.finalized:
                raise invalid("id", upload.media_id, "The upload has already been finalized.")
            try:
                index = int(fields.get("segment_index", ""))
            except ValueError:
                raise invalid(
                    "segment_index", fields.get("segment_index"), "$.segment_index: is missing but it is required"
                ) from None
            if not 0 <= index <= 999:
                raise invalid("segment_index", index, "$.segment_index: must be between 0 and 999")
            if data is None:
                raise invalid("media", "", "$.media: is missing but it is required")
            if len(data) > CHUNK_MAX:
                raise invalid("media", len(data), f"Segment is larger than {CHUNK_MAX} bytes.")
            upload.segments[index] = data
            received = sum(len(s) for s in upload.segments.values())
            if received > upload.total_bytes:
                raise invalid("media", received, "Received more bytes than total_bytes.")
            expires = int((upload.created_at + timedelta(seconds=MEDIA_EXPIRY_S)).timestamp())
        return json_response({"data": {"expires_at": expires}}, headers=headers)

    async def media_finalize(self, request: Request) -> Response:
        """POST /2/media/upload/:id/finalize: assemble the chunks."""
        ctx = self.authenticate(request, allow_bearer=False)
        headers = self.take(ctx, "media")
        with self.state.lock:
            upload = self._upload_for(ctx, request.path_params["id"])
            if upload.finalized:
                return json_response({"data": self._media_data(upload)}, headers=headers)
            data = b"".join(upload.segments[i] for i in sorted(upload.segments))
            body = self._finalize(request, upload, data)
            upload.segments.clear()
        return json_response({"data": body}, headers=headers)

    async def media_status_or_upload(self, request: Request) -> Response:
        """GET /2/media/upload: processing status; POST: a one-shot upload."""
        ctx = self.authenticate(request, allow_bearer=False)
        headers = self.take(ctx, "media")
        if request.method == "GET":
            media_id = request.query_params.get("media_id", "")
            with self.state.lock:
                upload = self._upload_for(ctx, media_id)
                if not upload.finalized:
                    raise invalid("media_id", media_id, "The upload has not been finalized.")
                if upload.kind != "photo":
                    upload.status_polls += 1
                return json_response({"data": self._media_data(upload)}, headers=headers)
        try:
            data, fields = await self._multipart_or_json(request)
        except (ValueError, TypeError):
            raise invalid("media", "", "The media payload could not be decoded.") from None
        if data is None:
            raise invalid("media", "", "$.media: is missing but it is required")
        category = fields.get("media_category", "tweet_image")
        if category not in MEDIA_CATEGORIES:
            raise invalid("media_category", category, "media_category is not one of the media categories")
        media_type = fields.get("media_type") or {"tweet_gif": "image/gif", "dm_gif": "image/gif"}.get(
            category, _sniff_image(data)
        )
        with self.state.lock:
            upload = self._new_upload(ctx, media_type, len(data), category)
            body = self._finalize(request, upload, data)
        return json_response({"data": body}, headers=headers)

    async def media_metadata(self, request: Request) -> Response:
        """POST /2/media/metadata: set alt text."""
        ctx = self.authenticate(request, allow_bearer=False)
        headers = self.take(ctx, "media")
        body = await self._json_body(request)
        media_id = str(body.get("id", ""))
        metadata = body.get("metadata")
        alt = metadata.get("alt_text") if isinstance(metadata, dict) else None
        text = alt.get("text") if isinstance(alt, dict) else None
        if metadata is not None and not isinstance(metadata, dict):
            raise invalid("metadata", metadata, "$.metadata: is not an object")
        if alt is not None and not isinstance(text, str):
            raise invalid("metadata.alt_text.text", alt, "$.metadata.alt_text.text: is missing but it is required")
        if isinstance(text, str) and len(text) > ALT_TEXT_LIMIT:
            raise invalid(
                "metadata.alt_text.text",
                text[:40],
                f"$.metadata.alt_text.text: may only be {ALT_TEXT_LIMIT} characters long",
            )
        with self.state.lock:
            upload = self._upload_for(ctx, media_id)
            if isinstance(text, str):
                if upload.media_key in self.media:
                    self.media[upload.media_key]["alt_text"] = text
                stored = self.state.media.get(upload.media_id)
                if stored is not None:
                    stored.alt_text = text
        associated = {"alt_text": {"text": text}} if isinstance(text, str) else {}
        return json_response({"data": {"id": media_id, "associated_metadata": associated}}, headers=headers)

    # --- routing --------------------------------------------------------------------------------------

    def wrap(self, handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        """Turn ``XError`` into its response."""

        async def endpoint(request: Request) -> Response:
            if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                raw = await request.body()  # Starlette keeps it for the handler
                request.state.x_form = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
            try:
                response: Response = await handler(request)
            except XError as exc:
                response = exc.response
            response.headers["x-access-level"] = getattr(request.state, "x_access", "read-write-directmessages")
            response.headers["api-version"] = "2.167"
            return response

        return endpoint

    def routes(self) -> list[BaseRoute]:
        """Every X route the sandbox serves."""
        w = self.wrap
        return [
            Route("/2/users/me", w(self.users_me), methods=["GET"]),
            Route("/2/users/{id}/mentions", w(self.mentions), methods=["GET"]),
            Route("/2/users/{id}/tweets", w(self.user_posts), methods=["GET"]),
            Route("/2/users/{id}/timelines/reverse_chronological", w(self.home), methods=["GET"]),
            Route("/2/tweets/search/recent", w(self.search_recent), methods=["GET"]),
            Route("/2/tweets", w(self.tweets_lookup), methods=["GET"]),
            Route("/2/tweets", w(self.create_tweet), methods=["POST"]),
            Route("/2/tweets/{id}", w(self.tweet_lookup), methods=["GET"]),
            Route("/2/tweets/{id}", w(self.delete_tweet), methods=["DELETE"]),
            Route("/2/tweets/{tweet_id}/hidden", w(self.hide_reply), methods=["PUT"]),
            Route("/2/dm_events", w(self.dm_events), methods=["GET"]),
            Route("/2/dm_conversations/with/{participant_id}/dm_events", w(self.conversation_events), methods=["GET"]),
            Route("/2/dm_conversations/with/{participant_id}/messages", w(self.send_dm), methods=["POST"]),
            Route("/2/dm_conversations/{dm_conversation_id}/dm_events", w(self.conversation_events), methods=["GET"]),
            Route("/2/dm_conversations/{dm_conversation_id}/messages", w(self.send_dm), methods=["POST"]),
            Route("/2/media/upload/initialize", w(self.media_initialize), methods=["POST"]),
            Route("/2/media/upload/{id}/append", w(self.media_append), methods=["POST"]),
            Route("/2/media/upload/{id}/finalize", w(self.media_finalize), methods=["POST"]),
            Route("/2/media/upload", w(self.media_status_or_upload), methods=["GET", "POST"]),
            Route("/2/media/metadata", w(self.media_metadata), methods=["POST"]),
        ]


def _sniff_image(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return "image/jpeg"


# --- recent search query language (the part the desk uses) -----------------------------------------


def compile_query(query: str, platform: XSandbox) -> Callable[[XTweet], bool]:
    """A matcher for X's search syntax: terms, "phrases", #tags, @names, from:, to:, lang:, is:reply, -x, OR."""
    tokens = re.findall(r'-?"[^"]*"|\S+', query)
    groups: list[list[Callable[[XTweet], bool]]] = [[]]
    for token in tokens:
        if token == "OR":
            groups.append([])
            continue
        negate = token.startswith("-") and len(token) > 1
        body = token[1:] if negate else token
        test = _term(body, platform)
        groups[-1].append(_negated(test) if negate else test)
    alternatives = [g for g in groups if g]

    def match(tweet: XTweet) -> bool:
        return any(all(test(tweet) for test in group) for group in alternatives)

    return match


def _negated(test: Callable[[XTweet], bool]) -> Callable[[XTweet], bool]:
    return lambda t: not test(t)


def _term(term: str, platform: XSandbox) -> Callable[[XTweet], bool]:
    lower = term.lower()
    if lower.startswith('"') and lower.endswith('"'):
        phrase = lower.strip('"')
        return lambda t: phrase in t.text.lower()
    if lower.startswith("from:"):
        name = lower[5:].lstrip("@")
        return lambda t: (u := platform.users.get(t.author_id)) is not None and u.username.lower() == name
    if lower.startswith("to:"):
        name = lower[3:].lstrip("@")
        uid = platform.by_username.get(name)
        return lambda t: uid is not None and t.in_reply_to_user_id == uid
    if lower.startswith("lang:"):
        lang = lower[5:]
        return lambda t: t.lang == lang
    if lower == "is:reply":
        return lambda t: any(k == "replied_to" for k, _ in t.referenced)
    if lower == "is:quote":
        return lambda t: any(k == "quoted" for k, _ in t.referenced)
    if lower in ("is:retweet", "is:nullcast", "is:verified"):
        return lambda t: False
    if lower == "has:media":
        return lambda t: bool(t.media_keys)
    if lower == "has:links":
        return lambda t: "http" in t.text
    if lower.startswith(("#", "@")):
        return lambda t: re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", t.text.lower()) is not None
    return lambda t: re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", t.text.lower()) is not None


# --- module entry points ---------------------------------------------------------------------------

_INSTANCES: weakref.WeakKeyDictionary[SandboxState, XSandbox] = weakref.WeakKeyDictionary()


def _instance(state: SandboxState) -> XSandbox:
    with state.lock:
        sandbox = _INSTANCES.get(state)
        if sandbox is None:
            sandbox = XSandbox(state)
            _INSTANCES[state] = sandbox
        return sandbox


def module(state: SandboxState) -> XSandbox:
    """The X platform module of this sandbox."""
    return _instance(state)


def routes(state: SandboxState) -> list[BaseRoute]:
    """The X routes of this sandbox."""
    return _instance(state).routes()
