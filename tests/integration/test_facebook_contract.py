"""The sandbox's Facebook Page answers have the fields, types and nesting of the real recordings.

State is created through the API itself (posts, photos, comments, the admin inject for citizens),
never by replaying a recording; each answer is then compared with the recorded one.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import create_sandbox_account
from tests.integration.test_graph_shapes import GraphClient, load, png_bytes, shape_diff

pytestmark = pytest.mark.sandbox

FEED_FIELDS = (
    "id,attachments{description,description_tags,media,media_type,target,title,type,unshimmed_url,url,"
    "subattachments},created_time,full_picture,icon,message,message_tags,permalink_url,picture,shares,status_type,"
    "updated_time,comments.filter(stream).summary(true).limit(0),reactions.summary(true).limit(0),"
    "reactions.type(LIKE).limit(0).summary(total_count).as(like),reactions.type(LOVE).limit(0).summary(total_count)"
    ".as(love),reactions.type(WOW).limit(0).summary(total_count).as(wow),reactions.type(HAHA).limit(0)"
    ".summary(total_count).as(haha),reactions.type(SAD).limit(0).summary(total_count).as(sad),"
    "reactions.type(ANGRY).limit(0).summary(total_count).as(angry)"
)


@pytest.fixture
def page(sandbox_admin: Any, sandbox: Any, reference_dir: Path, request: pytest.FixtureRequest) -> dict[str, Any]:
    """A fresh Page with a post that carries a photo and two citizens' comments, and a text post."""
    handle = f"fbc{abs(hash(request.node.name)) % 10**8}"
    acc = create_sandbox_account(sandbox_admin, "facebook", handle, display_name="Harbour Police")
    client = GraphClient(sandbox.base_url, acc["credentials"]["access_token"])
    page_id = acc["credentials"]["page_id"]
    photo = client.ok(
        client.post(
            f"{page_id}/photos",
            files={"source": ("p.png", png_bytes(reference_dir), "image/png")},
            caption="Lost dog found near the harbour",
        )
    )
    text_post = client.ok(client.post(f"{page_id}/feed", message="Road closed on Main Street until 18:00"))
    comments = []
    for i, text in enumerate(["Is it still closed?", "Thanks for the update"]):
        r = sandbox_admin.post(
            "/_sandbox/inject",
            json={
                "platform": "facebook",
                "account": handle,
                "kind": "comment",
                "text": text,
                "reply_to": text_post["id"],
                "author": {"handle": f"{handle}_citizen{i}", "name": f"Citizen {i}"},
                **({"attachment_url": f"{sandbox.base_url}/fbcdn/x.jpg"} if i == 0 else {}),
            },
        )
        r.raise_for_status()
        comments.append(r.json()["id"])
    dm = sandbox_admin.post(
        "/_sandbox/inject",
        json={
            "platform": "facebook",
            "account": handle,
            "kind": "dm",
            "text": "I want to report a stolen bike",
            "author": {"handle": f"{handle}_citizen0"},
            "attachment_url": f"{sandbox.base_url}/fbcdn/x.jpg",
        },
    )
    dm.raise_for_status()
    return {
        "client": client,
        "page_id": page_id,
        "photo": photo,
        "post_id": text_post["id"],
        "comments": comments,
        "message_id": dm.json()["id"],
        "handle": handle,
    }


def test_feed_with_engagement_fields_matches_recording(page: dict[str, Any], reference_dir: Path) -> None:
    real = load(reference_dir, "facebook/apidata/posts/feeds_default_fields_p1.json")
    client: GraphClient = page["client"]
    ours = client.ok(client.get(f"{page['page_id']}/feed", fields=FEED_FIELDS, limit=1))
    # the real first item is a photo post: compare ours (a photo post is the second newest) with it
    photo_post = client.ok(client.get(f"{page['page_id']}/feed", fields=FEED_FIELDS, limit=1, after=_after(ours)))
    optional = frozenset({"shares", "description_tags", "message_tags"})
    assert shape_diff(real["data"][0], photo_post["data"][0], optional=optional) == []
    assert shape_diff(real["paging"], ours["paging"], lenient=("$",)) == []
    assert "next" in ours["paging"]


def _after(answer: dict[str, Any]) -> str:
    return str(answer["paging"]["cursors"]["after"])


def test_posts_with_chosen_fields_and_paging(page: dict[str, Any], reference_dir: Path) -> None:
    real = load(reference_dir, "facebook/apidata/posts/feed_fields_p1.json")
    client: GraphClient = page["client"]
    ours = client.ok(client.get(f"{page['page_id']}/posts", fields="id,message,created_time", limit=1))
    assert shape_diff(real["data"][0], ours["data"][0]) == []
    # following paging.next (as the SDK's get_all_connections does) gives the older post, then the end
    query = {k: v[0] for k, v in parse_qs(urlsplit(ours["paging"]["next"]).query).items()}
    query.pop("access_token")
    second = client.ok(client.get(f"{page['page_id']}/posts", **query))
    assert [p["id"] for p in second["data"]] != [p["id"] for p in ours["data"]]
    assert "next" not in second["paging"]
    assert "previous" in second["paging"]


def test_single_post_with_reactions_matches_recording(page: dict[str, Any], reference_dir: Path) -> None:
    real = load(reference_dir, "facebook/apidata/posts/single_post_data.json")
    fields = (
        "id,message,created_time,updated_time,permalink_url,status_type,comments.summary(true).limit(0),"
        "reactions.summary(true).limit(0),"
        + ",".join(
            f"reactions.type({t.upper()}).limit(0).summary(total_count).as({t})"
            for t in ("like", "love", "wow", "haha", "sad", "angry")
        )
    )
    client: GraphClient = page["client"]
    ours = client.ok(client.get(page["post_id"], fields=fields))
    assert shape_diff(real, ours) == []
    assert ours["comments"]["summary"]["total_count"] == 2


def test_comments_list_with_summary_matches_recording(page: dict[str, Any], reference_dir: Path) -> None:
    real = load(reference_dir, "facebook/apidata/comments/comments_p1.json")
    client: GraphClient = page["client"]
    fields = "comment_count,created_time,like_count,message,permalink_url"
    ours = client.ok(client.get(f"{page['post_id']}/comments", fields=fields, summary="true", limit=1))
    assert shape_diff(real, ours, lenient=("$.paging",)) == []
    assert ours["summary"]["total_count"] == 2


def test_comment_objects_match_recordings(page: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = page["client"]
    fields = "id,comment_count,created_time,like_count,message,permalink_url"
    one = client.ok(client.get(page["comments"][0], fields=fields))
    assert shape_diff(load(reference_dir, "facebook/apidata/comments/comment_info.json"), one) == []
    many = client.ok(
        client.http.get(
            "/v21.0/", params={"ids": ",".join(page["comments"]), "fields": fields, "access_token": client.token}
        )
    )
    real_many = load(reference_dir, "facebook/apidata/comments/comments_info.json")
    assert set(many) == set(page["comments"])
    for value in many.values():
        assert shape_diff(next(iter(real_many.values())), value) == []
    model = load(reference_dir, "facebook/models/comment.json")
    full = client.ok(client.get(page["comments"][0], fields=",".join(model)))
    assert shape_diff(model, full) == []


def test_reply_to_comment_answer_matches_recording(page: dict[str, Any], reference_dir: Path) -> None:
    real = load(reference_dir, "facebook/apidata/comments/create_resp.json")
    client: GraphClient = page["client"]
    ours = client.ok(client.post(f"{page['comments'][0]}/comments", message="Yes, until 18:00.", fields=",".join(real)))
    assert shape_diff(real, ours) == []
    plain = client.ok(client.post(f"{page['comments'][1]}/comments", message="You are welcome."))
    assert set(plain) == {"id"}


def test_conversation_and_message_match_recordings(page: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = page["client"]
    convs = client.ok(client.get(f"{page['page_id']}/conversations", platform="messenger"))
    conv_id = convs["data"][0]["id"]
    info = load(reference_dir, "facebook/apidata/conversations/cvs_info.json")
    assert shape_diff(info, client.ok(client.get(conv_id, fields=",".join(info)))) == []
    model = load(reference_dir, "facebook/models/conversation.json")
    assert shape_diff(model, client.ok(client.get(conv_id, fields=",".join(model)))) == []
    message = load(reference_dir, "facebook/apidata/messages/message_info.json")
    ours = client.ok(client.get(page["message_id"], fields=",".join(message)))
    assert shape_diff(message, ours) == []
    model_msg = load(reference_dir, "facebook/models/message.json")
    assert shape_diff(model_msg, client.ok(client.get(page["message_id"], fields=",".join(model_msg)))) == []


def test_photo_and_page_match_recordings(page: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = page["client"]
    photo = load(reference_dir, "facebook/apidata/photos/photo_info_fields.json")
    assert shape_diff(photo, client.ok(client.get(page["photo"]["id"], fields=",".join(photo)))) == []
    assert (
        shape_diff(
            load(reference_dir, "facebook/apidata/photos/photo_info_default.json"),
            client.ok(client.get(page["photo"]["id"])),
        )
        == []
    )
    real_page = load(reference_dir, "facebook/apidata/pages/single_fields_page.json")
    assert shape_diff(real_page, client.ok(client.get(page["page_id"], fields=",".join(real_page)))) == []


def test_errors_have_the_graph_shape(page: dict[str, Any], reference_dir: Path) -> None:
    real = load(reference_dir, "error.json")
    client: GraphClient = page["client"]
    unknown_field = client.get(page["page_id"], fields="no_such_field")
    assert unknown_field.status_code == 400
    assert unknown_field.headers["content-type"].startswith("application/json")
    assert shape_diff(real, unknown_field.json()) == []
    assert unknown_field.json()["error"]["code"] == 100
    bad_token = GraphClient(client.http.base_url.__str__(), "not-a-token").get(page["page_id"])
    body = bad_token.json()["error"]
    assert (bad_token.status_code, body["code"], body["type"]) == (400, 190, "OAuthException")


def test_versions_tokens_and_permissions_are_checked(page: dict[str, Any], sandbox: Any, sandbox_admin: Any) -> None:
    client: GraphClient = page["client"]
    for version in ("v19.0", "v23.0"):
        r = client.http.get(f"/{version}/{page['page_id']}", params={"access_token": client.token})
        assert r.status_code == 200 and r.json()["id"] == page["page_id"]
    old = client.http.get(f"/v10.0/{page['page_id']}", params={"access_token": client.token})
    assert (old.status_code, old.json()["error"]["code"]) == (400, 2635)
    missing = client.http.get(f"/v21.0/{page['page_id']}")
    assert missing.json()["error"]["code"] == 104
    other = create_sandbox_account(sandbox_admin, "facebook", page["handle"] + "x")
    refused = client.post(f"{other['credentials']['page_id']}/feed", message="not our page")
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, 200)
    gone = client.get("999999999999_1")
    assert gone.json()["error"]["code"] == 100 and gone.json()["error"]["error_subcode"] == 33


def test_usage_headers_are_json_per_account(page: dict[str, Any]) -> None:
    client: GraphClient = page["client"]
    r = client.get(page["page_id"])
    app_usage = json.loads(r.headers["x-app-usage"])
    assert set(app_usage) == {"call_count", "total_cputime", "total_time"}
    buc = json.loads(r.headers["x-business-use-case-usage"])
    (entry,) = buc[page["page_id"]]
    assert entry["type"] == "pages" and entry["estimated_time_to_regain_access"] == 0
    assert r.headers["content-type"].startswith("application/json")


def test_scheduled_posts_wait_outside_the_feed(page: dict[str, Any]) -> None:
    client: GraphClient = page["client"]
    soon = int(time.time()) + 60  # under the 10-minute minimum
    too_soon = client.post(f"{page['page_id']}/feed", message="Later", published="false", scheduled_publish_time=soon)
    assert too_soon.status_code == 400 and too_soon.json()["error"]["code"] == 100
    when = int(time.time()) + 3600
    made = client.ok(
        client.post(f"{page['page_id']}/feed", message="Later", published="false", scheduled_publish_time=when)
    )
    feed = client.ok(client.get(f"{page['page_id']}/feed", limit=100))
    assert made["id"] not in [p["id"] for p in feed["data"]]
    scheduled = client.ok(client.get(f"{page['page_id']}/scheduled_posts", fields="id,scheduled_publish_time"))
    assert scheduled["data"] == [{"id": made["id"], "scheduled_publish_time": when}]


def test_conversations_are_limited_to_two_calls_a_second(page: dict[str, Any], sandbox: Any) -> None:
    client: GraphClient = page["client"]
    assert client.get(f"{page['page_id']}/conversations", platform="messenger").status_code == 200
    # use up this second's budget directly, then ask once more at once
    state = sandbox.state
    _, window = state.rate_allows(page["page_id"], "graph:conversations", 2, timedelta(seconds=1), cost=0)
    state.rate_allows(
        page["page_id"], "graph:conversations", 2, timedelta(seconds=1), cost=window.remaining(state.now())
    )
    refused = client.get(f"{page['page_id']}/conversations", platform="messenger")
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, 613)


def test_messages_outside_the_window_are_refused(page: dict[str, Any], sandbox_admin: Any) -> None:
    client: GraphClient = page["client"]
    old = datetime.now(UTC) - timedelta(hours=30)
    sandbox_admin.post(
        "/_sandbox/inject",
        json={
            "platform": "facebook",
            "account": page["handle"],
            "kind": "dm",
            "text": "hi",
            "author": {"handle": page["handle"] + "_late"},
            "created_time": old.isoformat(),
        },
    ).raise_for_status()
    user = sandbox_admin.post(
        "/_sandbox/inject",
        json={
            "platform": "facebook",
            "account": page["handle"],
            "kind": "dm",
            "text": "again",
            "author": {"handle": page["handle"] + "_late"},
            "created_time": old.isoformat(),
        },
    ).json()["author_id"]
    body = {"recipient": json.dumps({"id": user}), "message": json.dumps({"text": "Sorry"})}
    closed = client.post(f"{page['page_id']}/messages", messaging_type="RESPONSE", **body)
    err = closed.json()["error"]
    assert (closed.status_code, err["code"], err["error_subcode"]) == (400, 10, 2018278)
    tagged = client.post(f"{page['page_id']}/messages", messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT", **body)
    assert tagged.status_code == 200 and set(tagged.json()) == {"recipient_id", "message_id"}


def test_page_photos_list_matches_recording(page: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = page["client"]
    client.ok(
        client.post(
            f"{page['page_id']}/photos",
            files={"source": ("q.png", png_bytes(reference_dir), "image/png")},
            published="false",
            alt_text_custom="Second photo",
        )
    )
    real = load(reference_dir, "facebook/apidata/photos/photos_p1.json")
    ours = client.ok(client.get(f"{page['page_id']}/photos", fields="id,created_time,updated_time,link", limit=1))
    assert shape_diff(real, ours, lenient=("$.paging",)) == []
    assert "next" in ours["paging"]
    alt = client.ok(client.get(ours["data"][0]["id"], fields="alt_text_custom"))
    assert alt["alt_text_custom"] == "Second photo"


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x01" * 1024


def test_page_videos_match_recordings(page: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = page["client"]
    made = client.ok(
        client.post(
            f"{page['page_id']}/videos",
            files={"source": ("v.mp4", MP4, "video/mp4")},
            description="Road safety week",
            title="Crossing safely",
        )
    )
    assert shape_diff({"id": "1"}, made) == []  # Graph answers a video upload with its id only
    one = load(reference_dir, "facebook/apidata/videos/video_info_default.json")
    default = client.ok(client.get(made["id"], fields=",".join(one)))
    assert shape_diff(one, default) == []
    assert default["permalink_url"] == f"/{page['handle']}/videos/{made['id']}/"
    chosen = client.ok(client.get(made["id"], fields="description,updated_time,id"))
    assert shape_diff(load(reference_dir, "facebook/apidata/videos/video_info_fields.json"), chosen) == []
    client.ok(
        client.post(
            f"{page['page_id']}/videos",
            files={"source": ("w.mp4", MP4, "video/mp4")},
            description="Bike marking day",
            title="Bikes",
        )
    )
    real_list = load(reference_dir, "facebook/apidata/videos/videos_p1.json")
    fields = ",".join(real_list["data"][0])
    ours = client.ok(client.get(f"{page['page_id']}/videos", fields=fields, limit=1))
    assert shape_diff(real_list, ours, lenient=("$.paging",)) == []
    # The recordings' "default" files are the fields python-facebook asks for by default: ask for the same.
    several = next(iter(load(reference_dir, "facebook/apidata/videos/videos_info_default.json").values()))
    ids = client.ok(client.get("", ids=made["id"], fields=",".join(several)))
    assert shape_diff(several, ids[made["id"]]) == []
    # The video is also a post on the Page.
    posts = client.ok(client.get(f"{page['page_id']}/feed", fields="status_type,attachments,message", limit=2))
    post = next(p for p in posts["data"] if p.get("message") == "Road safety week")
    assert post["status_type"] == "added_video"
    assert post["attachments"]["data"][0]["type"] == "video_inline"


def test_video_uploads_that_facebook_refuses(page: dict[str, Any]) -> None:
    client: GraphClient = page["client"]
    refused = client.post(f"{page['page_id']}/videos", files={"source": ("v.webm", b"\x1aE\xdf\xa3", "video/webm")})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == 352
    missing = client.post(f"{page['page_id']}/videos", description="no file")
    assert missing.status_code == 400 and missing.json()["error"]["code"] == 390
