"""The inbox table model answers a whole cell per call and shows why triage chose each row's class."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from desk.inbox import InboxFilter, InboxRow
from ui.inbox.model import COLUMNS, InboxTableModel
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
REASON = 'emergency: rule knife_threat matched "knife"'


def _rows(n: int) -> list[InboxRow]:
    return [
        InboxRow(
            i,
            i,
            1,
            ("x", "mastodon")[i % 2],
            "mention",
            f"@u{i}",
            f"Citizen {i}",
            f"message number {i}",
            NOW - timedelta(minutes=i),
            ("new", "closed")[i % 2],
            "emergency" if i == 0 else "question",
            None,
            i % 3 == 0,
            False,
            i == 2,
            i == 4,
            REASON if i == 0 else None,
        )
        for i in range(n)
    ]


class _Counting(InboxTableModel):
    """Counts ``data()`` calls, telling those made by ``multiData`` from those Qt makes itself."""

    from_multidata = 0
    from_qt = 0

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if sys._getframe(1).f_code.co_name in ("multiData", "_cells"):
            type(self).from_multidata += 1
        else:
            type(self).from_qt += 1
        return super().data(index, role)


@pytest.fixture
def model(qapp: QApplication) -> Iterator[_Counting]:
    rows = _rows(30)
    runner = TaskRunner(MessageBridge())
    m = _Counting(runner, lambda _f, o, n: rows[o : o + n], lambda _f: len(rows), lambda: NOW, accounts={1: "poliisi"})
    m.set_filter(InboxFilter())
    deadline = datetime.now() + timedelta(seconds=10)
    while m.rowCount() < len(rows) and datetime.now() < deadline:
        qapp.processEvents()
    assert m.rowCount() == len(rows)
    try:
        yield m
    finally:
        runner.shutdown(wait=True)


ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.UserRole,
]


def test_multidata_answers_what_data_answers(model: _Counting) -> None:
    compared = 0
    for row in range(6):
        for col in range(len(COLUMNS)):
            index = model.index(row, col)
            for role in ROLES:
                slot = QModelRoleData(int(role))
                model.multiData(index, QModelRoleDataSpan(slot))
                expected = model.data(index, role)
                got = slot.data()
                if isinstance(expected, str | int | type(None)):
                    assert got == expected, (row, col, role)
                else:  # icons, fonts and brushes: the same kind of value
                    assert type(got) is type(expected), (row, col, role)
                compared += expected is not None
    assert compared > 100  # real values were compared, not only empty roles


def test_painting_asks_once_per_cell(qapp: QApplication, model: _Counting) -> None:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.resize(900, 400)
    _Counting.from_multidata = _Counting.from_qt = 0
    view.grab()  # renders every visible cell
    visible_rows = min(model.rowCount(), 400 // view.verticalHeader().defaultSectionSize())
    assert _Counting.from_qt == 0  # Qt never falls back to one data() call per role
    # cells are built once per page: a paint asks data() only for the ticking SLA column, one call per role
    assert visible_rows <= _Counting.from_multidata < visible_rows * len(COLUMNS)
    first = _Counting.from_multidata
    _Counting.from_multidata = 0
    view.grab()
    assert _Counting.from_multidata == first
    assert _Counting.from_qt == 0
    view.close()


def test_cells_follow_names_loaded_later(model: _Counting) -> None:
    account = COLUMNS.index("account")
    index = model.index(0, account)

    def shown() -> Any:
        slot = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
        model.multiData(index, QModelRoleDataSpan(slot))
        return slot.data()

    assert shown() == "poliisi"
    model.accounts = {1: "HelsinkiPolice"}
    model.names_changed()
    assert shown() == "HelsinkiPolice"  # the cells built before the names arrived are not kept


def test_the_class_tooltip_gives_triage_reason(model: _Counting) -> None:
    triage = COLUMNS.index("triage")
    tip = model.data(model.index(0, triage), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Emergency", REASON]
    assert model.data(model.index(1, triage), Qt.ItemDataRole.ToolTipRole) == "Question"  # no reason stored


def test_names_loaded_later_replace_the_ids_shown(model: _Counting) -> None:
    account = COLUMNS.index("account")
    index = model.index(0, account)
    assert model.data(index) == "poliisi"
    model.accounts = {1: "HelsinkiPolice"}  # the screen's look-ups arrive after the first page
    assert model.data(index) == "poliisi"  # formatted once per page...
    model.names_changed()
    assert model.data(index) == "HelsinkiPolice"  # ...and again when the names change
