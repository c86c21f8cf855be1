"""Hits and results: exact spans over odd characters, message codes, fingerprints, waivers."""

from __future__ import annotations

from desk.redaction import AllowList, HitKind, PrivacyGuard, fingerprint_of
from desk.redaction.text import normalise

GUARD = PrivacyGuard(AllowList.shipped())


def test_spans_index_the_original_text_even_after_invisible_and_wide_characters() -> None:
    text = "😀 Soita\u200b ０４０\u00a0１２３\u2009４５６７ tai meilaa a\u00adnna@example.fi 👍"
    result = GUARD.check(text)
    assert [hit.kind for hit in result.hits] == [HitKind.PHONE, HitKind.EMAIL]
    for hit in result.hits:
        assert text[hit.start : hit.end] == hit.text
    assert result.hits[0].text == "０４０\u00a0１２３\u2009４５６７"
    assert result.hits[1].text == "a\u00adnna@example.fi"


def test_normalise_maps_back_to_the_original() -> None:
    norm = normalise("x\u200b٣٤ﬁ")
    assert norm.text == "x34fi"
    assert norm.span(1, 3) == (2, 4)
    assert norm.span(3, 5) == (4, 5)


def test_fingerprints_are_stable_per_value_and_kind() -> None:
    first = GUARD.check("Soita 040 123 4567").hits[0]
    second = GUARD.check("Numero: +358 40 123 4567, kiitos").hits[0]
    assert first.fingerprint == second.fingerprint
    assert first.fingerprint != GUARD.check("Soita 040 123 4568").hits[0].fingerprint
    assert fingerprint_of(HitKind.PHONE, "x") != fingerprint_of(HitKind.EMAIL, "x")


def test_a_result_is_blocked_until_every_blocking_hit_is_waived() -> None:
    result = GUARD.check("Call 07700 900123 or mail a@example.com. Suspect is a black male.")
    assert result.blocked
    assert len(result.blocking_hits) == 2
    assert [hit.kind for hit in result.advisories] == [HitKind.DESCRIPTION_BY_ETHNICITY]
    phone, email = result.blocking_hits
    assert result.blocked_unless({phone.fingerprint})
    assert not result.blocked_unless({phone.fingerprint, email.fingerprint})


def test_messages_carry_codes_parameters_and_english() -> None:
    hit = GUARD.check("Hetu 131052-308T").hits[0]
    assert hit.message_code == "guard.national_id"
    assert hit.params["scheme"] == "fi_hetu"
    assert "henkilötunnus" in hit.default_text
    assert hit.message.code == hit.message_code


def test_a_clean_text_has_no_hits() -> None:
    result = GUARD.check("Call 609 unauthorised use of a catalogue account in Bolton #gmp24")
    assert result.hits == ()
    assert not result.blocked


def test_lang_is_only_a_hint() -> None:
    for lang in (None, "en", "fi", "sv", "xx"):
        assert GUARD.check("ring 070-123 45 67", lang=lang).blocked


def test_hits_and_results_are_hashable_values() -> None:
    first = GUARD.check("Soita 040 123 4567")
    second = GUARD.check("Soita 040 123 4567")
    assert first == second
    assert len({first.hits[0], second.hits[0]}) == 1
    assert hash(first) == hash(second)


def test_long_pathological_input_takes_linear_time() -> None:
    import random
    import time

    rng = random.Random(3)
    soups = [
        " ".join(str(rng.randrange(10)) for _ in range(10_000)),
        " ".join(
            rng.choice(["Hämeenkatu", "12", "A", "5", "lgh", "1102", "Storgatan", "at", "dot"]) for _ in range(4000)
        ),
    ]
    for soup in soups:
        started = time.process_time()
        result = GUARD.check(soup)
        assert time.process_time() - started < 5.0
        for hit in result.hits[:50]:
            assert soup[hit.start : hit.end] == hit.text
