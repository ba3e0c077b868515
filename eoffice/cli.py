"""The ``eoffice`` command: no arguments opens the desktop app; subcommands do the rest."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

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
    print(f"\r  {what}: {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def cmd_app(args: argparse.Namespace) -> int:
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


def demo_paths(base: Path | None = None) -> tuple[str, Path]:
    root = (base or data_dir()) / "demo"
    root.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{root / 'eoffice.sqlite3'}", root / "blobs"


def ensure_demo(documents: int, reset: bool, base: Path | None = None) -> tuple[Store, BlobStore]:
    """The demo database, seeded on first use (or again with ``reset``)."""
    from sqlalchemy import func, select

    from eoffice.demo.seed import seed_demo
    from eoffice.directory.models import User

    url, blob_dir = demo_paths(base)
    db_file = Path(url.removeprefix("sqlite:///"))
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_file) + suffix).unlink(missing_ok=True)
    store = Store(url)
    store.migrate()
    blobs = BlobStore(blob_dir)
    with store.read() as s:
        seeded = s.scalar(select(func.count()).select_from(User)) or 0
    if not seeded:
        print(f"Đang tạo dữ liệu mẫu ({documents} văn bản) tại {db_file.parent} …", file=sys.stderr)
        seed_demo(store, blobs, documents=documents, progress=_progress)
    return store, blobs


def cmd_demo(args: argparse.Namespace) -> int:
    from eoffice.demo.seed import demo_users

    store, blobs = ensure_demo(args.documents, args.reset, Path(args.data_dir) if args.data_dir else None)
    users = demo_users(store)
    if args.no_gui:
        print(json.dumps({"users": len(users)}, ensure_ascii=False))
        return 0
    from eoffice.ui.app import run_app

    return run_app(store, blobs, users[0][0], demo_users=users, language=args.lang)


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

    from eoffice.directory.models import Organisation
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
            if args.kind == "followup":
                print_followup_register(s, org.id, start, end, out)
            else:
                register = s.scalars(
                    select(Register).where(
                        Register.organisation_id == org.id, Register.kind == args.kind, Register.secret == args.secret
                    )
                ).one()
                print_register(s, register.id, start, end, out)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eoffice", description="eoffice — văn bản điện tử và phòng họp không giấy")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in the user's data dir)")
    parser.add_argument("--data-dir", help="folder for attachments and the demo (default: the user's data dir)")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="interface language")
    parser.add_argument("--user", help="username to open the app as")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands")

    p = sub.add_parser("demo", help="open the app on demo data (created on first run)")
    p.add_argument("--documents", type=int, default=2000)
    p.add_argument("--reset", action="store_true", help="throw the demo data away and seed it again")
    p.add_argument("--no-gui", action="store_true", help="only create the demo data")
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
    p.set_defaults(func=cmd_print_register)

    p = sub.add_parser("audit-verify", help="check the audit chain for edited history")
    p.set_defaults(func=cmd_audit_verify)

    from eoffice.server.cli import add_commands as add_server_commands

    add_server_commands(sub)
    from eoffice.signing.cli import add_commands as add_signing_commands

    add_signing_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return int(args.func(args) or 0)
