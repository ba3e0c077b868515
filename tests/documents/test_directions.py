"""The direction (bút phê) state machine, per recipient line."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.audit.chain import history, verify_chain
from eoffice.directory.admin import create_unit, create_user
from eoffice.directory.models import Holiday, Role
from eoffice.documents import directions as dirs
from eoffice.documents.directions import LineSpec
from eoffice.documents.models import Document
from eoffice.documents.types import DocState, LineRole, LineState
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError

from .workflow_helpers import plain, register

TODAY = date(2026, 3, 3)  # a Tuesday
LEAD, COORD, INFORM = LineRole.LEAD, LineRole.COORDINATE, LineRole.INFORM


@pytest.fixture
def doc_id(world, blobs, pdf_factory):  # type: ignore[no-untyped-def]
    return register(world, blobs, pdf_factory)


def _direct(world, doc_id, specs, **kw):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        direction = dirs.direct(s, world.leader_id, doc_id, "Giao VP chủ trì, TC phối hợp.", specs, today=TODAY, **kw)
        return direction.id


def _lines(world, doc_id):  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        return {(ln.unit_id or ln.user_id, ln.role): plain(ln) for ln in dirs.lines_of(s, doc_id)}


def _doc(world, doc_id):  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        return plain(doc)


def _act(world, fn, actor, *args, **kw):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        return fn(s, actor, *args, **kw)


def test_direct_creates_lines_and_sets_the_due_date_in_working_days(world, doc_id):
    with world.store.write() as s:
        s.add(Holiday(day=date(2026, 3, 6), name="Nghỉ bù"))
    _direct(
        world,
        doc_id,
        [
            LineSpec(LEAD, unit_id=world.office_unit_id, deadline_days=3),
            LineSpec(COORD, unit_id=world.finance_unit_id, deadline_days=5),
            LineSpec(INFORM, user_id=world.officer2_id),
        ],
    )
    lines = _lines(world, doc_id)
    lead = lines[(world.office_unit_id, "lead")]
    # Wed 4, Thu 5, (Fri 6 off), Mon 9.
    assert lead.deadline == date(2026, 3, 9)
    assert lines[(world.finance_unit_id, "coordinate")].deadline == date(2026, 3, 11)
    assert lines[(world.officer2_id, "inform")].deadline is None
    assert all(ln.state == LineState.WAITING.value for ln in lines.values())
    doc = _doc(world, doc_id)
    assert doc.state == DocState.DIRECTED.value
    assert doc.due_date == date(2026, 3, 9)  # the latest lead deadline, not the coordinating one
    with world.store.read() as s:
        [direction] = dirs.directions_of(s, doc_id)
        assert direction.text == "Giao VP chủ trì, TC phối hợp."
        actions = [e.action for e in history(s, "document", doc_id)]
        assert "document.direct" in actions and "document.state" in actions
        assert verify_chain(s) == []


def test_a_document_with_its_own_due_date_keeps_it(world, blobs, pdf_factory):
    doc_id = register(world, blobs, pdf_factory, due_date=date(2026, 3, 31))
    _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id, deadline_days=3)])
    assert _doc(world, doc_id).due_date == date(2026, 3, 31)


def test_only_a_leader_directs_and_a_lead_is_required(world, doc_id):
    with pytest.raises(PermissionDenied) as err, world.store.write() as s:
        dirs.direct(s, world.officer_id, doc_id, "", [LineSpec(LEAD, unit_id=world.office_unit_id)], today=TODAY)
    assert "lãnh đạo" in err.value.message_vi
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        dirs.direct(s, world.leader_id, doc_id, "", [LineSpec(COORD, unit_id=world.office_unit_id)], today=TODAY)
    assert "chủ trì" in err.value.message_vi
    assert _doc(world, doc_id).state == DocState.REGISTERED.value
    assert _lines(world, doc_id) == {}


@pytest.mark.parametrize(
    "make_spec",
    [
        lambda w: LineSpec(LEAD),  # neither unit nor user
        lambda w: LineSpec(LEAD, unit_id=w.office_unit_id, user_id=w.officer_id),  # both
        lambda w: LineSpec(LEAD, unit_id="no-such-unit"),
        lambda w: LineSpec(LEAD, user_id="no-such-user"),
        lambda w: LineSpec(LEAD, user_id=w.officer_id, deadline=date(2026, 3, 10), deadline_days=2),
        lambda w: LineSpec(LEAD, unit_id=w.office_unit_id, deadline=date(2026, 3, 2)),  # in the past
        lambda w: LineSpec(LEAD, unit_id=w.office_unit_id, deadline_days=-1),
    ],
    ids=["no-target", "two-targets", "unknown-unit", "unknown-user", "two-deadlines", "past", "negative"],
)
def test_bad_lines_are_refused(world, doc_id, make_spec):
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        dirs.direct(s, world.leader_id, doc_id, "", [make_spec(world)], today=TODAY)
    assert err.value.message_vi and err.value.message_vi != err.value.message_en
    assert _lines(world, doc_id) == {}
    assert _doc(world, doc_id).state == DocState.REGISTERED.value


def test_the_same_recipient_twice_is_refused(world, doc_id):
    with pytest.raises(ValidationError), world.store.write() as s:
        dirs.direct(
            s, world.leader_id, doc_id, "",
            [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(COORD, unit_id=world.office_unit_id)],
            today=TODAY,
        )


def test_the_lead_line_done_completes_the_document_and_closes_the_others(world, doc_id):
    _direct(
        world,
        doc_id,
        [
            LineSpec(LEAD, unit_id=world.office_unit_id, deadline_days=5),
            LineSpec(COORD, user_id=world.officer2_id, deadline_days=5),
            LineSpec(COORD, unit_id=world.finance_unit_id, deadline_days=5),
            LineSpec(INFORM, user_id=world.officer_id),
        ],
    )
    lines = _lines(world, doc_id)
    vp_lead = lines[(world.office_unit_id, "lead")]
    person_coord = lines[(world.officer2_id, "coordinate")]

    # A line can be completed straight from waiting; a coordinating line done leaves the document open.
    _act(world, dirs.complete_line, world.officer2_id, person_coord.id, "Đã góp ý.")
    assert _doc(world, doc_id).state == DocState.DIRECTED.value  # the lead still open

    # Anyone of the unit acts on a unit line.
    started = _act(world, dirs.start_line, world.officer_id, vp_lead.id)
    assert started.state == LineState.IN_PROGRESS.value
    _act(world, dirs.complete_line, world.officer_id, vp_lead.id, "Đã xong phần VP.")
    doc = _doc(world, doc_id)
    assert doc.state == DocState.DONE.value
    assert doc.completed_at is not None
    after = _lines(world, doc_id)
    assert {ln.state for ln in after.values()} == {LineState.DONE.value}
    assert after[(world.office_unit_id, "lead")].result_note == "Đã xong phần VP."
    assert after[(world.finance_unit_id, "coordinate")].completed_at is not None
    with world.store.read() as s:
        assert [e.action for e in history(s, "direction_line", person_coord.id)] == ["direction_line.complete"]
        assert "document.complete" in [e.action for e in history(s, "document", doc_id)]

    # A done document is not directed again.
    with pytest.raises(StateError), world.store.write() as s:
        dirs.direct(s, world.leader_id, doc_id, "", [LineSpec(LEAD, unit_id=world.office_unit_id)], today=TODAY)


def test_completing_a_coordinating_line_does_not_complete_the_document(world, doc_id):
    _direct(
        world,
        doc_id,
        [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(COORD, unit_id=world.finance_unit_id)],
    )
    coord = _lines(world, doc_id)[(world.finance_unit_id, "coordinate")]
    _act(world, dirs.complete_line, world.officer2_id, coord.id, "Đã góp ý.")
    assert _doc(world, doc_id).state == DocState.DIRECTED.value


def test_the_wrong_person_is_refused(world, doc_id):
    _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(COORD, user_id=world.officer_id)])
    lines = _lines(world, doc_id)
    for line in lines.values():
        for fn, args in ((dirs.start_line, ()), (dirs.complete_line, ()), (dirs.return_line, ("Không đúng",))):
            with pytest.raises(PermissionDenied) as err, world.store.write() as s:
                fn(s, world.officer2_id, line.id, *args)  # officer2 is in TC
            assert "không phải" in err.value.message_vi.lower()
    # The clerk of the same unit is in VP: he may act on the VP unit line but not on the officer's own.
    with pytest.raises(PermissionDenied), world.store.write() as s:
        dirs.start_line(s, world.clerk_id, lines[(world.officer_id, "coordinate")].id)
    # A leader of the organisation may act on any line.
    _act(world, dirs.start_line, world.leader_id, lines[(world.officer_id, "coordinate")].id)
    assert {ln.state for ln in _lines(world, doc_id).values()} == {"waiting", "in_progress"}


def test_invalid_transitions_raise_state_errors(world, doc_id):
    _direct(
        world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(COORD, unit_id=world.finance_unit_id)]
    )
    lines = _lines(world, doc_id)
    vp = lines[(world.office_unit_id, "lead")].id
    tc = lines[(world.finance_unit_id, "coordinate")].id
    _act(world, dirs.return_line, world.officer2_id, tc, "Không thuộc chức năng của phòng.")
    with pytest.raises(StateError), world.store.write() as s:
        dirs.complete_line(s, world.officer2_id, tc)
    _act(world, dirs.start_line, world.officer_id, vp)
    with pytest.raises(StateError) as err, world.store.write() as s:
        dirs.start_line(s, world.officer_id, vp)  # already in progress
    assert "đang xử lý" in err.value.message_vi
    _act(world, dirs.complete_line, world.officer_id, vp)
    for fn, args in (
        (dirs.start_line, ()),
        (dirs.complete_line, ()),
        (dirs.return_line, ("lý do",)),
        (dirs.forward_line, ([LineSpec(LEAD, user_id=world.officer_id)],)),
    ):
        with pytest.raises(StateError), world.store.write() as s:
            fn(s, world.officer_id, vp, *args)
    with pytest.raises(NotFound), world.store.write() as s:
        dirs.start_line(s, world.officer_id, "no-such-line")


def test_return_needs_a_reason_and_sends_the_document_back_for_a_new_direction(world, doc_id):
    _direct(
        world, doc_id,
        [LineSpec(LEAD, unit_id=world.finance_unit_id, deadline_days=2), LineSpec(COORD, unit_id=world.office_unit_id)],
    )
    lead = _lines(world, doc_id)[(world.finance_unit_id, "lead")]
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as err, world.store.write() as s:
            dirs.return_line(s, world.officer2_id, lead.id, blank)
        assert err.value.message_vi == "Cần ghi lý do trả lại."
    assert _lines(world, doc_id)[(world.finance_unit_id, "lead")].state == LineState.WAITING.value

    returned = _act(world, dirs.return_line, world.officer2_id, lead.id, "Không thuộc chức năng của phòng.")
    assert returned.state == LineState.RETURNED.value
    assert returned.return_reason == "Không thuộc chức năng của phòng."
    assert _doc(world, doc_id).state == DocState.REGISTERED.value

    # The leader directs again; the new lead finishing completes the document and the
    # coordinating line of the first direction closes with it.
    _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer_id, deadline_days=2)])
    assert _doc(world, doc_id).state == DocState.DIRECTED.value
    new_lead = _lines(world, doc_id)[(world.officer_id, "lead")]
    _act(world, dirs.complete_line, world.officer_id, new_lead.id)
    assert _doc(world, doc_id).state == DocState.DONE.value
    final = _lines(world, doc_id)
    assert final[(world.office_unit_id, "coordinate")].state == LineState.DONE.value
    assert final[(world.finance_unit_id, "lead")].state == LineState.RETURNED.value
    with world.store.read() as s:
        assert len(dirs.directions_of(s, doc_id)) == 2


def test_a_coordinating_line_returned_while_the_lead_works_keeps_the_document_directed(world, doc_id):
    _direct(
        world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(COORD, unit_id=world.finance_unit_id)]
    )
    lines = _lines(world, doc_id)
    _act(world, dirs.return_line, world.officer2_id, lines[(world.finance_unit_id, "coordinate")].id, "Sai đơn vị.")
    assert _doc(world, doc_id).state == DocState.DIRECTED.value
    _act(world, dirs.complete_line, world.officer_id, lines[(world.office_unit_id, "lead")].id)
    assert _doc(world, doc_id).state == DocState.DONE.value


def test_one_direction_names_one_lead(world, doc_id):
    """Two chủ trì in one bút phê: refused, nothing written; the others are named phối hợp."""
    with pytest.raises(ValidationError) as err:
        _direct(
            world, doc_id,
            [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(LEAD, user_id=world.officer2_id),
             LineSpec(COORD, unit_id=world.finance_unit_id)],
        )
    assert err.value.field == "lines"
    assert err.value.message_vi == (
        "Mỗi văn bản chỉ có một đơn vị/người chủ trì; hãy chọn phối hợp cho những người còn lại."
    )
    assert _lines(world, doc_id) == {}
    assert _doc(world, doc_id).state == DocState.REGISTERED.value
    with pytest.raises(ValidationError):  # replacing the lead does not let two in either
        _direct(
            world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(LEAD, user_id=world.officer2_id)],
            replace_lead=True,
        )
    _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id), LineSpec(COORD, user_id=world.officer2_id)])
    assert set(_lines(world, doc_id)) == {(world.office_unit_id, "lead"), (world.officer2_id, "coordinate")}


@pytest.fixture
def subunits(world):  # type: ignore[no-untyped-def]
    """VP has a sub-unit TH (Phòng Tổng hợp) with one officer; TC has none."""
    with world.store.write() as s:
        th = create_unit(s, world.org_id, "TH", "Phòng Tổng hợp", parent_id=world.office_unit_id)
        th_officer = create_user(s, "tonghop", "Vũ Thị Lan", world.org_id, {Role.OFFICER}, th.id, "Chuyên viên")
        return th.id, th_officer.id


def test_forward_down_the_tree_and_complete_from_below(world, doc_id, subunits):
    th_unit, th_officer = subunits
    _direct(
        world, doc_id,
        [
            LineSpec(LEAD, unit_id=world.office_unit_id, deadline_days=5),
            LineSpec(INFORM, unit_id=world.finance_unit_id),
        ],
    )
    vp = _lines(world, doc_id)[(world.office_unit_id, "lead")]

    # Not down the tree: a sibling unit, a person of another unit, the same unit.
    for bad in (
        LineSpec(LEAD, unit_id=world.finance_unit_id),
        LineSpec(LEAD, user_id=world.officer2_id),
        LineSpec(LEAD, unit_id=world.office_unit_id),
    ):
        with pytest.raises(ValidationError), world.store.write() as s:
            dirs.forward_line(s, world.officer_id, vp.id, [bad], today=TODAY)
    with pytest.raises(ValidationError) as err, world.store.write() as s:  # a lead line needs a lead child
        dirs.forward_line(s, world.officer_id, vp.id, [LineSpec(INFORM, unit_id=th_unit)], today=TODAY)
    assert "chủ trì" in err.value.message_vi
    with pytest.raises(PermissionDenied), world.store.write() as s:  # not the holder
        dirs.forward_line(s, world.officer2_id, vp.id, [LineSpec(LEAD, unit_id=th_unit)], today=TODAY)

    children = _act(
        world, dirs.forward_line, world.officer_id, vp.id,
        [LineSpec(LEAD, unit_id=th_unit), LineSpec(COORD, user_id=world.officer_id, deadline_days=2)],
        today=TODAY,
    )
    assert {c.parent_line_id for c in children} == {vp.id}
    lines = _lines(world, doc_id)
    assert lines[(world.office_unit_id, "lead")].state == LineState.FORWARDED.value
    th_line = lines[(th_unit, "lead")]
    assert th_line.deadline == vp.deadline  # inherited
    with pytest.raises(StateError), world.store.write() as s:  # the forwarded line waits for its children
        dirs.complete_line(s, world.officer_id, vp.id)

    # Further down: the TH unit passes it to its officer.
    [person] = _act(world, dirs.forward_line, th_officer, th_line.id, [LineSpec(LEAD, user_id=th_officer)], today=TODAY)
    _act(world, dirs.complete_line, th_officer, person.id, "Đã tham mưu văn bản trả lời.")

    doc = _doc(world, doc_id)
    assert doc.state == DocState.DONE.value
    final = _lines(world, doc_id)
    assert final[(th_unit, "lead")].state == LineState.DONE.value
    assert final[(world.office_unit_id, "lead")].state == LineState.DONE.value
    assert final[(world.officer_id, "coordinate")].state == LineState.DONE.value
    assert final[(world.finance_unit_id, "inform")].state == LineState.DONE.value
    with world.store.read() as s:  # parents before their children
        order = [ln.id for ln in dirs.lines_of(s, doc_id)]
        assert order.index(vp.id) < order.index(th_line.id) < order.index(person.id)


def test_a_forwarded_line_returned_from_below_comes_back_to_its_holder(world, doc_id, subunits):
    th_unit, th_officer = subunits
    _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id)])
    vp = _lines(world, doc_id)[(world.office_unit_id, "lead")]
    [child] = _act(world, dirs.forward_line, world.officer_id, vp.id, [LineSpec(LEAD, unit_id=th_unit)], today=TODAY)
    _act(world, dirs.return_line, th_officer, child.id, "Phòng đang thiếu người.")
    lines = _lines(world, doc_id)
    assert lines[(world.office_unit_id, "lead")].state == LineState.IN_PROGRESS.value
    assert _doc(world, doc_id).state == DocState.DIRECTED.value
    _act(world, dirs.complete_line, world.officer_id, vp.id, "VP tự xử lý.")
    assert _doc(world, doc_id).state == DocState.DONE.value


def test_return_document_to_its_sender(world, doc_id):
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        dirs.return_document(s, world.clerk_id, doc_id, " ")
    assert "lý do" in err.value.message_vi
    with pytest.raises(PermissionDenied), world.store.write() as s:
        dirs.return_document(s, world.officer_id, doc_id, "Gửi nhầm")
    doc = _act(world, dirs.return_document, world.clerk_id, doc_id, "Gửi nhầm cơ quan.")
    assert doc.state == DocState.RETURNED.value
    assert _doc(world, doc_id).return_reason == "Gửi nhầm cơ quan."
    with pytest.raises(StateError), world.store.write() as s:
        dirs.direct(s, world.leader_id, doc_id, "", [LineSpec(LEAD, unit_id=world.office_unit_id)], today=TODAY)
    with world.store.read() as s:
        assert [e.action for e in history(s, "document", doc_id)][-1] == "document.return"


def test_a_directed_document_is_not_returned_to_its_sender(world, doc_id):
    _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id)])
    with pytest.raises(StateError), world.store.write() as s:
        dirs.return_document(s, world.leader_id, doc_id, "Gửi nhầm.")


def test_the_last_two_leads_completed_at_once_complete_the_document(world, blobs, pdf_factory):
    """Two holders finishing at the same moment: one of them must see the other's line done.

    The document has one lead (VP); VP forwards it to two people who lead it together."""
    import threading

    doc_ids = [register(world, blobs, pdf_factory) for _ in range(3)]
    for doc_id in doc_ids:
        _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id)])
        vp = _lines(world, doc_id)[(world.office_unit_id, "lead")]
        _act(world, dirs.forward_line, world.officer_id, vp.id,
             [LineSpec(LEAD, user_id=world.officer_id), LineSpec(LEAD, user_id=world.clerk_id)], today=TODAY)
    for doc_id in doc_ids:
        lines = _lines(world, doc_id)
        jobs = [(world.officer_id, lines[(world.officer_id, "lead")].id),
                (world.clerk_id, lines[(world.clerk_id, "lead")].id)]
        barrier = threading.Barrier(len(jobs))
        errors: list[BaseException] = []

        def run(
            actor: str, line_id: str, barrier: threading.Barrier = barrier, errors: list[BaseException] = errors
        ) -> None:
            try:
                barrier.wait()
                with world.store.write() as s:
                    dirs.complete_line(s, actor, line_id, "Xong.")
            except BaseException as exc:  # noqa: BLE001 - a thread's failure, whatever it is, is asserted below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=job) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert _doc(world, doc_id).state == DocState.DONE.value
