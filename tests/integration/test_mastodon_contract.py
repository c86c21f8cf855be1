"""The Mastodon sandbox answers with the same fields, types and nesting as real Mastodon (recorded)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import create_sandbox_account

pytestmark = pytest.mark.sandbox


def shape_diff(real: Any, ours: Any, path: str = "$") -> list[str]:
    """Differences in keys, types and nesting between a recorded value and the sandbox's.

    ``None`` on either side matches anything (Mastodon's nullable fields); ints and floats are both numbers;
    lists compare every sandbox element with the recorded first element.
    """
    if real is None or ours is None:
        return []
    if isinstance(real, dict):
        if not isinstance(ours, dict):
            return [f"{path}: expected an object, got {type(ours).__name__}"]
        out = [f"{path}.{k}: missing" for k in real if k not in ours]
        out += [f"{path}.{k}: not in the recording" for k in ours if k not in real]
        for key in real:
            if key in ours:
                out += shape_diff(real[key], ours[key], f"{path}.{key}")
        return out
    if isinstance(real, list):
        if not isinstance(ours, list):
            return [f"{path}: expected a list, got {type(ours).__name__}"]
        if not real:
            return []
        return [d for i, item in enumerate(ours) for d in shape_diff(real[0], item, f"{path}[{i}]")]
    if isinstance(real, bool) or isinstance(ours, bool):
        return [] if type(real) is type(ours) else [f"{path}: {type(real).__name__} vs {type(ours).__name__}"]
    if isinstance(real, int | float) and isinstance(ours, int | float):
        return []
    if type(real) is not type(ours):
        return [f"{path}: {type(real).__name__} vs {type(ours).__name__}"]
    return []


def _recorded(reference_dir: Path, name: str, index: int) -> Any:
    data = json.loads((reference_dir / "mastodon" / "cassettes_decoded" / name).read_text())
    return data[index]["response_body"]


@pytest.fixture
def mastodon(sandbox_admin: httpx.Client, sandbox: Any) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:8]
    force = create_sandbox_account(sandbox_admin, "mastodon", f"police{suffix}")
    citizen = create_sandbox_account(sandbox_admin, "mastodon", f"citizen{suffix}", is_force=False)
    client = httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {force['credentials']['access_token']}"},
        timeout=10,
    )
    citizen_client = httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {citizen['credentials']['access_token']}"},
        timeout=10,
    )
    return {"force": force, "citizen": citizen, "client": client, "citizen_client": citizen_client}


def _check(real: Any, ours: Any) -> None:
    diff = shape_diff(real, ours)
    assert not diff, "\n".join(diff)


def test_instance_documents(reference_dir: Path, sandbox: Any) -> None:
    for path in ("/api/v1/instance", "/api/v1/instance/"):
        _check(_recorded(reference_dir, "test_instance_v1.json", 0), httpx.get(sandbox.base_url + path).json())
    for path in ("/api/v2/instance", "/api/v2/instance/"):
        body = httpx.get(sandbox.base_url + path).json()
        _check(_recorded(reference_dir, "test_instance.json", 0), body)
        assert body["configuration"]["statuses"]["max_characters"] == 500
        assert body["configuration"]["statuses"]["characters_reserved_per_url"] == 23
        assert body["api_versions"]["mastodon"] >= 1


def test_verify_credentials(reference_dir: Path, mastodon: dict[str, Any]) -> None:
    response = mastodon["client"].get("/api/v1/accounts/verify_credentials")
    assert response.status_code == 200
    _check(_recorded(reference_dir, "test_verify_credentials.json", 0), response.json())
    assert int(response.headers["X-RateLimit-Limit"]) == 300
    assert int(response.headers["X-RateLimit-Remaining"]) < 300


def test_statuses_public_direct_warning_reply_and_delete(reference_dir: Path, mastodon: dict[str, Any]) -> None:
    client = mastodon["client"]
    public = client.post("/api/v1/statuses", data={"status": "Toot!", "visibility": "public"}).json()
    _check(_recorded(reference_dir, "test_status_post_None-public.json", 0), public)
    direct = client.post(
        "/api/v1/statuses", data={"status": f"@{mastodon['citizen']['handle']} hi", "visibility": "direct"}
    ).json()
    _check(_recorded(reference_dir, "test_status_post_None-direct.json", 0), direct)
    assert direct["visibility"] == "direct"
    warned = client.post(
        "/api/v1/statuses", data={"status": "Toot!", "visibility": "public", "spoiler_text": "Content warning"}
    ).json()
    _check(_recorded(reference_dir, "test_status_post_Content_warning-public.json", 0), warned)
    assert warned["sensitive"] is True
    reply = (
        mastodon["citizen_client"]
        .post(
            "/api/v1/statuses",
            data={
                "status": f"@{mastodon['force']['handle']} same!",
                "in_reply_to_id": public["id"],
                "visibility": "public",
            },
        )
        .json()
    )
    _check(_recorded(reference_dir, "test_status_reply.json", 2), {**reply, "pinned": False})
    assert reply["in_reply_to_id"] == public["id"]
    assert reply["in_reply_to_account_id"] == mastodon["force"]["account_id"]
    context = client.get(f"/api/v1/statuses/{public['id']}/context").json()
    _check(_recorded(reference_dir, "test_status_context.json", 1), context)
    assert [s["id"] for s in context["descendants"]] == [reply["id"]]
    deleted = client.delete(f"/api/v1/statuses/{public['id']}")
    assert deleted.status_code == 200
    _check(_recorded(reference_dir, "test_status_delete_media.json", 3), deleted.json())
    assert deleted.json()["text"] == "Toot!"
    again = client.delete(f"/api/v1/statuses/{public['id']}")
    assert again.status_code == 404
    assert again.json() == _recorded(reference_dir, "test_status_delete_media.json", 7)


def test_ids_are_increasing_snowflakes(mastodon: dict[str, Any]) -> None:
    ids = [mastodon["client"].post("/api/v1/statuses", data={"status": f"n{i}"}).json()["id"] for i in range(5)]
    assert all(isinstance(i, str) and len(i) >= 17 for i in ids)
    assert [int(i) for i in ids] == sorted(int(i) for i in ids)
    assert len(set(ids)) == 5


def test_media_upload_and_status_with_media(reference_dir: Path, mastodon: dict[str, Any], sandbox: Any) -> None:
    client = mastodon["client"]
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    uploaded = client.post(
        "/api/v2/media",
        files={"file": ("a.png", png, "image/png")},
        data={"description": "Officer at a stall", "focus": "0.0,0.0"},
    )
    assert uploaded.status_code == 200
    media = uploaded.json()
    _check(
        _recorded(reference_dir, "test_media_post_file.json", 0),
        {**media, "meta": {k: v for k, v in media["meta"].items() if k != "focus"}},
    )
    assert media["description"] == "Officer at a stall"
    assert sandbox.state.media[media["id"]].data == png
    fetched = client.get(f"/api/v1/media/{media['id']}").json()
    assert fetched["id"] == media["id"]
    status = client.post("/api/v1/statuses", data={"status": "with media", "media_ids[]": [media["id"]]}).json()
    _check(_recorded(reference_dir, "test_media_post_multiple.json", 4), {**status})
    assert [m["id"] for m in status["media_attachments"]] == [media["id"]]
    reused = client.post("/api/v1/statuses", data={"status": "again", "media_ids[]": [media["id"]]})
    assert reused.status_code == 422
    assert media["id"] in reused.json()["error"]


def test_notifications_types_pagination_and_links(
    reference_dir: Path, mastodon: dict[str, Any], sandbox_admin: httpx.Client
) -> None:
    force = mastodon["force"]
    for i in range(5):
        sandbox_admin.post(
            "/_sandbox/inject",
            json={
                "platform": "mastodon",
                "account": force["handle"],
                "kind": "mention",
                "author": {"handle": mastodon["citizen"]["handle"]},
                "text": f"hello {i}",
            },
        ).raise_for_status()
    client = mastodon["client"]
    first = client.get("/api/v1/notifications", params={"types[]": "mention", "limit": 2})
    notes = first.json()
    _check(_recorded(reference_dir, "test_notifications.json", 1), notes)
    assert [n["status"]["content"].endswith("hello 4</p>") for n in notes] == [True, False]
    assert 'rel="next"' in first.headers["Link"] and 'rel="prev"' in first.headers["Link"]
    next_url = first.headers["Link"].split(">;")[0].lstrip("<")
    second = client.get(next_url).json()
    assert int(second[0]["id"]) < int(notes[-1]["id"])
    oldest_first = client.get("/api/v1/notifications", params={"min_id": "0", "limit": 2}).json()
    assert [n["status"]["content"].endswith(f"hello {i}</p>") for n, i in zip(oldest_first, (1, 0), strict=True)]
    single = client.get(f"/api/v1/notifications/{notes[0]['id']}").json()
    _check(_recorded(reference_dir, "test_notifications.json", 2), single)
    unread = client.get("/api/v1/notifications/unread_count").json()
    _check(_recorded(reference_dir, "test_notifications.json", 3), unread)
    assert unread == {"count": 5}
    none = client.get("/api/v1/notifications", params={"exclude_types[]": "mention"}).json()
    assert none == []


def test_conversations(reference_dir: Path, mastodon: dict[str, Any], sandbox_admin: httpx.Client) -> None:
    sandbox_admin.post(
        "/_sandbox/inject",
        json={
            "platform": "mastodon",
            "account": mastodon["force"]["handle"],
            "kind": "dm",
            "author": {"handle": mastodon["citizen"]["handle"]},
            "text": "a private tip",
        },
    ).raise_for_status()
    conversations = mastodon["client"].get("/api/v1/conversations/").json()
    _check(_recorded(reference_dir, "test_conversations.json", 2), conversations)
    assert conversations[0]["unread"] is True
    read = mastodon["client"].post(f"/api/v1/conversations/{conversations[0]['id']}/read").json()
    assert read["unread"] is False


def test_text_limit_is_counted_the_mastodon_way(mastodon: dict[str, Any]) -> None:
    client = mastodon["client"]
    url_heavy = "x" * 470 + " https://example.com/" + "a" * 100  # 470 + 1 + 23 = 494 counted
    assert client.post("/api/v1/statuses", data={"status": url_heavy}).status_code == 200
    too_long = client.post("/api/v1/statuses", data={"status": "y" * 501})
    assert too_long.status_code == 422
    assert "500" in too_long.json()["error"]


def test_idempotency_key_returns_the_same_status(mastodon: dict[str, Any]) -> None:
    client = mastodon["client"]
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    first = client.post("/api/v1/statuses", data={"status": "once"}, headers=headers).json()
    second = client.post("/api/v1/statuses", data={"status": "once"}, headers=headers).json()
    assert first["id"] == second["id"]
    third = client.post("/api/v1/statuses", data={"status": "once"}).json()
    assert third["id"] != first["id"]


def test_wrong_token_and_rate_limit(sandbox: Any, mastodon: dict[str, Any], sandbox_admin: httpx.Client) -> None:
    wrong = httpx.get(
        sandbox.base_url + "/api/v1/accounts/verify_credentials", headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert wrong.json() == {"error": "The access token is invalid"}
    client = mastodon["client"]
    statuses = [client.get("/api/v1/accounts/verify_credentials").status_code for _ in range(300)]
    assert statuses == [200] * 300  # exactly the budget of 300 per 5 minutes
    limited = client.get("/api/v1/accounts/verify_credentials")
    assert limited.status_code == 429
    assert limited.json() == {"error": "Too many requests"}
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert limited.headers["X-RateLimit-Reset"].endswith("Z")


def test_hashtag_timeline_and_search(mastodon: dict[str, Any]) -> None:
    client = mastodon["client"]
    tag = "beat" + uuid.uuid4().hex[:6]
    posted = client.post("/api/v1/statuses", data={"status": f"Road safety week #{tag}"}).json()
    timeline = client.get(f"/api/v1/timelines/tag/{tag}").json()
    assert [s["id"] for s in timeline] == [posted["id"]]
    found = client.get("/api/v2/search", params={"q": "Road safety week"}).json()
    assert posted["id"] in [s["id"] for s in found["statuses"]]
    home = client.get("/api/v1/timelines/home").json()
    assert posted["id"] in [s["id"] for s in home]


def test_oauth_app_and_password_grant(sandbox: Any, mastodon: dict[str, Any]) -> None:
    app = httpx.post(
        sandbox.base_url + "/api/v1/apps", data={"client_name": "Beat Desk", "scopes": "read write"}
    ).json()
    assert {"client_id", "client_secret", "name"} <= set(app)
    account = sandbox.state.find_account("mastodon", mastodon["force"]["handle"])
    token = httpx.post(
        sandbox.base_url + "/oauth/token",
        data={
            "grant_type": "password",
            "client_id": app["client_id"],
            "client_secret": app["client_secret"],
            "username": account.handle,
            "password": account.extra["password"],
        },
    ).json()
    me = httpx.get(
        sandbox.base_url + "/api/v1/accounts/verify_credentials",
        headers={"Authorization": f"Bearer {token['access_token']}"},
    ).json()
    assert me["id"] == mastodon["force"]["account_id"]
