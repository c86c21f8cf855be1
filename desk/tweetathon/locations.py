"""Generalising a call's place: never a house number; a hundred block, a street, a district or the town.

Export addresses often carry a business or person after a ``;`` and a flat after ``#``: both are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desk.calls.mapping import LocationStyle, Preset
from desk.resources import resource_path

_DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West"}
_NUMBER = re.compile(r"^(\d+)[A-Z]?(?:-\d+)?\s+(?:BLK\s+|BLOCK\s+(?:OF\s+)?)?(.+)$", re.IGNORECASE)
_BLOCK_ONLY = re.compile(r"^(?:BLK|BLOCK)\s+(?:OF\s+)?(.+)$", re.IGNORECASE)
_KEEP_UPPER = {"US", "UK", "EC1", "EC2", "EC3", "EC4"}
_SMALL = {"and", "of", "the", "on", "at", "de", "la", "del"}


def _title(words: str) -> str:
    out = []
    for i, word in enumerate(words.split()):
        if word.upper() in _KEEP_UPPER:
            out.append(word.upper())
        elif i and word.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


#: The fixed words a generalised place may add to the place names.
BLOCK_FORM = "{hundred} block of {street}"
JOINER = " and "

_ROAD_NUMBER = re.compile(r"^[ABM]\d{1,4}$", re.IGNORECASE)  # UK road numbers: A201, M25
_ROUTE_WORDS = {"hwy", "highway", "route", "rte", "interstate", "i", "sr", "us"}


def _street_name(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[-1].upper() in _DIRECTIONS:
        words = [_DIRECTIONS[words[-1].upper()], *words[:-1]]
    kept: list[str] = []
    for word in words:
        if any(ch.isdigit() for ch in word):
            # Numbers inside a place (building, tower, flat, ramp codes) are dropped; road numbers stay.
            route = word.isdigit() and bool(kept) and kept[-1].lower() in _ROUTE_WORDS
            if not (route or _ROAD_NUMBER.match(word)):
                continue
        if any(ch.isalpha() for ch in word) or word.isdigit():
            kept.append(word)
    return _title(" ".join(kept))


@dataclass(frozen=True)
class Place:
    """A generalised place: the public words, and the street it came from (for the place list)."""

    text: str
    street: str


def generalise_address(raw: str, prefixes: Iterable[str] = ()) -> Place:
    """The public form of an address: "2900 block of Higuera" or a street or intersection; no house number."""
    text = raw.split(";", 1)[0]
    text = text.split("#", 1)[0]
    text = " ".join(text.replace(",", " ").split())
    for prefix in prefixes:
        if text.lower().startswith(prefix.lower()):
            text = text[len(prefix) :].strip()
    if not text:
        return Place("", "")
    for joiner in ("&", " / "):
        if joiner in text:
            parts = [_street_name(p) for p in text.split(joiner) if p.strip()]
            parts = list(dict.fromkeys(p for p in parts if p))
            joined = JOINER.join(parts[:2])
            return Place(joined, joined)
    match = _NUMBER.match(text)
    if match:
        number, street = int(match.group(1)), _street_name(match.group(2))
        if not street:
            return Place("", "")
        if number >= 100:
            return Place(BLOCK_FORM.format(hundred=number // 100 * 100, street=street), street)
        return Place(street, street)
    block = _BLOCK_ONLY.match(text)
    if block:
        text = block.group(1)
    # A leading number glued to letters ("12B HIGH ST") or any digits left: keep only the words.
    street = _street_name(re.sub(r"\b\d+\w*\b", " ", text) if re.match(r"^\d", text) else text)
    return Place(street, street)


def generalise(location: str, district: str, preset: Preset) -> str:
    """The public place of a call by the preset's style; empty when there is nothing safe to say."""
    style = preset.location_style
    if style is LocationStyle.TOWN:
        return preset.town
    if style is LocationStyle.DISTRICT:
        return district_text(district, preset) or preset.town
    place = generalise_address(location, preset.location_prefixes)
    if style is LocationStyle.STREET:
        return place.street
    return place.text


def district_text(district: str, preset: Preset) -> str:
    """A district with its label ("beat PN5")."""
    name = " ".join(district.split())
    if not name:
        return ""
    return f"{preset.district_label} {name}".strip()


class PlaceList:
    """The normalised streets and districts a preset may name; a place outside it is not published."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names = {n.casefold(): n for n in names if n}

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in self._names

    def __len__(self) -> int:
        return len(self._names)

    @property
    def names(self) -> list[str]:
        """The places as written, sorted."""
        return sorted(self._names.values())

    def words(self) -> set[str]:
        """Every word of every place, lower case."""
        return {w for name in self._names for w in re.findall(r"[^\W\d_]+", name)}

    @classmethod
    def build(cls, places: Iterable[tuple[str, str]], preset: Preset) -> PlaceList:
        """From (location, district) pairs of a file: the streets and districts seen, normalised."""
        names: set[str] = set()
        for location, district in places:
            place = generalise_address(location, preset.location_prefixes)
            if place.street:
                names.add(place.street)
            label = district_text(district, preset)
            if label:
                names.add(label)
        if preset.town:
            names.add(preset.town)
        return cls(names)

    def save(self, path: Path) -> None:
        """One place a line, sorted."""
        path.write_text("\n".join(self.names) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PlaceList:
        """Read a place list file (one place a line; # starts a comment)."""
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(line.strip() for line in lines if line.strip() and not line.startswith("#"))

    @classmethod
    def shipped(cls, preset_name: str) -> PlaceList | None:
        """The place list shipped for a preset, if there is one."""
        path = resource_path("tweetathon", "places", f"{preset_name}.txt")
        return cls.load(path) if path.exists() else None


def place_is_known(place: str, places: PlaceList | None) -> bool:
    """Whether a generalised place may be published: its street (or the whole place) is in the list."""
    if places is None:
        return True
    if place in places:
        return True
    match = re.match(r"^\d+ block of (.+)$", place)
    if match and match.group(1) in places:
        return True
    return all(part in places for part in place.split(" and ")) if " and " in place else False
