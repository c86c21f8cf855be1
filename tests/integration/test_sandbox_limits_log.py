"""The sandbox's admin side for benchmarks: lifted limits (Instagram's publishing quota too) and receive times."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.conftest import create_sandbox_account


def _post_status(admin: Any, token: str, text: str) -> int:
    answer = admin.post("/api/v1/statuses", data={"status": text}, headers={"Authorization": f"Bearer {token}"})
    return int(answer.status_code)


def test_the_log_records_when_each_request_arrived_and_for_which_account(sandbox_admin: Any) -> None:
    account = create_sandbox_account(sandbox_admin, "mastodon", "logcheck")
    since = int(sandbox_admin.get("/_sandbox/log").json()["total"])
    assert _post_status(sandbox_admin, account["credentials"]["access_token"], "Road closed on Main Street") == 200
    entries = sandbox_admin.get("/_sandbox/log", params={"since": since}).json()["requests"]
    posted = [e for e in entries if e["path"] == "/api/v1/statuses" and e["method"] == "POST"]
    assert len(posted) == 1
    entry = posted[0]
    assert entry["account_id"] == account["account_id"]
    received, answered = datetime.fromisoformat(entry["received_at"]), datetime.fromisoformat(entry["at"])
    assert received <= answered


def test_lifted_limits_include_the_instagram_publishing_quota(sandbox: Any, sandbox_admin: Any) -> None:
    account = create_sandbox_account(sandbox_admin, "instagram", "quotacheck")
    creds = account["credentials"]
    token, ig = creds["access_token"], creds["ig_user_id"]

    def usage() -> int:
        answer = sandbox_admin.get(
            f"/v21.0/{ig}/content_publishing_limit", params={"fields": "quota_usage", "access_token": token}
        )
        answer.raise_for_status()
        return int(answer.json()["data"][0]["quota_usage"])

    graph = sandbox.state.platforms["graph"]
    graph.published_at[ig] = [sandbox.state.now()] * 50  # a full day's quota, just used
    assert usage() == 50
    assert sandbox_admin.post("/_sandbox/limits", json={"lifted": True}).json() == {"lifted": True}
    assert usage() == 0
    assert sandbox_admin.post("/_sandbox/limits", json={"lifted": False}).json() == {"lifted": False}
    assert usage() == 50
