"""Bluesky on the sandbox: the XRPC methods the desk's atproto connector calls, answered like bsky.social.

Shapes follow ``reference/bluesky/cassettes_decoded`` and the lexicons in ``reference/bluesky/lexicons``.
Identifiers are well formed: ``did:plc:`` DIDs, TIDs as record keys, CIDv1 (dag-cbor / raw, sha-256) and
``at://`` URIs. Sessions are JWTs the atproto SDK can decode. Rate limits follow Bluesky's published
figures with ``ratelimit-*`` headers.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import regex
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from connectors.sandbox.state import ReceivedMedia, SandboxAccount, SandboxState

PLATFORM = "bluesky"
CDN = "https://cdn.bsky.app/img"
HANDLE_SUFFIX = ".bsky.social"
MAX_GRAPHEMES = 300
MAX_BYTES = 3000
MAX_IMAGES = 4
MAX_BLOB_BYTES = 1_000_000
MAX_VIDEO_BYTES = 100_000_000  # app.bsky.embed.video: video blobs up to 100 MB
VIDEO_TYPES = ("video/mp4",)
THREADGATE = "app.bsky.feed.threadgate"
GATE_RULES = {f"{THREADGATE}#{r}" for r in ("mentionRule", "followerRule", "followingRule", "listRule")}
MAX_GATE_RULES = 5
VIDEO_CDN = "https://video.bsky.app/watch"
ACCESS_LIFETIME = timedelta(hours=2)
REFRESH_LIFETIME = timedelta(days=90)
# Read limit per IP, write points per account, sessions per account (Bluesky's published figures).
READ_LIMIT, READ_WINDOW = 3000, timedelta(minutes=5)
WRITE_HOUR_LIMIT, WRITE_DAY_LIMIT = 5000, 35000
WRITE_COST = {"create": 3, "update": 2, "delete": 1}
SESSION_LIMIT, SESSION_WINDOW = 30, timedelta(minutes=5)
SESSION_DAY_LIMIT = 300
NOTIFICATION_REASONS = ("like", "repost", "follow", "mention", "reply", "quote")
_B32 = "abcdefghijklmnopqrstuvwxyz234567"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def b32(data: bytes) -> str:
    """Lower-case RFC 4648 base32 without padding (multibase ``b``)."""
    return base64.b32encode(data).decode().lower().rstrip("=")


def make_cid(data: bytes, *, raw: bool = False) -> str:
    """A CIDv1 over sha-256: ``bafyrei…`` for records (dag-cbor), ``bafkrei…`` for blobs (raw)."""
    codec = 0x55 if raw else 0x71
    return "b" + b32(bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest())


def b64url(data: bytes) -> str:
    """Base64url without padding, as in JWTs."""
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def graphemes(text: str) -> int:
    """Number of extended grapheme clusters, as the lexicon's ``maxGraphemes`` counts."""
    return len(regex.findall(r"\X", text))


def iso(at: datetime) -> str:
    """Bluesky's timestamp format: milliseconds and a ``Z``."""
    text = at.isoformat(timespec="milliseconds")
    return (
        text[:-6] + "Z" if text.endswith("+00:00") else at.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"
    )


class XrpcError(Exception):
    """An XRPC error answer: ``{"error": name, "message": ...}`` with an HTTP status."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        return JSONResponse({"error": self.error, "message": self.message}, self.status, headers=self.headers)


@dataclass
class Post:
    """A post record in a repo."""

    uri: str
    cid: str
    did: str
    rkey: str
    record: dict[str, Any]
    indexed_at: datetime
    seq: int
    likes: int = 0
    reposts: int = 0
    quotes: int = 0
    deleted: bool = False
    gated: bool = False  # a reply its thread's threadgate does not allow: the app view hides it


@dataclass
class Notification:
    """One notification of one account."""

    seq: int
    owner: str  # did receiving it
    reason: str
    uri: str  # the record that caused it
    author: str
    indexed_at: datetime
    reason_subject: str | None = None
    is_read: bool = False


@dataclass
class Message:
    """A chat message."""

    id: str
    rev: str
    sender: str
    text: str
    sent_at: datetime
    facets: list[Any] | None = None


@dataclass
class Convo:
    """A direct chat between two members."""

    id: str
    members: list[str]
    messages: list[Message] = field(default_factory=list)
    rev: str = ""
    unread: dict[str, int] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)


@dataclass
class Session:
    """A token the sandbox issued, with its expiry on the shared clock."""

    did: str
    kind: str  # "access" or "refresh"
    expires_at: datetime
    revoked: bool = False


class BlueskySandbox:
    """In-memory Bluesky: a PDS, the app view and the chat service in one."""

    name = PLATFORM

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.posts: dict[str, Post] = {}  # uri -> post
        self.other_records: dict[str, dict[str, Any]] = {}  # likes, reposts, follows
        self.threadgates: dict[str, dict[str, Any]] = {}  # post uri -> {"uri", "cid", "record"}
        self.notifications: dict[str, list[Notification]] = {}  # did -> oldest first
        self.convos: dict[str, Convo] = {}
        self.sessions: dict[str, Session] = {}
        self.blobs: dict[str, dict[str, Any]] = {}  # cid -> {did, mime, size, url?}
        self.reply_counts: dict[str, int] = {}  # parent uri -> live replies, kept so views never scan every post
        self._seq = itertools.count(1)
        self._last_tid = 0
        self._profiles: dict[tuple[str, bool], dict[str, Any]] = {}

    # --- identifiers ----------------------------------------------------------------------------

    def tid(self) -> str:
        """A timestamp identifier: microseconds since the epoch and a clock id, 13 sortable base32 chars."""
        micros = int(self.state.now().timestamp() * 1_000_000)
        value = max(micros << 10, self._last_tid + 1)
        self._last_tid = value
        out = []
        for _ in range(13):
            out.append(_TID_ALPHABET[value & 31])
            value >>= 5
        return "".join(reversed(out))

    def new_did(self) -> str:
        """``did:plc:`` followed by 24 base32 characters."""
        return "did:plc:" + b32(hashlib.sha256(self.state.new_token().encode()).digest())[:24]

    def jwt(self, did: str, kind: str, host: str) -> str:
        """A JWT shaped like the PDS's: the SDK decodes ``exp`` and compares it with the real clock."""
        now = self.state.now()
        lifetime = ACCESS_LIFETIME if kind == "access" else REFRESH_LIFETIME
        # The claim must cover the session by the SDK's (real) clock even when the shared clock runs fast
        # or starts in the past; the sandbox itself enforces expiry on the shared clock.
        iat = int(now.timestamp())
        exp = int(max(now.timestamp(), time.time()) + lifetime.total_seconds() * max(1.0, self.state.clock.speed))
        header = {"typ": "at+jwt" if kind == "access" else "refresh+jwt", "alg": "ES256K"}
        payload: dict[str, Any] = {
            "scope": "com.atproto.appPass" if kind == "access" else "com.atproto.refresh",
            "sub": did,
            "aud": f"did:web:{host.split(':', maxsplit=1)[0]}",
            "iat": iat,
            "exp": exp,
        }
        if kind == "refresh":
            payload["jti"] = self.state.new_token(nbytes=16)
        token = ".".join(
            [
                b64url(json.dumps(header).encode()),
                b64url(json.dumps(payload).encode()),
                b64url(hashlib.sha256(self.state.new_token().encode()).digest()),
            ]
        )
        self.sessions[token] = Session(did, kind, now + lifetime)
        return token

    # --- PlatformModule -------------------------------------------------------------------------

    def create_account(
        self, handle: str, display_name: str, *, is_force: bool = True, **options: Any
    ) -> SandboxAccount:
        """Register an account (a handle under ``.bsky.social`` unless it is already a domain)."""
        handle = handle.lstrip("@").lower()
        if "." not in handle:
            handle += HANDLE_SUFFIX
        existing = self.state.find_account(PLATFORM, handle)
        if existing is not None:
            return existing
        with self.state.lock:
            account = SandboxAccount(
                platform=PLATFORM,
                account_id=self.new_did(),
                handle=handle,
                display_name=display_name,
                credentials={"identifier": handle, "password": self.state.new_token(nbytes=12)},
                is_force=is_force,
                extra={"created_at": self.state.now()},
            )
        return self.state.register(account)

    def inject(self, force: SandboxAccount, kind: str, author: SandboxAccount, text: str, **options: Any) -> str:
        """Make a resident mention, reply to or message the force account; or delete what they posted."""
        with self.state.lock:
            if options.get("delete_id"):
                post = self.posts.get(str(options["delete_id"]))
                if post is None:
                    raise ValueError("no such post to delete")
                self._delete_post(post)
                return post.uri
            if options.get("edit_of"):
                raise ValueError("Bluesky posts cannot be edited")
            if kind == "dm":
                convo = self._convo_for([author.account_id, force.account_id])
                return self._send(convo, author.account_id, text).id
            mention = f"@{force.handle}"
            body = text if mention.lower() in text.lower() else f"{mention} {text}"
            start = body.lower().index(mention.lower())
            byte_start = len(body[:start].encode())
            record: dict[str, Any] = {
                "$type": "app.bsky.feed.post",
                "text": body,
                "createdAt": iso(self.state.now()),
                "langs": [str(options.get("lang") or "en")],
                "facets": [
                    {
                        "$type": "app.bsky.richtext.facet",
                        "index": {"byteStart": byte_start, "byteEnd": byte_start + len(mention.encode())},
                        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": force.account_id}],
                    }
                ],
            }
            if kind == "reply":
                target = str(options["reply_to"]) if options.get("reply_to") else self._latest_of(force.account_id)
                parent = self.posts.get(target or "")
                if parent is None:
                    raise ValueError("the force account has no post to reply to")
                root = parent.record.get("reply", {}).get("root") or {"uri": parent.uri, "cid": parent.cid}
                record["reply"] = {"root": root, "parent": {"uri": parent.uri, "cid": parent.cid}}
            elif kind != "mention":
                raise ValueError(f"unknown kind {kind!r} for bluesky")
            if options.get("attachment_url"):
                cid = make_cid(str(options["attachment_url"]).encode(), raw=True)
                self.blobs[cid] = {
                    "did": author.account_id,
                    "mime": "image/jpeg",
                    "size": 0,
                    "url": options["attachment_url"],
                }
                record["embed"] = {
                    "$type": "app.bsky.embed.images",
                    "images": [
                        {
                            "alt": str(options.get("alt_text") or ""),
                            "image": {"$type": "blob", "ref": {"$link": cid}, "mimeType": "image/jpeg", "size": 0},
                        }
                    ],
                }
            return self._create_post(author.account_id, record).uri

    def summary(self) -> dict[str, Any]:
        """Counts for the admin summary."""
        with self.state.lock:
            return {
                "accounts": sum(1 for a in self.state.accounts.values() if a.platform == PLATFORM),
                "posts": sum(1 for p in self.posts.values() if not p.deleted),
                "notifications": sum(len(v) for v in self.notifications.values()),
                "convos": len(self.convos),
                "messages": sum(len(c.messages) for c in self.convos.values()),
                "blobs": len(self.blobs),
            }

    # --- domain -----------------------------------------------------------------------------------

    def account(self, did: str) -> SandboxAccount | None:
        return self.state.accounts.get((PLATFORM, did))

    def resolve(self, actor: str) -> SandboxAccount | None:
        """An account by DID or handle."""
        return self.account(actor) if actor.startswith("did:") else self.state.find_account(PLATFORM, actor)

    def _latest_of(self, did: str) -> str | None:
        for post in reversed(list(self.posts.values())):
            if post.did == did and not post.deleted:
                return post.uri
        return None

    def _create_post(self, did: str, record: dict[str, Any], rkey: str | None = None) -> Post:
        rkey = rkey or self.tid()
        uri = f"at://{did}/app.bsky.feed.post/{rkey}"
        cid = make_cid(json.dumps(record, sort_keys=True).encode() + uri.encode())
        post = Post(uri, cid, did, rkey, record, self.state.now(), next(self._seq))
        self.posts[uri] = post
        root_uri = ((record.get("reply") or {}).get("root") or {}).get("uri")
        # The PDS stores any reply; the app view hides one the thread's gate does not allow, and tells nobody.
        post.gated = bool(root_uri) and not self.may_reply(did, str(root_uri))
        parent = _parent_uri(record)
        if parent and not post.gated:
            self.reply_counts[parent] = self.reply_counts.get(parent, 0) + 1
        # One notification per recipient: reply beats quote beats mention, as in the app view.
        recipients: dict[str, tuple[str, str | None]] = {}
        for facet in record.get("facets") or []:
            for feature in facet.get("features") or []:
                if feature.get("$type") == "app.bsky.richtext.facet#mention" and feature.get("did"):
                    recipients.setdefault(str(feature["did"]), ("mention", None))
        embed = record.get("embed") or {}
        quoted = (embed.get("record") or {}).get("uri") if embed.get("$type") == "app.bsky.embed.record" else None
        if quoted and quoted in self.posts:
            recipients[self.posts[quoted].did] = ("quote", quoted)
        parent_uri = ((record.get("reply") or {}).get("parent") or {}).get("uri")
        if parent_uri and parent_uri in self.posts:
            recipients[self.posts[parent_uri].did] = ("reply", parent_uri)
        for owner, (reason, subject) in recipients.items():
            if owner != did and self.account(owner) is not None and not post.gated:
                self._notify(owner, reason, uri, did, subject)
        for image in embed.get("images") or []:
            link = ((image.get("image") or {}).get("ref") or {}).get("$link")
            media = self.state.media.get(str(link))
            if media is not None:
                media.alt_text = image.get("alt")
        return post

    def follows(self, who: str, whom: str) -> bool:
        """Whether ``who`` follows ``whom`` (a follow record in ``who``'s repo)."""
        prefix = f"at://{who}/app.bsky.graph.follow/"
        return any(
            uri.startswith(prefix) and entry["record"].get("subject") == whom
            for uri, entry in self.other_records.items()
        )

    def may_reply(self, did: str, root_uri: str) -> bool:
        """Whether the threadgate on ``root_uri`` (if any) lets ``did`` reply in that thread."""
        gate = self.threadgates.get(root_uri)
        root = self.posts.get(root_uri)
        if gate is None or root is None or root.did == did:
            return True
        allow = gate["record"].get("allow")
        if allow is None:
            return True  # a gate without rules only hides replies; everyone may still reply
        for rule in allow:
            kind = str(rule.get("$type", "")).rsplit("#", 1)[-1]
            if kind == "mentionRule" and did in _mentioned(root.record):
                return True
            if kind == "followingRule" and self.follows(root.did, did):
                return True
            if kind == "followerRule" and self.follows(did, root.did):
                return True
        return False

    def _notify(self, owner: str, reason: str, uri: str, author: str, subject: str | None) -> None:
        self.notifications.setdefault(owner, []).append(
            Notification(next(self._seq), owner, reason, uri, author, self.state.now(), subject)
        )

    def _delete_post(self, post: Post) -> None:
        post.deleted = True
        parent = _parent_uri(post.record)
        if parent:
            self.reply_counts[parent] = max(0, self.reply_counts.get(parent, 0) - 1)
        for owner, notes in self.notifications.items():
            self.notifications[owner] = [n for n in notes if n.uri != post.uri]

    def _convo_for(self, members: list[str]) -> Convo:
        key = sorted(set(members))
        for convo in self.convos.values():
            if sorted(convo.members) == key:
                return convo
        convo = Convo(self.tid(), key, rev=self.tid())
        convo.status = dict.fromkeys(key, "accepted")
        convo.unread = dict.fromkeys(key, 0)
        self.convos[convo.id] = convo
        return convo

    def _send(self, convo: Convo, sender: str, text: str, facets: list[Any] | None = None) -> Message:
        rev = self.tid()
        message = Message(self.tid(), rev, sender, text, self.state.now(), facets)
        convo.messages.append(message)
        convo.rev = rev
        for member in convo.members:
            convo.unread[member] = 0 if member == sender else convo.unread.get(member, 0) + 1
        return message

    # --- views ------------------------------------------------------------------------------------

    def profile_basic(self, acc: SandboxAccount, *, chat: bool = False) -> dict[str, Any]:
        cached = self._profiles.get((acc.account_id, chat))
        if cached is not None and cached["displayName"] == acc.display_name:
            return dict(cached)  # handle and display name are fixed; copies keep callers from sharing
        created: datetime = acc.extra.get("created_at") or self.state.now()
        view: dict[str, Any] = {
            "did": acc.account_id,
            "handle": acc.handle,
            "displayName": acc.display_name,
            "avatar": f"{CDN}/avatar/plain/{acc.account_id}/{make_cid(acc.account_id.encode(), raw=True)}@jpeg",
            "associated": {"chat": {"allowIncoming": "all"}},
            "viewer": {"muted": False, "blockedBy": False},
            "labels": [],
            "createdAt": iso(created),
        }
        if chat:
            view.pop("createdAt")  # chat.bsky.actor.defs#profileViewBasic has no createdAt
        self._profiles[(acc.account_id, chat)] = view
        return dict(view)

    def profile_view(self, acc: SandboxAccount) -> dict[str, Any]:
        view = self.profile_basic(acc)
        view["description"] = ""
        view["indexedAt"] = view["createdAt"]
        return view

    def profile_detailed(self, acc: SandboxAccount) -> dict[str, Any]:
        view = self.profile_view(acc)
        view["associated"] = {
            "lists": 0,
            "feedgens": 0,
            "starterPacks": 0,
            "labeler": False,
            "chat": {"allowIncoming": "all"},
        }
        view["banner"] = (
            f"https://cdn.bsky.app/img/banner/plain/{acc.account_id}/{make_cid(acc.handle.encode(), raw=True)}@jpeg"
        )
        view["followersCount"] = 0
        view["followsCount"] = 0
        view["postsCount"] = sum(1 for p in self.posts.values() if p.did == acc.account_id and not p.deleted)
        return view

    def post_view(self, post: Post) -> dict[str, Any]:
        author = self.account(post.did)
        assert author is not None
        view: dict[str, Any] = {
            "uri": post.uri,
            "cid": post.cid,
            "author": self.profile_basic(author),
            "record": post.record,
        }
        embed = post.record.get("embed") or {}
        if embed.get("$type") == "app.bsky.embed.images":
            view["embed"] = {
                "$type": "app.bsky.embed.images#view",
                "images": [self._image_view(post.did, image) for image in embed.get("images") or []],
            }
        elif embed.get("$type") == "app.bsky.embed.video":
            view["embed"] = self._video_view(post.did, embed)
        gate = self.threadgates.get(post.uri)
        view.update(
            {
                "replyCount": self.reply_counts.get(post.uri, 0),
                "repostCount": post.reposts,
                "likeCount": post.likes,
                "quoteCount": post.quotes,
                "indexedAt": iso(post.indexed_at),
                "viewer": {"threadMuted": False, "embeddingDisabled": False},
                "labels": [],
            }
        )
        if gate is not None:
            view["threadgate"] = {"uri": gate["uri"], "cid": gate["cid"], "record": gate["record"], "lists": []}
        return view

    def _video_view(self, did: str, embed: dict[str, Any]) -> dict[str, Any]:
        link = ((embed.get("video") or {}).get("ref") or {}).get("$link", "")
        out: dict[str, Any] = {
            "$type": "app.bsky.embed.video#view",
            "cid": link,
            "playlist": f"{VIDEO_CDN}/{did}/{link}/playlist.m3u8",
            "thumbnail": f"{VIDEO_CDN}/{did}/{link}/thumbnail.jpg",
        }
        if embed.get("alt"):
            out["alt"] = embed["alt"]
        if isinstance(embed.get("aspectRatio"), dict):
            out["aspectRatio"] = embed["aspectRatio"]
        return out

    def _image_view(self, did: str, image: dict[str, Any]) -> dict[str, Any]:
        link = ((image.get("image") or {}).get("ref") or {}).get("$link", "")
        blob = self.blobs.get(link) or {}
        url = blob.get("url")
        return {
            "thumb": url or f"https://cdn.bsky.app/img/feed_thumbnail/plain/{did}/{link}@jpeg",
            "fullsize": url or f"https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{link}@jpeg",
            "alt": image.get("alt", ""),
        }

    def feed_item(self, post: Post) -> dict[str, Any]:
        item: dict[str, Any] = {"post": self.post_view(post)}
        reply = post.record.get("reply") or {}
        root = self.posts.get((reply.get("root") or {}).get("uri", ""))
        parent = self.posts.get((reply.get("parent") or {}).get("uri", ""))
        if root and parent:
            item["reply"] = {
                "root": {"$type": "app.bsky.feed.defs#postView", **self.post_view(root)},
                "parent": {"$type": "app.bsky.feed.defs#postView", **self.post_view(parent)},
            }
        return item

    def notification_view(self, note: Notification) -> dict[str, Any] | None:
        author = self.account(note.author)
        post = self.posts.get(note.uri)
        record = post.record if post else (self.other_records.get(note.uri) or {}).get("record")
        if author is None or record is None:
            return None
        view: dict[str, Any] = {
            "uri": note.uri,
            "cid": post.cid if post else self.other_records[note.uri]["cid"],
            "author": self.profile_view(author),
            "reason": note.reason,
        }
        if note.reason_subject:
            view["reasonSubject"] = note.reason_subject
        view.update({"record": record, "isRead": note.is_read, "indexedAt": iso(note.indexed_at), "labels": []})
        return view

    def message_view(self, message: Message) -> dict[str, Any]:
        view: dict[str, Any] = {
            "$type": "chat.bsky.convo.defs#messageView",
            "id": message.id,
            "rev": message.rev,
            "sender": {"did": message.sender},
            "text": message.text,
        }
        if message.facets:
            view["facets"] = message.facets
        view["reactions"] = []
        view["sentAt"] = iso(message.sent_at)
        return view

    def convo_view(self, convo: Convo, viewer: str) -> dict[str, Any]:
        members = [self.account(m) for m in convo.members]
        view: dict[str, Any] = {
            "id": convo.id,
            "rev": convo.rev,
            "members": [self.profile_basic(m, chat=True) for m in members if m is not None],
        }
        if convo.messages:
            view["lastMessage"] = self.message_view(convo.messages[-1])
        view.update(
            {"unreadCount": convo.unread.get(viewer, 0), "status": convo.status.get(viewer, "accepted"), "muted": False}
        )
        return view


_SANDBOXES: dict[int, BlueskySandbox] = {}


def _sandbox(state: SandboxState) -> BlueskySandbox:
    sandbox = _SANDBOXES.get(id(state))
    if sandbox is None or sandbox.state is not state:
        sandbox = BlueskySandbox(state)
        _SANDBOXES[id(state)] = sandbox
    return sandbox


def module(state: SandboxState) -> BlueskySandbox:
    """The Bluesky platform module for the sandbox core."""
    return _sandbox(state)


# --- HTTP ---------------------------------------------------------------------------------------------


def _invalid(message: str) -> XrpcError:
    return XrpcError(400, "InvalidRequest", message)


def _limit(request: Request, default: int = 50, maximum: int = 100) -> int:
    raw = request.query_params.get("limit")
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise _invalid("limit must be an integer") from exc
    if not 1 <= value <= maximum:
        raise _invalid(f"limit can not be greater than {maximum}" if value > maximum else "limit must be at least 1")
    return value


def validate_post(record: Any, sandbox: BlueskySandbox, did: str) -> None:
    """Check an ``app.bsky.feed.post`` record as the PDS does (the lexicon's limits)."""
    prefix = "Invalid app.bsky.feed.post record: "
    if not isinstance(record, dict):
        raise _invalid(prefix + "Record must be an object")
    text = record.get("text")
    if not isinstance(text, str):
        raise _invalid(prefix + 'Record must have the property "text"')
    if len(text.encode()) > MAX_BYTES:
        raise _invalid(prefix + f"Record/text must not be longer than {MAX_BYTES} characters")
    if graphemes(text) > MAX_GRAPHEMES:
        raise _invalid(prefix + f"Record/text must not be longer than {MAX_GRAPHEMES} graphemes")
    created = record.get("createdAt")
    if not isinstance(created, str):
        raise _invalid(prefix + 'Record must have the property "createdAt"')
    try:
        datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _invalid(prefix + "Record/createdAt must be an valid atproto datetime") from exc
    langs = record.get("langs")
    if langs is not None and (not isinstance(langs, list) or len(langs) > 3):
        raise _invalid(prefix + "Record/langs must not have more than 3 elements")
    size = len(text.encode())
    for i, facet in enumerate(record.get("facets") or []):
        index = facet.get("index") if isinstance(facet, dict) else None
        if not isinstance(index, dict):
            raise _invalid(prefix + f'Record/facets/{i} must have the property "index"')
        start, end = index.get("byteStart"), index.get("byteEnd")
        if not isinstance(start, int) or not isinstance(end, int) or start < 0 or end < start:
            raise _invalid(prefix + f"Record/facets/{i}/index must be a valid byte slice")
        if end > size:
            raise _invalid(prefix + f"Record/facets/{i}/index is outside the text")
        if not facet.get("features"):
            raise _invalid(prefix + f'Record/facets/{i} must have the property "features"')
    reply = record.get("reply")
    if reply is not None:
        for part in ("root", "parent"):
            ref = reply.get(part) if isinstance(reply, dict) else None
            if not isinstance(ref, dict) or not isinstance(ref.get("uri"), str) or not isinstance(ref.get("cid"), str):
                raise _invalid(prefix + f'Record/reply must have the property "{part}" with uri and cid')
    embed = record.get("embed")
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("media")
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.video":
        video = embed.get("video")
        if not isinstance(video, dict):
            raise _invalid(prefix + 'Record/embed must have the property "video"')
        alt = embed.get("alt")
        if alt is not None and (not isinstance(alt, str) or graphemes(alt) > 1000):
            raise _invalid(prefix + "Record/embed/alt must not be longer than 1000 graphemes")
        link = (video.get("ref") or {}).get("$link")
        blob = sandbox.blobs.get(str(link))
        if blob is None or blob["did"] != did:
            raise XrpcError(400, "BlobNotFound", f"Could not find blob: {link}")
        if blob["mime"] not in VIDEO_TYPES:
            raise _invalid(prefix + f"Record/embed/video has an invalid mimeType {blob['mime']!r}: expected video/mp4")
        if blob["size"] > MAX_VIDEO_BYTES:
            raise XrpcError(
                400,
                "BlobTooLarge",
                f"This file is too large. It is {blob['size']} bytes but the maximum size is {MAX_VIDEO_BYTES} bytes.",
            )
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.images":
        images = embed.get("images")
        if not isinstance(images, list) or not images:
            raise _invalid(prefix + 'Record/embed must have the property "images"')
        if len(images) > MAX_IMAGES:
            raise _invalid(prefix + f"Record/embed/images must not have more than {MAX_IMAGES} elements")
        for i, image in enumerate(images):
            if not isinstance(image, dict) or not isinstance(image.get("alt"), str):
                raise _invalid(prefix + f'Record/embed/images/{i} must have the property "alt"')
            link = ((image.get("image") or {}).get("ref") or {}).get("$link")
            blob = sandbox.blobs.get(str(link))
            if blob is None or blob["did"] != did:
                raise XrpcError(400, "BlobNotFound", f"Could not find blob: {link}")
            if blob["size"] > MAX_BLOB_BYTES:
                raise XrpcError(
                    400,
                    "BlobTooLarge",
                    f"This file is too large. It is {blob['size']} bytes but the maximum size is "
                    f"{MAX_BLOB_BYTES} bytes.",
                )


def validate_threadgate(record: Any, did: str, rkey: Any) -> str:
    """Check an ``app.bsky.feed.threadgate`` record; returns the post it gates.

    A gate lives in the post author's repo under the post's own record key."""
    prefix = f"Invalid {THREADGATE} record: "
    if not isinstance(record, dict):
        raise _invalid(prefix + "Record must be an object")
    post = record.get("post")
    if not isinstance(post, str) or not post.startswith("at://"):
        raise _invalid(prefix + 'Record must have the property "post"')
    if not isinstance(record.get("createdAt"), str):
        raise _invalid(prefix + 'Record must have the property "createdAt"')
    if post.rsplit("/", 1)[0] != f"at://{did}/app.bsky.feed.post" or post.rsplit("/", 1)[-1] != rkey:
        raise _invalid(prefix + "Record/post must be the writer's own post with the same record key")
    allow = record.get("allow")
    if allow is not None:
        if not isinstance(allow, list) or len(allow) > MAX_GATE_RULES:
            raise _invalid(prefix + f"Record/allow must be an array of at most {MAX_GATE_RULES} rules")
        for i, rule in enumerate(allow):
            if not isinstance(rule, dict) or rule.get("$type") not in GATE_RULES:
                raise _invalid(prefix + f"Record/allow/{i} must be one of {sorted(GATE_RULES)}")
    return post


def _mentioned(record: dict[str, Any]) -> set[str]:
    return {
        str(feature.get("did"))
        for facet in record.get("facets") or []
        for feature in facet.get("features") or []
        if feature.get("$type") == "app.bsky.richtext.facet#mention"
    }


def routes(state: SandboxState) -> list[BaseRoute]:
    """The XRPC routes."""
    sb = _sandbox(state)

    def rate(key: str, endpoint: str, limit: int, window: timedelta, cost: int = 1) -> dict[str, str]:
        allowed, win = state.rate_allows(key, endpoint, limit, window, cost)
        now = state.now()
        headers = {
            "ratelimit-limit": str(limit),
            "ratelimit-remaining": str(win.remaining(now)),
            "ratelimit-reset": str(int(win.reset_at(now).timestamp())),
            "ratelimit-policy": f"{limit};w={int(window.total_seconds())}",
        }
        if not allowed:
            raise XrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", headers)
        return headers

    def read_limit(request: Request) -> dict[str, str]:
        host = request.client.host if request.client else "unknown"
        return rate(f"{PLATFORM}-ip:{host}", "read", READ_LIMIT, READ_WINDOW)

    def authed(request: Request, *, kind: str = "access") -> tuple[SandboxAccount, str]:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise XrpcError(401, "AuthenticationRequired", "Authentication Required")
        token = header[7:].strip()
        with state.lock:
            session = sb.sessions.get(token)
            if session is None or session.revoked or (kind == "access" and state.account_for_token(token) is None):
                raise XrpcError(400, "InvalidToken", "Token could not be verified")
            if session.kind != kind:
                raise XrpcError(400, "InvalidToken", "Bad token scope")
            if state.now() >= session.expires_at:
                raise XrpcError(400, "ExpiredToken", "Token has expired")
            account = sb.account(session.did)
        if account is None:
            raise XrpcError(400, "InvalidToken", "Token could not be verified")
        request.state.account_id = account.account_id
        return account, token

    def xrpc(fn: Any) -> Any:
        async def wrapped(request: Request) -> Response:
            try:
                headers = read_limit(request)
                result = await fn(request)
                body, extra = result if isinstance(result, tuple) else (result, {})
                if isinstance(body, Response):
                    return body
                return JSONResponse(body, headers={**headers, **extra})
            except XrpcError as error:
                return error.response()

        return wrapped

    async def json_body(request: Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError as exc:
            raise _invalid("Request body must be JSON") from exc
        if not isinstance(body, dict):
            raise _invalid("Request body must be an object")
        return body

    def issue(account: SandboxAccount, request: Request) -> dict[str, Any]:
        host = request.url.netloc
        access = sb.jwt(account.account_id, "access", host)
        refresh = sb.jwt(account.account_id, "refresh", host)
        state.register(account, access)
        # No didDoc: with one, the SDK would switch to the PDS endpoint it names.
        return {
            "did": account.account_id,
            "handle": account.handle,
            "email": f"{account.handle.split('.')[0]}@example.org",
            "emailConfirmed": True,
            "emailAuthFactor": False,
            "accessJwt": access,
            "refreshJwt": refresh,
            "active": True,
        }

    # --- server ---------------------------------------------------------------------------------

    @xrpc
    async def create_session(request: Request) -> Any:
        body = await json_body(request)
        identifier = str(body.get("identifier") or "")
        password = body.get("password")
        if not identifier or not isinstance(password, str):
            raise _invalid('Input must have the property "identifier" and "password"')
        account = sb.resolve(identifier.lower()) or state.find_account(PLATFORM, identifier)
        key = f"{PLATFORM}-session:{account.account_id if account else identifier.lower()}"
        headers = rate(key, "createSession", SESSION_LIMIT, SESSION_WINDOW)
        rate(key, "createSessionDay", SESSION_DAY_LIMIT, timedelta(days=1))
        if account is None or account.credentials.get("password") != password:
            raise XrpcError(401, "AuthenticationRequired", "Invalid identifier or password")
        with state.lock:
            return issue(account, request), headers

    @xrpc
    async def refresh_session(request: Request) -> Any:
        account, token = authed(request, kind="refresh")
        with state.lock:
            sb.sessions[token].revoked = True  # refresh tokens are single use
            return issue(account, request)

    @xrpc
    async def get_session(request: Request) -> Any:
        account, _ = authed(request)
        return {
            "handle": account.handle,
            "did": account.account_id,
            "email": "",
            "emailConfirmed": True,
            "active": True,
        }

    @xrpc
    async def resolve_handle(request: Request) -> Any:
        handle = request.query_params.get("handle", "")
        account = state.find_account(PLATFORM, handle.lower())
        if account is None:
            raise _invalid("Unable to resolve handle")
        return {"did": account.account_id}

    # --- actor ------------------------------------------------------------------------------------

    @xrpc
    async def get_profile(request: Request) -> Any:
        authed(request)
        actor = request.query_params.get("actor", "")
        with state.lock:
            account = sb.resolve(actor)
            if account is None:
                raise _invalid("Profile not found")
            return sb.profile_detailed(account)

    @xrpc
    async def get_profiles(request: Request) -> Any:
        authed(request)
        with state.lock:
            found = [sb.resolve(a) for a in request.query_params.getlist("actors")]
            return {"profiles": [sb.profile_detailed(a) for a in found if a is not None]}

    # --- repo -------------------------------------------------------------------------------------

    @xrpc
    async def create_record(request: Request) -> Any:
        account, _ = authed(request)
        body = await json_body(request)
        repo = str(body.get("repo") or "")
        if sb.resolve(repo) is not account:
            raise _invalid("Invalid repo: you may only write to your own repo")
        collection = str(body.get("collection") or "")
        record = body.get("record")
        did = account.account_id
        hour = rate(f"{PLATFORM}-write:{did}", "hour", WRITE_HOUR_LIMIT, timedelta(hours=1), WRITE_COST["create"])
        rate(f"{PLATFORM}-write:{did}", "day", WRITE_DAY_LIMIT, timedelta(days=1), WRITE_COST["create"])
        with state.lock:
            if collection == "app.bsky.feed.post":
                validate_post(record, sb, did)
                assert isinstance(record, dict)
                record.setdefault("$type", "app.bsky.feed.post")
                post = sb._create_post(did, record, body.get("rkey"))
                uri, cid = post.uri, post.cid
                embed = record.get("embed") or {}
                if embed.get("$type") == "app.bsky.embed.record":
                    quoted = sb.posts.get((embed.get("record") or {}).get("uri", ""))
                    if quoted:
                        quoted.quotes += 1
            elif collection == THREADGATE:
                rkey = body.get("rkey")
                gated = validate_threadgate(record, did, rkey)
                assert isinstance(record, dict)
                record.setdefault("$type", THREADGATE)
                uri = f"at://{did}/{THREADGATE}/{rkey}"
                if any(g["uri"] == uri for g in sb.threadgates.values()):
                    raise _invalid(f"Record already exists: {uri}")
                cid = make_cid(json.dumps(record, sort_keys=True).encode() + uri.encode())
                sb.threadgates[gated] = {"uri": uri, "cid": cid, "record": record}
            elif collection in ("app.bsky.feed.like", "app.bsky.feed.repost", "app.bsky.graph.follow"):
                if not isinstance(record, dict):
                    raise _invalid(f"Invalid {collection} record: Record must be an object")
                rkey = sb.tid()
                uri = f"at://{did}/{collection}/{rkey}"
                cid = make_cid(json.dumps(record, sort_keys=True).encode() + uri.encode())
                sb.other_records[uri] = {"record": record, "cid": cid}
                subject = (record.get("subject") or {}).get("uri") if collection != "app.bsky.graph.follow" else None
                target = sb.posts.get(subject or "")
                if target is not None:
                    reason = "like" if collection.endswith("like") else "repost"
                    if reason == "like":
                        target.likes += 1
                    else:
                        target.reposts += 1
                    if target.did != did:
                        sb._notify(target.did, reason, uri, did, target.uri)
                elif collection == "app.bsky.graph.follow" and sb.resolve(str(record.get("subject") or "")):
                    sb._notify(str(record["subject"]), "follow", uri, did, None)
            else:
                raise _invalid(f"Unsupported collection: {collection}")
            rev = sb.tid()
        state.emit("post_created", {"platform": PLATFORM, "account_id": did, "id": uri, "collection": collection})
        return {
            "uri": uri,
            "cid": cid,
            "commit": {"cid": make_cid(rev.encode()), "rev": rev},
            "validationStatus": "valid",
        }, hour

    @xrpc
    async def delete_record(request: Request) -> Any:
        account, _ = authed(request)
        body = await json_body(request)
        if sb.resolve(str(body.get("repo") or "")) is not account:
            raise _invalid("Invalid repo: you may only write to your own repo")
        did = account.account_id
        hour = rate(f"{PLATFORM}-write:{did}", "hour", WRITE_HOUR_LIMIT, timedelta(hours=1), WRITE_COST["delete"])
        rate(f"{PLATFORM}-write:{did}", "day", WRITE_DAY_LIMIT, timedelta(days=1), WRITE_COST["delete"])
        uri = f"at://{did}/{body.get('collection')}/{body.get('rkey')}"
        with state.lock:
            post = sb.posts.get(uri)
            if post is not None and not post.deleted:
                sb._delete_post(post)
            sb.other_records.pop(uri, None)
            if body.get("collection") == THREADGATE:
                sb.threadgates.pop(f"at://{did}/app.bsky.feed.post/{body.get('rkey')}", None)
            rev = sb.tid()
        # Deleting a record that is not there succeeds, as on the PDS.
        return {"commit": {"cid": make_cid(rev.encode()), "rev": rev}}, hour

    @xrpc
    async def get_record(request: Request) -> Any:
        repo = sb.resolve(request.query_params.get("repo", ""))
        collection = request.query_params.get("collection", "")
        rkey = request.query_params.get("rkey", "")
        if repo is None:
            raise _invalid("Could not find repo")
        with state.lock:
            post = sb.posts.get(f"at://{repo.account_id}/{collection}/{rkey}")
            if post is None or post.deleted:
                raise XrpcError(
                    400, "RecordNotFound", f"Could not locate record: at://{repo.account_id}/{collection}/{rkey}"
                )
            return {"uri": post.uri, "cid": post.cid, "value": post.record}

    @xrpc
    async def upload_blob(request: Request) -> Any:
        account, _ = authed(request)
        data = await request.body()
        mime = request.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
        cid = make_cid(data, raw=True)
        with state.lock:
            sb.blobs[cid] = {"did": account.account_id, "mime": mime, "size": len(data)}
        state.store_media(ReceivedMedia(cid, PLATFORM, account.account_id, mime, data))
        return {"blob": {"$type": "blob", "ref": {"$link": cid}, "mimeType": mime, "size": len(data)}}

    async def get_blob(request: Request) -> Response:
        cid = request.query_params.get("cid", "")
        blob = sb.blobs.get(cid)
        if blob is None:
            return XrpcError(400, "BlobNotFound", "Blob not found").response()
        if blob.get("url"):
            return RedirectResponse(str(blob["url"]), status_code=302)
        media = state.media.get(cid)
        return Response(media.data if media else b"", media_type=blob["mime"])

    # --- notifications ----------------------------------------------------------------------------

    @xrpc
    async def list_notifications(request: Request) -> Any:
        account, _ = authed(request)
        limit = _limit(request)
        reasons = set(request.query_params.getlist("reasons"))
        cursor = request.query_params.get("cursor")
        before = _cursor_seq(cursor)
        with state.lock:
            notes = sb.notifications.get(account.account_id, [])
            out: list[dict[str, Any]] = []
            last: Notification | None = None
            for note in reversed(notes):
                if before is not None and note.seq >= before:
                    continue
                if reasons and note.reason not in reasons:
                    continue
                view = sb.notification_view(note)
                if view is None:
                    continue
                out.append(view)
                last = note
                if len(out) >= limit:
                    break
            body: dict[str, Any] = {"notifications": out}
            if last is not None and len(out) >= limit:
                body["cursor"] = _make_cursor(last.indexed_at, last.seq)
            body["priority"] = False
            seen = account.extra.get("seen_at")
            if isinstance(seen, datetime):
                body["seenAt"] = iso(seen)
        return body

    @xrpc
    async def unread_count(request: Request) -> Any:
        account, _ = authed(request)
        with state.lock:
            seen = account.extra.get("seen_at")
            notes = sb.notifications.get(account.account_id, [])
            return {"count": sum(1 for n in notes if not isinstance(seen, datetime) or n.indexed_at > seen)}

    @xrpc
    async def update_seen(request: Request) -> Any:
        account, _ = authed(request)
        body = await json_body(request)
        try:
            account.extra["seen_at"] = datetime.fromisoformat(str(body.get("seenAt", "")).replace("Z", "+00:00"))
        except ValueError as exc:
            raise _invalid("seenAt must be a valid datetime") from exc
        return Response(b"")

    # --- feeds ------------------------------------------------------------------------------------

    def page_posts(request: Request, posts: list[Post], limit: int) -> tuple[list[Post], str | None]:
        before = _cursor_seq(request.query_params.get("cursor"))
        ordered = [p for p in sorted(posts, key=lambda p: -p.seq) if before is None or p.seq < before]
        page = ordered[:limit]
        cursor = _make_cursor(page[-1].indexed_at, page[-1].seq) if len(ordered) > limit else None
        return page, cursor

    @xrpc
    async def get_timeline(request: Request) -> Any:
        account, _ = authed(request)
        limit = _limit(request)
        with state.lock:
            # No follow graph: the timeline shows the account's own posts and what mentions or replies to it.
            mine = {n.uri for n in sb.notifications.get(account.account_id, [])}
            posts = [p for p in sb.posts.values() if not p.deleted and (p.did == account.account_id or p.uri in mine)]
            page, cursor = page_posts(request, posts, limit)
            body: dict[str, Any] = {"feed": [sb.feed_item(p) for p in page]}
        if cursor:
            body["cursor"] = cursor
        return body

    @xrpc
    async def get_author_feed(request: Request) -> Any:
        authed(request)
        limit = _limit(request)
        actor = sb.resolve(request.query_params.get("actor", ""))
        if actor is None:
            raise _invalid("Profile not found")
        no_replies = request.query_params.get("filter") == "posts_no_replies"
        with state.lock:
            posts = [
                p
                for p in sb.posts.values()
                if p.did == actor.account_id and not p.deleted and not (no_replies and p.record.get("reply"))
            ]
            page, cursor = page_posts(request, posts, limit)
            body: dict[str, Any] = {"feed": [sb.feed_item(p) for p in page]}
        if cursor:
            body["cursor"] = cursor
        return body

    @xrpc
    async def search_posts(request: Request) -> Any:
        authed(request)
        query = (request.query_params.get("q") or "").strip().lower()
        if not query:
            raise _invalid('Params must have the property "q"')
        limit = _limit(request, 25, 100)
        with state.lock:
            words = query.split()
            posts = [
                p
                for p in sb.posts.values()
                if not p.deleted and all(w in str(p.record.get("text", "")).lower() for w in words)
            ]
            page, cursor = page_posts(request, posts, limit)
            body: dict[str, Any] = {"posts": [sb.post_view(p) for p in page], "hitsTotal": len(posts)}
        if cursor:
            body["cursor"] = cursor
        return body

    @xrpc
    async def get_posts(request: Request) -> Any:
        authed(request)
        uris = request.query_params.getlist("uris")
        if len(uris) > 25:
            raise _invalid("uris must not have more than 25 elements")
        with state.lock:
            return {"posts": [sb.post_view(sb.posts[u]) for u in uris if u in sb.posts and not sb.posts[u].deleted]}

    @xrpc
    async def get_post_thread(request: Request) -> Any:
        authed(request)
        uri = request.query_params.get("uri", "")
        with state.lock:
            post = sb.posts.get(uri)
            if post is None or post.deleted:
                raise XrpcError(400, "NotFound", f"Post not found: {uri}")

            def thread(p: Post, depth: int) -> dict[str, Any]:
                node: dict[str, Any] = {"$type": "app.bsky.feed.defs#threadViewPost", "post": sb.post_view(p)}
                if depth > 0:
                    node["replies"] = [
                        thread(child, depth - 1)
                        for child in sorted(sb.posts.values(), key=lambda c: c.seq)
                        if not child.deleted
                        and not child.gated
                        and ((child.record.get("reply") or {}).get("parent") or {}).get("uri") == p.uri
                    ]
                return node

            root = thread(post, 6)
            cur, node = post, root
            while True:
                parent_uri = ((cur.record.get("reply") or {}).get("parent") or {}).get("uri")
                parent = sb.posts.get(parent_uri or "")
                if parent is None or parent.deleted:
                    break
                node["parent"] = {"$type": "app.bsky.feed.defs#threadViewPost", "post": sb.post_view(parent)}
                node, cur = node["parent"], parent
            root["threadContext"] = {}
            return {"thread": root}

    # --- chat ---------------------------------------------------------------------------------------

    def convo_of(request: Request, account: SandboxAccount, convo_id: str) -> Convo:
        convo = sb.convos.get(convo_id)
        if convo is None or account.account_id not in convo.members:
            raise _invalid("Convo not found")
        return convo

    @xrpc
    async def list_convos(request: Request) -> Any:
        account, _ = authed(request)
        limit = _limit(request)
        cursor = request.query_params.get("cursor")
        with state.lock:
            convos = sorted(
                (c for c in sb.convos.values() if account.account_id in c.members), key=lambda c: c.rev, reverse=True
            )
            if cursor:
                convos = [c for c in convos if c.rev < cursor]
            page = convos[:limit]
            body: dict[str, Any] = {"convos": [sb.convo_view(c, account.account_id) for c in page]}
            if len(convos) > limit:
                body["cursor"] = page[-1].rev
        return body

    @xrpc
    async def get_convo(request: Request) -> Any:
        account, _ = authed(request)
        with state.lock:
            convo = convo_of(request, account, request.query_params.get("convoId", ""))
            return {"convo": sb.convo_view(convo, account.account_id)}

    @xrpc
    async def get_convo_for_members(request: Request) -> Any:
        account, _ = authed(request)
        members = request.query_params.getlist("members")
        with state.lock:
            if any(sb.account(m) is None for m in members):
                raise _invalid("Some members do not exist")
            convo = sb._convo_for([account.account_id, *members])
            return {"convo": sb.convo_view(convo, account.account_id)}

    @xrpc
    async def get_messages(request: Request) -> Any:
        account, _ = authed(request)
        limit = _limit(request)
        cursor = request.query_params.get("cursor")
        with state.lock:
            convo = convo_of(request, account, request.query_params.get("convoId", ""))
            messages = [m for m in reversed(convo.messages) if not cursor or m.rev < cursor]
            page = messages[:limit]
            body: dict[str, Any] = {"messages": [sb.message_view(m) for m in page]}
            if len(messages) > limit:
                body["cursor"] = page[-1].rev
        return body

    @xrpc
    async def send_message(request: Request) -> Any:
        account, _ = authed(request)
        body = await json_body(request)
        message = body.get("message")
        if not isinstance(message, dict) or not isinstance(message.get("text"), str):
            raise _invalid('Input/message must have the property "text"')
        text = message["text"]
        if len(text.encode()) > 10000 or graphemes(text) > 1000:
            raise _invalid("Input/message/text must not be longer than 1000 graphemes")
        if not text.strip():
            raise _invalid("Message cannot be empty")
        with state.lock:
            convo = convo_of(request, account, str(body.get("convoId") or ""))
            sent = sb._send(convo, account.account_id, text, message.get("facets"))
            view = sb.message_view(sent)
            view.pop("$type")  # a plain messageView here, not a union member
        state.emit("post_created", {"platform": PLATFORM, "account_id": account.account_id, "id": sent.id, "dm": True})
        return view

    @xrpc
    async def update_read(request: Request) -> Any:
        account, _ = authed(request)
        body = await json_body(request)
        with state.lock:
            convo = convo_of(request, account, str(body.get("convoId") or ""))
            convo.unread[account.account_id] = 0
            return {"convo": sb.convo_view(convo, account.account_id)}

    x = "/xrpc/"
    table: list[tuple[str, Any, str]] = [
        ("com.atproto.server.createSession", create_session, "POST"),
        ("com.atproto.server.refreshSession", refresh_session, "POST"),
        ("com.atproto.server.getSession", get_session, "GET"),
        ("com.atproto.identity.resolveHandle", resolve_handle, "GET"),
        ("app.bsky.actor.getProfile", get_profile, "GET"),
        ("app.bsky.actor.getProfiles", get_profiles, "GET"),
        ("com.atproto.repo.createRecord", create_record, "POST"),
        ("com.atproto.repo.deleteRecord", delete_record, "POST"),
        ("com.atproto.repo.getRecord", get_record, "GET"),
        ("com.atproto.repo.uploadBlob", upload_blob, "POST"),
        ("com.atproto.sync.getBlob", get_blob, "GET"),
        ("app.bsky.notification.listNotifications", list_notifications, "GET"),
        ("app.bsky.notification.getUnreadCount", unread_count, "GET"),
        ("app.bsky.notification.updateSeen", update_seen, "POST"),
        ("app.bsky.feed.getTimeline", get_timeline, "GET"),
        ("app.bsky.feed.getAuthorFeed", get_author_feed, "GET"),
        ("app.bsky.feed.searchPosts", search_posts, "GET"),
        ("app.bsky.feed.getPosts", get_posts, "GET"),
        ("app.bsky.feed.getPostThread", get_post_thread, "GET"),
        ("chat.bsky.convo.listConvos", list_convos, "GET"),
        ("chat.bsky.convo.getConvo", get_convo, "GET"),
        ("chat.bsky.convo.getConvoForMembers", get_convo_for_members, "GET"),
        ("chat.bsky.convo.getMessages", get_messages, "GET"),
        ("chat.bsky.convo.sendMessage", send_message, "POST"),
        ("chat.bsky.convo.updateRead", update_read, "POST"),
    ]
    return [Route(x + name, fn, methods=[method]) for name, fn, method in table]


def _parent_uri(record: dict[str, Any]) -> str | None:
    parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
    return str(parent) if parent else None


def _make_cursor(at: datetime, seq: int) -> str:
    return f"{int(at.timestamp() * 1000)}::{seq}"


def _cursor_seq(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        return int(cursor.rsplit("::", 1)[-1])
    except ValueError as exc:
        raise _invalid("Malformed cursor") from exc
