"""Counting a text the way each platform counts it (capabilities say which way)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from desk.ports import Capabilities, TextCounting

_URL = regex.compile(r"https?://[^\s<>\"]+", regex.IGNORECASE)
# Mastodon counts a remote mention @user@domain as @user.
_REMOTE_MENTION = regex.compile(r"(?<![\w@])(@[\w.]+)@[\w.-]+\.[a-z]{2,}", regex.IGNORECASE)
_GRAPHEME = regex.compile(r"\X")


@dataclass(frozen=True)
class TextCount:
    """A text's length as a platform counts it, against that platform's limit."""

    length: int
    limit: int
    bytes: int | None = None
    byte_limit: int | None = None

    @property
    def remaining(self) -> int:
        """Characters left (negative when over)."""
        return self.limit - self.length

    @property
    def fits(self) -> bool:
        """Whether the platform accepts the text's length."""
        over_bytes = self.byte_limit is not None and self.bytes is not None and self.bytes > self.byte_limit
        return self.length <= self.limit and not over_bytes


def twitter_weighted_length(text: str) -> int:
    """twitter-text v3: NFC first, most CJK and emoji weigh 2, every URL 23."""
    import twitter_text

    return int(twitter_text.parse_tweet(unicodedata.normalize("NFC", text)).weightedLength)


def grapheme_length(text: str) -> int:
    """User-perceived characters (Bluesky counts these)."""
    return len(_GRAPHEME.findall(text))


def mastodon_length(text: str, url_length: int = 23) -> int:
    """Code points, with each URL counted as ``url_length`` and @user@domain as @user."""
    text = _REMOTE_MENTION.sub(r"\1", text)
    urls = _URL.findall(text)
    stripped = _URL.sub("", text)
    return len(stripped) + url_length * len(urls)


def count(text: str, caps: Capabilities) -> TextCount:
    """Count ``text`` by ``caps.counting`` against ``caps.text_limit`` (and the byte limit where there is one)."""
    if caps.counting is TextCounting.TWITTER_WEIGHTED:
        length = twitter_weighted_length(text)
    elif caps.counting is TextCounting.GRAPHEMES:
        length = grapheme_length(text)
    elif caps.counting is TextCounting.MASTODON:
        length = mastodon_length(text, caps.url_length or 23)
    else:
        length = len(text)
    size = len(text.encode("utf-8")) if caps.byte_limit is not None else None
    return TextCount(length, caps.text_limit, size, caps.byte_limit)


def split_thread(text: str, caps: Capabilities, *, numbered: bool = True) -> list[str]:
    """Split a long text into parts that each fit, at paragraph, sentence or word breaks, numbered "1/3"."""
    if count(text, caps).fits:
        return [text]
    words = regex.split(r"(\s+)", text.strip())
    # Reserve room for the " 10/10" suffix; try growing totals until the numbering fits.
    for reserve in (4, 6, 8):
        parts: list[str] = []
        current = ""
        budget = Capabilities(
            caps.platform,
            caps.text_limit - (reserve if numbered else 0),
            caps.counting,
            url_length=caps.url_length,
            byte_limit=caps.byte_limit,
        )
        for token in words:
            candidate = current + token
            if current and not count(candidate.strip(), budget).fits:
                parts.append(current.strip())
                current = token.lstrip()
            else:
                current = candidate
        if current.strip():
            parts.append(current.strip())
        if any(not count(p, budget).fits for p in parts):
            raise ValueError("a single word is longer than the platform allows")
        if not numbered:
            return parts
        total = len(parts)
        if len(f" {total}/{total}") <= reserve:
            return [f"{p} {i}/{total}" for i, p in enumerate(parts, 1)]
    raise ValueError("the text is too long to number as a thread")
