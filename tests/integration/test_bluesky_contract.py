"""The Bluesky sandbox answers as the lexicons say and with the shapes bsky.social was recorded sending."""

from __future__ import annotations

import base64
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import regex

from tests.conftest import create_sandbox_account

pytestmark = pytest.mark.sandbox

# --- a small lexicon validator (the subset of the Lexicon language these schemas use) ---------------------

DID_RE = re.compile(r"^did:[a-z]+:[a-zA-Z0-9._:%-]+$")
AT_URI_RE = re.compile(r"^at://did:[a-z]+:[a-zA-Z0-9._:%-]+/[a-zA-Z0-9.]+/[a-zA-Z0-9._~:-]+$")
CID_RE = re.compile(r"^b[a-z2-7]{50,}$")
TID_RE = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
DATETIME_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
HANDLE_RE = re.compile(r"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")
FORMATS = {
    "did": DID_RE,
    "at-uri": re.compile(r"^at://"),
    "cid": CID_RE,
    "datetime": DATETIME_RE,
    "handle": HANDLE_RE,
    "uri": re.compile(r"^[a-z][a-z0-9+.-]*:"),
}


class Lexicons:
    """Lexicon documents by NSID, and validation of values against their definitions."""

    def __init__(self, root: Path) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        for path in root.rglob("*.json"):
            doc = json.loads(path.read_text())
            if isinstance(doc, dict) and "id" in doc:
                self.docs[doc["id"]] = doc

    def resolve(self, ref: str, context: str) -> tuple[dict[str, Any] | None, str]:
        nsid, _, name = ref.partition("#")
        nsid = nsid or context
        doc = self.docs.get(nsid)
        if doc is None:
            return None, nsid
        return doc["defs"].get(name or "main"), nsid

    def errors(self, value: Any, schema: dict[str, Any], nsid: str, path: str = "$") -> list[str]:
        kind = schema.get("type")
        if kind in ("record",):
            return self.errors(value, schema["record"], nsid, path)
        if kind in ("query", "procedure"):
            return self.errors(value, schema["output"]["schema"], nsid, path)
        if kind == "ref":
            target, target_nsid = self.resolve(schema["ref"], nsid)
            return [] if target is None else self.errors(value, target, target_nsid, path)
        if kind == "union":
            if not isinstance(value, dict):
                return [f"{path}: union member must be an object"]
            vtype = value.get("$type")
            for ref in schema["refs"]:
                full = ref if not ref.startswith("#") else nsid + ref
                if vtype in (full, full.removesuffix("#main")):
                    target, target_nsid = self.resolve(ref, nsid)
                    return [] if target is None else self.errors(value, target, target_nsid, path)
            known = all(self.resolve(r, nsid)[0] is not None for r in schema["refs"])
            return [f"{path}: $type {vtype!r} not in {schema['refs']}"] if known and schema.get("closed") else []
        if kind == "object":
            if not isinstance(value, dict):
                return [f"{path}: expected object, got {type(value).__name__}"]
            out = [f"{path}.{k}: required" for k in schema.get("required", []) if k not in value]
            nullable = set(schema.get("nullable", []))
            for key, sub in schema.get("properties", {}).items():
                if key in value and not (value[key] is None and key in nullable):
                    out += self.errors(value[key], sub, nsid, f"{path}.{key}")
            return out
        if kind == "array":
            if not isinstance(value, list):
                return [f"{path}: expected array"]
            out = (
                [f"{path}: more than {schema['maxLength']} items"] if len(value) > schema.get("maxLength", 1e9) else []
            )
            for i, item in enumerate(value):
                out += self.errors(item, schema["items"], nsid, f"{path}[{i}]")
            return out
        if kind == "string":
            if not isinstance(value, str):
                return [f"{path}: expected string, got {type(value).__name__}"]
            out = []
            if len(value.encode()) > schema.get("maxLength", 1e9):
                out.append(f"{path}: longer than {schema['maxLength']} bytes")
            if len(regex.findall(r"\X", value)) > schema.get("maxGraphemes", 1e9):
                out.append(f"{path}: more than {schema['maxGraphemes']} graphemes")
            fmt = FORMATS.get(schema.get("format", ""))
            if fmt is not None and not fmt.match(value):
                out.append(f"{path}: {value!r} is not a valid {schema['format']}")
            return out
        if kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                return [f"{path}: expected integer"]
            if value < schema.get("minimum", -1e18) or value > schema.get("maximum", 1e18):
                return [f"{path}: {value} out of range"]
            return []
        if kind == "boolean":
            return [] if isinstance(value, bool) else [f"{path}: expected boolean"]
        if kind == "blob":
            ok = isinstance(value, dict) and value.get("$type") == "blob" and CID_RE.match(value["ref"]["$link"])
            return [] if ok else [f"{path}: not a blob ref"]
        return []  # unknown, token, bytes, cid-link: no constraint we need

    def validate(self, value: Any, ref: str) -> list[str]:
        schema, nsid = self.resolve(ref, ref)
        assert schema is not None, f"no lexicon for {ref}"
        return self.errors(value, schema, nsid)


def subset_shape(real: Any, ours: Any, path: str = "$", opaque: frozenset[str] = frozenset()) -> list[str]:
    """Every field the sandbox sends exists in the recording with the same type and nesting.

    Keys in ``opaque`` (e.g. user records, which the lexicon validates) are compared only as objects.
    """
    if real is None or ours is None:
        return []
    if isinstance(real, dict):
        if not isinstance(ours, dict):
            return [f"{path}: expected object"]
        out = [f"{path}.{k}: not in the recording" for k in ours if k not in real]
        for key in ours:
            if key in real and key not in opaque:
                out += subset_shape(real[key], ours[key], f"{path}.{key}", opaque)
        return out
    if isinstance(real, list):
        if not isinstance(ours, list):
            return [f"{path}: expected list"]
        if not real:
            return []
        found: list[str] = []
        for i, item in enumerate(ours):
            # Items of one list differ (a like and a reply notification): match the closest recorded item.
            candidates: list[list[str]] = [subset_shape(r, item, f"{path}[{i}]", opaque) for r in real]
            best: list[str] = min(candidates, key=len)
            found += best
        return found
    if isinstance(real, bool) or isinstance(ours, bool) or not isinstance(real, int | float):
        return [] if type(real) is type(ours) else [f"{path}: {type(real).__name__} vs {type(ours).__name__}"]
    return [] if isinstance(ours, int | float) else [f"{path}: number vs {type(ours).__name__}"]


# --- fixtures ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicons(reference_dir: Path) -> Lexicons:
    return Lexicons(reference_dir / "bluesky" / "lexicons")


def _recorded(reference_dir: Path, name: str, index: int = 0) -> Any:
    data = json.loads((reference_dir / "bluesky" / "cassettes_decoded" / f"{name}.decoded.json").read_text())
    return data[index]["response_body"]


class Bsky:
    """A logged-in raw XRPC client for one sandbox account."""

    def __init__(self, base_url: str, account: dict[str, Any]) -> None:
        self.account = account
        self.http = httpx.Client(base_url=base_url + "/xrpc", timeout=10)
        self.session = self.http.post("/com.atproto.server.createSession", json=account["credentials"]).json()
        self.http.headers["Authorization"] = f"Bearer {self.session['accessJwt']}"

    @property
    def did(self) -> str:
        return str(self.account["account_id"])

    def post(self, text: str, **extra: Any) -> dict[str, Any]:
        record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-22T04:00:00.000Z", **extra}
        response = self.http.post(
            "/com.atproto.repo.createRecord",
            json={"repo": self.did, "collection": "app.bsky.feed.post", "record": record},
        )
        assert response.status_code == 200, response.text
        return dict(response.json())


@pytest.fixture
def pair(sandbox: Any, sandbox_admin: httpx.Client) -> Iterator[tuple[Bsky, Bsky]]:
    suffix = uuid.uuid4().hex[:8]
    force = Bsky(sandbox.base_url, create_sandbox_account(sandbox_admin, "bluesky", f"police{suffix}"))
    citizen = Bsky(sandbox.base_url, create_sandbox_account(sandbox_admin, "bluesky", f"res{suffix}", is_force=False))
    yield force, citizen


def _mention(text: str, target: Bsky) -> dict[str, Any]:
    handle = "@" + target.account["handle"]
    start = len(text.encode())
    return {
        "text": text + handle,
        "facets": [
            {
                "index": {"byteStart": start, "byteEnd": start + len(handle.encode())},
                "features": [{"$type": "app.bsky.richtext.facet#mention", "did": target.did}],
            }
        ],
    }


# --- the validator itself -----------------------------------------------------------------------------------


def test_validator_accepts_the_recordings_and_catches_breakage(reference_dir: Path, lexicons: Lexicons) -> None:
    notes = _recorded(reference_dir, "n_notifications")
    assert lexicons.validate(notes, "app.bsky.notification.listNotifications") == []
    assert lexicons.validate(_recorded(reference_dir, "f_postthread"), "app.bsky.feed.getPostThread") == []
    assert lexicons.validate(_recorded(reference_dir, "c_list"), "chat.bsky.convo.listConvos") == []
    broken = json.loads(json.dumps(notes))
    broken["notifications"][0]["isRead"] = "yes"
    del broken["notifications"][1]["cid"]
    broken["notifications"][2]["author"]["did"] = "not a did"
    errors = lexicons.validate(broken, "app.bsky.notification.listNotifications")
    assert len(errors) == 3, errors


# --- sessions ----------------------------------------------------------------------------------------------


def _jwt_payload(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    payload: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return payload


def test_sessions_are_jwts_without_a_did_document(
    reference_dir: Path, lexicons: Lexicons, pair: tuple[Bsky, Bsky], sandbox: Any
) -> None:
    force, _ = pair
    session = force.session
    assert lexicons.validate(session, "com.atproto.server.createSession") == []
    assert "didDoc" not in session
    assert subset_shape(_recorded(reference_dir, "repo_auth_direct"), session) == []
    access = _jwt_payload(session["accessJwt"])
    assert access["sub"] == force.did and access["scope"] == "com.atproto.appPass"
    assert access["exp"] > access["iat"]
    refresh = httpx.post(
        sandbox.base_url + "/xrpc/com.atproto.server.refreshSession",
        headers={"Authorization": f"Bearer {session['refreshJwt']}"},
    )
    assert refresh.status_code == 200
    assert lexicons.validate(refresh.json(), "com.atproto.server.refreshSession") == []
    reused = httpx.post(
        sandbox.base_url + "/xrpc/com.atproto.server.refreshSession",
        headers={"Authorization": f"Bearer {session['refreshJwt']}"},
    )
    assert reused.status_code == 400 and reused.json()["error"] == "InvalidToken"


def test_wrong_password_and_tokens(sandbox: Any, pair: tuple[Bsky, Bsky]) -> None:
    force, _ = pair
    wrong = httpx.post(
        sandbox.base_url + "/xrpc/com.atproto.server.createSession",
        json={"identifier": force.account["handle"], "password": "nope"},
    )
    assert wrong.status_code == 401
    assert wrong.json() == {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
    bad = httpx.get(
        sandbox.base_url + "/xrpc/app.bsky.actor.getProfile",
        params={"actor": force.did},
        headers={"Authorization": "Bearer a.b.c"},
    )
    assert bad.status_code == 400 and bad.json()["error"] == "InvalidToken"
    none = httpx.get(sandbox.base_url + "/xrpc/app.bsky.actor.getProfile", params={"actor": force.did})
    assert none.status_code == 401


def test_expired_token_after_two_hours_of_the_shared_clock() -> None:
    from datetime import UTC, datetime

    from connectors.sandbox import SandboxServer
    from desk.clock import AcceleratedClock

    clock = AcceleratedClock.starting_at(datetime(2026, 1, 5, 8, 0, tzinfo=UTC), speed=36_000.0)  # 10 h per s
    with SandboxServer(clock=clock) as server, httpx.Client(base_url=server.base_url, timeout=10) as admin:
        account = create_sandbox_account(admin, "bluesky", "clockcheck")
        session = admin.post("/xrpc/com.atproto.server.createSession", json=account["credentials"]).json()
        # The claim covers the session by the SDK's real clock even though the shared clock started in the past.
        assert _jwt_payload(session["accessJwt"])["exp"] > datetime.now(UTC).timestamp() + 3600
        clock.sleep(3 * 3600)  # three hours of shared-clock time
        expired = admin.get(
            "/xrpc/app.bsky.actor.getProfile",
            params={"actor": account["account_id"]},
            headers={"Authorization": f"Bearer {session['accessJwt']}"},
        )
        assert expired.status_code == 400
        assert expired.json() == {"error": "ExpiredToken", "message": "Token has expired"}


# --- records -------------------------------------------------------------------------------------------------


def test_create_and_delete_records(
    reference_dir: Path, lexicons: Lexicons, pair: tuple[Bsky, Bsky], sandbox: Any
) -> None:
    force, _ = pair
    created = force.post("Road closed #traffic")
    assert lexicons.validate(created, "com.atproto.repo.createRecord") == []
    assert subset_shape(_recorded(reference_dir, "r_post_text", 2), created) == []
    assert AT_URI_RE.match(created["uri"]) and created["uri"].startswith(f"at://{force.did}/app.bsky.feed.post/")
    assert TID_RE.match(created["uri"].rsplit("/", 1)[1])
    assert CID_RE.match(created["cid"]) and created["cid"].startswith("bafyrei")
    stored = sandbox.state.platforms["bluesky"].posts[created["uri"]].record
    assert lexicons.validate(stored, "app.bsky.feed.post") == []
    rkey = created["uri"].rsplit("/", 1)[1]
    deleted = force.http.post(
        "/com.atproto.repo.deleteRecord", json={"repo": force.did, "collection": "app.bsky.feed.post", "rkey": rkey}
    )
    assert deleted.status_code == 200
    assert subset_shape(_recorded(reference_dir, "r_post_delete_post", 1), deleted.json()) == []
    assert int(deleted.headers["ratelimit-limit"]) == 5000


def test_text_limits_as_the_lexicon_says(reference_dir: Path, pair: tuple[Bsky, Bsky]) -> None:
    force, _ = pair
    record = {"$type": "app.bsky.feed.post", "createdAt": "2026-11-22T04:00:00.000Z"}

    def create(text: str) -> httpx.Response:
        return force.http.post(
            "/com.atproto.repo.createRecord",
            json={"repo": force.did, "collection": "app.bsky.feed.post", "record": {**record, "text": text}},
        )

    assert create("👮" * 300).status_code == 200  # 300 graphemes in 1,200 bytes
    too_many = create("a" * 301)
    assert too_many.status_code == 400
    assert too_many.json() == _recorded(reference_dir, "r_post_errors")
    assert create("👮🏽‍♀️" * 170).status_code == 200  # 170 graphemes, 2,890 bytes
    too_big = create("👮🏽‍♀️" * 177)  # 177 graphemes but 3,009 bytes
    assert too_big.status_code == 400
    assert too_big.json()["error"] == "InvalidRequest" and "3000" in too_big.json()["message"]
    assert create("€" * 300).status_code == 200  # 900 bytes, 300 graphemes


def test_uploaded_blob_and_image_embed(
    reference_dir: Path, lexicons: Lexicons, pair: tuple[Bsky, Bsky], sandbox: Any
) -> None:
    force, _ = pair
    data = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes
    uploaded = force.http.post(
        "/com.atproto.repo.uploadBlob", content=data, headers={"Content-Type": "image/png"}
    ).json()
    assert lexicons.validate(uploaded, "com.atproto.repo.uploadBlob") == []
    assert subset_shape(_recorded(reference_dir, "r_post_image"), uploaded) == []
    assert uploaded["blob"]["ref"]["$link"].startswith("bafkrei")
    embed = {"$type": "app.bsky.embed.images", "images": [{"alt": "A lost dog", "image": uploaded["blob"]}]}
    created = force.post("Found this dog", embed=embed)
    media = sandbox.state.media[uploaded["blob"]["ref"]["$link"]]
    assert media.data == data and media.alt_text == "A lost dog"
    view = force.http.get("/app.bsky.feed.getPosts", params={"uris": [created["uri"]]}).json()
    assert lexicons.validate(view["posts"][0], "app.bsky.feed.defs#postView") == []
    assert subset_shape(_recorded(reference_dir, "f_getposts"), view) == []
    missing = {
        "$type": "app.bsky.embed.images",
        "images": [{"alt": "", "image": {**uploaded["blob"], "ref": {"$link": "bafkreiaaaa"}}}],
    }
    refused = force.http.post(
        "/com.atproto.repo.createRecord",
        json={
            "repo": force.did,
            "collection": "app.bsky.feed.post",
            "record": {
                "$type": "app.bsky.feed.post",
                "text": "x",
                "createdAt": "2026-11-22T04:00:00Z",
                "embed": missing,
            },
        },
    )
    assert refused.status_code == 400 and refused.json()["error"] == "BlobNotFound"


def test_notifications_thread_and_feeds(reference_dir: Path, lexicons: Lexicons, pair: tuple[Bsky, Bsky]) -> None:
    force, citizen = pair
    root = force.post("Appeal for witnesses")
    mention = citizen.post(**_mention("Question for ", force))
    reply = citizen.post(
        "I saw a blue car",
        reply={"root": {"uri": root["uri"], "cid": root["cid"]}, "parent": {"uri": root["uri"], "cid": root["cid"]}},
    )
    quote = citizen.post(
        "Please share", embed={"$type": "app.bsky.embed.record", "record": {"uri": root["uri"], "cid": root["cid"]}}
    )
    citizen.http.post(
        "/com.atproto.repo.createRecord",
        json={
            "repo": citizen.did,
            "collection": "app.bsky.feed.like",
            "record": {
                "$type": "app.bsky.feed.like",
                "subject": {"uri": root["uri"], "cid": root["cid"]},
                "createdAt": "2026-11-22T04:00:00Z",
            },
        },
    ).raise_for_status()
    notes = force.http.get("/app.bsky.notification.listNotifications").json()
    assert lexicons.validate(notes, "app.bsky.notification.listNotifications") == []
    recorded = _recorded(reference_dir, "n_notifications")
    reasons = {n["reason"] for n in recorded["notifications"]}  # no reply was recorded: the lexicon covers it
    comparable = {**notes, "notifications": [n for n in notes["notifications"] if n["reason"] in reasons]}
    assert len(comparable["notifications"]) == 3
    assert subset_shape(recorded, comparable) == []
    assert [(n["reason"], n["uri"]) for n in notes["notifications"]] == [
        ("like", notes["notifications"][0]["uri"]),
        ("quote", quote["uri"]),
        ("reply", reply["uri"]),
        ("mention", mention["uri"]),
    ]
    only = force.http.get(
        "/app.bsky.notification.listNotifications", params={"reasons": ["mention", "reply"], "limit": 1}
    ).json()
    assert [n["uri"] for n in only["notifications"]] == [reply["uri"]]
    rest = force.http.get(
        "/app.bsky.notification.listNotifications",
        params={"reasons": ["mention", "reply"], "limit": 1, "cursor": only["cursor"]},
    ).json()
    assert [n["uri"] for n in rest["notifications"]] == [mention["uri"]]
    thread = force.http.get("/app.bsky.feed.getPostThread", params={"uri": reply["uri"]}).json()
    assert lexicons.validate(thread, "app.bsky.feed.getPostThread") == []
    assert thread["thread"]["parent"]["post"]["uri"] == root["uri"]
    timeline = force.http.get("/app.bsky.feed.getTimeline").json()
    assert lexicons.validate(timeline, "app.bsky.feed.getTimeline") == []
    assert subset_shape(_recorded(reference_dir, "f_timeline"), timeline, opaque=frozenset({"record"})) == []
    author = force.http.get("/app.bsky.feed.getAuthorFeed", params={"actor": force.account["handle"]}).json()
    assert [i["post"]["uri"] for i in author["feed"]] == [root["uri"]]
    posts = force.http.get("/app.bsky.feed.getPosts", params={"uris": [root["uri"]]}).json()["posts"]
    assert (posts[0]["likeCount"], posts[0]["replyCount"], posts[0]["quoteCount"], posts[0]["repostCount"]) == (
        1,
        1,
        1,
        0,
    )
    found = force.http.get("/app.bsky.feed.searchPosts", params={"q": "blue car"}).json()
    assert [p["uri"] for p in found["posts"]] == [reply["uri"]]
    profile = force.http.get("/app.bsky.actor.getProfile", params={"actor": force.account["handle"]}).json()
    assert lexicons.validate(profile, "app.bsky.actor.getProfile") == []
    assert subset_shape(_recorded(reference_dir, "a_profile")["profiles"][0], profile) == []


def test_chat(reference_dir: Path, lexicons: Lexicons, pair: tuple[Bsky, Bsky], sandbox_admin: httpx.Client) -> None:
    force, citizen = pair
    sandbox_admin.post(
        "/_sandbox/inject",
        json={
            "platform": "bluesky",
            "account": force.account["handle"],
            "kind": "dm",
            "author": {"handle": citizen.account["handle"]},
            "text": "My bike was stolen",
        },
    ).raise_for_status()
    proxy = {"atproto-proxy": "did:web:api.bsky.chat#bsky_chat"}
    convos = force.http.get("/chat.bsky.convo.listConvos", headers=proxy).json()
    assert lexicons.validate(convos, "chat.bsky.convo.listConvos") == []
    assert subset_shape(_recorded(reference_dir, "c_list"), convos) == []
    convo_id = convos["convos"][0]["id"]
    assert convos["convos"][0]["unreadCount"] == 1
    convo = force.http.get("/chat.bsky.convo.getConvo", params={"convoId": convo_id}, headers=proxy).json()
    assert lexicons.validate(convo, "chat.bsky.convo.getConvo") == []
    sent = force.http.post(
        "/chat.bsky.convo.sendMessage",
        json={"convoId": convo_id, "message": {"text": "Please file a report"}},
        headers=proxy,
    ).json()
    assert lexicons.validate(sent, "chat.bsky.convo.sendMessage") == []
    assert subset_shape(_recorded(reference_dir, "c_send"), sent) == []
    messages = force.http.get("/chat.bsky.convo.getMessages", params={"convoId": convo_id}, headers=proxy).json()
    assert lexicons.validate(messages, "chat.bsky.convo.getMessages") == []
    assert subset_shape(_recorded(reference_dir, "c_messages"), messages) == []
    assert [m["text"] for m in messages["messages"]] == ["Please file a report", "My bike was stolen"]
    read = force.http.post("/chat.bsky.convo.updateRead", json={"convoId": convo_id}, headers=proxy).json()
    assert lexicons.validate(read, "chat.bsky.convo.updateRead") == []
    assert read["convo"]["unreadCount"] == 0
    stranger = citizen.http.get("/chat.bsky.convo.getMessages", params={"convoId": "nope"}, headers=proxy)
    assert stranger.status_code == 400 and stranger.json()["error"] == "InvalidRequest"


def test_rate_limit_headers_and_session_limit(sandbox: Any, pair: tuple[Bsky, Bsky]) -> None:
    force, _ = pair
    response = force.http.get("/app.bsky.actor.getProfile", params={"actor": force.did})
    assert response.headers["ratelimit-policy"] == "3000;w=300"
    assert int(response.headers["ratelimit-remaining"]) < 3000
    with httpx.Client(base_url=sandbox.base_url + "/xrpc") as client:
        login = force.account["credentials"]
        statuses = [client.post("/com.atproto.server.createSession", json=login).status_code for _ in range(30)]
        assert statuses == [200] * 29 + [429]  # the fixture already used one of the 30 per 5 minutes
        limited = client.post("/com.atproto.server.createSession", json=login)
    assert limited.json() == {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}
    assert limited.headers["ratelimit-remaining"] == "0"
    assert limited.headers["ratelimit-policy"] == "30;w=300"
