"""Who may sign which file of a document in which state (``documents.signing``).

The rules hold wherever the operation is applied (a client offline too, which has no
finding on the bytes): the rule tests apply ``sign_file`` without authority. With
authority an operation whose file nobody proved is refused; a standalone desk proves it.
"""

from __future__ import annotations

import hashlib

import pytest

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentFile
from eoffice.errors import DomainError, PermissionDenied, StateError, ValidationError
from eoffice.ops import AppliedResult, FileRef, Operation, files_named, from_json, registry, to_json
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_once
from tests.conftest import World

_n = iter(range(1, 10_000))


def ref(name: str = "du-thao.pdf") -> FileRef:
    return FileRef(hashlib.sha256(f"version {next(_n)}".encode()).hexdigest(), name, 2000, 1)


def run(world: World, actor: str, op: Operation, *, authority: bool = False) -> AppliedResult:
    with world.store.write() as s:
        return registry.apply(s, actor, op, authority=authority)


def refused(world: World, actor: str, op: Operation, error: type[DomainError] = DomainError) -> str:
    with pytest.raises(error) as caught:
        run(world, actor, op)
    return caught.value.message_vi


def draft(world: World, *, submit: bool = True) -> tuple[str, dict[bool, tuple[str, str]]]:
    """A draft by the officer with a main file and an attachment; (id, {is_main: (file id, digest)})."""
    doc_id = new_id()
    run(world, world.officer_id, ops.CreateDraft(
        new_id(), doc_id, {"type_name": "Công văn", "subject": "Về việc ký số"}, (ref(), ref("phu-luc.pdf"))
    ))
    if submit:
        run(world, world.officer_id, ops.SubmitDraft(new_id(), doc_id, world.leader_id))
    with world.store.read() as s:
        files = {f.is_main: (f.id, f.digest) for f in s.get(Document, doc_id).files}
    return doc_id, files


def sign(doc_id: str, file: tuple[str, str], kind: str, new: FileRef | None = None) -> ops.SignFile:
    return ops.SignFile(new_id(), doc_id, file[0], file[1], new or ref(), kind)


def test_the_leader_it_was_submitted_to_signs_the_main_file_which_approves_it(world: World):
    doc_id, files = draft(world)
    assert "lãnh đạo được trình" in refused(
        world, world.officer_id, sign(doc_id, files[True], "signer"), PermissionDenied
    )
    with world.store.write() as s:
        other = create_user(
            s, "lanhdao2", "Hoàng Văn Tư", world.org_id, {Role.LEADER}, world.office_unit_id, "Phó Chủ tịch"
        )
        other_id = other.id
    assert "lãnh đạo được trình" in refused(world, other_id, sign(doc_id, files[True], "signer"), PermissionDenied)
    assert "tệp chính" in refused(world, world.leader_id, sign(doc_id, files[False], "signer"), ValidationError)
    assert "phiên bản mới hơn" in refused(
        world, world.leader_id, ops.SignFile(new_id(), doc_id, files[True][0], "0" * 64, ref(), "signer"), StateError
    )
    assert "Loại chữ ký" in refused(world, world.leader_id, sign(doc_id, files[True], "notary"), ValidationError)

    new = ref()
    result = run(world, world.leader_id, sign(doc_id, files[True], "signer", new))
    assert result.data["state"] == "approved"
    with world.store.read() as s:
        main = s.get(DocumentFile, files[True][0])
        assert (main.digest, main.signed_kinds) == (new.digest, "signer")
    assert "không ở trạng thái chờ duyệt" in refused(
        world, world.leader_id, sign(doc_id, (files[True][0], new.digest), "signer")
    )


def test_a_draft_not_submitted_cannot_be_signed(world: World):
    doc_id, files = draft(world, submit=False)
    assert "chờ duyệt" in refused(world, world.leader_id, sign(doc_id, files[True], "signer"), StateError)


def test_the_clerk_seals_only_a_numbered_document_after_the_leaders_signature(world: World):
    doc_id, files = draft(world)
    run(world, world.leader_id, ops.ApproveDraft(new_id(), doc_id))  # approved on paper: no signature
    assert "chờ cấp số" in refused(world, world.clerk_id, sign(doc_id, files[True], "agency"), StateError)
    run(world, world.clerk_id, ops.Issue(new_id(), doc_id, "2026-03-05"), authority=True)  # the number is given
    assert "chưa được lãnh đạo ký số" in refused(world, world.clerk_id, sign(doc_id, files[True], "agency"), StateError)
    assert "Chỉ văn thư" in refused(world, world.officer_id, sign(doc_id, files[False], "attachment"), PermissionDenied)
    assert "có hình con dấu" in refused(world, world.clerk_id, sign(doc_id, files[True], "attachment"), ValidationError)
    assert "không có hình con dấu" in refused(
        world, world.clerk_id, sign(doc_id, files[False], "agency"), ValidationError
    )
    stamped = ref()
    run(world, world.clerk_id, sign(doc_id, files[False], "attachment", stamped))
    assert "đã được ký số" in refused(
        world, world.clerk_id, sign(doc_id, (files[False][0], stamped.digest), "attachment")
    )

    with world.store.write() as s:
        other = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        stranger = create_user(s, "vanthu_snv", "Hồ Thị Lan", other.id, {Role.CLERK}, None, "Văn thư").id
    assert "cơ quan khác" in refused(world, stranger, sign(doc_id, files[False], "attachment"), PermissionDenied)


def test_the_full_order_signer_then_agency(world: World):
    doc_id, files = draft(world)
    signed = ref()
    run(world, world.leader_id, sign(doc_id, files[True], "signer", signed))
    run(world, world.clerk_id, ops.Issue(new_id(), doc_id, "2026-03-05"), authority=True)
    with world.store.read() as s:  # numbered, not issued: "Đã ban hành" only once sealed
        assert s.get(Document, doc_id).state == "numbered"
    sealed = ref()
    run(world, world.clerk_id, sign(doc_id, (files[True][0], signed.digest), "agency", sealed))
    with world.store.read() as s:
        assert s.get(DocumentFile, files[True][0]).signed_kinds == "signer,agency"
        assert s.get(Document, doc_id).state == "issued"
    assert "đã được đóng dấu" in refused(world, world.clerk_id, sign(doc_id, (files[True][0], sealed.digest), "agency"))


def test_with_authority_an_unproved_file_is_refused_and_the_refusal_kept(world: World):
    doc_id, files = draft(world)
    op = sign(doc_id, files[True], "signer")
    with world.store.write() as s:
        outcome = apply_once(s, world.leader_id, op)  # the server, had nobody checked the bytes
    assert not outcome.accepted and "chưa kiểm tra" in outcome.reason_vi
    with world.store.read() as s:
        assert s.get(Document, doc_id).state == "submitted"
        assert s.get(DocumentFile, files[True][0]).digest == files[True][1]


def test_signing_operations_survive_json_and_refuse_bad_input():
    from eoffice.signing.operations import AddTrustedRoot, RemoveTrustedRoot, SetSealImage, SetSignatureImage

    for op in (
        ops.SignFile(new_id(), new_id(), new_id(), "b" * 64, ref(), "signer", "Đồng ý ban hành"),
        SetSignatureImage(new_id(), FileRef("c" * 64, "chu-ky.png", 900, 0), "d" * 64),
        SetSignatureImage(new_id()),
        SetSealImage(new_id(), new_id(), FileRef("e" * 64, "con-dau.png", 900, 0)),
        AddTrustedRoot(new_id(), "-----BEGIN CERTIFICATE-----\n…"),
        RemoveTrustedRoot(new_id(), new_id()),
    ):
        assert from_json(to_json(op)) == op
    good = to_json(ops.SignFile(new_id(), new_id(), new_id(), "b" * 64, ref(), "signer"))
    for bad, words in (
        ({**good, "file": [good["file"]]}, "đối tượng"),
        ({**good, "file": {**good["file"], "digest": "xyz"}}, "mã băm"),
        ({k: v for k, v in good.items() if k != "previous_digest"}, "thiếu trường “previous_digest”"),
        ({**good, "signature": 3}, "chuỗi"),
    ):
        with pytest.raises(ValidationError, match=words):
            from_json(bad)
    assert files_named(from_json(good)) == (from_json(good).file,)  # type: ignore[attr-defined]
