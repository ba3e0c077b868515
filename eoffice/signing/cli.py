"""``eoffice sign`` and ``eoffice verify``: batch signing and checking from the command line.

A batch opens the key once and reads the PIN once (from ``--pin-env`` or the terminal);
a wrong PIN stops the batch at once, without a second try.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from contextlib import ExitStack
from pathlib import Path

from eoffice.errors import DomainError, ValidationError

SUPPRESS = argparse.SUPPRESS


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "vi")


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_env:
        value = os.environ.get(args.pin_env)
        if value is None:
            raise ValidationError(f"Biến môi trường {args.pin_env} chưa được đặt.", f"{args.pin_env} is not set.")
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "Không có bàn phím để nhập mã PIN; hãy dùng --pin-env TÊN_BIẾN.",
            "No terminal to type the PIN in; use --pin-env VAR.",
        )
    try:
        return getpass.getpass("Mã PIN / mật khẩu (PIN / password): ")
    except EOFError:
        raise ValidationError("Chưa nhập mã PIN.", "No PIN given.") from None


def _outputs(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    inputs = [Path(p) for p in args.inputs]
    if args.output:
        if len(inputs) != 1:
            raise ValidationError(
                "Ký nhiều tệp cần --output-dir THƯ_MỤC thay cho -o.", "Several inputs need --output-dir DIR, not -o."
            )
        return [(inputs[0], Path(args.output))]
    out_dir = Path(args.output_dir)
    names = [p.name for p in inputs]
    if len(set(names)) != len(names):
        raise ValidationError(
            "Hai tệp vào trùng tên; chúng sẽ ghi đè nhau trong thư mục ra.",
            "Two inputs share a name in the output dir.",
        )
    return [(p, out_dir / p.name) for p in inputs]


def cmd_sign(args: argparse.Namespace) -> int:
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.keys import load_certificates, open_pkcs11, open_pkcs12
    from eoffice.signing.pades import SigningOptions, sign_many
    from eoffice.signing.placement import Box
    from eoffice.signing.settings import load_settings

    lang = _lang(args)
    try:
        if bool(args.page) != bool(args.box):
            raise ValidationError("--page và --box phải đi cùng nhau.", "--page and --box go together.", field="box")
        if args.pkcs12 and (args.pkcs11_module or args.token_label):
            raise ValidationError(
                "Chọn một: --pkcs12 TỆP hoặc --pkcs11-module + --token-label.",
                "Choose one: --pkcs12 FILE or --pkcs11-module with --token-label.",
            )
        if not args.pkcs12 and not args.pkcs11_module:
            raise ValidationError(
                "Cần --pkcs12 TỆP hoặc --pkcs11-module THƯ_VIỆN.", "Give --pkcs12 FILE or --pkcs11-module LIB."
            )
        jobs = _outputs(args)
        box = Box.parse(args.page - 1, args.box) if args.box else None
        image = Path(args.image).read_bytes() if args.image else None
        seal_image = Path(args.seal_image).read_bytes() if args.seal_image else None
        appearance = Appearance(
            kind=Kind(args.appearance), image=image, box=box, title=args.title or "", name=args.name or "",
            code_label=args.number or "", organisation=args.organisation or "", seal_image=seal_image,
            approver_title=args.approver_title or "", approver_name=args.approver_name or "",
        )
        settings = load_settings()
        trust = [c for path in args.trust or [] for c in load_certificates(Path(path).read_bytes())]
        options = SigningOptions(
            reason=args.reason or "", location=args.location or "",
            timestamp_url=args.timestamp_url if args.timestamp_url is not None else (settings.timestamp_url or None),
            crls=tuple(Path(p).read_bytes() for p in args.crl or []),
            fetch_revocation=args.fetch_revocation or settings.fetch_revocation,
            trust_roots=tuple(trust),
        )
        pin = _read_pin(args)
        with ExitStack() as stack:
            if args.pkcs12:
                key = open_pkcs12(Path(args.pkcs12), pin, trust)
            else:
                key_id = bytes.fromhex(args.key_id) if args.key_id else None
                key = stack.enter_context(
                    open_pkcs11(
                        args.pkcs11_module, args.token_label or "", pin, key_id=key_id,
                        confirm_final_try=args.confirm_final_try, trust_store=trust,
                    )
                )
            del pin
            results = sign_many([(src, dst, appearance) for src, dst in jobs], key, options)
    except DomainError as err:
        print(err.message(lang), file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    except ValueError as err:  # a malformed --key-id
        print(f"{err}", file=sys.stderr)
        return 2
    for result in results:
        print(f"{result.output}\t{result.level}\t{result.signing_time.isoformat()}")
    return 0


_YES = {"vi": ("có", "không"), "en": ("yes", "no")}
_COVERAGE = {
    "whole_file": ("toàn bộ tệp", "the whole file"),
    "revision": ("văn bản đến lúc ký (có cập nhật sau)", "the document as signed (later updates follow)"),
    "partial": ("một phần", "part of the file"),
    "unclear": ("không rõ", "unclear"),
}


def _text_report(report, lang: str) -> str:  # type: ignore[no-untyped-def]
    from eoffice.signing.appearance import iso_vn
    from eoffice.signing.verify import CHANGE_LABELS

    en = lang == "en"
    i = 1 if en else 0
    yes, no = _YES["en" if en else "vi"]
    lines = [("File: " if en else "Tệp: ") + report.path]
    for n, sig in enumerate(report.signatures, 1):
        when = iso_vn(sig.signing_time) if sig.signing_time else "—"
        source = {"timestamp": ("dấu thời gian", "timestamp"), "claimed": ("đồng hồ người ký", "signer's clock")}.get(
            sig.time_source, ("", "")
        )[i]
        lines += [
            (f"Signature {n}: " if en else f"Chữ ký {n}: ") + f"{sig.signer} ({sig.signer_subject})",
            ("  Issued by: " if en else "  Cấp bởi: ") + sig.issuer,
            ("  Signing time: " if en else "  Thời gian ký: ") + when + (f" ({source})" if source else ""),
            ("  Intact: " if en else "  Nguyên vẹn: ") + (yes if sig.intact else no)
            + ("; trusted: " if en else "; tin cậy: ") + (yes if sig.trusted else no)
            + ("; certificate valid at signing: " if en else "; chứng thư còn hiệu lực khi ký: ")
            + (yes if sig.valid_at_signing else no),
            ("  Covers: " if en else "  Phạm vi: ") + _COVERAGE[sig.coverage][i]
            + ("; after signing: " if en else "; sau khi ký: ") + CHANGE_LABELS[sig.changes_after][i],
            ("  Result: " if en else "  Kết luận: ")
            + (("VALID" if en else "HỢP LỆ") if sig.ok else ("NOT VALID — " if en else "KHÔNG HỢP LỆ — ")
               + "; ".join(p.message(lang) for p in sig.problems)),
        ]
    lines.append(report.summary(lang))
    return "\n".join(lines)


def _database_roots(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from eoffice.signing.trust import trusted_roots
    from eoffice.store import Store
    from eoffice.store.paths import default_database_url

    store = Store(getattr(args, "database_url", None) or default_database_url())
    try:
        store.migrate()
        with store.read() as session:
            return trusted_roots(session)
    finally:
        store.dispose()


def cmd_verify(args: argparse.Namespace) -> int:
    from eoffice.signing.errors import UnreadablePdfError
    from eoffice.signing.verify import load_trust_roots, verify_pdf

    lang = _lang(args)
    try:
        roots = load_trust_roots(Path(p) for p in args.trust) if args.trust else _database_roots(args)
        crls = [Path(p).read_bytes() for p in args.crl or []]
    except (DomainError, OSError) as err:
        print(err.message(lang) if isinstance(err, DomainError) else str(err), file=sys.stderr)
        return 2
    reports, unreadable = [], False
    for path in args.files:
        try:
            reports.append(verify_pdf(Path(path), roots, crls=crls, allow_fetching=args.fetch_revocation))
        except UnreadablePdfError as err:
            unreadable = True
            print(err.message(lang), file=sys.stderr)
    if args.json:
        data = [r.to_dict() for r in reports]
        print(json.dumps(data[0] if len(data) == 1 and len(args.files) == 1 else data, ensure_ascii=False, indent=2))
    else:
        if reports:
            print("\n\n".join(_text_report(r, lang) for r in reports))
    if unreadable:
        return 2
    return 0 if all(r.ok for r in reports) else 1


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sign", help="sign PDFs with an e-card (PKCS#11) or a PKCS#12 file (PAdES)")
    p.add_argument("inputs", nargs="+", metavar="IN.pdf")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("-o", "--output", metavar="OUT.pdf")
    out.add_argument("--output-dir", metavar="DIR")
    p.add_argument("--pkcs11-module", metavar="LIB", help="the token's PKCS#11 library (.so/.dll)")
    p.add_argument("--token-label", metavar="LABEL")
    p.add_argument("--key-id", metavar="HEX", help="the key's CKA_ID when the token holds several")
    p.add_argument("--pkcs12", metavar="FILE", help="a .p12/.pfx soft certificate instead of a token")
    p.add_argument("--pin-env", metavar="VAR", help="read the PIN (or PKCS#12 password) from this variable")
    p.add_argument("--confirm-final-try", action="store_true", help="go on although the token has one PIN try left")
    p.add_argument("--appearance", choices=["cosigner", "signer", "agency", "attachment"], required=True)
    p.add_argument("--image", metavar="PNG", help="the signature image (signer) or the seal image (agency)")
    p.add_argument(
        "--seal-image", metavar="PNG",
        help="signer: the agency's seal, so the seal's field (left open for the clerk) has its real size",
    )
    p.add_argument("--page", type=int, metavar="N", help="page number (from 1) for --box")
    p.add_argument("--box", metavar="x1,y1,x2,y2", help="the signature's place in PDF points from the bottom left")
    p.add_argument("--title", help="the signer's title to find on the last page (chức vụ)")
    p.add_argument("--name", help="the signer's full name to find on the last page")
    p.add_argument(
        "--approver-title", help="cosigner: the approver's title, whose block gets the approver's field (CHỦ TỌA)"
    )
    p.add_argument("--approver-name", help="cosigner: the approver's full name, to find their block")
    p.add_argument("--number", help="số và ký hiệu for the attachment stamp, e.g. 12/QĐ-UBND")
    p.add_argument("--organisation", help="the agency's name on the attachment stamp (default: the certificate's)")
    p.add_argument("--reason")
    p.add_argument("--location")
    p.add_argument("--timestamp-url", help="an RFC 3161 timestamp server (B-T); default from the settings")
    p.add_argument("--crl", action="append", metavar="FILE", help="revocation data to embed (B-LT)")
    p.add_argument("--fetch-revocation", action="store_true", help="fetch CRL/OCSP named in the certificates (B-LT)")
    p.add_argument("--trust", action="append", metavar="PEM", help="CA certificates to complete the embedded chain")
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser("verify", help="check the signatures of PDFs (exit 0 only when all are valid)")
    p.add_argument("files", nargs="+", metavar="FILE.pdf")
    p.add_argument("--trust", nargs="+", metavar="ROOTS.pem", help="trusted roots (default: the database's)")
    p.add_argument("--crl", action="append", metavar="FILE", help="revocation data (CRL) to check against")
    p.add_argument("--fetch-revocation", action="store_true", help="fetch CRL/OCSP named in the certificates")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--database-url", default=SUPPRESS, help="where the trusted roots are (without --trust)")
    p.set_defaults(func=cmd_verify)
