"""One registry of keyboard shortcuts; the help dialog (F1) lists whatever is registered here.

Screens add their own shortcuts through :meth:`ShortcutRegistry.add`, so the help never goes stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass
class ShortcutEntry:
    """A registered shortcut: its key, what it does (translatable source text) and where it applies."""

    id: str
    keys: QKeySequence
    description: str
    context: str  # translation context of ``description``
    group: str
    shortcut: QShortcut | None

    def text(self) -> str:
        """The description in the interface language."""
        return QCoreApplication.translate(self.context, self.description)

    def key_text(self) -> str:
        """The key as the platform writes it (e.g. ``Ctrl+L``)."""
        return self.keys.toString(QKeySequence.SequenceFormat.NativeText)


class ShortcutRegistry(QObject):
    """Keeps every shortcut of the window; a guard can switch them all off (e.g. while locked)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[str, ShortcutEntry] = {}
        self.enabled = True

    def add(
        self,
        id: str,
        keys: str | QKeySequence | QKeySequence.StandardKey,
        description: str,
        callback: Callable[[], object] | None,
        parent: QWidget | None,
        *,
        context: str = "Shortcuts",
        group: str = "Window",
    ) -> ShortcutEntry:
        """Register ``keys`` on ``parent`` (window-wide); ``description`` is a translatable source text."""
        sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
        if id in self._entries:
            self.remove(id)
        shortcut: QShortcut | None = None
        if parent is not None and callback is not None:
            shortcut = QShortcut(sequence, parent)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            cb = callback
            shortcut.activated.connect(lambda: cb() if self.enabled else None)
        entry = ShortcutEntry(id, sequence, description, context, group, shortcut)
        self._entries[id] = entry
        return entry

    def remove(self, id: str) -> None:
        """Unregister a shortcut (a screen going away)."""
        entry = self._entries.pop(id, None)
        if entry is not None and entry.shortcut is not None:
            entry.shortcut.setEnabled(False)
            entry.shortcut.deleteLater()

    def entries(self) -> list[ShortcutEntry]:
        """Everything registered, in registration order."""
        return list(self._entries.values())

    def get(self, id: str) -> ShortcutEntry | None:
        """One entry by id."""
        return self._entries.get(id)

    def clear(self) -> None:
        """Unregister everything (the window is being rebuilt)."""
        for id_ in list(self._entries):
            self.remove(id_)


class ShortcutsHelpDialog(QDialog):
    """F1: every shortcut the registry knows, grouped."""

    def __init__(self, registry: ShortcutRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsHelp")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("These keys work anywhere in the Beat Desk window."), self))
        entries = registry.entries()
        self.table = QTableWidget(len(entries), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action"), self.tr("Where")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            self.table.setItem(row, 0, QTableWidgetItem(entry.key_text()))
            self.table.setItem(row, 1, QTableWidgetItem(entry.text()))
            self.table.setItem(row, 2, QTableWidgetItem(QCoreApplication.translate("Shortcuts", entry.group)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def rows(self) -> list[tuple[str, str]]:
        """(keys, action) as shown."""
        return [(self._text(r, 0), self._text(r, 1)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
