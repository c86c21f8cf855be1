"""Translations: desk message codes in the interface language, and the Finnish and Swedish files."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from desk.auth import BadCredentials, Identity
from desk.context import DeskContext
from desk.errors import Message, PermissionDenied
from ui.i18n import MESSAGES, install_language, translate_message, translations_dir
from ui.session import DeskSession

LANGUAGES = ("fi", "sv")

pytestmark = pytest.mark.usefixtures("placeholders_only")


@pytest.fixture
def finnish(qapp: object) -> Iterator[None]:
    install_language("fi")
    yield
    install_language("en")


def _messages(lang: str, *, foundation_only: bool = False) -> list[tuple[str, str, str]]:
    """(context, source, translation); with ``foundation_only``, the strings of ``ui/*.py`` (not screens')."""
    root = ET.parse(translations_dir() / f"beatdesk_{lang}.ts").getroot()
    rows = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            node = message.find("translation")
            assert node is not None
            files = [loc.get("filename", "") for loc in message.iter("location")]
            if foundation_only and files and not any(f.count("/") == 3 for f in files):  # ../../ui/x.py
                continue
            rows.append((context.findtext("name") or "", message.findtext("source") or "", node.text or ""))
    return rows


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_without_a_translation_the_english_default_is_used(qapp: object) -> None:
    message = Message("some.new_code", "Account {handle} is paused.", {"handle": "@poliisi"})
    assert translate_message(message) == "Account @poliisi is paused."
    assert translate_message(BadCredentials().message) == "The user name or password is not right."


def test_codes_are_translated_with_their_parameters(finnish: None) -> None:
    assert translate_message(BadCredentials().message) == "Käyttäjätunnus tai salasana ei ole oikein."
    denied = PermissionDenied("approve posts", "olli").message
    assert translate_message(denied) == "Käyttäjällä olli ei ole oikeutta toimintoon: approve posts."
    # A code the table does not know keeps its English default.
    assert translate_message(Message("x.unknown", "Plain {a}", {"a": 1})) == "Plain 1"


def test_the_window_speaks_finnish(
    qtbot: QtBot, finnish: None, ctx: DeskContext, admin: Identity, ui_state: QSettings
) -> None:
    session = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(session.window)
    try:
        titles = session.window.navigation_titles()
        assert titles[0] == "Saapuneet"
        assert titles[-1] == "Asetukset"
        assert session.window.user_status.text() == "Anna Admin · Ylläpitäjä"
        assert session.shortcuts.get("lock") is not None
        assert session.shortcuts.get("lock").text() == "Lukitse työpöytä"  # type: ignore[union-attr]
    finally:
        session.idle.stop()
        session.runner.shutdown()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated_and_keeps_its_placeholders(lang: str) -> None:
    rows = _messages(lang, foundation_only=True)
    assert len(rows) > 100
    for context, source, translation in rows:
        assert translation.strip(), f"{lang}: {context}: {source!r} is not translated"
        assert _fields(translation) == _fields(source), f"{lang}: {source!r} -> {translation!r}"
        assert translation.count("&") == source.count("&"), f"{lang}: mnemonic lost in {translation!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_files_hold_every_desk_message(lang: str) -> None:
    sources = {(c, s) for c, s, _ in _messages(lang)}
    for code, source in MESSAGES.items():
        assert ("DeskMessages", source) in sources, f"{code} missing from beatdesk_{lang}.ts: run pyside6-lupdate"


def test_every_translatable_string_in_the_code_is_in_the_files() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[2] / "ui").glob("*.py"))
    own = re.compile(r'self\.tr\(\s*"([^"]+)"\s*[,)]')
    with_context = re.compile(r'(?:QT_TRANSLATE_NOOP|QCoreApplication\.translate)\(\s*"\w+",\s*"([^"]+)"\s*[,)]')
    found = set(own.findall(code)) | set(with_context.findall(code))
    assert len(found) > 80
    sources = {s for _, s, _ in _messages("fi")}
    missing = sorted(found - sources)
    assert missing == [], f"run pyside6-lupdate: {missing}"


def _finished(lang: str) -> list[tuple[str, str, list[str], bool]]:
    """(context, source, translations, numerus) of every message that is not marked unfinished."""
    root = ET.parse(translations_dir() / f"beatdesk_{lang}.ts").getroot()
    rows = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            node = message.find("translation")
            assert node is not None
            if node.get("type") == "unfinished":
                continue
            numerus = message.get("numerus") == "yes"
            forms = [form.text or "" for form in node.iter("numerusform")] if numerus else [node.text or ""]
            rows.append((context.findtext("name") or "", message.findtext("source") or "", forms, numerus))
    return rows


def _markup(text: str) -> tuple[list[str], list[str], int, str, str]:
    """What a translation must carry over from its source: Qt's %n/%1 arguments, HTML tags, the number of
    mnemonic ampersands, and leading and trailing spaces (the code glues such strings to others)."""
    return (
        sorted(re.findall(r"%(?:n|L?\d)", text)),
        sorted(re.findall(r"</?\w+[^>]*>", text)),
        text.replace("&&", "").count("&"),
        text[: len(text) - len(text.lstrip())],
        text[len(text.rstrip()) :],
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_finished_translation_on_every_screen_keeps_the_source_markup(lang: str) -> None:
    rows = _finished(lang)
    assert len(rows) > 500
    for context, source, forms, _numerus in rows:
        for text in forms:
            assert text.strip(), f"{lang}: {context}: {source!r} is marked finished but empty"
            assert _fields(text) == _fields(source), f"{lang}: {context}: {source!r} -> {text!r}"
            assert _markup(text) == _markup(source), f"{lang}: {context}: {source!r} -> {text!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_messages_have_the_two_forms_of_finnish_and_swedish(lang: str) -> None:
    root = ET.parse(translations_dir() / f"beatdesk_{lang}.ts").getroot()
    plural = [m for m in root.iter("message") if m.get("numerus") == "yes"]
    assert plural, "no %n message left: drop this test"
    for message in plural:
        node = message.find("translation")
        assert node is not None
        forms = [form.text or "" for form in node.iter("numerusform")]
        assert len(forms) == 2, f"{lang}: {message.findtext('source')!r} has {len(forms)} plural forms"
        if node.get("type") != "unfinished":
            assert forms[0] != forms[1], f"{lang}: singular and plural read the same: {forms[0]!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mnemonics_do_not_clash_where_the_source_keeps_them_apart(lang: str) -> None:
    def key(text: str) -> str | None:
        found = re.search(r"&([^&\s])", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    by_context: dict[str, list[tuple[str, str]]] = {}
    for context, source, forms, _numerus in _finished(lang):
        if key(source) is not None:
            by_context.setdefault(context, []).append((source, forms[0]))
    assert by_context, "no mnemonics in the files: drop this test"
    for context, pairs in by_context.items():
        if len({key(s) for s, _ in pairs}) == len(pairs):
            letters = [key(t) for _, t in pairs]
            assert len(set(letters)) == len(letters), f"{lang}: {context}: clashing mnemonics {pairs}"


# lupdate files the strings of a module-level tr() under the empty context; the screens ask under theirs.
def test_screens_that_translate_through_a_module_function_speak_finnish(finnish: None) -> None:
    from ui.feeds.screen import tr as feeds_tr
    from ui.inbox.model import tr as inbox_tr
    from ui.tweetathon.screen import tr as tweetathon_tr

    assert feeds_tr("Move left") == "Siirrä vasemmalle"
    assert inbox_tr("Acknowledge") == "Kuittaa"
    assert tweetathon_tr("Pause") == "Keskeytä"


def test_plural_messages_take_the_form_for_the_number(finnish: None) -> None:
    source = "%n area(s) blurred, metadata removed."
    assert QCoreApplication.translate("AttachmentRow", source, "", 1) == "1 alue sumennettu, metatiedot poistettu."
    assert QCoreApplication.translate("AttachmentRow", source, "", 3) == "3 aluetta sumennettu, metatiedot poistettu."


def _desk_message_script() -> object:
    import importlib.util

    path = Path(__file__).parents[2] / "scripts" / "desk_messages.py"
    spec = importlib.util.spec_from_file_location("desk_messages_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_list_of_desk_message_texts_is_current() -> None:
    from ui.desk_messages import TEXTS

    found = _desk_message_script().message_texts()  # type: ignore[attr-defined]
    assert len(found) > 100
    assert set(found) == set(TEXTS), "run .venv/bin/python scripts/desk_messages.py, then pyside6-lupdate"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_desk_message_text_is_translated(lang: str) -> None:
    from ui.desk_messages import TEXTS

    finished = {s: t for c, s, t in _messages(lang) if c == "DeskMessages" and t.strip()}
    missing = [text for text in TEXTS if text not in finished]
    assert missing == [], f"{lang}: untranslated desk messages: {missing[:5]}"


def test_a_desk_message_reaches_the_officer_in_finnish_with_its_values(finnish: None) -> None:
    from desk.errors import ValidationFailed

    error = ValidationFailed("planning.queue_full", "No free queue slot in the next {days} days.", days=14)
    assert translate_message(error.message) == "Seuraavien 14 päivän aikana ei ole vapaata jonopaikkaa."
    install_language("sv")
    assert translate_message(error.message) == "Ingen ledig köplats under de närmaste 14 dagarna."
    install_language("en")
    assert translate_message(error.message) == "No free queue slot in the next 14 days."


def test_qts_own_buttons_follow_the_language(finnish: None) -> None:
    # Dialog buttons and context menus come from the translations PySide6 ships.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Peru"
    install_language("sv")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    install_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
