"""Acting for an absent leader (ủy quyền, ký thay): the deputy's rights hold on the days
of the delegation only, a revoked delegation gives none, the audit names both people, the
deputy's boxes hold the leader's waiting documents (counts equal to lists), and the
deputy's signature reads "KT. <the leader's title>" over their own title and name."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role, User
from eoffice.documents import operations as ops
from eoffice.documents.boxes import Box, box_counts, box_page, counts_by_condition
from eoffice.documents.delegations import Delegation, acting_block, acting_for
from eoffice.documents.directions import LineSpec
from eoffice.documents.followup import due_soon_until
from eoffice.documents.models import Document
from eoffice.documents.types import DocState, LineRole
from eoffice.documents.visibility import may_see
from eoffice.errors import DomainError, PermissionDenied, StateError, ValidationError
from eoffice.ops import AppliedResult, FileRef, ISODate, Operation, from_json, registry, to_json
from eoffice.store.base import new_id
from tests.conftest import World, need
from tests.documents.workflow_helpers import register
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, document, test_pki  # noqa: F401

TODAY = date.today()
ABSENT_FROM = TODAY - timedelta(days=1)
ABSENT_TO = TODAY + timedelta(days=2)
_n = iter(range(1, 10_000))


def _ref(name: str = "du-thao.pdf") -> FileRef:
    import hashlib

    return FileRef(hashlib.sha256(f"v{next(_n)}".encode()).hexdigest(), name, 2000, 1)


def run(world: World, actor: str, op: Operation, *, authority: bool = True) -> AppliedResult:
    with world.store.write() as s:
        return registry.apply(s, actor, op, authority=authority)


def refused(world: World, actor: str, op: Operation, error: type[DomainError] = DomainError) -> str:
    with pytest.raises(error) as caught:
        run(world, actor, op)
    return caught.value.message_vi


@pytest.fixture
def deputy_id(world: World) -> str:
    with world.store.write() as s:
        return create_user(
            s, "phochutich", "Hoàng Văn Phúc", world.org_id, {Role.LEADER}, world.office_unit_id, "Phó Chủ tịch"
        ).id


def delegate(world: World, deputy: str, starts: date = ABSENT_FROM, ends: date = ABSENT_TO) -> str:
    delegation_id = new_id()
    run(world, world.leader_id, ops.Delegate(
        new_id(), delegation_id, deputy, ISODate(starts.isoformat()), ISODate(ends.isoformat()), "Đi công tác"
    ))
    return delegation_id


def submitted_draft(world: World, **fields: object) -> str:
    doc_id = new_id()
    run(world, world.officer_id, ops.CreateDraft(
        new_id(), doc_id, {"type_name": "Công văn", "subject": "Về việc ủy quyền", **fields}, (_ref(),)
    ), authority=False)
    run(world, world.officer_id, ops.SubmitDraft(new_id(), doc_id, world.leader_id), authority=False)
    return doc_id


def approve(doc_id: str, day: date) -> ops.ApproveDraft:
    return ops.ApproveDraft(new_id(), doc_id, "Đồng ý", ISODate(day.isoformat()))


def events(world: World, action: str) -> list[AuditEvent]:
    with world.store.read() as s:
        found = list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))
        s.expunge_all()
        return found


def test_the_deputy_approves_in_the_leaders_stead_on_the_days_of_the_delegation_only(world: World, deputy_id: str):
    before = submitted_draft(world)
    message = refused(world, deputy_id, approve(before, TODAY), PermissionDenied)
    assert "ủy quyền" in message

    # an absence that ended two days ago
    starts, ends = TODAY - timedelta(days=6), TODAY - timedelta(days=2)
    delegate(world, deputy_id, starts, ends)
    late = submitted_draft(world)
    # the day after the absence, and today: the right has ended
    assert "ủy quyền" in refused(world, deputy_id, approve(late, ends + timedelta(days=1)), PermissionDenied)
    assert "ủy quyền" in refused(world, deputy_id, approve(late, TODAY), PermissionDenied)
    assert "ủy quyền" in refused(world, deputy_id, approve(late, starts - timedelta(days=1)), PermissionDenied)

    run(world, deputy_id, approve(before, ends))  # offline on the last day, pushed today
    run(world, deputy_id, ops.ReturnDraft(new_id(), late, "Sửa trích yếu", ISODate(starts.isoformat())))
    with world.store.read() as s:
        assert s.get(Document, before).state == DocState.APPROVED.value
        # the deputy signs it (KT.): the register's "người ký" is theirs
        assert s.get(Document, before).signer_full_name == "Hoàng Văn Phúc"
        assert s.get(Document, late).state == DocState.RETURNED.value
    # the audit names both: the deputy acted, for the leader
    approved = events(world, "document.approve_draft")[-1]
    assert approved.actor_id == deputy_id
    assert json.loads(approved.after_json)["on_behalf_of"] == world.leader_id
    returned = events(world, "document.return_draft")[-1]
    assert (returned.actor_id, json.loads(returned.after_json)["on_behalf_of"]) == (deputy_id, world.leader_id)
    # the leader's own approval names nobody else
    own = submitted_draft(world)
    run(world, world.leader_id, approve(own, TODAY))
    assert "on_behalf_of" not in json.loads(events(world, "document.approve_draft")[-1].after_json)


def test_a_revoked_delegation_gives_no_right_and_only_its_leader_revokes_it(world: World, deputy_id: str):
    delegation_id = delegate(world, deputy_id)
    assert "lãnh đạo đã ủy quyền" in refused(
        world, deputy_id, ops.RevokeDelegation(new_id(), delegation_id), PermissionDenied
    )
    run(world, world.leader_id, ops.RevokeDelegation(new_id(), delegation_id))
    with world.store.read() as s:
        assert s.get(Delegation, delegation_id).revoked
        assert acting_for(s, deputy_id, TODAY) == []
    doc_id = submitted_draft(world)
    refused(world, deputy_id, approve(doc_id, TODAY), PermissionDenied)
    refused(world, world.leader_id, ops.RevokeDelegation(new_id(), delegation_id), StateError)
    revoked = events(world, "delegation.revoke")[-1]
    assert revoked.actor_id == world.leader_id and json.loads(revoked.after_json)["revoked"] is True
    # once revoked, the leader may name someone for the same days
    delegate(world, deputy_id)


def test_who_may_be_named_and_for_which_days(world: World, deputy_id: str):
    def op(deputy: str, starts: date = ABSENT_FROM, ends: date = ABSENT_TO) -> ops.Delegate:
        return ops.Delegate(new_id(), new_id(), deputy, ISODate(starts.isoformat()), ISODate(ends.isoformat()))

    assert "lãnh đạo khác" in refused(world, world.leader_id, op(world.officer_id), ValidationError)
    assert "chính mình" in refused(world, world.leader_id, op(world.leader_id), ValidationError)
    assert "sau hoặc bằng" in refused(world, world.leader_id, op(deputy_id, TODAY, TODAY - timedelta(days=1)))
    refused(world, world.officer_id, op(deputy_id), PermissionDenied)  # only a leader delegates
    delegate(world, deputy_id)
    assert "thu hồi" in refused(world, world.leader_id, op(deputy_id, ABSENT_TO, ABSENT_TO + timedelta(days=3)))


def test_the_deputy_directs_for_the_leader_within_the_days_and_the_audit_names_both(
    world: World, deputy_id: str, blobs, pdf_factory
):
    doc_id = register(world, blobs, pdf_factory)

    def direct(day: date) -> ops.Direct:
        line = ops.LineRef.of(LineSpec(LineRole.LEAD, unit_id=world.finance_unit_id, deadline_days=5))
        return ops.Direct(
            new_id(), doc_id, new_id(), "Giao phòng Tài chính", (line,), ISODate(day.isoformat()), Id(world.leader_id)
        )

    from eoffice.ops import Id

    refused(world, deputy_id, direct(TODAY), PermissionDenied)
    delegate(world, deputy_id)
    refused(world, deputy_id, direct(ABSENT_FROM - timedelta(days=1)), PermissionDenied)
    run(world, deputy_id, direct(TODAY))
    directed = events(world, "document.direct")[-1]
    assert directed.actor_id == deputy_id
    assert json.loads(directed.after_json)["on_behalf_of"] == world.leader_id


def test_the_deputys_boxes_hold_the_leaders_waiting_documents_and_counts_equal_lists(
    world: World, deputy_id: str, blobs, pdf_factory
):
    # a line to the leader personally, and a secret draft submitted to the leader
    doc_id = register(world, blobs, pdf_factory)
    line = ops.LineRef.of(LineSpec(LineRole.LEAD, user_id=world.leader_id, deadline_days=5))
    run(world, world.leader_id, ops.Direct(new_id(), doc_id, new_id(), "Tôi trực tiếp xử lý", (line,)))
    secret = submitted_draft(world, secrecy="confidential")

    def boxes(user_id: str) -> tuple[set[str], set[str], dict[Box, int]]:
        with world.store.read() as s:
            user = s.get(User, user_id)
            waiting = {r.id for r in box_page(s, Box.WAITING_FOR_ME, user, TODAY)}
            drafts = {r.id for r in box_page(s, Box.DRAFTS_TO_APPROVE, user, TODAY)}
            counts = box_counts(s, user, TODAY)
            assert counts == counts_by_condition(s, user, TODAY, due_soon_until(s, TODAY, 3))
            assert counts[Box.WAITING_FOR_ME] == len(waiting)
            assert counts[Box.DRAFTS_TO_APPROVE] == len(drafts)
            return waiting, drafts, counts

    waiting, drafts, _ = boxes(deputy_id)
    assert doc_id not in waiting and secret not in drafts
    with world.store.read() as s:
        assert not may_see(s, s.get(User, deputy_id), secret)

    delegation_id = delegate(world, deputy_id)
    waiting, drafts, _ = boxes(deputy_id)
    assert doc_id in waiting and secret in drafts
    with world.store.read() as s:
        assert may_see(s, s.get(User, deputy_id), secret)
    boxes(world.leader_id)  # the leader's own boxes are unchanged and consistent

    run(world, world.leader_id, ops.RevokeDelegation(new_id(), delegation_id))
    waiting, drafts, _ = boxes(deputy_id)
    assert doc_id not in waiting and secret not in drafts


def test_operations_travel_as_json(world: World):
    for op in (
        ops.Delegate(new_id(), new_id(), new_id(), ISODate("2026-03-09"), ISODate("2026-03-13"), "Nghỉ phép"),
        ops.RevokeDelegation(new_id(), new_id()),
        ops.ApproveDraft(new_id(), new_id(), "", ISODate("2026-03-10")),
    ):
        assert from_json(to_json(op)) == op
    for kind in ("delegate", "revoke_delegation"):
        assert registry.kinds()[kind].label_en and registry.kinds()[kind].label_vi


def test_the_deputys_signature_reads_kt_over_their_own_title_and_name(
    document, test_pki: Pki, tmp_path  # noqa: F811
):
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.keys import open_pkcs12
    from eoffice.signing.pades import sign_pdf
    from tests.signing.test_sign import pdftotext, signature_png

    kt, own = acting_block("Giám đốc", "Phó Giám đốc")
    assert (kt, own) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    result = sign_pdf(
        document, tmp_path / "ky-thay.pdf", signer,
        Appearance(Kind.SIGNER, image=signature_png(), title="Giám đốc", name="Nguyễn Văn Đức",
                   acting_title=kt, signer_title=own, signer_name="Hoàng Văn Phúc"),
    )
    assert result.box.found, "the deputy's block covers the leader's block found on the page"
    assert_pdfsig_valid(result.output, 1)
    need(shutil.which("qpdf") is not None, "qpdf is not installed")
    flat = tmp_path / "flat.pdf"
    subprocess.run(["qpdf", "--flatten-annotations=all", str(result.output), str(flat)], check=False)
    text = " ".join(pdftotext(flat).split())
    assert "KT. GIÁM ĐỐC" in text
    assert "PHÓ GIÁM ĐỐC" in text
    assert text.index("KT. GIÁM ĐỐC") < text.index("PHÓ GIÁM ĐỐC") < text.rindex("Hoàng Văn Phúc")


def test_the_deputy_signs_the_leaders_draft_and_becomes_its_signer(world: World, deputy_id: str):
    doc_id = submitted_draft(world)
    with world.store.read() as s:
        main = next(f for f in s.get(Document, doc_id).files if f.is_main)
        file = (main.id, main.digest)

    def sign(day: date) -> ops.SignFile:
        return ops.SignFile(new_id(), doc_id, file[0], file[1], _ref(), "signer", "", ISODate(day.isoformat()))

    with pytest.raises(PermissionDenied):
        run(world, deputy_id, sign(TODAY), authority=False)
    delegate(world, deputy_id)
    run(world, deputy_id, sign(TODAY), authority=False)
    with world.store.read() as s:
        doc = s.get(Document, doc_id)
        assert doc.state == DocState.APPROVED.value
        assert (doc.signer_full_name, doc.signer_position) == ("Hoàng Văn Phúc", "Phó Chủ tịch")
    signed = events(world, "document.sign")[-1]
    assert (signed.actor_id, json.loads(signed.after_json)["on_behalf_of"]) == (deputy_id, world.leader_id)


def test_the_servers_check_reads_the_deputys_sight_on_the_operations_day(world: World, deputy_id: str):
    """A secret draft submitted to the leader: the deputy who approved it offline on the
    last day of the absence saw it that day; pushed the day after, it is accepted."""
    secret = submitted_draft(world, secrecy="confidential")
    yesterday = TODAY - timedelta(days=1)
    delegate(world, deputy_id, TODAY - timedelta(days=4), yesterday)
    check = registry.kinds()["approve_draft"].check
    assert check is not None
    with world.store.read() as s:
        deputy = s.get(User, deputy_id)
        with pytest.raises(PermissionDenied):
            check(s, deputy, approve(secret, TODAY))
        check(s, deputy, approve(secret, yesterday))
    run(world, deputy_id, approve(secret, yesterday))
    with world.store.read() as s:
        assert s.get(Document, secret).state == DocState.APPROVED.value
