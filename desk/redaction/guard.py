"""The privacy guard: every outbound text (post, reply, tweetathon post) is checked here before sending."""

from __future__ import annotations

from desk.redaction.addresses import find_addresses
from desk.redaction.allowlist import AllowList
from desk.redaction.dates import find_dates, find_dates_of_birth, find_times
from desk.redaction.emails import find_emails
from desk.redaction.ethnicity import find_descriptions_by_ethnicity
from desk.redaction.identity import find_identity_numbers
from desk.redaction.model import GuardResult, Hit, HitKind, make_hit
from desk.redaction.phones import e164_readings, find_phones
from desk.redaction.plates import find_plates
from desk.redaction.text import mask, normalise

_REGIONS = ("FI", "SE", "GB", "US")
_LANG_REGION = {"fi": "FI", "sv": "SE", "en": "GB"}


class PrivacyGuard:
    """Finds what would identify a person in a text: phone numbers, e-mail addresses, identity numbers,
    street addresses, vehicle plates and dates of birth (blocking), and descriptions by ethnicity alone
    (asking for more detail). What the allow-list holds passes."""

    def __init__(self, allow_list: AllowList | None = None, *, default_region: str = "FI") -> None:
        self.allow_list = allow_list if allow_list is not None else AllowList.shipped()
        self.default_region = default_region.upper()

    def _regions(self, lang: str | None) -> tuple[str, ...]:
        first = _LANG_REGION.get((lang or "").lower()[:2], self.default_region)
        return (first, *(region for region in _REGIONS if region != first))

    def check(self, text: str, *, lang: str | None = None) -> GuardResult:
        """Every hit in ``text``, with exact spans into ``text``; ``lang`` (en, fi, sv) is a hint only."""
        norm = normalise(text)
        work = norm.text
        found: list[tuple[HitKind, int, int, str, dict[str, str]]] = []

        # A bare run of digits that passes a checksum may still be an allow-listed phone number.
        identities = [
            i
            for i in find_identity_numbers(work)
            if not (i.canonical.isdigit() and self.allow_list.allows_phone(e164_readings(work[i.start : i.end])))
        ]
        found += [(HitKind.NATIONAL_ID, i.start, i.end, i.canonical, {"scheme": i.scheme}) for i in identities]
        claimed = [(i.start, i.end) for i in identities]

        emails = find_emails(mask(work, claimed))
        found += [
            (HitKind.EMAIL, e.start, e.end, e.canonical, {})
            for e in emails
            if not self.allow_list.allows_email(e.canonical)
        ]
        claimed += [(e.start, e.end) for e in emails]

        dates = find_dates(mask(work, claimed))
        births = find_dates_of_birth(work, dates)
        found += [(HitKind.DATE_OF_BIRTH, d.start, d.end, d.canonical, {}) for d in births]
        dated = [(d.start, d.end) for d in dates] + find_times(work)

        phones = find_phones(mask(work, claimed), self._regions(lang), dated, self.allow_list.allows_phone)
        found += [(HitKind.PHONE, p.start, p.end, p.canonical, {}) for p in phones if not p.allowed]
        claimed += [(p.start, p.end) for p in phones]

        addresses = find_addresses(mask(work, claimed))
        found += [
            (HitKind.STREET_ADDRESS, a.start, a.end, a.canonical, {})
            for a in addresses
            if not self.allow_list.allows_address(a.canonical)
        ]
        claimed += [(a.start, a.end) for a in addresses]

        plates = find_plates(mask(work, claimed))
        found += [(HitKind.VEHICLE_PLATE, p.start, p.end, p.canonical, {}) for p in plates]

        found += [
            (HitKind.DESCRIPTION_BY_ETHNICITY, d.start, d.end, d.canonical, {})
            for d in find_descriptions_by_ethnicity(work)
        ]

        hits: list[Hit] = []
        for kind, start, end, canonical, params in found:
            original_start, original_end = norm.span(start, end)
            hits.append(make_hit(kind, text, original_start, original_end, canonical, params))
        hits.sort(key=lambda hit: (hit.start, hit.end, hit.kind.value))
        return GuardResult(text, tuple(hits))
