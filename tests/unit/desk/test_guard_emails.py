"""E-mail addresses, literal and written out, in English, Finnish and Swedish."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard

GUARD = PrivacyGuard(AllowList.shipped())


def emails(text: str, guard: PrivacyGuard = GUARD) -> list[str]:
    return [hit.text for hit in guard.check(text).hits if hit.kind is HitKind.EMAIL]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail john.smith@example.com now", "john.smith@example.com"),
        ("mail JOHN+tips@Example.co.uk.", "JOHN+tips@Example.co.uk"),
        ("meili matti.meikäläinen@esimerkki.fi", "matti.meikäläinen@esimerkki.fi"),
        ("his email is jsmith at gmail dot com", "jsmith at gmail dot com"),
        ("jsmith at gmail.com", "jsmith at gmail.com"),
        ("dave (at) mailbox (dot) org", "dave (at) mailbox (dot) org"),
        ("dave(at)mailbox(dot)org", "dave(at)mailbox(dot)org"),
        ("dave [at] mailbox [dot] org", "dave [at] mailbox [dot] org"),
        ("dave {at} mailbox {dot} org", "dave {at} mailbox {dot} org"),
        ("liisa [at] poliisi [piste] fi", "liisa [at] poliisi [piste] fi"),
        ("matti.virtanen (at) gmail (piste) com", "matti.virtanen (at) gmail (piste) com"),
        ("erik punkt larsson snabel-a hotmail punkt com", "erik punkt larsson snabel-a hotmail punkt com"),
        ("anna [ät] example [punkt] se", "anna [ät] example [punkt] se"),
        ("anna ＠ example．se", "anna ＠ example．se"),
        ("anna＠example．se", "anna＠example．se"),
        ("kalle at hotmail.se", "kalle at hotmail.se"),
        ("jsmith (at) example.com", "jsmith (at) example.com"),
        ("jsmith at example dot com", "jsmith at example dot com"),
    ],
)
def test_emails_hit(text: str, expected: str) -> None:
    assert emails(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Follow @GMPolice and @poliisi_hki",
        "Officers at the scene at 14:35",
        "Seen at Piccadilly Gardens dot-matrix sign",
        "meet at home at six",
        "Tips welcome, just DM us",
        "Report non-emergency incidents at slocity.org/police or call 101.",
        "More information at poliisi.fi and at www.gmp.police.uk",
        "Lisätietoa osoitteessa poliisi.fi",
    ],
)
def test_no_email_here(text: str) -> None:
    assert emails(text) == []


def test_allow_listed_addresses_pass_in_any_case() -> None:
    guard = PrivacyGuard(AllowList.shipped().with_entries([{"kind": "email", "value": "Vihjeet@Poliisi.fi"}]))
    assert emails("vihjeet@poliisi.fi ja VIHJEET@POLIISI.FI", guard) == []
    assert emails("vihjeet (at) poliisi (piste) fi", guard) == []
    assert emails("toinen@poliisi.fi", guard) == ["toinen@poliisi.fi"]
