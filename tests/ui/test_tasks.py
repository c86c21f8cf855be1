"""The task runner: results on the GUI thread, expected failures as messages, bugs in the crash dialog."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desk.errors import DeskError
from desk.ports import Platform, RateLimited, Transient
from ui import crash
from ui.crash import CrashDialog
from ui.messages import Level, MessageBridge
from ui.tasks import TaskRunner


def _fail_expected() -> None:
    raise DeskError("test.expected", "The platform list could not be read: {why}", why="disk full")


def test_expected_failure_reaches_the_officer_and_the_app_keeps_running(
    qtbot: QtBot, runner: TaskRunner, bridge: MessageBridge
) -> None:
    runner.run_serial(_fail_expected)
    qtbot.waitUntil(lambda: len(bridge.history) == 1, timeout=3000)
    notice = bridge.history[0]
    assert notice.level is Level.ERROR
    assert notice.code == "test.expected"
    assert notice.text == "The platform list could not be read: disk full"
    assert crash.open_dialogs == []
    # The same runner still does work afterwards.
    results: list[int] = []
    runner.run_serial(lambda: 6 * 7, on_done=results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=3000)


def test_connector_error_on_the_network_lane_becomes_a_translated_message(
    qtbot: QtBot, runner: TaskRunner, bridge: MessageBridge
) -> None:
    def call() -> None:
        raise Transient("connection refused", platform=Platform.MASTODON)

    runner.run_parallel(call)
    qtbot.waitUntil(lambda: len(bridge.history) == 1, timeout=3000)
    assert bridge.history[0].code == "connector.transient"
    assert "connection refused" in bridge.history[0].text
    assert "mastodon" in bridge.history[0].text


def test_main_window_shows_a_worker_failure_in_status_bar_and_toast(
    qtbot: QtBot, runner: TaskRunner, bridge: MessageBridge
) -> None:
    from PySide6.QtWidgets import QMainWindow

    from ui.messages import ToastArea

    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(800, 600)
    toasts = ToastArea(window)
    bridge.posted.connect(lambda n: window.statusBar().showMessage(n.text))
    bridge.posted.connect(toasts.show_notice)
    window.show()

    def call() -> None:
        raise RateLimited("429 from the server", until=datetime(2026, 1, 1, tzinfo=UTC))

    runner.run_parallel(call)
    qtbot.waitUntil(lambda: bool(toasts.toasts()), timeout=3000)
    assert "429 from the server" in window.statusBar().currentMessage()
    assert toasts.toasts()[0].notice.code == "connector.rate_limited"
    assert toasts.isVisible()


@pytest.mark.allow_log_warnings
def test_a_bug_in_a_worker_opens_the_crash_dialog_without_blocking(
    qtbot: QtBot, runner: TaskRunner, bridge: MessageBridge
) -> None:
    def buggy() -> None:
        table: dict[str, int] = {}
        table["missing-key"] += 1

    runner.run_parallel(buggy, name="load feeds")
    qtbot.waitUntil(lambda: len(crash.open_dialogs) == 1, timeout=3000)
    dialog = crash.open_dialogs[0]
    assert isinstance(dialog, CrashDialog)
    assert dialog.isVisible()
    assert not dialog.isModal()
    report = dialog.text.toPlainText()
    assert "KeyError: 'missing-key'" in report
    assert "load feeds" in report
    assert "PySide6" in report
    assert "Python" in report
    assert list(bridge.history) == []  # a bug is not dressed up as an officer's message
    results: list[str] = []
    runner.run_parallel(lambda: "still running", on_done=results.append)
    qtbot.waitUntil(lambda: results == ["still running"], timeout=3000)
    dialog.copy_report()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == report


@pytest.mark.allow_log_warnings
def test_a_bug_in_a_result_callback_also_reaches_the_crash_dialog(qtbot: QtBot, runner: TaskRunner) -> None:
    def on_done(_value: Any) -> None:
        raise RuntimeError("callback bug")

    runner.run_serial(lambda: 1, on_done=on_done)
    qtbot.waitUntil(lambda: len(crash.open_dialogs) == 1, timeout=3000)
    assert "RuntimeError: callback bug" in crash.open_dialogs[0].report


def test_on_error_may_handle_a_failure_itself(qtbot: QtBot, runner: TaskRunner, bridge: MessageBridge) -> None:
    seen: list[BaseException] = []

    def handle(exc: BaseException) -> bool:
        seen.append(exc)
        return True

    runner.run_serial(_fail_expected, on_error=handle)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    qtbot.wait(50)
    assert isinstance(seen[0], DeskError)
    assert list(bridge.history) == []


def test_work_runs_off_the_gui_thread_and_results_arrive_on_it(qtbot: QtBot, runner: TaskRunner) -> None:
    worker_threads: list[str] = []
    delivered_on: list[bool] = []

    def work() -> int:
        worker_threads.append(threading.current_thread().name)
        return 1

    runner.run_serial(
        work, on_done=lambda _v: delivered_on.append(threading.current_thread() is threading.main_thread())
    )
    runner.run_parallel(
        work, on_done=lambda _v: delivered_on.append(threading.current_thread() is threading.main_thread())
    )
    qtbot.waitUntil(lambda: len(delivered_on) == 2, timeout=3000)
    assert delivered_on == [True, True]
    assert sorted(name.split("_")[0] for name in worker_threads) == ["desk-net", "desk-serial"]


def test_the_serial_lane_runs_one_task_at_a_time_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    events: list[str] = []

    def step(name: str, pause: float) -> str:
        events.append(f"start {name}")
        time.sleep(pause)
        events.append(f"end {name}")
        return name

    done: list[str] = []
    runner.run_serial(step, "a", 0.05, on_done=done.append)
    runner.run_serial(step, "b", 0.0, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=3000)
    assert events == ["start a", "end a", "start b", "end b"]
    assert done == ["a", "b"]
    assert runner.pending == 0
