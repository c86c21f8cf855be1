"""Secrets: the in-memory store, and a plain refusal when no keyring works (never plain text)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from desk.secrets import InMemorySecretStore, KeyringSecretStore, KeyringUnavailable, get_or_create_key


def test_in_memory_store_round_trip() -> None:
    store = InMemorySecretStore()
    store.set("x:force", {"token": "abc"})
    assert store.get("x:force") == {"token": "abc"}
    store.delete("x:force")
    assert store.get("x:force") is None
    store.delete("x:force")  # absent: no error


def test_key_is_created_once() -> None:
    store = InMemorySecretStore()
    first = get_or_create_key(store, "audit")
    assert len(first) == 32 and get_or_create_key(store, "audit") == first


def test_no_keyring_is_explained_plainly() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(KeyringUnavailable) as info:
            KeyringSecretStore()
    finally:
        keyring.set_keyring(previous)
    text = info.value.message.english()
    assert "gnome-keyring" in text.lower() or "GNOME Keyring" in text
    assert "Plain-text keyrings are refused" in text
