"""``eoffice server`` and ``eoffice admin …``: run the provincial server and manage it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from eoffice.errors import DomainError, ValidationError

if TYPE_CHECKING:
    from eoffice.store.backup import BackupReport

SUPPRESS = argparse.SUPPRESS


#: Admin commands capabilities add (``eoffice admin add-trusted-root`` is signing's): each
#: is called with the ``admin`` subparsers and adds its own parsers.
_ADMIN_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


def register_admin_commands(add: Callable[[argparse._SubParsersAction], None]) -> None:  # type: ignore[type-arg]
    """Let a capability add its ``eoffice admin`` commands (called from its ``capability`` module)."""
    _ADMIN_COMMANDS.append(add)


def common_options(p: argparse.ArgumentParser) -> None:
    """The options every server command takes: where its database and folder are."""
    # SUPPRESS: a value given before the subcommand (``eoffice --database-url … admin``) survives.
    p.add_argument("--database-url", default=SUPPRESS, help="SQLAlchemy URL (default: SQLite in the data dir)")
    p.add_argument("--data-dir", default=SUPPRESS, help="the server's folder (default: the user's data dir/server)")


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "vi")


def fail(args: argparse.Namespace, err: DomainError) -> int:
    """Print a refusal in the chosen language; the exit status of a refused command."""
    print(err.message(_lang(args)), file=sys.stderr)
    return 1


def open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The server's store, blobs and settings, as ``eoffice server`` with these options would open them."""
    from eoffice.server.process import open_server

    return open_server(getattr(args, "database_url", None), getattr(args, "data_dir", None))


def _read_password(args: argparse.Namespace) -> str:
    if args.password_env:
        value = os.environ.get(args.password_env)
        if value is None:
            raise ValidationError(
                f"Biến môi trường {args.password_env} chưa được đặt.", f"{args.password_env} is not set."
            )
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "Không có bàn phím để nhập mật khẩu; hãy dùng --password-env TÊN_BIẾN.",
            "No terminal to type a password in; use --password-env VAR.",
        )
    try:
        first = getpass.getpass("Mật khẩu / Password: ")
        second = getpass.getpass("Nhập lại / Again: ")
    except EOFError:
        raise ValidationError("Chưa nhập mật khẩu.", "No password given.") from None
    if first != second:
        raise ValidationError("Hai lần nhập mật khẩu không khớp.", "The passwords differ.")
    return first


def cmd_server(args: argparse.Namespace) -> int:
    import uvicorn

    from eoffice.server.settings import SOCKET_OPTIONS, proxy_options
    from eoffice.server.process import (
        ENV_DATA_DIR,
        ENV_DATABASE_URL,
        ENV_UPLOAD_GRACE_DAYS,
        default_server_database_url,
        open_server,
        server_data_dir,
    )

    if bool(args.certfile) != bool(args.keyfile):
        print("Cần cả --certfile và --keyfile để chạy HTTPS. / Give both --certfile and --keyfile.", file=sys.stderr)
        return 2
    from eoffice.store.health import check_database

    folder = server_data_dir(getattr(args, "data_dir", None))
    url = getattr(args, "database_url", None) or default_server_database_url(folder)
    # A damaged, locked or unreachable database is said in one line within seconds
    # (eoffice.cli.main prints it), before anything is served from it.
    check_database(url, integrity=not args.skip_integrity_check)
    store, _blobs, settings = open_server(url, folder)  # migrates once, before any worker starts
    settings.signing_key()
    store.dispose()
    os.environ[ENV_DATABASE_URL] = url
    os.environ[ENV_DATA_DIR] = str(folder)
    if args.upload_grace_days is not None:
        if args.upload_grace_days <= 0:
            print("--upload-grace-days phải lớn hơn 0. / must be above 0.", file=sys.stderr)
            return 2
        os.environ[ENV_UPLOAD_GRACE_DAYS] = str(args.upload_grace_days)
    scheme = "https" if args.certfile else "http"
    print(f"eoffice server: {scheme}://{args.host}:{args.port}/api/v1 (dữ liệu / data: {folder})", file=sys.stderr)
    uvicorn.run(
        "eoffice.server.process:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.certfile,
        ssl_keyfile=args.keyfile,
        log_level="info",
        timeout_graceful_shutdown=5,  # long polls and live channels do not hold a stop up
        **proxy_options(args.trust_proxy or []),  # type: ignore[arg-type]
        **SOCKET_OPTIONS,  # type: ignore[arg-type]
    )
    return 0


def cmd_create_organisation(args: argparse.Namespace) -> int:
    from eoffice.directory.admin import create_organisation
    from eoffice.server.admin import find_organisation

    store, _, _ = open_store(args)
    try:
        with store.write() as s:
            parent_id = find_organisation(s, args.parent).id if args.parent else None
            org = create_organisation(s, args.organ_id, args.name, args.abbreviation, parent_id)
            print(f"Đã tạo cơ quan {org.organ_id} — {org.name}. / Created organisation {org.organ_id}.")
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def cmd_import_orgchart(args: argparse.Namespace) -> int:
    from eoffice.directory.orgchart import import_orgchart

    store, _, _ = open_store(args)
    try:
        with store.write() as s:
            result = import_orgchart(s, Path(args.csv))
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    print(result)
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Unit
    from eoffice.errors import NotFound
    from eoffice.directory.admin import check_username
    from eoffice.server.admin import find_organisation, parse_roles, set_password
    from eoffice.server.passwords import check_strength

    store, _, _ = open_store(args)
    try:
        username = check_username(args.username)
        roles = parse_roles(args.roles)
        password = _read_password(args)
        check_strength(password)
        with store.write() as s:
            org = find_organisation(s, args.organ_id)
            unit_id = None
            if args.unit:
                unit = s.scalars(
                    select(Unit).where(Unit.organisation_id == org.id, Unit.code == args.unit, Unit.deleted.is_(False))
                ).first()
                if unit is None:
                    raise NotFound(f"Không có đơn vị {args.unit} trong {org.organ_id}.", f"No unit {args.unit}.")
                unit_id = unit.id
            user = create_user(s, username, args.full_name, org.id, roles, unit_id, args.position, args.email)
            set_password(s, user, password)
            print(f"Đã tạo người dùng {user.username}. / Created user {user.username}.")
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def cmd_reset_password(args: argparse.Namespace) -> int:
    from eoffice.server.admin import find_user, set_password

    store, _, _ = open_store(args)
    try:
        password = _read_password(args)
        with store.write() as s:
            user = find_user(s, args.username)
            revoked = set_password(s, user, password)
        print(
            f"Đã đặt lại mật khẩu cho {user.username}; {revoked} phiên đăng nhập bị thu hồi."
            f" / Password reset; {revoked} sign-in(s) revoked."
        )
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def _server_places(args: argparse.Namespace) -> tuple[str, Path]:
    """The database URL and data folder a server started with these options would use."""
    from eoffice.server.process import default_server_database_url, server_data_dir

    folder = server_data_dir(getattr(args, "data_dir", None))
    return getattr(args, "database_url", None) or default_server_database_url(folder), folder


def _blob_summary(report: BackupReport) -> str:
    return f"{report.blobs} tệp đính kèm / attachments ({report.blob_bytes / 1e6:.1f} MB)"


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the server's database and attachments into a new folder, the server running."""
    from eoffice.server.settings import SECRET_FILE
    from eoffice.store.backup import BackupError, backup

    url, folder = _server_places(args)
    try:
        report = backup(url, folder / "blobs", Path(args.folder), extra_files=(folder / SECRET_FILE,))
    except BackupError as err:
        print(err.line(), file=sys.stderr)
        return 1
    print(f"Đã sao lưu vào / backed up to {report.folder}: cơ sở dữ liệu / database ({report.dialect}), "
          f"{_blob_summary(report)}.")
    if report.damaged:
        print(
            f"{len(report.damaged)} tệp đính kèm đã hỏng trước khi sao lưu (SHA-256 không khớp): "
            f"{', '.join(report.damaged[:5])} / {len(report.damaged)} attachment(s) were already damaged.",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup into an empty database and data folder; ``eoffice server`` then serves it."""
    from eoffice.store.backup import BackupError, restore

    url, folder = _server_places(args)
    try:
        report = restore(Path(args.folder), url, folder / "blobs", extra_dir=folder)
    except BackupError as err:
        print(err.line(), file=sys.stderr)
        return 1
    print(f"Đã khôi phục từ / restored from {report.folder}: cơ sở dữ liệu / database, {_blob_summary(report)}.")
    if report.damaged:
        print(f"{len(report.damaged)} tệp đính kèm trong bản sao lưu bị hỏng / damaged in the backup: "
              f"{', '.join(report.damaged[:5])}", file=sys.stderr)
        return 1
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``server`` and ``admin`` on the main ``eoffice`` parser."""
    p = sub.add_parser("server", help="run the provincial server (HTTP API)")
    common_options(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--certfile", help="PEM certificate (chain) for HTTPS")
    p.add_argument("--keyfile", help="PEM private key for HTTPS")
    p.add_argument("--workers", type=int, default=1, help="server processes (share one PostgreSQL database)")
    p.add_argument(
        "--skip-integrity-check", action="store_true",
        help="start without reading the whole SQLite file first (PRAGMA quick_check; minutes on a very large one)",
    )
    p.add_argument(
        "--trust-proxy", action="append", metavar="ADDR",
        help="a reverse proxy's address whose X-Forwarded-For names the client (repeatable; default: none, "
        "the connection's address is the client's)",
    )
    p.add_argument(
        "--upload-grace-days", type=float, default=None,
        help="remove an uploaded attachment no operation names after this many days (default 7)",
    )
    p.set_defaults(func=cmd_server)

    p = sub.add_parser(
        "backup", help="copy the server's database and attachments into a new folder (while it runs)",
        description="SQLite: the online backup API; PostgreSQL: pg_dump (postgresql-client). "
        "The attachments are copied by digest, each checked.",
    )
    common_options(p)
    p.add_argument("folder", help="a new (or empty) folder for the backup")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", help="put a backup into an empty database and data folder",
        description="SQLite: the database file must not exist yet; PostgreSQL: create an empty database first "
        "(pg_restore fills it). The data folder must hold no attachments.",
    )
    common_options(p)
    p.add_argument("folder", help="a folder made by eoffice backup")
    p.set_defaults(func=cmd_restore)

    admin = sub.add_parser("admin", help="manage the server: organisations, users, passwords, CA roots")
    admin_sub = admin.add_subparsers(title="admin commands", required=True, metavar="COMMAND")

    p = admin_sub.add_parser("create-organisation", help="add an organisation (with its registers)")
    common_options(p)
    p.add_argument("--organ-id", required=True, help="13-character id, e.g. 000.00.01.H41")
    p.add_argument("--name", required=True)
    p.add_argument("--abbreviation", required=True, help="e.g. UBND, SNV")
    p.add_argument("--parent", help="the parent organisation's organ id")
    p.set_defaults(func=cmd_create_organisation)

    p = admin_sub.add_parser("import-orgchart", help="import organisations, units and users from CSV")
    common_options(p)
    p.add_argument("csv")
    p.set_defaults(func=cmd_import_orgchart)

    p = admin_sub.add_parser("create-user", help="add a user with a password")
    common_options(p)
    p.add_argument("--username", required=True)
    p.add_argument("--full-name", required=True)
    p.add_argument("--organ-id", required=True)
    p.add_argument("--unit", help="unit code, e.g. VP")
    p.add_argument("--position", default="")
    p.add_argument("--email", default="")
    p.add_argument("--roles", required=True, help="comma-separated: clerk,officer,leader,admin")
    p.add_argument("--password-env", metavar="VAR", help="read the password from this environment variable")
    p.set_defaults(func=cmd_create_user)

    p = admin_sub.add_parser("reset-password", help="set a new password and end the user's sign-ins")
    common_options(p)
    p.add_argument("--username", required=True)
    p.add_argument("--password-env", metavar="VAR", help="read the password from this environment variable")
    p.set_defaults(func=cmd_reset_password)

    from eoffice.capabilities import load

    load()
    for add in _ADMIN_COMMANDS:
        add(admin_sub)
