"""Two people sign one document: a co-signer first (the minutes' secretary, THƯ KÝ, on the
left), then the approver (the chair, CHỦ TỌA, on the right); the clerk then fills the
number and date and seals, as for any certified document.

The co-signer's signature is the certification: it leaves open the number, the date, the
seal and the approver's signature field over the approver's block. The secretary signs
with the SoftHSM2 token's key; pdfsig, pyHanko's validator and our verifier agree.
"""

from __future__ import annotations

from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import FieldMDPAction, MDPPerm

from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.filling import fill_issue_fields
from eoffice.signing.keys import open_pkcs11, open_pkcs12
from eoffice.signing.pades import SigningOptions, sign_pdf
from eoffice.signing.placement import APPROVER_FIELD, SEAL_FIELD, find_signer_box
from eoffice.signing.verify import verify_pdf
from tests.conftest import need
from tests.signing.conftest import PASSWORD, SOFTHSM_LIB, Pki, Token, assert_pdfsig_valid, have_font, qpdf_check
from tests.signing.minutes_pdf import CHAIR, CHAIR_TITLE, SECRETARY, SECRETARY_TITLE, write_minutes
from tests.signing.test_certification import fields_of, pyhanko_says


def _rect(field) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(round(float(v)) for v in field["/Rect"])


def _appearance_cosigner(seal: bytes) -> Appearance:
    return Appearance(
        Kind.COSIGNER, image=images.signature_image(SECRETARY), title=SECRETARY_TITLE, name=SECRETARY,
        approver_title=CHAIR_TITLE, approver_name=CHAIR, seal_image=seal,
    )


def test_secretary_then_chair_then_number_and_seal_verify_everywhere(
    softhsm_token: Token, test_pki: Pki, tmp_path: Path
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from datetime import date

    draft = write_minutes(tmp_path / "bien-ban.pdf")
    secretary_box = find_signer_box(draft, SECRETARY_TITLE, SECRETARY)
    chair_box = find_signer_box(draft, CHAIR_TITLE, CHAIR)
    assert secretary_box.found and chair_box.found and secretary_box.x2 < chair_box.x1  # left, then right
    seal = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")

    # the secretary signs first, with her e-card (SoftHSM2): the certification
    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=softhsm_token.generated_id) as key:
        first = sign_pdf(draft, tmp_path / "1.pdf", key, _appearance_cosigner(seal),
                         SigningOptions(reason="Ký biên bản")).output
    with open(first, "rb") as f:
        [sig] = PdfFileReader(f).embedded_regular_signatures
        assert sig.docmdp_level == MDPPerm.FILL_FORMS
        assert sig.fieldmdp.action == FieldMDPAction.EXCLUDE
        assert sorted(sig.fieldmdp.fields) == sorted(["number", "date", SEAL_FIELD, APPROVER_FIELD])
    fields = fields_of(first)
    assert set(fields) == {sig.field_name, "number", "date", SEAL_FIELD, APPROVER_FIELD}
    assert _rect(fields[sig.field_name]) == secretary_box.rect()
    assert _rect(fields[APPROVER_FIELD]) == chair_box.rect() and "/V" not in fields[APPROVER_FIELD]
    _x1, _y1, seal_x2, _y2 = _rect(fields[SEAL_FIELD])
    assert seal_x2 == round(chair_box.x1 + chair_box.width / 3)  # over the chair's signature, not hers
    assert_pdfsig_valid(first, 1)

    # the chair signs into the field the certification left for them
    chair_key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    second = sign_pdf(first, tmp_path / "2.pdf", chair_key, Appearance(
        Kind.SIGNER, image=images.signature_image(CHAIR), title=CHAIR_TITLE, name=CHAIR,
    ), SigningOptions(reason="Ký duyệt văn bản"))
    assert second.field_name == APPROVER_FIELD and second.box.rect() == chair_box.rect()
    report = verify_pdf(second.output, [test_pki.root.cert])
    assert report.ok, report.to_dict()
    assert [s.signer for s in report.signatures] == [SECRETARY, CHAIR]
    assert report.signatures[0].filled_after == (APPROVER_FIELD,)
    assert_pdfsig_valid(second.output, 2)
    assert pyhanko_says(second.output, test_pki) == [True, True]

    # the clerk writes the number and date, then seals
    filled = tmp_path / "3.pdf"
    fill_issue_fields(second.output, filled, "05/BB-UBND", date(2026, 12, 5))
    agency_key = open_pkcs12(test_pki.p12("agency"), PASSWORD)
    sealed = sign_pdf(filled, tmp_path / "4.pdf", agency_key, Appearance(Kind.AGENCY, image=seal)).output
    report = verify_pdf(sealed, [test_pki.root.cert])
    assert report.ok, report.to_dict()
    assert [s.signer for s in report.signatures] == [SECRETARY, CHAIR, "Ủy ban nhân dân tỉnh Nghệ An"]
    assert_pdfsig_valid(sealed, 3)
    qpdf_check(sealed)
    assert pyhanko_says(sealed, test_pki) == [True, True, True]


def test_a_document_signed_without_co_signer_keeps_its_three_open_fields(test_pki: Pki, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    draft = write_minutes(tmp_path / "bien-ban.pdf")
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    signed = sign_pdf(draft, tmp_path / "1.pdf", key, Appearance(Kind.SIGNER, title=CHAIR_TITLE, name=CHAIR)).output
    assert APPROVER_FIELD not in fields_of(signed)
    with open(signed, "rb") as f:
        [sig] = PdfFileReader(f).embedded_regular_signatures
        assert sorted(sig.fieldmdp.fields) == ["agency-seal", "date", "number"]


def test_after_the_co_signers_certification_a_new_visible_signature_is_refused(test_pki: Pki, tmp_path: Path):
    """Only the approver's field takes a visible signature: a second co-signature (in a new
    field) breaks the certification, for our verifier and pyHanko's alike."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    draft = write_minutes(tmp_path / "bien-ban.pdf", secretary=CHAIR)
    key = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    seal = images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")
    first = sign_pdf(draft, tmp_path / "1.pdf", key, Appearance(
        Kind.COSIGNER, title=SECRETARY_TITLE, name=CHAIR, approver_title=CHAIR_TITLE, approver_name=CHAIR,
        seal_image=seal,
    )).output
    again = sign_pdf(first, tmp_path / "2.pdf", key, Appearance(Kind.COSIGNER, title=SECRETARY_TITLE, name=CHAIR))
    assert again.field_name != APPROVER_FIELD  # a new field of its own, beside the certification's
    certification, _again = verify_pdf(again.output, [test_pki.root.cert]).signatures
    assert not certification.ok and "a new visible signature field after the certification" in " ".join(
        p.message_en for p in certification.problems
    )
    assert pyhanko_says(again.output, test_pki) == [False, True]


def test_eoffice_sign_makes_both_signatures_from_the_command_line(test_pki: Pki, tmp_path: Path):
    import os
    import subprocess
    import sys

    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    draft = write_minutes(tmp_path / "bien-ban.pdf", secretary=CHAIR)  # the test PKI has one person's card
    env = {**os.environ, "CARD_PASSWORD": PASSWORD}
    common = ["--pkcs12", str(test_pki.p12("signer")), "--pin-env", "CARD_PASSWORD"]
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for src, dst, extra in (
        (draft, first, ["--appearance", "cosigner", "--title", SECRETARY_TITLE, "--name", CHAIR,
                        "--approver-title", CHAIR_TITLE, "--approver-name", CHAIR]),
        (first, second, ["--appearance", "signer", "--title", CHAIR_TITLE, "--name", CHAIR]),
    ):
        done = subprocess.run([sys.executable, "-m", "eoffice", "sign", str(src), "-o", str(dst), *common, *extra],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    fields = fields_of(second)
    assert _rect(fields[APPROVER_FIELD]) == find_signer_box(draft, CHAIR_TITLE, CHAIR).rect()
    assert verify_pdf(second, [test_pki.root.cert]).ok
    assert_pdfsig_valid(second, 2)
