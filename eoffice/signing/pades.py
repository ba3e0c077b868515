"""PAdES baseline signatures (ETSI.CAdES.detached), added as an incremental update.

B-B always; B-T when a timestamp server is configured; B-LT (validation data in the
DSS) when revocation data is at hand. Every signature is an approval signature, never a
certification, so the signer's signature never forbids the agency's that follows.

Large files stream: the input is copied to a temporary file beside the output in
chunks, signed in place (pyHanko appends the update and hashes the byte ranges in
chunks), then renamed over the output. The input is never changed, and a failure leaves
no half-written output.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography import x509

from eoffice.signing.appearance import Appearance, Kind, plan_box, stamp_style, text_params, vn_time
from eoffice.signing.errors import DocumentLockedError, SigningError, TimestampError, UnreadablePdfError
from eoffice.signing.keys import SigningKey, _asn1
from eoffice.signing.placement import Box

log = logging.getLogger(__name__)

CHUNK = 1 << 20


@dataclass(frozen=True)
class SigningOptions:
    """Settings of one signing run (the same for every file of a batch)."""

    reason: str = ""
    location: str = ""
    timestamp_url: str | None = None  # an RFC 3161 server: B-T
    timestamp_timeout: float = 10.0
    crls: tuple[bytes, ...] = ()  # DER or PEM CRLs at hand: B-LT
    fetch_revocation: bool = False  # fetch CRL/OCSP named in the certificates: B-LT (network)
    trust_roots: tuple[x509.Certificate, ...] = ()  # for checking the chain before embedding it
    timestamper: object | None = None  # a ready pyHanko TimeStamper (tests, an in-house TSA)


@dataclass(frozen=True)
class SignResult:
    output: Path
    field_name: str
    signing_time: datetime
    level: str  # "B-B", "B-T", "B-LT" or "B-LTA"
    box: Box


@dataclass
class _Context:
    """What signing a batch shares: the timestamper and validation data, made once."""

    key: SigningKey
    options: SigningOptions
    timestamper: object | None = None
    crls: list[object] = field(default_factory=list)


def _load_crls(raw: Iterable[bytes]) -> list[object]:
    from asn1crypto import crl, pem

    out = []
    for data in raw:
        if pem.detect(data):
            for _kind, _headers, der in pem.unarmor(data, multiple=True):
                out.append(crl.CertificateList.load(der))
        else:
            out.append(crl.CertificateList.load(data))
    return out


def _context(key: SigningKey, options: SigningOptions) -> _Context:
    timestamper = options.timestamper
    if timestamper is None and options.timestamp_url:
        from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

        timestamper = RequestsHTTPTimeStamper(options.timestamp_url, timeout=options.timestamp_timeout)
    return _Context(key, options, timestamper, _load_crls(options.crls))


def _validation_context(ctx: _Context):  # type: ignore[no-untyped-def]
    from pyhanko_certvalidator import ValidationContext

    roots = [c for c in [*ctx.options.trust_roots, *ctx.key.chain] if c.issuer == c.subject]
    others = [c for c in ctx.key.chain if c.issuer != c.subject]
    return ValidationContext(
        trust_roots=[_asn1(c) for c in roots],
        other_certs=[_asn1(c) for c in others],
        crls=ctx.crls,
        allow_fetching=ctx.options.fetch_revocation,
        revocation_mode="soft-fail",  # revoked is refused in every mode; missing data is not
    )


def _make_signer(meta, key: SigningKey, timestamper, style, spec, moment: datetime):  # type: ignore[no-untyped-def]
    from pyhanko.sign.signers import PdfSigner

    class _AtTime(PdfSigner):
        """PdfSigner whose signing time is ours: one moment, in +07:00, on stamp and signature."""

        def init_signing_session(self, pdf_out, existing_fields_only=False):  # type: ignore[no-untyped-def]
            session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
            session.system_time = moment
            return session

    return _AtTime(meta, key.signer, timestamper=timestamper, stamp_style=style, new_field_spec=spec)  # type: ignore[arg-type]


#: Room for a timestamp token (the TSA's certificates come with it) and for what varies.
TIMESTAMP_ROOM = 24 * 1024
SLACK = 4 * 1024


def _reserve(key: SigningKey, timestamped: bool) -> int:
    """Bytes of /Contents to reserve (hex, so twice the CMS size).

    Computed from what the CMS holds (certificates, signed attributes, the signature)
    with room to spare, instead of pyHanko's dry-run signature: that costs a full CMS
    build per document, a third of the time of a batch.
    """
    from cryptography.hazmat.primitives.serialization import Encoding

    certs = sum(len(c.public_bytes(Encoding.DER)) for c in [key.certificate, *key.chain])
    public = key.certificate.public_key()
    signature = (getattr(public, "key_size", 4096) + 7) // 8 + 16
    cms = certs + signature + 2 * 1024 + SLACK + (TIMESTAMP_ROOM if timestamped else 0)
    return 2 * cms


def _copy(src: Path, dst_dir: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=".signing-", suffix=".pdf", dir=dst_dir)
    with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
        shutil.copyfileobj(inp, out, CHUNK)
    return Path(tmp)


def _sign_one(src: Path, dst: Path, appearance: Appearance, ctx: _Context) -> SignResult:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields
    from pyhanko.sign.general import SigningError as HankoSigningError
    from pyhanko.sign.signers import PdfSignatureMetadata
    from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    key, options = ctx.key, ctx.options
    moment = vn_time()
    key.check_usable(moment)
    if not src.is_file():
        raise UnreadablePdfError(str(src), "không có tệp / no such file")
    box = plan_box(src, appearance)
    style = stamp_style(appearance)
    field_name = f"{appearance.kind.value}-{uuid.uuid4().hex[:12]}"
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=box.page, box=box.rect())
    ltv = bool(ctx.crls or options.fetch_revocation)
    meta = PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=options.reason or None,
        location=options.location or None,
        certify=False,
        embed_validation_info=ltv,
        validation_context=_validation_context(ctx) if ltv else None,
        signer_key_usage={"non_repudiation"} if ltv else set(),
        # the DSS goes into the signature's own revision, so the signature still covers the
        # whole file (the DSS holds the signer's chain and CRLs; no VRI, which PAdES dropped)
        dss_settings=DSSContentSettings(placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False),
    )
    signer = _make_signer(meta, key, ctx.timestamper, style, spec, moment)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = _copy(src, dst.parent)
    try:
        with open(tmp, "r+b") as handle:
            try:
                writer = IncrementalPdfFileWriter(handle, strict=False)
            except (PdfError, ValueError, KeyError, IndexError) as err:
                raise UnreadablePdfError(str(src), str(err)) from err
            if writer.security_handler is not None:
                raise UnreadablePdfError(str(src), "tệp có mật khẩu / the file is encrypted")
            try:
                signer.sign_pdf(
                    writer, in_place=True, bytes_reserved=_reserve(key, ctx.timestamper is not None), chunk_size=CHUNK,
                    appearance_text_params=text_params(appearance, key.signer_name or key.organisation),
                )
            except TimestampRequestError as err:
                raise TimestampError(options.timestamp_url or "", str(err)) from err
            except HankoSigningError as err:
                if "certif" in str(err).lower() and "modif" in str(err).lower() or "DocMDP" in str(err):
                    raise DocumentLockedError() from err
                if isinstance(err.__cause__, TimestampRequestError):
                    raise TimestampError(options.timestamp_url or "", str(err)) from err
                raise SigningError(f"Không ký được: {err}", f"Signing failed: {err}") from err
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    level = "B-LT" if ltv else ("B-T" if ctx.timestamper is not None else "B-B")
    return SignResult(dst, field_name, moment, level, box)


def sign_pdf(
    src: Path, dst: Path, key: SigningKey, appearance: Appearance, options: SigningOptions | None = None
) -> SignResult:
    """Sign ``src`` into ``dst`` (which may be ``src``: it is replaced only when done)."""
    return _sign_one(Path(src), Path(dst), appearance, _context(key, options or SigningOptions()))


def sign_many(
    jobs: Iterable[tuple[Path, Path, Appearance]],
    key: SigningKey,
    options: SigningOptions | None = None,
    progress: Callable[[int, Path], None] | None = None,
) -> list[SignResult]:
    """Sign several files with one open key (one PIN entry); stops at the first failure."""
    ctx = _context(key, options or SigningOptions())
    results = []
    for n, (src, dst, appearance) in enumerate(jobs, 1):
        results.append(_sign_one(Path(src), Path(dst), appearance, ctx))
        if progress is not None:
            progress(n, Path(src))
    return results


__all__ = ["Appearance", "Kind", "SignResult", "SigningOptions", "sign_many", "sign_pdf"]
