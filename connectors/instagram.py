"""Instagram business accounts over facebook-sdk (Instagram goes through the Graph API): comments and
mentions, direct messages, and publishing through a media container.

Instagram fetches images from a public URL. Without a media host of its own, the desk uploads the photo
to the linked Facebook Page unpublished and hands Instagram that photo's URL, then creates the container,
waits for it to finish and publishes it (at most 50 posts per rolling 24 hours).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from connectors.facebook import send_message, walk_conversations
from connectors.graph_common import (
    UNREADABLE,
    Collected,
    GraphSession,
    InboundCursor,
    InboundPager,
    chunks,
    decode_page_cursor,
    encode_page_cursor,
    items_of,
    object_id,
    parse_time,
    quarantine,
)
from connectors.transport import HttpSettings
from desk.clock import Clock
from desk.ports import (
    AccountProfile,
    AccountRef,
    Capabilities,
    ConnectorError,
    DirectMessageRequest,
    FeedColumnSpec,
    FeedKind,
    FeedPage,
    FeedPost,
    FetchResult,
    InboundRecord,
    ItemKind,
    Metrics,
    Platform,
    PublishRequest,
    PublishResult,
    RateLimited,
    RateLimitState,
    Rejected,
    Stream,
    TextCounting,
    Transient,
)

CAPABILITIES = Capabilities(
    platform=Platform.INSTAGRAM,
    text_limit=2_200,
    counting=TextCounting.CODE_POINTS,
    max_images=10,  # one photo, or a carousel of up to 10 photos and videos
    max_videos=10,
    image_max_bytes=8 * 1024 * 1024,
    video_max_bytes=100 * 1024 * 1024,  # the smallest of Instagram's video limits (carousel items)
    image_types=("image/jpeg", "image/png"),
    video_types=("video/mp4", "video/quicktime"),
    alt_text_limit=1000,
    threads=False,
    direct_messages=True,
    hide_replies=True,
    needs_public_media_url=True,
    requires_media=True,
    dm_window_hours=24,
)

DM_BYTE_LIMIT = 1_000
CAROUSEL_MAX = 10
MAX_MEDIA = 50  # recent media a sync looks at for new comments
POLL_INTERVAL = 1.0  # seconds of clock time between container status checks
POLL_ATTEMPTS = 60
# The publishing quota read before each post is skipped while the last reading is this recent and leaves at
# least QUOTA_MARGIN posts free after the ones this connector has published since: one request fewer on the
# way to every post. The platform still enforces the quota on publish, where a refusal is a RateLimited.
QUOTA_FRESH_SECONDS = 300.0
QUOTA_MARGIN = 5
COMMENT_FIELDS = "id,text,timestamp,username,from,like_count,hidden"
REPLY_FIELDS = f"replies{{{COMMENT_FIELDS}}}"
TAG_FIELDS = "id,caption,timestamp,permalink,username,media_type,media_url"
MEDIA_FIELDS = "id,caption,timestamp,permalink,like_count,comments_count"


class InstagramConnector:
    """One Instagram business account, linked to a Facebook Page."""

    capabilities = CAPABILITIES

    def __init__(
        self, account: AccountRef, credentials: Mapping[str, str], *, clock: Clock, http: HttpSettings
    ) -> None:
        self.account = account
        self.clock = clock
        self.ig_id = credentials.get("ig_user_id") or account.platform_account_id or ""
        self.page_id = credentials.get("page_id", "")
        if not self.ig_id or not self.page_id:
            raise Rejected(
                "The Instagram account id or its linked Facebook Page id is missing; reconnect the account.",
                platform=Platform.INSTAGRAM,
            )
        self.human_agent = credentials.get("human_agent", "").lower() in ("1", "true", "yes")
        self.session = GraphSession(account, credentials, clock=clock, http=http, platform=Platform.INSTAGRAM)
        self._pager = InboundPager()
        self._username: str | None = None
        self._quota: tuple[datetime, int, int] | None = None  # (read at, used, total) at the last reading
        self._quota_state: RateLimitState | None = None
        self._published_since_quota = 0

    def verify(self) -> AccountProfile:
        """Read the Instagram account the token reaches."""
        user = self.session.get(self.ig_id, fields="id,username,name")
        username = str(user.get("username") or self.account.handle)
        self._username = username
        with contextlib.suppress(Rejected):  # an account without the publishing permission can still be read
            self._check_quota(raise_when_full=False)
        return AccountProfile(
            platform_account_id=str(user.get("id") or self.ig_id),
            handle=username,
            display_name=str(user.get("name") or username),
            url=f"https://www.instagram.com/{username}/",
        )

    # --- inbound --------------------------------------------------------------------------------

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        """Comments and mentions (COMMENTS), mentions only (MENTIONS) or direct messages (DIRECT)."""
        if stream == Stream.COMMENTS:
            return self._pager.fetch(stream, cursor, limit, self._walk_comments)
        if stream == Stream.MENTIONS:
            return self._pager.fetch(stream, cursor, limit, lambda start: self._walk_tags(start, Collected()))
        return self._pager.fetch(
            stream,
            cursor,
            limit,
            lambda start: walk_conversations(
                self.session, self.clock, start, self.page_id, "instagram", Platform.INSTAGRAM, self.ig_id
            ),
        )

    def _walk_comments(self, start: InboundCursor) -> Collected:
        found = Collected()
        media_ids: list[str] = []
        for page in self.session.paged(f"{self.ig_id}/media", fields="id,timestamp,comments_count", limit=50):
            for raw in items_of(page):
                if len(media_ids) >= MAX_MEDIA:
                    break
                if (
                    isinstance(raw, dict)
                    and raw.get("comments_count")
                    and raw.get("id")
                    and str(raw["id"]) not in media_ids
                ):
                    media_ids.append(str(raw["id"]))
            if len(media_ids) >= MAX_MEDIA:
                break
        fields = f"{COMMENT_FIELDS},{REPLY_FIELDS}"
        for media_id in media_ids:
            # Comments come newest first: read until a page holds only comments older than the cursor.
            for page in self.session.paged(f"{media_id}/comments", fields=fields, limit=50):
                older_only = True
                for raw in items_of(page):
                    try:
                        record = self.parse_comment(raw, media_id)
                    except UNREADABLE as exc:
                        found.quarantined.append(quarantine(Stream.COMMENTS, f"unreadable comment: {exc!r}", raw))
                        older_only = False  # an undated item says nothing about where the cursor is
                        continue
                    found.records.append(record)
                    if start.time is None or record.created_at >= start.time:
                        older_only = False
                    replies = raw.get("replies") if isinstance(raw.get("replies"), dict) else {}
                    for reply in items_of(replies):
                        try:
                            found.records.append(self.parse_comment(reply, media_id, parent_id=record.platform_item_id))
                        except UNREADABLE as exc:
                            found.quarantined.append(quarantine(Stream.COMMENTS, f"unreadable reply: {exc!r}", reply))
                if older_only:
                    break
        found.records.reverse()  # comments come newest first
        return self._walk_tags(start, found)

    def _walk_tags(self, start: InboundCursor, found: Collected) -> Collected:
        tags = Collected()
        for page in self.session.paged(f"{self.ig_id}/tags", fields=TAG_FIELDS, limit=50):
            older_only = True
            for raw in items_of(page):
                try:
                    record = self.parse_mention(raw)
                except UNREADABLE as exc:
                    found.quarantined.append(quarantine(Stream.MENTIONS, f"unreadable mention: {exc!r}", raw))
                    older_only = False
                    continue
                tags.records.append(record)
                if start.time is None or record.created_at >= start.time:
                    older_only = False
            if older_only:
                break
        found.records.extend(reversed(tags.records))  # tagged media come newest first
        return found

    def parse_comment(self, raw: Mapping[str, Any], media_id: str, parent_id: str | None = None) -> InboundRecord:
        """An Instagram comment (or reply) on the account's media."""
        raw_from = raw.get("from")
        sender: dict[str, Any] = raw_from if isinstance(raw_from, dict) else {}
        username = str(raw.get("username") or sender.get("username") or "")
        author_id = str(sender.get("id") or username)
        if not username and not author_id:
            raise ValueError("a comment without an author")
        return InboundRecord(
            platform=Platform.INSTAGRAM,
            platform_item_id=str(raw["id"]),
            kind=ItemKind.REPLY if parent_id else ItemKind.COMMENT,
            conversation_key=media_id,
            author_id=author_id,
            author_handle=username,
            author_name=username,
            text=str(raw.get("text") or ""),
            created_at=parse_time(raw["timestamp"]),
            in_reply_to_id=parent_id or media_id,
            from_account=author_id == self.ig_id or (bool(username) and username == self._username),
            raw=dict(raw),
        )

    def parse_mention(self, raw: Mapping[str, Any]) -> InboundRecord:
        """A media whose caption mentions the account (``/{ig-user}/tags``)."""
        username = str(raw.get("username") or "")
        return InboundRecord(
            platform=Platform.INSTAGRAM,
            platform_item_id=str(raw["id"]),
            kind=ItemKind.MENTION,
            conversation_key=str(raw["id"]),
            author_id=username or str(raw["id"]),
            author_handle=username,
            author_name=username,
            text=str(raw.get("caption") or ""),
            created_at=parse_time(raw["timestamp"]),
            url=raw.get("permalink"),
            raw=dict(raw),
        )

    # --- feeds ------------------------------------------------------------------------------------

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        """The account's own media, or media that mention it."""
        if column.kind == FeedKind.OWN_POSTS:
            path, fields = f"{self.ig_id}/media", MEDIA_FIELDS
        elif column.kind == FeedKind.MENTIONS:
            path, fields = f"{self.ig_id}/tags", TAG_FIELDS + ",like_count,comments_count"
        else:
            raise Rejected("Instagram offers the account's own posts and its mentions as feed columns.")
        page = self.session.get(path, **{"fields": fields, "limit": min(limit, 100), **decode_page_cursor(cursor)})
        posts = []
        for raw in items_of(page):
            try:
                posts.append(
                    FeedPost(
                        platform=Platform.INSTAGRAM,
                        post_id=str(raw["id"]),
                        author_handle=str(raw.get("username") or self.account.handle),
                        author_name=str(raw.get("username") or self.account.display_name or self.account.handle),
                        text=str(raw.get("caption") or ""),
                        created_at=parse_time(raw["timestamp"]),
                        url=raw.get("permalink"),
                        metrics=parse_media_metrics(raw),
                        conversation_key=str(raw["id"]),
                    )
                )
            except UNREADABLE:
                continue
        return FeedPage(tuple(posts), encode_page_cursor(page))

    # --- outbound ---------------------------------------------------------------------------------

    def publish(self, request: PublishRequest) -> PublishResult:
        """Publish a photo, a video (as a reel) or a carousel of up to 10, with its caption; or reply to a
        comment (or comment on own media)."""
        if len(request.text) > CAPABILITIES.text_limit:
            raise Rejected(f"The caption is longer than Instagram's {CAPABILITIES.text_limit} characters.")
        if request.reply_to_id:
            if request.media:
                raise Rejected("Instagram replies to comments cannot carry photos.", platform=Platform.INSTAGRAM)
            return self._reply(request.reply_to_id, request.text)
        if not request.media:
            raise Rejected("Instagram posts need a photo. Add one before sending.", platform=Platform.INSTAGRAM)
        if len(request.media) > CAROUSEL_MAX:
            raise Rejected(
                f"An Instagram carousel holds at most {CAROUSEL_MAX} photos and videos.", platform=Platform.INSTAGRAM
            )
        for media in request.media:
            if media.mime_type not in (*CAPABILITIES.image_types, *CAPABILITIES.video_types):
                raise Rejected("Instagram accepts JPEG or PNG photos and MP4 videos.", platform=Platform.INSTAGRAM)
            if media.mime_type in CAPABILITIES.video_types and len(media.data) > CAPABILITIES.video_max_bytes:
                raise Rejected("The video is larger than Instagram takes (100 MB).", platform=Platform.INSTAGRAM)
        if self._quota_unknown():
            self._check_quota()
        if len(request.media) == 1:
            container_id = self._container(request.media[0], caption=request.text)
        else:
            # A carousel: a container per item (each must finish), then the carousel container with the caption.
            children = [self._container(media, carousel_item=True) for media in request.media]
            for child in children:
                self._wait_finished(child)
            carousel = self.session.post(
                f"{self.ig_id}/media", media_type="CAROUSEL", children=",".join(children), caption=request.text
            )
            container_id = object_id(carousel, platform=Platform.INSTAGRAM)
        self._wait_finished(container_id)
        try:
            published = self.session.post(f"{self.ig_id}/media_publish", creation_id=container_id)
        except RateLimited:
            self._quota = None  # read it again before the next post
            raise
        media_id = object_id(published, platform=Platform.INSTAGRAM)
        self._count_published()
        try:
            info = self.session.get(media_id, fields="id,permalink,timestamp")
            return PublishResult(media_id, info.get("permalink"), parse_time(info["timestamp"]))
        except (ConnectorError, *UNREADABLE):
            return PublishResult(media_id, None, self.clock.now())

    def _container(self, media: Any, *, caption: str | None = None, carousel_item: bool = False) -> str:
        """A media container for one photo or video (a carousel item carries no caption of its own)."""
        args: dict[str, Any] = {"caption": caption or None, "is_carousel_item": "true" if carousel_item else None}
        if media.mime_type in CAPABILITIES.video_types:
            args["media_type"] = "VIDEO" if carousel_item else "REELS"
            args["video_url"] = self._public_video_url(media)
        else:
            args["image_url"] = self._public_url(media)
            args["alt_text"] = media.alt_text or None
        return object_id(self.session.post(f"{self.ig_id}/media", **args), platform=Platform.INSTAGRAM)

    def _reply(self, target_id: str, text: str) -> PublishResult:
        try:
            answer = self.session.post(f"{target_id}/replies", message=text)
        except Rejected as exc:
            if exc.platform_code != "100":
                raise
            # Not a comment: a comment on one of the account's own media instead.
            answer = self.session.post(f"{target_id}/comments", message=text)
        return PublishResult(object_id(answer, platform=Platform.INSTAGRAM), None, self.clock.now())

    def _public_url(self, media: Any) -> str:
        """Upload to the linked Page unpublished; Instagram fetches the photo from that URL."""
        files = {"source": (media.filename, media.data, media.mime_type)}
        photo = self.session.post(f"{self.page_id}/photos", files=files, published=False)
        info = self.session.get(object_id(photo, platform=Platform.INSTAGRAM), fields="images")
        images = [i for i in info.get("images") or [] if isinstance(i, dict) and i.get("source")]
        if not images:
            raise Rejected("Facebook gave no URL for the uploaded photo; Instagram cannot fetch it.")
        best = max(images, key=lambda i: int(i.get("width") or 0) * int(i.get("height") or 0))
        return str(best["source"])

    def _public_video_url(self, media: Any) -> str:
        """Upload to the linked Page as an unpublished video; Instagram fetches it from its source URL."""
        files = {"source": (media.filename, media.data, media.mime_type)}
        video = self.session.post_video(f"{self.page_id}/videos", files=files, published=False)
        info = self.session.get(object_id(video, platform=Platform.INSTAGRAM), fields="source")
        if not info.get("source"):
            raise Rejected("Facebook gave no URL for the uploaded video; Instagram cannot fetch it.")
        return str(info["source"])

    def _wait_finished(self, container_id: str) -> None:
        for _ in range(POLL_ATTEMPTS):
            status = str(self.session.get(container_id, fields="status_code,status").get("status_code", ""))
            if status in ("FINISHED", "PUBLISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                raise Rejected(
                    f"Instagram could not process the media (container {status.lower()}). Try another photo or video.",
                    platform=Platform.INSTAGRAM,
                )
            self.clock.sleep(POLL_INTERVAL)
        raise Transient("Instagram is still processing the media; nothing was published. Try again later.")

    def _count_published(self) -> None:
        """One post more against the last quota reading (kept current in ``rate_limits()`` too)."""
        self._published_since_quota += 1
        state = self._quota_state
        if state is not None:
            left = max(0, state.remaining - self._published_since_quota)
            self.session.set_limit(RateLimitState(state.endpoint, state.limit, left, state.reset_at))

    def _quota_unknown(self) -> bool:
        """Whether the quota must be read before the next post (see ``QUOTA_FRESH_SECONDS``)."""
        if self._quota is None:
            return True
        read_at, used, total = self._quota
        if (self.clock.now() - read_at).total_seconds() > QUOTA_FRESH_SECONDS:
            return True
        return used + self._published_since_quota >= total - QUOTA_MARGIN

    def _check_quota(self, *, raise_when_full: bool = True) -> None:
        """Read the rolling publishing quota into ``rate_limits()``; refuse early when it is used up."""
        answer = self.session.get(f"{self.ig_id}/content_publishing_limit", fields="quota_usage,config")
        self._quota = None
        self._published_since_quota = 0
        for entry in items_of(answer):
            try:
                usage = int(entry.get("quota_usage") or 0)
                raw_config = entry.get("config")
                config: dict[str, Any] = raw_config if isinstance(raw_config, dict) else {}
                total = int(config.get("quota_total") or 50)
                duration = int(config.get("quota_duration") or 86_400)
            except UNREADABLE:
                continue  # the platform still enforces the quota on publish
            now = self.clock.now()
            state = RateLimitState(
                "instagram:content_publishing", total, max(0, total - usage), now + timedelta(seconds=duration)
            )
            self.session.set_limit(state)
            self._quota = (now, usage, total)
            self._quota_state = state
            if raise_when_full and usage >= total:
                raise RateLimited(
                    f"Instagram allows {total} posts per {duration // 3600} hours and this account has used them.",
                    until=state.reset_at,
                    platform=Platform.INSTAGRAM,
                )

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        """An Instagram direct reply (through the linked Page), inside the messaging window."""
        if len(request.text.encode()) > DM_BYTE_LIMIT:
            raise Rejected(f"Instagram direct messages can be at most {DM_BYTE_LIMIT} bytes.")
        return send_message(self.session, self.page_id, request, human_agent=self.human_agent, clock=self.clock)

    def find_published(self, idempotency_key: str, text: str, since: datetime) -> PublishResult | None:
        """Look for a recent post with this caption (Instagram has no idempotency keys)."""
        page = self.session.get(f"{self.ig_id}/media", fields="id,caption,timestamp,permalink", limit=50)
        for raw in items_of(page):
            try:
                when = parse_time(raw["timestamp"])
                if when >= since and raw.get("caption") == text:
                    return PublishResult(str(raw["id"]), raw.get("permalink"), when)
            except UNREADABLE:
                continue
        return None

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        """Likes and comments of the account's media."""
        out: dict[str, Metrics] = {}
        for batch in chunks(post_ids, 50):
            answer = self.session.request("", args={"ids": ",".join(batch), "fields": "id,like_count,comments_count"})
            for media_id, raw in answer.items():
                if isinstance(raw, dict):
                    out[media_id] = parse_media_metrics(raw)
        return out

    def delete(self, post_id: str) -> None:
        """Delete one of the account's comments; Instagram does not let apps delete posts."""
        try:
            self.session.delete(post_id)
        except Rejected as exc:
            if exc.platform_code == "3":
                raise Rejected(
                    "Instagram does not let apps delete posts. Delete it in the Instagram app.",
                    platform=Platform.INSTAGRAM,
                    platform_code="3",
                ) from exc
            raise

    def hide_reply(self, item_id: str, hidden: bool = True) -> None:
        """Hide (or show again) a comment on the account's media."""
        self.session.post(item_id, hide=hidden)

    def rate_limits(self) -> Sequence[RateLimitState]:
        """Usage headers and the publishing quota, as last reported."""
        return self.session.rate_limits()


def parse_media_metrics(raw: Mapping[str, Any]) -> Metrics:
    """Likes and comments of one media."""
    likes = raw.get("like_count")
    comments = raw.get("comments_count")
    return Metrics(
        likes=likes if isinstance(likes, int) else None,
        replies=comments if isinstance(comments, int) else None,
    )
