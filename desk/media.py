"""Photos attached to outbound posts: only cleaned bytes are kept, addressed by their SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk.errors import ValidationFailed
from desk.photos import CleanPhoto

EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}


@dataclass(frozen=True)
class MediaRef:
    """A cleaned photo in the media store, with its alt text."""

    sha256: str
    mime_type: str
    size: int
    alt_text: str

    def to_dict(self) -> dict[str, Any]:
        """For ``OutboundItem.details``."""
        return {"sha256": self.sha256, "mime_type": self.mime_type, "size": self.size, "alt_text": self.alt_text}

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> MediaRef:
        """Back from ``OutboundItem.details``."""
        return cls(str(doc["sha256"]), str(doc["mime_type"]), int(doc["size"]), str(doc["alt_text"]))


class MediaStore:
    """A folder of cleaned photos. Nothing uncleaned is ever written here."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, photo: CleanPhoto, alt_text: str) -> MediaRef:
        """Keep a cleaned photo; alt text is required (people using screen readers follow police accounts too)."""
        if not alt_text.strip():
            raise ValidationFailed(
                "media.no_alt_text", "Describe the photo in a few words (alt text) before adding it."
            )
        digest = hashlib.sha256(photo.data).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / (digest + EXTENSIONS.get(photo.mime_type, ".bin"))
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(photo.data)
            tmp.replace(path)
        return MediaRef(digest, photo.mime_type, len(photo.data), alt_text.strip())

    def read(self, ref: MediaRef) -> bytes:
        """The bytes, checked against their hash."""
        path = self.folder / (ref.sha256 + EXTENSIONS.get(ref.mime_type, ".bin"))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ValidationFailed(
                "media.missing", "A photo of this post is missing from the media folder; attach it again."
            ) from None
        if hashlib.sha256(data).hexdigest() != ref.sha256:
            raise ValidationFailed("media.changed", "A photo of this post changed on disk; attach it again.")
        return data
