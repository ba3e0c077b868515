"""The audit chain: every change and opening is recorded, and any edit of history is caught."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select, text

from eoffice.audit.chain import GENESIS, record, verify_chain, history
from eoffice.audit.models import AuditEvent
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import open_document, prepare_files, register_incoming
from eoffice.store import Store


def _register(world, blobs, pdf_factory, subject: str, code_number: str) -> str:
    files = prepare_files([pdf_factory(subject)], blobs)
    with world.store.write() as s:
        doc = register_incoming(
            s,
            world.clerk_id,
            DocumentFields(
                type_name="Công văn",
                subject=subject,
                organ_name="Sở Nội vụ",
                organ_id="000.00.12.H41",
                code_number=code_number,
                code_notation="SNV-VP",
                issued_date=date(2026, 3, 1),
            ),
            files,
            arrival_date=date(2026, 3, 2),
        )
        return doc.id


@pytest.fixture
def documents(world, blobs, pdf_factory) -> list[str]:
    return [
        _register(world, blobs, pdf_factory, f"Về việc chuyển đổi số đợt {n}", f"{n:02d}")
        for n in range(1, 4)
    ]


def _events(store: Store) -> list[AuditEvent]:
    with store.read() as s:
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        s.expunge_all()  # keep them readable after the session closes
        return events


def test_registration_and_opening_are_recorded(world, documents):
    registered = [e for e in _events(world.store) if e.action == "document.register_incoming"]
    assert [e.target_id for e in registered] == documents
    assert all(e.actor_id == world.clerk_id and e.target_type == "document" for e in registered)
    assert '"arrival_number":1' in registered[0].after_json

    with world.store.write() as s:
        open_document(s, world.officer_id, documents[1])
    last = _events(world.store)[-1]
    assert (last.action, last.actor_id, last.target_id) == ("document.open", world.officer_id, documents[1])


def test_history_lists_a_documents_events_oldest_first(world, documents):
    with world.store.write() as s:
        open_document(s, world.officer_id, documents[0])
        open_document(s, world.leader_id, documents[0])
        open_document(s, world.leader_id, documents[2])
    with world.store.read() as s:
        events = history(s, "document", documents[0])
        assert [e.action for e in events] == ["document.register_incoming", "document.open", "document.open"]
        assert [e.actor_id for e in events] == [world.clerk_id, world.officer_id, world.leader_id]
        assert [e.seq for e in events] == sorted(e.seq for e in events)


def test_untouched_chain_verifies(world, documents):
    with world.store.read() as s:
        assert verify_chain(s) == []
        # Small batches walk the same chain across batch boundaries.
        assert verify_chain(s, batch=2) == []
    assert _events(world.store)[0].prev_hash == GENESIS


def test_edited_content_is_reported_as_hash(world, documents):
    target = next(e for e in _events(world.store) if e.target_id == documents[1])
    with world.store.write() as s:
        s.execute(
            text("UPDATE audit_events SET after_json = :j WHERE seq = :seq"),
            {"j": target.after_json.replace("đợt 2", "đợt 9"), "seq": target.seq},
        )
    with world.store.read() as s:
        problems = verify_chain(s)
    assert [(p.seq, p.problem) for p in problems] == [(target.seq, "hash")]


def test_edited_actor_is_reported(world, documents):
    target = next(e for e in _events(world.store) if e.target_id == documents[0])
    with world.store.write() as s:
        s.execute(
            text("UPDATE audit_events SET actor_id = :a WHERE seq = :seq"), {"a": world.admin_id, "seq": target.seq}
        )
    with world.store.read() as s:
        assert [(p.seq, p.problem) for p in verify_chain(s)] == [(target.seq, "hash")]


def test_deleted_middle_event_is_reported_as_link(world, documents):
    events = _events(world.store)
    middle = events[len(events) // 2]
    with world.store.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq = :seq"), {"seq": middle.seq})
    with world.store.read() as s:
        problems = verify_chain(s)
    assert [(p.seq, p.problem) for p in problems] == [(middle.seq + 1, "link")]


def test_changed_prev_hash_is_reported(world, documents):
    events = _events(world.store)
    victim = events[3]
    with world.store.write() as s:
        s.execute(text("UPDATE audit_events SET prev_hash = :h WHERE seq = :seq"), {"h": "f" * 64, "seq": victim.seq})
    with world.store.read() as s:
        problems = {(p.seq, p.problem) for p in verify_chain(s)}
    assert problems == {(victim.seq, "link"), (victim.seq, "hash")}


def test_rewritten_event_with_recomputed_hash_breaks_the_next_link(world, documents):
    """A forger who also recomputes the edited event's hash still breaks the chain after it."""
    import hashlib

    events = _events(world.store)
    victim = events[2]
    with world.store.write() as s:
        s.execute(text("UPDATE audit_events SET action = 'x', hash = :h WHERE seq = :seq"),
                  {"h": hashlib.sha256(b"forged").hexdigest(), "seq": victim.seq})
    with world.store.read() as s:
        problems = [(p.seq, p.problem) for p in verify_chain(s)]
    assert (victim.seq + 1, "link") in problems


def test_verify_leaves_the_callers_session_alone(world, documents):
    with world.store.write() as s:
        doc_event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert verify_chain(s) == []
        assert doc_event in s  # not expunged
        assert not s.dirty


def test_events_after_a_rolled_back_savepoint_link_to_what_stayed(store):
    """An operation writes several events in one transaction; one refused in its
    savepoint takes its events back, and the next event links to the last one kept."""
    with store.write() as s:
        first = record(s, actor_id=None, action="test.kept", target_type="t", target_id="1")
        second = record(s, actor_id=None, action="test.kept", target_type="t", target_id="2")
        assert (second.seq, second.prev_hash) == (first.seq + 1, first.hash)
        savepoint = s.begin_nested()
        record(s, actor_id=None, action="test.refused", target_type="t", target_id="3")
        savepoint.rollback()
        third = record(s, actor_id=None, action="test.kept", target_type="t", target_id="4")
        assert (third.seq, third.prev_hash) == (second.seq + 1, second.hash)
        with s.begin_nested():
            fourth = record(s, actor_id=None, action="test.kept", target_type="t", target_id="5")
        assert (fourth.seq, fourth.prev_hash) == (third.seq + 1, third.hash)
    with store.write() as s:
        fifth = record(s, actor_id=None, action="test.kept", target_type="t", target_id="6")
        assert fifth.prev_hash == fourth.hash
        assert verify_chain(s) == []
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "test.refused")) == 0


def test_concurrent_writers_keep_one_valid_chain(store):
    threads_n, per_thread = 6, 15
    errors: list[BaseException] = []
    start = threading.Barrier(threads_n)

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with store.write() as s:
                    record(
                        s, actor_id=None, action="test.event", target_type="thread", target_id=str(n), after={"i": i}
                    )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == threads_n * per_thread
        assert s.scalar(select(func.max(AuditEvent.seq))) == threads_n * per_thread
        assert verify_chain(s) == []
        for n in range(threads_n):
            assert [e.after_json for e in history(s, "thread", str(n))] == [f'{{"i":{i}}}' for i in range(per_thread)]


@pytest.mark.postgres
def test_chain_verifies_whatever_the_postgres_session_time_zone(pg_store):
    """PostgreSQL hands times back in the session's zone; the hash must not depend on it."""
    store = pg_store
    url = sa.engine.make_url(store.url)
    zones = ("Asia/Ho_Chi_Minh", "America/New_York")
    for zone in zones:
        local = Store(url.update_query_dict({"options": f"-c TimeZone={zone}"}).render_as_string(hide_password=False))
        try:
            with local.write() as s:
                assert s.execute(text("SHOW TimeZone")).scalar() == zone
                record(s, actor_id=None, action="test.event", target_type="zone", target_id=zone)
            with local.read() as s:
                assert verify_chain(s) == []
        finally:
            local.dispose()
    with store.read() as s:
        assert verify_chain(s) == []
        assert [e.action for e in history(s, "zone", zones[0])] == ["test.event"]


# ----------------------------------------------------------------- history pane sentences


def _event(action: str, after: dict | None = None) -> AuditEvent:
    import json

    return AuditEvent(action=action, after_json=json.dumps(after, ensure_ascii=False) if after else "")


@pytest.mark.parametrize(
    ("action", "after", "expected"),
    [
        ("document.register_incoming", {"arrival_number": 7}, "Vào sổ văn bản đến (số đến 07)"),
        ("document.open", None, "Mở xem văn bản"),
        ("document.direct", {"text": "Giao Văn phòng chủ trì"}, "Bút phê: Giao Văn phòng chủ trì"),
        ("document.direct", {"text": ""}, "Bút phê"),
        ("line.start", None, "Bắt đầu xử lý"),
        ("direction_line.start", None, "Bắt đầu xử lý"),
        ("line.complete", None, "Hoàn thành"),
        ("direction_line.return", {"return_reason": "Không thuộc thẩm quyền"}, "Trả lại: Không thuộc thẩm quyền"),
        ("line.return", {"return_reason": "Sai đơn vị"}, "Trả lại: Sai đơn vị"),
        ("line.forward", None, "Chuyển xử lý"),
        ("document.return", {"return_reason": "Gửi nhầm cơ quan"}, "Trả lại văn bản: Gửi nhầm cơ quan"),
        ("draft.create", None, "Tạo dự thảo"),
        ("draft.update", None, "Sửa dự thảo"),
        ("draft.submit", None, "Trình ký"),
        ("draft.approve", None, "Duyệt"),
        ("draft.return", {"review_comment": "Sửa lại căn cứ"}, "Trả lại dự thảo: Sửa lại căn cứ"),
        ("document.issue", {"code_number": "12", "code_notation": "QĐ-UBND"}, "Cấp số và ban hành số 12/QĐ-UBND"),
        ("document.issue", None, "Cấp số và ban hành"),
        ("document.deliver", None, "Gửi văn bản đến nơi nhận"),
        ("something.new", {"x": 1}, "something.new"),
    ],
)
def test_describe_gives_a_vietnamese_sentence(action, after, expected):
    from eoffice.audit.report import describe

    assert describe(_event(action, after)) == expected


def test_describe_survives_odd_payloads():
    from eoffice.audit.report import describe

    assert describe(AuditEvent(action="line.return", after_json="not json")) == "Trả lại"
    assert describe(AuditEvent(action="document.register_incoming", after_json="[1, 2]")) == "Vào sổ văn bản đến"


def test_document_history_includes_its_lines(world, documents):
    from eoffice.audit.report import describe
    from eoffice.documents.history import document_history
    from eoffice.documents.directions import LineSpec, direct, return_line
    from eoffice.documents.models import DirectionLine
    from eoffice.documents.types import LineRole

    with world.store.write() as s:
        direct(
            s, world.leader_id, documents[0], "Văn phòng chủ trì xử lý",
            [LineSpec(LineRole.LEAD, user_id=world.officer_id, deadline_days=5)],
        )
    with world.store.write() as s:
        line = s.scalars(select(DirectionLine).where(DirectionLine.document_id == documents[0])).one()
        return_line(s, world.officer_id, line.id, "Không thuộc chức năng của phòng")
    with world.store.read() as s:
        sentences = [describe(e) for e in document_history(s, documents[0])]
        assert sentences[0] == "Vào sổ văn bản đến (số đến 01)"
        assert "Bút phê: Văn phòng chủ trì xử lý" in sentences
        assert "Trả lại: Không thuộc chức năng của phòng" in sentences
        assert sentences.index("Bút phê: Văn phòng chủ trì xử lý") < sentences.index(
            "Trả lại: Không thuộc chức năng của phòng"
        )
        # Other documents' events stay out.
        assert all(e.target_id != documents[1] for e in document_history(s, documents[0]))


def test_every_action_reads_in_english_too(world, documents):
    """The English UI's history: each action the Vietnamese names has its English sentence,
    and a document's whole timeline carries no Vietnamese of ours (only its own data)."""
    import unicodedata

    from eoffice.audit.report import LABELS_EN, LABELS_VI, describe
    from eoffice.documents.directions import LineSpec, direct
    from eoffice.documents.history import document_timeline
    from eoffice.documents.types import LineRole

    assert set(LABELS_EN) == set(LABELS_VI)
    assert describe(_event("document.register_incoming", {"arrival_number": 7}), "en") == (
        "Entered in the incoming register (arrival no. 07)"
    )
    with world.store.write() as s:
        direct(s, world.leader_id, documents[0], "", [LineSpec(LineRole.LEAD, user_id=world.officer_id)])
    with world.store.read() as s:
        english = document_timeline(s, documents[0], {}, {}, "en")
        vietnamese = document_timeline(s, documents[0], {}, {}, "vi")
    assert [e.text for e in english][:1] == ["Entered in the incoming register (arrival no. 01)"]
    assert [e.text for e in vietnamese][:1] == ["Vào sổ văn bản đến (số đến 01)"]
    for entry in english:
        assert not any(ord(c) > 127 and unicodedata.category(c).startswith("L") for c in entry.text), entry.text
