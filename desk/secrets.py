"""Secrets (platform tokens, the audit chain key) in the OS keyring; never in the database or settings.

When no usable keyring backend exists, the officer is told plainly what to install or configure.
There is never a silent plain-text fallback. Tests and demo mode use :class:`InMemorySecretStore`.
"""

from __future__ import annotations

import json
import secrets as _random
import threading
from collections.abc import Mapping
from typing import Protocol

from desk.errors import DeskError

SERVICE = "beat-desk"

KEYRING_HELP = (
    "No usable keyring was found, so Beat Desk cannot keep platform tokens safely. "
    "On a desktop, install and unlock GNOME Keyring or KWallet (Secret Service). "
    "For a headless runner, start it inside 'dbus-run-session' after unlocking gnome-keyring-daemon, "
    "or configure an encrypted file keyring (keyrings.cryptfile) with PYTHON_KEYRING_BACKEND. "
    "Plain-text keyrings are refused."
)

# Backends that store secrets readable by anyone who can read the file.
_REFUSED_BACKENDS = ("keyrings.alt.file.PlaintextKeyring", "keyring.backends.fail.Keyring")


class KeyringUnavailable(DeskError):
    """No keyring backend works here; the message says what to do."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("secrets.keyring_unavailable", KEYRING_HELP + (" ({detail})" if detail else ""), detail=detail)


class SecretStore(Protocol):
    """Where secrets are kept: a mapping of string fields per key."""

    def get(self, key: str) -> dict[str, str] | None:
        """The secret stored under ``key``, or None."""
        ...

    def set(self, key: str, value: Mapping[str, str]) -> None:
        """Store (replace) the secret under ``key``."""
        ...

    def delete(self, key: str) -> None:
        """Forget the secret under ``key`` (no error if absent)."""
        ...


class InMemorySecretStore:
    """Secrets held only in this process: tests and demo mode."""

    def __init__(self) -> None:
        self._data: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, str] | None:
        """The secret or None."""
        with self._lock:
            value = self._data.get(key)
            return dict(value) if value is not None else None

    def set(self, key: str, value: Mapping[str, str]) -> None:
        """Store a copy."""
        with self._lock:
            self._data[key] = dict(value)

    def delete(self, key: str) -> None:
        """Forget."""
        with self._lock:
            self._data.pop(key, None)


class KeyringSecretStore:
    """Secrets in the OS keyring through the ``keyring`` library, one JSON document per key."""

    def __init__(self, service: str = SERVICE) -> None:
        import keyring
        from keyring.errors import KeyringError

        self._keyring = keyring
        self._errors: tuple[type[BaseException], ...] = (KeyringError,)
        self.service = service
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__qualname__}"
        if name in _REFUSED_BACKENDS or getattr(backend, "priority", 1) <= 0:
            raise KeyringUnavailable(f"backend {name}")
        chained = getattr(backend, "backends", None)
        if chained is not None and not chained:
            raise KeyringUnavailable("no backend in the chain")

    def get(self, key: str) -> dict[str, str] | None:
        """The secret or None."""
        try:
            raw = self._keyring.get_password(self.service, key)
        except self._errors as exc:
            raise KeyringUnavailable(str(exc)) from exc
        if raw is None:
            return None
        value = json.loads(raw)
        return {str(k): str(v) for k, v in value.items()}

    def set(self, key: str, value: Mapping[str, str]) -> None:
        """Store as JSON."""
        try:
            self._keyring.set_password(self.service, key, json.dumps(dict(value), sort_keys=True))
        except self._errors as exc:
            raise KeyringUnavailable(str(exc)) from exc

    def delete(self, key: str) -> None:
        """Forget, ignoring a missing entry."""
        from keyring.errors import PasswordDeleteError

        try:
            self._keyring.delete_password(self.service, key)
        except PasswordDeleteError:
            return
        except self._errors as exc:
            raise KeyringUnavailable(str(exc)) from exc


def get_or_create_key(store: SecretStore, key: str, nbytes: int = 32) -> bytes:
    """A random key kept in ``store`` under ``key``, created on first use."""
    existing = store.get(key)
    if existing and "hex" in existing:
        return bytes.fromhex(existing["hex"])
    value = _random.token_bytes(nbytes)
    store.set(key, {"hex": value.hex()})
    return value
