"""Verifying the signatures of a PDF: intact, trusted, valid when made, what came after.

One verifier for every caller (``eoffice verify``, the desktop's signatures tab, the check
of a received PDF on registration, the server's check of a ``sign_file``). pyHanko checks
the cryptography with the admin's trusted roots (never the operating system's store) and
no network unless asked; what the bytes mean is ours, read strictly:

- the file is an original followed by complete incremental updates, nothing hidden and
  nothing after the last ``%%EOF`` (``pdfstructure.read_layout``), and no object a signed
  revision refers to is missing from it (``changes.ObjectGraph.missing``);
- a signature covers exactly its revision: byte ranges from 0 to the revision's end, the
  gap between them exactly its ``/Contents`` hex string (``pdfstructure.signature_coverage``);
- each update after it is on the short list of allowed changes, judged object by object
  against the signature's DocMDP and FieldMDP (``changes.review_changes``).

A signature passes when it is intact in all these senses, its chain reaches a trusted
root, its certificate was valid and not revoked at signing time, and nothing unsafe came
after it. Malformed input never raises anything but ``UnreadablePdfError`` (the file
cannot be read at all); a malformed signature is a report with the reason.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from eoffice.signing.appearance import iso_vn
from eoffice.signing.errors import UnreadablePdfError

if TYPE_CHECKING:
    from eoffice.signing.pdfstructure import Layout, Reason

log = logging.getLogger(__name__)


def _indic_name(indic: object) -> str:
    """pyHanko's AdES sub-indication by name (``NO_CERTIFICATE_CHAIN_FOUND``), "" for none.

    Typed as their common base, which has no ``name``; each one is an enum member."""
    return indic.name if isinstance(indic, enum.Enum) else ""
# pyHanko logs a traceback for every chain it cannot build; the report already says it.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)

#: What changed after a signature, in the issue's words.
CHANGES = ("none", "form_filling", "annotations", "other")
SAFE_CHANGES = ("none", "form_filling")

CHANGE_LABELS = {
    "none": ("không có thay đổi", "nothing"),
    "form_filling": ("chỉ điền biểu mẫu hoặc ký thêm", "form filling or further signatures only"),
    "annotations": ("thêm hoặc sửa chú thích", "annotations added or changed"),
    "other": ("nội dung bị thay đổi", "other changes to the content"),
    "unknown": ("không xác định được", "could not be determined"),
}


@dataclass(frozen=True)
class Problem:
    code: str
    message_vi: str
    message_en: str

    def message(self, language: str = "vi") -> str:
        return self.message_en if language == "en" else self.message_vi


@dataclass(frozen=True)
class SignatureReport:
    """One signature, as the signatures panel and ``eoffice verify`` show it."""

    field_name: str
    signer: str  # the certificate's common name
    signer_subject: str
    issuer: str
    serial: str
    signing_time: datetime | None
    time_source: str  # "timestamp" (trusted TSA), "claimed" (the signer's clock) or ""
    intact: bool  # the signed bytes are unchanged and the signature matches them
    trusted: bool  # the chain reaches a trusted root and is valid now
    trust_problem: str  # pyHanko's sub-indication when not trusted
    valid_at_signing: bool  # the certificate was in its validity and not revoked then
    revoked: bool
    coverage: str  # "whole_file", "revision" (later updates exist), "partial", "unclear"
    covered_bytes: int
    changes_after: str  # one of CHANGES, or "unknown"
    timestamped: bool
    long_term: bool  # validation data (DSS) embedded
    problems: tuple[Problem, ...] = ()
    #: The form fields filled after this signature, by name, in order: the issuing fields
    #: (``number``, ``date``) and the signature fields of later signatures.
    filled_after: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = iso_vn(self.signing_time) if self.signing_time else None
        data["problems"] = [{"code": p.code, "vi": p.message_vi, "en": p.message_en} for p in self.problems]
        data["ok"] = self.ok
        return data


@dataclass(frozen=True)
class VerificationReport:
    path: str
    size: int
    signatures: tuple[SignatureReport, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Signed, and every signature passes."""
        return bool(self.signatures) and all(s.ok for s in self.signatures)

    def summary(self, language: str = "vi") -> str:
        if not self.signatures:
            return "Tệp không có chữ ký số." if language != "en" else "The file carries no digital signature."
        bad = sum(1 for s in self.signatures if not s.ok)
        n = len(self.signatures)
        if not bad:
            return (f"Cả {n} chữ ký số hợp lệ." if language != "en" else f"All {n} signature(s) are valid.")
        return (
            f"{bad}/{n} chữ ký số KHÔNG hợp lệ." if language != "en" else f"{bad} of {n} signature(s) are NOT valid."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "size": self.size,
            "ok": self.ok,
            "summary": {"vi": self.summary("vi"), "en": self.summary("en")},
            "signatures": [s.to_dict() for s in self.signatures],
        }


def load_trust_roots(paths: Iterable[Path]) -> list[x509.Certificate]:
    """Certificates from PEM/DER files (a PEM file may hold many)."""
    from eoffice.errors import ValidationError
    from eoffice.signing.keys import load_certificates

    roots: list[x509.Certificate] = []
    for path in paths:
        try:
            roots.extend(load_certificates(Path(path).read_bytes()))
        except (OSError, ValueError) as err:
            raise ValidationError(
                f"Không đọc được chứng thư gốc {path}.", f"Cannot read the root certificate {path}: {err}.",
                field="trust",
            ) from err
    return roots


def _asn1(cert: x509.Certificate):  # type: ignore[no-untyped-def]
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _validation_context(roots, crls, allow_fetching: bool):  # type: ignore[no-untyped-def]
    from pyhanko_certvalidator import ValidationContext

    from eoffice.signing.pades import _load_crls

    return ValidationContext(
        trust_roots=[_asn1(c) for c in roots],
        crls=_load_crls(crls),
        allow_fetching=allow_fetching,
        revocation_mode="soft-fail",
    )



def _changes_label(level: str) -> str:
    return level if level in CHANGES else "unknown"


class _Document:
    """What every signature of one file is judged against, worked out once per file."""

    def __init__(self, reader: Any, handle: Any, size: int, strict_error: str | None) -> None:
        from eoffice.signing.changes import ObjectGraph
        from eoffice.signing.pdfstructure import Reason, read_layout

        self.reader = reader
        self.handle = handle
        self.size = size
        self.structure: list[Reason] = []
        self.layout: Layout | None
        if strict_error is not None:
            self.structure.append(Reason(
                f"tệp không đọc được theo cách chặt chẽ ({strict_error})",
                f"the file does not read strictly ({strict_error})",
            ))
        try:
            self.layout = read_layout(reader, handle, size)
            self.structure.extend(reason for _rev, reason in self.layout.problems)
        except Exception as err:
            log.info("layout of a PDF cannot be read: %s", err)
            log.debug("details", exc_info=True)
            self.layout = None
            self.structure.append(Reason(
                f"không xác định được các phiên bản của tệp ({err})", f"the file's revisions cannot be laid out ({err})"
            ))
        self.graph = ObjectGraph(reader)
        self._missing: dict[int, list[Reason]] = {}
        self.parts: dict[int, Any] = {}

    def missing(self, revision: int) -> list[Reason]:
        """References a signed revision makes to objects it does not define."""
        if revision not in self._missing:
            try:
                self._missing[revision] = self.graph.missing(revision)
            except Exception as err:  # noqa: BLE001
                from eoffice.signing.pdfstructure import Reason

                self._missing[revision] = [Reason(
                    f"không đọc được phiên bản {revision} ({err})", f"revision {revision} cannot be read ({err})"
                )]
        return self._missing[revision]


def _problem_list(code: str, vi: str, en: str, reasons: Iterable[Any], limit: int = 3) -> list[Problem]:
    reasons = list(reasons)
    shown = reasons[:limit]
    more_vi = f" (và {len(reasons) - limit} điều khác)" if len(reasons) > limit else ""
    more_en = f" (and {len(reasons) - limit} more)" if len(reasons) > limit else ""
    last = len(shown) - 1
    return [
        Problem(code, f"{vi}: {r.vi}{more_vi if i == last else ''}.", f"{en}: {r.en}{more_en if i == last else ''}.")
        for i, r in enumerate(shown)
    ]


def _permissions(embedded, signatures: list[Any]):  # type: ignore[no-untyped-def]
    """The DocMDP in force after ``embedded`` (the strictest of it and earlier signatures')
    and its own FieldMDP lock; an unreadable lock locks every field."""
    from eoffice.signing.changes import Permissions

    levels = []
    for other in signatures:
        if other.signed_revision <= embedded.signed_revision:
            try:
                level = other.docmdp_level
            except Exception:  # noqa: BLE001
                level = None
            if level is not None:
                levels.append(int(level.value))
    try:
        spec = embedded.fieldmdp
        locked = spec.is_locked if spec is not None else (lambda _name: False)
    except Exception:  # noqa: BLE001
        locked = lambda _name: True  # noqa: E731
    return Permissions(min(levels) if levels else None, locked)


def _report(embedded, vc, doc: _Document, signatures: list[Any], dss_present: bool) -> SignatureReport:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import validate_pdf_signature

    from eoffice.signing.changes import review_changes
    from eoffice.signing.pdfstructure import Coverage, Reason, signature_coverage
    from eoffice.signing.tokens import common_name

    # hybrid cross-references are checked by our layout (only the original may have them)
    embedded._enforce_hybrid_xref_policy = lambda: None
    status = validate_pdf_signature(embedded, vc, skip_diff=True)
    cert = x509.load_der_x509_certificate(status.signing_cert.dump())

    ts = status.timestamp_validity
    timestamped = ts is not None
    if ts is not None and ts.intact and ts.valid and ts.trusted:
        signing_time, source = ts.timestamp, "timestamp"
    elif status.signer_reported_dt is not None:
        signing_time, source = status.signer_reported_dt, "claimed"
    else:
        signing_time, source = None, ""
    revoked = bool(status.revocation_details is not None)
    moment = signing_time or datetime.now(timezone.utc)
    in_window = cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc
    details = status.revocation_details
    revoked_before = details is not None and details.revocation_date <= moment
    valid_at_signing = in_window and not revoked_before

    revision = embedded.signed_revision
    # a reference to an undefined object in the signed revision or after it: a reader
    # rebuilds the cross-reference (and uses what it finds), or a later definition shows
    structure = list(doc.structure) + [r for rev in range(revision, doc.graph.revisions) for r in doc.missing(rev)]
    if doc.layout is not None:
        coverage = signature_coverage(doc.layout, doc.handle, doc.reader, embedded)
    else:
        coverage = Coverage("unclear", 0, (Reason("không xác định được vùng được ký", "the signed range is unclear"),))
    if revision < doc.graph.revisions - 1:
        verdict = review_changes(doc.graph, revision, _permissions(embedded, signatures), doc.parts)
        changes = _changes_label(verdict.level)
        change_reasons = verdict.reasons
        filled_after = tuple(verdict.filled)
    else:
        changes, change_reasons = ("none" if coverage.kind == "whole_file" else "unknown"), []
        filled_after = ()
    cryptographic = bool(status.intact and status.valid)
    intact = cryptographic and not structure and not coverage.reasons

    problems: list[Problem] = []
    if not cryptographic:
        problems.append(Problem(
            "not_intact", "Nội dung đã ký bị thay đổi hoặc chữ ký không khớp.",
            "The signed content was altered or the signature does not match it.",
        ))
    problems += _problem_list(
        "not_intact", "Tệp đã ký không còn nguyên vẹn", "The signed file is not intact", structure
    )
    problems += _problem_list(
        "coverage", "Chữ ký không bao trùm đúng văn bản đã ký", "The signature does not cover exactly what was signed",
        coverage.reasons,
    )
    if not status.trusted:
        indic = _indic_name(status.trust_problem_indic)
        if revoked:
            problems.append(Problem("revoked", "Chứng thư số đã bị thu hồi.", "The certificate was revoked."))
        elif indic.startswith("OUT_OF_BOUNDS") or indic == "EXPIRED":
            problems.append(Problem(
                "expired", "Chứng thư số đã hết hạn hoặc chưa có hiệu lực.",
                "The certificate is expired or not yet valid.",
            ))
        else:
            problems.append(Problem(
                "untrusted", "Chứng thư số không thuộc tổ chức chứng thực được tin cậy.",
                "The certificate does not chain to a trusted root.",
            ))
    if not valid_at_signing and not any(p.code in ("expired", "revoked") for p in problems):
        problems.append(Problem(
            "invalid_at_signing", "Chứng thư số không còn hiệu lực tại thời điểm ký.",
            "The certificate was not valid at signing time.",
        ))
    if ts is not None and not (ts.intact and ts.valid and ts.trusted):
        problems.append(Problem("bad_timestamp", "Dấu thời gian không hợp lệ.", "The timestamp is not valid."))
    if coverage.kind in ("partial", "unclear") and not coverage.reasons:
        problems.append(Problem(
            "coverage", "Chữ ký không bao trùm toàn bộ văn bản tại thời điểm ký.",
            "The signature does not cover the whole document as it was signed.",
        ))
    if changes == "unknown" and problems:
        pass  # already not valid, for the reasons above
    elif changes not in SAFE_CHANGES:
        vi, en = CHANGE_LABELS[changes]
        if change_reasons:
            problems += _problem_list("changed_after", f"Sau khi ký: {vi}", f"After signing: {en}", change_reasons)
        else:
            problems.append(Problem("changed_after", f"Sau khi ký: {vi}.", f"After signing: {en}."))
    return SignatureReport(
        field_name=str(embedded.field_name),
        signer=common_name(cert),
        signer_subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        signing_time=signing_time,
        time_source=source,
        intact=intact,
        trusted=bool(status.trusted),
        trust_problem=_indic_name(status.trust_problem_indic),
        valid_at_signing=valid_at_signing,
        revoked=revoked,
        coverage=coverage.kind,
        covered_bytes=coverage.covered,
        changes_after=changes,
        timestamped=timestamped,
        long_term=dss_present,
        problems=tuple(problems),
        filled_after=filled_after,
    )


def _open_reader(handle: Any, path: Path) -> tuple[Any, str | None]:
    """The strict reader; a lenient one (and why strict failed) when only that can read it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(handle, strict=True), None
    except Exception as strict_err:  # noqa: BLE001 - any parser failure on untrusted input
        try:
            handle.seek(0)
            return PdfFileReader(handle, strict=False), (str(strict_err) or type(strict_err).__name__)
        except Exception as err:
            raise UnreadablePdfError(str(path), str(err) or type(err).__name__) from err


def _signature_fields(reader: Any) -> list[tuple[str, Any]]:
    """(name, signature field) for every filled signature field but document timestamps."""
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import enumerate_sig_fields

    found = []
    for name, value, field_ref in enumerate_sig_fields(reader, filled_status=True):
        if isinstance(value, generic.IndirectObject):
            value = value.get_object()
        if isinstance(value, generic.DictionaryObject) and value.get("/Type") == "/DocTimeStamp":
            continue  # a document timestamp: an allowed later change, not a signature to report
        found.append((str(name), field_ref))
    return found


def _check_signature_dictionary(field_ref: Any) -> None:
    """What a signature dictionary must hold before anything reads it, said plainly."""
    from pyhanko.pdf_utils import generic

    field = field_ref.get_object()
    value = field.get("/V") if isinstance(field, generic.DictionaryObject) else None
    if isinstance(value, generic.IndirectObject):
        value = value.get_object()
    if not isinstance(value, generic.DictionaryObject):
        raise ValueError("the signature value (/V) is not a dictionary")
    byte_range = value.raw_get("/ByteRange") if "/ByteRange" in value else None
    if not (
        isinstance(byte_range, generic.ArrayObject)
        and len(byte_range) == 4
        and all(isinstance(v, int) and not isinstance(v, bool) for v in list.__iter__(byte_range))
    ):
        raise ValueError("/ByteRange is not an array of four integers")
    contents = value.raw_get("/Contents") if "/Contents" in value else None
    if not isinstance(contents, (generic.ByteStringObject, generic.TextStringObject)):
        raise ValueError("/Contents is not a string")


def _embedded(reader: Any, name: str, field_ref: Any) -> Any:
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    _check_signature_dictionary(field_ref)
    embedded = EmbeddedPdfSignature(reader, field_ref, name)
    subfilter = embedded.sig_object.get("/SubFilter")
    if subfilter not in [s.value for s in SigSeedSubFilter]:
        raise ValueError(f"unsupported signature format {subfilter}")
    return embedded


def verify_pdf(
    path: Path,
    trust_roots: Iterable[x509.Certificate],
    *,
    crls: Iterable[bytes] = (),
    allow_fetching: bool = False,
) -> VerificationReport:
    """Every signature of ``path`` checked against ``trust_roots``; the file is read, not loaded.

    Raises only ``UnreadablePdfError`` (not a PDF that can be read at all); everything else
    wrong is in the report.
    """
    path = Path(path)
    roots = list(trust_roots)
    crl_list = list(crls)
    try:
        handle = open(path, "rb")
        size = path.stat().st_size
    except OSError as err:
        raise UnreadablePdfError(str(path), err.strerror or str(err)) from err
    with handle:
        reader, strict_error = _open_reader(handle, path)
        try:
            if reader.security_handler is not None:
                raise UnreadablePdfError(str(path), "tệp có mật khẩu / the file is encrypted")
            fields = _signature_fields(reader)
        except UnreadablePdfError:
            raise
        except Exception as err:
            raise UnreadablePdfError(str(path), str(err) or type(err).__name__) from err
        try:
            dss_present = "/DSS" in reader.root
        except Exception:  # noqa: BLE001
            dss_present = False
        structure_handle = open(path, "rb")
        with structure_handle:
            doc = _Document(reader, structure_handle, size, strict_error)
            embedded: list[tuple[str, Any]] = []
            broken: list[SignatureReport] = []
            for name, field_ref in fields:
                try:
                    embedded.append((name, _embedded(reader, name, field_ref)))
                except Exception as err:  # noqa: BLE001
                    log.info("signature %s of %s cannot be read: %s", name, path, err)
                    broken.append(_broken(name, _detail(err)))
            embedded.sort(key=lambda item: item[1].signed_revision)
            signatures = [e for _n, e in embedded]
            reports = []
            for name, sig in embedded:
                vc = _validation_context(roots, crl_list, allow_fetching)
                try:
                    reports.append(_report(sig, vc, doc, signatures, dss_present))
                except Exception as err:
                    log.info("signature %s of %s cannot be checked: %s", name, path, err)
                    log.debug("details", exc_info=True)
                    reports.append(_broken(name, _detail(err)))
    return VerificationReport(str(path), size, tuple(reports + broken))


def _detail(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def _broken(field_name: str, detail: str) -> SignatureReport:
    return SignatureReport(
        field_name=field_name,
        signer="",
        signer_subject="",
        issuer="",
        serial="",
        signing_time=None,
        time_source="",
        intact=False,
        trusted=False,
        trust_problem="",
        valid_at_signing=False,
        revoked=False,
        coverage="unclear",
        covered_bytes=0,
        changes_after="unknown",
        timestamped=False,
        long_term=False,
        problems=(
            Problem("unreadable", f"Không đọc được chữ ký ({detail}).", f"The signature cannot be read ({detail})."),
        ),
    )
