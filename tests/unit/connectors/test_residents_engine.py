"""The residents engine against fake platform modules: mix, languages, kinds, edits, bounds, clock, endpoint."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from connectors.sandbox import residents as residents_module
from connectors.sandbox.residents import (
    CATEGORIES,
    PERSONAS_PER_LANGUAGE,
    ResidentMessage,
    Residents,
    Templates,
    engine_for,
    routes,
)
from connectors.sandbox.state import SandboxAccount, SandboxState
from desk.clock import ManualClock
from desk.resources import resource_path


class FakeModule:
    """A platform module that records what it is asked to do, and refuses what its platform cannot do."""

    def __init__(self, state: SandboxState, name: str, kinds: set[str], *, editable: bool = True) -> None:
        self.state = state
        self.name = name
        self.kinds = kinds
        self.editable = editable
        self.calls: list[dict[str, Any]] = []
        self.items: dict[str, dict[str, Any]] = {}
        self.force_posts = 0
        self.fail_with: Exception | None = None

    def create_account(
        self, handle: str, display_name: str, *, is_force: bool = True, **options: Any
    ) -> SandboxAccount:
        platform = str(options.get("platform", self.name))
        acc = SandboxAccount(platform, f"{platform}-{len(self.state.accounts) + 1}", handle, display_name, {}, is_force)
        return self.state.register(acc)

    def inject(self, force: SandboxAccount, kind: str, author: SandboxAccount, text: str, **options: Any) -> str:
        if self.fail_with is not None:
            raise self.fail_with
        self.calls.append({"force": force, "kind": kind, "author": author, "text": text, **options})
        if options.get("delete_id"):
            item = self.items.get(str(options["delete_id"]))
            if item is None or item["author"] != author.account_id:
                raise ValueError("no such item by this author")
            item["deleted"] = True
            return str(options["delete_id"])
        if options.get("edit_of"):
            if not self.editable:
                raise ValueError("cannot edit")
            item = self.items[str(options["edit_of"])]
            assert item["author"] == author.account_id
            item["versions"].append(text)
            return str(options["edit_of"])
        if kind not in self.kinds:
            raise ValueError(f"{self.name} has no {kind}")
        if kind == "reply" and not self.force_posts:
            raise ValueError("the force account has not posted yet")
        item_id = f"{self.name}:{len(self.items) + 1}"
        self.items[item_id] = {"author": author.account_id, "versions": [text], "kind": kind, "deleted": False}
        return item_id

    def summary(self) -> dict[str, Any]:
        return {"items": len(self.items)}


def _sandbox(*platforms: str, clock: ManualClock | None = None) -> tuple[SandboxState, dict[str, FakeModule]]:
    state = SandboxState(clock or ManualClock())
    modules = {
        "x": FakeModule(state, "x", {"mention", "reply", "dm"}),
        "graph": FakeModule(state, "graph", {"comment", "dm"}),
        "mastodon": FakeModule(state, "mastodon", {"mention", "reply", "dm"}),
        "bluesky": FakeModule(state, "bluesky", {"mention", "reply", "dm"}, editable=False),
    }
    for name, module in modules.items():
        state.platforms[name] = module
    for platform in platforms:
        module = modules["graph" if platform in ("facebook", "instagram") else platform]
        module.create_account("examplepolice", "Example Police", is_force=True, platform=platform)
    return state, modules


def _run(engine: Residents, limit: int = 10_000) -> list[ResidentMessage]:
    out: list[ResidentMessage] = []
    for _ in range(limit):
        message = engine.step()
        if message is None and engine.finished:
            break
        if message is not None:
            out.append(message)
    return out


def _signature(messages: list[ResidentMessage]) -> list[tuple[str, ...]]:
    return [(m.action, m.platform, m.kind, m.category, m.lang, m.author, m.text) for m in messages]


# --- determinism and bounds ------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_evening() -> None:
    runs = []
    for _ in range(2):
        state, _ = _sandbox("x", "facebook", "mastodon")
        runs.append(_signature(_run(Residents(state, 30, seed=42, max_messages=80))))
    assert runs[0] == runs[1]
    state, _ = _sandbox("x", "facebook", "mastodon")
    assert _signature(_run(Residents(state, 30, seed=43, max_messages=80))) != runs[0]


def test_max_messages_bounds_what_is_sent() -> None:
    state, modules = _sandbox("x")
    engine = Residents(state, 60, seed=1, max_messages=25)
    messages = _run(engine)
    assert engine.counts.sent == 25 == sum(1 for m in messages if m.action == "send")
    assert engine.finished and engine.step() is None
    assert len(modules["x"].items) == 25  # refused attempts (a reply with nothing to reply to) created nothing


def test_nothing_is_sent_without_a_force_account() -> None:
    state, modules = _sandbox()
    engine = Residents(state, 60, seed=1, max_messages=5)
    assert engine.step() is None
    assert engine.counts.sent == 0 and not any(m.calls for m in modules.values())
    modules["mastodon"].create_account("lateforce", "Late Force")  # accounts created later are picked up
    message = engine.step()
    assert message is not None and message.platform == "mastodon"


# --- content ---------------------------------------------------------------------------------------


def test_the_mix_and_languages_are_honoured() -> None:
    state, _ = _sandbox("x", "mastodon")
    engine = Residents(state, 60, languages=["fi"], seed=2, mix={"emergency": 1.0}, max_messages=30)
    messages = [m for m in _run(engine) if m.action == "send"]
    assert {m.category for m in messages} == {"emergency"}
    assert {m.expected_label for m in messages} == {"emergency"}
    assert {m.lang for m in messages} == {"fi"}
    fi_handles = {p.handle for p in engine.personas["fi"]}
    assert {m.author for m in messages} <= fi_handles


def test_the_default_mix_is_realistic_over_many_messages() -> None:
    state, _ = _sandbox("x", "facebook", "instagram", "mastodon", "bluesky")
    engine = Residents(state, 60, seed=7, max_messages=1500)
    sent = [m for m in _run(engine) if m.action == "send"]
    by_category = Counter(m.category for m in sent)
    assert set(by_category) == set(CATEGORIES)
    # Questions are common; emergencies and disclosures are rare but present.
    assert by_category["question"] > by_category["emergency"] * 4
    assert 0 < by_category["emergency"] < 0.06 * len(sent)
    assert 0 < by_category["safeguarding"] < 0.06 * len(sent)
    assert set(Counter(m.lang for m in sent)) == {"en", "fi", "sv"}
    assert set(Counter(m.platform for m in sent)) == {"x", "facebook", "instagram", "mastodon", "bluesky"}


def test_kinds_fit_each_platform_and_dms_do_not_mention_the_account() -> None:
    state, modules = _sandbox("x", "facebook", "bluesky")
    engine = Residents(state, 60, seed=3, max_messages=400)
    sent = [m for m in _run(engine) if m.action == "send"]
    for m in sent:
        if m.platform == "facebook":
            assert m.kind in ("comment", "dm")
        else:
            assert m.kind in ("mention", "reply", "dm")
        if m.kind == "dm":
            assert not m.text.lower().startswith("@examplepolice")
    # Nobody has posted yet, so replies fell back to mentions; once the force posts, replies arrive.
    assert not any(m.kind == "reply" for m in sent)
    modules["x"].force_posts = 1
    engine.max_messages = 800
    more = [m for m in _run(engine) if m.action == "send"]
    assert any(m.kind == "reply" and m.platform == "x" for m in more)


def test_safeguarding_goes_mostly_to_private_messages() -> None:
    state, _ = _sandbox("mastodon")
    engine = Residents(state, 60, seed=5, mix={"safeguarding": 1.0}, max_messages=100)
    kinds = Counter(m.kind for m in _run(engine) if m.action == "send")
    assert kinds["dm"] >= 75


def test_slots_are_filled_and_the_force_is_named() -> None:
    state, _ = _sandbox("x")
    engine = Residents(state, 60, seed=9, max_messages=200)
    for m in _run(engine):
        assert "{" not in m.text and "}" not in m.text, m.text
        if m.kind == "mention" and m.action == "send":
            assert "@examplepolice" in m.text


def test_edits_and_deletes_touch_earlier_messages_of_the_same_author() -> None:
    state, modules = _sandbox("x", "bluesky")
    engine = Residents(state, 60, seed=11, max_messages=600)
    messages = _run(engine)
    edits = [m for m in messages if m.action == "edit"]
    deletes = [m for m in messages if m.action == "delete"]
    assert edits and deletes
    assert engine.counts.edits == len(edits) and engine.counts.deletes == len(deletes)
    for m in edits:
        assert m.platform == "x"  # the fake Bluesky, like the real one, refuses edits
        item = modules["x"].items[m.item_id]
        assert item["versions"][-1] == m.text or m.text in item["versions"]
        assert len(item["versions"]) >= 2
    for m in deletes:
        assert modules["graph" if m.platform in ("facebook", "instagram") else m.platform].items[m.item_id]["deleted"]


def test_personas_have_names_and_distinct_ascii_handles() -> None:
    state, _ = _sandbox("x")
    engine = Residents(state, 60, seed=4)
    for lang, people in engine.personas.items():
        assert len(people) == PERSONAS_PER_LANGUAGE
        handles = [p.handle for p in people]
        assert len(set(handles)) == len(handles)
        assert all(h.isascii() and h.replace("_", "").isalnum() for h in handles)
        assert all(" " in p.name and p.lang == lang for p in people)


def test_one_resident_is_one_account_per_platform() -> None:
    state, _ = _sandbox("x", "mastodon")
    engine = Residents(state, 60, seed=6, max_messages=300)
    _run(engine)
    residents = [a for a in state.accounts.values() if not a.is_force]
    keys = [(a.platform, a.handle) for a in residents]
    assert len(keys) == len(set(keys))
    assert len(residents) <= 2 * 3 * PERSONAS_PER_LANGUAGE


# --- settings and templates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rate_per_minute": 0}, "rate_per_minute"),
        ({"languages": ["de"]}, "languages"),
        ({"languages": []}, "languages"),
        ({"mix": {"gossip": 1.0}}, "unknown categories"),
        ({"mix": {"question": 0.0}}, "not all zero"),
        ({"max_messages": -1}, "max_messages"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, Any], message: str) -> None:
    state, _ = _sandbox("x")
    settings: dict[str, Any] = {"rate_per_minute": 10, **kwargs}
    rate = settings.pop("rate_per_minute")
    with pytest.raises(ValueError, match=message):
        Residents(state, rate, **settings)


def test_template_files_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"residents_en\.json"):
        Templates.load("en", tmp_path)
    raw = json.loads(resource_path("demo", "residents_en.json").read_text(encoding="utf-8"))
    raw["templates"]["tip"].append("saw someone at {nowhere}")
    (tmp_path / "residents_en.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown slot \{nowhere\}"):
        Templates.load("en", tmp_path)
    del raw["templates"]["tip"]
    (tmp_path / "residents_en.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="lack 'tip'"):
        Templates.load("en", tmp_path)


def test_shipped_templates_differ_from_the_triage_heldout_set() -> None:
    heldout_path = Path(__file__).parents[1] / "desk" / "triage_heldout.jsonl"
    heldout = {json.loads(line)["text"].casefold() for line in heldout_path.read_text(encoding="utf-8").splitlines()}
    for lang in ("en", "fi", "sv"):
        t = Templates.load(lang)
        for items in t.templates.values():
            for text in items:
                core = text.replace("@{force}", "").strip().casefold()
                assert core not in heldout


# --- the thread on the sandbox clock ---------------------------------------------------------------


def test_the_thread_sends_at_the_rate_on_the_sandbox_clock() -> None:
    clock = ManualClock()
    state, _ = _sandbox("x", clock=clock)
    started = clock.now()
    engine = Residents(state, 30, seed=8, max_messages=200)  # one message every 2 s on average
    engine.start()
    deadline = time.monotonic() + 10
    while engine.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not engine.running and engine.counts.sent == 200
    elapsed = (clock.now() - started).total_seconds()
    assert 200 * 2 * 0.75 < elapsed < 200 * 2 * 1.25


class _SlowClock(ManualClock):
    """Sleeps in real time too, so the thread is still waiting when stop() comes."""

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, 0.05))
        self.advance(seconds)


def test_stop_ends_the_thread_promptly() -> None:
    state, _ = _sandbox("x", clock=_SlowClock())
    engine = Residents(state, 0.5, seed=8, max_messages=None)  # one every two minutes
    engine.start()
    assert engine.running
    began = time.monotonic()
    engine.stop()
    assert not engine.running and time.monotonic() - began < 2
    assert engine.counts.sent == 0


def test_a_platform_bug_is_counted_and_the_evening_goes_on() -> None:
    state, modules = _sandbox("x")
    modules["x"].fail_with = RuntimeError("boom")
    engine = Residents(state, 600, seed=8, max_messages=3)
    engine.start()
    deadline = time.monotonic() + 5
    while engine.counts.errors < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert engine.running and engine.counts.last_error == "RuntimeError: boom"
    modules["x"].fail_with = None
    while engine.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert engine.counts.sent == 3
    engine.stop()


# --- the admin endpoint ----------------------------------------------------------------------------


def test_admin_endpoint_configures_runs_and_counts() -> None:
    state, _ = _sandbox("x", "mastodon")
    client = TestClient(Starlette(routes=routes(state)))
    assert client.get("/_sandbox/residents").json()["configured"] is False
    response = client.post(
        "/_sandbox/residents",
        json={"rate_per_minute": 600, "languages": ["sv", "en"], "seed": 3, "max_messages": 20, "running": True},
    )
    assert response.status_code == 200
    assert response.json()["languages"] == ["sv", "en"]
    engine = engine_for(state)
    assert engine is not None
    deadline = time.monotonic() + 5
    while engine.running and time.monotonic() < deadline:
        time.sleep(0.01)
    body = client.get("/_sandbox/residents").json()
    assert body["counts"]["sent"] == 20 and body["finished"] is True
    assert set(body["counts"]["by_lang"]) <= {"sv", "en"}
    assert body["recent"] and body["recent"][-1]["platform"] in ("x", "mastodon")
    # Changing only "running" keeps the engine and its counts.
    assert client.post("/_sandbox/residents", json={"running": False}).json()["counts"]["sent"] == 20
    assert engine_for(state) is engine


@pytest.mark.parametrize(
    "body",
    [
        {"rate_per_minute": "fast"},
        {"languages": "en"},
        {"seed": 1.5},
        {"colour": "blue"},
        {"languages": ["de"]},
        {"max_messages": "ten"},
        [1, 2],
    ],
)
def test_admin_endpoint_refuses_bad_settings(body: Any) -> None:
    state, _ = _sandbox("x")
    client = TestClient(Starlette(routes=routes(state)))
    response = client.post("/_sandbox/residents", json=body)
    assert response.status_code == 400 and response.json()["error"]
    assert client.post("/_sandbox/residents", content=b"{not json").status_code == 400
    assert residents_module.engine_for(state) is None
