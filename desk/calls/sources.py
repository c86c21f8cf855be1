"""Where calls come from besides a file picked by hand: a watched folder and a live feed polled by URL.

Both poll: the caller (the runner's scheduler, a test) decides when. Nothing is lost when a feed is
down: the feed is a snapshot of recent calls, re-read in full next time, and repeats change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from desk.calls.mapping import Preset
from desk.calls.records import ImportReport
from desk.calls.store import CallStore, file_digest
from desk.context import DeskContext
from desk.errors import DeskError, Message
from desk.storage.tweetathon_models import CallImportFile

EXPORT_SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson", ".txt")


@dataclass(frozen=True)
class FolderImport:
    """One file a poll of the watched folder imported (or could not)."""

    path: Path
    report: ImportReport | None
    error: Message | None = None


class WatchedFolder:
    """Picks up new export files dropped in a folder; each file (by path, size and hash) is read once.

    A file is imported only when its size has not changed since the previous poll, so a file still being
    written is left for the next one (``settle_polls=0`` imports at once)."""

    def __init__(
        self, ctx: DeskContext, folder: Path, preset: Preset, *, source: str | None = None, settle_polls: int = 1
    ) -> None:
        self.ctx = ctx
        self.folder = folder
        self.preset = preset
        self.source = source or preset.name
        self.settle_polls = settle_polls
        self._sizes: dict[Path, tuple[int, int]] = {}  # path -> (size, polls seen at that size)

    def _already(self, path: Path, size: int, digest: str) -> bool:
        with self.ctx.sessions() as session:
            row = session.scalar(
                select(CallImportFile.id).where(
                    CallImportFile.path == str(path), CallImportFile.size == size, CallImportFile.sha256 == digest
                )
            )
            return row is not None

    def poll(self) -> list[FolderImport]:
        """Import every new, settled export file in the folder, oldest name first."""
        if not self.folder.is_dir():
            raise DeskError(
                "calls.folder_missing", "The watched folder {folder} does not exist.", folder=str(self.folder)
            )
        done: list[FolderImport] = []
        for path in sorted(p for p in self.folder.iterdir() if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES):
            try:
                size = path.stat().st_size
            except OSError:
                continue  # removed between listing and reading
            seen_size, polls = self._sizes.get(path, (-1, 0))
            polls = polls + 1 if seen_size == size else 0
            self._sizes[path] = (size, polls)
            if polls < self.settle_polls:
                continue
            digest = file_digest(path)
            if self._already(path, size, digest):
                continue
            try:
                report = CallStore(self.ctx).import_file(path, self.preset, source=self.source)
            except DeskError as exc:
                done.append(FolderImport(path, None, exc.message))
                continue
            with self.ctx.transaction() as session:
                session.add(
                    CallImportFile(
                        path=str(path),
                        size=size,
                        sha256=digest,
                        source=self.source,
                        imported_at=self.ctx.clock.now(),
                        report=report.as_dict(),
                    )
                )
            done.append(FolderImport(path, report))
        return done


Fetch = Callable[[str], bytes]


def httpx_fetch(timeout: float = 15.0) -> Fetch:
    """The default fetcher: one GET with connect and read timeouts; HTTP errors raise."""

    def fetch(url: str) -> bytes:
        import httpx

        response = httpx.get(url, timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), follow_redirects=True)
        response.raise_for_status()
        return response.content

    return fetch


@dataclass
class FeedStatus:
    """How a live feed stands: the officer sees ``message`` when it is down."""

    up: bool = True
    failures: int = 0
    last_ok_at: datetime | None = None
    next_poll_at: datetime | None = None
    message: Message | None = None
    reports: list[ImportReport] = field(default_factory=list)


class LiveFeed:
    """A JSON or CSV URL polled at an interval; a failure is reported and retried with back-off."""

    def __init__(
        self,
        ctx: DeskContext,
        url: str,
        preset: Preset,
        *,
        interval: timedelta = timedelta(minutes=1),
        fetch: Fetch | None = None,
        source: str | None = None,
        max_backoff: timedelta = timedelta(minutes=15),
    ) -> None:
        self.ctx = ctx
        self.url = url
        self.preset = preset
        self.interval = interval
        self.fetch = fetch or httpx_fetch()
        self.source = source or preset.name
        self.max_backoff = max_backoff
        self.status = FeedStatus()

    def due(self) -> bool:
        """Whether it is time to poll."""
        return self.status.next_poll_at is None or self.ctx.clock.now() >= self.status.next_poll_at

    def poll(self) -> ImportReport | None:
        """Fetch and import once; on failure the status says why and when the next try is."""
        now = self.ctx.clock.now()
        try:
            body = self.fetch(self.url)
        except Exception as exc:  # any failure of the fetcher is the feed being down, never a crash
            self._failed(now, f"{type(exc).__name__}: {exc}"[:300])
            return None
        text = body.decode("utf-8-sig", errors="replace")
        as_json = text.lstrip()[:1] in ("[", "{") or self.preset.format == "json"
        try:
            report = CallStore(self.ctx).import_text(text, self.preset, json_format=as_json, source=self.source)
        except DeskError as exc:
            self._failed(now, exc.message.english())
            return None
        self.status = FeedStatus(True, 0, now, now + self.interval, None, [*self.status.reports[-9:], report])
        return report

    def _failed(self, now: datetime, detail: str) -> None:
        failures = self.status.failures + 1
        wait = min(self.interval * (2 ** min(failures - 1, 10)), max(self.max_backoff, self.interval))
        self.status.up = False
        self.status.failures = failures
        self.status.next_poll_at = now + wait
        self.status.message = Message(
            "calls.feed_down",
            "The call feed {url} cannot be read ({detail}); {failures} failed tries, next try at {next}.",
            {"url": self.url, "detail": detail, "failures": failures, "next": (now + wait).isoformat()},
        )
