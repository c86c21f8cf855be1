"""Property tests: spans always index the original; disguised numbers still hit; allow-listed numbers in
any formatting never hit; generalised tweetathon lines never hit."""

from __future__ import annotations

import datetime as dt

import phonenumbers
from hypothesis import assume, given
from hypothesis import strategies as st

from desk.redaction import AllowList, HitKind, PrivacyGuard

GUARD = PrivacyGuard(AllowList.shipped())

# Digit families people paste from phones and other keyboards: ASCII, Arabic-Indic, Eastern Arabic-Indic,
# Devanagari, full-width, mathematical bold.
DIGIT_FAMILIES = [0x30, 0x660, 0x6F0, 0x966, 0xFF10, 0x1D7CE]
SEPARATORS = ["", " ", "-", ".", "/", "\u00a0", "\u2009", "\u202f", "\u2013", "\u2011", " - "]
ODD_TEXT = st.text(
    alphabet=st.sampled_from(list("abcÄöå XYZ@.-+()/:#,0123456789٣٤٥０１２\u00a0\u200b\u2009\u2013\u00ad😀\n\t")),
    max_size=120,
)


def exotic(digits: str, family: int) -> str:
    return "".join(chr(family + int(char)) if char.isdigit() else char for char in digits)


def spaced(digits: str, separators: list[str]) -> str:
    out = digits[0]
    for index, char in enumerate(digits[1:]):
        out += separators[index % len(separators)] + char
    return out


def blocking_cover(text: str, start: int, end: int) -> bool:
    return any(hit.blocking and hit.start <= start and end <= hit.end for hit in GUARD.check(text).hits)


@given(ODD_TEXT)
def test_spans_always_index_the_original_text(text: str) -> None:
    for hit in GUARD.check(text).hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.text


@given(ODD_TEXT, st.sampled_from(["040 123 4567", "131052-308T", "a@b.fi", "22 Acacia Avenue", "ABC-123"]), ODD_TEXT)
def test_spans_index_the_original_around_known_details(before: str, detail: str, after: str) -> None:
    text = f"{before} {detail} {after}"
    for hit in GUARD.check(text).hits:
        assert text[hit.start : hit.end] == hit.text


PHONE_BASES = st.one_of(
    st.builds(lambda rest: "04" + rest, st.text("0123456789", min_size=8, max_size=8)),  # FI mobile
    st.builds(lambda rest: "050" + rest, st.text("0123456789", min_size=7, max_size=7)),
    st.builds(
        lambda rest: "07" + rest, st.text("0236", min_size=1, max_size=1).map(lambda d: d) | st.just("0")
    ).flatmap(lambda head: st.text("0123456789", min_size=7, max_size=7).map(lambda tail: head + tail)),  # SE
    st.builds(lambda rest: "077009" + rest, st.text("0123456789", min_size=5, max_size=5)),  # GB mobile
    st.builds(
        lambda area, exchange, line: area + exchange + line,
        st.sampled_from(["805", "212", "415", "617", "303"]),
        st.integers(200, 999).map(str),
        st.text("0123456789", min_size=4, max_size=4),
    ),  # NANP
)


@given(
    PHONE_BASES,
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4),
    st.sampled_from(DIGIT_FAMILIES),
    st.sampled_from(["national", "plus", "double-zero"]),
    st.sampled_from(["Soita {} heti", "ring {}!", "Call me on {} please", "{}", "nro:{} kiitos"]),
)
def test_disguised_phone_numbers_still_hit(
    base: str, separators: list[str], family: int, prefix: str, template: str
) -> None:
    nanp = not base.startswith("0")
    if prefix == "national":
        number = spaced(base, separators)
    else:
        code = "1" if nanp else "358"
        national = base if nanp else base[1:]
        lead = "+" if prefix == "plus" else "00"
        number = f"{lead}{code} " + spaced(national, separators)
    number = exotic(number, family)
    text = template.format(number)
    start = text.index(number)
    assert blocking_cover(text, start, start + len(number)), (text, GUARD.check(text).hits)


HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}


@given(
    st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.integers(2, 899),
    st.data(),
    st.sampled_from(DIGIT_FAMILIES),
    st.sampled_from(["", " ", "\u00a0", "\u2009"]),
    st.sampled_from(["", " ", "\u00a0"]),
)
def test_disguised_hetus_still_hit(
    birth: dt.date, serial: int, data: st.DataObject, family: int, group_gap: str, sign_gap: str
) -> None:
    sign = data.draw(st.sampled_from(list(SIGNS[birth.year // 100 * 100])))
    date = birth.strftime("%d%m%y")
    check = HETU_CHECK[int(f"{date}{serial:03d}") % 31]
    text_id = f"{date[:2]}{group_gap}{date[2:4]}{group_gap}{date[4:]}{sign_gap}{sign}{sign_gap}{serial:03d}{check}"
    text_id = exotic(text_id, family)
    text = f"Hetu {text_id}, kiitos"
    start = text.index(text_id)
    hits = [hit for hit in GUARD.check(text).hits if hit.kind is HitKind.NATIONAL_ID]
    assert [(hit.start, hit.end) for hit in hits] == [(start, start + len(text_id))]


def luhn_check(nine: str) -> str:
    total = 0
    for position, char in enumerate(nine):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.integers(0, 999),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["-", "+", ""]),
    st.sampled_from(DIGIT_FAMILIES),
    st.sampled_from(["", " ", "\u00a0"]),
)
def test_disguised_personnummer_still_hit(
    birth: dt.date, serial: int, century: bool, coordination: bool, sign: str, family: int, gap: str
) -> None:
    day = birth.day + (60 if coordination else 0)
    nine = f"{birth:%y%m}{day:02d}{serial:03d}"
    ten = nine + luhn_check(nine)
    head = f"{birth.year // 100}" if century else ""
    text_id = exotic(f"{head}{ten[:6]}{gap}{sign}{gap}{ten[6:]}" if sign else f"{head}{ten}", family)
    text = f"Personnummer {text_id} hittades"
    start = text.index(text_id)
    assert blocking_cover(text, start, start + len(text_id)), (text, GUARD.check(text).hits)


def _allowed_numbers() -> list[str]:
    numbers = []
    for entry in AllowList.shipped().entries:
        if entry.kind.value == "phone" and entry.value.startswith("+"):
            numbers.append("".join(char for char in entry.value if char.isdigit() or char == "+"))
    return numbers


ALLOWED = _allowed_numbers()


@given(
    st.sampled_from(ALLOWED),
    st.sampled_from(["national", "plus", "double-zero", "plus-trunk"]),
    st.lists(st.integers(2, 4), min_size=1, max_size=5),
    st.lists(st.sampled_from([" ", "-", ".", "/", "\u00a0", "\u2009", "\u2013"]), min_size=1, max_size=3),
    st.sampled_from(DIGIT_FAMILIES[:3]),
    st.sampled_from(["Call {} for help.", "Soita {}.", "Ring {} dygnet runt", "{}"]),
)
def test_allow_listed_numbers_in_any_formatting_never_hit(
    e164: str, form: str, sizes: list[int], separators: list[str], family: int, template: str
) -> None:
    parsed = phonenumbers.parse(e164)
    code = str(parsed.country_code)
    national = str(parsed.national_number)
    groups, rest = [], national
    for index in range(len(national)):
        size = sizes[index % len(sizes)]
        if not rest:
            break
        groups.append(rest[:size])
        rest = rest[size:]
    body = "".join(group + separators[i % len(separators)] for i, group in enumerate(groups)).rstrip(
        "".join(separators)
    )
    if form == "national":
        number = body if code == "1" else "0" + body
    elif form == "plus":
        number = f"+{code} {body}"
    elif form == "double-zero":
        number = f"00{code} {body}"
    else:
        assume(code != "1")
        number = f"+{code} (0){body}"
    text = template.format(exotic(number, family))
    result = GUARD.check(text)
    assert not result.blocked, (text, result.hits)


STREETS = ["Higuera", "Marsh", "Foothill", "Los Osos Valley", "Santa Rosa", "Main", "Walnut", "Johnson", "Broad"]
SUFFIXES = ["St", "Street", "Rd", "Road", "Ave", "Blvd", ""]
TYPES_EN = [
    "Disturbance",
    "Suspicious circumstance",
    "Noise complaint",
    "Traffic hazard",
    "Theft",
    "Welfare check",
    "Trespassing",
    "Found property",
    "Parking problem",
    "Collision, no injuries",
    "Alarm",
    "Shoplifting",
    "Unauthorised use of a catalogue account",
    "Criminal Damage",
    "Burglary",
    "Anti-social behaviour",
]
TOWNS_EN = ["Bolton", "Wigan", "Salford", "Rochdale", "San Luis Obispo", "the City", "Bishopsgate", "Moorgate"]
TYPES_FI = ["liikenneonnettomuus", "häiriökäyttäytyminen", "näpistys", "murto", "ilkivalta", "kolari", "varkaus"]
PLACES_FI = ["Hervanta", "Kaleva", "Tampere", "Mannerheimintie", "Hämeenkatu", "Kallio", "Itäkeskus", "Pasila"]
TYPES_SV = ["inbrott", "trafikolycka", "ordningsstörning", "stöld ur bil", "skadegörelse", "misshandel"]
PLACES_SV = ["Södermalm", "Drottninggatan", "Västra Hamnen", "Kungsgatan", "Norrmalm", "Malmö", "Umeå"]
OUTCOMES = ["Officers attended.", "No offence disclosed.", "Gone on arrival.", "Advice given.", "", "Two arrested."]


@st.composite
def tweetathon_line(draw: st.DrawFn) -> str:
    call = draw(st.integers(1, 99999))
    hashtag = draw(st.sampled_from(["#gmp24", "#slopd24", "#poliisi24", "#polisen24", "#CityTweetathon", ""]))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    language = draw(st.sampled_from(["en", "fi", "sv"]))
    if language == "en":
        block = draw(st.integers(0, 200)) * 100
        street = f"{draw(st.sampled_from(STREETS))} {draw(st.sampled_from(SUFFIXES))}".strip()
        where = draw(
            st.sampled_from(
                [
                    f"on the {block} block of {street}",
                    f"in the {block} block of {street}",
                    f"on {street}",
                    f"in {draw(st.sampled_from(TOWNS_EN))}",
                    f"on or near {street}",
                    f"at {street} and Marsh St",
                ]
            )
        )
        head = draw(st.sampled_from([f"Call {call}", f"Call {call} –", f"Call {call}:", f"{hashtag} call {call}"]))
        when = draw(
            st.sampled_from(["", f"at {hour:02d}:{minute:02d}", f"({hour:02d}:{minute:02d})", f"on {day} March"])
        )
        kind = draw(st.sampled_from(TYPES_EN))
        return f"{head} {kind} reported {where} {when}. {draw(st.sampled_from(OUTCOMES))} {hashtag}"
    if language == "fi":
        when = draw(st.sampled_from(["", f"klo {hour}.{minute:02d}", f"{day}.{month}.2026 klo {hour}"]))
        where = ", ".join(draw(st.lists(st.sampled_from(PLACES_FI), min_size=1, max_size=2)))
        return f"Soitto {call} {when}: {draw(st.sampled_from(TYPES_FI))}, {where}. {hashtag}"
    when = draw(st.sampled_from(["", f"kl. {hour:02d}.{minute:02d}", f"kl {hour:02d}:{minute:02d}", f"den {day} mars"]))
    where = ", ".join(draw(st.lists(st.sampled_from(PLACES_SV), min_size=1, max_size=2)))
    return f"Samtal {call} {when}: {draw(st.sampled_from(TYPES_SV))} i {where}. {hashtag}"


@given(tweetathon_line())
def test_generalised_tweetathon_lines_never_hit(line: str) -> None:
    result = GUARD.check(line)
    assert result.hits == (), (line, result.hits)


@given(st.lists(tweetathon_line(), min_size=2, max_size=4))
def test_batched_tweetathon_posts_never_hit(lines: list[str]) -> None:
    text = " / ".join(lines)
    assert GUARD.check(text).hits == ()
