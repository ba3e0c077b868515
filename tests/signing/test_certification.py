"""The leader's signature certifies the document and says what may change after it.

DocMDP "form filling and signing", and a FieldMDP lock of every field but the number and
the date the clerk writes when issuing and the seal's signature field — so that our
verifier, pyHanko's own validator (its default rules) and pdfsig agree on what the
clerk may do and what an attacker may not.
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import FieldMDPAction, MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import sign_pdf
from eoffice.signing.placement import find_issue_places, seal_size_points
from eoffice.signing.verify import verify_pdf
from tests.signing.attacks import ISSUED, Decree, append_update, fill_fields, page_ref, reader, serialize, tail_of
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid


def pyhanko_says(path: Path, pki: Pki) -> list[bool]:
    """pyHanko's validator with its default difference rules: each signature's bottom line."""
    root = asn1_x509.Certificate.load(pki.root.cert.public_bytes(Encoding.DER))
    with open(path, "rb") as f:
        return [
            validate_pdf_signature(sig, ValidationContext(trust_roots=[root], allow_fetching=False)).bottom_line
            for sig in PdfFileReader(f).embedded_regular_signatures
        ]


def fields_of(path: Path) -> dict[str, generic.DictionaryObject]:
    r = PdfFileReader(open(path, "rb"), strict=False)
    return {str(f.get_object()["/T"]): f.get_object() for f in r.root["/AcroForm"]["/Fields"]}


def test_the_leaders_signature_certifies_and_leaves_three_fields_open(decree: Decree, test_pki: Pki):
    signed = decree.signed["plain"]
    with open(signed, "rb") as f:
        r = PdfFileReader(f)
        [sig] = r.embedded_regular_signatures
        assert sig.docmdp_level == MDPPerm.FILL_FORMS
        assert r.root["/Perms"].raw_get("/DocMDP").reference == sig.sig_field.raw_get("/V").reference
        lock = sig.fieldmdp
        assert lock.action == FieldMDPAction.EXCLUDE and sorted(lock.fields) == ["agency-seal", "date", "number"]
    fields = fields_of(signed)
    assert set(fields) == {sig.field_name, "number", "date", "agency-seal"}
    # the number and the date sit over the blanks of the header
    places = find_issue_places(decree.unsigned["plain"])
    for name, place in (("number", places.number), ("date", places.date)):
        assert place is not None and fields[name]["/FT"] == "/Tx" and "/V" not in fields[name]
        assert [round(float(v)) for v in fields[name]["/Rect"]] == [
            round(v) for v in (place.x1, place.y1, place.x2, place.y2)
        ]
    # the seal's field: empty, at the seal's real size, and it will lock everything
    seal = fields["agency-seal"]
    assert seal["/FT"] == "/Sig" and "/V" not in seal and seal["/Lock"]["/Action"] == "/All"
    from PIL import Image

    image = Image.open(decree.folder / "con-dau.png")
    width, _height = seal_size_points(image.size, image.info.get("dpi"))
    x1, _y1, x2, _y2 = (float(v) for v in seal["/Rect"])
    assert abs((x2 - x1) - width) < 1.5
    assert_pdfsig_valid(signed, 1)  # pdfsig: one valid signature (and an unsigned field)
    assert pyhanko_says(signed, test_pki) == [True]


def test_the_clerks_number_and_date_then_the_seal_verify_everywhere(decree: Decree, test_pki: Pki):
    """pdfsig: both 'Signature is Valid'. pyHanko: both valid. Ours: both valid, the leader's
    followed by form filling only."""
    sealed = decree.sealed["filled"]
    fields = fields_of(sealed)
    assert {name: str(fields[name]["/V"]) for name in ("number", "date")} == ISSUED
    report = verify_pdf(sealed, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]
    assert [s.changes_after for s in report.signatures] == ["form_filling", "none"]
    assert [s.field_name for s in report.signatures][1] == "agency-seal"
    assert pyhanko_says(sealed, test_pki) == [True, True]
    assert_pdfsig_valid(sealed, 2)


def _with_field(data: bytes) -> bytes:
    """A draft with a text field of its own (not read-only), as an attacker could prepare."""
    tail = tail_of(data)
    page_id, page = page_ref(data)
    r = reader(data)
    catalog_id = r.trailer_view.raw_get("/Root").reference.idnum
    catalog = r.root
    field_ref = generic.IndirectObject(tail.size, 0, None)
    page[generic.pdf_name("/Annots")] = generic.ArrayObject([field_ref])
    catalog[generic.pdf_name("/AcroForm")] = generic.DictionaryObject(
        {generic.pdf_name("/Fields"): generic.ArrayObject([field_ref])}
    )
    field = b"<< /FT /Tx /T (ghi-chu) /Type /Annot /Subtype /Widget /Rect [60 100 300 120] /F 4 /P %d 0 R >>" % page_id
    return append_update(data, {page_id: serialize(page), catalog_id: serialize(catalog), tail.size: field})


def _sign(src: Path, dst: Path, pki: Pki, kind: Kind = Kind.SIGNER, who: str = "signer") -> Path:
    from eoffice.signing import images

    image = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An") if kind is Kind.AGENCY else None
    appearance = Appearance(kind, image=image, title="Chủ tịch", name="Nguyễn Văn Đức")
    return sign_pdf(src, dst, open_pkcs12(pki.p12(who), PASSWORD), appearance).output


def test_a_field_the_certification_locks_cannot_be_filled(decree: Decree, test_pki: Pki, tmp_path: Path):
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(_with_field(decree.unsigned["plain"].read_bytes()))
    signed = _sign(draft, tmp_path / "signed.pdf", test_pki)
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill_fields(signed.read_bytes(), {"ghi-chu": "Da duyet 1.000.000.000 dong"}))
    [sig] = verify_pdf(filled, [test_pki.root.cert]).signatures
    assert not sig.ok and sig.changes_after == "other"
    assert "the signature locks this field" in " ".join(p.message_en for p in sig.problems)
    assert pyhanko_says(filled, test_pki) == [False]


def test_nothing_is_filled_after_the_seal(decree: Decree, test_pki: Pki, tmp_path: Path):
    late = tmp_path / "late.pdf"
    late.write_bytes(fill_fields(decree.sealed["plain"].read_bytes(), ISSUED))
    leader, seal = verify_pdf(late, [test_pki.root.cert]).signatures
    assert leader.ok  # the leader's certification lets the number be filled ...
    # ... the seal not
    assert not seal.ok and "the signature locks this field" in " ".join(p.message_en for p in seal.problems)
    assert pyhanko_says(late, test_pki) == [True, False]


def test_filling_the_number_moves_nothing_else(decree: Decree, test_pki: Pki, tmp_path: Path):
    filled = fill_fields(decree.signed["plain"].read_bytes(), {"number": "12/QD-UBND"})
    r = reader(filled)
    number_ref = next(f for f in list.__iter__(r.root["/AcroForm"]["/Fields"]) if f.get_object()["/T"] == "number")
    number = number_ref.get_object()
    number[generic.pdf_name("/Rect")] = generic.ArrayObject([generic.NumberObject(v) for v in (60, 380, 540, 680)])
    moved = tmp_path / "moved.pdf"
    moved.write_bytes(append_update(filled, {number_ref.idnum: serialize(number)}))
    [sig] = verify_pdf(moved, [test_pki.root.cert]).signatures
    assert not sig.ok and "/Rect" in " ".join(p.message_en for p in sig.problems)


def test_a_visible_signature_in_a_new_field_after_the_certification_is_refused_by_both(
    decree: Decree, test_pki: Pki, tmp_path: Path
):
    """A second leader's signature next to the first, not in the field left open for the seal."""
    second = _sign(decree.signed["plain"], tmp_path / "second.pdf", test_pki)
    first, _second = verify_pdf(second, [test_pki.root.cert]).signatures
    assert not first.ok and "a new visible signature field after the certification" in " ".join(
        p.message_en for p in first.problems
    )
    assert pyhanko_says(second, test_pki) == [False, True]


def test_the_seal_goes_into_its_field_even_if_asked_elsewhere(decree: Decree, test_pki: Pki, tmp_path: Path):
    from eoffice.signing import images
    from eoffice.signing.placement import Box

    appearance = Appearance(
        Kind.AGENCY, image=images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"), box=Box(0, 40, 40, 150, 150)
    )
    agency = open_pkcs12(test_pki.p12("agency"), PASSWORD)
    result = sign_pdf(decree.signed["plain"], tmp_path / "sealed.pdf", agency, appearance)
    assert result.field_name == "agency-seal" and result.box.fixed
    assert verify_pdf(result.output, [test_pki.root.cert]).ok
    assert "/V" in fields_of(result.output)["agency-seal"]


def test_a_draft_with_its_own_field_named_like_an_open_one_is_not_certified(
    decree: Decree, test_pki: Pki, tmp_path: Path
):
    """The lock leaves fields open by name: a draft's own "number" (say, over the body) would be open too."""
    import pytest

    from eoffice.signing.errors import SigningError

    draft = tmp_path / "draft.pdf"
    draft.write_bytes(_with_field(decree.unsigned["plain"].read_bytes()).replace(b"/T (ghi-chu)", b"/T (number) "))
    with pytest.raises(SigningError, match="number"):
        _sign(draft, tmp_path / "signed.pdf", test_pki)
    assert not (tmp_path / "signed.pdf").exists()
