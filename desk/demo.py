"""Demo mode's own places: its database and a secret store for sandbox credentials only.

Demo mode talks only to the local sandbox, whose tokens are worthless outside this machine; they are
kept in a file in the demo folder so that ``desk status --demo`` and ``desk audit verify --demo`` work
across processes. The real desk never uses this store.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from pathlib import Path

from desk.storage.engine import data_dir

DEMO_SECRETS_FILE = "demo-sandbox-secrets.json"


class DemoSecretStore:
    """Sandbox credentials and the demo audit key in a JSON file under the data directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        data = json.loads(self.path.read_text(encoding="utf-8"))
        return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.items()}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.chmod(0o600)
        tmp.replace(self.path)

    def get(self, key: str) -> dict[str, str] | None:
        """The secret or None."""
        with self._lock:
            return self._read().get(key)

    def set(self, key: str, value: Mapping[str, str]) -> None:
        """Store."""
        with self._lock:
            data = self._read()
            data[key] = dict(value)
            self._write(data)

    def delete(self, key: str) -> None:
        """Forget."""
        with self._lock:
            data = self._read()
            if data.pop(key, None) is not None:
                self._write(data)


def demo_secret_store() -> DemoSecretStore:
    """The demo mode's store (never used by the real desk)."""
    return DemoSecretStore(data_dir() / DEMO_SECRETS_FILE)
