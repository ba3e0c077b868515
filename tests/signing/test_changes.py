"""Changes after the decree's signatures: the short list passes, everything next to it fails.

The attack classes of the issue are in ``test_attacks``; these are their neighbours — other
ways to change what a signed page shows, or to slip bytes past a reader — each an update
an attacker writes by hand on the signed and sealed decision. The verifier must call each
one unsafe by its rule (compare revisions object by object, allow only the listed
changes), not because it recognises the attack.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic

from eoffice.signing.verify import verify_pdf
from tests.signing.attacks import (
    HELVETICA,
    Decree,
    append_update,
    cover_content,
    page_ref,
    reader,
    serialize,
    stream,
    tail_of,
)
from tests.signing.conftest import PASSWORD, Pki

N = generic.pdf_name


def _catalog(data: bytes) -> tuple[int, generic.DictionaryObject]:
    r = reader(data)
    return r.trailer_view.raw_get("/Root").reference.idnum, r.root


def _obj(data: bytes, idnum: int):  # type: ignore[no-untyped-def]
    return reader(data).get_object(generic.Reference(idnum, 0))


def _with(d: generic.DictionaryObject, key: str, value: object) -> generic.DictionaryObject:
    d[N(key)] = value
    return d


def add_annotation(data: bytes) -> bytes:
    """A stamp annotation with its own appearance over the body (not a signature)."""
    tail = tail_of(data)
    page_id, page = page_ref(data)
    annot_id, ap_id, font_id = tail.size, tail.size + 1, tail.size + 2
    page[N("/Annots")] = generic.ArrayObject(
        [*list.__iter__(page.raw_get("/Annots")), generic.IndirectObject(annot_id, 0, None)]
    )
    annot = b"<< /Type /Annot /Subtype /Stamp /Rect [60 380 540 680] /F 4 /AP << /N %d 0 R >> >>" % ap_id
    ap = stream(
        cover_content(),
        f"/Type /XObject /Subtype /Form /BBox [0 0 480 300] /Resources << /Font << /AtkF {font_id} 0 R >> >> ",
    )
    return append_update(data, {page_id: serialize(page), annot_id: annot, ap_id: ap, font_id: HELVETICA})


def replace_leaders_appearance(data: bytes) -> bytes:
    """The leader's signature widget keeps its dictionary; its appearance stream is redefined."""
    r = reader(data)
    leader = r.root["/AcroForm"]["/Fields"].raw_get(0).get_object()
    ap_ref = leader["/AP"].raw_get("/N")
    ap = stream(b"q 1 0 0 rg 0 0 50 50 re f Q", "/Type /XObject /Subtype /Form /BBox [0 0 170 70] ")
    return append_update(data, {ap_ref.idnum: ap})


def redefine_font(data: bytes) -> bytes:
    """A font of page 1 redefined: the same text draws other glyphs."""
    fonts = page_ref(data)[1]["/Resources"]["/Font"]
    font_id = fonts.raw_get("/F1").idnum
    return append_update(data, {font_id: HELVETICA})


def rotate_page(data: bytes) -> bytes:
    page_id, page = page_ref(data)
    page[N("/Rotate")] = generic.NumberObject(180)
    return append_update(data, {page_id: serialize(page)})


def open_action(data: bytes) -> bytes:
    catalog_id, catalog = _catalog(data)
    catalog[N("/OpenAction")] = generic.DictionaryObject({
        N("/S"): N("/JavaScript"), N("/JS"): generic.TextStringObject("app.alert('x')"),
    })
    return append_update(data, {catalog_id: serialize(catalog)})


def optional_content(data: bytes) -> bytes:
    """Layers: the catalog gains /OCProperties (what a viewer shows can then be switched)."""
    catalog_id, catalog = _catalog(data)
    tail = tail_of(data)
    catalog[N("/OCProperties")] = generic.DictionaryObject({
        N("/OCGs"): generic.ArrayObject([generic.IndirectObject(tail.size, 0, None)]),
        N("/D"): generic.DictionaryObject(
            {N("/OFF"): generic.ArrayObject([generic.IndirectObject(tail.size, 0, None)])}
        ),
    })
    return append_update(data, {catalog_id: serialize(catalog), tail.size: b"<< /Type /OCG /Name (x) >>"})


def need_appearances(data: bytes) -> bytes:
    r = reader(data)
    form_ref = r.root.raw_get("/AcroForm")
    form = form_ref.get_object()
    form[N("/NeedAppearances")] = generic.BooleanObject(True)
    return append_update(data, {form_ref.idnum: serialize(form)})


def fake_seal_field(data: bytes) -> bytes:
    """An empty signature field whose appearance draws over the page: a seal with no signature."""
    tail = tail_of(data)
    page_id, page = page_ref(data)
    r = reader(data)
    form_ref = r.root.raw_get("/AcroForm")
    form = form_ref.get_object()
    field_id, ap_id = tail.size, tail.size + 1
    form[N("/Fields")] = generic.ArrayObject(
        [*list.__iter__(form.raw_get("/Fields")), generic.IndirectObject(field_id, 0, None)]
    )
    page[N("/Annots")] = generic.ArrayObject(
        [*list.__iter__(page.raw_get("/Annots")), generic.IndirectObject(field_id, 0, None)]
    )
    field = (
        b"<< /FT /Sig /T (fake) /Type /Annot /Subtype /Widget /Rect [60 380 540 680] /F 4 /P %d 0 R"
        b" /AP << /N %d 0 R >> >>" % (page_id, ap_id)
    )
    ap = stream(b"q 1 1 1 rg 0 0 480 300 re f Q", "/Type /XObject /Subtype /Form /BBox [0 0 480 300] ")
    return append_update(data, {form_ref.idnum: serialize(form), page_id: serialize(page), field_id: field, ap_id: ap})


def resign_leaders_field(data: bytes) -> bytes:
    """The leader's field made to point at the seal's signature value instead of its own."""
    r = reader(data)
    fields = r.root["/AcroForm"]["/Fields"]
    leader_ref = fields.raw_get(0)
    seal = next(f.get_object() for f in list.__iter__(fields) if f.get_object().get("/T") == "agency-seal")
    leader = leader_ref.get_object()
    leader[N("/V")] = seal.raw_get("/V")
    return append_update(data, {leader_ref.idnum: serialize(leader)})


def free_content(data: bytes) -> bytes:
    """An update that frees page 1's content stream (a reader then draws nothing)."""
    content_id = page_ref(data)[1].raw_get("/Contents").idnum
    tail = tail_of(data)
    out = bytearray(data)
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n0000000000 00001 f \n" % content_id
    out += b"trailer\n<< /Size %d /Root %s /Prev %d /Info %s /ID %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        tail.size, tail.root, tail.startxref, tail.info, tail.ids, xref
    )
    return bytes(out)


def hidden_object(data: bytes) -> bytes:
    """An update whose body holds a new version of page 1's content that its
    cross-reference does not list (a reader rebuilding the cross-reference uses it)."""
    content_id = page_ref(data)[1].raw_get("/Contents").idnum
    tail = tail_of(data)
    out = bytearray(data)
    out += b"%d 0 obj\n" % content_id + stream(cover_content()) + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %s /Prev %d /Info %s /ID %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        tail.size, tail.root, tail.startxref, tail.info, tail.ids, xref
    )
    return bytes(out)


def resurrect_old_version(data: bytes) -> bytes:
    """An update whose cross-reference points page 1 back at its version in the original
    (before the signatures' widgets were added), written nowhere in the update itself."""
    r = reader(data)
    page_id, _page = page_ref(data)
    old_offset = r.xrefs.get_xref_data(0).standard_xrefs[page_id][1]
    tail = tail_of(data)
    out = bytearray(data)
    xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n" % (page_id, old_offset)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d /Info %s /ID %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        tail.size, tail.root, tail.startxref, tail.info, tail.ids, xref
    )
    return bytes(out)


def dangling_in_a_timestamp(data: bytes) -> bytes:
    """An invisible "document timestamp" whose appearance refers to an object nobody defines:
    a reader fetching it rebuilds the cross-reference (and uses whatever it finds)."""
    tail = tail_of(data)
    page_id, page = page_ref(data)
    r = reader(data)
    form_ref = r.root.raw_get("/AcroForm")
    form = form_ref.get_object()
    field_id, sig_id = tail.size, tail.size + 1
    field_ref = generic.IndirectObject(field_id, 0, None)
    form[N("/Fields")] = generic.ArrayObject([*list.__iter__(form.raw_get("/Fields")), field_ref])
    page[N("/Annots")] = generic.ArrayObject([*list.__iter__(page.raw_get("/Annots")), field_ref])
    field = (
        b"<< /FT /Sig /T (ts) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P %d 0 R /V %d 0 R"
        b" /AP << /N 9999 0 R >> >>" % (page_id, sig_id)
    )
    sig = b"<< /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 /ByteRange [0 10 20 30] /Contents <3000> >>"
    return append_update(
        data, {form_ref.idnum: serialize(form), page_id: serialize(page), field_id: field, sig_id: sig}
    )


def hide_in_the_original(data: bytes) -> bytes:
    """Before signing: a second definition of page 1's content hidden in the original, in no
    cross-reference (a reader rebuilding the cross-reference takes the last one it finds)."""
    content_id = page_ref(data)[1].raw_get("/Contents").idnum
    xref = data.rindex(b"\nxref\n") + 1
    hidden = b"%d 0 obj\n" % content_id + stream(cover_content()) + b"\nendobj\n"
    moved = data[:xref] + hidden + data[xref:]
    old = data[data.rindex(b"startxref") :]
    return moved[: len(moved) - len(old)] + b"startxref\n%d\n%%%%EOF\n" % (xref + len(hidden))


def info_only(data: bytes) -> bytes:
    """The document information dictionary rewritten (never drawn)."""
    info_id = int(tail_of(data).info.split()[0])  # type: ignore[union-attr]
    return append_update(data, {info_id: b"<< /Producer (another program) /Title (x) >>"})


UNSAFE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "an annotation added": (add_annotation, "annotation"),
    "the leader's appearance redefined": (replace_leaders_appearance, "was changed after signing"),
    "a font redefined": (redefine_font, "was changed after signing"),
    "page 1 rotated": (rotate_page, "page 1 changed (/Rotate)"),
    "an open action": (open_action, "catalog changed (/OpenAction)"),
    "/Metadata pointed at page 1's content": (
        lambda d: append_update(d, {_catalog(d)[0]: serialize(_with(
            _catalog(d)[1], "/Metadata", page_ref(d)[1].raw_get("/Contents")
        ))}),
        "not an XMP stream",
    ),
    "optional content": (optional_content, "catalog changed (/OCProperties)"),
    "NeedAppearances": (need_appearances, "/NeedAppearances"),
    "an empty signature field drawn over the page": (fake_seal_field, "is not a signature made in the same update"),
    "the leader's field pointed at another signature": (resign_leaders_field, "field “"),
    "page 1's content freed": (free_content, "deleted"),
}


@pytest.mark.parametrize("name", list(UNSAFE))
def test_a_change_next_to_the_list_is_unsafe(decree: Decree, test_pki: Pki, tmp_path: Path, name: str):
    change, reason = UNSAFE[name]
    path = tmp_path / "changed.pdf"
    path.write_bytes(change(decree.sealed["plain"].read_bytes()))
    report = verify_pdf(path, [test_pki.root.cert])
    assert not report.ok
    for sig in report.signatures:
        assert not sig.ok and sig.changes_after == "other", (name, sig.problems)
        assert reason in " ".join(p.message_en for p in sig.problems), sig.problems


LAYOUT: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "an object its cross-reference does not list": (hidden_object, "is not in revision"),
    "a cross-reference pointing into an earlier revision": (
        resurrect_old_version, "where this revision does not define it"
    ),
    "a reference to an undefined object after signing": (dangling_in_a_timestamp, "does not define"),
}


@pytest.mark.parametrize("name", list(LAYOUT))
def test_bytes_a_lenient_reader_would_use_make_the_file_not_intact(
    decree: Decree, test_pki: Pki, tmp_path: Path, name: str
):
    change, reason = LAYOUT[name]
    path = tmp_path / "changed.pdf"
    path.write_bytes(change(decree.sealed["plain"].read_bytes()))
    report = verify_pdf(path, [test_pki.root.cert])
    for sig in report.signatures:
        assert not sig.ok and not sig.intact, sig.problems
        assert reason in " ".join(p.message_en for p in sig.problems), sig.problems


def xmp_metadata(data: bytes) -> bytes:
    """The catalog gains an XMP metadata stream, as Acrobat writes one when it saves."""
    catalog_id, catalog = _catalog(data)
    xmp_id = tail_of(data).size
    catalog[N("/Metadata")] = generic.IndirectObject(xmp_id, 0, None)
    xmp = b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>'
    return append_update(data, {catalog_id: serialize(catalog), xmp_id: stream(xmp, "/Type /Metadata /Subtype /XML ")})


def test_metadata_only_is_safe(decree: Decree, test_pki: Pki, tmp_path: Path):
    path = tmp_path / "info.pdf"
    path.write_bytes(xmp_metadata(info_only(decree.sealed["plain"].read_bytes())))
    report = verify_pdf(path, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]
    assert [s.changes_after for s in report.signatures] == ["form_filling", "none"]


def test_a_linearized_original_signed_twice_verifies(decree: Decree, test_pki: Pki, tmp_path: Path):
    """A 'fast web view' original (two cross-reference sections at its start and end) is
    taken as the original it is; the updates after it are read as usual."""
    import shutil
    import subprocess

    from tests.conftest import need
    from tests.signing.attacks import cli_sign

    need(shutil.which("qpdf") is not None, "qpdf is not installed (apt install qpdf)")
    linear = tmp_path / "linear.pdf"
    subprocess.run(["qpdf", "--linearize", str(decree.unsigned["plain"]), str(linear)], check=True)
    image = decree.folder / "chu-ky.png"
    seal = decree.folder / "con-dau.png"
    [signed] = cli_sign([linear], tmp_path / "signed", test_pki.p12("signer"), PASSWORD, "signer", image, seal)
    [sealed] = cli_sign([signed], tmp_path / "sealed", test_pki.p12("agency"), PASSWORD, "agency", seal)
    report = verify_pdf(sealed, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]


def test_an_object_hidden_in_the_original_makes_the_file_not_intact(decree: Decree, test_pki: Pki, tmp_path: Path):
    from eoffice.signing import images
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.keys import open_pkcs12
    from eoffice.signing.pades import sign_pdf

    draft = tmp_path / "draft.pdf"
    draft.write_bytes(hide_in_the_original(decree.unsigned["plain"].read_bytes()))
    assert verify_pdf(draft, [test_pki.root.cert]).signatures == ()  # a plain, readable PDF
    signed = sign_pdf(draft, tmp_path / "signed.pdf", open_pkcs12(test_pki.p12("signer"), PASSWORD), Appearance(
        Kind.SIGNER, image=images.signature_image("Nguyễn Văn Đức"), title="Chủ tịch", name="Nguyễn Văn Đức",
    )).output
    [sig] = verify_pdf(signed, [test_pki.root.cert]).signatures
    assert not sig.ok and not sig.intact
    assert "is in no cross-reference" in " ".join(p.message_en for p in sig.problems)
