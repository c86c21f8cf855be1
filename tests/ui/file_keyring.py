"""A keyring backend for tests and benchmarks only: a JSON file named by ``DESK_TEST_KEYRING_FILE``.

It lets a child process start the real (non-demo) desk on a machine without a Secret Service. Select it
with ``PYTHON_KEYRING_BACKEND=tests.ui.file_keyring.FileKeyring``. Never for real use: it is plain text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    """Plain JSON file; tests only."""

    priority = 1

    def _path(self) -> Path:
        return Path(os.environ.get("DESK_TEST_KEYRING_FILE", "/tmp/beat-desk-test-keyring.json"))

    def _read(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}\x00{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        data.pop(f"{service}\x00{username}", None)
        self._path().write_text(json.dumps(data))
