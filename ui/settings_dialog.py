"""The settings dialog, generated from the pydantic fields of :class:`desk.settings.DeskSettings`.

Sections come from nested models, labels from each field's ``title``, help text from its ``description``.
Enums become combo boxes, bounded integers spin boxes, strings line edits, booleans check boxes. Input is
validated by pydantic as it is typed and errors are shown beside the field; saving goes through
:class:`desk.settings.SettingsService` (administrators only; everyone else sees the settings read-only).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import annotated_types as at
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.auth import Identity
from desk.roles import Action
from desk.settings import SettingsService
from ui.tasks import TaskRunner

#: Fields the desk maintains itself; never shown for editing.
HIDDEN_FIELDS = frozenset({"schema_version"})
INT_MAX = 2_147_483_647


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    low: float | None = None
    high: float | None = None
    for item in info.metadata:
        if isinstance(item, at.Ge):
            low = float(item.ge)  # type: ignore[arg-type]
        elif isinstance(item, at.Gt):
            low = float(item.gt) + 1  # type: ignore[arg-type]
        elif isinstance(item, at.Le):
            high = float(item.le)  # type: ignore[arg-type]
        elif isinstance(item, at.Lt):
            high = float(item.lt) - 1  # type: ignore[arg-type]
    return low, high


def _max_length(info: FieldInfo) -> int | None:
    for item in info.metadata:
        if isinstance(item, at.MaxLen):
            return int(item.max_length)
    return None


def _enum_label(member: enum.Enum) -> str:
    return QCoreApplication.translate("SettingsValues", member.name.replace("_", " ").capitalize())


class FieldEditor:
    """One generated editor: reads and writes a plain value and shows an inline error."""

    def __init__(self, name: str, info: FieldInfo, value: Any, parent: QWidget) -> None:
        self.name = name
        self.info = info
        self.error = QLabel(parent)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        annotation = info.annotation
        self.widget: QWidget
        self._read: Callable[[], Any]
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            combo = QComboBox(parent)
            for member in annotation:
                combo.addItem(_enum_label(member), member.value)
            combo.setCurrentIndex(max(0, combo.findData(getattr(value, "value", value))))
            self.widget, self._read = combo, combo.currentData
            self.changed = combo.currentIndexChanged
        elif annotation is bool:
            check = QCheckBox(parent)
            check.setChecked(bool(value))
            self.widget, self._read = check, check.isChecked
            self.changed = check.toggled
        elif annotation is int:
            spin = QSpinBox(parent)
            low, high = _bounds(info)
            spin.setRange(int(low) if low is not None else -INT_MAX, int(high) if high is not None else INT_MAX)
            spin.setValue(int(value))
            self.widget, self._read = spin, spin.value
            self.changed = spin.valueChanged
        elif annotation is float:
            dspin = QDoubleSpinBox(parent)
            low, high = _bounds(info)
            dspin.setRange(low if low is not None else -1e12, high if high is not None else 1e12)
            dspin.setValue(float(value))
            self.widget, self._read = dspin, dspin.value
            self.changed = dspin.valueChanged
        else:
            line = QLineEdit(parent)
            line.setText("" if value is None else str(value))
            length = _max_length(info)
            if length is not None:
                line.setMaxLength(length)
            self.widget, self._read = line, line.text
            self.changed = line.textChanged
        self.widget.setObjectName(f"field_{name}")
        if info.description:
            self.widget.setToolTip(info.description)

    def value(self) -> Any:
        """The value as typed."""
        return self._read()

    def show_error(self, text: str | None) -> None:
        """Show or clear the inline error."""
        self.error.setText(text or "")
        self.error.setVisible(bool(text))
        self.widget.setProperty("invalid", bool(text))
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)


class SettingsForm(QWidget):
    """The generated form, for any settings model shaped like :class:`DeskSettings`."""

    validity_changed = Signal(bool)

    def __init__(self, settings: BaseModel, *, read_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_type = type(settings)
        self.original = settings
        self.read_only = read_only
        self.editors: dict[tuple[str, ...], FieldEditor] = {}
        self.sections: dict[str, QGroupBox] = {}
        self.valid = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        general: QFormLayout | None = None
        for name, info in type(settings).model_fields.items():
            if name in HIDDEN_FIELDS:
                continue
            value = getattr(settings, name)
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                box, form = self._section(info.title or name, annotation.__doc__ or "")
                self.sections[name] = box
                layout.addWidget(box)
                for sub_name, sub_info in annotation.model_fields.items():
                    self._add(form, (name, sub_name), sub_info, getattr(value, sub_name))
            else:
                if general is None:
                    box, general = self._section(self.tr("General"), "")
                    self.sections[""] = box
                    layout.addWidget(box)
                self._add(general, (name,), info, value)
        layout.addStretch(1)
        for editor in self.editors.values():
            editor.widget.setEnabled(not read_only)
            editor.changed.connect(self.validate)

    def _section(self, title: str, doc: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(QCoreApplication.translate("SettingsSections", title), self)
        box.setObjectName("settingsSection")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        if doc.strip():
            box.setToolTip(doc.strip())
        return box, form

    def _add(self, form: QFormLayout, path: tuple[str, ...], info: FieldInfo, value: Any) -> None:
        editor = FieldEditor(".".join(path), info, value, self)
        column = QWidget(self)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        if isinstance(editor.widget, QLineEdit):
            inner.addWidget(editor.widget)
        else:
            editor.widget.setMinimumWidth(240)
            inner.addWidget(editor.widget, 0, Qt.AlignmentFlag.AlignLeft)
        if info.description:
            help_label = QLabel(info.description, column)
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            inner.addWidget(help_label)
        inner.addWidget(editor.error)
        label = QLabel(info.title or path[-1], self)
        label.setObjectName(f"label_{'_'.join(path)}")
        if info.description:
            label.setToolTip(info.description)
        label.setBuddy(editor.widget)
        form.addRow(label, column)
        self.editors[path] = editor

    def data(self) -> dict[str, Any]:
        """What the form holds, as a document for pydantic."""
        doc: dict[str, Any] = self.original.model_dump(mode="python")
        for path, editor in self.editors.items():
            target = doc
            for key in path[:-1]:
                target = target.setdefault(key, {})
            target[path[-1]] = editor.value()
        return doc

    def validate(self) -> BaseModel | None:
        """Validate through pydantic; errors appear beside their fields. Returns the model when valid."""
        for each in self.editors.values():
            each.show_error(None)
        try:
            result = self.model_type.model_validate(self.data())
        except ValidationError as exc:
            for error in exc.errors():
                path = tuple(str(p) for p in error["loc"])
                editor: FieldEditor | None = self.editors.get(path)
                while editor is None and len(path) > 1:
                    path = path[:-1]
                    editor = self.editors.get(path)
                if editor is not None:
                    editor.show_error(error["msg"])
            self._set_valid(False)
            return None
        self._set_valid(True)
        return result

    def _set_valid(self, valid: bool) -> None:
        if valid != self.valid:
            self.valid = valid
            self.validity_changed.emit(valid)


class SettingsPanel(QWidget):
    """The settings form with its Save button; read-only for anyone who may not manage settings."""

    saved = Signal(object)  # DeskSettings

    def __init__(
        self,
        service: SettingsService,
        identity: Identity,
        runner: TaskRunner,
        settings: BaseModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPanel")
        self.service = service
        self.identity = identity
        self.runner = runner
        self.can_edit = identity.can(Action.MANAGE_SETTINGS)
        current = settings if settings is not None else service.load()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        heading = QLabel(self.tr("Settings"), self)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.note = QLabel(self)
        self.note.setObjectName("pageNote")
        self.note.setWordWrap(True)
        if not self.can_edit:
            self.note.setText(self.tr("Only an administrator can change these settings; you can read them here."))
        else:
            self.note.setText(self.tr("Changes are saved for everyone at this desk and recorded in the audit log."))
        layout.addWidget(self.note)
        self.form = SettingsForm(current, read_only=not self.can_edit, parent=self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("pageNote")
        row.addWidget(self.status)
        self.save_button = QPushButton(self.tr("Save settings"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setVisible(self.can_edit)
        self.save_button.clicked.connect(self.save)
        self.form.validity_changed.connect(self.save_button.setEnabled)
        row.addWidget(self.save_button)
        layout.addLayout(row)

    def save(self) -> None:
        """Validate, then save through the settings service on the database lane."""
        result = self.form.validate()
        if result is None or not self.can_edit:
            return
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def done(_: object) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("Saved."))
            self.form.original = result
            self.saved.emit(result)

        def failed(_exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("Not saved."))

        self.runner.run_serial(self.service.save, self.identity, result, on_done=done, on_error=failed, name="settings")


class SettingsDialog(QDialog):
    """The settings panel in a dialog of its own."""

    def __init__(
        self,
        service: SettingsService,
        identity: Identity,
        runner: TaskRunner,
        settings: BaseModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Beat Desk settings"))
        layout = QVBoxLayout(self)
        self.panel = SettingsPanel(service, identity, runner, settings, self)
        layout.addWidget(self.panel)
        self.resize(640, 560)
        self.setWindowModality(Qt.WindowModality.WindowModal)
