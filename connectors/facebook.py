"""Facebook Pages and Messenger over facebook-sdk: comments on the Page's posts, Messenger conversations,
posting (text, photos with alt text, replies to comments), private replies inside the 24-hour window,
hiding comments, engagement figures and deletion.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.graph_common import (
    UNREADABLE,
    WATCH_WINDOW,
    Collected,
    GraphSession,
    InboundCursor,
    InboundPager,
    Watched,
    chunks,
    decode_page_cursor,
    encode_page_cursor,
    items_of,
    object_id,
    parse_time,
    quarantine,
    summary_count,
    text_digest,
    watch_of,
)
from connectors.transport import HttpSettings
from desk.clock import Clock
from desk.ports import (
    AccountProfile,
    AccountRef,
    Attachment,
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
    RateLimitState,
    Rejected,
    Stream,
    TextCounting,
    Unconfirmed,
)

CAPABILITIES = Capabilities(
    platform=Platform.FACEBOOK,
    text_limit=63_206,
    counting=TextCounting.CODE_POINTS,
    max_images=10,
    max_videos=1,
    video_max_bytes=1024 * 1024 * 1024,  # the non-resumable upload the desk uses; longer needs resumable
    image_max_bytes=10 * 1024 * 1024,
    alt_text_limit=1000,
    threads=False,
    direct_messages=True,
    hide_replies=True,
    dm_window_hours=24,
)

MESSENGER_TEXT_LIMIT = 2_000
GONE_CODES = frozenset({"100", "100/33"})  # the object does not exist (any more)
LOOKBACK = timedelta(days=30)  # how far back a sync looks for the Page's posts that may get new comments
MAX_POSTS = 100
CONVERSATIONS_INTERVAL = 0.55  # the conversations API allows 2 calls per second per Page
COMMENT_FIELDS = "id,message,created_time,from,parent{id},attachment,permalink_url,is_hidden"
MESSAGE_FIELDS = "id,created_time,from,to,message,attachments"
FEED_FIELDS = (
    "id,message,created_time,permalink_url,comments.summary(true).limit(0),reactions.summary(true).limit(0),shares"
)


class FacebookConnector:
    """One Facebook Page (with its Messenger inbox)."""

    capabilities = CAPABILITIES

    def __init__(
        self, account: AccountRef, credentials: Mapping[str, str], *, clock: Clock, http: HttpSettings
    ) -> None:
        self.account = account
        self.clock = clock
        self.page_id = credentials.get("page_id") or account.platform_account_id or ""
        if not self.page_id:
            raise Rejected("The Page id is missing from the account settings; reconnect the Page.")
        self.human_agent = credentials.get("human_agent", "").lower() in ("1", "true", "yes")
        self.session = GraphSession(account, credentials, clock=clock, http=http, platform=Platform.FACEBOOK)
        self._pager = InboundPager()

    # --- account ----------------------------------------------------------------------------------

    def verify(self) -> AccountProfile:
        """Read the Page the token belongs to."""
        page = self.session.get(self.page_id, fields="id,name,username,link")
        page_id = str(page.get("id") or self.page_id)
        return AccountProfile(
            platform_account_id=page_id,
            handle=str(page.get("username") or page_id),
            display_name=str(page.get("name") or ""),
            url=str(page.get("link") or f"https://www.facebook.com/{page_id}"),
        )

    # --- inbound --------------------------------------------------------------------------------

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        """Comments on the Page's posts (COMMENTS) or Messenger messages (DIRECT), oldest first."""
        if stream == Stream.COMMENTS:
            return self._pager.fetch(stream, cursor, limit, self._walk_comments)
        if stream == Stream.DIRECT:
            return self._pager.fetch(stream, cursor, limit, self._walk_messages)
        # Mentions of a Page reach it as comments: there is no separate stream to read.
        return FetchResult((), cursor, False)

    def _walk_comments(self, start: InboundCursor) -> Collected:
        """New comments on recent posts, and what became of the comments handed out before.

        Graph comments carry no edit time and a removed comment simply stops being listed, so the posts
        holding watched comments are read again from the oldest watched one: a changed text is reported
        as an edit (same id, new text) and a watched comment no longer listed as removed. With no watch
        remembered (after a restart) the recent comments are handed out again for the desk to compare."""
        found = Collected()
        cold = start.time is not None and start.watch is None
        watch = start.watch or ()
        horizon = (start.time or self.clock.now()) - LOOKBACK
        recent = start.time - WATCH_WINDOW if (cold and start.time is not None) else start.time
        posts: list[str] = []
        for page in self.session.paged(f"{self.page_id}/feed", fields="id,created_time,updated_time", limit=50):
            stop = False
            for raw in items_of(page):
                try:
                    post_id = str(raw["id"])
                    created = parse_time(raw["created_time"])
                    updated = parse_time(raw.get("updated_time") or raw["created_time"])
                except UNREADABLE as exc:
                    # without a date or an id the post cannot be searched for comments: keep it for a person
                    found.quarantined.append(quarantine(Stream.COMMENTS, f"unreadable post: {exc!r}", raw))
                    continue
                if created < horizon or len(posts) >= MAX_POSTS:
                    stop = True
                    break
                if recent is None or updated >= recent:
                    posts.append(post_id)
            if stop:
                break
        watched: dict[str, dict[str, Watched]] = {}
        for w in watch:
            watched.setdefault(w.thread_id, {})[w.item_id] = w
        posts += [p for p in watched if p not in posts]
        since = int(recent.timestamp()) if recent is not None else None
        if watch:
            since = min([since or watch[0].created, *(w.created for w in watch)])
        kept: list[Watched] = []
        for post_id in posts:
            listed: set[str] = set()
            mine = watched.get(post_id, {})
            try:
                for page in self.session.paged(
                    f"{post_id}/comments",
                    fields=COMMENT_FIELDS,
                    filter="stream",
                    order="chronological",
                    since=since,
                    limit=100,
                ):
                    for raw in items_of(page):
                        try:
                            record = self.parse_comment(raw, post_id)
                        except UNREADABLE as exc:
                            found.quarantined.append(quarantine(Stream.COMMENTS, f"unreadable comment: {exc!r}", raw))
                            if isinstance(raw, Mapping) and raw.get("id") is not None:
                                listed.add(str(raw["id"]))  # unreadable is not removed
                            continue
                        listed.add(record.platform_item_id)
                        earlier = mine.get(record.platform_item_id)
                        if earlier is not None:
                            if text_digest(record.text) != earlier.digest:
                                found.changes.append(record)
                                kept.append(watch_of(record))
                            else:
                                kept.append(earlier)
                        elif cold and not start.is_new(record):
                            found.changes.append(record)  # handed out before the restart: the desk compares
                            kept.append(watch_of(record))
                        else:
                            found.records.append(record)
            except Rejected as exc:
                # The post itself is gone (Graph's 100 "does not exist"): so is every comment under it.
                if not mine or exc.platform_code not in GONE_CODES:
                    raise
            for item_id, w in mine.items():
                if item_id not in listed:
                    found.changes.append(self._removed(w))
        found.watch = kept
        return found

    def _removed(self, w: Watched) -> InboundRecord:
        """A watched comment that is no longer there: a deletion record (the desk keeps the text it has)."""
        return InboundRecord(
            platform=Platform.FACEBOOK,
            platform_item_id=w.item_id,
            kind=ItemKind.COMMENT,
            conversation_key=w.thread_id,
            author_id=w.author_id,
            author_handle=w.author_id,
            author_name="",
            text="",
            created_at=datetime.fromtimestamp(w.created, tz=UTC),
            deleted=True,
        )

    def parse_comment(self, raw: Mapping[str, Any], post_id: str) -> InboundRecord:
        """A Graph comment as an inbound record; ``post_id`` is the thread's root."""
        author = raw.get("from") or {}
        parent = raw.get("parent") or {}
        attachments: tuple[Attachment, ...] = ()
        att = raw.get("attachment")
        if isinstance(att, dict):
            image = (att.get("media") or {}).get("image") or {}
            url = image.get("src") or att.get("url")
            if url:
                attachments = (
                    Attachment(url=str(url), mime_type="image/jpeg" if att.get("type") == "photo" else None),
                )
        author_id = str(author.get("id") or "")
        return InboundRecord(
            platform=Platform.FACEBOOK,
            platform_item_id=str(raw["id"]),
            kind=ItemKind.REPLY if parent.get("id") else ItemKind.COMMENT,
            conversation_key=post_id,
            author_id=author_id,
            author_handle=author_id,
            author_name=str(author.get("name") or ""),
            text=str(raw.get("message") or ""),
            created_at=parse_time(raw["created_time"]),
            in_reply_to_id=str(parent.get("id") or post_id),
            url=str(raw["permalink_url"]) if raw.get("permalink_url") else None,
            attachments=attachments,
            from_account=author_id == self.page_id,
            raw=dict(raw),
        )

    def _walk_messages(self, start: InboundCursor) -> Collected:
        return walk_conversations(self.session, self.clock, start, self.page_id, "messenger", Platform.FACEBOOK)

    # --- feeds ------------------------------------------------------------------------------------

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        """The Page's own posts; Pages have no home timeline or search through the Graph API."""
        if column.kind != FeedKind.OWN_POSTS:
            raise Rejected("Facebook Pages offer only their own posts as a feed column.", platform=Platform.FACEBOOK)
        args: dict[str, Any] = {"fields": FEED_FIELDS, "limit": min(limit, 100), **decode_page_cursor(cursor)}
        page = self.session.get(f"{self.page_id}/posts", **args)
        posts = []
        for raw in items_of(page):
            try:
                posts.append(self.parse_post(raw))
            except UNREADABLE:
                continue  # a feed column skips what it cannot show; inbound sync is where nothing is lost
        return FeedPage(tuple(posts), encode_page_cursor(page))

    def parse_post(self, raw: Mapping[str, Any]) -> FeedPost:
        """A Page post as a feed item."""
        shares = raw.get("shares")
        return FeedPost(
            platform=Platform.FACEBOOK,
            post_id=str(raw["id"]),
            author_handle=self.account.handle,
            author_name=self.account.display_name or self.account.handle,
            text=str(raw.get("message") or ""),
            created_at=parse_time(raw["created_time"]),
            url=raw.get("permalink_url"),
            metrics=Metrics(
                likes=summary_count(raw.get("reactions")),
                replies=summary_count(raw.get("comments")),
                reposts=int(shares.get("count", 0)) if isinstance(shares, dict) else 0,
            ),
            conversation_key=str(raw["id"]),
        )

    # --- outbound ---------------------------------------------------------------------------------

    def publish(self, request: PublishRequest) -> PublishResult:
        """A Page post (text, photos with alt text) or a reply to a comment or post."""
        if len(request.text) > CAPABILITIES.text_limit:
            raise Rejected(f"The text is longer than Facebook's {CAPABILITIES.text_limit} characters.")
        videos = [m for m in request.media if m.mime_type in CAPABILITIES.video_types]
        if any(not m.mime_type.startswith("image/") for m in request.media if m not in videos):
            raise Rejected("Facebook posts from the desk carry photos or one MP4 video.", platform=Platform.FACEBOOK)
        if videos:
            if len(request.media) > 1:
                raise Rejected("A Facebook video post carries the video alone: remove the other media.")
            if request.reply_to_id:
                raise Rejected("Replies to comments can carry a photo, not a video.", platform=Platform.FACEBOOK)
            if len(videos[0].data) > CAPABILITIES.video_max_bytes:
                raise Rejected("The video is larger than the desk uploads to Facebook (1 GB).")
            return self._publish_video(request.text, videos[0])
        if len(request.media) > CAPABILITIES.max_images:
            raise Rejected(f"Facebook posts can carry at most {CAPABILITIES.max_images} photos.")
        if request.reply_to_id:
            data: dict[str, Any] = {"message": request.text}
            if request.media:
                photo = self._upload_photo(request.media[0], published=False)
                data["attachment_id"] = object_id(photo, platform=Platform.FACEBOOK)
            answer = self.session.post(f"{request.reply_to_id}/comments", **data)
            return self._result(object_id(answer, platform=Platform.FACEBOOK), fields="id,created_time,permalink_url")
        if len(request.media) == 1:
            answer = self._upload_photo(request.media[0], published=True, caption=request.text)
            post_id = object_id(answer, "post_id" if answer.get("post_id") else "id", platform=Platform.FACEBOOK)
            return self._result(post_id)
        data = {"message": request.text}
        for i, media in enumerate(request.media):
            photo = self._upload_photo(media, published=False)
            data[f"attached_media[{i}]"] = json.dumps({"media_fbid": object_id(photo, platform=Platform.FACEBOOK)})
        answer = self.session.post(f"{self.page_id}/feed", **data)
        return self._result(object_id(answer, platform=Platform.FACEBOOK))

    def _publish_video(self, text: str, media: Any) -> PublishResult:
        """A published Page video (one non-resumable upload); the description is the post's text."""
        files = {"source": (media.filename, media.data, media.mime_type)}
        answer = self.session.post_video(f"{self.page_id}/videos", files=files, description=text or None)
        result = self._result(object_id(answer, platform=Platform.FACEBOOK))
        if result.url and result.url.startswith("/"):
            # Graph gives video permalinks relative to facebook.com.
            result = PublishResult(
                result.platform_post_id, f"https://www.facebook.com{result.url}", result.published_at
            )
        return result

    def _upload_photo(self, media: Any, *, published: bool, caption: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"published": published, "alt_text_custom": media.alt_text or None}
        if caption:
            data["caption"] = caption
        files = {"source": (media.filename, media.data, media.mime_type)}
        return self.session.post(f"{self.page_id}/photos", files=files, **data)

    def _result(self, object_id: str, fields: str = "id,created_time,permalink_url") -> PublishResult:
        # The object exists now: a failure to read its details must not turn a success into an error.
        try:
            info = self.session.get(object_id, fields=fields)
            when = parse_time(info["created_time"])
            url = info.get("permalink_url")
        except (ConnectorError, *UNREADABLE):
            when, url = self.clock.now(), None
        return PublishResult(object_id, str(url) if url else f"https://www.facebook.com/{object_id}", when)

    def send_direct_message(self, request: DirectMessageRequest) -> PublishResult:
        """A Messenger reply; refused with a clear message when the 24-hour window has closed."""
        if len(request.text) > MESSENGER_TEXT_LIMIT:
            raise Rejected(f"Messenger messages can be at most {MESSENGER_TEXT_LIMIT} characters.")
        return send_message(self.session, self.page_id, request, human_agent=self.human_agent, clock=self.clock)

    def find_published(self, idempotency_key: str, text: str, since: datetime) -> PublishResult | None:
        """Look for a post with this text since ``since`` (Graph has no idempotency keys)."""
        page = self.session.get(
            f"{self.page_id}/posts",
            fields="id,message,created_time,permalink_url",
            since=int(since.timestamp()),
            limit=100,
        )
        for raw in items_of(page):
            try:
                if raw.get("message") == text:
                    return PublishResult(str(raw["id"]), raw.get("permalink_url"), parse_time(raw["created_time"]))
            except UNREADABLE:
                continue
        return None

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        """Reactions, comments and shares of the Page's posts."""
        out: dict[str, Metrics] = {}
        for batch in chunks(post_ids, 50):
            answer = self.session.request(
                "",
                args={
                    "ids": ",".join(batch),
                    "fields": "id,comments.summary(true).limit(0),reactions.summary(true).limit(0),shares,"
                    "insights.metric(post_impressions)",
                },
            )
            for post_id, raw in answer.items():
                if isinstance(raw, dict):
                    out[post_id] = parse_metrics(raw)
        return out

    def delete(self, post_id: str) -> None:
        """Delete a post or comment of the Page."""
        self.session.delete(post_id)

    def hide_reply(self, item_id: str, hidden: bool = True) -> None:
        """Hide (or show again) a citizen's comment."""
        self.session.post(item_id, is_hidden=hidden)

    def rate_limits(self) -> Sequence[RateLimitState]:
        """Usage as the latest X-App-Usage / X-Business-Use-Case-Usage headers reported it."""
        return self.session.rate_limits()


def parse_metrics(raw: Mapping[str, Any]) -> Metrics:
    """Engagement figures from a post with summaries (and insights when granted)."""
    shares = raw.get("shares")
    impressions: int | None = None
    insights = raw.get("insights")
    if isinstance(insights, dict):
        for metric in insights.get("data") or []:
            if isinstance(metric, dict) and metric.get("name") == "post_impressions":
                values = metric.get("values") or [{}]
                value = values[-1].get("value") if isinstance(values[-1], dict) else None
                impressions = value if isinstance(value, int) else None
    return Metrics(
        likes=summary_count(raw.get("reactions")),
        replies=summary_count(raw.get("comments")),
        reposts=int(shares.get("count", 0)) if isinstance(shares, dict) else 0,
        impressions=impressions,
    )


def walk_conversations(
    session: GraphSession,
    clock: Clock,
    start: InboundCursor,
    owner_id: str,
    platform: str,
    kind: Platform,
    self_id: str | None = None,
) -> Collected:
    """Messages newer than ``start`` in a Page's Messenger (or Instagram) conversations.

    ``self_id`` is the id the account's own messages come from (the Instagram account's, for Instagram)."""
    self_id = self_id or owner_id
    found = Collected()
    stream = Stream.DIRECT
    fields = f"id,updated_time,messages.limit(50){{{MESSAGE_FIELDS}}}"
    pace = ("conversations", CONVERSATIONS_INTERVAL)
    for page in session.paged(f"{owner_id}/conversations", pace=pace, platform=platform, fields=fields, limit=100):
        stop = False
        for conv in items_of(page):
            try:
                conv_id = str(conv["id"])
                updated = parse_time(conv["updated_time"])
            except UNREADABLE as exc:
                found.quarantined.append(quarantine(stream, f"unreadable conversation: {exc!r}", conv))
                continue
            if start.time is not None and updated < start.time:
                stop = True
                break
            messages = conv.get("messages") if isinstance(conv.get("messages"), dict) else {}
            batch = items_of(messages)
            older_reached = _collect_messages(batch, conv_id, self_id, start, kind, found)
            paging = messages.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not older_reached and after and len(batch) >= 50:
                for more in session.paged(f"{conv_id}/messages", fields=MESSAGE_FIELDS, limit=100, after=after):
                    if _collect_messages(items_of(more), conv_id, self_id, start, kind, found):
                        break
        if stop:
            break
    found.records.reverse()  # the walk went newest first
    return found


def _collect_messages(
    batch: list[Any], conv_id: str, owner_id: str, start: InboundCursor, kind: Platform, found: Collected
) -> bool:
    """Parse a newest-first batch; True once a message older than the cursor was seen."""
    older = False
    for raw in batch:
        try:
            record = parse_message(raw, conv_id, owner_id, kind)
        except UNREADABLE as exc:
            found.quarantined.append(quarantine(Stream.DIRECT, f"unreadable message: {exc!r}", raw))
            continue
        if start.time is not None and record.created_at < start.time:
            older = True
            continue
        found.records.append(record)
    return older


def parse_message(raw: Mapping[str, Any], conv_id: str, owner_id: str, platform: Platform) -> InboundRecord:
    """A Messenger or Instagram direct message as an inbound record."""
    sender = raw.get("from") or {}
    sender_id = str(sender["id"])
    attachments = []
    atts = raw.get("attachments")
    for att in (atts.get("data") or []) if isinstance(atts, dict) else []:
        if not isinstance(att, dict):
            continue
        data = att.get("image_data") or att.get("video_data") or {}
        url = data.get("url") or att.get("file_url")
        if url:
            attachments.append(Attachment(url=str(url), mime_type=att.get("mime_type")))
    handle = str(sender.get("username") or sender.get("name") or sender_id)
    return InboundRecord(
        platform=platform,
        platform_item_id=str(raw["id"]),
        kind=ItemKind.DIRECT,
        conversation_key=conv_id,
        author_id=sender_id,
        author_handle=handle,
        author_name=str(sender.get("name") or sender.get("username") or ""),
        text=str(raw.get("message") or ""),
        created_at=parse_time(raw["created_time"]),
        attachments=tuple(attachments),
        from_account=sender_id == owner_id,
        raw=dict(raw),
    )


def send_message(
    session: GraphSession, page_id: str, request: DirectMessageRequest, *, human_agent: bool, clock: Clock
) -> PublishResult:
    """Send through ``POST /{page}/messages``; retry once with the human-agent tag when allowed."""
    data: dict[str, Any] = {
        "recipient": {"id": request.recipient_id},
        "message": {"text": request.text},
        "messaging_type": "RESPONSE",
    }
    try:
        answer = session.post(f"{page_id}/messages", **data)
    except Rejected as exc:
        if not (human_agent and exc.platform_code == "10/2018278"):
            raise
        answer = session.post(f"{page_id}/messages", **{**data, "messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"})
    message_id = answer.get("message_id")
    if not message_id:
        raise Unconfirmed("The platform answered without a message id: check the conversation before re-sending.")
    return PublishResult(str(message_id), None, clock.now(), {"recipient_id": str(answer.get("recipient_id", ""))})
