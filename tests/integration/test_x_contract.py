"""X sandbox contract: answers to state made through the API have the recordings' shape and match the OpenAPI document.

Requests are signed with OAuth 1.0a over ``https://api.twitter.com/...`` exactly as tweepy signs them,
and sent to the sandbox by the host-rewriting transport the connector uses.
"""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator
from PIL import Image
from requests_oauthlib import OAuth1

from connectors.transport import HttpSettings, configure_session
from tests.conftest import create_sandbox_account
from tests.integration.shapes import shape_differences

pytestmark = pytest.mark.sandbox

REAL = "https://api.twitter.com"


class XApi:
    """A signed client for one sandbox X account."""

    def __init__(self, sandbox: Any, account: dict[str, Any], *, bearer: bool = False) -> None:
        self.account = account
        self.id = account["account_id"]
        creds = account["credentials"]
        self.session = configure_session(
            requests.Session(), HttpSettings(timeout=10), real_base=REAL, target_base=sandbox.base_url
        )
        if bearer:
            self.session.headers["Authorization"] = f"Bearer {creds['bearer_token']}"
        else:
            self.session.auth = OAuth1(
                creds["consumer_key"],
                client_secret=creds["consumer_secret"],
                resource_owner_key=creds["access_token"],
                resource_owner_secret=creds["access_token_secret"],
            )

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(REAL + path, params=params)

    def post(self, path: str, body: Any = None, **kw: Any) -> requests.Response:
        if body is not None:
            kw["json"] = body
        return self.session.post(REAL + path, **kw)

    def delete(self, path: str) -> requests.Response:
        return self.session.delete(REAL + path)

    def put(self, path: str, body: Any) -> requests.Response:
        return self.session.put(REAL + path, json=body)


@pytest.fixture(scope="module")
def spec(reference_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((reference_dir / "x" / "x_api_v2_openapi_xdk_specs.json").read_text())
    return data


@pytest.fixture(scope="module")
def recordings(reference_dir: Path) -> Any:
    def load(name: str, index: int = 0) -> Any:
        path = reference_dir / "x" / "cassettes_decoded" / f"{name}.decoded.json"
        return json.loads(path.read_text())[index]["response_body"]

    return load


def validate(spec: dict[str, Any], path: str, method: str, status: int, body: Any) -> list[str]:
    """Errors of ``body`` against the OpenAPI response schema of ``method path``."""
    schema = spec["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = Draft7Validator({"allOf": [schema], "components": spec["components"]})
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]


_counter = iter(range(10**6))


def new_account(admin: Any, sandbox: Any, prefix: str = "force") -> XApi:
    handle = f"{prefix}{next(_counter)}x{int(time.time() * 1000) % 100000}"
    return XApi(sandbox, create_sandbox_account(admin, "x", handle, display_name="Beat Police"))


def inject(admin: Any, api: XApi, kind: str, text: str, author: str = "resident_a", **extra: Any) -> str:
    r = admin.post(
        "/_sandbox/inject",
        json={
            "platform": "x",
            "account": api.account["handle"],
            "kind": kind,
            "author": {"handle": author},
            "text": text,
            **extra,
        },
    )
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


ALL_TWEET_FIELDS = (
    "attachments,author_id,conversation_id,created_at,edit_controls,entities,in_reply_to_user_id,lang,"
    "non_public_metrics,possibly_sensitive,public_metrics,referenced_tweets,reply_settings"
)
ALL_EXPANSIONS = "author_id,referenced_tweets.id,attachments.media_keys,in_reply_to_user_id,entities.mentions.username"


def png_bytes(size: tuple[int, int] = (32, 24)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


# --- shapes against the recordings ---------------------------------------------------------------------


def test_users_me_matches_recording(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    r = api.get("/2/users/me")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert shape_differences(recordings("test_client_get_me"), r.json()) == []
    assert r.json()["data"]["id"] == api.id
    assert validate(spec, "/2/users/me", "get", 200, r.json()) == []
    full = api.get("/2/users/me", **{"user.fields": "created_at,description,public_metrics,verified,protected"})
    assert validate(spec, "/2/users/me", "get", 200, full.json()) == []


def test_create_and_delete_match_recording(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    created = api.post("/2/tweets", {"text": "Test Tweet"})
    assert created.status_code == 201
    assert created.headers["location"] == f"https://api.twitter.com/2/tweets/{created.json()['data']['id']}"
    # The 2021 recording predates edit history; X has sent edit_history_tweet_ids on every post since 2022.
    diffs = shape_differences(
        recordings("test_client_create_and_delete_tweet", 0),
        created.json(),
        allow_extra=["$.data.edit_history_tweet_ids"],
    )
    assert diffs == []
    assert validate(spec, "/2/tweets", "post", 201, created.json()) == []
    tid = created.json()["data"]["id"]
    deleted = api.delete(f"/2/tweets/{tid}")
    assert deleted.status_code == 200
    assert shape_differences(recordings("test_client_create_and_delete_tweet", 1), deleted.json()) == []
    assert deleted.json() == {"data": {"deleted": True}}
    assert validate(spec, "/2/tweets/{id}", "delete", 200, deleted.json()) == []
    gone = api.get(f"/2/tweets/{tid}")
    assert gone.json()["errors"][0]["resource_id"] == tid
    assert validate(spec, "/2/tweets/{id}", "get", 200, gone.json()) == []


def test_mentions_match_recording_and_paginate(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    resident = new_account(sandbox_admin, sandbox, "resident")
    handle = api.account["handle"]
    # Made through the API itself: a resident's account posts the mentions.
    ids = [resident.post("/2/tweets", {"text": f"@{handle} report number {i}"}).json()["data"]["id"] for i in range(13)]
    first = api.get(f"/2/users/{api.id}/mentions")
    body = first.json()
    assert shape_differences(recordings("test_client_get_users_mentions"), body) == []
    assert validate(spec, "/2/users/{id}/mentions", "get", 200, body) == []
    assert [t["id"] for t in body["data"]] == ids[::-1][:10]  # newest first, default page of 10
    assert body["meta"]["newest_id"] == ids[-1] and body["meta"]["oldest_id"] == ids[3]
    second = api.get(f"/2/users/{api.id}/mentions", pagination_token=body["meta"]["next_token"]).json()
    assert [t["id"] for t in second["data"]] == ids[2::-1]
    assert "next_token" not in second["meta"]
    since = api.get(f"/2/users/{api.id}/mentions", since_id=ids[9], max_results=5).json()
    assert [t["id"] for t in since["data"]] == ids[:9:-1]
    for k in ("x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"):
        assert first.headers[k].isdigit()
    assert first.headers["x-rate-limit-limit"] == "300"
    assert "retry-after" not in first.headers


def test_expanded_mentions_validate_against_openapi(sandbox: Any, sandbox_admin: Any, spec: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    post = api.post("/2/tweets", {"text": "Road closed on Main Street until 18:00 #traffic"}).json()["data"]["id"]
    inject(sandbox_admin, api, "reply", "Thanks, which lanes?", reply_to=post)
    inject(sandbox_admin, api, "mention", "photo of the damage", attachment_url="https://example.org/a.jpg")
    r = api.get(
        f"/2/users/{api.id}/mentions",
        expansions=ALL_EXPANSIONS,
        **{"tweet.fields": ALL_TWEET_FIELDS, "user.fields": "created_at,public_metrics", "media.fields": "url,type"},
    )
    body = r.json()
    assert validate(spec, "/2/users/{id}/mentions", "get", 200, body) == []
    reply = body["data"][1]
    assert reply["referenced_tweets"] == [{"type": "replied_to", "id": post}]
    assert reply["conversation_id"] == post
    assert reply["in_reply_to_user_id"] == api.id
    assert body["includes"]["tweets"][0]["id"] == post
    assert {u["username"] for u in body["includes"]["users"]} >= {"resident_a", api.account["handle"]}
    assert body["includes"]["media"][0]["url"] == "https://example.org/a.jpg"
    assert "non_public_metrics" not in reply  # only for the caller's own posts
    own = api.get(f"/2/tweets/{post}", **{"tweet.fields": "public_metrics,non_public_metrics"}).json()
    assert own["data"]["public_metrics"]["reply_count"] == 1
    assert "impression_count" in own["data"]["non_public_metrics"]


def test_timelines_and_search_match_recordings(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    for i in range(12):
        api.post("/2/tweets", {"text": f"Patrol update {i} #beatdesk{api.id[-6:]}"})
    own = api.get(f"/2/users/{api.id}/tweets").json()
    assert shape_differences(recordings("test_client_get_users_tweets"), own) == []
    assert validate(spec, "/2/users/{id}/tweets", "get", 200, own) == []
    home = api.get(f"/2/users/{api.id}/timelines/reverse_chronological", max_results=5).json()
    assert shape_differences(recordings("test_client_get_home_timeline"), home) == []
    assert validate(spec, "/2/users/{id}/timelines/reverse_chronological", "get", 200, home) == []
    found = api.get("/2/tweets/search/recent", query=f"#beatdesk{api.id[-6:]}").json()
    assert shape_differences(recordings("test_client_search_recent_tweets"), found) == []
    assert validate(spec, "/2/tweets/search/recent", "get", 200, found) == []
    assert found["meta"]["result_count"] == 10 and "next_token" in found["meta"]
    rest = api.get("/2/tweets/search/recent", query=f"#beatdesk{api.id[-6:]}", next_token=found["meta"]["next_token"])
    assert rest.json()["meta"]["result_count"] == 2
    none = api.get("/2/tweets/search/recent", query=f"#beatdesk{api.id[-6:]} -patrol").json()
    assert none == {"meta": {"result_count": 0}}


def test_lookup_matches_recordings(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    a = api.post("/2/tweets", {"text": "Lost dog found near the park"}).json()["data"]["id"]
    b = api.post("/2/tweets", {"text": "Owner found, thank you all"}).json()["data"]["id"]
    one = api.get(f"/2/tweets/{a}").json()
    assert shape_differences(recordings("test_client_get_tweet"), one) == []
    assert validate(spec, "/2/tweets/{id}", "get", 200, one) == []
    many = api.get("/2/tweets", ids=f"{a},{b}").json()
    assert shape_differences(recordings("test_client_get_tweets"), many) == []
    assert validate(spec, "/2/tweets", "get", 200, many) == []
    partial = api.get("/2/tweets", ids=f"{a},1").json()
    assert [t["id"] for t in partial["data"]] == [a]
    assert partial["errors"][0]["resource_id"] == "1"
    assert validate(spec, "/2/tweets", "get", 200, partial) == []


def test_hide_reply_matches_recording(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    post = api.post("/2/tweets", {"text": "Town hall meeting tonight"}).json()["data"]["id"]
    reply = inject(sandbox_admin, api, "reply", "something abusive", reply_to=post)
    hidden = api.put(f"/2/tweets/{reply}/hidden", {"hidden": True})
    assert shape_differences(recordings("test_client_hide_and_unhide_reply", 0), hidden.json()) == []
    assert hidden.json() == {"data": {"hidden": True}}
    assert validate(spec, "/2/tweets/{tweet_id}/hidden", "put", 200, hidden.json()) == []
    shown = api.put(f"/2/tweets/{reply}/hidden", {"hidden": False})
    assert shown.json() == {"data": {"hidden": False}}
    not_a_reply = inject(sandbox_admin, api, "mention", "hello")
    assert api.put(f"/2/tweets/{not_a_reply}/hidden", {"hidden": True}).status_code == 403


def test_direct_messages_match_recording(sandbox: Any, sandbox_admin: Any, spec: Any, recordings: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    empty = api.get("/2/dm_events").json()
    assert empty == recordings("test_manage_and_lookup_direct_messages", 3)
    inject(sandbox_admin, api, "dm", "I want to report a theft", author="resident_dm")
    events = api.get("/2/dm_events", **{"dm_event.fields": "sender_id,created_at,dm_conversation_id"}).json()
    sender = events["data"][0]["sender_id"]
    conversation = events["data"][0]["dm_conversation_id"]
    assert conversation == "-".join(sorted([sender, api.id], key=int))
    first = api.post(f"/2/dm_conversations/with/{sender}/messages", {"text": "Testing 1"})
    assert first.status_code == 201
    assert shape_differences(recordings("test_manage_and_lookup_direct_messages", 0), first.json()) == []
    assert validate(spec, "/2/dm_conversations/with/{participant_id}/messages", "post", 201, first.json()) == []
    second = api.post(f"/2/dm_conversations/{conversation}/messages", {"text": "Testing 2"})
    assert shape_differences(recordings("test_manage_and_lookup_direct_messages", 1), second.json()) == []
    assert second.json()["data"]["dm_conversation_id"] == conversation
    listed = api.get(f"/2/dm_conversations/{conversation}/dm_events", max_results=2).json()
    assert shape_differences(recordings("test_manage_and_lookup_direct_messages", 4), listed) == []
    assert [e["text"] for e in listed["data"]] == ["Testing 2", "Testing 1"]
    with_user = api.get(f"/2/dm_conversations/with/{sender}/dm_events").json()
    assert shape_differences(recordings("test_manage_and_lookup_direct_messages", 5), with_user) == []
    all_events = api.get("/2/dm_events", **{"dm_event.fields": "sender_id,created_at"}, expansions="sender_id").json()
    assert validate(spec, "/2/dm_events", "get", 200, all_events) == []
    assert [e["text"] for e in all_events["data"]] == ["Testing 2", "Testing 1", "I want to report a theft"]
    assert api.post("/2/dm_conversations/1-2/messages", {"text": "x"}).status_code == 403


# --- media upload (v2) against the OpenAPI document ------------------------------------------------------------


def test_media_upload_v2_with_alt_text(sandbox: Any, sandbox_admin: Any, spec: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    data = png_bytes()
    init = api.post("/2/media/upload/initialize", {"media_type": "image/png", "total_bytes": len(data)})
    assert init.status_code == 200, init.text
    assert validate(spec, "/2/media/upload/initialize", "post", 200, init.json()) == []
    mid = init.json()["data"]["id"]
    assert init.json()["data"]["media_key"] == f"3_{mid}"
    half = len(data) // 2
    for index, chunk in enumerate((data[:half], data[half:])):
        app = api.post(f"/2/media/upload/{mid}/append", files={"media": chunk}, data={"segment_index": str(index)})
        assert app.status_code == 200, app.text
        assert validate(spec, "/2/media/upload/{id}/append", "post", 200, app.json()) == []
    fin = api.post(f"/2/media/upload/{mid}/finalize")
    assert fin.status_code == 200, fin.text
    assert validate(spec, "/2/media/upload/{id}/finalize", "post", 200, fin.json()) == []
    assert fin.json()["data"]["image"] == {"image_type": "image/png", "w": 32, "h": 24}
    assert fin.json()["data"]["size"] == len(data)
    status = api.get("/2/media/upload", media_id=mid, command="STATUS")
    assert validate(spec, "/2/media/upload", "get", 200, status.json()) == []
    meta = api.post("/2/media/metadata", {"id": mid, "metadata": {"alt_text": {"text": "A red square"}}})
    assert meta.status_code == 200
    assert validate(spec, "/2/media/metadata", "post", 200, meta.json()) == []
    stored = sandbox_admin.get(f"/_sandbox/media/{mid}")
    assert stored.content == data  # bytes kept exactly as received
    listed = {m["media_id"]: m for m in sandbox_admin.get("/_sandbox/media").json()["media"]}
    assert listed[mid]["alt_text"] == "A red square"
    post = api.post("/2/tweets", {"text": "Have you seen this?", "media": {"media_ids": [mid]}})
    assert post.status_code == 201
    got = api.get(
        f"/2/tweets/{post.json()['data']['id']}",
        expansions="attachments.media_keys",
        **{"tweet.fields": "attachments", "media.fields": "alt_text,url,width,height"},
    ).json()
    assert validate(spec, "/2/tweets/{id}", "get", 200, got) == []
    assert got["includes"]["media"][0]["alt_text"] == "A red square"
    assert got["includes"]["media"][0]["width"] == 32


def test_video_needs_processing_before_posting(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    video = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 1000
    mid = api.post("/2/media/upload/initialize", {"media_type": "video/mp4", "total_bytes": len(video)}).json()["data"][
        "id"
    ]
    api.post(f"/2/media/upload/{mid}/append", files={"media": video}, data={"segment_index": "0"})
    fin = api.post(f"/2/media/upload/{mid}/finalize").json()["data"]
    assert fin["processing_info"]["state"] == "pending"
    assert api.post("/2/tweets", {"text": "video", "media": {"media_ids": [mid]}}).status_code == 400
    states = [api.get("/2/media/upload", media_id=mid).json()["data"]["processing_info"]["state"] for _ in range(2)]
    assert states == ["in_progress", "succeeded"]
    assert api.post("/2/tweets", {"text": "video", "media": {"media_ids": [mid]}}).status_code == 201


def test_media_rules(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    other = new_account(sandbox_admin, sandbox)
    data = png_bytes()
    ids = []
    for _ in range(5):
        ids.append(api.post("/2/media/upload", files={"media": data}, data={"media_category": "tweet_image"}))
    assert all(r.status_code == 200 for r in ids)
    media_ids = [r.json()["data"]["id"] for r in ids]
    too_many = api.post("/2/tweets", {"text": "five", "media": {"media_ids": media_ids}})
    assert too_many.status_code == 400
    assert api.post("/2/tweets", {"text": "four", "media": {"media_ids": media_ids[:4]}}).status_code == 201
    stolen = other.post("/2/tweets", {"text": "not mine", "media": {"media_ids": media_ids[4:]}})
    assert stolen.status_code == 400
    assert stolen.json()["errors"][0]["message"] == "Your media IDs are invalid."
    short = api.post("/2/media/upload/initialize", {"media_type": "image/png", "total_bytes": len(data) + 5})
    sid = short.json()["data"]["id"]
    api.post(f"/2/media/upload/{sid}/append", files={"media": data}, data={"segment_index": "0"})
    assert api.post(f"/2/media/upload/{sid}/finalize").status_code == 400
    huge = api.post("/2/media/upload/initialize", {"media_type": "image/png", "total_bytes": 6 * 1024 * 1024})
    assert huge.status_code == 400
    alt = api.post("/2/media/metadata", {"id": media_ids[0], "metadata": {"alt_text": {"text": "a" * 1001}}})
    assert alt.status_code == 400


# --- X's refusals ------------------------------------------------------------------------------------------------


UNAUTHORIZED = {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}


def test_wrong_revoked_and_misdirected_credentials(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    creds = api.account["credentials"]
    wrong = XApi(sandbox, {**api.account, "credentials": {**creds, "access_token_secret": "nope"}})
    r = wrong.get("/2/users/me")
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    assert r.headers["content-type"] == "application/problem+json"
    # A signature over the sandbox's own URL is not a signature over api.twitter.com.
    direct = requests.get(
        sandbox.base_url + "/2/users/me",
        auth=OAuth1(
            creds["consumer_key"], creds["consumer_secret"], creds["access_token"], creds["access_token_secret"]
        ),
        timeout=10,
    )
    assert direct.status_code == 401
    # Replaying a signed request (same nonce and timestamp) is refused.
    prepared = api.session.prepare_request(requests.Request("GET", REAL + "/2/users/me"))
    assert api.session.send(prepared).status_code == 200
    assert api.session.send(prepared).status_code == 401
    bearer = XApi(sandbox, api.account, bearer=True)
    assert bearer.get(f"/2/users/{api.id}/mentions").status_code == 200
    me = bearer.get("/2/users/me")
    assert me.status_code == 403 and me.json()["title"] == "Unsupported Authentication"
    assert bearer.post("/2/tweets", {"text": "app-only"}).status_code == 403
    sandbox_admin.post("/_sandbox/revoke", json={"token": creds["access_token"]})
    r = api.get("/2/users/me")
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    assert requests.get(sandbox.base_url + "/2/users/me", timeout=10).status_code == 401


def test_duplicate_and_overlong_text_refused_as_x_does(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    assert api.post("/2/tweets", {"text": "Stay safe tonight"}).status_code == 201
    dup = api.post("/2/tweets", {"text": "Stay safe tonight"})
    assert dup.status_code == 403
    assert dup.json() == {
        "title": "Forbidden",
        "detail": "You are not allowed to create a Tweet with duplicate content.",
        "type": "about:blank",
        "status": 403,
    }
    # twitter-text v3 weights: CJK and emoji count 2, any URL counts 23.
    assert api.post("/2/tweets", {"text": "警" * 140}).status_code == 201
    long_cjk = api.post("/2/tweets", {"text": "察" * 141})
    assert long_cjk.status_code == 400
    assert long_cjk.json()["errors"][0]["message"].startswith("Your Tweet text is too long.")
    url = "https://example.org/" + "p" * 100
    assert api.post("/2/tweets", {"text": "a" * 256 + " " + url}).status_code == 201
    assert api.post("/2/tweets", {"text": "b" * 257 + " " + url}).status_code == 400
    assert api.post("/2/tweets", {"text": "👮" * 140}).status_code == 201
    assert api.post("/2/tweets", {"text": "🚓" * 141}).status_code == 400
    assert api.post("/2/tweets", {"text": "x", "reply": {"in_reply_to_tweet_id": "1"}}).status_code == 403
    assert api.post("/2/tweets", {"text": "x", "bogus": 1}).status_code == 400
    assert api.post("/2/tweets", {"text": "x", "reply_settings": "everyone"}).status_code == 400
    ok = api.post("/2/tweets", {"text": "replies limited", "reply_settings": "mentionedUsers"})
    assert ok.status_code == 201


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=10), c, max_size=3),
    max_leaves=10,
)
WRITE_KEYS = [
    "text", "reply", "media", "quote_tweet_id", "reply_settings", "poll", "attachments", "hidden",
    "media_type", "total_bytes", "media_category", "id", "metadata", "zzz",
]  # fmt: skip


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.sampled_from(["tweets", "dm", "initialize", "metadata", "hidden"]),
    body=st.one_of(
        st.dictionaries(st.sampled_from(WRITE_KEYS), JSON_VALUES, max_size=4),
        st.dictionaries(
            st.sampled_from(WRITE_KEYS),
            st.fixed_dictionaries(
                {"in_reply_to_tweet_id": JSON_VALUES, "media_ids": JSON_VALUES, "alt_text": JSON_VALUES}
            ),
            max_size=2,
        ),
        JSON_VALUES,
    ),
)
@example(target="tweets", body={"text": "x", "reply_settings": []})
@example(target="dm", body={"text": "x", "attachments": 5})
@example(target="initialize", body={"media_type": "image/png", "total_bytes": 5, "media_category": [1]})
def test_malformed_write_bodies_get_clear_refusals(sandbox: Any, sandbox_admin: Any, target: str, body: Any) -> None:
    api, other = _hypothesis_accounts(sandbox_admin, sandbox)
    method, path = {
        "tweets": ("POST", "/2/tweets"),
        "dm": ("POST", f"/2/dm_conversations/with/{other.id}/messages"),
        "initialize": ("POST", "/2/media/upload/initialize"),
        "metadata": ("POST", "/2/media/metadata"),
        "hidden": ("PUT", f"/2/tweets/{other.id}/hidden"),
    }[target]
    r = api.session.request(method, REAL + path, data=json.dumps(body), headers={"content-type": "application/json"})
    assert r.status_code in (200, 201, 400, 403), r.text
    if r.status_code >= 400:
        payload = r.json()
        assert payload.get("detail") or payload["errors"][0]["message"]


def _hypothesis_accounts(admin: Any, sandbox: Any) -> tuple[XApi, XApi]:
    if "api" not in _HYPOTHESIS_ACCOUNT:
        _HYPOTHESIS_ACCOUNT["api"] = new_account(admin, sandbox, "fuzz")
        _HYPOTHESIS_ACCOUNT["other"] = new_account(admin, sandbox, "fuzzed")
    admin.post("/_sandbox/limits", json={"lifted": True})  # fuzzing is about bodies, not budgets
    return _HYPOTHESIS_ACCOUNT["api"], _HYPOTHESIS_ACCOUNT["other"]


_HYPOTHESIS_ACCOUNT: dict[str, XApi] = {}


def test_bad_query_parameters_get_x_invalid_request(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    r = api.get(f"/2/users/{api.id}/mentions", max_results=1000)
    assert r.status_code == 400
    assert r.json()["errors"][0]["message"] == "The `max_results` query parameter value [1000] is not between 5 and 100"
    assert r.json()["type"] == "https://api.twitter.com/2/problems/invalid-request"
    assert api.get(f"/2/users/{api.id}/mentions", pagination_token="garbage").status_code == 400
    assert api.get(f"/2/users/{api.id}/mentions", expansions="nonsense").status_code == 400
    assert api.get(f"/2/users/{api.id}/mentions", since_id="abc").status_code == 400
    assert api.get("/2/tweets/search/recent", query="").status_code == 400


# --- rate limits ---------------------------------------------------------------------------------------------------


def test_dm_events_rate_limit_is_fifteen_per_window(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    before = datetime.now(UTC).timestamp()
    remaining = [int(api.get("/2/dm_events").headers["x-rate-limit-remaining"]) for _ in range(15)]
    assert remaining == list(range(14, -1, -1))
    limited = api.get("/2/dm_events")
    assert limited.status_code == 429
    assert limited.json() == {
        "title": "Too Many Requests",
        "detail": "Too Many Requests",
        "type": "about:blank",
        "status": 429,
    }
    assert "retry-after" not in limited.headers
    assert limited.headers["x-rate-limit-remaining"] == "0"
    reset = int(limited.headers["x-rate-limit-reset"])
    assert before + 14 * 60 <= reset <= before + 15 * 60 + 2
    # Other endpoints and other accounts have their own budgets.
    assert api.get("/2/users/me").status_code == 200
    assert new_account(sandbox_admin, sandbox).get("/2/dm_events").status_code == 200
    sandbox_admin.post("/_sandbox/limits", json={"lifted": True})
    assert api.get("/2/dm_events").status_code == 200


def test_posting_reports_both_windows(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    r = api.post("/2/tweets", {"text": "Window check"})
    assert r.headers["x-rate-limit-limit"] == "100"
    assert r.headers["x-rate-limit-remaining"] == "99"
    assert r.headers["x-user-limit-24hour-remaining"] == str(int(r.headers["x-user-limit-24hour-limit"]) - 1)
    assert r.headers["x-app-limit-24hour-limit"] == "10000"
    dm = api.post(f"/2/dm_conversations/with/{new_account(sandbox_admin, sandbox).id}/messages", {"text": "hi"})
    assert dm.status_code == 201
    assert dm.headers["x-rate-limit-limit"] == "15"
    assert dm.headers["x-user-limit-24hour-limit"] == "1440"


def test_post_limit_of_one_hundred_per_fifteen_minutes(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    statuses = [api.post("/2/tweets", {"text": f"Call {i}: noise complaint, Bolton"}).status_code for i in range(101)]
    assert statuses[:100] == [201] * 100
    assert statuses[100] == 429


def test_metrics_grow_with_age(sandbox: Any, sandbox_admin: Any) -> None:
    from connectors.sandbox.x import XTweet, module

    platform = module(sandbox.state)
    api = new_account(sandbox_admin, sandbox)
    tid = api.post("/2/tweets", {"text": "Metrics check"}).json()["data"]["id"]
    tweet: XTweet = platform.tweets[int(tid)]
    young = api.get(f"/2/tweets/{tid}", **{"tweet.fields": "public_metrics"}).json()["data"]["public_metrics"]
    tweet.created_at = tweet.created_at.replace(year=tweet.created_at.year - 1)  # a post from a year ago
    old = api.get(f"/2/tweets/{tid}", **{"tweet.fields": "public_metrics"}).json()["data"]["public_metrics"]
    assert old["like_count"] > young["like_count"]
    assert old["impression_count"] > young["impression_count"]


def test_the_checks_themselves_catch_differences(spec: Any, recordings: Any) -> None:
    recorded = recordings("test_client_get_users_mentions")
    broken = json.loads(json.dumps(recorded))
    broken["data"][0]["id"] = 1578516295611748353  # a number where X sends a string
    del broken["meta"]["next_token"]
    broken["meta"]["surprise"] = True
    diffs = shape_differences(recorded, broken)
    assert "$.data[0].id: type number, recorded string" in diffs
    assert "$.meta.next_token: missing" in diffs
    assert "$.meta.surprise: extra" in diffs
    bad_metrics = {"data": [{"id": "1", "text": "t", "public_metrics": {"like_count": "many"}}]}
    assert validate(spec, "/2/users/{id}/mentions", "get", 200, bad_metrics) != []


def test_dm_pages_go_back_and_forth(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    sent = [inject(sandbox_admin, api, "dm", f"message {i}", author="resident_pages") for i in range(5)]
    first = api.get("/2/dm_events", max_results=2).json()
    assert [e["id"] for e in first["data"]] == sent[:2:-1]
    second = api.get("/2/dm_events", max_results=2, pagination_token=first["meta"]["next_token"]).json()
    assert [e["id"] for e in second["data"]] == sent[2:0:-1]
    back = api.get("/2/dm_events", max_results=2, pagination_token=second["meta"]["previous_token"]).json()
    assert [e["id"] for e in back["data"]] == [e["id"] for e in first["data"]]
    last = api.get("/2/dm_events", max_results=2, pagination_token=second["meta"]["next_token"]).json()
    assert [e["id"] for e in last["data"]] == sent[:1]
    after = api.get("/2/dm_events", max_results=2, pagination_token=last["meta"]["next_token"]).json()
    assert after == {"meta": {"result_count": 0}}
    assert XApi(sandbox, api.account, bearer=True).get(f"/2/users/{api.id}/tweets").headers["x-access-level"] == "read"


def test_form_encoded_bodies_are_part_of_the_signature(sandbox: Any, sandbox_admin: Any) -> None:
    import base64

    api = new_account(sandbox_admin, sandbox)
    data = png_bytes()
    form = {"media_category": "tweet_image", "media_data": base64.b64encode(data).decode()}
    ok = api.post("/2/media/upload", data=form)
    assert ok.status_code == 200, ok.text
    assert ok.json()["data"]["size"] == len(data)
    # The same signed request with a body changed in transit no longer verifies.
    prepared = api.session.prepare_request(requests.Request("POST", REAL + "/2/media/upload", data=form))
    prepared.body = str(prepared.body).replace("tweet_image", "dm_image")
    assert api.session.send(prepared).status_code == 401


def test_reply_settings_are_enforced_on_replies(sandbox: Any, sandbox_admin: Any) -> None:
    author = new_account(sandbox_admin, sandbox)
    stranger = new_account(sandbox_admin, sandbox)
    post = author.post("/2/tweets", {"text": "Only those named may reply", "reply_settings": "mentionedUsers"})
    refused = stranger.post("/2/tweets", {"text": "hi", "reply": {"in_reply_to_tweet_id": post.json()["data"]["id"]}})
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Reply to this conversation is not allowed")
    own = author.post("/2/tweets", {"text": "follow-up", "reply": {"in_reply_to_tweet_id": post.json()["data"]["id"]}})
    assert own.status_code == 201


def test_post_text_comes_back_html_escaped_as_x_sends_it(sandbox: Any, sandbox_admin: Any) -> None:
    api = new_account(sandbox_admin, sandbox)
    created = api.post("/2/tweets", {"text": "Fish & chips <3 > 2"})
    assert created.json()["data"]["text"] == "Fish &amp; chips &lt;3 &gt; 2"
    tid = created.json()["data"]["id"]
    assert api.get(f"/2/tweets/{tid}").json()["data"]["text"] == "Fish &amp; chips &lt;3 &gt; 2"
    # Duplicates are judged on the text as written, not as escaped.
    assert api.post("/2/tweets", {"text": "Fish & chips <3 > 2"}).status_code == 403


READ_PARAMS = [
    "max_results", "pagination_token", "next_token", "since_id", "until_id", "start_time", "end_time",
    "expansions", "tweet.fields", "user.fields", "media.fields", "dm_event.fields", "event_types", "query", "ids",
]  # fmt: skip


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.sampled_from(["mentions", "tweets", "home", "search", "lookup", "dm_events"]),
    params=st.dictionaries(st.sampled_from(READ_PARAMS), st.text(max_size=25), max_size=4),
)
@example(target="search", params={"query": '"'})
@example(target="mentions", params={"since_id": "9" * 25})
def test_malformed_queries_get_clear_refusals(
    sandbox: Any, sandbox_admin: Any, target: str, params: dict[str, str]
) -> None:
    api, _ = _hypothesis_accounts(sandbox_admin, sandbox)
    path = {
        "mentions": f"/2/users/{api.id}/mentions",
        "tweets": f"/2/users/{api.id}/tweets",
        "home": f"/2/users/{api.id}/timelines/reverse_chronological",
        "search": "/2/tweets/search/recent",
        "lookup": "/2/tweets",
        "dm_events": "/2/dm_events",
    }[target]
    r = api.get(path, **params)
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert r.json()["errors"][0]["message"]
