"""The one scheduler: an APScheduler BackgroundScheduler owned by a composition root.

Jobs only submit work (to the task runner or the runner's serial lane); the database is the schedule.
Intervals are given in clock seconds and converted for an accelerated clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from desk.clock import Clock

log = logging.getLogger(__name__)

# A grace of 1 s silently skipped a quarter of jobs due at the same instant (PITFALLS.md).
MISFIRE_GRACE_SECONDS = 120


class DeskScheduler:
    """Periodic jobs and one-shot wake-ups, each only handing work to a submitter."""

    def __init__(self, clock: Clock) -> None:
        from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED
        from apscheduler.schedulers.background import BackgroundScheduler

        self.clock = clock
        self._scheduler = BackgroundScheduler(
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
            timezone="UTC",
        )
        self.missed: list[str] = []
        self._scheduler.add_listener(self._on_event, EVENT_JOB_MISSED | EVENT_JOB_ERROR)

    def _on_event(self, event: Any) -> None:
        if getattr(event, "exception", None) is not None:
            log.error("scheduled job %s failed: %s", event.job_id, event.exception)
        else:
            self.missed.append(str(event.job_id))
            log.warning("scheduled job %s missed its time", event.job_id)

    def _real_seconds(self, clock_seconds: float) -> float:
        return max(0.01, clock_seconds / self.clock.speed)

    def every(self, clock_seconds: float, job: Callable[[], None], job_id: str, *, first_in: float = 0.0) -> None:
        """Run ``job`` every ``clock_seconds`` (first after ``first_in`` clock seconds)."""
        from datetime import UTC

        start = datetime.now(UTC) + timedelta(seconds=self._real_seconds(first_in) if first_in else 0)
        self._scheduler.add_job(
            job,
            "interval",
            seconds=self._real_seconds(clock_seconds),
            id=job_id,
            replace_existing=True,
            next_run_time=start,
        )

    def wake_at(self, when: datetime, job: Callable[[], None], job_id: str) -> None:
        """Run ``job`` once when the clock reads ``when`` (replacing an earlier wake-up with the same id)."""
        from datetime import UTC

        delay = max(0.0, (when - self.clock.now()).total_seconds())
        run_at = datetime.now(UTC) + timedelta(seconds=delay / self.clock.speed)
        self._scheduler.add_job(job, "date", run_date=run_at, id=job_id, replace_existing=True)

    def start(self) -> None:
        """Start the scheduler thread."""
        self._scheduler.start()

    def shutdown(self, wait: bool = True) -> None:
        """Stop; waits for running jobs by default."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)

    @property
    def job_ids(self) -> list[str]:
        """Ids of scheduled jobs."""
        return [job.id for job in self._scheduler.get_jobs()]
