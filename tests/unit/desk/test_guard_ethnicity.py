"""Descriptions of a person by race or ethnicity alone: flagged, never blocked."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard

GUARD = PrivacyGuard(AllowList.shipped())


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Police are looking for a black male in connection with the robbery.", "black male"),
        ("Saw an Asian guy hanging around the cars", "Asian guy"),
        ("The suspect is described as a white man.", "white man"),
        ("Two Middle Eastern men were seen", "Middle Eastern men"),
        ("Suspect IC3 seen running", "IC3"),
        ("Epäilty on tummaihoinen mies.", "tummaihoinen mies"),
        ("Pihalla pyöri ulkomaalaisen näköinen mies", "ulkomaalaisen näköinen"),
        ("Gärningsmannen beskrivs som en mörkhyad man.", "mörkhyad man"),
        ("Mannen beskrivs som ljushyad.", "ljushyad"),
        ("Två män med utländskt utseende sågs vid bilen.", "utländskt utseende"),
    ],
)
def test_descriptions_by_ethnicity_alone_are_flagged(text: str, word: str) -> None:
    result = GUARD.check(text)
    flagged = [hit for hit in result.hits if hit.kind is HitKind.DESCRIPTION_BY_ETHNICITY]
    assert [hit.text for hit in flagged] == [word]
    assert not flagged[0].blocking
    assert not result.blocked
    assert flagged[0].message_code == "guard.description_by_ethnicity"


@pytest.mark.parametrize(
    "text",
    [
        "The suspect is described as a white man, about 6ft tall, slim build, with short brown hair, wearing a "
        "black North Face jacket.",
        "Epäilty on noin 180 cm pitkä, hoikka, tummaihoinen mies, päällään musta huppari.",
        "Mannen beskrivs som ljushyad, cirka 185 cm lång, kraftig, med skägg.",
        "Stolen: a white Transit van and a black BMW X5.",
        "Our Black, Asian and minority ethnic staff network visited the mosque.",
        "Suspect wore a black jacket and white trainers.",
        "Musta auto ajoi pois.",
        "En vit bil körde från platsen.",
    ],
)
def test_detailed_descriptions_and_objects_are_not_flagged(text: str) -> None:
    assert not any(hit.kind is HitKind.DESCRIPTION_BY_ETHNICITY for hit in GUARD.check(text).hits)
