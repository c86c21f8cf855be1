"""The sandbox's Instagram answers have the fields, types and nesting of the real recordings.

Media is published through the API itself (photo uploaded unpublished to the linked Page, container,
status, publish); citizens' comments and mentions come through the admin inject.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import create_sandbox_account
from tests.integration.test_graph_shapes import GraphClient, load, png_bytes, shape_diff

pytestmark = pytest.mark.sandbox


def publish(client: GraphClient, page_id: str, ig_id: str, image: bytes, caption: str) -> dict[str, Any]:
    """Publish one image the way the connector does; returns every answer along the way."""
    photo = client.ok(
        client.post(f"{page_id}/photos", files={"source": ("a.png", image, "image/png")}, published="false")
    )
    url = client.ok(client.get(photo["id"], fields="images"))["images"][0]["source"]
    container = client.ok(client.post(f"{ig_id}/media", image_url=url, caption=caption))
    first = client.ok(client.get(container["id"], fields="status_code"))
    second = client.ok(client.get(container["id"], fields="id,status,status_code"))
    published = client.ok(client.post(f"{ig_id}/media_publish", creation_id=container["id"]))
    return {"photo": photo, "container": container, "first": first, "second": second, "published": published}


@pytest.fixture
def account(sandbox_admin: Any, sandbox: Any, reference_dir: Path, request: pytest.FixtureRequest) -> dict[str, Any]:
    """An Instagram account with two published photos, comments, a reply and a mention."""
    handle = f"igc{abs(hash(request.node.name)) % 10**8}"
    acc = create_sandbox_account(sandbox_admin, "instagram", handle, display_name="Harbour Police")
    creds = acc["credentials"]
    client = GraphClient(sandbox.base_url, creds["access_token"])
    image = png_bytes(reference_dir)
    steps = [publish(client, creds["page_id"], creds["ig_user_id"], image, f"Patrol photo {i}") for i in range(2)]
    media_id = steps[-1]["published"]["id"]
    comment_ids = []
    for i, text in enumerate(["Where was this?", "Great work"]):
        r = sandbox_admin.post(
            "/_sandbox/inject",
            json={
                "platform": "instagram",
                "account": handle,
                "kind": "comment",
                "text": f"@{handle} {text}",
                "reply_to": media_id,
                "author": {"handle": f"{handle}_fan{i}"},
            },
        )
        r.raise_for_status()
        comment_ids.append(r.json()["id"])
    reply = client.ok(client.post(f"{comment_ids[0]}/replies", message="Near the harbour."))
    mention = sandbox_admin.post(
        "/_sandbox/inject",
        json={
            "platform": "instagram",
            "account": handle,
            "kind": "mention",
            "text": "look at this",
            "author": {"handle": f"{handle}_fan0"},
        },
    )
    mention.raise_for_status()
    return {
        "client": client,
        "ig": creds["ig_user_id"],
        "page": creds["page_id"],
        "steps": steps,
        "media_id": media_id,
        "comments": comment_ids,
        "reply": reply["id"],
        "mention_media": mention.json()["id"],
        "handle": handle,
    }


def test_publishing_answers_match_recordings(account: dict[str, Any], reference_dir: Path) -> None:
    step = account["steps"][0]
    assert shape_diff(load(reference_dir, "instagram/apidata/publish/create_photo.json"), step["container"]) == []
    assert shape_diff(load(reference_dir, "instagram/apidata/publish/publish_container.json"), step["published"]) == []
    assert step["first"]["status_code"] == "IN_PROGRESS"
    assert shape_diff(load(reference_dir, "instagram/apidata/publish/container_info.json"), step["second"]) == []
    assert step["second"]["status_code"] == "FINISHED"
    client: GraphClient = account["client"]
    limit = client.ok(client.get(f"{account['ig']}/content_publishing_limit", fields="quota_usage,config"))
    assert shape_diff(load(reference_dir, "instagram/apidata/publish/publish_limit_resp.json"), limit) == []
    assert limit["data"][0] == {"quota_usage": 2, "config": {"quota_total": 50, "quota_duration": 86400}}


def test_user_and_media_list_match_recordings(account: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = account["client"]
    user = load(reference_dir, "instagram/apidata/users/user_fields.json")
    assert shape_diff(user, client.ok(client.get(account["ig"], fields=",".join(user)))) == []
    real = load(reference_dir, "instagram/apidata/users/medias_p1.json")
    fields = "id,comments_count,like_count,media_type,media_url,permalink,timestamp"
    ours = client.ok(client.get(f"{account['ig']}/media", fields=fields, limit=1))
    assert shape_diff(real, ours, lenient=("$.paging",)) == []
    assert ours["data"][0]["id"] == account["media_id"]  # newest first
    assert ours["data"][0]["comments_count"] == 3  # two comments and one reply


def test_comments_and_replies_match_recordings(account: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = account["client"]
    real = load(reference_dir, "instagram/apidata/medias/comments_p1.json")
    ours = client.ok(client.get(f"{account['media_id']}/comments", limit=1))
    assert shape_diff(real, ours, lenient=("$.paging",)) == []
    assert ours["data"][0]["id"] == account["comments"][1]  # newest first
    one = load(reference_dir, "instagram/apidata/comments/comment_fields.json")
    assert shape_diff(one, client.ok(client.get(account["comments"][0], fields=",".join(one)))) == []
    replies = client.ok(client.get(f"{account['comments'][0]}/replies"))
    real_replies = load(reference_dir, "instagram/apidata/comments/replies.json")
    assert shape_diff(real_replies["data"], replies["data"]) == []
    assert [r["id"] for r in replies["data"]] == [account["reply"]]
    model = load(reference_dir, "instagram/models/ig_comment.json")
    fields = "id,like_count,media,text,timestamp,user,username,hidden,replies{timestamp,text,id}"
    assert shape_diff(model, client.ok(client.get(account["comments"][0], fields=fields))) == []


def test_mentions_match_recordings(account: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = account["client"]
    tagged = load(reference_dir, "instagram/apidata/users/tagged_medias.json")
    fields = "id,caption,comments_count,like_count,media_type,media_url,permalink,timestamp"
    ours = client.ok(client.get(f"{account['ig']}/tags", fields=fields))
    assert shape_diff(tagged["data"], ours["data"]) == []
    assert [m["id"] for m in ours["data"]] == [account["mention_media"]]
    real_c = load(reference_dir, "instagram/apidata/users/mentioned_comment.json")
    ours_c = client.ok(
        client.get(
            account["ig"],
            fields=f"mentioned_comment.comment_id({account['comments'][0]}){{id,like_count,text,timestamp,username}}",
        )
    )
    assert shape_diff(real_c, ours_c) == []
    real_m = load(reference_dir, "instagram/apidata/users/mentioned_media.json")
    sub = ",".join(real_m["mentioned_media"])
    ours_m = client.ok(
        client.get(account["ig"], fields=f"mentioned_media.media_id({account['mention_media']}){{{sub}}}")
    )
    assert shape_diff(real_m, ours_m) == []


def test_insights_match_recording(account: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = account["client"]
    real = load(reference_dir, "instagram/apidata/medias/insights.json")
    ours = client.ok(client.get(f"{account['media_id']}/insights", metric="impressions,reach,saved"))
    assert shape_diff(real, ours) == []
    assert [m["name"] for m in ours["data"]] == ["impressions", "reach", "saved"]


def test_publish_refuses_off_machine_urls_and_long_captions(account: dict[str, Any]) -> None:
    client: GraphClient = account["client"]
    off = client.post(f"{account['ig']}/media", image_url="https://example.com/a.jpg", caption="x")
    assert off.status_code == 400
    assert off.json()["error"]["error_subcode"] == 2207052
    long = client.post(f"{account['ig']}/media", image_url="https://example.com/a.jpg", caption="x" * 2201)
    assert long.status_code == 400
    assert long.json()["error"]["code"] == 100


def test_publish_before_finished_is_refused(account: dict[str, Any], reference_dir: Path) -> None:
    client: GraphClient = account["client"]
    photo = client.ok(
        client.post(
            f"{account['page']}/photos",
            files={"source": ("a.png", png_bytes(reference_dir), "image/png")},
            published="false",
        )
    )
    url = client.ok(client.get(photo["id"], fields="images"))["images"][0]["source"]
    container = client.ok(client.post(f"{account['ig']}/media", image_url=url, caption="early"))
    early = client.post(f"{account['ig']}/media_publish", creation_id=container["id"])
    assert (early.status_code, early.json()["error"]["code"]) == (400, 9007)


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x02" * 1024


def _carousel(account: dict[str, Any], reference_dir: Path) -> tuple[GraphClient, str, list[str]]:
    """Two photos and a video as carousel items, the carousel container, and its publication."""
    client: GraphClient = account["client"]
    photo = client.ok(
        client.post(
            f"{account['page']}/photos",
            files={"source": ("a.png", png_bytes(reference_dir), "image/png")},
            published="false",
        )
    )
    image_url = client.ok(client.get(photo["id"], fields="images"))["images"][0]["source"]
    video = client.ok(
        client.post(f"{account['page']}/videos", files={"source": ("v.mp4", MP4, "video/mp4")}, published="false")
    )
    video_url = client.ok(client.get(video["id"], fields="source"))["source"]
    children = [
        client.ok(client.post(f"{account['ig']}/media", image_url=image_url, is_carousel_item="true"))["id"],
        client.ok(client.post(f"{account['ig']}/media", image_url=image_url, is_carousel_item="true"))["id"],
        client.ok(
            client.post(f"{account['ig']}/media", video_url=video_url, media_type="VIDEO", is_carousel_item="true")
        )["id"],
    ]
    return client, video_url, children


def test_carousel_publication_matches_recordings(account: dict[str, Any], reference_dir: Path) -> None:
    client, _, children = _carousel(account, reference_dir)
    ig = account["ig"]
    # Children must be finished before the carousel is made (Instagram's own advice: poll each).
    early = client.post(f"{ig}/media", media_type="CAROUSEL", children=",".join(children), caption="ALBUM")
    assert early.status_code == 400 and early.json()["error"]["error_subcode"] == 2207027
    for child in children:
        client.ok(client.get(child, fields="status_code"))
        assert client.ok(client.get(child, fields="status_code"))["status_code"] == "FINISHED"
    carousel = client.ok(
        client.post(f"{ig}/media", media_type="CAROUSEL", children=",".join(children), caption="ALBUM")
    )
    assert shape_diff(load(reference_dir, "instagram/apidata/publish/create_photo.json"), carousel) == []
    alone = client.post(f"{ig}/media_publish", creation_id=children[0])
    assert alone.status_code == 400  # an item is published only through its carousel
    client.ok(client.get(carousel["id"], fields="status_code"))
    assert client.ok(client.get(carousel["id"], fields="status_code"))["status_code"] == "FINISHED"
    published = client.ok(client.post(f"{ig}/media_publish", creation_id=carousel["id"]))
    real = load(reference_dir, "instagram/apidata/medias/medias_fields.json")["17896129349106152"]
    fields = ",".join(k for k in real if k != "children")
    child_fields = "id,media_type,media_url,permalink,shortcode,timestamp,thumbnail_url"
    ours = client.ok(client.get(published["id"], fields=f"{fields},children{{{child_fields}}}"))
    real_children, our_children = real.pop("children")["data"], ours.pop("children")["data"]
    assert shape_diff(real, ours) == []
    assert ours["media_type"] == "CAROUSEL_ALBUM" and ours["caption"] == "ALBUM"
    by_type = {c["media_type"]: c for c in real_children}
    assert [c["media_type"] for c in our_children] == ["IMAGE", "IMAGE", "VIDEO"]
    for child in our_children:
        assert shape_diff(by_type[child["media_type"]], child) == []


def test_carousel_refusals(account: dict[str, Any], reference_dir: Path) -> None:
    client, video_url, children = _carousel(account, reference_dir)
    ig = account["ig"]
    one = client.post(f"{ig}/media", media_type="CAROUSEL", children=children[0])
    assert one.status_code == 400 and "between 2 and 10" in one.json()["error"]["error_user_msg"]
    reel_item = client.post(f"{ig}/media", video_url=video_url, media_type="REELS", is_carousel_item="true")
    assert reel_item.status_code == 400
    no_type = client.post(f"{ig}/media", video_url=video_url)
    assert no_type.status_code == 400 and "media_type" in no_type.json()["error"]["message"]
