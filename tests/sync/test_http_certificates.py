"""Whose card a signature was made with, checked by the real server over loopback HTTP.

Every card here chains to the trusted test CA and makes a valid signature: the server
must still refuse a signer signature made with someone else's card (a colleague's, a
director's of another organisation) and a seal made with a personal card or another
organisation's certificate, saying whose certificate it was — first by the subject rule
(nobody registered a certificate), then by the registered certificates, which decide
once they exist. The right cards are accepted both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.documents.models import Document
from eoffice.ops import FileRef
from eoffice.signing import images, pki
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.keys import SigningKey, open_pkcs12
from eoffice.signing.models import SigningCertificate
from eoffice.signing.ownership import register_certificate
from eoffice.signing.pades import sign_pdf
from eoffice.signing.trust import add_trusted_root
from eoffice.store.base import new_id
from tests.conftest import need
from tests.signing.conftest import PASSWORD, Pki, have_font
from tests.sync.http_support import Device, Province

OTHER_ORG = "Sở Nội vụ tỉnh Nghệ An"
OTHER_DIRECTOR = "Hoàng Minh Giám"


@pytest.fixture(scope="module")
def cards(test_pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[pki.Issued, SigningKey]]:
    """Soft cards, all issued by the trusted test CA: whose each is, the test says."""
    folder = tmp_path_factory.mktemp("cards")
    subjects = {
        "officer": pki.name("Lê Minh Anh", "UBND tỉnh Nghệ An"),
        "clerk": pki.name("Trần Thị Thu", "UBND tỉnh Nghệ An"),
        "leader_new": pki.name("Nguyễn Văn Đức", "UBND tỉnh Nghệ An"),  # the leader's newer card
        "other_director": pki.name(OTHER_DIRECTOR, OTHER_ORG),
        "other_agency": pki.name(OTHER_ORG, OTHER_ORG),
    }
    out: dict[str, tuple[pki.Issued, SigningKey]] = {}
    for who, subject in subjects.items():
        issued = pki.issue_signer(test_pki.intermediate, subject)
        path = folder / f"{who}.p12"
        path.write_bytes(pki.pkcs12_bytes(issued, [test_pki.intermediate.cert], PASSWORD, who))
        out[who] = (issued, open_pkcs12(path, PASSWORD))
    for who, issued in (("leader", test_pki.signer), ("agency", test_pki.agency)):
        out[who] = (issued, open_pkcs12(test_pki.p12("signer" if who == "leader" else "agency"), PASSWORD))
    return out


class Signing:
    """A draft submitted to the leader, and the desks that sign it."""

    def __init__(self, province: Province, test_pki: Pki, pdf_factory, tmp: Path) -> None:  # type: ignore[no-untyped-def]
        need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
        w = province.world
        self.province, self.tmp = province, tmp
        with province.store.write() as s:
            add_trusted_root(s, test_pki.root.pem)
            other = create_organisation(s, "000.00.02.H41", OTHER_ORG, "SNV")
            self.other_org_id = other.id
            self.other_director_id = create_user(
                s, "snv.giamdoc", OTHER_DIRECTOR, other.id, {Role.LEADER}, None, "Giám đốc"
            ).id
        self.officer = province.device("chuyenvien", w.officer_id)
        self.leader = province.device("lanhdao", w.leader_id)
        self.clerk = province.device("vanthu", w.clerk_id)
        for device in (self.officer, self.leader, self.clerk):
            device.engine.sync_once()
        refs = []
        for pdf in (pdf_factory("Về việc ký số"), pdf_factory("Phụ lục")):
            digest, size = self.officer.blobs.put_file(pdf)
            refs.append(FileRef(digest, pdf.name, size, 1))
        self.draft_id = new_id()
        self.officer.record(ops.CreateDraft(
            new_id(), self.draft_id, {"type_name": "Công văn", "subject": "Về việc ký số"}, tuple(refs)
        ))
        self.officer.record(ops.SubmitDraft(new_id(), self.draft_id, w.leader_id))
        assert self.officer.engine.sync_once().accepted == 2
        self.leader.engine.sync_once()
        self.n = 0

    def attempt(self, device: Device, key: SigningKey, kind: str, *, main: bool = True) -> tuple[str, str, str]:
        """Sign the file on ``device`` with ``key`` and push it: (outcome, reason, reason_en)."""
        file_id, digest, path = device.file_of(self.draft_id, main)
        self.n += 1
        appearance = {
            "signer": Appearance(Kind.SIGNER),
            "agency": Appearance(Kind.AGENCY, image=images.seal_image("Ủy ban nhân dân tỉnh Nghệ An")),
            "attachment": Appearance(Kind.ATTACHMENT, code_label="01/UBND-VP", organisation="UBND"),
        }[kind]
        signed = sign_pdf(path, self.tmp / f"signed-{self.n}.pdf", key, appearance).output
        new, size = device.blobs.put_file(signed)
        op = ops.SignFile(new_id(), self.draft_id, file_id, digest, FileRef(new, "ky-so.pdf", size, 1), kind)
        device.record(op)
        report = device.engine.sync_once()
        [answer] = [a for a in report.answers if a.op_id == op.op_id]
        return answer.outcome, answer.reason, answer.reason_en

    def issue(self) -> None:
        self.clerk.engine.sync_once()
        self.clerk.record(ops.Issue(new_id(), self.draft_id, "2026-03-05"))
        assert self.clerk.engine.sync_once().accepted == 1

    def server_kinds(self) -> dict[bool, str]:
        with self.province.store.read() as s:
            return {f.is_main: f.signed_kinds for f in s.get(Document, self.draft_id).files}


def test_without_registered_certificates_the_subject_must_name_the_signer_or_the_organisation(
    province: Province, test_pki: Pki, cards, pdf_factory, tmp_path
):
    flow = Signing(province, test_pki, pdf_factory, tmp_path)

    # The leader signs with the officer's card, or with another organisation's director's:
    # both are trusted and valid, neither is the leader's.
    outcome, reason, reason_en = flow.attempt(flow.leader, cards["officer"][1], "signer")
    assert outcome == "rejected"
    assert "“Lê Minh Anh”" in reason and "không phải chứng thư số của Nguyễn Văn Đức" in reason
    assert "của chính mình" in reason and "not Nguyễn Văn Đức's" in reason_en
    outcome, reason, _ = flow.attempt(flow.leader, cards["other_director"][1], "signer")
    assert outcome == "rejected" and f"“{OTHER_DIRECTOR}”" in reason and "Nguyễn Văn Đức" in reason
    with province.store.read() as s:
        assert s.get(Document, flow.draft_id).state == "submitted"
    with flow.leader.store.read() as s:  # each refusal undid the local version
        assert s.get(Document, flow.draft_id).state == "submitted"

    # The leader's own card is accepted.
    assert flow.attempt(flow.leader, cards["leader"][1], "signer")[0] == "accepted"
    assert flow.server_kinds() == {True: "signer", False: ""}

    # The clerk seals with a personal card (their own), or with another organisation's
    # certificate; an attachment stamped with a personal card is the same neighbour.
    flow.issue()
    outcome, reason, reason_en = flow.attempt(flow.clerk, cards["clerk"][1], "agency")
    assert outcome == "rejected" and "“Trần Thị Thu”" in reason and "cơ quan Ủy ban nhân dân tỉnh Nghệ An" in reason
    assert "không dùng thẻ cá nhân" in reason and "not a personal card" in reason_en
    outcome, reason, _ = flow.attempt(flow.clerk, cards["other_agency"][1], "agency")
    assert outcome == "rejected" and f"“{OTHER_ORG}”" in reason
    outcome, reason, _ = flow.attempt(flow.clerk, cards["clerk"][1], "attachment", main=False)
    assert outcome == "rejected" and "“Trần Thị Thu”" in reason
    # A person's card never passes for the agency's, even a leader's of the organisation.
    outcome, reason, _ = flow.attempt(flow.clerk, cards["leader"][1], "agency")
    assert outcome == "rejected" and "“Nguyễn Văn Đức”" in reason
    assert flow.server_kinds() == {True: "signer", False: ""}

    # The organisation's certificate is accepted, for the seal and the attachment.
    assert flow.attempt(flow.clerk, cards["agency"][1], "agency")[0] == "accepted"
    assert flow.attempt(flow.clerk, cards["agency"][1], "attachment", main=False)[0] == "accepted"
    assert flow.server_kinds() == {True: "signer,agency", False: "attachment"}


def test_registered_certificates_decide_whose_card_it_is_and_reach_the_organisations_desktops(
    province: Province, test_pki: Pki, cards, pdf_factory, tmp_path
):
    flow = Signing(province, test_pki, pdf_factory, tmp_path)
    w = province.world
    with province.store.write() as s:
        register_certificate(s, cards["leader_new"][0].pem, user_id=w.leader_id)
        register_certificate(s, cards["officer"][0].pem, user_id=w.officer_id)
        register_certificate(s, cards["other_director"][0].pem, user_id=flow.other_director_id)
        register_certificate(s, cards["agency"][0].pem, organisation_id=w.org_id)
        register_certificate(s, cards["other_agency"][0].pem, organisation_id=flow.other_org_id)

    # A desktop receives its organisation's registrations, not another organisation's.
    flow.leader.engine.sync_once()
    with flow.leader.store.read() as s:
        held = {(r.user_id, r.organisation_id) for r in s.scalars(select(SigningCertificate))}
    assert held == {(w.leader_id, w.org_id), (w.officer_id, w.org_id), (None, w.org_id)}

    # The leader's older card names them, but once they have a registered one, only that counts.
    outcome, reason, reason_en = flow.attempt(flow.leader, cards["leader"][1], "signer")
    assert outcome == "rejected" and "không phải chứng thư số đã đăng ký cho Nguyễn Văn Đức" in reason
    assert "not one registered to Nguyễn Văn Đức" in reason_en
    # A colleague's registered card, another organisation's director's: whose each is, said.
    outcome, reason, _ = flow.attempt(flow.leader, cards["officer"][1], "signer")
    assert outcome == "rejected" and "“Lê Minh Anh” của Lê Minh Anh" in reason and "Nguyễn Văn Đức" in reason
    outcome, reason, _ = flow.attempt(flow.leader, cards["other_director"][1], "signer")
    assert outcome == "rejected" and f"của {OTHER_DIRECTOR}" in reason
    assert flow.attempt(flow.leader, cards["leader_new"][1], "signer")[0] == "accepted"

    flow.issue()
    outcome, reason, reason_en = flow.attempt(flow.clerk, cards["other_agency"][1], "agency")
    assert outcome == "rejected"
    assert f"của cơ quan {OTHER_ORG}" in reason and f"of the organisation {OTHER_ORG}" in reason_en
    outcome, reason, _ = flow.attempt(flow.clerk, cards["officer"][1], "agency")
    assert outcome == "rejected" and "của Lê Minh Anh" in reason and "không dùng thẻ cá nhân" in reason
    outcome, reason, _ = flow.attempt(flow.clerk, cards["clerk"][1], "attachment", main=False)
    assert outcome == "rejected" and "cơ quan Ủy ban nhân dân tỉnh Nghệ An" in reason
    assert flow.attempt(flow.clerk, cards["agency"][1], "agency")[0] == "accepted"
    assert flow.server_kinds() == {True: "signer,agency", False: ""}
