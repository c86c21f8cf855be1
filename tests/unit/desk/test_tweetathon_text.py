"""Safe tweetathon text: place generalisation, templates limited to allowed fields, wording edits, guard holds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from desk.calls.mapping import CallField, LocationStyle, Preset
from desk.calls.records import CallStatus
from desk.errors import PermissionDenied, ValidationFailed
from desk.redaction import PrivacyGuard
from desk.roles import Role
from desk.tweetathon.locations import PlaceList, generalise, generalise_address
from desk.tweetathon.posts import ALLOWED_FIELDS, BuiltPost, HeldCall, PostBuilder, PostFields, check_template, render
from desk.tweetathon.wording import WordingService, seeded_wording

PRESET = Preset(
    name="t",
    columns={CallField.TIME: "time", CallField.TYPE: "type"},
    timezone="America/Los_Angeles",
    district_label="beat",
    town="San Luis Obispo",
    hashtag="#SLOPD24",
)


@pytest.mark.parametrize(
    ("raw", "public"),
    [
        ("2994 HIGUERA S; SHADY LANE MHP;", "2900 block of South Higuera"),
        ("3860 HIGUERA S # D29;", "3800 block of South Higuera"),
        ("127 CASA; ALEX STEINLEITNER MD;", "100 block of Casa"),  # the name after ';' is dropped
        ("34 ZACA;", "Zaca"),  # under 100: the street only
        ("4200 BLK PREFUMO CANYON;", "4200 block of Prefumo Canyon"),
        ("MARSH & SANTA ROSA;", "Marsh and Santa Rosa"),
        ("CP BLDG 113 SIERRA MADRE HALL TWR 3;", "Cp Bldg Sierra Madre Hall Twr"),
        ("HWY 101 NB;", "Hwy 101 Nb"),
        ("", ""),
    ],
)
def test_tweetathon_addresses_lose_their_house_numbers(raw: str, public: str) -> None:
    assert generalise_address(raw).text == public


def test_tweetathon_location_styles() -> None:
    assert generalise_address("On or near Charterhouse Street", ["On or near "]).text == "Charterhouse Street"
    street = PRESET.model_copy(update={"location_style": LocationStyle.STREET})
    assert generalise("2994 HIGUERA S;", "PN9", street) == "South Higuera"
    district = PRESET.model_copy(update={"location_style": LocationStyle.DISTRICT})
    assert generalise("2994 HIGUERA S;", "PN9", district) == "beat PN9"
    town = PRESET.model_copy(update={"location_style": LocationStyle.TOWN})
    assert generalise("2994 HIGUERA S;", "PN9", town) == "San Luis Obispo"


def test_tweetathon_templates_take_only_the_allowed_fields() -> None:
    assert {"number", "wording", "location", "hashtag", "time", "signpost"} == ALLOWED_FIELDS
    for bad in ("{description}", "{call_comments}", "{responsible_officer}", "{units}", "{number.__class__}", "{"):
        with pytest.raises(ValidationFailed):
            check_template(f"Call {bad}")
    with pytest.raises(TypeError):
        PostFields(number=1, description="MALE YELLING")  # type: ignore[call-arg]
    assert render("Call {number}: {wording}, {location}. {hashtag}", PostFields(3, "Theft", "", "#x")) == (
        "Call 3: Theft, . #x"
    )


class _Call:
    def __init__(self, call_type: str, location: str = "2994 HIGUERA S;", district: str = "PN9") -> None:
        self.call_key = "k1"
        self.call_type = call_type
        self.location = location
        self.district = district
        self.received_at = datetime(2026, 1, 5, 18, 30, tzinfo=UTC)
        # What a builder must never read: if it did, these words would show up in the text.
        self.description = "JOHN SMITH YELLING"
        self.responsible_officer = "Marx, C"


def test_tweetathon_builder_uses_wording_place_and_optional_local_time() -> None:
    builder = PostBuilder(PRESET, seeded_wording(), include_time=True)
    post = builder.build(_Call("Theft"), 7)
    assert isinstance(post, BuiltPost)
    assert post.text == "Call 7 at 10:30: Theft, 2900 block of South Higuera. #SLOPD24"
    assert "SMITH" not in post.text.upper() and "MARX" not in post.text.upper()
    fi = PostBuilder(PRESET, seeded_wording(), lang="fi").build(_Call("varkaus", ""), 8)
    assert isinstance(fi, BuiltPost) and fi.text == "Tehtävä 8: Varkaus, beat PN9. #SLOPD24"


def test_tweetathon_unknown_places_fall_back_to_district_or_town() -> None:
    places = PlaceList(["beat PN9"])
    builder = PostBuilder(PRESET, seeded_wording(), places=places)
    assert builder.place(_Call("Theft")) == "beat PN9"
    assert builder.place(_Call("Theft", district="PN1")) == "San Luis Obispo"


def test_tweetathon_unknown_types_go_to_review_never_out() -> None:
    held = PostBuilder(PRESET, seeded_wording()).build(_Call("Zebra crossing incident"), 1)
    assert isinstance(held, HeldCall) and held.status is CallStatus.REVIEW


def test_tweetathon_a_guard_hit_holds_the_call_with_the_reason() -> None:
    wording = {**seeded_wording(), "odd": {"en": "Call us on 0800 555 0199"}}
    held = PostBuilder(PRESET, wording, guard=PrivacyGuard()).build(_Call("Odd"), 1)
    assert isinstance(held, HeldCall) and held.status is CallStatus.HELD
    assert held.reason.startswith("privacy guard: phone")


def _people(ctx: Any) -> dict[str, Any]:
    from desk.auth import AuthService

    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Ada Admin", "correct horse battery")
    press = auth.add_user(admin, "press", "Pat Press", "correct horse battery", {Role.PRESS_OFFICER})
    return {"admin": admin, "press": press}


def test_tweetathon_wording_is_seeded_edited_by_administrators_and_audited(ctx: Any) -> None:
    from sqlalchemy import select

    from desk.storage.models import AuditEntry

    people = _people(ctx)
    service = WordingService(ctx)
    assert service.seed_defaults() > 400 and service.seed_defaults() == 0
    assert service.table()["trbl w/subj"]["en"] == "Disturbance"
    for must in ("415", "susp", "alarm", "traffic stop", "anti-social behaviour", "burglary", "liikenneonnettomuus"):
        assert set(service.table()[must]) == {"en", "fi", "sv"}, must
    with pytest.raises(PermissionDenied):
        service.save(people["press"], "Theft", "en", "Stolen goods")
    with pytest.raises(ValidationFailed):
        service.save(people["admin"], "Theft", "en", "   ")
    record = service.save(people["admin"], " THEFT ", "en", "Theft reported")
    assert (record.call_type, service.table()["theft"]["en"]) == ("theft", "Theft reported")
    assert service.seed_defaults() == 0  # an edit is never overwritten
    with ctx.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "tweetathon.wording_save")).one()
        assert entry.actor == "admin" and "Theft reported" in entry.summary and '"Theft"' in entry.summary


def test_calls_presets_of_the_force_are_stored_and_audited(ctx: Any) -> None:
    from desk.calls.presets import PresetService

    people = _people(ctx)
    service = PresetService(ctx)
    assert {"san-luis-obispo", "city-of-london-street"} <= set(service.all())
    own = Preset(name="our-cad", columns={CallField.TIME: "When", CallField.TYPE: "What"}, timezone="Europe/Helsinki")
    with pytest.raises(PermissionDenied):
        service.save(people["press"], own)
    service.save(people["admin"], own)
    assert service.get("our-cad") == own
    with pytest.raises(ValidationFailed, match="our-cad"):
        service.get("nope")


def test_tweetathon_stored_calls_are_numbered_by_time_and_guard_holds_are_kept(ctx: Any) -> None:
    from sqlalchemy import select

    from desk.calls.store import CallStore
    from desk.storage.tweetathon_models import Call
    from desk.tweetathon.service import TweetathonPosts

    people = _people(ctx)
    wording = WordingService(ctx)
    wording.seed_defaults()
    wording.save(people["admin"], "Odd", "en", "Ring 0800 555 0199")  # wording that the guard must stop
    preset = PRESET.model_copy(
        update={"columns": {CallField.CALL_ID: "id", CallField.TIME: "time", CallField.TYPE: "type"}}
    )
    text = "id,time,type\nb,2026-01-05 10:05,Odd\na,2026-01-05 10:00,Theft\nc,2026-01-05 10:10,Mystery\n"
    CallStore(ctx).import_text(text, preset)
    built = TweetathonPosts(ctx).build("t", preset)
    assert isinstance(built[0], BuiltPost) and built[0].text.startswith("Call 1: Theft")
    assert isinstance(built[1], HeldCall) and built[1].status is CallStatus.HELD
    assert isinstance(built[2], HeldCall) and built[2].status is CallStatus.REVIEW
    with ctx.sessions() as session:
        call = session.scalars(select(Call).where(Call.call_key == "b")).one()
        assert call.status == "held" and call.hold_reason is not None and "phone" in call.hold_reason
