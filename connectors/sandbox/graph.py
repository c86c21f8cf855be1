"""The Facebook and Instagram Graph API, as the sandbox serves it on versioned paths (``/v21.0/...``).

Pages with their feed, photos, comments and Messenger conversations; Instagram business accounts
(linked to a Page) with media, comments, replies, mentions, direct messages and content publishing
(container, status polling, publish, the 50-per-24-hours quota). Answers use the real field names,
nesting, paging and error codes seen in the recordings under ``reference/facebook/testdata``.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from connectors.sandbox.state import ReceivedMedia, SandboxAccount, SandboxState

GRAPH_HOST = "https://graph.facebook.com"
FB_TEXT_LIMIT = 63_206
IG_CAPTION_LIMIT = 2_200
MESSENGER_TEXT_LIMIT = 2_000
IG_DM_BYTE_LIMIT = 1_000
IG_PUBLISH_QUOTA = 50
LIFTED_QUOTA = 1_000_000
IG_QUOTA_SECONDS = 86_400
MESSAGING_WINDOW = timedelta(hours=24)
HUMAN_AGENT_WINDOW = timedelta(days=7)
BUC_CALLS = 4_800  # business-use-case calls per account per 24 hours
BUC_WINDOW = timedelta(hours=24)
CONVERSATIONS_PER_SECOND = 2
MIN_VERSION, MAX_VERSION = 17, 24
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S+0000"
MAX_LIMIT = 100
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
VIDEO_TYPES = {"video/mp4": "mp4", "video/quicktime": "mov"}
# Instagram carousels: 2 to 10 images or videos, each its own container made with is_carousel_item.
IG_CAROUSEL_MIN = 2
IG_CAROUSEL_MAX = 10


class GraphVersionConvertor(Convertor[str]):
    """Matches ``v21.0``-style path segments only, so other platforms' paths are not swallowed."""

    regex = r"v[0-9]+\.[0-9]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("graph_version", GraphVersionConvertor())


class GraphError(Exception):
    """An error answered in the Graph shape: ``{"error": {message, type, code, error_subcode, fbtrace_id}}``."""

    def __init__(
        self,
        code: int,
        message: str,
        *,
        type_: str = "OAuthException",
        subcode: int | None = None,
        status: int = 400,
        transient: bool | None = None,
        user_title: str | None = None,
        user_msg: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.type_ = type_
        self.subcode = subcode
        self.status = status
        self.transient = transient
        self.user_title = user_title
        self.user_msg = user_msg
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON body."""
        err: dict[str, Any] = {"message": self.message, "type": self.type_, "code": self.code}
        if self.subcode is not None:
            err["error_subcode"] = self.subcode
        if self.transient is not None:
            err["is_transient"] = self.transient
        if self.user_title:
            err["error_user_title"] = self.user_title
        if self.user_msg:
            err["error_user_msg"] = self.user_msg
        err["fbtrace_id"] = "A" + secrets.token_urlsafe(16)
        return {"error": err}


def _no_object(object_id: str) -> GraphError:
    return GraphError(
        100,
        f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded due to missing "
        "permissions, or does not support this operation. Please read the Graph API documentation at "
        "https://developers.facebook.com/docs/graph-api",
        type_="GraphMethodException",
        subcode=33,
    )


def _unknown_field(name: str, node_type: str) -> GraphError:
    return GraphError(100, f"(#100) Tried accessing nonexisting field ({name}) on node type ({node_type})")


def _param_error(message: str, subcode: int | None = None) -> GraphError:
    return GraphError(100, f"(#100) {message}", subcode=subcode)


def _permission_error(message: str) -> GraphError:
    return GraphError(200, f"(#200) {message}")


def fb_time(when: datetime) -> str:
    """Graph's timestamp format: ``2021-07-21T21:05:14+0000``."""
    return when.strftime(TIME_FORMAT)


# --- the fields language: ``id,comments.summary(true).limit(0){message},like:reactions.type(LIKE)`` -------


@dataclass
class FieldSpec:
    """One requested field with its modifiers, sub-fields and alias."""

    name: str
    mods: dict[str, str] = field(default_factory=dict)
    sub: list[FieldSpec] | None = None
    alias: str | None = None

    @property
    def key(self) -> str:
        """The key it appears under in the answer."""
        return self.alias or self.name


def _split_top(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
            if depth < 0:
                raise _param_error(f"Syntax error \"Unexpected '{ch}'\" at character {i}: {text}")
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    if depth != 0:
        raise _param_error(f'Syntax error "Expected end of string instead of end." at character {len(text)}: {text}')
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_MOD = re.compile(r"\.([a-z_]+)\(([^()]*)\)")


def parse_fields(text: str) -> list[FieldSpec]:
    """Parse a Graph ``fields`` parameter, including nested expansions and modifiers."""
    specs: list[FieldSpec] = []
    for part in _split_top(text):
        sub: list[FieldSpec] | None = None
        head = part
        if part.endswith("}"):
            brace = part.index("{")
            sub = parse_fields(part[brace + 1 : -1])
            head = part[:brace]
        alias = None
        m = re.match(r"^([a-z_]+):(.*)$", head)
        if m and "(" not in m.group(1):
            alias, head = m.group(1), m.group(2)
        name_match = re.match(r"^([a-zA-Z_][a-zA-Z0-9_]*)", head)
        if not name_match:
            raise _param_error(f'Syntax error "Expected name." at character 0: {part}')
        name = name_match.group(1)
        mods = {k: v for k, v in _MOD.findall(head[name_match.end() :])}
        if "as" in mods:
            alias = mods.pop("as")
        specs.append(FieldSpec(name, mods, sub, alias))
    return specs


def _specs(text: str | None, default: str) -> list[FieldSpec]:
    return parse_fields(text) if text else parse_fields(default)


# --- the graph's objects ------------------------------------------------------------------------


@dataclass
class Profile:
    """A Page, a person or an Instagram account."""

    id: str
    kind: str  # "page", "user", "ig_user"
    name: str
    username: str
    seq: int
    created: datetime
    page_id: str | None = None  # the Page an Instagram account is linked to
    ig_id: str | None = None  # the Instagram account linked to a Page
    token: str | None = None
    blocked: bool = False


@dataclass
class Node:
    """A post, photo, comment, message, Instagram media or comment, or a publishing container."""

    id: str
    kind: str  # post, photo, comment, message, ig_media, ig_comment, ig_container
    seq: int
    created: datetime
    author_id: str
    owner_id: str  # the Page or Instagram account the node lives on
    text: str = ""
    parent_id: str | None = None  # post for comments, comment for replies, conversation for messages
    updated: datetime | None = None
    published: bool = True
    scheduled: datetime | None = None
    hidden: bool = False
    deleted: bool = False
    link: str | None = None
    media_id: str | None = None  # stored bytes (photo, container image, attachment)
    media_url: str | None = None
    alt_text: str | None = None
    attached: list[str] = field(default_factory=list)  # photo ids of a multi-photo post
    status_reads: int = 0  # container status polls seen
    status_code: str = "IN_PROGRESS"
    likes: int = 0
    shares: int = 0
    media_type: str = ""  # Instagram: IMAGE, VIDEO, CAROUSEL(_ALBUM); Facebook videos: VIDEO
    carousel_item: bool = False  # an Instagram container made to go into a carousel
    title: str = ""  # Facebook videos


@dataclass
class Conversation:
    """A Messenger or Instagram direct thread between a Page (or IG account) and one person."""

    id: str
    owner_id: str  # page id (messenger) or ig user id (instagram)
    page_id: str
    platform: str  # "messenger" or "instagram"
    user_id: str
    seq: int
    updated: datetime
    message_ids: list[str] = field(default_factory=list)
    last_user_message: datetime | None = None
    unread: int = 0


class GraphSandbox:
    """The Graph platform's state and request handling."""

    name = "graph"

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.profiles: dict[str, Profile] = {}
        self.nodes: dict[str, Node] = {}
        self.conversations: dict[str, Conversation] = {}
        self.issued_tokens: set[str] = set()
        # indexes, so that a page of 100 comments does not scan every node the sandbox holds
        self.children: dict[str, list[str]] = {}
        self.owned: dict[tuple[str, str], list[str]] = {}
        self.by_kind: dict[str, list[str]] = {}
        self.published_at: dict[str, list[datetime]] = {}  # ig user id -> media_publish times

    # --- ids and indexes ----------------------------------------------------------------------

    def add(self, node: Node) -> Node:
        """Store a node and index it by owner, kind and parent."""
        self.nodes[node.id] = node
        self.owned.setdefault((node.kind, node.owner_id), []).append(node.id)
        self.by_kind.setdefault(node.kind, []).append(node.id)
        if node.parent_id:
            self.children.setdefault(node.parent_id, []).append(node.id)
        return node

    def of_owner(self, kind: str, owner_id: str) -> list[Node]:
        """Live nodes of one kind on one Page or Instagram account."""
        return [n for i in self.owned.get((kind, owner_id), []) if not (n := self.nodes[i]).deleted]

    def children_of(self, parent_id: str, kind: str, *, deep: bool = False) -> list[Node]:
        """Live children (or all descendants) of a node."""
        out: list[Node] = []
        stack = list(reversed(self.children.get(parent_id, [])))
        while stack:
            node = self.nodes[stack.pop()]
            if node.kind == kind and not node.deleted:
                out.append(node)
            if deep:
                stack.extend(reversed(self.children.get(node.id, [])))
        return out

    def _num(self, base: int) -> str:
        return str(base + self.state.next_number())

    def _seq(self) -> int:
        return self.state.next_number()

    # --- accounts ---------------------------------------------------------------------------

    def create_account(
        self, handle: str, display_name: str, *, is_force: bool = True, **options: Any
    ) -> SandboxAccount:
        """A Page (platform="facebook") or an Instagram business account linked to a new Page."""
        platform = str(options.get("platform", "facebook"))
        if platform not in ("facebook", "instagram"):
            raise ValueError(f"unknown Graph platform {platform!r}")
        now = self.state.now()
        with self.state.lock:
            if not is_force:
                if platform == "instagram":
                    ig = Profile(self._num(17841400000000000), "ig_user", display_name, handle, self._seq(), now)
                    self.profiles[ig.id] = ig
                    acc = SandboxAccount("instagram", ig.id, handle, display_name, {"ig_user_id": ig.id}, False)
                else:
                    user = Profile(self._num(100000000000000), "user", display_name, handle, self._seq(), now)
                    self.profiles[user.id] = user
                    acc = SandboxAccount("facebook", user.id, handle, display_name, {"user_id": user.id}, False)
                return self.state.register(acc)
            token = self.state.new_token("EAAG")
            self.issued_tokens.add(token)
            page_name = display_name if platform == "facebook" else f"{display_name} (Page)"
            page = Profile(self._num(100000000000), "page", page_name, handle, self._seq(), now, token=token)
            self.profiles[page.id] = page
            if platform == "facebook":
                acc = SandboxAccount(
                    "facebook", page.id, handle, display_name, {"page_id": page.id, "access_token": token}, True
                )
                return self.state.register(acc, token)
            ig = Profile(
                self._num(17841400000000000), "ig_user", display_name, handle, self._seq(), now, page_id=page.id
            )
            ig.token = token
            page.ig_id = ig.id
            self.profiles[ig.id] = ig
            creds = {"page_id": page.id, "ig_user_id": ig.id, "access_token": token}
            acc = SandboxAccount("instagram", ig.id, handle, display_name, creds, True, {"page_id": page.id})
            return self.state.register(acc, token)

    def block(self, profile_id: str, blocked: bool = True) -> None:
        """Mark a Page or Instagram account as blocked from posting (error 368), for tests."""
        with self.state.lock:
            self.profiles[profile_id].blocked = blocked

    # --- residents ----------------------------------------------------------------------------

    def _at(self, options: dict[str, Any]) -> datetime:
        raw = options.get("created_time")
        if raw is None:
            return self.state.now()
        if isinstance(raw, int | float):
            return datetime.fromtimestamp(float(raw), tz=self.state.now().tzinfo)
        return datetime.fromisoformat(str(raw))

    def inject(self, force: SandboxAccount, kind: str, author: SandboxAccount, text: str, **options: Any) -> str:
        """Make ``author`` comment, mention or message the force's Page or Instagram account."""
        with self.state.lock:
            if options.get("delete_id"):
                node = self.nodes.get(str(options["delete_id"]))
                if node is None:
                    raise ValueError(f"no such item {options['delete_id']}")
                node.deleted = True
                return node.id
            if options.get("edit_of"):
                node = self.nodes.get(str(options["edit_of"]))
                if node is None:
                    raise ValueError(f"no such item {options['edit_of']}")
                node.text = text
                node.updated = self.state.now()
                return node.id
            at = self._at(options)
            owner = self.profiles.get(force.account_id)
            if owner is None:
                raise ValueError("the force account is not a Graph account")
            if self.profiles.get(author.account_id) is None:
                raise ValueError("the author is not a Graph account")
            if kind == "dm":
                return self._inject_dm(owner, author.account_id, text, at, options.get("attachment_url"))
            if owner.kind == "ig_user":
                if kind == "mention" and not options.get("reply_to"):
                    return self._inject_ig_mention_media(owner, author.account_id, text, at)
                return self._inject_ig_comment(owner, author.account_id, text, at, options.get("reply_to"))
            if kind in ("comment", "reply", "mention"):
                if kind == "mention" and f"@{owner.name}" not in text:
                    text = f"@{owner.name} {text}"
                return self._inject_fb_comment(owner, author.account_id, text, at, options)
            raise ValueError(f"unknown kind {kind!r} for Graph")

    def _latest(self, kind: str, owner_id: str) -> Node | None:
        best: Node | None = None
        for node in self.of_owner(kind, owner_id):
            if node.published and node.author_id == owner_id and (best is None or node.seq > best.seq):
                best = node
        return best

    def _seed_post(self, page: Profile, at: datetime) -> Node:
        return self._new_post(page, "Welcome to our page. We read every message during office hours.", at)

    def _inject_fb_comment(
        self, page: Profile, author_id: str, text: str, at: datetime, options: dict[str, Any]
    ) -> str:
        target_id = options.get("reply_to")
        target = self.nodes.get(str(target_id)) if target_id else None
        if target_id and (target is None or target.kind not in ("post", "comment", "photo")):
            raise ValueError(f"nothing to reply to with id {target_id}")
        if target is None:
            target = self._latest("post", page.id) or self._seed_post(page, at)
        node = self._new_comment(target, author_id, text, at)
        if options.get("attachment_url"):
            node.media_url = str(options["attachment_url"])
        return node.id

    def _inject_ig_comment(self, ig: Profile, author_id: str, text: str, at: datetime, reply_to: Any) -> str:
        target = self.nodes.get(str(reply_to)) if reply_to else None
        if reply_to and (target is None or target.kind not in ("ig_media", "ig_comment")):
            raise ValueError(f"nothing to reply to with id {reply_to}")
        if target is None:
            target = self._latest("ig_media", ig.id)
            if target is None:
                target = self._new_ig_media(ig, "Hello from our station.", None, at)
        return self._new_ig_comment(target, author_id, text, at).id

    def _inject_ig_mention_media(self, ig: Profile, author_id: str, text: str, at: datetime) -> str:
        author = self.profiles[author_id]
        if f"@{ig.username}" not in text:
            text = f"@{ig.username} {text}"
        return self._new_ig_media(author, text, None, at).id

    def _inject_dm(self, owner: Profile, user_id: str, text: str, at: datetime, attachment_url: Any) -> str:
        platform = "instagram" if owner.kind == "ig_user" else "messenger"
        page_id = owner.page_id if owner.kind == "ig_user" else owner.id
        assert page_id is not None
        conv = self._conversation(owner.id, page_id, platform, user_id, at)
        msg = self._new_message(conv, user_id, text, at)
        if attachment_url:
            msg.media_url = str(attachment_url)
        conv.last_user_message = max(conv.last_user_message or at, at)
        conv.unread += 1
        return msg.id

    # --- node factories -----------------------------------------------------------------------

    def _new_post(
        self, page: Profile, text: str, at: datetime, *, published: bool = True, scheduled: datetime | None = None
    ) -> Node:
        num = self._num(700000000000000)
        node = Node(f"{page.id}_{num}", "post", self._seq(), at, page.id, page.id, text, updated=at)
        node.published = published
        node.scheduled = scheduled
        node.link = f"https://www.facebook.com/{page.id}/posts/{num}"
        self.add(node)
        return node

    def _new_comment(self, target: Node, author_id: str, text: str, at: datetime) -> Node:
        root = target if target.kind != "comment" else self.nodes[self._root_of(target)]
        object_id = root.id.split("_")[-1]
        node = Node(
            f"{object_id}_{self._num(900000000000000)}", "comment", self._seq(), at, author_id, root.owner_id, text
        )
        node.parent_id = target.id
        node.updated = at
        self.add(node)
        root.updated = max(root.updated or at, at)
        return node

    def _root_of(self, node: Node) -> str:
        current = node
        while current.kind in ("comment", "ig_comment") and current.parent_id:
            parent = self.nodes.get(current.parent_id)
            if parent is None:
                break
            current = parent
        return current.id

    def _new_ig_media(
        self, ig: Profile, caption: str, media_id: str | None, at: datetime, *, parent_id: str | None = None
    ) -> Node:
        node = Node(self._num(17900000000000000), "ig_media", self._seq(), at, ig.id, ig.id, caption)
        node.media_id = media_id
        node.parent_id = parent_id  # a carousel's item: listed under the carousel, not on the profile
        node.link = f"https://www.instagram.com/p/{secrets.token_urlsafe(8)}/"
        self.add(node)
        return node

    def _new_ig_comment(self, target: Node, author_id: str, text: str, at: datetime) -> Node:
        root_id = self._root_of(target) if target.kind == "ig_comment" else target.id
        media = self.nodes[root_id]
        node = Node(self._num(17800000000000000), "ig_comment", self._seq(), at, author_id, media.owner_id, text)
        # Instagram threads are one level deep: a reply to a reply belongs to the top comment.
        if target.kind == "ig_comment":
            top = target
            while top.parent_id and self.nodes[top.parent_id].kind == "ig_comment":
                top = self.nodes[top.parent_id]
            node.parent_id = top.id
        else:
            node.parent_id = target.id
        self.add(node)
        return node

    def _conversation(self, owner_id: str, page_id: str, platform: str, user_id: str, at: datetime) -> Conversation:
        for conv in self.conversations.values():
            if conv.owner_id == owner_id and conv.user_id == user_id and conv.platform == platform:
                return conv
        conv_id = (
            ("t_" + self._num(500000000000000))
            if platform == "messenger"
            else ("aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6" + secrets.token_urlsafe(18))
        )
        conv = Conversation(conv_id, owner_id, page_id, platform, user_id, self._seq(), at)
        self.conversations[conv.id] = conv
        return conv

    def _new_message(self, conv: Conversation, author_id: str, text: str, at: datetime) -> Node:
        prefix = "m_" if conv.platform == "messenger" else "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx"
        node = Node(prefix + secrets.token_urlsafe(30), "message", self._seq(), at, author_id, conv.owner_id, text)
        node.parent_id = conv.id
        self.add(node)
        conv.message_ids.append(node.id)
        conv.updated = max(conv.updated, at)
        conv.seq = self._seq()
        return node

    def summary(self) -> dict[str, Any]:
        """Counts of what the Graph holds."""
        with self.state.lock:
            counts: dict[str, int] = {}
            for node in self.nodes.values():
                if not node.deleted:
                    counts[node.kind] = counts.get(node.kind, 0) + 1
            return {
                "pages": sum(1 for p in self.profiles.values() if p.kind == "page"),
                "instagram_accounts": sum(1 for p in self.profiles.values() if p.kind == "ig_user" and p.token),
                "people": sum(1 for p in self.profiles.values() if p.kind in ("user",) or not p.token),
                "conversations": len(self.conversations),
                **counts,
            }

    # --- helpers for rendering ------------------------------------------------------------------

    def _person(self, profile_id: str, *, instagram: bool = False) -> dict[str, Any]:
        prof = self.profiles.get(profile_id)
        if prof is None:
            return {"id": profile_id}
        if instagram or prof.kind == "ig_user":
            return {"username": prof.username, "id": prof.id}
        return {"name": prof.name, "email": f"{prof.id}@facebook.com", "id": prof.id}

    def _from(self, profile_id: str) -> dict[str, Any]:
        prof = self.profiles.get(profile_id)
        return {"name": prof.name if prof else "", "id": profile_id}

    def media_url_for(self, base: str, media_id: str) -> str:
        """Where the sandbox serves stored bytes (the way Graph hands out fbcdn URLs)."""
        media = self.state.media.get(media_id)
        ext = (IMAGE_TYPES.get(media.mime_type) or VIDEO_TYPES.get(media.mime_type, "bin")) if media else "jpg"
        return f"{base}/fbcdn/{media_id}.{ext}"


def module(state: SandboxState) -> GraphSandbox:
    """The Graph platform module for the sandbox core."""
    existing = state.platforms.get("graph")
    if isinstance(existing, GraphSandbox):
        return existing
    return GraphSandbox(state)


# --- request handling -----------------------------------------------------------------------------


@dataclass
class Call:
    """One Graph request, parsed."""

    request: Request
    version: str
    segments: list[str]
    params: dict[str, str]
    files: dict[str, tuple[bytes, str, str]]  # name -> (bytes, content type, filename)
    token: str | None
    account: SandboxAccount | None = None
    base: str = ""
    cache: dict[str, dict[str, Any]] = field(default_factory=dict)  # field values per node, for this request

    def param(self, name: str, default: str | None = None) -> str | None:
        """A query or body parameter."""
        return self.params.get(name, default)


Handler = Callable[[Call], Awaitable[Any]]


def _cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"seq:{seq}".encode()).decode().rstrip("=")


def _uncursor(value: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        if not raw.startswith("seq:"):
            raise ValueError(raw)
        return int(raw[4:])
    except ValueError as exc:
        raise _param_error("Invalid cursor") from exc


class GraphApp:
    """Routes Graph requests to the objects they name."""

    def __init__(self, sandbox: GraphSandbox) -> None:
        self.sb = sandbox
        self.state = sandbox.state
        self._getters: dict[str, Callable[[Call, Node, FieldSpec], Any]] = {
            "post": self._post_field,
            "photo": self._photo_field,
            "comment": self._comment_field,
            "message": self._message_field,
            "ig_media": self._ig_media_field,
            "ig_comment": self._ig_comment_field,
            "ig_container": self._container_field,
            "video": self._video_field,
        }

    # --- plumbing ---------------------------------------------------------------------------

    async def handle(self, request: Request) -> Response:
        """Entry point for every versioned Graph path."""
        version = request.path_params["version"]
        path = request.path_params.get("path", "")
        headers: dict[str, str] = {"facebook-api-version": f"v{MAX_VERSION - 3}.0"}
        try:
            call = await self._parse(request, version, path)
            headers.update(self._usage_headers(call))
            result = await self._dispatch(call)
            return JSONResponse(result, headers=headers)
        except GraphError as err:
            headers.update(err.headers)
            return JSONResponse(err.body(), status_code=err.status, headers=headers)

    async def _parse(self, request: Request, version: str, path: str) -> Call:
        number = version[1:].split(".", maxsplit=1)[0]
        if not number.isdigit() or not MIN_VERSION <= int(number) <= MAX_VERSION:
            raise GraphError(
                2635,
                f"(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version: "
                f"v{MAX_VERSION - 3}.0.",
            )
        params: dict[str, str] = dict(request.query_params)
        files: dict[str, tuple[bytes, str, str]] = {}
        if request.method in ("POST", "DELETE"):
            ctype = request.headers.get("content-type", "")
            if ctype.startswith("application/json"):
                try:
                    body = json.loads(await request.body() or b"{}")
                except ValueError as exc:
                    raise _param_error("Invalid JSON in the request body") from exc
                if isinstance(body, dict):
                    for k, v in body.items():
                        params[k] = v if isinstance(v, str) else json.dumps(v)
            elif ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
                form = await request.form()
                for k, v in form.multi_items():
                    if isinstance(v, str):
                        params[k] = v
                    else:
                        data = await v.read()
                        files[k] = (data, v.content_type or "application/octet-stream", v.filename or "upload")
        token = params.pop("access_token", None)
        auth = request.headers.get("authorization", "")
        if not token and auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        segments = [s for s in path.split("/") if s]
        base = f"{request.url.scheme}://{request.url.netloc}"
        call = Call(request, version, segments, params, files, token, base=base)
        call.account = self._authenticate(call)
        request.state.account_id = call.account.account_id
        return call

    def _authenticate(self, call: Call) -> SandboxAccount:
        if not call.token:
            raise GraphError(104, "An access token is required to request this resource.")
        account = self.state.account_for_token(call.token)
        if account is None or account.platform not in ("facebook", "instagram"):
            if call.token in self.sb.issued_tokens:
                raise GraphError(
                    190,
                    "Error validating access token: The session has been invalidated because the user changed their "
                    "password or Facebook has changed the session for security reasons.",
                    subcode=460,
                    status=400,
                )
            raise GraphError(190, "Invalid OAuth access token - Cannot parse access token", status=400)
        return account

    def _owned(self, call: Call) -> set[str]:
        acc = call.account
        assert acc is not None
        ids = {acc.account_id}
        page_id = acc.credentials.get("page_id")
        if page_id:
            ids.add(page_id)
        return ids

    def _usage_headers(self, call: Call) -> dict[str, str]:
        acc = call.account
        assert acc is not None
        kind = "instagram" if acc.platform == "instagram" else "pages"
        allowed, window = self.state.rate_allows(acc.account_id, "graph:buc", BUC_CALLS, BUC_WINDOW)
        now = self.state.now()
        used = BUC_CALLS - window.remaining(now)
        pct = min(100, round(used * 100 / BUC_CALLS))
        regain = 0 if allowed else max(1, int((window.reset_at(now) - now).total_seconds() // 60) + 1)
        headers = {
            "x-app-usage": json.dumps({"call_count": pct, "total_cputime": pct // 2, "total_time": pct // 2}),
            "x-business-use-case-usage": json.dumps(
                {
                    acc.account_id: [
                        {
                            "type": kind,
                            "call_count": pct,
                            "total_cputime": pct // 2,
                            "total_time": pct // 2,
                            "estimated_time_to_regain_access": regain,
                        }
                    ]
                }
            ),
        }
        if not allowed:
            if kind == "instagram":
                raise GraphError(
                    80002,
                    "There have been too many calls to this Instagram account. Wait a bit and try again. For more "
                    "info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
                    headers=headers,
                    transient=True,
                )
            raise GraphError(
                80001,
                "There have been too many calls to this Page account. Wait a bit and try again. For more info, "
                "please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
                headers=headers,
                transient=True,
            )
        return headers

    # --- dispatch --------------------------------------------------------------------------------

    async def _dispatch(self, call: Call) -> Any:
        method = call.request.method
        segs = call.segments
        with self.state.lock:
            if not segs:
                if method == "GET" and call.param("ids"):
                    return self._get_many(call)
                raise _param_error("Unsupported request: an object id is required")
            object_id = segs[0]
            if object_id == "me":
                acc = call.account
                assert acc is not None
                object_id = acc.credentials.get("page_id", acc.account_id)
            if len(segs) == 1:
                if method == "GET":
                    return self._render_object(call, object_id)
                if method == "POST":
                    return self._update_object(call, object_id)
                if method == "DELETE":
                    return self._delete_object(call, object_id)
            elif len(segs) == 2:
                edge = segs[1]
                if method == "GET":
                    return self._get_edge(call, object_id, edge)
                if method == "POST":
                    return self._post_edge(call, object_id, edge)
        raise GraphError(
            100, f"Unsupported {method.lower()} request. Please read the Graph API documentation", subcode=33
        )

    # --- reading objects ------------------------------------------------------------------------

    def _lookup(self, object_id: str) -> Profile | Node | Conversation:
        prof = self.sb.profiles.get(object_id)
        if prof is not None:
            return prof
        node = self.sb.nodes.get(object_id)
        if node is not None and not node.deleted:
            self._refresh(node)
            return node
        conv = self.sb.conversations.get(object_id)
        if conv is not None:
            return conv
        raise _no_object(object_id)

    def _refresh(self, node: Node) -> None:
        """Scheduled posts go live when their time comes; containers finish after a status poll."""
        if node.kind == "post" and not node.published and node.scheduled and node.scheduled <= self.state.now():
            node.published = True
            node.created = node.scheduled
            node.updated = node.scheduled

    def _get_many(self, call: Call) -> dict[str, Any]:
        ids = [i for i in (call.param("ids") or "").split(",") if i]
        out: dict[str, Any] = {}
        for object_id in ids:
            out[object_id] = self._render_object(call, object_id)
        return out

    def _render_object(self, call: Call, object_id: str) -> dict[str, Any]:
        obj = self._lookup(object_id)
        if isinstance(obj, Node) and obj.kind == "ig_container":
            # Each status read moves an upload along: the first answers IN_PROGRESS, later ones FINISHED.
            obj.status_reads += 1
            if obj.status_code == "IN_PROGRESS" and obj.status_reads > 1:
                obj.status_code = "FINISHED"
        return self.render(call, obj, call.param("fields"))

    def render(self, call: Call, obj: Profile | Node | Conversation, fields: str | None) -> dict[str, Any]:
        """Render ``obj`` with the requested (or default) fields."""
        kind = obj.kind if not isinstance(obj, Conversation) else "conversation"
        default = DEFAULT_FIELDS.get(kind, "id")
        out = self.render_specs(call, obj, _specs(fields, default))
        out.setdefault("id", obj.id)  # a node asked for by id always carries it; list items only when asked
        return out

    def render_specs(self, call: Call, obj: Profile | Node | Conversation, specs: list[FieldSpec]) -> dict[str, Any]:
        """Render ``obj`` with parsed field specs."""
        out: dict[str, Any] = {}
        for spec in specs:
            value = self._field(call, obj, spec)
            if value is not _MISSING:
                out[spec.key] = value
        return out

    def _field(self, call: Call, obj: Profile | Node | Conversation, spec: FieldSpec) -> Any:
        if isinstance(obj, Profile):
            return self._profile_field(call, obj, spec)
        if isinstance(obj, Conversation):
            return self._conversation_field(call, obj, spec)
        return self._getters[obj.kind](call, obj, spec)

    def _profile_field(self, call: Call, prof: Profile, spec: FieldSpec) -> Any:
        n = spec.name
        if prof.kind == "ig_user":
            media = [m for m in self.sb.of_owner("ig_media", prof.id) if m.parent_id is None]
            values: dict[str, Any] = {
                "id": prof.id,
                "ig_id": int(prof.id) % 10**10,
                "username": prof.username,
                "name": prof.name,
                "biography": "",
                "followers_count": 0,
                "follows_count": 0,
                "media_count": sum(1 for m in media if not m.deleted),
                "profile_picture_url": f"{call.base}/fbcdn/profile_{prof.id}.jpg",
                "website": "",
            }
            if n in values:
                return values[n]
            if n in ("mentioned_comment", "mentioned_media"):
                return self._mentioned(call, prof, spec)
            raise _unknown_field(n, "IGUser" if prof.kind == "ig_user" else "User")
        if prof.kind == "user":
            values = {"id": prof.id, "name": prof.name}
            if n in values:
                return values[n]
            raise _unknown_field(n, "User")
        values = {
            "id": prof.id,
            "name": prof.name,
            "username": prof.username,
            "fan_count": 0,
            "followers_count": 0,
            "link": f"https://www.facebook.com/{prof.username}/",
            "category": "Police Station",
            "category_list": [{"id": "2240", "name": "Police Station"}],
            "about": "",
            "verification_status": "not_verified",
            "can_post": True,
            "picture": {
                "data": {
                    "height": 50,
                    "is_silhouette": False,
                    "url": f"{call.base}/fbcdn/profile_{prof.id}.jpg",
                    "width": 50,
                }
            },
        }
        if n == "instagram_business_account":
            return {"id": prof.ig_id} if prof.ig_id else _MISSING
        if n == "access_token":
            return prof.token if prof.id in self._owned(call) else _MISSING
        if n in values:
            return values[n]
        raise _unknown_field(n, "Page")

    def _mentioned(self, call: Call, prof: Profile, spec: FieldSpec) -> Any:
        if spec.name == "mentioned_comment":
            node = self.sb.nodes.get(spec.mods.get("comment_id", ""))
            if node is None or node.kind != "ig_comment" or f"@{prof.username}" not in node.text:
                raise _no_object(spec.mods.get("comment_id", ""))
            return self.render_specs(call, node, spec.sub or parse_fields("id,text,timestamp"))
        node = self.sb.nodes.get(spec.mods.get("media_id", ""))
        if node is None or node.kind != "ig_media" or f"@{prof.username}" not in node.text:
            raise _no_object(spec.mods.get("media_id", ""))
        return self.render_specs(call, node, spec.sub or parse_fields("id,caption,timestamp"))

    def _summary_edge(
        self, call: Call, spec: FieldSpec, items: list[Any], summary: dict[str, Any], render: bool = True
    ) -> dict[str, Any]:
        limit = int(spec.mods.get("limit", "25"))
        want_summary = "summary" in spec.mods
        data: list[Any] = []
        if render and limit > 0:
            sub = spec.sub or parse_fields("id")
            data = [self.render_specs(call, it, sub) for it in items[:limit]]
        out: dict[str, Any] = {"data": data}
        if data and len(items) > limit:
            out["paging"] = {
                "cursors": {"before": _cursor(items[0].seq), "after": _cursor(items[limit - 1].seq)},
            }
        if want_summary:
            out["summary"] = summary
        return out

    def _comments_of(self, target_id: str, *, stream: bool = False) -> list[Node]:
        items = self.sb.children_of(target_id, "comment", deep=stream)
        items.sort(key=lambda n: (n.created, n.seq))
        return items

    def _post_field(self, call: Call, post: Node, spec: FieldSpec) -> Any:
        n = spec.name
        page = self.sb.profiles.get(post.owner_id)
        photo = self.sb.nodes.get(post.attached[0]) if post.attached else None
        if n == "comments":
            comments = self._comments_of(post.id, stream=spec.mods.get("filter") == "stream")
            summary = {"order": "chronological", "total_count": len(comments), "can_comment": True}
            return self._summary_edge(call, spec, comments, summary)
        if n in ("reactions", "likes"):
            rtype = spec.mods.get("type", "")
            count = post.likes if rtype in ("", "LIKE") else 0
            counts: dict[str, Any] = {"total_count": count}
            if n == "reactions" and not rtype:
                counts["viewer_reaction"] = "NONE"
            if n == "likes":
                counts["can_like"] = True
                counts["has_liked"] = False
            return self._summary_edge(call, spec, [], counts, render=False)
        if n == "insights":
            return {"data": self._insights(post, spec.mods.get("metric", ""), call)}
        if n == "attachments":
            return {"data": [self._attachment(call, self.sb.nodes[i]) for i in post.attached if i in self.sb.nodes]}
        cached = call.cache.get(post.id)
        if cached is not None:
            values = cached
        else:
            values = {
                "id": post.id,
                "message": post.text,
                "created_time": fb_time(post.created),
                "updated_time": fb_time(post.updated or post.created),
                "permalink_url": post.link,
                "status_type": self._status_type(post),
                "is_published": post.published,
                "is_hidden": False,
                "from": {"name": page.name if page else "", "id": post.owner_id},
                "shares": {"count": post.shares},
                "icon": "https://www.facebook.com/images/icons/photo.gif"
                if post.attached
                else "https://www.facebook.com/images/icons/post.gif",
            }
            call.cache[post.id] = values
        if n == "message" and not post.text:
            return _MISSING
        if n == "shares" and not post.shares:
            return _MISSING
        if n in ("message_tags", "story", "place"):
            return _MISSING  # Graph leaves these out when a post has none
        if n == "scheduled_publish_time":
            return int(post.scheduled.timestamp()) if post.scheduled else _MISSING
        if n in ("full_picture", "picture"):
            return self.sb.media_url_for(call.base, photo.media_id) if photo and photo.media_id else _MISSING
        if n in values:
            return values[n]
        raise _unknown_field(n, "PagePost")

    def _status_type(self, post: Node) -> str:
        if not post.attached:
            return "mobile_status_update"
        first = self.sb.nodes.get(post.attached[0])
        return "added_video" if first is not None and first.kind == "video" else "added_photos"

    def _video_field(self, call: Call, video: Node, spec: FieldSpec) -> Any:
        n = spec.name
        page = self.sb.profiles.get(video.owner_id)
        media = self.state.media.get(video.media_id or "")
        values: dict[str, Any] = {
            "id": video.id,
            "created_time": fb_time(video.created),
            "updated_time": fb_time(video.updated or video.created),
            "published": video.published,
            # The sandbox does not decode video; a length in proportion to the bytes keeps the type right.
            "length": round(len(media.data) / 250_000, 3) if media else 0.0,
            "permalink_url": f"/{(page.username if page else '') or video.owner_id}/videos/{video.id}/",
            "source": self.sb.media_url_for(call.base, video.media_id or ""),
            "from": self.sb._from(video.owner_id),
        }
        if n == "description":
            return video.text or _MISSING
        if n == "title":
            return video.title or _MISSING
        if n == "comments":
            comments = self._comments_of(video.id)
            summary = {"order": "chronological", "total_count": len(comments), "can_comment": True}
            return self._summary_edge(call, spec, comments, summary)
        if n in values:
            return values[n]
        raise _unknown_field(n, "Video")

    def _attachment(self, call: Call, photo: Node) -> dict[str, Any]:
        url = self.sb.media_url_for(call.base, photo.media_id or "")
        if photo.kind == "video":
            return {
                "description": photo.text,
                "media": {"image": {"height": 720, "src": url, "width": 1280}, "source": url},
                "media_type": "video",
                "target": {"id": photo.id, "url": photo.link},
                "title": photo.title,
                "type": "video_inline",
                "url": photo.link,
            }
        return {
            "description": photo.text,
            "media": {"image": {"height": 720, "src": url, "width": 720}},
            "media_type": "photo",
            "target": {"id": photo.id, "url": photo.link},
            "type": "photo",
            "unshimmed_url": photo.link,
            "url": photo.link,
        }

    def _insights(self, node: Node, metric: str, call: Call) -> list[dict[str, Any]]:
        if node.kind == "ig_media":
            known = {
                "impressions": ("Impressions", "Total number of times the media object has been seen", 0),
                "reach": ("Reach", "Total number of unique accounts that have seen the media object", 0),
                "saved": ("Saved", "Total number of unique accounts that have saved the media object", 0),
                "likes": ("Likes", "The number of likes on your post.", node.likes),
                "comments": ("Comments", "The number of comments on your post.", self._ig_comment_count(node)),
                "shares": ("Shares", "The number of shares of your post.", node.shares),
            }
        else:
            known = {
                "post_impressions": ("Lifetime Post Total Impressions", "Lifetime: The number of impressions.", 0),
                "post_impressions_unique": ("Lifetime Post Total Reach", "Lifetime: The number of people.", 0),
                "post_engaged_users": ("Lifetime Engaged Users", "Lifetime: The number of people who engaged.", 0),
                "post_clicks": ("Lifetime Post Clicks", "Lifetime: The number of clicks.", 0),
            }
        names = [m for m in metric.split(",") if m] or list(known)[:3]
        out = []
        for name in names:
            if name not in known:
                raise _param_error(f"metric[0] must be one of the following values: {', '.join(known)}")
            title, desc, value = known[name]
            out.append(
                {
                    "name": name,
                    "period": "lifetime",
                    "values": [{"value": value}],
                    "title": title,
                    "description": desc,
                    "id": f"{node.id}/insights/{name}/lifetime",
                }
            )
        return out

    def _photo_field(self, call: Call, photo: Node, spec: FieldSpec) -> Any:
        n = spec.name
        url = self.sb.media_url_for(call.base, photo.media_id or "")
        values: dict[str, Any] = {
            "id": photo.id,
            "created_time": fb_time(photo.created),
            "updated_time": fb_time(photo.updated or photo.created),
            "link": photo.link,
            "images": [{"height": 720, "source": url, "width": 720}],
            "picture": url,
            "from": self.sb._from(photo.owner_id),
            "published": photo.published,
            "alt_text_custom": photo.alt_text or "",
        }
        if n == "name":
            return photo.text or _MISSING
        if n == "comments":
            comments = self._comments_of(photo.id)
            summary = {"order": "chronological", "total_count": len(comments), "can_comment": True}
            return self._summary_edge(call, spec, comments, summary)
        if n in values:
            return values[n]
        raise _unknown_field(n, "Photo")

    def _comment_field(self, call: Call, comment: Node, spec: FieldSpec) -> Any:
        n = spec.name
        cached = call.cache.get(comment.id)
        if cached is not None:
            values = cached
        else:
            replies = self._comments_of(comment.id)
            root = self.sb.nodes.get(self.sb._root_of(comment))
            root_link = root.link if root else ""
            values = {
                "id": comment.id,
                "message": comment.text,
                "created_time": fb_time(comment.created),
                "from": self.sb._from(comment.author_id),
                "like_count": comment.likes,
                "comment_count": len(replies),
                "permalink_url": f"{root_link}?comment_id={comment.id.split('_')[-1]}",
                "is_hidden": comment.hidden,
                "is_private": False,
                "can_comment": True,
                "can_hide": comment.author_id != comment.owner_id,
                "can_like": True,
                "can_remove": True,
                "can_reply_privately": comment.author_id != comment.owner_id,
                "message_tags": [],
            }
            call.cache[comment.id] = values
        if n == "parent":
            parent = self.sb.nodes.get(comment.parent_id or "")
            if parent is None or parent.kind != "comment":
                return _MISSING
            return self.render_specs(call, parent, spec.sub or parse_fields("created_time,from,message,id"))
        if n == "object":
            return {"id": self.sb._root_of(comment)}
        if n == "attachment":
            if not comment.media_url:
                return _MISSING
            return {
                "media": {"image": {"height": 720, "src": comment.media_url, "width": 720}},
                "target": {"id": comment.id, "url": comment.media_url},
                "type": "photo",
                "url": comment.media_url,
            }
        if n == "comments":
            replies = self._comments_of(comment.id)
            summary = {"order": "chronological", "total_count": len(replies), "can_comment": True}
            return self._summary_edge(call, spec, replies, summary)
        if n in values:
            return values[n]
        raise _unknown_field(n, "Comment")

    def _message_field(self, call: Call, msg: Node, spec: FieldSpec) -> Any:
        n = spec.name
        conv = self.sb.conversations[msg.parent_id or ""]
        instagram = conv.platform == "instagram"
        other = conv.user_id if msg.author_id == conv.owner_id else conv.owner_id
        cached = call.cache.get(msg.id)
        if cached is not None:
            values = cached
        else:
            values = {
                "id": msg.id,
                "created_time": fb_time(msg.created),
                "from": self.sb._person(msg.author_id, instagram=instagram),
                "to": {"data": [self.sb._person(other, instagram=instagram)]},
                "message": msg.text,
                "tags": {
                    "data": [{"name": "inbox"}, {"name": "read" if msg.author_id == conv.owner_id else "source:web"}]
                },
            }
            call.cache[msg.id] = values
        if n == "attachments":
            if not msg.media_url and not msg.media_id:
                return _MISSING
            url = msg.media_url or self.sb.media_url_for(call.base, msg.media_id or "")
            return {
                "data": [
                    {
                        "id": self.sb._num(600000000000000),
                        "mime_type": "image/jpeg",
                        "name": f"image-{msg.seq}",
                        "size": 0,
                        "image_data": {
                            "width": 720,
                            "height": 720,
                            "max_width": 720,
                            "max_height": 720,
                            "url": url,
                            "preview_url": url,
                            "image_type": 1,
                            "render_as_sticker": False,
                        },
                    }
                ],
                "paging": {
                    "cursors": {"before": "MAZDZD", "after": "MAZDZD"},
                    "next": f"{GRAPH_HOST}/{call.version}/{msg.id}/attachments?limit=25&after=MAZDZD",
                },
            }
        if n in values:
            return values[n]
        raise _unknown_field(n, "Message")

    def _conversation_field(self, call: Call, conv: Conversation, spec: FieldSpec) -> Any:
        n = spec.name
        instagram = conv.platform == "instagram"
        owner = self.sb.profiles[conv.owner_id]
        people = [self.sb._person(conv.user_id, instagram=instagram), self.sb._person(owner.id, instagram=instagram)]
        last = self.sb.nodes.get(conv.message_ids[-1]) if conv.message_ids else None
        values: dict[str, Any] = {
            "id": conv.id,
            "link": f"/{conv.page_id}/inbox/{conv.seq}/",
            "message_count": len(conv.message_ids),
            "snippet": (last.text[:100] if last else ""),
            "unread_count": conv.unread,
            "updated_time": fb_time(conv.updated),
            "participants": {"data": people},
            "senders": {"data": people},
            "can_reply": self._window_open(conv, HUMAN_AGENT_WINDOW),
            "is_subscribed": True,
            "scoped_thread_key": conv.id,
            "former_participants": {"data": []},
        }
        if n == "messages":
            messages = [self.sb.nodes[i] for i in reversed(conv.message_ids) if not self.sb.nodes[i].deleted]
            return self._summary_edge(call, spec, messages, {"total_count": len(messages)})
        if n in values:
            return values[n]
        raise _unknown_field(n, "UnifiedThread")

    def _ig_comment_count(self, media: Node) -> int:
        return len(self.sb.children_of(media.id, "ig_comment", deep=True))

    def _ig_comments_of(self, target_id: str) -> list[Node]:
        items = self.sb.children_of(target_id, "ig_comment")
        # Instagram lists a media's comments newest first and a comment's replies oldest first.
        target = self.sb.nodes.get(target_id)
        newest_first = target is not None and target.kind == "ig_media"
        items = [n for n in items if not n.deleted]
        items.sort(key=lambda n: (n.created, n.seq), reverse=newest_first)
        return items

    def _ig_media_field(self, call: Call, media: Node, spec: FieldSpec) -> Any:
        n = spec.name
        url = self.sb.media_url_for(call.base, media.media_id) if media.media_id else f"{call.base}/fbcdn/none.jpg"
        owner = self.sb.profiles.get(media.owner_id)
        cached = call.cache.get(media.id)
        if cached is not None:
            values = cached
        else:
            values = {
                "id": media.id,
                "caption": media.text,
                "comments_count": self._ig_comment_count(media),
                "like_count": media.likes,
                "media_type": media.media_type or "IMAGE",
                "media_product_type": "FEED",
                "media_url": url,
                "permalink": media.link,
                "shortcode": (media.link or "").rstrip("/").rsplit("/", 1)[-1],
                "timestamp": fb_time(media.created),
                "username": owner.username if owner else "",
                "owner": {"id": media.owner_id},
                "is_comment_enabled": True,
            }
            call.cache[media.id] = values
        if n == "caption" and not media.text:
            return _MISSING
        if n == "children":
            if not media.attached:
                return _MISSING  # only carousels have children
            items = [self.sb.nodes[i] for i in media.attached if i in self.sb.nodes]
            return {"data": [self.render_specs(call, c, spec.sub or parse_fields("id")) for c in items]}
        if n == "thumbnail_url":
            return url if media.media_type == "VIDEO" else _MISSING
        if n in ("comments_count", "like_count", "caption") and media.parent_id:
            return _MISSING  # a carousel's items are counted on the carousel
        if n == "comments":
            return self._summary_edge(call, spec, self._ig_comments_of(media.id), {})
        if n == "insights":
            return {"data": self._insights(media, spec.mods.get("metric", ""), call)}
        if n in values:
            return values[n]
        raise _unknown_field(n, "IGMedia")

    def _ig_comment_field(self, call: Call, comment: Node, spec: FieldSpec) -> Any:
        n = spec.name
        author = self.sb.profiles.get(comment.author_id)
        media_id = self.sb._root_of(comment)
        cached = call.cache.get(comment.id)
        if cached is not None:
            values = cached
        else:
            values = {
                "id": comment.id,
                "text": comment.text,
                "timestamp": fb_time(comment.created),
                "username": author.username if author else "",
                "like_count": comment.likes,
                "hidden": comment.hidden,
                "media": {"id": media_id},
                "from": {"id": comment.author_id, "username": author.username if author else ""},
                "user": {"id": comment.author_id},
            }
            call.cache[comment.id] = values
        if n == "parent_id":
            parent = self.sb.nodes.get(comment.parent_id or "")
            return parent.id if parent and parent.kind == "ig_comment" else _MISSING
        if n == "replies":
            return self._summary_edge(call, spec, self._ig_comments_of(comment.id), {})
        if n in values:
            return values[n]
        raise _unknown_field(n, "IGComment")

    def _container_field(self, call: Call, container: Node, spec: FieldSpec) -> Any:
        statuses = {
            "IN_PROGRESS": "In Progress: Media is still being processed.",
            "FINISHED": "Finished: Media has been uploaded and it is ready to be published.",
            "PUBLISHED": "Published: Media has been published.",
            "ERROR": "Error: Media upload has failed with error code 2207026.",
        }
        values = {"id": container.id, "status_code": container.status_code, "status": statuses[container.status_code]}
        if spec.name in values:
            return values[spec.name]
        raise _unknown_field(spec.name, "ShadowIGMediaBuilder")

    # --- edges ----------------------------------------------------------------------------------

    def _page(self, call: Call, items: list[Any], default_fields: str, *, descending: bool) -> dict[str, Any]:
        """Cursor paging as Graph does it: ``paging.cursors.before/after``, ``next``/``previous`` URLs."""
        try:
            limit = max(1, min(MAX_LIMIT, int(call.param("limit") or 25)))
        except ValueError as exc:
            raise _param_error("Param limit must be a number") from exc
        after = call.param("after")
        before = call.param("before")
        position = {it.seq: i for i, it in enumerate(items)}
        start = 0
        if after:
            seq = _uncursor(after)
            if seq in position:
                start = position[seq] + 1
            else:
                start = len(items)
                for i, it in enumerate(items):
                    if (it.seq < seq) if descending else (it.seq > seq):
                        start = i
                        break
        elif before:
            seq = _uncursor(before)
            end = position.get(seq, 0)
            start = max(0, end - limit)
        chunk = items[start : start + limit]
        specs = _specs(call.param("fields"), default_fields)
        out: dict[str, Any] = {"data": [self.render_specs(call, it, specs) for it in chunk]}
        if chunk:
            paging: dict[str, Any] = {"cursors": {"before": _cursor(chunk[0].seq), "after": _cursor(chunk[-1].seq)}}
            query = {k: v for k, v in call.params.items() if k not in ("after", "before")}
            query["access_token"] = call.token or ""
            path = f"{GRAPH_HOST}/{call.version}/{'/'.join(call.segments)}"
            if start > 0:
                paging["previous"] = f"{path}?{urlencode({**query, 'before': _cursor(chunk[0].seq)})}"
            if start + limit < len(items):
                paging["next"] = f"{path}?{urlencode({**query, 'after': _cursor(chunk[-1].seq)})}"
            out["paging"] = paging
        return out

    def _time_filter(self, call: Call, items: list[Node]) -> list[Node]:
        since = call.param("since")
        until = call.param("until")
        try:
            if since:
                t = datetime.fromtimestamp(int(float(since)), tz=self.state.now().tzinfo)
                items = [i for i in items if i.created >= t]
            if until:
                t = datetime.fromtimestamp(int(float(until)), tz=self.state.now().tzinfo)
                items = [i for i in items if i.created <= t]
        except ValueError as exc:
            raise _param_error("Param since/until must be a unix timestamp") from exc
        return items

    def _get_edge(self, call: Call, object_id: str, edge: str) -> dict[str, Any]:
        obj = self._lookup(object_id)
        kind = obj.kind if not isinstance(obj, Conversation) else "conversation"
        if kind == "page" and edge in ("feed", "posts", "published_posts", "scheduled_posts"):
            for node in self.sb.of_owner("post", obj.id):
                self._refresh(node)
            want_published = edge != "scheduled_posts"
            posts = [n for n in self.sb.of_owner("post", obj.id) if n.published == want_published]
            posts.sort(key=lambda n: (n.created, n.seq), reverse=True)
            return self._page(call, self._time_filter(call, posts), "created_time,message,id", descending=True)
        if kind == "page" and edge == "videos":
            videos = [v for v in self.sb.of_owner("video", obj.id) if v.published]
            videos.sort(key=lambda n: (n.created, n.seq), reverse=True)
            return self._page(call, videos, "description,updated_time,id", descending=True)
        if kind == "page" and edge == "photos":
            photos = self.sb.of_owner("photo", obj.id)
            photos.sort(key=lambda n: n.seq, reverse=True)
            return self._page(call, photos, "created_time,id", descending=True)
        if kind in ("page", "ig_user") and edge == "conversations":
            return self._conversations(call, obj)  # type: ignore[arg-type]
        if kind in ("post", "photo", "comment") and edge == "comments":
            assert isinstance(obj, Node)
            order = call.param("order") or "chronological"
            stream = call.param("filter") == "stream"
            items = self._time_filter(call, self._comments_of(obj.id, stream=stream))
            if order == "reverse_chronological":
                items.reverse()
            elif order != "chronological":
                raise _param_error("Param order must be one of {ranked, chronological, reverse_chronological}")
            descending = order == "reverse_chronological"
            out = self._page(call, items, "created_time,from,message,id", descending=descending)
            if (call.param("summary") or "").lower() in ("true", "1", "total_count"):
                out["summary"] = {"order": order, "total_count": len(items), "can_comment": True}
            return out
        if kind in ("post", "photo") and edge in ("reactions", "likes"):
            assert isinstance(obj, Node)
            return {"data": [], "summary": {"total_count": obj.likes}}
        if kind in ("post", "ig_media") and edge == "insights":
            assert isinstance(obj, Node)
            return {"data": self._insights(obj, call.param("metric") or "", call)}
        if kind == "conversation" and edge == "messages":
            assert isinstance(obj, Conversation)
            messages = [self.sb.nodes[i] for i in reversed(obj.message_ids) if not self.sb.nodes[i].deleted]
            return self._page(call, messages, "id,created_time", descending=True)
        if kind == "ig_user" and edge == "media":
            media = [m for m in self.sb.of_owner("ig_media", obj.id) if m.parent_id is None]
            media.sort(key=lambda n: (n.created, n.seq), reverse=True)
            return self._page(call, self._time_filter(call, media), "id", descending=True)
        if kind == "ig_user" and edge == "tags":
            assert isinstance(obj, Profile)
            handle = f"@{obj.username}".lower()
            tagged = [
                n
                for i in self.sb.by_kind.get("ig_media", [])
                if (n := self.sb.nodes[i]).owner_id != obj.id and not n.deleted and handle in n.text.lower()
            ]
            tagged.sort(key=lambda n: (n.created, n.seq), reverse=True)
            return self._page(call, tagged, "id", descending=True)
        if kind == "ig_user" and edge == "content_publishing_limit":
            assert isinstance(obj, Profile)
            usage = self._quota_usage(obj.id)
            entry: dict[str, Any] = {"quota_usage": usage}
            fields = call.param("fields")
            if not fields or "config" in fields:
                # Lifted limits (benchmarks) report a quota nothing reaches, as an account granted more would.
                total = LIFTED_QUOTA if self.state.limits_lifted else IG_PUBLISH_QUOTA
                entry["config"] = {"quota_total": total, "quota_duration": IG_QUOTA_SECONDS}
            return {"data": [entry]}
        if kind == "ig_media" and edge == "comments":
            assert isinstance(obj, Node)
            return self._page(call, self._ig_comments_of(obj.id), "timestamp,text,id", descending=True)
        if kind == "ig_comment" and edge == "replies":
            assert isinstance(obj, Node)
            return self._page(call, self._ig_comments_of(obj.id), "timestamp,text,id", descending=False)
        if kind == "ig_media" and edge == "children":
            assert isinstance(obj, Node)
            items = [self.sb.nodes[i] for i in obj.attached if i in self.sb.nodes]
            return self._page(call, items, "id", descending=False)
        node_type = {"page": "Page", "ig_user": "IGUser", "ig_media": "IGMedia", "post": "PagePost"}.get(kind, kind)
        raise GraphError(
            100, f"(#100) Tried accessing nonexisting field ({edge}) on node type ({node_type})", subcode=None
        )

    def _conversations(self, call: Call, owner: Profile) -> dict[str, Any]:
        if owner.id not in self._owned(call):
            raise _permission_error("Requires pages_messaging permission to manage the object")
        allowed, _ = self.state.rate_allows(
            owner.id, "graph:conversations", CONVERSATIONS_PER_SECOND, timedelta(seconds=1)
        )
        if not allowed:
            raise GraphError(613, "(#613) Calls to this api have exceeded the rate limit.", transient=True)
        platform = call.param("platform") or "messenger"
        if platform not in ("messenger", "instagram"):
            raise _param_error("Param platform must be one of {MESSENGER, INSTAGRAM}")
        page_id = owner.id if owner.kind == "page" else owner.page_id
        convs = [c for c in self.sb.conversations.values() if c.page_id == page_id and c.platform == platform]
        if call.param("user_id"):
            convs = [c for c in convs if c.user_id == call.param("user_id")]
        convs.sort(key=lambda c: (c.updated, c.seq), reverse=True)
        return self._page(call, convs, "id,link,updated_time", descending=True)

    def _quota_usage(self, ig_id: str) -> int:
        now = self.state.now()
        times = [t for t in self.sb.published_at.get(ig_id, []) if t > now - timedelta(seconds=IG_QUOTA_SECONDS)]
        self.sb.published_at[ig_id] = times
        if self.state.limits_lifted:  # lifted limits (benchmarks) include Instagram's publishing quota
            return 0
        return len(times)

    # --- writing ------------------------------------------------------------------------------------

    def _require_owner(self, call: Call, owner_id: str, what: str) -> Profile:
        if owner_id not in self._owned(call):
            raise _permission_error(what)
        prof = self.sb.profiles[owner_id]
        return prof

    def _check_blocked(self, prof: Profile) -> None:
        if prof.blocked:
            raise GraphError(
                368,
                "The action attempted has been deemed abusive or is otherwise disallowed",
                subcode=1390008,
                user_title="You Can't Use This Feature Right Now",
                user_msg="We limit how often you can post, comment or do other things in a given amount of time.",
            )

    def _post_edge(self, call: Call, object_id: str, edge: str) -> dict[str, Any]:
        obj = self._lookup(object_id)
        kind = obj.kind if not isinstance(obj, Conversation) else "conversation"
        now = self.state.now()
        if kind == "page" and edge == "feed":
            return self._create_post(call, obj, now)  # type: ignore[arg-type]
        if kind == "page" and edge == "photos":
            return self._create_photo(call, obj, now)  # type: ignore[arg-type]
        if kind == "page" and edge == "videos":
            return self._create_video(call, obj, now)  # type: ignore[arg-type]
        if kind in ("page", "ig_user") and edge == "messages":
            return self._send_message(call, obj, now)  # type: ignore[arg-type]
        if kind in ("post", "photo", "comment") and edge == "comments":
            assert isinstance(obj, Node)
            page = self._require_owner(call, obj.owner_id, "Permissions error")
            self._check_blocked(page)
            attachment = call.param("attachment_id")
            photo = self.sb.nodes.get(attachment or "")
            if attachment and (photo is None or photo.kind != "photo" or photo.owner_id != page.id):
                raise _param_error("Param attachment_id is not a valid photo id of this Page")
            text = self._text(
                call, "message", FB_TEXT_LIMIT, required=photo is None and not call.param("attachment_url")
            )
            node = self.sb._new_comment(obj, page.id, text, now)
            if photo is not None:
                node.media_url = self.sb.media_url_for(call.base, photo.media_id or "")
            elif call.param("attachment_url"):
                node.media_url = call.param("attachment_url")
            self._emit(call, "comment", node)
            return self._created(call, node)
        if kind == "ig_user" and edge == "media":
            return self._create_container(call, obj, now)  # type: ignore[arg-type]
        if kind == "ig_user" and edge == "media_publish":
            return self._publish_container(call, obj, now)  # type: ignore[arg-type]
        if kind == "ig_user" and edge == "mentions":
            assert isinstance(obj, Profile)
            self._require_owner(call, obj.id, "Permissions error")
            target = self.sb.nodes.get(call.param("comment_id") or call.param("media_id") or "")
            if target is None or target.deleted:
                raise _param_error("The parameter comment_id or media_id is required", subcode=2207004)
            text = self._text(call, "message", IG_CAPTION_LIMIT)
            node = self.sb._new_ig_comment(target, obj.id, text, now)
            return {"id": node.id}
        if kind in ("ig_media", "ig_comment") and edge in ("comments", "replies"):
            assert isinstance(obj, Node)
            if (kind == "ig_media") != (edge == "comments"):
                raise _param_error(f"Unsupported post request to {edge} on {kind}")
            ig = self._require_owner(call, obj.owner_id, "Permissions error")
            self._check_blocked(ig)
            text = self._text(call, "message", IG_CAPTION_LIMIT)
            node = self.sb._new_ig_comment(obj, ig.id, text, now)
            self._emit(call, "comment", node)
            return {"id": node.id}
        raise GraphError(100, f"(#100) Unsupported post request to edge {edge} on this object", subcode=33)

    def _emit(self, call: Call, kind: str, node: Node) -> None:
        acc = call.account
        self.state.emit(
            "post_created",
            {
                "platform": acc.platform if acc else "facebook",
                "account_id": acc.account_id if acc else node.owner_id,
                "id": node.id,
                "kind": kind,
                "text": node.text,
                "in_reply_to": node.parent_id,
            },
        )

    def _created(self, call: Call, node: Node) -> dict[str, Any]:
        fields = call.param("fields")
        if fields:
            return self.render(call, node, fields)
        return {"id": node.id}

    def _text(self, call: Call, name: str, limit: int, *, required: bool = True) -> str:
        text = call.param(name) or ""
        if required and not text.strip():
            raise _param_error(f"The parameter {name} is required")
        if len(text) > limit:
            raise _param_error(f"Param {name} must be at most {limit} characters long.")
        return text

    def _create_post(self, call: Call, page: Profile, now: datetime) -> dict[str, Any]:
        self._require_owner(
            call,
            page.id,
            "If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with "
            "sufficient administrative permission",
        )
        self._check_blocked(page)
        attached: list[str] = []
        for key, value in sorted(call.params.items()):
            if key.startswith("attached_media"):
                try:
                    fbid = str(json.loads(value)["media_fbid"])
                except (ValueError, KeyError, TypeError) as exc:
                    raise _param_error(f"Param {key} is not a valid attached media object") from exc
                photo = self.sb.nodes.get(fbid)
                if photo is None or photo.kind != "photo" or photo.owner_id != page.id:
                    raise _param_error(f"Param {key}[media_fbid] is not a valid photo id", subcode=1366051)
                attached.append(fbid)
        text = self._text(call, "message", FB_TEXT_LIMIT, required=not attached and not call.param("link"))
        published = (call.param("published") or "true").lower() not in ("false", "0")
        scheduled: datetime | None = None
        if call.param("scheduled_publish_time"):
            raw = call.param("scheduled_publish_time") or ""
            try:
                scheduled = datetime.fromtimestamp(int(raw), tz=now.tzinfo)
            except ValueError:
                try:
                    scheduled = datetime.fromisoformat(raw)
                except ValueError as exc:
                    raise _param_error("The specified scheduled publish time is invalid.") from exc
            if published:
                raise _param_error("Published posts cannot be scheduled. Set published to false to schedule this post.")
            if not timedelta(minutes=10) <= scheduled - now <= timedelta(days=30):
                raise _param_error("The specified scheduled publish time is invalid.", subcode=1363168)
        if published and text:
            latest = self.sb._latest("post", page.id)
            if latest is not None and latest.text == text and now - latest.created < timedelta(hours=24):
                raise GraphError(506, "(#506) Duplicate status message", type_="OAuthException")
        post = self.sb._new_post(page, text, now, published=published, scheduled=scheduled)
        post.attached = attached
        if call.param("link"):
            post.link = post.link  # the link preview is not rendered by the sandbox
        if published:
            self._emit(call, "post", post)
        return self._created(call, post)

    def _create_photo(self, call: Call, page: Profile, now: datetime) -> dict[str, Any]:
        self._require_owner(call, page.id, "Requires pages_manage_posts permission to upload photos to the Page")
        self._check_blocked(page)
        upload = call.files.get("source")
        if upload is None:
            url = call.param("url")
            if not url:
                raise GraphError(324, "(#324) Requires upload file", type_="OAuthException")
            data, mime = self._fetch_local(call, url)
            upload = (data, mime, "upload")
        data, mime, _ = upload
        if mime not in IMAGE_TYPES:
            sniffed = _sniff_image(data)
            if sniffed is None:
                raise GraphError(324, "(#324) Missing or invalid image file", type_="OAuthException")
            mime = sniffed
        caption = call.param("caption") or call.param("message") or ""
        if len(caption) > FB_TEXT_LIMIT:
            raise _param_error(f"Param caption must be at most {FB_TEXT_LIMIT} characters long.")
        published = (call.param("published") or "true").lower() not in ("false", "0")
        photo = Node(self.sb._num(300000000000000), "photo", self.sb._seq(), now, page.id, page.id, caption)
        photo.published = published
        photo.updated = now
        photo.alt_text = call.param("alt_text_custom")
        photo.link = f"https://www.facebook.com/photo.php?fbid={photo.id}"
        media_id = f"fb{photo.id}"
        photo.media_id = media_id
        self.sb.add(photo)
        acc = call.account
        self.state.store_media(
            ReceivedMedia(media_id, acc.platform if acc else "facebook", page.id, mime, data, photo.alt_text)
        )
        result: dict[str, Any] = {"id": photo.id}
        if published:
            post = self.sb._new_post(page, caption, now)
            post.attached = [photo.id]
            result["post_id"] = post.id
            self._emit(call, "post", post)
        return result

    def _create_video(self, call: Call, page: Profile, now: datetime) -> dict[str, Any]:
        """POST /{page}/videos: a non-resumable upload (``source`` file or ``file_url``), published by default."""
        self._require_owner(call, page.id, "Requires pages_manage_posts permission to upload videos to the Page")
        self._check_blocked(page)
        upload = call.files.get("source")
        if upload is None:
            url = call.param("file_url")
            if not url:
                raise GraphError(390, "(#390) There was a problem uploading your video file. Please try again.")
            data, mime = self._fetch_local(call, url)
            upload = (data, mime, "upload")
        data, mime, _ = upload
        if mime not in VIDEO_TYPES:
            mime = "video/mp4" if data[4:8] == b"ftyp" else mime
        if mime not in VIDEO_TYPES:
            raise GraphError(352, "(#352) Sorry, the video file you selected is in a format that we don't support.")
        description = call.param("description") or ""
        if len(description) > FB_TEXT_LIMIT:
            raise _param_error(f"Param description must be at most {FB_TEXT_LIMIT} characters long.")
        published = (call.param("published") or "true").lower() not in ("false", "0")
        video = Node(self.sb._num(1100000000000000), "video", self.sb._seq(), now, page.id, page.id, description)
        video.published = published
        video.updated = now
        video.title = call.param("title") or ""
        video.media_type = "VIDEO"
        video.link = f"https://www.facebook.com/{page.username or page.id}/videos/{video.id}/"
        video.media_id = f"fbv{video.id}"
        self.sb.add(video)
        acc = call.account
        self.state.store_media(
            ReceivedMedia(video.media_id, acc.platform if acc else "facebook", page.id, mime, data, None)
        )
        if published:
            post = self.sb._new_post(page, description, now)
            post.attached = [video.id]
            self._emit(call, "post", post)
        return {"id": video.id}

    def _fetch_local(self, call: Call, url: str) -> tuple[bytes, str]:
        """Fetch an image URL, only from the sandbox itself: the sandbox never reaches off the machine."""
        parts = urlsplit(url)
        match = re.fullmatch(r"/fbcdn/([A-Za-z0-9_.-]+)\.[a-z0-9]+", parts.path)
        if parts.netloc != urlsplit(call.base).netloc or match is None:
            raise GraphError(
                9004,
                "The media could not be fetched from this URI: " + url,
                subcode=2207052,
                user_title="Media download has failed.",
                user_msg="The media URI doesn't meet our requirements.",
            )
        media = self.state.media.get(match.group(1))
        if media is None:
            raise GraphError(
                9004,
                "The media could not be fetched from this URI: " + url,
                subcode=2207052,
                user_title="Media download has failed.",
                user_msg="The media URI doesn't meet our requirements.",
            )
        return media.data, media.mime_type

    def _create_container(self, call: Call, ig: Profile, now: datetime) -> dict[str, Any]:
        """POST /{ig}/media: an image, video or carousel container (children first, each ``is_carousel_item``)."""
        self._require_owner(call, ig.id, "Application does not have permission for this action")
        self._check_blocked(ig)
        caption = call.param("caption") or ""
        if len(caption) > IG_CAPTION_LIMIT:
            raise GraphError(
                100,
                "Invalid parameter",
                subcode=2207028,
                user_title="Caption too long",
                user_msg=f"The caption can have at most {IG_CAPTION_LIMIT} characters.",
            )
        media_type = (call.param("media_type") or "").upper()
        item = (call.param("is_carousel_item") or "").lower() in ("true", "1")
        if media_type == "CAROUSEL":
            if item:
                raise _param_error("A carousel cannot be an item of another carousel")
            return self._create_carousel(call, ig, now, caption)
        if media_type in ("VIDEO", "REELS"):
            if media_type == "REELS" and item:
                raise _param_error("Reels cannot be carousel items; use media_type=VIDEO")
            url = call.param("video_url")
            if not url:
                raise _param_error("The parameter video_url is required", subcode=2207004)
            data, mime = self._fetch_local(call, url)
            if mime not in VIDEO_TYPES:
                raise GraphError(
                    9004,
                    "The video format is not supported. Please check spec for supported formats.",
                    subcode=2207026,
                    user_title="Unsupported format",
                    user_msg="The video format is not supported.",
                )
            kind = "VIDEO"
        elif media_type in ("", "IMAGE"):
            url = call.param("image_url")
            if not url:
                if call.param("video_url"):
                    raise _param_error("The parameter media_type is required with video_url (VIDEO or REELS)")
                raise _param_error("The parameter image_url is required", subcode=2207004)
            data, mime = self._fetch_local(call, url)
            if mime not in IMAGE_TYPES:
                raise GraphError(
                    9004,
                    "Only photo or video can be accepted as media type.",
                    subcode=2207026,
                    user_title="Unsupported format",
                    user_msg="The image format is not supported.",
                )
            kind = "IMAGE"
        else:
            raise _param_error("Param media_type must be one of {IMAGE, VIDEO, REELS, CAROUSEL}")
        # Carousel items carry no caption of their own: the carousel's caption is the post's.
        container = Node(
            self.sb._num(17890000000000000), "ig_container", self.sb._seq(), now, ig.id, ig.id, "" if item else caption
        )
        media_id = f"ig{container.id}"
        container.media_id = media_id
        container.media_type = kind
        container.carousel_item = item
        container.alt_text = call.param("alt_text")
        self.state.store_media(ReceivedMedia(media_id, "instagram", ig.id, mime, data, container.alt_text))
        self.sb.add(container)
        return {"id": container.id}

    def _create_carousel(self, call: Call, ig: Profile, now: datetime, caption: str) -> dict[str, Any]:
        ids = [i.strip() for i in (call.param("children") or "").split(",") if i.strip()]
        if not IG_CAROUSEL_MIN <= len(ids) <= IG_CAROUSEL_MAX:
            raise GraphError(
                100,
                "Invalid parameter",
                subcode=2207005 if ids else 2207004,
                user_title="Wrong number of carousel items",
                user_msg=f"A carousel needs between {IG_CAROUSEL_MIN} and {IG_CAROUSEL_MAX} photos or videos.",
            )
        for child_id in ids:
            child = self.sb.nodes.get(child_id)
            if child is None or child.kind != "ig_container" or child.owner_id != ig.id or not child.carousel_item:
                raise _param_error(f"The carousel item {child_id} is not a carousel item container of this account")
            if child.status_code != "FINISHED":
                raise GraphError(
                    9007,
                    "Media ID is not available",
                    subcode=2207027,
                    user_title="Media ID is not available",
                    user_msg="A carousel item is not ready yet, please wait for a moment",
                )
        carousel = Node(self.sb._num(17890000000000000), "ig_container", self.sb._seq(), now, ig.id, ig.id, caption)
        carousel.media_type = "CAROUSEL"
        carousel.attached = ids
        self.sb.add(carousel)
        return {"id": carousel.id}

    def _publish_container(self, call: Call, ig: Profile, now: datetime) -> dict[str, Any]:
        self._require_owner(call, ig.id, "Application does not have permission for this action")
        self._check_blocked(ig)
        container = self.sb.nodes.get(call.param("creation_id") or "")
        if container is None or container.kind != "ig_container" or container.owner_id != ig.id:
            raise _param_error("The parameter creation_id is required and must be a valid container id")
        if container.carousel_item:
            raise _param_error("A carousel item cannot be published on its own; publish the carousel container")
        if container.status_code == "PUBLISHED":
            raise GraphError(
                9007, "The media has already been published", subcode=2207027, user_title="Media ID is not available"
            )
        if container.status_code != "FINISHED":
            raise GraphError(
                9007,
                "Media ID is not available",
                subcode=2207027,
                user_title="Media ID is not available",
                user_msg="The media is not ready for publishing, please wait for a moment",
            )
        if self._quota_usage(ig.id) >= IG_PUBLISH_QUOTA:
            raise GraphError(
                9,
                "Application request limit reached",
                subcode=2207042,
                user_title="The number of published posts is limited",
                user_msg="The account has reached the limit of published posts in the last 24 hours.",
                transient=True,
            )
        children = [self.sb.nodes[i] for i in container.attached]
        first_media = children[0].media_id if children else container.media_id
        media = self.sb._new_ig_media(ig, container.text, first_media, now)
        media.alt_text = container.alt_text
        media.media_type = "CAROUSEL_ALBUM" if children else container.media_type or "IMAGE"
        for child in children:
            item = self.sb._new_ig_media(ig, "", child.media_id, now, parent_id=media.id)
            item.media_type = child.media_type
            item.alt_text = child.alt_text
            media.attached.append(item.id)
            child.status_code = "PUBLISHED"
        container.status_code = "PUBLISHED"
        self.sb.published_at.setdefault(ig.id, []).append(now)  # a carousel is one post of the quota
        self._emit(call, "post", media)
        return {"id": media.id}

    def _window_open(self, conv: Conversation, window: timedelta) -> bool:
        last = conv.last_user_message
        return last is not None and self.state.now() - last <= window

    def _send_message(self, call: Call, owner: Profile, now: datetime) -> dict[str, Any]:
        owner = self._require_owner(call, owner.id, "Requires pages_messaging permission to manage the object")
        try:
            recipient = json.loads(call.param("recipient") or "{}")
            message = json.loads(call.param("message") or "{}")
        except ValueError as exc:
            raise _param_error("Param recipient and message must be JSON objects") from exc
        if not isinstance(recipient, dict) or not recipient.get("id"):
            raise _param_error("The parameter recipient is required")
        if not isinstance(message, dict) or not isinstance(message.get("text"), str) or not message["text"]:
            raise _param_error("The parameter message[text] is required")
        text = str(message["text"])
        instagram = owner.kind == "ig_user" or call.param("platform") == "instagram"
        if owner.kind == "page" and owner.ig_id and str(recipient["id"]) in self.sb.profiles:
            instagram = self.sb.profiles[str(recipient["id"])].kind == "ig_user"
        if instagram:
            if len(text.encode()) > IG_DM_BYTE_LIMIT:
                raise _param_error(f"Length of param message[text] must be less than or equal to {IG_DM_BYTE_LIMIT}")
        elif len(text) > MESSENGER_TEXT_LIMIT:
            raise _param_error(f"Length of param message[text] must be less than or equal to {MESSENGER_TEXT_LIMIT}")
        messaging_type = call.param("messaging_type") or "RESPONSE"
        if messaging_type not in ("RESPONSE", "UPDATE", "MESSAGE_TAG"):
            raise _param_error("Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}")
        tag = call.param("tag")
        owner_key = owner.ig_id if (instagram and owner.kind == "page" and owner.ig_id) else owner.id
        conv = next(
            (
                c
                for c in self.sb.conversations.values()
                if c.owner_id == owner_key
                and c.user_id == str(recipient["id"])
                and c.platform == ("instagram" if instagram else "messenger")
            ),
            None,
        )
        if conv is None:
            raise GraphError(100, "(#100) No matching user found", subcode=2018001)
        window = HUMAN_AGENT_WINDOW if (messaging_type == "MESSAGE_TAG" and tag == "HUMAN_AGENT") else MESSAGING_WINDOW
        if messaging_type == "MESSAGE_TAG" and tag != "HUMAN_AGENT":
            raise _param_error("Param tag must be HUMAN_AGENT for this Page", subcode=2018062)
        if not self._window_open(conv, window):
            raise GraphError(
                10,
                "(#10) This message is sent outside of allowed window. Learn more about the new policy here: "
                "https://developers.facebook.com/docs/messenger-platform/policy-overview",
                subcode=2018278,
            )
        msg = self.sb._new_message(conv, conv.owner_id, text, now)
        conv.unread = 0
        self._emit(call, "dm", msg)
        return {"recipient_id": conv.user_id, "message_id": msg.id}

    def _update_object(self, call: Call, object_id: str) -> dict[str, Any]:
        obj = self._lookup(object_id)
        if not isinstance(obj, Node):
            raise GraphError(100, "(#100) Unsupported post request", subcode=33)
        if obj.kind == "comment":
            self._require_owner(call, obj.owner_id, "Requires pages_manage_engagement permission")
            if call.param("is_hidden") is not None:
                if obj.author_id == obj.owner_id:
                    raise _param_error("The Page's own comments cannot be hidden", subcode=1446036)
                obj.hidden = (call.param("is_hidden") or "").lower() in ("true", "1")
                return {"success": True}
            if call.param("message") is not None:
                if obj.author_id not in self._owned(call):
                    raise _permission_error("Only the author can edit this comment")
                obj.text = self._text(call, "message", FB_TEXT_LIMIT)
                return {"success": True}
        if obj.kind == "ig_comment" and call.param("hide") is not None:
            self._require_owner(call, obj.owner_id, "Requires instagram_manage_comments permission")
            obj.hidden = (call.param("hide") or "").lower() in ("true", "1")
            return {"success": True}
        if obj.kind == "post" and call.param("message") is not None:
            self._require_owner(call, obj.owner_id, "Requires pages_manage_posts permission")
            obj.text = self._text(call, "message", FB_TEXT_LIMIT)
            obj.updated = self.state.now()
            return {"success": True}
        raise _param_error("Nothing to update: unsupported parameters for this object")

    def _delete_object(self, call: Call, object_id: str) -> dict[str, Any]:
        obj = self._lookup(object_id)
        if not isinstance(obj, Node) or obj.kind in ("message", "ig_container"):
            raise GraphError(100, "(#100) Unsupported delete request", subcode=33)
        if obj.kind == "ig_media":
            raise GraphError(3, "(#3) Application does not have the capability to make this API call.")
        owned = self._owned(call)
        if obj.owner_id not in owned:
            raise _permission_error("Permissions error")
        obj.deleted = True
        if obj.kind == "post":
            for pid in obj.attached:
                if pid in self.sb.nodes:
                    self.sb.nodes[pid].deleted = True
        if obj.kind == "video":
            for post in self.sb.of_owner("post", obj.owner_id):
                if obj.id in post.attached:
                    post.deleted = True
        return {"success": True}


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class _Missing:
    pass


_MISSING: Any = _Missing()

DEFAULT_FIELDS = {
    "page": "name,id",
    "user": "name,id",
    "ig_user": "id",
    "post": "created_time,message,id",
    "photo": "created_time,id",
    "comment": "created_time,from,message,id",
    "message": "id,created_time",
    "conversation": "id,link,updated_time",
    "ig_media": "id",
    "ig_comment": "timestamp,text,id",
    "ig_container": "id",
    "video": "id,created_time,description,title,published,length,permalink_url",
}


def routes(state: SandboxState) -> list[BaseRoute]:
    """The Graph API routes (``/v{N}.0/...``) and the CDN path that serves uploaded photos."""
    sandbox = module(state)
    state.platforms.setdefault("graph", sandbox)
    app = GraphApp(sandbox)

    async def cdn(request: Request) -> Response:
        name = request.path_params["name"]
        media = state.media.get(name.rsplit(".", 1)[0])
        if media is None:
            return Response(b"", status_code=404, media_type="text/plain")
        return Response(media.data, media_type=media.mime_type)

    methods = ["GET", "POST", "DELETE"]
    return [
        Route("/{version:graph_version}/{path:path}", app.handle, methods=methods),
        Route("/{version:graph_version}", app.handle, methods=methods),
        Route("/fbcdn/{name}", cdn),
    ]
