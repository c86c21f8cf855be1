"""Triage: classify every inbound citizen item by a transparent, multilingual rule set.

Rules live in ``resources/triage/`` as JSON files an administrator can edit: one file per
language (``en.json``, ``fi.json``, ``sv.json``, ``common.json`` for every language) and
``triage.json`` for the decision (precedence, thresholds). Each rule names a class, a weight
and a list of terms. A term is one or more words; a word may be

- ``word``     the whole word,
- ``stem*``    any word that starts with ``stem`` (inflected Finnish: ``puukot*``),
- ``*part``    any word that ends with ``part``; ``*part*`` any word containing it (Swedish compounds),
- ``word~``    the word (or stem, ``stem~*``) within one typo: a letter added, missing, changed or two swapped,
- ``_``        any single word.

A rule's weight counts once however many of its terms match. Words before a match may negate
it ("not an emergency"); a message told in the past ("last week") moves an emergency rule
marked ``when_past`` to that class unless the message also says "now"; a crime told as still going
on ("broke in and is still inside") moves a rule marked ``when_present`` up. The result carries the
reason: the rule, the words, and any negation or downgrade applied. Two more marker lists keep
figurative and hypothetical wording out of the alarm: a rule word inside an ``idioms`` phrase
("this traffic is killing me") is not counted, and a message framed as a question about what is
allowed (``hypothetical``: "can I carry", "saako", "får man") has no decisive emergency unless it
also says "now"; the emergency score then has to beat the other classes. Shouting (a word in
capitals, "!!") counts as a present-tense cue. Matching is on tokens with
dictionary look-ups, not on one regex per rule, so thousands of terms cost little.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import IO, Any, NamedTuple

import jsonschema

from desk.errors import DeskError
from desk.resources import resource_path

LABELS: tuple[str, ...] = (
    "emergency",
    "safeguarding",
    "crime_report",
    "tip",
    "complaint",
    "question",
    "abuse",
    "other",
)
LANGUAGES: tuple[str, ...] = ("en", "fi", "sv")
SETTINGS_FILE = "triage.json"
MARKER_KINDS = ("negators", "clause_breaks", "past_markers", "present_markers", "idioms", "hypothetical")

# --- schema ------------------------------------------------------------------------------------

_TERM_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}}
RULES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["language", "rules"],
    "additionalProperties": False,
    "properties": {
        "$comment": {"type": "string"},
        "language": {"enum": [*LANGUAGES, "*"]},
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "label", "terms"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z0-9_.\-]+$"},
                    "label": {"enum": [label for label in LABELS if label != "other"]},
                    "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 10},
                    "terms": {**_TERM_LIST, "minItems": 1},
                    "negatable": {"type": "boolean"},
                    "when_past": {"enum": [label for label in LABELS if label != "other"]},
                    "when_present": {"enum": [label for label in LABELS if label != "other"]},
                    "$comment": {"type": "string"},
                },
            },
        },
        **{kind: _TERM_LIST for kind in MARKER_KINDS},
    },
}
SETTINGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "$comment": {"type": "string"},
        "precedence": {"type": "array", "items": {"enum": list(LABELS)}, "uniqueItems": True},
        "decisive": {"type": "array", "items": {"enum": list(LABELS)}, "uniqueItems": True},
        "thresholds": {
            "type": "object",
            "propertyNames": {"enum": list(LABELS)},
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
        },
        "weak_thresholds": {
            "type": "object",
            "propertyNames": {"enum": list(LABELS)},
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
        },
        "weak_yields_to": {"type": "number", "exclusiveMinimum": 0},
        "present_boost": {"type": "number", "minimum": 0},
        "negation_window": {"type": "integer", "minimum": 0, "maximum": 10},
    },
}
DEFAULT_SETTINGS: dict[str, Any] = {
    "precedence": list(LABELS),
    "decisive": ["emergency", "safeguarding"],
    "thresholds": {},
    "weak_thresholds": {},
    "weak_yields_to": 1.5,
    "present_boost": 0.0,
    "negation_window": 3,
}


class TriageRulesError(DeskError):
    """A rule file that cannot be used: says which file, which line and what is wrong."""

    def __init__(self, file: str, line: int, problem: str) -> None:
        super().__init__("triage.rules_invalid", "{file}:{line}: {problem}", file=file, line=line, problem=problem)
        self.file = file
        self.line = line
        self.problem = problem


# --- results -----------------------------------------------------------------------------------


class Match(NamedTuple):
    """One rule term found in a message, and what was done with it (a tuple: cheap to build in bulk)."""

    rule: str
    label: str  # the class it counted for (after any downgrade)
    term: str
    words: tuple[str, ...]
    position: int  # token index in the normalised message
    negated_by: str | None = None
    downgraded_from: str | None = None  # told in the past: moved down from this class
    fuzzy: bool = False
    upgraded_from: str | None = None  # still going on: moved up from this class

    @property
    def counted(self) -> bool:
        """Whether this match contributed to a score."""
        return self.negated_by is None


@dataclass(frozen=True)
class TriageResult:
    """A class with its reason: a code, parameters, the matches and the scores per class."""

    label: str
    reason_code: str
    reason_params: Mapping[str, Any]
    matched: tuple[Match, ...]
    scores: Mapping[str, float] = field(default_factory=dict)

    def explain(self) -> str:
        """The reason in English (the UI translates by ``reason_code``)."""
        p = self.reason_params
        if self.reason_code == "triage.no_rule":
            text = "no rule matched"
        else:
            text = f"rule {p['rule']} matched " + ", ".join(f'"{w}"' for w in p["words"])
        if p.get("downgraded"):
            text += f"; told in the past, so {p['downgraded_from']} became {self.label}"
        if p.get("weak"):
            text += " (weak evidence: raised to be safe)"
        if p.get("upgraded"):
            text += f"; still going on, so {p['upgraded_from']} became {self.label}"
        for neg in p.get("negations", ()):
            text += f'; "{neg["words"]}" not counted ("{neg["negator"]}" before it)'
        return f"{self.label}: {text}"


# --- compiled rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    kind: str  # "exact", "prefix", "suffix", "infix", "any"
    text: str
    fuzzy: bool


@dataclass(frozen=True, eq=False)
class _Rule:
    id: str
    label: str
    weight: float
    negatable: bool
    when_past: str | None
    when_present: str | None
    language: str


@dataclass(frozen=True)
class _Term:
    rule: _Rule | None  # None for markers
    marker: str | None
    source: str
    words: tuple[_Word, ...]
    language: str


_WORD_CHARS = re.compile(r"^[\w?!'.-]+$")


def _parse_word(raw: str) -> _Word:
    if raw == "_":
        return _Word("any", "", False)
    fuzzy = raw.endswith(("~", "~*"))
    if fuzzy:
        raw = raw.replace("~", "", 1)
    lead, trail = raw.startswith("*"), raw.endswith("*")
    core = raw.strip("*")
    if not core or "*" in core or not _WORD_CHARS.match(core):
        raise ValueError(f"bad word {raw!r}: use letters, with * only at the start or end")
    core = normalise(core).replace(" ", "")
    if fuzzy and (lead or len(core) < 5):
        raise ValueError(f"typo matching (~) needs a word or stem of at least 5 letters, not {raw!r}")
    kind = "infix" if lead and trail else "suffix" if lead else "prefix" if trail else "exact"
    return _Word(kind, core, fuzzy)


def _parse_term(source: str) -> tuple[_Word, ...]:
    parts = normalise_term(source).split()
    if not parts or all(p == "_" for p in parts):
        raise ValueError(f"empty term {source!r}")
    words = tuple(_parse_word(p) for p in parts)
    if words[0].kind == "any":
        raise ValueError(f"a term cannot start with _: {source!r}")
    return words


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_CACHE_LIMIT = 200_000
_UNSEEN: Any = object()  # a token not looked up yet (None means: looked up, matches nothing)
# Per token: single-word terms, multi-word terms by their (whole) second word, other multi-word terms.
_Candidates = tuple[
    tuple[tuple[_Term, bool], ...], dict[str, tuple[tuple[_Term, bool], ...]], tuple[tuple[_Term, bool], ...]
]


class _Lexicon:
    """Look-up tables for one language (plus the common rules)."""

    def __init__(self, terms: Sequence[_Term]) -> None:
        self.exact: dict[str, list[_Term]] = {}
        self.prefix: dict[str, list[_Term]] = {}
        self.prefix_lengths: list[int] = []
        self.prefix_gate: set[str] = set()
        self.affix: list[tuple[_Word, _Term]] = []
        self.affix_re: re.Pattern[str] | None = None
        self.fuzzy_whole: dict[str, list[_Term]] = {}
        self.fuzzy_del: dict[str, list[_Term]] = {}
        self.fuzzy_lengths: dict[str, list[int]] = {}  # first two letters -> key lengths
        self.cache: dict[str, _Candidates | None] = {}
        lengths: set[int] = set()
        fuzzy_lengths: dict[str, set[int]] = {}
        affix_parts: set[str] = set()
        for term in terms:
            first = term.words[0]
            if first.kind == "exact":
                self.exact.setdefault(first.text, []).append(term)
            elif first.kind == "prefix":
                self.prefix.setdefault(first.text, []).append(term)
                lengths.add(len(first.text))
                self.prefix_gate.add(first.text[:3])
            else:
                self.affix.append((first, term))
                affix_parts.add(first.text)
            if first.fuzzy:
                key = first.text
                self.fuzzy_whole.setdefault(key, []).append(term)
                for d in _deletions(key):
                    self.fuzzy_del.setdefault(d, []).append(term)
                fuzzy_lengths.setdefault(key[:2], set()).add(len(key))
        self.prefix_lengths = sorted(lengths)
        self.fuzzy_lengths = {k: sorted(v) for k, v in fuzzy_lengths.items()}
        if affix_parts:
            self.affix_re = re.compile("|".join(re.escape(p) for p in sorted(affix_parts, key=len, reverse=True)))

    def cached_candidates(self, token: str) -> _Candidates | None:
        """``candidates`` remembered per token: words repeat, so most look-ups become one dict hit.

        Terms of several words are filed under their second word when it is a whole word, so a
        common first word ("i", "ei", "jag") costs one look-up of the next token, not a scan."""
        found: _Candidates | None = None
        listed = self.candidates(token)
        if listed:
            singles: list[tuple[_Term, bool]] = []
            by_next: dict[str, list[tuple[_Term, bool]]] = {}
            others: list[tuple[_Term, bool]] = []
            for entry in listed:
                words = entry[0].words
                if len(words) == 1:
                    singles.append(entry)
                elif words[1].kind == "exact" and not words[1].fuzzy:
                    by_next.setdefault(words[1].text, []).append(entry)
                else:
                    others.append(entry)
            found = (tuple(singles), {k: tuple(v) for k, v in by_next.items()}, tuple(others))
        if len(self.cache) >= _CACHE_LIMIT:
            self.cache.clear()  # bounded memory; a cold cache only costs speed
        self.cache[token] = found
        return found

    def candidates(self, token: str) -> list[tuple[_Term, bool]]:
        """Terms whose first word matches ``token``, with whether the match needed a typo allowance."""
        found: list[tuple[_Term, bool]] = []
        hit = self.exact.get(token)
        if hit:
            found.extend((t, False) for t in hit)
        if token[:3] in self.prefix_gate:
            n = len(token)
            for length in self.prefix_lengths:
                if length > n:
                    break
                hit = self.prefix.get(token[:length])
                if hit:
                    found.extend((t, False) for t in hit)
        if self.affix_re is not None and len(token) > 3 and self.affix_re.search(token):
            found.extend((t, False) for w, t in self.affix if _word_matches(w, token))
        if not found and len(token) >= 5:
            lengths = self.fuzzy_lengths.get(token[:2])
            if lengths:
                found.extend((t, True) for t in self._fuzzy(token, lengths))
        return found

    def _fuzzy(self, token: str, lengths: list[int]) -> list[_Term]:
        """Terms within one edit (insertion, deletion, substitution, transposition) of the token."""
        out: list[_Term] = []
        seen: set[int] = set()
        # Typos in the first two letters are rare; keying on them keeps this cheap.
        for length in lengths:
            if length > len(token) + 1:
                break
            for cand_len in (length - 1, length, length + 1):
                if cand_len > len(token) or cand_len < 1:
                    continue
                piece = token[:cand_len]
                keys = {piece} | _deletions(piece) if cand_len != length - 1 else {piece}
                for key in keys:
                    for table in (self.fuzzy_whole, self.fuzzy_del):
                        for t in table.get(key, ()):
                            w = t.words[0]
                            if len(w.text) != length or id(t) in seen:
                                continue
                            # A whole-word term must cover the whole token; a stem only its start.
                            if w.kind == "exact" and cand_len != len(token):
                                continue
                            seen.add(id(t))
                            out.append(t)
        return out


def _within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def _word_matches(word: _Word, token: str) -> bool:
    kind = word.kind
    if kind == "exact":
        return token == word.text or (word.fuzzy and _within_one_edit(token, word.text))
    if kind == "prefix":
        if token.startswith(word.text):
            return True
        n = len(word.text)
        return word.fuzzy and any(_within_one_edit(token[:k], word.text) for k in (n - 1, n, n + 1))
    if kind == "suffix":
        return token.endswith(word.text)
    if kind == "infix":
        return word.text in token
    return kind == "any" and token not in _PUNCT


# --- normalisation -----------------------------------------------------------------------------

_PUNCT = frozenset(".!?,;:")
# A word of four or more capitals: people shout when it is happening now ("SHOTS FIRED", "APUA").
_SHOUT = re.compile(r"\b[A-ZÅÄÖ]{4,}\b")
_TOKEN = re.compile(r"\w+|[.!?,;:]")
_REPEAT = re.compile(r"(\w)\1\1+")
# Fold accents that people drop or add by mistake; keep å, ä and ö (they change Nordic words).
_FOLD_CHARS = "áàâãéèêëíìîïóòôõúùûüýÿçñæøœ"
_FOLD_TO = "aaaaeeeeiiiioooouuuuyycnäöö"
_FOLD_TABLE = str.maketrans(_FOLD_CHARS, _FOLD_TO)
_NEEDS_FOLD = re.compile(f"[{_FOLD_CHARS}’`´']")


def normalise(text: str) -> str:
    """Casefold, fold accents (keeping å/ä/ö), drop apostrophes and squeeze runs of 3+ letters."""
    t = text.casefold()
    if (not t.isascii() or "'" in t) and _NEEDS_FOLD.search(t):
        t = t.translate(_FOLD_TABLE).replace("'", "").replace("’", "").replace("`", "").replace("´", "")
    if _REPEAT.search(t):
        t = _REPEAT.sub(r"\1", t)
    return t


def normalise_term(term: str) -> str:
    """Normalise a rule term like a message, keeping its ``*``, ``~`` and ``_`` markers.

    Hyphens split words, as they do in messages ("ulko-ovi" is two tokens)."""
    return " ".join(normalise(w) if w != "_" else w for w in term.replace("-", " ").split())


def tokens(text: str) -> list[str]:
    """The normalised words and clause punctuation of a message."""
    return _TOKEN.findall(normalise(text))


# --- loading -----------------------------------------------------------------------------------


def _json_positions(text: str) -> dict[tuple[str | int, ...], int]:
    """Character offset of every value in a valid JSON document, keyed by its path."""
    positions: dict[tuple[str | int, ...], int] = {}
    ws = re.compile(r"[ \t\n\r]*")
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        m = ws.match(text, i)
        return m.end() if m else i

    def value(i: int, path: tuple[str | int, ...]) -> int:
        i = skip(i)
        positions[path] = i
        c = text[i]
        if c in "{[":
            close = "}" if c == "{" else "]"
            i = skip(i + 1)
            if text[i] == close:
                return i + 1
            index = 0
            while True:
                i = skip(i)
                if c == "{":
                    key, i = scanstring(text, i + 1)
                    i = skip(i) + 1  # the colon
                    i = value(i, (*path, key))
                else:
                    i = value(i, (*path, index))
                    index += 1
                i = skip(i)
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        _, end = decoder.raw_decode(text, i)
        return int(end)

    value(0, ())
    return positions


def _line_of(text: str, positions: Mapping[tuple[str | int, ...], int], path: Sequence[str | int]) -> int:
    path = tuple(path)
    while path and path not in positions:
        path = path[:-1]
    return text.count("\n", 0, positions.get(path, 0)) + 1


def _read_document(file: Path) -> tuple[str, Any]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TriageRulesError(str(file), 0, f"cannot read the file: {exc}") from exc
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:
        raise TriageRulesError(str(file), exc.lineno, f"not valid JSON: {exc.msg}") from exc


def _validate(name: str, text: str, document: Any, schema: Mapping[str, Any]) -> dict[tuple[str | int, ...], int]:
    positions = _json_positions(text) if text else {}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "the document"
        raise TriageRulesError(name, _line_of(text, positions, list(err.absolute_path)), f"{where}: {err.message}")
    return positions


class Triage:
    """The compiled rule set; ``classify`` is pure and thread-safe."""

    def __init__(self, terms: Sequence[_Term], settings: Mapping[str, Any], sources: Sequence[str] = ()) -> None:
        self.settings = {**DEFAULT_SETTINGS, **settings}
        self.sources = tuple(sources)
        self.precedence: tuple[str, ...] = tuple(self.settings["precedence"]) + tuple(
            label for label in LABELS if label not in self.settings["precedence"]
        )
        self.rank = {label: i for i, label in enumerate(self.precedence)}
        self.decisive: tuple[str, ...] = tuple(
            label for label in self.precedence if label in set(self.settings["decisive"])
        )
        self.thresholds: dict[str, float] = {label: 1.0 for label in LABELS}
        self.thresholds.update(self.settings["thresholds"])
        # A decisive class reached only on weak evidence yields to the other decisive classes
        # reached in full, but still beats every other class: a possible emergency is raised.
        self.weak_thresholds: dict[str, float] = {
            label: min(float(v), self.thresholds[label]) for label, v in self.settings["weak_thresholds"].items()
        }
        self.weak_yields_to = float(self.settings["weak_yields_to"])
        self.present_boost = float(self.settings["present_boost"])
        self.window = int(self.settings["negation_window"])
        self.rule_count = len({t.rule.id for t in terms if t.rule is not None})
        self._lexicons: dict[str | None, _Lexicon] = {}
        for lang in (*LANGUAGES, None):
            chosen = [t for t in terms if lang is None or t.language in (lang, "*")]
            self._lexicons[lang] = _Lexicon(chosen)

    # -- construction --

    @classmethod
    def load(cls, path: str | Path | None = None) -> Triage:
        """Load the rule files in a folder (default ``resources/triage``) or one rule file."""
        root = Path(path) if path is not None else resource_path("triage")
        if root.is_dir():
            files = sorted(p for p in root.glob("*.json") if p.name != SETTINGS_FILE)
            settings_file = root / SETTINGS_FILE
        elif root.is_file():
            files, settings_file = [root], root.parent / SETTINGS_FILE
        else:
            raise TriageRulesError(str(root), 0, "no such rule file or folder")
        if not files:
            raise TriageRulesError(str(root), 0, "no rule files (*.json) in the folder")
        settings: dict[str, Any] = {}
        if settings_file.is_file():
            text, settings = _read_document(settings_file)
            _validate(str(settings_file), text, settings, SETTINGS_SCHEMA)
        terms: list[_Term] = []
        for file in files:
            text, document = _read_document(file)
            terms.extend(_compile_document(str(file), text, document))
        _check_unique(terms)
        return cls(terms, settings, [str(f) for f in files])

    @classmethod
    def from_rules(cls, documents: Iterable[Mapping[str, Any]], settings: Mapping[str, Any] | None = None) -> Triage:
        """Build from rule documents already in memory (same shape as the files)."""
        if settings:
            _validate("settings", "", settings, SETTINGS_SCHEMA)
        terms: list[_Term] = []
        for i, document in enumerate(documents):
            terms.extend(_compile_document(f"rules[{i}]", "", document))
        _check_unique(terms)
        return cls(terms, settings or {})

    # -- classification --

    def classify(self, text: str, lang: str | None = None) -> TriageResult:
        """Classify one message; ``lang`` (en, fi, sv) narrows the rules, None uses every language."""
        lexicon = self._lexicons.get(lang) or self._lexicons[None]
        toks = _TOKEN.findall(normalise(text))
        matches: list[tuple[_Term, int, int, bool]] = []  # term, start, end, fuzzy
        markers: dict[str, list[tuple[int, int, str]]] = {}
        n = len(toks)
        lookup = lexicon.cache.get
        for i, tok in enumerate(toks):
            cands = lookup(tok, _UNSEEN)
            if cands is None:
                continue
            if cands is _UNSEEN:
                cands = lexicon.cached_candidates(tok)
                if cands is None:
                    continue
            singles, by_next, others = cands
            for term, fuzzy in singles:
                if term.marker is not None:
                    markers.setdefault(term.marker, []).append((i, i + 1, term.language))
                else:
                    matches.append((term, i, i + 1, fuzzy))
            multi = by_next.get(toks[i + 1], ()) if by_next and i + 1 < n else ()
            for term, fuzzy in (*multi, *others) if others else multi:
                end = _match_rest(term.words, toks, i, n)
                if end < 0:
                    continue
                if term.marker is not None:
                    markers.setdefault(term.marker, []).append((i, end, term.language))
                else:
                    matches.append((term, i, end, fuzzy))
        if not matches:
            return _NO_MATCH
        if "present_markers" not in markers and self._shouting(text, matches):
            markers["present_markers"] = [(-1, -1, "*")]
        return self._decide(toks, matches, markers)

    @staticmethod
    def _shouting(text: str, matches: list[tuple[_Term, int, int, bool]]) -> bool:
        """Capitals or "!!" as a present cue; only looked for when it could raise an emergency."""
        for term, _, _, _ in matches:
            rule = term.rule
            if rule is not None and (rule.label == "emergency" or rule.when_present == "emergency"):
                return "!!" in text or _SHOUT.search(text) is not None
        return False

    def _decide(
        self,
        toks: list[str],
        found: list[tuple[_Term, int, int, bool]],
        markers: dict[str, list[tuple[int, int, str]]],
    ) -> TriageResult:
        negators: dict[int, set[str]] = {}
        breaks: set[int] = set()
        is_past = is_present = has_past = False
        idiom_at: dict[int, str] = {}  # token index -> the figurative phrase covering it
        hypothetical = False
        if markers:
            for i, _, lang in markers.get("negators", ()):
                negators.setdefault(i, set()).add(lang)
            breaks = {i for i, _, _ in markers.get("clause_breaks", ())}
            is_present = "present_markers" in markers
            has_past = "past_markers" in markers
            is_past = has_past and not is_present
            for start, end, _ in markers.get("idioms", ()):
                phrase = " ".join(toks[start:end])
                for k in range(start, end):
                    idiom_at[k] = phrase
            hypothetical = "hypothetical" in markers and not is_present
        weights: dict[tuple[str, str], float] = {}  # (label, rule id) -> weight: a rule counts once
        out: list[Match] = []
        seen: set[tuple[_Rule, int]] = set()
        for term, start, end, fuzzy in found:
            rule = term.rule
            assert rule is not None
            key = (rule, start)
            if key in seen:
                continue
            seen.add(key)
            negated_by = None
            if idiom_at and start in idiom_at and rule.label in self.decisive:
                negated_by = idiom_at[start]  # figurative: "killing me", "ruuhka tappaa"
            elif negators and rule.negatable:
                negated_by = self._negator(toks, start, negators, breaks, rule.language)
            label = rule.label
            downgraded = upgraded = None
            if is_past and rule.when_past:
                downgraded, label = label, rule.when_past
            elif is_present and not has_past and rule.when_present:
                upgraded, label = label, rule.when_present
            words = tuple(toks[start:end])
            out.append(Match(rule.id, label, term.source, words, start, negated_by, downgraded, fuzzy, upgraded))
            if negated_by is None:
                weights[label, rule.id] = rule.weight
        scores: dict[str, float] = {}
        for (label, _), weight in weights.items():
            scores[label] = scores.get(label, 0.0) + weight
        if is_present and "emergency" in scores:
            scores["emergency"] += self.present_boost
        label = self._choose(scores, is_past, hypothetical)
        return self._result(label, tuple(out), scores)

    def _negator(
        self, toks: list[str], start: int, negators: dict[int, set[str]], breaks: set[int], language: str
    ) -> str | None:
        # A negator counts only for rules of its own language: Finnish "en" (I do not) is Swedish "en" (a).
        for j in range(start - 1, max(-1, start - 1 - self.window), -1):
            if toks[j] in _PUNCT or j in breaks:
                return None
            langs = negators.get(j)
            if langs and (language in langs or "*" in langs or language == "*"):
                return toks[j]
        return None

    def _choose(self, scores: Mapping[str, float], is_past: bool = False, hypothetical: bool = False) -> str:
        # "Can I carry a knife?" asks about the law: the emergency score must then win on its merits.
        decisive = tuple(d for d in self.decisive if d != "emergency") if hypothetical else self.decisive
        for label in decisive:
            if scores.get(label, 0.0) >= self.thresholds[label]:
                return label
        # One weak hint is not raised when the message is told in the past ("thanks for the help
        # yesterday") or clearly is something else ("where do I hand in a knife I found?").
        if not is_past:
            for label in decisive:
                weak = self.weak_thresholds.get(label)
                if weak is not None and scores.get(label, 0.0) >= weak:
                    others = max((v for k, v in scores.items() if k not in decisive), default=0.0)
                    if others < self.weak_yields_to:
                        return label
                    break
        best, best_key = "other", (0.0, 0)
        for label, score in scores.items():
            if label in decisive or score < self.thresholds[label]:
                continue
            key = (score, -self.rank[label])
            if key > best_key:
                best, best_key = label, key
        return best

    def _result(self, label: str, matched: tuple[Match, ...], scores: dict[str, float]) -> TriageResult:
        negations = [{"words": " ".join(m.words), "negator": m.negated_by} for m in matched if m.negated_by]
        winners = [m for m in matched if m.label == label and m.counted]
        if not winners:
            return TriageResult(label, "triage.no_rule", {"negations": negations}, matched, scores)
        # Name a moved rule first: the officer should see that tense changed the class.
        top = next((m for m in winners if m.downgraded_from or m.upgraded_from), winners[0])
        params: dict[str, Any] = {
            "rule": top.rule,
            "words": [" ".join(m.words) for m in winners],
            "rules": sorted({m.rule for m in winners}),
            "negations": negations,
            "downgraded": top.downgraded_from is not None,
        }
        params["upgraded"] = top.upgraded_from is not None
        params["weak"] = scores.get(label, 0.0) < self.thresholds[label]
        if top.downgraded_from is not None:
            params["downgraded_from"] = top.downgraded_from
        if top.upgraded_from is not None:
            params["upgraded_from"] = top.upgraded_from
        code = (
            "triage.downgraded_past"
            if top.downgraded_from
            else "triage.upgraded_present"
            if top.upgraded_from
            else "triage.rule"
        )
        return TriageResult(label, code, params, matched, scores)


_NO_MATCH = TriageResult("other", "triage.no_rule", {"negations": []}, (), {})


def _match_rest(words: tuple[_Word, ...], toks: list[str], i: int, n: int) -> int:
    """End index of the term starting at token ``i``, or -1 (the first word already matched)."""
    j = i + 1
    for word in words[1:]:
        if j >= n or not _word_matches(word, toks[j]):
            return -1
        j += 1
    return j


def _compile_document(name: str, text: str, document: Any) -> list[_Term]:
    positions = _validate(name, text, document, RULES_SCHEMA)
    language = str(document["language"])
    terms: list[_Term] = []

    def fail(path: Sequence[str | int], problem: str) -> TriageRulesError:
        line = _line_of(text, positions, path) if text else 0
        return TriageRulesError(name, line, problem)

    for r, raw in enumerate(document["rules"]):
        rule = _Rule(
            id=str(raw["id"]),
            label=str(raw["label"]),
            weight=float(raw.get("weight", 1.0)),
            negatable=bool(raw.get("negatable", True)),
            when_past=raw.get("when_past"),
            when_present=raw.get("when_present"),
            language=language,
        )
        for t, source in enumerate(raw["terms"]):
            try:
                terms.append(_Term(rule, None, source, _parse_term(source), language))
            except ValueError as exc:
                raise fail(("rules", r, "terms", t), f"rule {rule.id}: {exc}") from None
    for kind in MARKER_KINDS:
        for t, source in enumerate(document.get(kind, ())):
            try:
                words = _parse_term(source)
            except ValueError as exc:
                raise fail((kind, t), f"{kind}: {exc}") from None
            terms.append(_Term(None, kind, source, words, language))
    return terms


def _check_unique(terms: Sequence[_Term]) -> None:
    seen: dict[str, str] = {}
    for t in terms:
        if t.rule is None:
            continue
        key = f"{t.rule.language}:{t.rule.id}"
        owner = seen.setdefault(t.rule.id, key)
        if owner != key:
            raise TriageRulesError(t.rule.id, 0, f"rule id {t.rule.id!r} is defined in more than one language file")


# --- command line ------------------------------------------------------------------------------


def _read_jsonl(stream: IO[str], name: str) -> Iterable[tuple[int, dict[str, Any] | str]]:
    """(line number, object) for good lines, (line number, problem) for bad ones; blank lines skipped."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"{name}:{number}: not valid JSON ({exc.msg})"
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield number, f"{name}:{number}: expected an object with a string 'text'"
            continue
        lang = obj.get("lang")
        if lang is not None and lang not in LANGUAGES:
            yield number, f"{name}:{number}: unknown lang {lang!r} (use one of {', '.join(LANGUAGES)})"
            continue
        yield number, obj


def _load_for_cli(rules_path: str | Path | None, stdout: IO[str]) -> Triage | None:
    try:
        return Triage.load(rules_path)
    except TriageRulesError as exc:
        stdout.write(f"error: {exc}\n")
        return None


def run_classify(
    paths: Sequence[str | Path], stdin: IO[str], stdout: IO[str], rules_path: str | Path | None = None
) -> int:
    """``desk triage classify``: one JSON line out (label, reason) per JSON line in; bad lines get an error line."""
    triage = _load_for_cli(rules_path, stdout)
    if triage is None:
        return 2
    sources: list[tuple[str, Path | None]] = [(str(p), Path(p)) for p in paths] or [("<stdin>", None)]
    for name, path in sources:
        try:
            stream = path.open(encoding="utf-8") if path is not None else stdin
        except OSError as exc:
            stdout.write(f"error: cannot read {name}: {exc.strerror or exc}\n")
            return 2
        try:
            for number, item in _read_jsonl(stream, name):
                if isinstance(item, str):
                    stdout.write(json.dumps({"line": number, "error": item}, ensure_ascii=False) + "\n")
                    continue
                result = triage.classify(item["text"], item.get("lang"))
                reason = {"code": result.reason_code, "params": dict(result.reason_params), "text": result.explain()}
                stdout.write(json.dumps({"label": result.label, "reason": reason}, ensure_ascii=False) + "\n")
        except UnicodeDecodeError as exc:
            stdout.write(f"error: cannot read {name}: not UTF-8 ({exc.reason})\n")
            return 2
        finally:
            if path is not None:
                stream.close()
    return 0


@dataclass(frozen=True)
class Evaluation:
    """Per-class precision and recall and the confusion matrix (rows: expected, columns: predicted)."""

    confusion: Mapping[str, Mapping[str, int]]
    total: int
    correct: int

    def precision(self, label: str) -> float | None:
        """Share of items predicted ``label`` that were ``label`` (None when none were predicted)."""
        predicted = sum(row.get(label, 0) for row in self.confusion.values())
        return self.confusion.get(label, {}).get(label, 0) / predicted if predicted else None

    def recall(self, label: str) -> float | None:
        """Share of items labelled ``label`` that were found (None when there were none)."""
        row = self.confusion.get(label, {})
        expected = sum(row.values())
        return row.get(label, 0) / expected if expected else None

    @property
    def accuracy(self) -> float:
        """Share of all items classified as labelled."""
        return self.correct / self.total if self.total else 0.0

    def table(self) -> str:
        """A readable report: per-class precision/recall, then the confusion matrix."""
        short = {label: label[:8] for label in LABELS}
        lines = [f"{'class':<14}{'precision':>10}{'recall':>8}{'n':>6}"]
        for label in LABELS:
            p, r = self.precision(label), self.recall(label)
            n = sum(self.confusion.get(label, {}).values())
            lines.append(f"{label:<14}{_pct(p):>10}{_pct(r):>8}{n:>6}")
        lines.append(f"accuracy {self.accuracy:.3f} ({self.correct}/{self.total})")
        lines.append("")
        lines.append("expected \\ predicted".ljust(22) + "".join(f"{short[c]:>9}" for c in LABELS))
        for label in LABELS:
            row = self.confusion.get(label, {})
            lines.append(f"{label:<22}" + "".join(f"{row.get(c, 0):>9}" for c in LABELS))
        return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def evaluate(triage: Triage, items: Iterable[tuple[str, str | None, str]]) -> Evaluation:
    """Classify (text, lang, expected label) items and count the outcomes."""
    confusion: dict[str, dict[str, int]] = {label: {} for label in LABELS}
    total = correct = 0
    for text, lang, expected in items:
        got = triage.classify(text, lang).label
        row = confusion[expected]
        row[got] = row.get(got, 0) + 1
        total += 1
        correct += got == expected
    return Evaluation(confusion, total, correct)


def run_evaluate(path: str | Path, stdout: IO[str], rules_path: str | Path | None = None) -> int:
    """``desk triage evaluate FILE``: precision, recall and the confusion matrix for labelled JSON lines."""
    triage = _load_for_cli(rules_path, stdout)
    if triage is None:
        return 2
    items: list[tuple[str, str | None, str]] = []
    problems: list[str] = []
    try:
        with Path(path).open(encoding="utf-8") as stream:
            for number, item in _read_jsonl(stream, str(path)):
                if isinstance(item, str):
                    problems.append(item)
                elif item.get("label") not in LABELS:
                    problems.append(f"{path}:{number}: 'label' must be one of {', '.join(LABELS)}")
                else:
                    items.append((item["text"], item.get("lang"), item["label"]))
    except OSError as exc:
        stdout.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
        return 2
    except UnicodeDecodeError as exc:
        stdout.write(f"error: cannot read {path}: not UTF-8 ({exc.reason})\n")
        return 2
    for problem in problems:
        stdout.write(f"skipped {problem}\n")
    stdout.write(evaluate(triage, items).table() + "\n")
    return 0
