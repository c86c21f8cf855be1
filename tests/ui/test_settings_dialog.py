"""The settings dialog is generated from the pydantic fields, validates inline and saves through the service."""

from __future__ import annotations

import enum

import pytest
from pydantic import BaseModel, ConfigDict, Field
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from desk.auth import Identity
from desk.context import DeskContext
from desk.settings import (
    AppearanceSettings,
    DeskSettings,
    SecuritySettings,
    SettingsService,
    StationSettings,
    SyncSettings,
    Theme,
)
from tests.ui.conftest import audit_actions
from ui.settings_dialog import SettingsDialog, SettingsForm, SettingsPanel
from ui.tasks import TaskRunner


def test_every_field_gets_a_labelled_editor_of_the_right_kind(qtbot: QtBot) -> None:
    form = SettingsForm(DeskSettings())
    qtbot.addWidget(form)
    sections: dict[str, type[BaseModel]] = {
        "appearance": AppearanceSettings,
        "security": SecuritySettings,
        "station": StationSettings,
        "sync": SyncSettings,
    }
    expected_paths = {(s, f) for s, model in sections.items() for f in model.model_fields}
    assert set(form.editors) == expected_paths  # schema_version is the desk's own and stays hidden
    for section, model in sections.items():
        assert form.sections[section].title() == DeskSettings.model_fields[section].title
        for name, info in model.model_fields.items():
            editor = form.editors[(section, name)]
            label = form.findChild(QLabel, f"label_{section}_{name}")
            assert label is not None and label.text() == info.title
            assert editor.widget.toolTip() == info.description
    assert isinstance(form.editors[("appearance", "theme")].widget, QComboBox)
    idle = form.editors[("security", "idle_lock_minutes")].widget
    assert isinstance(idle, QSpinBox)
    assert (idle.minimum(), idle.maximum(), idle.value()) == (1, 240, 10)
    station_name = form.editors[("station", "station_name")].widget
    assert isinstance(station_name, QLineEdit) and station_name.maxLength() == 200


class Loudness(enum.StrEnum):
    QUIET = "quiet"
    LOUD = "loud"


class SoundSettings(BaseModel):
    model_config = ConfigDict(title="Sound")

    chime: bool = Field(True, title="Chime on urgent messages", description="Play a sound for emergencies.")
    volume: int = Field(50, ge=0, le=100, title="Volume", description="Percent.")
    loudness: Loudness = Field(Loudness.QUIET, title="Loudness", description="How loud.")


class ExtendedSettings(DeskSettings):
    sound: SoundSettings = Field(default_factory=SoundSettings, title="Sound", description="")


def test_a_field_added_to_the_model_appears_in_the_form(qtbot: QtBot) -> None:
    form = SettingsForm(ExtendedSettings())
    qtbot.addWidget(form)
    assert form.sections["sound"].title() == "Sound"
    chime = form.editors[("sound", "chime")].widget
    assert isinstance(chime, QCheckBox) and chime.isChecked()
    volume = form.editors[("sound", "volume")].widget
    assert isinstance(volume, QSpinBox) and (volume.minimum(), volume.maximum()) == (0, 100)
    loudness = form.editors[("sound", "loudness")].widget
    assert isinstance(loudness, QComboBox)
    assert [loudness.itemData(i) for i in range(loudness.count())] == ["quiet", "loud"]
    chime.setChecked(False)
    loudness.setCurrentIndex(1)
    result = form.validate()
    assert isinstance(result, ExtendedSettings)
    assert result.sound.chime is False
    assert result.sound.loudness is Loudness.LOUD


def test_invalid_input_is_shown_beside_the_field(qtbot: QtBot) -> None:
    form = SettingsForm(DeskSettings())
    qtbot.addWidget(form)
    form.show()
    country = form.editors[("station", "country")]
    assert isinstance(country.widget, QLineEdit)
    country.widget.setText("F")
    assert not form.valid
    assert country.error.isVisible()
    assert "at least 2 characters" in country.error.text()
    assert form.editors[("station", "station_name")].error.isHidden()
    country.widget.setText("SE")
    assert form.valid
    assert country.error.isHidden()


def test_an_administrator_saves_and_the_change_is_audited(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, runner: TaskRunner
) -> None:
    panel = SettingsPanel(SettingsService(ctx), admin, runner)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.can_edit and panel.save_button.isVisible()
    idle = panel.form.editors[("security", "idle_lock_minutes")].widget
    theme = panel.form.editors[("appearance", "theme")].widget
    assert isinstance(idle, QSpinBox) and isinstance(theme, QComboBox)
    idle.setValue(25)
    theme.setCurrentIndex(theme.findData("dark"))
    with qtbot.waitSignal(panel.saved, timeout=3000) as saved:
        QTest.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert isinstance(saved.args[0], DeskSettings)
    stored = SettingsService(ctx).load()
    assert stored.security.idle_lock_minutes == 25
    assert stored.appearance.theme is Theme.DARK
    assert audit_actions(ctx)[-1] == ("anna", "settings.save")
    assert panel.status.text() == "Saved."


def test_an_invalid_form_is_not_saved(qtbot: QtBot, ctx: DeskContext, admin: Identity, runner: TaskRunner) -> None:
    panel = SettingsPanel(SettingsService(ctx), admin, runner)
    qtbot.addWidget(panel)
    emergency = panel.form.editors[("station", "emergency_number")].widget
    assert isinstance(emergency, QLineEdit)
    emergency.setText("")
    assert not panel.save_button.isEnabled()
    panel.save()
    qtbot.wait(100)
    assert runner.pending == 0
    assert ("anna", "settings.save") not in audit_actions(ctx)


def test_others_see_the_settings_read_only(
    qtbot: QtBot, ctx: DeskContext, officer: Identity, runner: TaskRunner
) -> None:
    dialog = SettingsDialog(SettingsService(ctx), officer, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.panel
    assert not panel.can_edit
    assert not panel.save_button.isVisible()
    assert "Only an administrator" in panel.note.text()
    assert all(not editor.widget.isEnabled() for editor in panel.form.editors.values())
    panel.save()
    qtbot.wait(50)
    assert not any(action == "settings.save" for _actor, action in audit_actions(ctx))


@pytest.mark.parametrize("value", [0, 241])
def test_spin_boxes_keep_to_the_field_bounds(qtbot: QtBot, value: int) -> None:
    form = SettingsForm(DeskSettings())
    qtbot.addWidget(form)
    idle = form.editors[("security", "idle_lock_minutes")].widget
    assert isinstance(idle, QSpinBox)
    idle.setValue(value)
    assert 1 <= idle.value() <= 240
    assert form.validate() is not None
