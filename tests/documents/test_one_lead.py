"""One lead (chủ trì) per document: a second direction does not add another one by accident."""

from __future__ import annotations

import pytest

from eoffice.documents import directions as dirs
from eoffice.documents.directions import LineSpec
from eoffice.documents.types import DocState, LineRole, LineState
from eoffice.errors import ValidationError

from .test_directions import TODAY, _act, _direct, _doc, _lines, doc_id  # noqa: F401  (fixture)

LEAD, COORD = LineRole.LEAD, LineRole.COORDINATE


def test_a_second_direction_cannot_add_a_second_lead(world, doc_id):  # noqa: F811
    _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer_id)])
    with pytest.raises(ValidationError) as err:
        _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer2_id)])
    assert err.value.field == "lines"
    assert "đã có chủ trì" in err.value.message_vi and "Thay người chủ trì" in err.value.message_vi
    assert [ln.role for ln in _lines(world, doc_id).values()] == ["lead"]
    # Adding a coordinating unit later is fine: no lead needed while one is open.
    _direct(world, doc_id, [LineSpec(COORD, unit_id=world.finance_unit_id)])
    assert {key[1] for key in _lines(world, doc_id)} == {"lead", "coordinate"}


def test_the_leader_replaces_the_lead_explicitly(world, doc_id):  # noqa: F811
    _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer_id)])
    old = _lines(world, doc_id)[(world.officer_id, "lead")]
    _act(world, dirs.start_line, world.officer_id, old.id)
    _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer2_id)], replace_lead=True)
    lines = _lines(world, doc_id)
    assert lines[(world.officer_id, "lead")].state == LineState.RETURNED.value
    assert lines[(world.officer_id, "lead")].return_reason == dirs.REPLACED_REASON
    new = lines[(world.officer2_id, "lead")]
    assert new.state == LineState.WAITING.value
    assert _doc(world, doc_id).state == DocState.DIRECTED.value
    _act(world, dirs.complete_line, world.officer2_id, new.id, "Xong.")
    assert _doc(world, doc_id).state == DocState.DONE.value


def test_replacing_needs_a_new_lead(world, doc_id):  # noqa: F811
    _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer_id)])
    with pytest.raises(ValidationError) as err:
        _direct(world, doc_id, [LineSpec(COORD, unit_id=world.finance_unit_id)], replace_lead=True)
    assert "chủ trì mới" in err.value.message_vi
