"""The sandbox's Starlette application: platform routes, admin routes, faults and the request log."""

from __future__ import annotations

import asyncio
import importlib
import random
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from connectors.sandbox import residents
from connectors.sandbox.state import FaultConfig, LoggedRequest, PlatformModule, SandboxState

# Each module exposes ``routes(state) -> list[BaseRoute]`` and ``module(state) -> PlatformModule``.
PLATFORM_MODULES = (
    "connectors.sandbox.x",
    "connectors.sandbox.graph",
    "connectors.sandbox.mastodon",
    "connectors.sandbox.bluesky",
)

ADMIN_PREFIX = "/_sandbox"


def platform_of_path(path: str) -> str:
    """Which platform a request path belongs to (for logging and faults)."""
    if path.startswith("/2/") or path.startswith("/1.1/"):
        return "x"
    if path.startswith("/v") and path[2:3].isdigit():
        return "graph"
    if path.startswith("/api/") or path.startswith("/oauth/"):
        return "mastodon"
    if path.startswith("/xrpc/"):
        return "bluesky"
    if path.startswith(ADMIN_PREFIX):
        return "admin"
    return "unknown"


class FaultAndLogMiddleware:
    """Injects configured faults (bounded) and records every request with its status."""

    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self.app = app
        self.state = state
        self.rng = random.Random()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        received = self.state.now()  # before any fault or latency: the moment the request reached the platform
        platform = platform_of_path(path)
        status_holder: dict[str, int] = {"status": 0}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = int(message["status"])
            await send(message)

        if platform not in ("admin", "unknown"):
            fault = self._pick_fault(path)
            if fault is not None:
                await self._apply(fault, scope, receive, send_wrapper)
                self._log(scope, platform, status_holder["status"], received)
                return
            if self.state.faults.latency_ms:
                await asyncio.sleep(self.state.faults.latency_ms / 1000)
        await self.app(scope, receive, send_wrapper)
        if platform != "admin":
            self._log(scope, platform, status_holder["status"], received)

    def _log(self, scope: Scope, platform: str, status: int, received: datetime) -> None:
        self.state.log(
            LoggedRequest(
                at=self.state.now(),
                method=scope["method"],
                path=scope["path"],
                status=status,
                platform=platform,
                account_id=scope.get("state", {}).get("account_id") if isinstance(scope.get("state"), dict) else None,
                received_at=received,
            )
        )

    def _pick_fault(self, path: str) -> str | None:
        f: FaultConfig = self.state.faults
        with self.state.lock:
            if not f.applies(path):
                return None
            choice: str | None = None
            if f.burst_429 > 0:
                f.burst_429 -= 1
                choice = "429"
            elif f.drop_rate and self.rng.random() < f.drop_rate:
                choice = "drop"
            elif f.timeout_rate and self.rng.random() < f.timeout_rate:
                choice = "timeout"
            elif f.error_rate and self.rng.random() < f.error_rate:
                choice = "500"
            if choice:
                f.injected += 1
            return choice

    async def _apply(self, fault: str, scope: Scope, receive: Receive, send: Send) -> None:
        platform = platform_of_path(scope["path"])
        if fault == "drop":
            # Close without an answer: the client sees a dropped connection.
            raise ConnectionResetError("sandbox fault: dropped connection")
        if fault == "timeout":
            await asyncio.sleep(self.state.faults.timeout_s)
            response: Response = JSONResponse({"error": "gateway timeout"}, status_code=504)
        elif fault == "429":
            response = rate_limit_fault_response(platform, self.state)
        else:
            response = JSONResponse({"error": "sandbox fault: internal error"}, status_code=503)
        await response(scope, receive, send)


def rate_limit_fault_response(platform: str, state: SandboxState) -> Response:
    """A 429 shaped like the platform's own (used by the ``burst_429`` fault)."""
    reset = int(state.now().timestamp()) + 60
    if platform == "x":
        return JSONResponse(
            {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429},
            status_code=429,
            headers={"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
        )
    if platform == "graph":
        return JSONResponse(
            {
                "error": {
                    "message": "(#4) Application request limit reached",
                    "type": "OAuthException",
                    "is_transient": True,
                    "code": 4,
                    "fbtrace_id": "AsandboxTrace",
                }
            },
            status_code=400,
        )
    if platform == "mastodon":
        return JSONResponse(
            {"error": "Too many requests"},
            status_code=429,
            headers={
                "X-RateLimit-Limit": "300",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": state.now().replace(microsecond=0).isoformat().replace("+00:00", ".000Z"),
            },
        )
    return JSONResponse(
        {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        status_code=429,
        headers={"ratelimit-limit": "3000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)},
    )


def _admin_routes(state: SandboxState) -> list[BaseRoute]:
    async def create_account(request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        platform = str(body.get("platform", ""))
        module = state.platforms.get("graph" if platform in ("facebook", "instagram") else platform)
        if module is None:
            return JSONResponse({"error": f"unknown platform {platform!r}"}, status_code=400)
        handle = str(body.get("handle", "")).strip()
        if not handle:
            return JSONResponse({"error": "handle is required"}, status_code=400)
        options = {"platform": platform} if platform in ("facebook", "instagram") else {}
        acc = module.create_account(
            handle, str(body.get("display_name") or handle), is_force=bool(body.get("is_force", True)), **options
        )
        return JSONResponse(
            {
                "platform": platform,
                "account_id": acc.account_id,
                "handle": acc.handle,
                "display_name": acc.display_name,
                "credentials": acc.credentials,
            }
        )

    async def inject(request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        platform = str(body.get("platform", ""))
        module = state.platforms.get("graph" if platform in ("facebook", "instagram") else platform)
        if module is None:
            return JSONResponse({"error": f"unknown platform {platform!r}"}, status_code=400)
        force = state.find_account(platform, str(body.get("account", "")))
        if force is None:
            return JSONResponse({"error": "unknown force account"}, status_code=404)
        author_body = body.get("author") or {}
        author = state.find_account(platform, str(author_body.get("handle", "")))
        if author is None:
            author = module.create_account(
                str(author_body.get("handle") or f"resident{state.next_number()}"),
                str(author_body.get("name") or author_body.get("handle") or "Resident"),
                is_force=False,
                **({"platform": platform} if platform in ("facebook", "instagram") else {}),
            )
        options = {k: v for k, v in body.items() if k not in {"platform", "account", "author", "kind", "text"}}
        try:
            item_id = module.inject(
                force, str(body.get("kind", "mention")), author, str(body.get("text", "")), **options
            )
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"id": item_id, "author_id": author.account_id})

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            state.faults = FaultConfig()
            return JSONResponse({"ok": True})
        body: dict[str, Any] = await request.json()
        allowed = set(FaultConfig.__dataclass_fields__) - {"injected"}
        unknown = set(body) - allowed
        if unknown:
            return JSONResponse({"error": f"unknown fault settings: {sorted(unknown)}"}, status_code=400)
        if "paths" in body:
            body["paths"] = tuple(body["paths"])
        state.faults = FaultConfig(**body)
        return JSONResponse({"ok": True})

    async def limits(request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        state.limits_lifted = bool(body.get("lifted", False))
        if body.get("reset"):
            state.reset_counts()
        return JSONResponse({"lifted": state.limits_lifted})

    async def revoke(request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        state.revoke_token(str(body.get("token", "")))
        return JSONResponse({"ok": True})

    async def log(request: Request) -> Response:
        since = int(request.query_params.get("since", "0"))
        with state.lock:
            entries = list(state.request_log)[since:]
        return JSONResponse(
            {
                "total": since + len(entries),
                "requests": [
                    {
                        "at": e.at.isoformat(),
                        "method": e.method,
                        "path": e.path,
                        "status": e.status,
                        "platform": e.platform,
                        "account_id": e.account_id,
                        "received_at": (e.received_at or e.at).isoformat(),
                    }
                    for e in entries
                ],
            }
        )

    async def media_list(request: Request) -> Response:
        with state.lock:
            items = [
                {
                    "media_id": m.media_id,
                    "platform": m.platform,
                    "account_id": m.account_id,
                    "mime_type": m.mime_type,
                    "size": len(m.data),
                    "alt_text": m.alt_text,
                }
                for m in state.media.values()
            ]
        return JSONResponse({"media": items})

    async def media_bytes(request: Request) -> Response:
        media = state.media.get(request.path_params["media_id"])
        if media is None:
            return JSONResponse({"error": "no such media"}, status_code=404)
        return Response(media.data, media_type=media.mime_type)

    async def summary(request: Request) -> Response:
        return JSONResponse({name: module.summary() for name, module in state.platforms.items()})

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "now": state.now().isoformat()})

    p = ADMIN_PREFIX
    return [
        Route(f"{p}/health", health),
        Route(f"{p}/accounts", create_account, methods=["POST"]),
        Route(f"{p}/inject", inject, methods=["POST"]),
        Route(f"{p}/faults", faults, methods=["POST", "DELETE"]),
        Route(f"{p}/limits", limits, methods=["POST"]),
        Route(f"{p}/revoke", revoke, methods=["POST"]),
        Route(f"{p}/log", log),
        Route(f"{p}/media", media_list),
        Route(f"{p}/media/{{media_id}}", media_bytes),
        Route(f"{p}/summary", summary),
    ]


def create_app(state: SandboxState, modules: tuple[str, ...] = PLATFORM_MODULES) -> Starlette:
    """Build the application for ``state`` with every platform module that is present."""
    routes: list[BaseRoute] = _admin_routes(state) + residents.routes(state)
    for name in modules:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # platform not built yet
            raise
        platform_module: PlatformModule = mod.module(state)
        state.platforms[platform_module.name] = platform_module
        routes.extend(mod.routes(state))
    app = Starlette(routes=routes)
    app.add_middleware(FaultAndLogMiddleware, state=state)
    return app
