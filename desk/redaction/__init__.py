"""The privacy guard: what would identify a person in an outbound text, with exact spans."""

from desk.redaction.allowlist import AllowEntry, AllowKind, AllowList
from desk.redaction.cli import run_check
from desk.redaction.guard import PrivacyGuard
from desk.redaction.model import BLOCKING_KINDS, GuardResult, Hit, HitKind, fingerprint_of

__all__ = [
    "BLOCKING_KINDS",
    "AllowEntry",
    "AllowKind",
    "AllowList",
    "GuardResult",
    "Hit",
    "HitKind",
    "PrivacyGuard",
    "fingerprint_of",
    "run_check",
]
