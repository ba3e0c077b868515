"""PAdES baseline signatures (ETSI.CAdES.detached), added as an incremental update.

B-B always; B-T when a timestamp server is configured; B-LT (validation data in the
DSS) when revocation data is at hand.

The first signature of an outgoing document (the leader's, ``Kind.SIGNER`` on an
unsigned file) certifies it, so that every reader knows what may change after it
(DocMDP "form filling and signing", and a FieldMDP lock of every field but three):

- ``number`` and ``date``: text fields over the blank "Số:" and "ngày … tháng … năm …"
  of page 1's header, made in the same update when the draft leaves them blank
  (``placement.find_issue_places``), or where the signer put them when the finder was
  unsure (``Appearance.number_box``/``date_box``, from the signing dialog). The clerk
  fills them when issuing, before sealing: the field's /V and its widget's /AP (the
  text drawn inside the field's rectangle), nothing else — the verifier's rule (``changes``);
- ``agency-seal``: an empty signature field at the seal's place (its real size when the
  leader's side knows the agency's seal image, ``Appearance.seal_image``; a usual seal's
  otherwise). The clerk's signature goes into it as it is, its rectangle unchanged, and
  locks every field itself (FieldMDP /All): nothing is filled after the seal.

A draft that names a co-signer (người ký trước, ``Kind.COSIGNER``: the secretary of a
meeting's minutes, who signs before the chair) is signed first by them: theirs is then the
certification, and it leaves open a fourth field, ``approver-signature``, an empty
signature field over the approver's block (``placement.find_signer_box`` with the
approver's title and name), locked like the certification itself but for the number, the
date and the seal. The approver's signature goes into it as it is (a visible signature
after a certification goes only into a field it left open), and the seal's field is
placed over the approver's block, not the co-signer's.

Other signatures are approval signatures (an attachment's stamp, a file already signed).

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

from eoffice.signing.appearance import (
    Appearance,
    Kind,
    approver_place,
    plan_box,
    seal_place,
    stamp_style,
    text_params,
    vn_time,
)
from eoffice.signing.errors import DocumentLockedError, SigningError, TimestampError, UnreadablePdfError
from eoffice.signing.keys import SigningKey, _asn1
from eoffice.signing.placement import APPROVER_FIELD, SEAL_FIELD, Box, empty_signature_field

log = logging.getLogger(__name__)

CHUNK = 1 << 20

#: The form fields the leader's certification leaves open (see the module's doc).
NUMBER_FIELD = "number"
DATE_FIELD = "date"
OPEN_FIELDS = (NUMBER_FIELD, DATE_FIELD, SEAL_FIELD)
#: A co-signer's certification leaves the approver's signature field open as well.
COSIGNED_OPEN_FIELDS = (*OPEN_FIELDS, APPROVER_FIELD)


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


def _certifies(appearance: Appearance, src: Path) -> bool:
    """A person's signature (the leader's, or the co-signer's before it) on a file nobody
    signed yet: the document's certification."""
    from eoffice.signing.placement import existing_signatures

    return appearance.personal and not existing_signatures(src)


def _left_open(appearance: Appearance) -> tuple[str, ...]:
    """The fields a certification by ``appearance`` leaves open."""
    return COSIGNED_OPEN_FIELDS if appearance.kind is Kind.COSIGNER else OPEN_FIELDS


def _text_field(writer, name: str, box: Box) -> None:  # type: ignore[no-untyped-def]
    """An empty, printable text field (merged with its widget) on ``box``'s page."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    page_ref, _ = writer.find_page_for_modification(box.page)
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject(name),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.FloatObject(round(v, 2)) for v in (box.x1, box.y1, box.x2, box.y2)]
            ),
            pdf_name("/F"): generic.NumberObject(4),  # printed
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): generic.TextStringObject("/Helv 0 Tf 0 g"),
        }
    )
    field_ref = writer.add_object(field)
    root = writer.root
    form_ref = root.raw_get("/AcroForm") if "/AcroForm" in root else None
    if form_ref is None:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    else:
        form = form_ref.get_object()
        if isinstance(form_ref, generic.IndirectObject):
            writer.update_container(form)
        else:
            writer.update_root()
    if "/Fields" not in form:
        form[pdf_name("/Fields")] = generic.ArrayObject()
    fields = form["/Fields"]
    fields.append(field_ref)
    if isinstance(form.raw_get("/Fields"), generic.IndirectObject):
        writer.update_container(fields)
    if "/DR" not in form:
        form[pdf_name("/DR")] = generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject({
            pdf_name("/Helv"): writer.add_object(generic.DictionaryObject({
                pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"), pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            })),
        })})
    page = page_ref.get_object()
    annots = page.raw_get("/Annots") if "/Annots" in page else None
    if annots is None:
        page[pdf_name("/Annots")] = generic.ArrayObject([field_ref])
        writer.update_container(page)
    elif isinstance(annots, generic.IndirectObject):
        annots.get_object().append(field_ref)
        writer.update_container(annots.get_object())
    else:
        annots.append(field_ref)
        writer.update_container(page)


def _field_names(writer) -> set[str]:  # type: ignore[no-untyped-def]
    """The fully qualified names of the form's fields (any type)."""
    from pyhanko.pdf_utils import generic

    names: set[str] = set()
    try:
        form = writer.root["/AcroForm"]
        stack = [("", ref) for ref in form["/Fields"]]
    except (KeyError, TypeError):
        return names
    while stack and len(names) < 100_000:
        prefix, ref = stack.pop()
        field = ref.get_object() if isinstance(ref, generic.IndirectObject) else ref
        if not isinstance(field, generic.DictionaryObject) or "/T" not in field:
            continue
        name = f"{prefix}.{field['/T']}" if prefix else str(field["/T"])
        names.add(name)
        kids = field.raw_get("/Kids") if "/Kids" in field else None
        kids = kids.get_object() if isinstance(kids, generic.IndirectObject) else kids
        if isinstance(kids, generic.ArrayObject):
            stack.extend((name, kid) for kid in list.__iter__(kids))
    return names


def _open_fields(writer, src: Path, signer_box: Box, appearance: Appearance) -> None:  # type: ignore[no-untyped-def]
    """The fields the certification leaves open: number and date (where the draft leaves them
    blank, or where the signer placed them), and the seal's empty signature field, which
    locks every field once signed."""
    from pyhanko.sign import fields

    from eoffice.signing.placement import find_issue_places

    taken = _field_names(writer) & set(_left_open(appearance))
    if taken:
        # the lock leaves fields open by name: a draft's own field of that name would be open too
        names = ", ".join(sorted(taken))
        raise SigningError(
            f"Dự thảo đã có trường biểu mẫu tên {names}; hãy xuất lại tệp PDF không có trường biểu mẫu đó rồi ký.",
            f"The draft already has a form field named {names}; export the PDF again without it, then sign.",
        )
    places = find_issue_places(src)
    number, date = appearance.number_box or places.number, appearance.date_box or places.date
    if number is not None:
        _text_field(writer, NUMBER_FIELD, number)
    if date is not None:
        _text_field(writer, DATE_FIELD, date)
    if appearance.kind is Kind.COSIGNER:
        # the approver signs into this field; the seal goes over the approver's block
        signer_box = approver_place(src, appearance)
        fields.append_signature_field(writer, fields.SigFieldSpec(
            sig_field_name=APPROVER_FIELD, on_page=signer_box.page, box=signer_box.rect(),
            field_mdp_spec=fields.FieldMDPSpec(fields.FieldMDPAction.EXCLUDE, fields=list(OPEN_FIELDS)),
        ))
    seal = seal_place(signer_box, appearance.seal_image)
    fields.append_signature_field(writer, fields.SigFieldSpec(
        sig_field_name=SEAL_FIELD, on_page=seal.page, box=seal.rect(),
        field_mdp_spec=fields.FieldMDPSpec(fields.FieldMDPAction.ALL),
    ))


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
    reserved = {Kind.AGENCY: SEAL_FIELD, Kind.SIGNER: APPROVER_FIELD}.get(appearance.kind)
    seal_box = empty_signature_field(src, reserved) if reserved is not None else None
    # a certified document's seal (or a co-signed one's approver) goes where the
    # certification left its field, as it is
    box = seal_box or plan_box(src, appearance)
    style = stamp_style(appearance)
    certify = _certifies(appearance, src)
    ltv = bool(ctx.crls or options.fetch_revocation)
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
            field_name = f"{appearance.kind.value}-{uuid.uuid4().hex[:12]}"
            if seal_box is not None and reserved is not None:
                field_name = reserved
            elif certify:
                # the leader's field first (readers list fields in order), then the fields it leaves open
                fields.append_signature_field(writer, fields.SigFieldSpec(
                    sig_field_name=field_name, on_page=box.page, box=box.rect(),
                    field_mdp_spec=fields.FieldMDPSpec(
                        fields.FieldMDPAction.EXCLUDE, fields=list(_left_open(appearance))
                    ),
                ))
                _open_fields(writer, src, box, appearance)
            else:
                fields.append_signature_field(
                    writer, fields.SigFieldSpec(sig_field_name=field_name, on_page=box.page, box=box.rect())
                )
            meta = PdfSignatureMetadata(
                field_name=field_name,
                subfilter=fields.SigSeedSubFilter.PADES,
                md_algorithm="sha256",
                reason=options.reason or None,
                location=options.location or None,
                certify=certify,
                docmdp_permissions=fields.MDPPerm.FILL_FORMS,
                embed_validation_info=ltv,
                validation_context=_validation_context(ctx) if ltv else None,
                signer_key_usage={"non_repudiation"} if ltv else set(),
                # the DSS goes into the signature's own revision, so the signature still covers the
                # whole file (the DSS holds the signer's chain and CRLs; no VRI, which PAdES dropped)
                dss_settings=DSSContentSettings(
                    placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
                ),
            )
            signer = _make_signer(meta, key, ctx.timestamper, style, None, moment)
            try:
                signer.sign_pdf(
                    writer, in_place=True, bytes_reserved=_reserve(key, ctx.timestamper is not None), chunk_size=CHUNK,
                    appearance_text_params=text_params(appearance, key.signer_name or key.organisation),
                )
            except TimestampRequestError as err:
                raise TimestampError(options.timestamp_url or "", str(err)) from err
            except HankoSigningError as err:
                if ("certif" in str(err).lower() and "modif" in str(err).lower()) or "DocMDP" in str(err):
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
