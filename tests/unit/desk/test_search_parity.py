"""Search folds and matches the same way on SQLite (FTS5) and PostgreSQL (tsvector): identical results."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from desk.clock import ManualClock
from desk.context import DeskContext, open_desk
from desk.inbox import InboxFilter, InboxService
from desk.ports import Stream
from desk.search import fold, fts5_query, query_tokens, tsquery
from desk.secrets import InMemorySecretStore
from desk.triage import Triage
from tests.unit.desk.test_inbox_service import T0, make_account, page, rec, triage

__all__ = ["triage"]

ITEMS = [
    "Pyöräni varastettiin Töölöstä eilen illalla!",
    "PYORANI löytyi, kiitos poliisi",
    "Jag såg en misstänkt bil vid Åbo torg",
    "Det var en ÅSKSTORM och trafikolycka",
    "E-mail me at matti.meikalainen@example.fi about case 2026-00123",
    "See https://poliisi.fi/rikosilmoitus for the crime report form",
    "Straße gesperrt? Café Ängel on Fleminginkatu 12 B",
    "Car reg ABC-123 hit-and-run near Kallio",
    "hit and run? no, it was a minor bump",
    "Number 112 or 0295 419 800?",
    "naïve façade coöperate résumé",
    "Ο σκύλος μου χάθηκε στην Αθήνα",
    "警察署はどこですか 2026",
    "ﬁnal ligature and fullwidth ＡＢＣ１２３",
    "",
    "   ...!!! ???",
]
QUERIES = [
    "pyörä",
    "pyora",
    "PYÖRÄNI",
    "töölö",
    "abo",
    "Åsk",
    "e-mail",
    "matti.meikalainen@example.fi",
    "example",
    "https://poliisi.fi",
    "poliisi",
    "2026",
    "00123",
    "strasse",
    "cafe angel",
    "abc-123",
    "hit-and-run",
    "hit run",
    "112",
    "0295 419",
    "naive facade",
    "cooperate",
    "σκυλος",
    "警察署はどこですか",
    "final abc123",
    "fleminginkatu 12 b",
    "AND",
    "or",
    "NEAR",
    '"',
    "*",
    "-",
    "x",
    "nothing-matches-this",
]


def _desk(url: str, tmp: Path) -> DeskContext:
    return open_desk(url, ManualClock(T0), InMemorySecretStore(), workstation="parity", data_dir=tmp)


@pytest.fixture
def both(postgres_server: str | None, tmp_path: Path) -> Iterator[tuple[InboxService, InboxService]]:
    """The same items stored in an SQLite and a PostgreSQL desk."""
    assert postgres_server is not None
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    lite = _desk(f"sqlite:///{tmp_path / 'lite.sqlite3'}", tmp_path / "a")
    pg = _desk(postgres_server.rsplit("/", 1)[0] + "/" + name, tmp_path / "b")
    triage = Triage.load()
    services = []
    for ctx in (lite, pg):
        account = make_account(ctx)
        records = [rec(str(i), body, author=f"u{i}", at=T0 + timedelta(minutes=i % 5)) for i, body in enumerate(ITEMS)]
        InboxService(ctx, triage).ingest(account, Stream.MENTIONS, page(*records))
        services.append(InboxService(ctx, triage))
    try:
        yield services[0], services[1]
    finally:
        lite.dispose()
        pg.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _ids(service: InboxService, query: str) -> list[str]:
    rows = service.page(InboxFilter(text=query), 0, 100)
    return [f"{r.created_at.isoformat()}|{r.snippet}" for r in rows]


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_identical_results(both: tuple[InboxService, InboxService]) -> None:
    lite, pg = both
    hits = 0
    for query in QUERIES:
        a, b = _ids(lite, query), _ids(pg, query)
        assert a == b, query
        hits += bool(a)
    assert hits >= 25  # the queries really find things; parity of empty lists would prove nothing


@pytest.mark.postgres
def test_expected_matches(both: tuple[InboxService, InboxService]) -> None:
    lite, _pg = both
    found = {
        q: [s.split("|", 1)[1] for s in _ids(lite, q)]
        for q in ("pyora", "abo", "abo torg", "hit-and-run", "cafe angel")
    }
    assert sorted(found["pyora"]) == sorted([ITEMS[0], ITEMS[1]])  # accents and case folded, prefix match
    assert sorted(found["abo"]) == sorted([ITEMS[2], ITEMS[4]])  # "Åbo" and the prefix of "about"
    assert found["abo torg"] == [ITEMS[2]]
    assert sorted(found["hit-and-run"]) == sorted([ITEMS[7], ITEMS[8]])  # tokens, not the hyphenated string
    assert found["cafe angel"] == [ITEMS[6]]


def test_fold_examples() -> None:
    assert fold("Pyöräni varastettiin Töölöstä!") == "pyorani varastettiin toolosta"
    assert fold("Straße ÅSK ﬁ ＡＢＣ１２３") == "strasse ask fi abc123"
    assert fold("e-mail: a.b@c.fi") == "e mail a b c fi"
    assert fold("  ...  ") == ""


def test_query_builders_quote_every_token() -> None:
    assert fts5_query('pyörä AND "x" NEAR') == '"pyora"* AND "and"* AND "x"* AND "near"*'
    assert tsquery("Åbo torg") == "'abo':* & 'torg':*"
    assert fts5_query("!!!") is None and tsquery("") is None


@given(st.text(max_size=200))
def test_query_tokens_are_safe_for_both_parsers(text: str) -> None:
    for tok in query_tokens(text):
        assert tok and " " not in tok and '"' not in tok and "'" not in tok and "\\" not in tok
        assert fold(tok) == tok  # folding is idempotent, so stored and typed tokens meet


@pytest.mark.postgres
def test_search_and_filters_combine(both: tuple[InboxService, InboxService]) -> None:
    for service in both:
        assert service.count(InboxFilter(text="poliisi")) == 2
        assert service.count(InboxFilter(text="poliisi", since=T0 + timedelta(minutes=1))) == 1
        assert service.count(InboxFilter(text="   ")) == len(ITEMS)


def test_newest_first_holds_when_items_arrive_out_of_order(ctx: Any, triage: Any) -> None:
    """Late arrivals (old messages synced late, so with high ids) sort by their time, on every page size."""
    from desk.inbox import InboxService

    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    rng = random.Random(5)
    minutes = list(range(60))
    rng.shuffle(minutes)
    for batch in range(6):  # six syncs, each with times from anywhere in the hour
        chunk = minutes[batch * 10 : batch * 10 + 10]
        records = [
            rec(
                f"m{m}",
                f"koira number {m}" if m % 3 else f"kissa number {m}",
                author=f"u{m}",
                at=T0 + timedelta(minutes=m),
            )
            for m in chunk
        ]
        inbox.ingest(account, Stream.MENTIONS, page(*records))
    expected = [f"koira number {m}" for m in sorted((m for m in minutes if m % 3), reverse=True)]
    for size in (1, 3, 7, 40, 100):
        got = [r.snippet for offset in range(0, 40, size) for r in inbox.page(InboxFilter(text="koi"), offset, size)]
        assert got == expected, size
    assert [r.snippet for r in inbox.page(InboxFilter(text="number", since=T0 + timedelta(minutes=55)), 0, 3)] == [
        "koira number 59",
        "koira number 58",
        "kissa number 57",
    ]
