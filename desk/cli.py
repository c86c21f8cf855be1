"""The command line: ``desk`` and its subcommands. One of the two composition roots.

This module is the import contract's one named exception: it imports ``connectors`` and ``ui``,
but only inside the command that needs them, so ``desk run`` never loads Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from desk.context import DeskContext
    from desk.secrets import SecretStore


class CliError(Exception):
    """A problem with the command line's input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a bad argument in one line and exits 2."""

    def error(self, message: str) -> Any:
        self.exit(2, f"{self.prog}: error: {message}\n")


# --- shared plumbing ---------------------------------------------------------------------------------


def _database_url(args: argparse.Namespace) -> str:
    from desk.storage.engine import default_database_url, normalise_url

    if getattr(args, "database", None):
        if args.demo:
            raise CliError("--demo uses its own database; do not combine it with --database")
        return normalise_url(str(args.database))
    return default_database_url(demo=bool(getattr(args, "demo", False)))


def _secret_store(args: argparse.Namespace, injected: SecretStore | None) -> SecretStore:
    if injected is not None:
        return injected
    if getattr(args, "demo", False):
        from desk.demo import demo_secret_store

        return demo_secret_store()
    from desk.secrets import KeyringSecretStore

    return KeyringSecretStore()


def _open(args: argparse.Namespace, secrets: SecretStore | None, *, migrate: bool = True) -> DeskContext:
    from desk.clock import clock_from_env
    from desk.context import open_desk

    return open_desk(
        _database_url(args), clock_from_env(), _secret_store(args, secrets), demo=args.demo, migrate=migrate
    )


def _admin(ctx: DeskContext, args: argparse.Namespace, stdin: TextIO) -> Any:
    """Sign in an administrator for a command that changes data."""
    from desk.auth import AuthService
    from desk.roles import Action

    username = args.admin or os.environ.get("DESK_ADMIN_USER")
    if not username:
        raise CliError("this command changes data: give an administrator with --admin USER")
    password = os.environ.get("DESK_ADMIN_PASSWORD") or _read_password(f"Password for {username}: ", stdin)
    identity = AuthService(ctx).sign_in(username, password)
    if not identity.can(Action.MANAGE_USERS):
        raise CliError(f"{username} is not an administrator")
    return identity


def _read_password(prompt: str, stdin: TextIO) -> str:
    if stdin.isatty():
        return getpass.getpass(prompt)
    line = stdin.readline()
    if not line:
        raise CliError("no password on standard input")
    return line.rstrip("\n")


# --- commands -----------------------------------------------------------------------------------------


def cmd_app(args: argparse.Namespace, io: _IO) -> int:
    """Start the window."""
    from ui.app import run_app

    return run_app(demo=args.demo, database_url=args.database, argv=[sys.argv[0]])


def cmd_db_upgrade(args: argparse.Namespace, io: _IO) -> int:
    """Bring the database to the latest schema."""
    from desk.clock import clock_from_env
    from desk.storage.engine import make_engine
    from desk.storage.migrate import upgrade

    engine = make_engine(_database_url(args))
    try:
        result = upgrade(engine, clock_from_env())
    finally:
        engine.dispose()
    if result.changed:
        io.out.write(f"upgraded {result.from_revision or 'empty database'} -> {result.to_revision}\n")
        if result.backup:
            io.out.write(f"backup: {result.backup}\n")
    else:
        io.out.write(f"already at {result.to_revision}\n")
    return 0


def cmd_users_add(args: argparse.Namespace, io: _IO) -> int:
    """Add a person; the first administrator of an empty desk needs no credentials."""
    from desk.auth import AuthService
    from desk.roles import Role, parse_roles

    try:
        roles = parse_roles(args.roles)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    ctx = _open(args, io.secrets)
    try:
        auth = AuthService(ctx)
        password = os.environ.get("DESK_NEW_PASSWORD") or _read_password(f"Password for {args.username}: ", io.stdin)
        if auth.needs_first_setup():
            if roles != {Role.ADMINISTRATOR}:
                raise CliError("the desk has no users yet: the first person must be added with --roles administrator")
            ident = auth.create_first_administrator(args.username, args.name, password)
        else:
            admin = _admin(ctx, args, io.stdin)
            try:
                ident = auth.add_user(admin, args.username, args.name, password, roles, team=args.team)
            finally:
                auth.sign_out(admin)
        io.out.write(f"added {ident.username} ({', '.join(sorted(r.value for r in ident.roles))})\n")
        return 0
    finally:
        ctx.dispose()


def cmd_audit_verify(args: argparse.Namespace, io: _IO) -> int:
    """Check the whole audit chain; non-zero when broken."""
    ctx = _open(args, io.secrets, migrate=False)
    try:
        with ctx.sessions() as session:
            report = ctx.audit.verify(session)
        io.out.write(report.describe() + "\n")
        return 0 if report.ok else 1
    finally:
        ctx.dispose()


def cmd_status(args: argparse.Namespace, io: _IO) -> int:
    """Counts for monitoring a headless runner."""
    from desk.clock import clock_from_env
    from desk.status import collect_status
    from desk.storage.engine import make_engine

    engine = make_engine(_database_url(args))
    try:
        status = collect_status(engine, clock_from_env().now())
    finally:
        engine.dispose()
    if args.json:
        io.out.write(json.dumps(status, indent=2, sort_keys=True) + "\n")
    else:
        for section, values in status.items():
            io.out.write(f"{section}: {json.dumps(values, sort_keys=True)}\n")
    return 0


def cmd_run(args: argparse.Namespace, io: _IO) -> int:
    """Headless: the scheduler and syncs, no window; stops cleanly on SIGTERM/SIGINT."""
    from desk.runner import run_headless

    if args.for_seconds is not None and args.for_seconds <= 0:
        raise CliError("--for needs a positive number of seconds")
    import logging

    logging.basicConfig(
        level=os.environ.get("DESK_LOG_LEVEL", "WARNING").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=io.err,
    )
    stop: threading.Event | None = None
    if args.follow_parent:
        stop = _stop_when_parent_goes(io.stdin)
    ctx = _open(args, io.secrets)
    try:
        starter: Callable[[DeskContext], Any] | None = None
        if args.demo and not args.follow_parent:  # a window that starts its runner runs the demo itself
            from connectors.demo import start_demo

            starter = start_demo
        from connectors.registry import capabilities_for, connector_for
        from desk.services import background_factory, connector_builder

        build = connector_builder(ctx, connector_for)
        return run_headless(
            ctx,
            build,
            services=background_factory(capabilities_for),
            demo_starter=starter,
            seconds=args.for_seconds,
            out=io.out,
            stop_event=stop,
        )
    finally:
        ctx.dispose()


def _stop_when_parent_goes(stdin: TextIO) -> threading.Event:
    """An event set when ``stdin`` reaches its end: the window that started this runner closed its pipe, or
    died (the pipe closes with it), so the runner never outlives its window."""
    stop = threading.Event()

    def watch() -> None:
        try:
            while stdin.read(4096):
                pass
        except (OSError, ValueError):
            pass
        stop.set()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    return stop


def cmd_guard_check(args: argparse.Namespace, io: _IO) -> int:
    """Check texts for what would identify a person."""
    from pathlib import Path

    from desk.errors import ValidationFailed
    from desk.redaction import AllowList, PrivacyGuard, run_check

    guard = None
    if args.allow_list:
        allow = AllowList.shipped()
        for name in args.allow_list:
            try:
                allow = allow.with_entries(AllowList.load(Path(name)).entries)
            except ValidationFailed as exc:
                raise CliError(exc.message.english()) from None
        guard = PrivacyGuard(allow)
    return run_check(args.paths, io.stdin, io.out, guard=guard)


def cmd_triage_classify(args: argparse.Namespace, io: _IO) -> int:
    """Classify JSON-lines messages with the triage rules."""
    from desk.triage import run_classify

    return run_classify(args.paths, io.stdin, io.out, rules_path=args.rules)


def cmd_triage_evaluate(args: argparse.Namespace, io: _IO) -> int:
    """Precision, recall and the confusion matrix of the rules on a labelled file."""
    from desk.triage import run_evaluate

    return run_evaluate(args.path, io.out, rules_path=args.rules)


# --- parser --------------------------------------------------------------------------------------------


class _IO:
    def __init__(self, stdin: TextIO, out: TextIO, err: TextIO, secrets: SecretStore | None) -> None:
        self.stdin = stdin
        self.out = out
        self.err = err
        self.secrets = secrets


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="use the demo database and the local sandbox")
    parser.add_argument("--database", metavar="URL", help="database URL (default: DESK_DATABASE_URL or SQLite)")


def build_parser() -> argparse.ArgumentParser:
    """The ``desk`` argument parser."""
    parser = _Parser(prog="desk", description="Beat Desk: an operations desk for police social media.")
    _common(parser)
    parser.set_defaults(handler=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    run = sub.add_parser("run", help="run headless: scheduler and syncs, no window", description=cmd_run.__doc__)
    _common(run)
    run.add_argument("--for", dest="for_seconds", type=float, metavar="SECONDS", help="stop after this long")
    run.add_argument(
        "--follow-parent",
        action="store_true",
        help="started by a desk window: stop when the window closes its end of stdin (the window runs the demo)",
    )
    run.set_defaults(handler=cmd_run)

    db = sub.add_parser("db", help="database maintenance", description="Database maintenance.")
    db_sub = db.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    up = db_sub.add_parser("upgrade", help="upgrade to the latest schema", description=cmd_db_upgrade.__doc__)
    _common(up)
    up.set_defaults(handler=cmd_db_upgrade)

    users = sub.add_parser("users", help="people who sign in", description="People who sign in.")
    users_sub = users.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    add = users_sub.add_parser("add", help="add a person", description=cmd_users_add.__doc__)
    _common(add)
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the person's name as colleagues know it")
    add.add_argument(
        "--roles", required=True, help="comma-separated: officer, press_officer, supervisor, administrator"
    )
    add.add_argument("--team", help="team name (optional)")
    add.add_argument("--admin", help="administrator who authorises the change (password from stdin or prompt)")
    add.set_defaults(handler=cmd_users_add)

    audit = sub.add_parser("audit", help="the audit log", description="The audit log.")
    audit_sub = audit.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain", description=cmd_audit_verify.__doc__)
    _common(verify)
    verify.set_defaults(handler=cmd_audit_verify)

    status = sub.add_parser("status", help="counts for monitoring", description=cmd_status.__doc__)
    _common(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(handler=cmd_status)

    guard = sub.add_parser("guard", help="the privacy guard", description="The privacy guard.")
    guard_sub = guard.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    check = guard_sub.add_parser(
        "check",
        help="check texts for personal details",
        description="Read texts (JSON lines with 'text', or plain lines; '-' or nothing for stdin) and print every "
        "hit with its kind and exact span. Exit 1 when anything would be blocked.",
    )
    check.add_argument("paths", nargs="*", help="files to read (default: standard input)")
    check.add_argument(
        "--allow-list",
        action="append",
        metavar="FILE",
        help="extra allow-list (JSON, as the administrator exports it) on top of the shipped one; repeatable",
    )
    check.set_defaults(handler=cmd_guard_check)

    triage = sub.add_parser("triage", help="triage rules", description="Triage rules.")
    triage_sub = triage.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    classify = triage_sub.add_parser(
        "classify", help="classify messages", description="Read JSON lines (text, optional lang); print class+reason."
    )
    classify.add_argument("paths", nargs="*", help="files to read (default: standard input)")
    classify.add_argument("--rules", help="a rules folder to try instead of the saved rules")
    classify.set_defaults(handler=cmd_triage_classify)
    evaluate = triage_sub.add_parser(
        "evaluate",
        help="measure rules on labelled messages",
        description="Read JSON lines with text and label; print per-class precision, recall and the confusion matrix.",
    )
    evaluate.add_argument("path", help="JSON lines file with 'text' and 'label'")
    evaluate.add_argument("--rules", help="a rules folder to try instead of the saved rules")
    evaluate.set_defaults(handler=cmd_triage_evaluate)

    # tweetathon rehearse: the logic is desk.tweetathon.rehearsal; connectors are imported only when it runs.
    def cmd_tweetathon_rehearse(args: argparse.Namespace, io: _IO) -> int:
        from connectors.demo import spawn_sandbox
        from connectors.registry import capabilities_for, connector_for
        from desk.tweetathon.rehearsal import cli_rehearse

        return cli_rehearse(
            args, io.out, io.err, spawn=spawn_sandbox, connector_for=connector_for, capabilities_for=capabilities_for
        )

    tweetathon = sub.add_parser("tweetathon", help="tweetathons", description="Tweetathons.")
    tw_sub = tweetathon.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser, required=True)
    rehearse = tw_sub.add_parser(
        "rehearse",
        help="replay a call file against the sandbox",
        description="Replay a call file against the sandbox on an accelerated clock and write a JSON report.",
    )
    rehearse.add_argument("file", help="a CSV or JSON call export")
    rehearse.add_argument("--preset", help="a shipped preset name or a preset file (default: recognised columns)")
    rehearse.add_argument("--speed", type=float, default=4000.0, help="clock seconds per real second")
    rehearse.add_argument("--accounts", default="x:3,mastodon:1,bluesky:1", help="accounts per platform")
    rehearse.add_argument("--report", metavar="PATH", help="where the JSON report goes")
    rehearse.add_argument("--start", help="window start, ISO with zone (default: the file's busiest day)")
    rehearse.add_argument("--hours", type=float, default=24.0, help="window length in hours")
    rehearse.add_argument("--compress", action="store_true", help="squeeze the whole file into the window")
    rehearse.add_argument("--delay", type=float, default=15.0, help="minutes between a call and its post")
    rehearse.set_defaults(handler=cmd_tweetathon_rehearse)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    secrets: SecretStore | None = None,
) -> int:
    """Run ``desk`` with ``argv``; returns the exit code. Tests may inject streams and a secret store."""
    from desk.errors import DeskError

    io = _IO(stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr, secrets)
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(io.out), contextlib.redirect_stderr(io.err):
            args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:
        return int(exc.code or 0)
    handler: Callable[[argparse.Namespace, _IO], int] = args.handler
    try:
        return handler(args, io)
    except CliError as exc:
        io.err.write(f"desk: error: {exc}\n")
        return 2
    except DeskError as exc:
        io.err.write(f"desk: {exc.message.english()}\n")
        return 1
    except KeyboardInterrupt:
        return 130
