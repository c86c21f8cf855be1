"""The red banner an emergency raises across the window, with the one-click reply and the acknowledgement."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desk.emergency import EmergencyRecord
from ui.inbox.model import tr


class EmergencyBanner(QFrame):
    """Shows the oldest open emergency; stays until it is acknowledged and handed to the control room."""

    reply_requested = Signal(int)  # emergency id
    acknowledge_requested = Signal(int)
    handover_requested = Signal(int, str)
    open_requested = Signal(int)  # conversation id

    def __init__(self, emergency_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emergencyBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#emergencyBanner { background: #b71c1c; border-radius: 4px; }"
            "#emergencyBanner QLabel { color: white; }"
            "#emergencyBanner QPushButton { background: white; color: #b71c1c; font-weight: bold;"
            " padding: 4px 10px; border-radius: 3px; }"
        )
        self.emergency_number = emergency_number
        self.current: EmergencyRecord | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel("", self)
        self.text.setObjectName("emergencyText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.text, 1)
        self.open_button = QPushButton(tr("Open"), self)
        self.open_button.clicked.connect(self._open)
        row.addWidget(self.open_button)
        self.reply_button = QPushButton(tr("Reply: call {number}").format(number=emergency_number), self)
        self.reply_button.setObjectName("emergencyReply")
        self.reply_button.clicked.connect(lambda: self.current and self.reply_requested.emit(self.current.id))
        row.addWidget(self.reply_button)
        self.ack_button = QPushButton(tr("Acknowledge"), self)
        self.ack_button.setObjectName("emergencyAcknowledge")
        self.ack_button.clicked.connect(lambda: self.current and self.acknowledge_requested.emit(self.current.id))
        row.addWidget(self.ack_button)
        self.handover_note = QLineEdit(self)
        self.handover_note.setPlaceholderText(tr("Control room: who, how, reference"))
        self.handover_note.setMinimumWidth(180)
        row.addWidget(self.handover_note)
        self.handover_button = QPushButton(tr("Handed to control room"), self)
        self.handover_button.setObjectName("emergencyHandover")
        self.handover_button.clicked.connect(self._handover)
        row.addWidget(self.handover_button)
        self.hide()

    def _open(self) -> None:
        if self.current is not None and self.current.conversation_id is not None:
            self.open_requested.emit(self.current.conversation_id)

    def _handover(self) -> None:
        if self.current is None:
            return
        note = self.handover_note.text().strip() or tr("Handed to the control room by phone")
        self.handover_requested.emit(self.current.id, note)

    def show_emergencies(self, open_ones: list[EmergencyRecord], people: Mapping[int, str]) -> None:
        """Show the oldest emergency that is not both acknowledged and handed over; hide when none is left."""
        waiting = [e for e in open_ones if e.acknowledged_by is None or e.handed_over_at is None]
        if not waiting:
            self.current = None
            self.hide()
            return
        e = sorted(waiting, key=lambda x: x.raised_at)[0]
        changed = self.current is None or self.current.id != e.id
        self.current = e
        more = len(waiting) - 1
        ack = (
            tr("Acknowledged by {name}").format(name=html.escape(people.get(e.acknowledged_by, str(e.acknowledged_by))))
            if e.acknowledged_by is not None
            else tr("<b>Not acknowledged</b>")
        )
        snippet = " ".join(e.text.split())[:160]
        self.text.setText(
            # The label shows rich text: a citizen's words and handle are escaped, never read as markup.
            tr("<b>EMERGENCY</b> on {platform} from @{who}: “{text}” · {ack}").format(
                platform=html.escape(e.platform),
                who=html.escape(e.author_handle.lstrip("@")),
                text=html.escape(snippet),
                ack=ack,
            )
            + (tr(" · {n} more").format(n=more) if more > 0 else "")
        )
        self.ack_button.setEnabled(e.acknowledged_by is None)
        self.handover_button.setEnabled(e.handed_over_at is None)
        if changed:
            self.handover_note.clear()
        self.show()
