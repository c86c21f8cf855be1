"""Building a tweetathon post from a call's structured fields, through templates only.

The renderer receives a :class:`PostFields` and nothing else: a running number, the public wording, the
generalised place, the hashtag and an optional time. No path leads from a call's notes, names, officers
or units into a post, because the call records carry none of them and the renderer accepts no other field.
The privacy guard then checks every post as a second line; a hit holds the call with the reason.
"""

from __future__ import annotations

import enum
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from desk.calls.mapping import Category, Preset, type_key
from desk.calls.records import CallStatus, Classifier
from desk.errors import ValidationFailed
from desk.redaction import PrivacyGuard
from desk.resources import resource_path
from desk.tweetathon.locations import PlaceList, district_text, generalise, place_is_known
from desk.tweetathon.wording import LANGUAGES, WordingTable

TEMPLATE_NAMES = ("call", "call_time", "call_no_location", "call_no_location_time", "sensitive")


@dataclass(frozen=True, slots=True)
class PostFields:
    """Everything a template may use. Adding a field here is the only way to widen what a post can say."""

    number: int
    wording: str = ""
    location: str = ""
    hashtag: str = ""
    time: str = ""
    signpost: str = ""


ALLOWED_FIELDS = frozenset(f.name for f in fields(PostFields))


class SensitivePolicy(enum.StrEnum):
    """What happens to a call of a sensitive category."""

    HOLD = "hold"  # a person decides
    SIGNPOST = "signpost"  # a generic line with a help-line signpost, no type and no place


def check_template(template: str) -> None:
    """Refuse a template that uses anything but the allowed fields (or has unpaired braces)."""
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ValidationFailed(
            "tweetathon.template_braces", "The template's braces do not pair up: {detail}", detail=str(exc)
        ) from exc
    for name in names:
        if name not in ALLOWED_FIELDS:
            raise ValidationFailed(
                "tweetathon.template_field",
                "Unknown template field {{{field}}}; allowed: {allowed}.",
                field=name,
                allowed=", ".join(sorted(ALLOWED_FIELDS)),
            )


def render(template: str, post: PostFields) -> str:
    """Fill a template from the allowed fields only, tidying the space left by empty ones."""
    check_template(template)
    values = {name: str(getattr(post, name)) for name in ALLOWED_FIELDS}
    return " ".join(template.format_map(values).split())


@lru_cache(maxsize=1)
def shipped_templates() -> dict[str, dict[str, str]]:
    """The shipped templates: language -> name -> template."""
    doc: dict[str, Any] = json.loads(resource_path("tweetathon", "templates.json").read_text(encoding="utf-8"))
    table = {str(lang): {str(k): str(v) for k, v in names.items()} for lang, names in doc.items()}
    for names in table.values():
        for template in names.values():
            check_template(template)
    return table


@lru_cache(maxsize=1)
def shipped_signposts() -> dict[str, dict[str, str]]:
    """The shipped help-line signposts: language -> category -> line."""
    doc: dict[str, Any] = json.loads(resource_path("tweetathon", "signposts.json").read_text(encoding="utf-8"))
    return {str(lang): {str(k): str(v) for k, v in lines.items()} for lang, lines in doc.items()}


class CallFacts(Protocol):
    """What the builder reads from a call: structured fields only."""

    @property
    def call_key(self) -> str: ...
    @property
    def call_type(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def district(self) -> str: ...
    @property
    def received_at(self) -> datetime: ...


@dataclass(frozen=True)
class BuiltPost:
    """A post ready for the queue."""

    call_key: str
    number: int
    lang: str
    text: str
    signposted: bool = False


@dataclass(frozen=True)
class HeldCall:
    """A call that is not posted, and why."""

    call_key: str
    status: CallStatus
    reason: str
    category: Category | None = None


class PostBuilder:
    """Turns calls into posts for one preset, language and policy."""

    def __init__(
        self,
        preset: Preset,
        wording: WordingTable,
        *,
        lang: str = "en",
        policy: SensitivePolicy = SensitivePolicy.HOLD,
        places: PlaceList | None = None,
        include_time: bool = False,
        templates: Mapping[str, Mapping[str, str]] | None = None,
        signposts: Mapping[str, Mapping[str, str]] | None = None,
        guard: PrivacyGuard | None = None,
    ) -> None:
        if lang not in LANGUAGES:
            raise ValidationFailed("tweetathon.lang", "Language must be one of {langs}.", langs=", ".join(LANGUAGES))
        self.preset = preset
        self.wording = wording
        self.lang = lang
        self.policy = policy
        self.places = places
        self.include_time = include_time
        self.templates = (templates or shipped_templates())[lang]
        for template in self.templates.values():
            check_template(template)
        self.signposts = (signposts or shipped_signposts()).get(lang, {})
        self.guard = guard or PrivacyGuard()
        self.classifier = Classifier(preset, wording.keys())
        self.zone: ZoneInfo = preset.zone()

    def place(self, call: CallFacts) -> str:
        """The public place of a call, coarsened to the district or town when the place is not known."""
        place = generalise(call.location, call.district, self.preset)
        if place and place_is_known(place, self.places):
            return place
        district = district_text(call.district, self.preset)
        if district and place_is_known(district, self.places):
            return district
        return self.preset.town

    def build(self, call: CallFacts, number: int) -> BuiltPost | HeldCall:
        """The post for one call, or why it is held."""
        status, category = self.classifier.classify(call.call_type)
        if status is CallStatus.EXCLUDED:
            return HeldCall(call.call_key, status, "excluded type")
        if status is CallStatus.SENSITIVE:
            if self.policy is SensitivePolicy.HOLD or category is None:
                return HeldCall(call.call_key, status, f"sensitive: {category}", category)
            post = PostFields(
                number=number, hashtag=self.preset.hashtag, signpost=self.signposts.get(category.value, "")
            )
            return self._checked(call, post, self.templates["sensitive"], signposted=True)
        if status is CallStatus.REVIEW:
            return HeldCall(call.call_key, status, "no public wording for this call type")
        text = self.wording[type_key(call.call_type)].get(self.lang)
        if not text:
            return HeldCall(call.call_key, CallStatus.REVIEW, f"no public wording in {self.lang}")
        location = self.place(call)
        when = call.received_at.astimezone(self.zone).strftime("%H:%M") if self.include_time else ""
        name = "call" if location else "call_no_location"
        if self.include_time:
            name += "_time"
        post = PostFields(number=number, wording=text, location=location, hashtag=self.preset.hashtag, time=when)
        return self._checked(call, post, self.templates[name])

    def _checked(
        self, call: CallFacts, post: PostFields, template: str, *, signposted: bool = False
    ) -> BuiltPost | HeldCall:
        text = render(template, post)
        result = self.guard.check(text, lang=self.lang)
        if result.hits:
            reasons = "; ".join(f"{hit.kind.value} {hit.text!r}" for hit in result.hits)
            return HeldCall(call.call_key, CallStatus.HELD, f"privacy guard: {reasons}")
        return BuiltPost(call.call_key, post.number, self.lang, text, signposted)
