"""Watched folders and live feeds: new files picked up once, a feed that goes down reported and retried."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.calls.mapping import CallField, Preset
from desk.calls.sources import LiveFeed, WatchedFolder, httpx_fetch

PRESET = Preset(
    name="feed",
    columns={CallField.CALL_ID: "id", CallField.TIME: "time", CallField.TYPE: "type"},
    timezone="Europe/Helsinki",
    datetime_formats=["%Y-%m-%d %H:%M"],
)
CSV = "id,time,type\n1,2026-01-05 10:00,Theft\n2,2026-01-05 10:05,Burglary\n"


def test_calls_watched_folder_imports_each_new_file_once(ctx: Any, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    watcher = WatchedFolder(ctx, folder, PRESET, settle_polls=1)
    (folder / "a.csv").write_text(CSV, encoding="utf-8")
    (folder / "notes.docx").write_text("not an export", encoding="utf-8")
    assert watcher.poll() == []  # first sight: wait for the size to settle
    done = watcher.poll()
    assert [(d.path.name, d.report.imported if d.report else None) for d in done] == [("a.csv", 2)]
    assert watcher.poll() == []
    # A new watcher (a restart) remembers through the database.
    again = WatchedFolder(ctx, folder, PRESET, settle_polls=0)
    assert again.poll() == []
    # The same path with new content is a new file; its repeats change nothing.
    (folder / "a.csv").write_text(CSV + "3,2026-01-05 10:09,Theft\n", encoding="utf-8")
    (report,) = [d.report for d in again.poll()]
    assert report is not None and (report.imported, report.unchanged) == (1, 2)


def test_calls_watched_folder_reports_a_file_with_a_bad_mapping_and_goes_on(ctx: Any, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("when,what\nx,y\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(CSV, encoding="utf-8")
    done = WatchedFolder(ctx, tmp_path, PRESET, settle_polls=0).poll()
    assert done[0].error is not None and "no column named" in done[0].error.english()
    assert done[1].report is not None and done[1].report.imported == 2


def test_calls_live_feed_down_is_reported_retried_with_backoff_and_loses_nothing(ctx: Any, clock: Any) -> None:
    bodies: list[bytes | Exception] = [OSError("connection refused"), OSError("connection refused"), CSV.encode()]

    def fetch(url: str) -> bytes:
        item = bodies.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    feed = LiveFeed(ctx, "http://127.0.0.1:9/calls.csv", PRESET, interval=timedelta(minutes=1), fetch=fetch)
    assert feed.due() and feed.poll() is None
    assert not feed.status.up and feed.status.message is not None
    assert "connection refused" in feed.status.message.english() and "127.0.0.1:9" in feed.status.message.english()
    assert not feed.due()
    clock.advance(60)
    assert feed.due() and feed.poll() is None
    assert feed.status.failures == 2 and not feed.due()
    clock.advance(60)
    assert not feed.due()  # the second wait is twice as long
    clock.advance(60)
    report = feed.poll()
    assert report is not None and report.imported == 2 and feed.status.up and feed.status.failures == 0


@pytest.fixture
def local_feed() -> Iterator[tuple[str, list[bytes]]]:
    bodies = [b'[{"id": "9", "time": "2026-01-05 10:00", "type": "Theft"}]']

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/calls.json":
                self.send_error(404)
                return
            body = bodies[0]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", bodies
    finally:
        server.shutdown()
        server.server_close()


def test_calls_live_feed_over_real_http(ctx: Any, local_feed: tuple[str, list[bytes]]) -> None:
    base, _ = local_feed
    feed = LiveFeed(ctx, f"{base}/calls.json", PRESET, fetch=httpx_fetch(timeout=5))
    report = feed.poll()
    assert report is not None and report.imported == 1
    missing = LiveFeed(ctx, f"{base}/gone.json", PRESET, fetch=httpx_fetch(timeout=5))
    assert missing.poll() is None and missing.status.message is not None
    assert "404" in missing.status.message.english()
