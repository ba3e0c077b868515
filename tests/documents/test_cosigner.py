"""A draft that names a co-signer (người ký trước): who may name whom, and the order of
the signatures (``documents.outgoing``, ``documents.signing``).

The rules hold wherever the operation is applied (a client offline too): applied here
without authority, as ``test_signing`` does; the server's proof of the bytes and of the
certificate is in ``tests/sync/test_http_cosigning.py``.
"""

from __future__ import annotations

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role, User
from eoffice.documents.boxes import Box, box_counts, box_page
from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentFile
from eoffice.documents.signing import signature_due
from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.ops import from_json, to_json
from eoffice.store.base import new_id
from tests.conftest import World
from tests.documents.test_signing import ref, refused, run, sign

MINUTES = {"type_name": "Biên bản", "subject": "Phiên họp thường kỳ tháng 12"}


def secretary(world: World) -> str:
    with world.store.write() as s:
        return create_user(
            s, "thuky", "Trần Thị Thẻ", world.org_id, {Role.OFFICER}, world.office_unit_id, "Chánh Văn phòng"
        ).id


def minutes(world: World, cosigner_id: str | None, *, submit: bool = True) -> tuple[str, tuple[str, str]]:
    doc_id = new_id()
    run(world, world.officer_id, ops.CreateDraft(
        new_id(), doc_id, {**MINUTES, "signer_position": "CHỦ TỌA"}, (ref(),),
        cosigner_id=cosigner_id, cosigner_position="THƯ KÝ",
    ))
    if submit:
        run(world, world.officer_id, ops.SubmitDraft(new_id(), doc_id, world.leader_id))
    with world.store.read() as s:
        main = s.get(Document, doc_id).files[0]
        return doc_id, (main.id, main.digest)


def test_the_co_signer_signs_first_then_the_leader_then_the_clerk_seals(world: World):
    cosigner = secretary(world)
    doc_id, main = minutes(world, cosigner)
    with world.store.read() as s:
        doc = s.get(Document, doc_id)
        assert (doc.cosigner_id, doc.cosigner_position, doc.signer_position) == (cosigner, "THƯ KÝ", "CHỦ TỌA")

    # the leader cannot sign before the co-signer, and says who is awaited
    message = refused(world, world.leader_id, sign(doc_id, main, "signer"), StateError)
    assert "Người ký trước (Trần Thị Thẻ) chưa ký số" in message
    # nobody but the named co-signer adds the co-signature
    for someone in (world.officer_id, world.leader_id, world.clerk_id):
        assert "Chỉ người ký trước" in refused(world, someone, sign(doc_id, main, "cosigner"), PermissionDenied)

    first = ref()
    result = run(world, cosigner, sign(doc_id, main, "cosigner", first))
    assert result.data["state"] == "submitted"  # the co-signature approves nothing
    assert "đã ký số tệp này" in refused(world, cosigner, sign(doc_id, (main[0], first.digest), "cosigner"), StateError)

    second = ref()
    assert run(world, world.leader_id, sign(doc_id, (main[0], first.digest), "signer", second)).data["state"] == (
        "approved"
    )
    run(world, world.clerk_id, ops.Issue(new_id(), doc_id, "2026-12-07"), authority=True)
    sealed = ref()
    run(world, world.clerk_id, sign(doc_id, (main[0], second.digest), "agency", sealed))
    with world.store.read() as s:
        assert s.get(DocumentFile, main[0]).signed_kinds == "cosigner,signer,agency"
        doc = s.get(Document, doc_id)
        assert doc.state == "issued" and doc.number_label == "01/BB-UBND"


def test_the_co_signer_may_sign_the_draft_before_it_is_submitted_but_not_after_approval(world: World):
    cosigner = secretary(world)
    doc_id, main = minutes(world, cosigner, submit=False)
    first = ref()
    assert run(world, cosigner, sign(doc_id, main, "cosigner", first)).data["state"] == "draft"
    # once signed, the co-signer is not changed without a new file
    assert "thay tệp dự thảo" in refused(
        world, world.officer_id, ops.SetCosigner(new_id(), doc_id, world.officer2_id), StateError
    )

    other_id, other_main = minutes(world, cosigner)
    run(world, world.leader_id, ops.ApproveDraft(new_id(), other_id))  # approved on paper
    assert "chưa được duyệt" in refused(world, cosigner, sign(other_id, other_main, "cosigner"), StateError)


def test_a_draft_without_co_signer_is_signed_as_before(world: World):
    doc_id, main = minutes(world, None)
    with world.store.read() as s:
        assert s.get(Document, doc_id).cosigner_position == ""  # no co-signer, no title
    assert "Chỉ người ký trước" in refused(world, world.officer_id, sign(doc_id, main, "cosigner"), PermissionDenied)
    assert run(world, world.leader_id, sign(doc_id, main, "signer")).data["state"] == "approved"


def test_who_may_be_named_and_changed(world: World):
    cosigner = secretary(world)
    with world.store.write() as s:
        other = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        stranger = create_user(s, "thuky_snv", "Hồ Thị Lan", other.id, {Role.OFFICER}, None, "Chuyên viên").id
    assert "người của cơ quan ban hành" in refused(
        world, world.officer_id,
        ops.CreateDraft(new_id(), new_id(), MINUTES, (ref(),), cosigner_id=stranger), ValidationError,
    )
    # the leader who signs cannot be the co-signer too
    doc_id, _main = minutes(world, world.leader_id, submit=False)
    assert "hai người khác nhau" in refused(
        world, world.officer_id, ops.SubmitDraft(new_id(), doc_id, world.leader_id), ValidationError
    )
    # the drafter changes the co-signer while it is a draft; nobody else does
    assert "Chỉ người soạn" in refused(
        world, cosigner, ops.SetCosigner(new_id(), doc_id, cosigner, "THƯ KÝ"), PermissionDenied
    )
    run(world, world.officer_id, ops.SetCosigner(new_id(), doc_id, cosigner, " THƯ KÝ "))
    with world.store.read() as s:
        doc = s.get(Document, doc_id)
        assert (doc.cosigner_id, doc.cosigner_position) == (cosigner, "THƯ KÝ")
    run(world, world.officer_id, ops.SubmitDraft(new_id(), doc_id, world.leader_id))
    assert "không sửa được" in refused(world, world.officer_id, ops.SetCosigner(new_id(), doc_id, None), StateError)


def _to_approve(world: World, user_id: str) -> tuple[list[str], int]:
    """The user's "Dự thảo chờ duyệt": the list's ids, and the sidebar's count."""
    from datetime import date

    with world.store.read() as s:
        user = s.get(User, user_id)
        today = date.today()
        rows = box_page(s, Box.DRAFTS_TO_APPROVE, user, today, limit=50)
        return [r.id for r in rows], box_counts(s, user, today)[Box.DRAFTS_TO_APPROVE]


def test_the_draft_awaits_the_co_signer_in_their_box_then_the_leader(world: World):
    cosigner = secretary(world)
    doc_id, main = minutes(world, cosigner, submit=False)
    assert _to_approve(world, cosigner) == ([doc_id], 1)  # a draft too: the co-signer may sign it already
    run(world, world.officer_id, ops.SubmitDraft(new_id(), doc_id, world.leader_id))
    assert _to_approve(world, cosigner) == ([doc_id], 1)
    assert _to_approve(world, world.leader_id) == ([doc_id], 1)
    signed = ref()
    run(world, cosigner, sign(doc_id, main, "cosigner", signed))
    assert _to_approve(world, cosigner) == ([], 0)  # signed: no longer waits for her
    assert _to_approve(world, world.leader_id) == ([doc_id], 1)
    run(world, world.leader_id, sign(doc_id, (main[0], signed.digest), "signer"))
    assert _to_approve(world, world.leader_id) == ([], 0)


def test_the_signature_due_offers_the_co_signer_then_the_leader():
    base = {"is_main": True, "clerk": False, "numbered": False}
    assert signature_due(state="submitted", kinds=[], approver=False, cosigner=True, **base) == "cosigner"
    assert signature_due(state="draft", kinds=[], approver=False, cosigner=True, **base) == "cosigner"
    assert signature_due(state="approved", kinds=[], approver=False, cosigner=True, **base) is None
    assert signature_due(state="submitted", kinds=["cosigner"], approver=False, cosigner=True, **base) is None
    assert signature_due(state="submitted", kinds=[], approver=True, awaits_cosigner=True, **base) is None
    assert signature_due(
        state="submitted", kinds=["cosigner"], approver=True, awaits_cosigner=True, **base
    ) == "signer"
    assert signature_due(state="submitted", kinds=[], approver=True, **base) == "signer"  # as before


def test_the_operations_survive_json():
    op = ops.CreateDraft(new_id(), new_id(), MINUTES, (ref(),), None, new_id(), "THƯ KÝ")
    assert from_json(to_json(op)) == op
    op2 = ops.SetCosigner(new_id(), new_id(), None, "")
    assert from_json(to_json(op2)) == op2
