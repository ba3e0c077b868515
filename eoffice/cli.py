"""The ``eoffice`` command: no arguments opens the desktop app; subcommands do the rest."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.store.paths import data_dir, default_database_url

log = logging.getLogger("eoffice")


def _open_store(args: argparse.Namespace) -> Store:
    store = Store(args.database_url or default_database_url())
    store.migrate()
    return store


def _blobs(args: argparse.Namespace) -> BlobStore:
    return BlobStore(Path(args.data_dir or data_dir()) / "blobs")


def _progress(done: int, total: int, what: str) -> None:
    if not total:  # a step starts
        print(f"  {what}…", file=sys.stderr, flush=True)
        return
    print(f"\r  {what}: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def cmd_app(args: argparse.Namespace) -> int:
    """The desktop: a client of the provincial server, or a standalone database."""
    from eoffice.ui.app import prepare_desktop

    prepare_desktop()
    if not args.database_url:
        from eoffice.ui.app import run_desktop

        return run_desktop(server_url=args.server or "", username=args.user or "", language=args.lang)
    from sqlalchemy import select

    from eoffice.directory.models import User

    store = _open_store(args)
    with store.read() as s:
        query = select(User).where(User.deleted.is_(False))
        if args.user:
            query = query.where(User.username == args.user.lower())
        user = s.scalars(query.order_by(User.username)).first()
    if user is None:
        print(
            "Chưa có người dùng nào trong cơ sở dữ liệu. Hãy chạy `eoffice demo` để dùng thử, "
            "hoặc `eoffice import-orgchart TỆP.csv`.\n"
            "No users yet: run `eoffice demo`, or `eoffice import-orgchart FILE.csv`.",
            file=sys.stderr,
        )
        return 2
    from eoffice.ui.app import run_app

    return run_app(store, _blobs(args), user.id, language=args.lang)


def cmd_demo(args: argparse.Namespace) -> int:
    """The demo: an embedded server over the demo province, and the app signed in to it.

    The first demo app serves; one started while it runs connects to the same server.
    With a window, a progress window shows at once and the (first-time: about a minute)
    seeding runs behind it; the desktop opens when the server is ready.
    """
    from eoffice.demo.server import DemoFolder, ServerLock

    folder = DemoFolder.at(Path(args.data_dir) if args.data_dir else None)
    lock = ServerLock(folder.lock_file)
    hosting = lock.acquire()
    if not hosting and args.reset:
        print(
            "Một cửa sổ eoffice demo khác đang chạy; hãy đóng nó trước khi --reset.\n"
            "Another demo app is running; close it before --reset.",
            file=sys.stderr,
        )
        return 2
    if args.no_gui:
        if not hosting:
            print("Một cửa sổ eoffice demo khác đang chạy. / Another demo app is running.", file=sys.stderr)
            return 2
        from eoffice.demo.server import demo_people, open_server_database

        if args.reset:
            folder.wipe()
        store, _blobs, _settings = open_server_database(folder, documents=args.documents, progress=_progress)
        print(json.dumps({"users": len(demo_people(store))}, ensure_ascii=False))
        lock.release()
        return 0

    from eoffice.ui.app import application, prepare_desktop, prepare_with_progress

    prepare_desktop()  # before the seeding: what it leaves is not frozen with the code
    application(args.lang)  # the progress window shows before any slow work

    def both(done: int, total: int, what: str, step: Callable[[int, int, str], None]) -> None:
        _progress(done, total, what)
        step(done, total, what)

    try:
        demo = prepare_with_progress(
            lambda step: _prepare_demo(folder, args, hosting, lambda d, t, w: both(d, t, w, step))
        )
    except BaseException:
        lock.release()
        raise
    if demo is None:
        print("Không tìm thấy máy chủ mẫu. / The demo server did not answer.", file=sys.stderr)
        lock.release()
        return 2
    try:
        return _run_demo_desktop(folder, args, demo)
    finally:
        if demo.server is not None:
            from eoffice.demo.server import unpublish

            unpublish(folder)
            demo.server.stop()
        lock.release()


@dataclass
class _Demo:
    url: str
    store: Store
    server: Any = None  # EmbeddedServer, when this app serves


def _prepare_demo(folder: Any, args: argparse.Namespace, hosting: bool, progress: Any) -> _Demo | None:
    """Off the GUI thread: seed (first time) and serve the demo database, or find the server."""
    from eoffice.demo.server import open_server_database, publish, running_server

    if hosting:
        from eoffice.server.embedded import EmbeddedServer

        if args.reset:
            folder.wipe()
        store, blobs, settings = open_server_database(folder, documents=args.documents, progress=progress)
        progress(0, 0, "server")
        server = EmbeddedServer(store, blobs, settings).start()
        publish(folder, server.url)
        print(f"Máy chủ mẫu: {server.url} / demo server at {server.url}", file=sys.stderr)
        return _Demo(server.url, store, server)
    print(
        "Đang kết nối tới máy chủ mẫu của cửa sổ kia… / Connecting to the other app's demo server…", file=sys.stderr
    )
    progress(0, 0, "connect")
    found = running_server(folder, wait=600)
    if found is None:
        return None
    return _Demo(found, Store(folder.database_url))


def _run_demo_desktop(folder: Any, args: argparse.Namespace, demo: _Demo) -> int:
    from eoffice.demo.server import DEMO_PASSWORD, demo_people
    from eoffice.sync.account import Profile
    from eoffice.ui.app import run_desktop

    people = demo_people(demo.store)
    names = {name for _uid, name, _caption in people}
    username = (args.user or people[0][1]).lower()
    if username not in names:
        print(f"Không có người dùng mẫu “{username}”; có: {', '.join(sorted(names))}", file=sys.stderr)
        return 2

    def profile_for(server_url: str, name: str) -> Profile:
        from eoffice.demo.cards import key_files

        return Profile(
            server_url, name.lower(), folder.account_root(name), server_key="eoffice-demo",
            key_files=key_files(folder.cards_dir, name),
        )

    from eoffice.demo.server import running_server

    return run_desktop(
        server_url=demo.url, username=username, password=DEMO_PASSWORD, profile_for=profile_for,
        demo_people=people, language=args.lang, locate=lambda: running_server(folder),
        hosts_server=demo.server is not None,
    )


def cmd_migrate(args: argparse.Namespace) -> int:
    _open_store(args)
    print("Cơ sở dữ liệu đã được cập nhật. / Database is up to date.")
    return 0


def cmd_import_orgchart(args: argparse.Namespace) -> int:
    from eoffice.directory.orgchart import import_orgchart
    from eoffice.errors import DomainError

    store = _open_store(args)
    try:
        with store.write() as s:
            result = import_orgchart(s, Path(args.csv))
    except DomainError as err:
        print(err.message(args.lang), file=sys.stderr)
        return 1
    print(result)
    return 0


def cmd_print_register(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from eoffice.directory.models import Organisation, User
    from eoffice.documents.models import Register
    from eoffice.errors import DomainError
    from eoffice.printing.registers import print_followup_register, print_register

    store = _open_store(args)
    start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    out = Path(args.output)
    try:
        with store.read() as s:
            org = s.scalars(select(Organisation).where(Organisation.organ_id == args.organ_id.upper())).first()
            if org is None:
                print(f"Không có cơ quan mã {args.organ_id}. / No organisation {args.organ_id}.", file=sys.stderr)
                return 1
            # Printed for a user: only what they may see. Without --user, the database's
            # operator prints every document (they read every row anyway).
            reader = None
            if args.user:
                reader = s.scalar(
                    select(User.id).where(
                        User.username == args.user, User.organisation_id == org.id, User.deleted.is_(False)
                    )
                )
                if reader is None:
                    print(f"Cơ quan không có người dùng {args.user}. / No user {args.user} there.", file=sys.stderr)
                    return 1
            if args.kind == "followup":
                print_followup_register(s, org.id, start, end, out, printed_by=reader)
            else:
                register = s.scalars(
                    select(Register).where(
                        Register.organisation_id == org.id, Register.kind == args.kind, Register.secret == args.secret
                    )
                ).one()
                print_register(s, register.id, start, end, out, printed_by=reader)
    except DomainError as err:
        print(err.message(args.lang), file=sys.stderr)
        return 1
    print(out)
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from eoffice.audit.chain import verify_chain

    store = _open_store(args)
    with store.read() as s:
        problems = verify_chain(s)
    if not problems:
        print("Nhật ký kiểm tra nguyên vẹn. / The audit chain is intact.")
        return 0
    for p in problems:
        print(f"sự kiện #{p.seq}: {'nội dung bị sửa' if p.problem == 'hash' else 'chuỗi bị đứt'} ({p.problem})")
    return 1


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The options every command takes, before or after its name (``eoffice demo --lang en``).

    On a subcommand they default to SUPPRESS, so that a value given before the name survives;
    an option the subcommand declares itself (its own ``--user``, ``--database-url``) is left to it.
    """
    known = parser._option_string_actions  # argparse has no public "has this option"

    def add(*flags: str, **kwargs: object) -> None:
        if any(flag in known for flag in flags):
            return
        if suppress:
            kwargs["default"] = argparse.SUPPRESS
        parser.add_argument(*flags, **kwargs)  # type: ignore[arg-type]

    add("--database-url", help="SQLAlchemy URL (default: SQLite in the user's data dir)")
    add("--data-dir", help="folder for attachments and the demo (default: the user's data dir)")
    add("--lang", choices=["vi", "en"], default="vi", help="interface and message language")
    add("--user", help="username to open the app as")
    add("--server", help="the provincial server's address, e.g. https://eoffice.example.gov.vn")
    add("-v", "--verbose", action="store_true", default=False)


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found.append(child)
                found.extend(_subparsers(child))
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eoffice", description="eOffice — văn bản điện tử và phòng họp không giấy")
    _global_options(parser, suppress=False)
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands")

    p = sub.add_parser("demo", help="open the app on demo data (created on first run)")
    p.add_argument("--documents", type=int, default=2000)
    p.add_argument("--reset", action="store_true", help="throw the demo data away and seed it again")
    p.add_argument("--no-gui", action="store_true", help="only create the demo data")
    p.add_argument(
        "--user", default=argparse.SUPPRESS,
        help="demo username to sign in as (a second app started meanwhile shares the first one's server)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("migrate", help="create or upgrade the database schema")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("import-orgchart", help="import organisations, units and users from CSV")
    p.add_argument("csv")
    p.set_defaults(func=cmd_import_orgchart)

    p = sub.add_parser("print-register", help="print a register for a date range as PDF")
    p.add_argument("--organ-id", required=True, help="the organisation's 13-character id")
    p.add_argument("--kind", choices=["incoming", "outgoing", "followup"], required=True)
    p.add_argument("--secret", action="store_true", help="the secret register")
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True)
    p.add_argument(
        "--user", default=argparse.SUPPRESS,
        help="username to print it for: only the documents they may see, their name on it (default: every document)",
    )
    p.set_defaults(func=cmd_print_register)

    p = sub.add_parser("audit-verify", help="check the audit chain for edited history")
    p.set_defaults(func=cmd_audit_verify)

    from eoffice.server.cli import add_commands as add_server_commands

    add_server_commands(sub)
    from eoffice.signing.cli import add_commands as add_signing_commands

    add_signing_commands(sub)
    for child in _subparsers(parser):
        _global_options(child, suppress=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    if not args.verbose:
        logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per sync request
        logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except Exception as error:
        from eoffice.store.health import database_problem

        problem = database_problem(error, getattr(args, "database_url", None) or "")
        if problem is None:
            raise
        # A damaged, locked or unreachable database is the operator's to fix, not a bug:
        # one line that says what to do, not a traceback.
        log.debug("database problem", exc_info=True)
        print(problem.line(), file=sys.stderr)
        return 1
