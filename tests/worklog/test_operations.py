"""The diary's operation kinds travel as JSON like the documents' ones, strictly checked."""

from __future__ import annotations

import json

import pytest

from eoffice import ops
from eoffice.errors import ValidationError
from eoffice.ops import registry
from eoffice.store.base import new_id
from eoffice.worklog import operations as wops

ONE_OF_EACH: list[ops.Operation] = [
    wops.AddEntry(op_id=new_id(), entry_id=new_id(), day="2026-03-02", text="Họp giao ban", category="meeting",
                  start_minute=510, end_minute=600, document_id=new_id(), source_key="handle:x:2026-03-02"),
    wops.UpdateEntry(op_id=new_id(), entry_id=new_id(), base_revision=new_id(), day="2026-03-02", text="Sửa",
                     minutes=30, result="Xong", recurring=True),
    wops.DeleteEntry(new_id(), new_id(), new_id()),
    wops.DropDraft(new_id(), new_id(), "2026-03-02", "document.issue:2026-03-02:101500000000"),
    wops.ResolveConflict(new_id(), new_id(), "copy"),
    wops.CopyEntries(new_id(), "2026-03-03", (new_id(), new_id()), (new_id(), new_id())),
    wops.CommentWeek(new_id(), new_id(), new_id(), "2026-03-02", "Cần ghi rõ kết quả.", new_id()),
    wops.ApproveWeek(new_id(), new_id(), "2026-03-02"),
    wops.ReopenWeek(new_id(), new_id(), "2026-03-02", "Bổ sung"),
]


def test_every_diary_kind_is_registered_and_covered_once():
    registered = [kind for kind, entry in registry.kinds().items() if entry.cls.__module__ == wops.__name__]
    assert sorted(op.kind for op in ONE_OF_EACH) == sorted(registered)


@pytest.mark.parametrize("op", ONE_OF_EACH, ids=lambda op: op.kind)
def test_round_trip_through_json_text(op):
    back = ops.from_json(json.loads(json.dumps(ops.to_json(op), ensure_ascii=False)))
    assert back == op and type(back) is type(op)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"entry_id": "not-a-uuid"}, "entry_id"),
        ({"day": "2026-02-30"}, "day"),
        ({"minutes": "30"}, "minutes"),
        ({"recurring": "yes"}, "recurring"),
        ({"surprise": 1}, None),
    ],
)
def test_malformed_diary_operations_are_refused(change, field):
    data = ops.to_json(ONE_OF_EACH[0]) | change
    with pytest.raises(ValidationError) as caught:
        ops.from_json(data)
    assert caught.value.message_vi.startswith("Thao tác không hợp lệ")
    if field:
        assert caught.value.field == field
