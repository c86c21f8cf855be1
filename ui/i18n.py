"""Translation of the desk's message codes, and loading of the interface translations.

Messages that start in ``desk/`` (and connector errors) carry a stable code, parameters and an English
default. A few codes map to a source text of their own (:data:`MESSAGES`); every other message is translated
by its English default, which ``ui/desk_messages.py`` lists for lupdate. Without a translation the English
default is shown.

Translations ship as Qt Linguist ``.ts`` files under ``resources/translations``. They are read directly
(:class:`TsTranslator`): no compiled ``.qm`` build product, no ``lrelease`` at run time, and the files an
translator edits are the files the desk loads.
"""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desk.errors import Message
from desk.resources import resource_path

CONTEXT = "DeskMessages"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context`` and return it unchanged.

    The same as PySide6's marker, typed: its stub returns ``object``, which strict typing cannot pass on as text.
    """
    return source


#: code -> translatable source text (English, with ``{param}`` placeholders)
MESSAGES: dict[str, str] = {
    "auth.bad_credentials": QT_TRANSLATE_NOOP("DeskMessages", "The user name or password is not right."),
    "auth.permission_denied": QT_TRANSLATE_NOOP("DeskMessages", "{username} is not allowed to {action}."),
    "auth.bad_username": QT_TRANSLATE_NOOP(
        "DeskMessages", "A user name needs letters or digits (and may use . _ -): {username!r}"
    ),
    "auth.no_display_name": QT_TRANSLATE_NOOP("DeskMessages", "Give the person's name as colleagues know it."),
    "auth.short_password": QT_TRANSLATE_NOOP("DeskMessages", "A password needs at least {n} characters."),
    "auth.already_set_up": QT_TRANSLATE_NOOP(
        "DeskMessages", "This desk already has users; sign in as an administrator."
    ),
    "auth.username_taken": QT_TRANSLATE_NOOP("DeskMessages", "The user name {username} is taken."),
    "settings.unreadable": QT_TRANSLATE_NOOP("DeskMessages", "Stored settings cannot be read: {detail}"),
    "connector.auth_expired": QT_TRANSLATE_NOOP(
        "DeskMessages", "The account's sign-in has expired; reconnect it on the Accounts screen. ({detail})"
    ),
    "connector.rate_limited": QT_TRANSLATE_NOOP(
        "DeskMessages", "The platform asks us to slow down; the desk will try again later. ({detail})"
    ),
    "connector.rejected": QT_TRANSLATE_NOOP("DeskMessages", "The platform refused: {detail}"),
    "connector.transient": QT_TRANSLATE_NOOP(
        "DeskMessages", "The platform could not be reached; nothing was sent. ({detail})"
    ),
    "connector.unconfirmed": QT_TRANSLATE_NOOP(
        "DeskMessages", "It is not known whether the platform received this; check before sending again. ({detail})"
    ),
    "connector.error": QT_TRANSLATE_NOOP("DeskMessages", "The platform reported a problem: {detail}"),
}


class _SafeParams(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, params: Mapping[str, Any]) -> str:
    """``template`` with ``{param}`` placeholders filled; unknown ones are left as written."""
    try:
        return string.Formatter().vformat(template, (), _SafeParams(params))
    except (ValueError, IndexError, AttributeError):
        return template


def translate_message(message: Message) -> str:
    """The message in the interface language, or its English default when there is no translation."""
    source = MESSAGES.get(message.code)
    if source is not None:
        translated = QCoreApplication.translate(CONTEXT, source)
        if translated != source:
            return fill(translated, message.params)
    # Every other message is translated by its own English text (listed for lupdate in ui/desk_messages.py).
    return fill(QCoreApplication.translate(CONTEXT, message.default), message.params)


def translations_dir() -> Path:
    """Where the ``beatdesk_<lang>.ts`` files live."""
    return resource_path("translations")


class TsTranslator(QTranslator):
    """A translator that reads a Qt Linguist ``.ts`` file; unfinished and obsolete entries are skipped."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.table: dict[tuple[str, str], str] = {}
        self.plurals: dict[tuple[str, str], list[str]] = {}
        root = ET.parse(path).getroot()  # noqa: S314 (a file shipped with the desk)
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                node = message.find("translation")
                if source is None or node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                if message.get("numerus") == "yes":
                    forms = [form.text or "" for form in node.iter("numerusform")]
                    if forms and all(form.strip() for form in forms):
                        self.plurals[(name, source)] = forms
                elif (node.text or "").strip():
                    self.table[(name, source)] = node.text or ""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        """The translation, or None (a null string: "not here", so Qt asks the next translator or keeps the source)."""
        # lupdate files the strings of a module-level ``tr()`` helper under the empty context.
        forms = self.plurals.get((context, source_text)) or self.plurals.get(("", source_text))
        if forms is not None:
            return forms[0] if n == 1 else forms[-1]  # Finnish and Swedish: one form for 1, one for the rest
        return self.table.get((context, source_text)) or self.table.get(("", source_text))

    def isEmpty(self) -> bool:
        """Whether nothing was loaded."""
        return not self.table and not self.plurals


_installed: TsTranslator | None = None
_qt_own: QTranslator | None = None


def install_language(language: str) -> TsTranslator | None:
    """Load ``beatdesk_<language>.ts`` into the application; English needs nothing. Returns the translator."""
    global _installed, _qt_own  # noqa: PLW0603 (one translator per application)
    app = QCoreApplication.instance()
    if app is None:
        return None
    for old in (_installed, _qt_own):
        if old is not None:
            QCoreApplication.removeTranslator(old)
    _installed = _qt_own = None
    if language in ("", "en"):
        return None
    # Qt's own strings (dialog buttons, the file dialog, context menus) from the translations PySide6 ships.
    qt_own = QTranslator()
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt_own)
        _qt_own = qt_own
    path = translations_dir() / f"beatdesk_{language}.ts"
    if not path.is_file():
        return None
    translator = TsTranslator(path)
    QCoreApplication.installTranslator(translator)
    _installed = translator
    return translator
