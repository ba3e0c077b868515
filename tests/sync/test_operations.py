"""Operations as values: every kind survives JSON, and malformed input is refused clearly."""

from __future__ import annotations

import json

import pytest

from eoffice.documents import operations as ops
from eoffice.errors import ValidationError
from eoffice.ops import Operation, from_json, registry, to_json
from eoffice.store.base import new_id
from tests.sync.conftest import doc_fields, file_ref

ONE_OF_EACH: list[Operation] = [
    ops.RegisterIncoming(new_id(), new_id(), doc_fields(), (file_ref("Nội dung"),), "2026-03-03", True, 5),
    ops.Direct(
        new_id(), new_id(), new_id(), "Giao phòng Tài chính chủ trì",
        (
            ops.LineRef(new_id(), "lead", unit_id=new_id(), deadline="2026-04-01"),
            ops.LineRef(new_id(), "inform", user_id=new_id(), deadline_days=3),
        ),
    ),
    ops.StartLine(new_id(), new_id()),
    ops.CompleteLine(new_id(), new_id(), "Đã xong", new_id()),
    ops.ReturnLine(new_id(), new_id(), "Không thuộc thẩm quyền"),
    ops.ForwardLine(new_id(), new_id(), (ops.LineRef(new_id(), "lead", user_id=new_id()),)),
    ops.ReturnDocument(new_id(), new_id(), "Gửi nhầm cơ quan"),
    ops.CreateDraft(new_id(), new_id(), doc_fields(), (file_ref(),), new_id()),
    ops.SetCosigner(new_id(), new_id(), new_id(), "THƯ KÝ"),
    ops.UpdateDraft(new_id(), new_id(), doc_fields(), None),
    ops.SubmitDraft(new_id(), new_id(), new_id()),
    ops.PassReview(new_id(), new_id(), "Đề nghị lãnh đạo ký", new_id()),
    ops.ReturnReview(new_id(), new_id(), "Bổ sung số liệu"),
    ops.ApproveDraft(new_id(), new_id(), "Đồng ý"),
    ops.ReturnDraft(new_id(), new_id(), "Sửa trích yếu"),
    ops.Issue(new_id(), new_id(), "2026-03-05", None),
    ops.Deliver(new_id(), new_id(), (new_id(), new_id()), (new_id(), new_id()), "2026-03-06"),
    ops.SignFile(new_id(), new_id(), new_id(), "a" * 64, file_ref(), "agency", "Đồng ý"),
    ops.RequestExtension(new_id(), new_id(), new_id(), "2026-04-15", "Chờ số liệu", "2026-03-30"),
    ops.DecideExtension(new_id(), new_id(), new_id(), False, None, "Không đồng ý"),
    ops.Delegate(new_id(), new_id(), new_id(), "2026-03-09", "2026-03-13", "Đi công tác"),
    ops.RevokeDelegation(new_id(), new_id()),
]


def test_every_kind_is_covered_once():
    documents_kinds = [kind for kind, entry in registry.kinds().items() if entry.cls.__module__ == ops.__name__]
    assert sorted(op.kind for op in ONE_OF_EACH) == sorted(documents_kinds)  # others: their own tests


@pytest.mark.parametrize("op", ONE_OF_EACH, ids=lambda op: op.kind)
def test_round_trip_through_json_text(op):
    data = to_json(op)
    text = json.dumps(data, ensure_ascii=False)
    back = from_json(json.loads(text))
    assert back == op
    assert type(back) is type(op)
    assert to_json(back) == data


def _reason(data: object) -> str:
    with pytest.raises(ValidationError) as caught:
        from_json(data)
    return caught.value.message_vi


def test_unknown_kind_is_refused_in_vietnamese():
    assert "không được hỗ trợ" in _reason({"kind": "delete_everything", "op_id": new_id()})
    assert "không được hỗ trợ" in _reason({"op_id": new_id()})
    assert "đối tượng JSON" in _reason(["register_incoming"])


def test_bad_fields_are_refused_in_vietnamese():
    good = to_json(ONE_OF_EACH[0])
    assert "thiếu trường “document_id”" in _reason({k: v for k, v in good.items() if k != "document_id"})
    assert "trường lạ “owner”" in _reason({**good, "owner": "x"})
    assert "mã định danh" in _reason({**good, "op_id": "not-a-uuid"})
    assert "ngày" in _reason({**good, "arrival_date": "03/03/2026"})
    assert "số nguyên" in _reason({**good, "requested_number": "5"})
    assert "số nguyên" in _reason({**good, "requested_number": True})
    assert "đúng/sai" in _reason({**good, "allow_duplicate": "yes"})
    assert "danh sách" in _reason({**good, "files": {"digest": "x"}})
    assert "mã băm" in _reason({**good, "files": [{**good["files"][0], "digest": "abc"}]})
    assert "trường văn bản lạ" in _reason({**good, "fields": {**good["fields"], "register_number": 1}})
    assert "ngày" in _reason({**good, "fields": {**good["fields"], "issued_date": "2026-02-30"}})
    assert "thiếu trường “subject”" in _reason({**good, "fields": {"type_name": "Công văn"}})
    direct = to_json(ONE_OF_EACH[1])
    assert "mã định danh" in _reason({**direct, "lines": [{**direct["lines"][0], "line_id": 7}]})
