"""The meeting's minutes as eOffice writes them (``meetings.minutes``), signed by the
secretary with the e-card (SoftHSM2) in the THƯ KÝ block and by the chair in the CHỦ TỌA
block: both signatures valid in order for pdfsig, qpdf and ``eoffice verify``; the clerk's
number and date and the seal after them keep them valid."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from eoffice.directory.models import User
from eoffice.meetings.minutes import texts
from eoffice.meetings.minutes.compose import minutes_of
from eoffice.meetings.minutes.paper_pdf import CHAIR_TITLE, SECRETARY_TITLE, render_minutes
from eoffice.meetings.minutes.record import meeting_record
from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.filling import fill_issue_fields
from eoffice.signing.keys import open_pkcs11, open_pkcs12
from eoffice.signing.pades import SigningOptions, sign_pdf
from eoffice.signing.placement import APPROVER_FIELD, find_signer_box
from eoffice.signing.verify import verify_pdf
from eoffice.store import Store
from tests.conftest import World, need
from tests.meetings.minutes.story import run_story
from tests.signing.minutes_pdf import CHAIR, SECRETARY
from tests.signing.conftest import PASSWORD, SOFTHSM_LIB, Pki, Token, assert_pdfsig_valid, have_font, pdfsig, qpdf_check


def test_the_minutes_are_signed_by_the_secretary_then_the_chair_and_verify(
    store: Store, world: World, softhsm_token: Token, test_pki: Pki, tmp_path: Path
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    story = run_story(store, world)
    with store.write() as s:
        texts.write_text(s, world.clerk_id, story.meeting_id, texts.item_part(story.items[0], "conclusion"),
                         "Thống nhất trình HĐND tỉnh.")
    with store.read() as s:
        record = meeting_record(s, story.meeting_id, s.get(User, world.clerk_id))
        minutes = minutes_of(s, story.meeting_id, record, texts.texts_of(s, story.meeting_id))
    draft = tmp_path / "bien-ban.pdf"
    draft.write_bytes(render_minutes(minutes))
    secretary_box = find_signer_box(draft, SECRETARY_TITLE, minutes.secretary)
    chair_box = find_signer_box(draft, CHAIR_TITLE, minutes.chair)
    assert secretary_box.found and chair_box.found and secretary_box.x2 <= chair_box.x1
    seal = images.seal_image(minutes.organisation)

    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=softhsm_token.generated_id) as key:
        first = sign_pdf(draft, tmp_path / "1.pdf", key, Appearance(
            Kind.COSIGNER, image=images.signature_image(minutes.secretary), title=SECRETARY_TITLE,
            name=minutes.secretary, approver_title=CHAIR_TITLE, approver_name=minutes.chair, seal_image=seal,
        ), SigningOptions(reason="Ký biên bản cuộc họp")).output
    assert_pdfsig_valid(first, 1)
    second = sign_pdf(first, tmp_path / "2.pdf", open_pkcs12(test_pki.p12("signer"), PASSWORD), Appearance(
        Kind.SIGNER, image=images.signature_image(minutes.chair), title=CHAIR_TITLE, name=minutes.chair,
    ), SigningOptions(reason="Ký duyệt biên bản"))
    assert second.field_name == APPROVER_FIELD and second.box.rect() == chair_box.rect()
    report = verify_pdf(second.output, [test_pki.root.cert])
    assert report.ok, report.to_dict()
    # the certificates' holders: the token's (the secretary's card) and the chair's
    assert [s.signer for s in report.signatures] == [SECRETARY, CHAIR]
    assert_pdfsig_valid(second.output, 2)

    # the clerk's number and date, then the seal: the two signatures stay valid
    numbered = tmp_path / "3.pdf"
    filled = fill_issue_fields(second.output, numbered, "07/BB-UBND", date(2026, 12, 8))
    assert "07/BB-UBND" in filled.filled.values()
    sigs = pdfsig(numbered)  # valid; the seal's signature, next, covers the whole file
    assert [(s["valid"], s["name"]) for s in sigs] == [(True, SECRETARY), (True, CHAIR)]
    qpdf_check(numbered)
    roots = tmp_path / "root.pem"
    roots.write_bytes(test_pki.root.pem)
    done = subprocess.run([sys.executable, "-m", "eoffice", "verify", str(numbered), "--trust", str(roots), "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    [one] = (lambda r: r if isinstance(r, list) else [r])(json.loads(done.stdout))
    assert [sig["signer"] for sig in one["signatures"]] == [SECRETARY, CHAIR]
