"""Signing's ``eoffice admin`` commands: trusted CA roots and e-card certificates' holders.

Registered with ``eoffice.server.cli`` from ``eoffice.signing.capability``; the server's
command line names no capability.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eoffice.errors import DomainError
from eoffice.server.cli import common_options, fail, open_store, register_admin_commands
from eoffice.signing.trust import add_trusted_root


def cmd_add_trusted_root(args: argparse.Namespace) -> int:
    """Trust one CA certificate (PEM) for signature checks; it must be a CA."""
    try:
        pem = Path(args.pem).read_bytes()
    except OSError as err:
        print(f"Không đọc được tệp {args.pem}: {err.strerror}. / Cannot read {args.pem}.", file=sys.stderr)
        return 1
    store, _, _ = open_store(args)
    try:
        with store.write() as s:
            root = add_trusted_root(s, pem)
            print(f"Đã thêm chứng thư gốc {root.subject} (SHA-256 {root.fingerprint_sha256}).")
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def cmd_register_certificate(args: argparse.Namespace) -> int:
    """Bind an e-card's certificate to its holder: a user, or an organisation (its seal)."""
    from eoffice.server.admin import find_organisation, find_user
    from eoffice.signing.ownership import register_certificate, unregister_certificate

    try:
        data = Path(args.certificate).read_bytes()
    except OSError as err:
        name = args.certificate
        print(f"Không đọc được tệp {name}: {err.strerror}. / Cannot read {name}.", file=sys.stderr)
        return 1
    store, _, _ = open_store(args)
    try:
        with store.write() as s:
            if args.remove:
                done = unregister_certificate(s, data)
                print(f"Đã hủy đăng ký chứng thư số {done.subject} của {done.holder}. / Unregistered.")
                return 0
            if args.username:
                done = register_certificate(s, data, user_id=find_user(s, args.username).id)
            else:
                done = register_certificate(s, data, organisation_id=find_organisation(s, args.organ_id).id)
            print(
                f"Đã đăng ký chứng thư số {done.subject} (SHA-256 {done.fingerprint_sha256}) cho {done.holder}."
                f" / Registered to {done.holder}."
            )
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def add_admin_commands(admin_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = admin_sub.add_parser("add-trusted-root", help="trust a CA certificate (PEM) for signature checks")
    common_options(p)
    p.add_argument("pem")
    p.set_defaults(func=cmd_add_trusted_root)

    p = admin_sub.add_parser(
        "register-certificate",
        help="register an e-card's certificate to its holder (signers sign with their own, seals the organisation's)",
    )
    common_options(p)
    p.add_argument("certificate", help="the certificate (PEM or DER), as exported from the e-card")
    holder = p.add_mutually_exclusive_group(required=True)
    holder.add_argument("--username", help="the person whose e-card it is")
    holder.add_argument("--organ-id", help="the organisation whose agency certificate (seal) it is")
    holder.add_argument("--remove", action="store_true", help="unregister it (a lost or replaced card)")
    p.set_defaults(func=cmd_register_certificate)


register_admin_commands(add_admin_commands)
