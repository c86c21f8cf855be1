"""The crash report: copyable, with versions, and never with a password or token in it."""

from __future__ import annotations

import string
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui import crash


def _exc_info(exc: BaseException) -> crash.ExcInfo:
    try:
        raise exc
    except BaseException:
        info = sys.exc_info()
    assert info[0] is not None and info[1] is not None
    return (info[0], info[1], info[2])


def test_report_names_the_error_where_and_versions(qapp: object) -> None:
    report = crash.build_report(_exc_info(ZeroDivisionError("division by zero")), "saving a reply")
    assert "While: saving a reply" in report
    assert "ZeroDivisionError: division by zero" in report
    assert "PySide6 6.11.3" in report
    assert "Python 3." in report
    assert "test_crash.py" in report  # the traceback is there


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("login failed password=hunter2-very-secret for anna", "hunter2-very-secret"),
        ("{'access_token': 'EAAB1234567890abcdef'}", "EAAB1234567890abcdef"),
        ("headers: Authorization: Bearer abcdefghijklmnop1234", "abcdefghijklmnop1234"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkaWQ6cGxjIn0.c2lnbmF0dXJlLXNpZw", "eyJzdWIiOiJkaWQ6cGxjIn0"),
        ("client_secret: s3cr3t-value-xyz", "s3cr3t-value-xyz"),
    ],
)
def test_secrets_are_removed_from_reports(qapp: object, text: str, secret: str) -> None:
    report = crash.build_report(_exc_info(RuntimeError(text)))
    assert secret not in report
    assert "[removed" in report


@given(st.text(alphabet=string.ascii_letters + string.digits + "!#$%*+-./:;<>?@[]^_`|~=", min_size=8, max_size=40))
def test_any_password_value_is_removed(value: str) -> None:
    assert value not in crash.scrub(f"connect(password={value})")
    assert value not in crash.scrub(f"token: '{value}'")


@pytest.mark.allow_log_warnings
def test_the_excepthook_sends_bugs_to_the_crash_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(crash, "crash_hook", seen.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install_excepthook()
    sys.excepthook(*_exc_info(LookupError("no such row")))
    assert len(seen) == 1
    assert "LookupError: no such row" in seen[0]
