"""A local stand-in for every platform's HTTP API, served on 127.0.0.1.

One Starlette application answers X API v2, the Facebook/Instagram Graph API, Mastodon and
Bluesky (atproto XRPC) paths side by side, so the real SDKs can be pointed at it. State lives
in memory; ``/_sandbox/...`` endpoints create accounts, inject citizen traffic, set faults
and let tests inspect what arrived.
"""

from connectors.sandbox.server import SandboxServer

__all__ = ["SandboxServer"]
