"""Simulated residents: a scenario engine that makes the sandbox feel like a real evening at a desk.

Residents (a pool of personas per language, with names and handles) mention, reply to, comment on
and message the force's accounts at a chosen rate, in English, Finnish and Swedish, with a mix of
questions, tips, complaints, thanks, abuse, crime reports, the rare emergency and safeguarding
disclosure, and replies to the force's own posts; now and then one edits or deletes an earlier
message. Message templates live in ``resources/demo/residents_{lang}.json``.

The engine speaks to the platforms only through ``PlatformModule.inject`` and reads
``state.platforms`` and ``state.accounts``. It runs on a thread on the sandbox clock, is bounded by
``max_messages``, and with a seed produces the same messages in the same order.
"""

from __future__ import annotations

import json
import random
import re
import threading
import weakref
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from connectors.sandbox.state import PlatformModule, SandboxAccount, SandboxState
from desk.resources import resource_path

LANGUAGES = ("en", "fi", "sv")
CATEGORIES = (
    "question",
    "tip",
    "complaint",
    "crime_report",
    "thanks",
    "abuse",
    "emergency",
    "safeguarding",
    "other",
    "reply",
)
# An evening's mix: mostly questions, thanks and complaints; emergencies and disclosures are rare.
DEFAULT_MIX: dict[str, float] = {
    "question": 0.22,
    "tip": 0.11,
    "complaint": 0.13,
    "crime_report": 0.10,
    "thanks": 0.13,
    "abuse": 0.06,
    "emergency": 0.02,
    "safeguarding": 0.02,
    "other": 0.06,
    "reply": 0.15,
}
# What triage should make of each category (None: depends on the words).
EXPECTED_LABEL: dict[str, str | None] = {
    "question": "question",
    "tip": "tip",
    "complaint": "complaint",
    "crime_report": "crime_report",
    "thanks": "other",
    "abuse": "abuse",
    "emergency": "emergency",
    "safeguarding": "safeguarding",
    "other": "other",
    "reply": None,
}
# Things people rather say in private.
PRIVATE_SHARE: dict[str, float] = {"safeguarding": 0.9, "crime_report": 0.5, "tip": 0.4, "complaint": 0.2}
EDIT_SHARE = 0.03
DELETE_SHARE = 0.02
PERSONAS_PER_LANGUAGE = 12
SLOT = re.compile(r"\{(\w+)\}")
SLEEP_SLICE_REAL_S = 0.2  # how long the thread sleeps between checks for stop()


@dataclass(frozen=True)
class Persona:
    """A simulated resident: the same person on every platform."""

    name: str
    handle: str
    lang: str


@dataclass(frozen=True)
class ResidentMessage:
    """What a resident sent (or edited, or deleted), for counts, tests and the admin endpoint."""

    number: int
    action: str  # "send", "edit" or "delete"
    platform: str
    force_handle: str
    kind: str
    category: str
    lang: str
    author: str
    text: str
    item_id: str
    expected_label: str | None


@dataclass(frozen=True)
class Templates:
    """One language's names, slots and message templates."""

    lang: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    slots: Mapping[str, tuple[str, ...]]
    templates: Mapping[str, tuple[str, ...]]
    edit_notes: tuple[str, ...]

    @classmethod
    def load(cls, lang: str, folder: Path | None = None) -> Templates:
        """Read ``residents_{lang}.json``; a clear error says which file and what is missing."""
        path = (folder or resource_path("demo")) / f"residents_{lang}.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: cannot read resident templates: {exc}") from exc
        try:
            templates = {c: tuple(raw["templates"][c]) for c in CATEGORIES}
            result = cls(
                lang=lang,
                first_names=tuple(raw["names"]["first"]),
                last_names=tuple(raw["names"]["last"]),
                slots={k: tuple(v) for k, v in raw["slots"].items()},
                templates=templates,
                edit_notes=tuple(raw.get("edit_notes", ())),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}: resident templates lack {exc}") from exc
        for category, items in result.templates.items():
            for text in items:
                for slot in SLOT.findall(text):
                    if slot != "force" and slot not in result.slots:
                        raise ValueError(f"{path}: template {text!r} ({category}) uses unknown slot {{{slot}}}")
            if not items:
                raise ValueError(f"{path}: no templates for {category}")
        return result


def module_for(state: SandboxState, platform: str) -> PlatformModule | None:
    """The sandbox module that serves an account's platform (Facebook and Instagram share Graph)."""
    return state.platforms.get("graph" if platform in ("facebook", "instagram") else platform)


@dataclass
class Counts:
    """What the residents have done so far."""

    sent: int = 0
    edits: int = 0
    deletes: int = 0
    errors: int = 0
    by_platform: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    by_lang: Counter[str] = field(default_factory=Counter)
    last_error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready counts."""
        return {
            "sent": self.sent,
            "edits": self.edits,
            "deletes": self.deletes,
            "errors": self.errors,
            "by_platform": dict(self.by_platform),
            "by_category": dict(self.by_category),
            "by_kind": dict(self.by_kind),
            "by_lang": dict(self.by_lang),
            "last_error": self.last_error,
        }


class Residents:
    """The scenario engine. ``step()`` sends one message; ``start()`` sends them at the chosen rate."""

    def __init__(
        self,
        state: SandboxState,
        rate_per_minute: float,
        languages: Sequence[str] = LANGUAGES,
        seed: int = 0,
        mix: Mapping[str, float] | None = None,
        *,
        max_messages: int | None = 1000,
        templates_dir: Path | None = None,
    ) -> None:
        if rate_per_minute <= 0:
            raise ValueError("rate_per_minute must be positive")
        langs = tuple(dict.fromkeys(languages))
        if not langs or any(lang not in LANGUAGES for lang in langs):
            raise ValueError(f"languages must be some of {', '.join(LANGUAGES)}")
        chosen_mix = dict(mix if mix is not None else DEFAULT_MIX)
        unknown = set(chosen_mix) - set(CATEGORIES)
        if unknown:
            raise ValueError(f"unknown categories in mix: {sorted(unknown)}")
        if any(w < 0 for w in chosen_mix.values()) or sum(chosen_mix.values()) <= 0:
            raise ValueError("mix weights must be non-negative and not all zero")
        if max_messages is not None and max_messages < 0:
            raise ValueError("max_messages must not be negative")
        self.state = state
        self.rate_per_minute = float(rate_per_minute)
        self.languages = langs
        self.seed = seed
        self.mix = chosen_mix
        self.max_messages = max_messages
        self.templates = {lang: Templates.load(lang, templates_dir) for lang in langs}
        self.rng = random.Random(seed)
        self.personas = {lang: self._personas(self.templates[lang]) for lang in langs}
        self.counts = Counts()
        self.history: deque[ResidentMessage] = deque(maxlen=500)
        self._sent_items: list[tuple[ResidentMessage, PlatformModule, SandboxAccount, SandboxAccount]] = []
        self._authors: dict[tuple[str, str], SandboxAccount] = {}  # (platform, persona handle) -> account
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- personas --------------------------------------------------------------------------------

    def _personas(self, t: Templates) -> tuple[Persona, ...]:
        rng = random.Random(f"{self.seed}:{t.lang}")
        people: list[Persona] = []
        used: set[str] = set()
        while len(people) < PERSONAS_PER_LANGUAGE:
            first, last = rng.choice(t.first_names), rng.choice(t.last_names)
            name = f"{first} {last}"
            if name in used:
                continue
            used.add(name)
            style = rng.randrange(3)
            base = _ascii_handle(
                f"{first}{last[0]}" if style == 0 else f"{first}_{last}" if style == 1 else f"{last}{first[:2]}"
            )
            handle = f"{base}{rng.randrange(10, 99)}" if rng.random() < 0.5 else base
            people.append(Persona(name, handle.lower(), t.lang))
        return tuple(people)

    def _author(self, module: PlatformModule, platform: str, persona: Persona) -> SandboxAccount:
        key = (platform, persona.handle)
        account = self._authors.get(key)
        if account is None:
            existing = self.state.find_account(platform, persona.handle)
            if existing is not None and not existing.is_force:
                account = existing
            else:
                options = {"platform": platform} if platform in ("facebook", "instagram") else {}
                create: Any = module.create_account  # Graph takes the platform as an extra option
                account = create(persona.handle, persona.name, is_force=False, **options)
            self._authors[key] = account
        return account

    # --- one message ------------------------------------------------------------------------------

    def force_accounts(self) -> list[SandboxAccount]:
        """The force's accounts on platforms that are served, in a stable order."""
        with self.state.lock:
            accounts = [a for a in self.state.accounts.values() if a.is_force]
        return sorted(
            (a for a in accounts if module_for(self.state, a.platform) is not None),
            key=lambda a: (a.platform, a.account_id),
        )

    def step(self) -> ResidentMessage | None:
        """Send, edit or delete one message now; None when there is no force account or the limit is reached."""
        with self._lock:
            if self.max_messages is not None and self.counts.sent >= self.max_messages:
                return None
            forces = self.force_accounts()
            if not forces:
                return None
            roll = self.rng.random()
            if self._sent_items and roll < DELETE_SHARE:
                done = self._delete_one()
                if done is not None:
                    return done
            elif self._sent_items and roll < DELETE_SHARE + EDIT_SHARE:
                done = self._edit_one()
                if done is not None:
                    return done
            return self._send_one(forces)

    def _send_one(self, forces: list[SandboxAccount]) -> ResidentMessage | None:
        rng = self.rng
        force = forces[rng.randrange(len(forces))]
        module = module_for(self.state, force.platform)
        assert module is not None
        lang = rng.choice(self.languages)
        persona = rng.choice(self.personas[lang])
        categories = list(self.mix)
        category = rng.choices(categories, weights=[self.mix[c] for c in categories])[0]
        t = self.templates[lang]
        text = self._fill(rng.choice(t.templates[category]), t, force)
        kinds = self._kinds(force.platform, category)
        author = self._author(module, force.platform, persona)
        last_error = ""
        for kind in kinds:
            if kind == "dm":
                body = _strip_mention(text, force.handle)
            elif kind == "mention" and f"@{force.handle}".lower() not in text.lower():
                body = f"@{force.handle} {text}"
            else:
                body = text
            try:
                item_id = module.inject(force, kind, author, body, lang=lang)
            except ValueError as exc:  # e.g. nothing to reply to yet: try the next kind
                last_error = f"{force.platform} {kind}: {exc}"
                continue
            message = ResidentMessage(
                number=self.counts.sent + 1,
                action="send",
                platform=force.platform,
                force_handle=force.handle,
                kind=kind,
                category=category,
                lang=lang,
                author=persona.handle,
                text=body,
                item_id=str(item_id),
                expected_label=EXPECTED_LABEL[category],
            )
            self._record(message)
            self._sent_items.append((message, module, force, author))
            return message
        self.counts.errors += 1
        self.counts.last_error = last_error
        return None

    def _kinds(self, platform: str, category: str) -> list[str]:
        """Kinds to try in order: a private message, a reply/comment, or a public mention."""
        public = "comment" if platform in ("facebook", "instagram") else "mention"
        if category == "reply":
            return ["comment" if platform in ("facebook", "instagram") else "reply", public]
        if self.rng.random() < PRIVATE_SHARE.get(category, 0.1):
            return ["dm", public]
        if platform == "facebook":
            return ["comment", "dm"]
        return [public, "dm"]

    def _fill(self, template: str, t: Templates, force: SandboxAccount) -> str:
        def slot(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == "force":
                return force.handle
            return self.rng.choice(t.slots[name])

        return SLOT.sub(slot, template)

    def _edit_one(self) -> ResidentMessage | None:
        message, module, force, author = self._sent_items[self.rng.randrange(len(self._sent_items))]
        t = self.templates[message.lang]
        if not t.edit_notes:
            return None
        text = message.text + self._fill(self.rng.choice(t.edit_notes), t, force)
        try:
            item_id = module.inject(force, message.kind, author, text, edit_of=message.item_id, lang=message.lang)
        except ValueError:
            return None  # the platform does not allow editing this (Bluesky): send something new instead
        edited = ResidentMessage(
            message.number,
            "edit",
            message.platform,
            message.force_handle,
            message.kind,
            message.category,
            message.lang,
            message.author,
            text,
            str(item_id),
            message.expected_label,
        )
        self.counts.edits += 1
        self.history.append(edited)
        return edited

    def _delete_one(self) -> ResidentMessage | None:
        index = self.rng.randrange(len(self._sent_items))
        message, module, force, author = self._sent_items[index]
        try:
            module.inject(force, message.kind, author, "", delete_id=message.item_id)
        except ValueError:
            return None
        del self._sent_items[index]
        deleted = ResidentMessage(
            message.number,
            "delete",
            message.platform,
            message.force_handle,
            message.kind,
            message.category,
            message.lang,
            message.author,
            message.text,
            message.item_id,
            message.expected_label,
        )
        self.counts.deletes += 1
        self.history.append(deleted)
        return deleted

    def _record(self, message: ResidentMessage) -> None:
        c = self.counts
        c.sent += 1
        c.by_platform[message.platform] += 1
        c.by_category[message.category] += 1
        c.by_kind[message.kind] += 1
        c.by_lang[message.lang] += 1
        self.history.append(message)

    # --- running ----------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the thread is sending."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def finished(self) -> bool:
        """Whether ``max_messages`` have been sent."""
        return self.max_messages is not None and self.counts.sent >= self.max_messages

    def start(self) -> None:
        """Send on a daemon thread until ``stop()`` or ``max_messages``."""
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sandbox-residents", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop sending and wait for the thread."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set() and not self.finished:
            # Arrivals of a Poisson process: exponential gaps with the chosen mean.
            with self._lock:
                gap = self.rng.expovariate(self.rate_per_minute / 60.0)
            if not self._sleep(gap):
                return
            try:
                self.step()
            except Exception as exc:  # a platform bug must not kill the evening: count it and go on
                with self._lock:
                    self.counts.errors += 1
                    self.counts.last_error = f"{type(exc).__name__}: {exc}"

    def _sleep(self, seconds: float) -> bool:
        """Sleep ``seconds`` of sandbox time in short real-time slices; False when stopped meanwhile."""
        clock = self.state.clock
        slice_s = SLEEP_SLICE_REAL_S * max(float(clock.speed), 1e-9)
        remaining = seconds
        while remaining > 0:
            if self._stop.is_set():
                return False
            step = min(remaining, slice_s)
            clock.sleep(step)
            remaining -= step
        return not self._stop.is_set()

    def status(self) -> dict[str, Any]:
        """Settings, state and counts for the admin endpoint."""
        with self._lock:
            return {
                "running": self.running,
                "finished": self.finished,
                "rate_per_minute": self.rate_per_minute,
                "languages": list(self.languages),
                "seed": self.seed,
                "max_messages": self.max_messages,
                "counts": self.counts.as_dict(),
            }


def _ascii_handle(text: str) -> str:
    folded = text.translate(str.maketrans("åäöÅÄÖéèüÜ", "aaoAAOeeuU"))
    return re.sub(r"[^A-Za-z0-9_]", "", folded)[:15] or "resident"


def _strip_mention(text: str, handle: str) -> str:
    """A private message does not start by mentioning the account it is sent to."""
    return re.sub(rf"^\s*@{re.escape(handle)}\b[\s,:]*", "", text, flags=re.IGNORECASE) or text


# --- admin endpoint -----------------------------------------------------------------------------

_ENGINES: weakref.WeakKeyDictionary[SandboxState, Residents] = weakref.WeakKeyDictionary()


def engine_for(state: SandboxState) -> Residents | None:
    """The residents engine last configured for this sandbox, if any."""
    return _ENGINES.get(state)


def configure(state: SandboxState, body: Mapping[str, Any]) -> Residents:
    """Apply ``POST /_sandbox/residents`` settings: a new engine when settings change, then run or stop it."""
    allowed = {"rate_per_minute", "languages", "seed", "max_messages", "running", "mix"}
    unknown = set(body) - allowed
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    current = _ENGINES.get(state)
    settings_given = set(body) - {"running"}
    if current is None or settings_given:
        base = current.status() if current is not None else {}
        rate = body.get("rate_per_minute", base.get("rate_per_minute", 6.0))
        languages = body.get("languages", base.get("languages", list(LANGUAGES)))
        seed = body.get("seed", base.get("seed", 0))
        max_messages = body.get("max_messages", base.get("max_messages", 1000))
        if not isinstance(rate, int | float) or isinstance(rate, bool):
            raise ValueError("rate_per_minute must be a number")
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            raise ValueError('languages must be a list like ["en", "fi", "sv"]')
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError("seed must be an integer")
        if max_messages is not None and (not isinstance(max_messages, int) or isinstance(max_messages, bool)):
            raise ValueError("max_messages must be an integer or null")
        mix = body.get("mix", current.mix if current is not None else None)
        if mix is not None and (not isinstance(mix, dict) or not all(isinstance(v, int | float) for v in mix.values())):
            raise ValueError("mix must map categories to weights")
        engine = Residents(state, float(rate), languages, seed, mix, max_messages=max_messages)
        was_running = current is not None and current.running
        if current is not None:
            current.stop()
        _ENGINES[state] = engine
        running = bool(body.get("running", was_running))
    else:
        engine = current
        running = bool(body["running"]) if "running" in body else engine.running
    if running:
        engine.start()
    else:
        engine.stop()
    return engine


def routes(state: SandboxState) -> list[BaseRoute]:
    """``GET``/``POST /_sandbox/residents``: counts, and settings (rate, languages, seed, limit, running)."""

    async def residents(request: Request) -> Response:
        if request.method == "POST":
            try:
                body = await request.json()
            except ValueError:
                return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
            if not isinstance(body, dict):
                return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
            try:
                configured = configure(state, body)
            except ValueError as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            return JSONResponse(configured.status())
        engine = engine_for(state)
        if engine is None:
            return JSONResponse({"running": False, "configured": False, "counts": Counts().as_dict()})
        status = engine.status()
        status["configured"] = True
        status["recent"] = [_message_json(m) for m in list(engine.history)[-20:]]
        return JSONResponse(status)

    return [Route("/_sandbox/residents", residents, methods=["GET", "POST"])]


def _message_json(m: ResidentMessage) -> dict[str, Any]:
    return {
        "number": m.number,
        "action": m.action,
        "platform": m.platform,
        "account": m.force_handle,
        "kind": m.kind,
        "category": m.category,
        "lang": m.lang,
        "author": m.author,
        "text": m.text,
        "id": m.item_id,
    }
