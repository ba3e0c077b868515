"""Bad input at registration: a clear Vietnamese message and nothing saved half-way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eoffice.audit.models import AuditEvent
from eoffice.documents.incoming import DuplicateWarning, prepare_files, register_incoming
from eoffice.documents.models import Document, DocumentFile, DocumentSearch, RegisterCounter
from eoffice.errors import DomainError, DuplicateError, InvalidFileError, NumberTakenError, ValidationError
from eoffice.store.sequences import Counter

from .workflow_helpers import incoming_fields

ARRIVAL = date(2026, 3, 3)


def db_state(store):  # type: ignore[no-untyped-def]
    """Everything a registration writes: rows counted, counters with their values."""
    with store.read() as s:
        counts = tuple(
            s.scalar(select(func.count()).select_from(model))
            for model in (Document, DocumentFile, DocumentSearch, AuditEvent)
        )
        registers = sorted(
            s.execute(select(RegisterCounter.register_id, RegisterCounter.year, RegisterCounter.last_number)).all()
        )
        counters = sorted(s.execute(select(Counter.name, Counter.value)).all())
        return counts, registers, counters


def blob_files(blobs) -> list[Path]:  # type: ignore[no-untyped-def]
    return sorted(p for p in Path(blobs.root).rglob("*") if p.is_file()) if Path(blobs.root).exists() else []


def assert_vietnamese(err: DomainError, *words: str) -> None:
    assert err.message_vi != err.message_en
    for word in words:
        assert word in err.message_vi, err.message_vi


@pytest.fixture
def registered(world, blobs, pdf_factory):  # type: ignore[no-untyped-def]
    """One document already in the register (số 05/SNV-VP of Sở Nội vụ), and the DB state after it."""
    files = prepare_files([pdf_factory()], blobs)
    with world.store.write() as s:
        register_incoming(
            s, world.clerk_id, incoming_fields(code_number="05"), files, arrival_date=ARRIVAL
        )
    return files, db_state(world.store)


# ----------------------------------------------------------------------------- files


def test_a_file_that_is_not_a_pdf(world, blobs, tmp_path):
    fake = tmp_path / "congvan.pdf"
    fake.write_bytes("Đây là một tệp văn bản, không phải PDF.\n".encode() * 50)
    with pytest.raises(InvalidFileError) as err:
        prepare_files([fake], blobs)
    assert_vietnamese(err.value, "congvan.pdf", "không phải là tệp PDF")
    assert blob_files(blobs) == []


def test_a_truncated_pdf(blobs, pdf_factory, tmp_path):
    data = pdf_factory().read_bytes()
    broken = tmp_path / "bi-cat.pdf"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidFileError) as err:
        prepare_files([broken], blobs)
    assert_vietnamese(err.value, "bi-cat.pdf", "bị hỏng")
    assert blob_files(blobs) == []


def test_an_encrypted_pdf(blobs, pdf_factory, tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(pdf_factory()))
    writer.encrypt(user_password="123456", owner_password="quantri")
    locked = tmp_path / "co-mat-khau.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(InvalidFileError) as err:
        prepare_files([locked], blobs)
    assert_vietnamese(err.value, "co-mat-khau.pdf", "mã hóa")
    assert blob_files(blobs) == []


def test_one_bad_attachment_stores_none_of_the_files(blobs, pdf_factory, tmp_path):
    empty = tmp_path / "phu-luc.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InvalidFileError):
        prepare_files([pdf_factory(), empty], blobs)
    assert blob_files(blobs) == []


def test_no_file_at_all(world, registered):
    _files, before = registered
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        register_incoming(s, world.clerk_id, incoming_fields(), [], arrival_date=ARRIVAL)
    assert_vietnamese(err.value, "PDF")
    assert db_state(world.store) == before


# ----------------------------------------------------------------------------- fields


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"subject": "Về việc " + "chuyển đổi số " * 40}, "subject", ("Trích yếu", "500")),
        ({"subject": "   "}, "subject", ("Trích yếu", "trống")),
        ({"code_notation": "QĐ UBND"}, "code_notation", ("khoảng trắng",)),
        ({"organ_id": "H41"}, "organ_id", ("Mã định danh",)),
        ({"organ_name": ""}, "organ_name", ("cơ quan ban hành",)),
        ({"type_name": "Thư tay"}, "type_name", ("Phụ lục III",)),
        ({"issued_date": None}, "issued_date", ("ngày ban hành",)),
        ({"due_date": date(2026, 3, 1)}, "due_date", ("Hạn xử lý",)),
        ({"page_amount": 0}, "page_amount", ("Số trang",)),
        ({"priority": "rất gấp"}, "priority", ("Độ khẩn",)),
    ],
    ids=["subject-501", "subject-blank", "notation-space", "organ-id", "no-organ", "type", "no-issued-date",
         "due-before-issued", "pages", "priority"],
)
def test_a_bad_field(world, registered, overrides, field, words):
    files, before = registered
    if field == "subject" and len(overrides["subject"]) > 500:
        assert len(overrides["subject"].strip()) > 500
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        register_incoming(
            s, world.clerk_id, incoming_fields(code_number="06", **overrides), files,
            arrival_date=ARRIVAL, allow_duplicate=True,
        )
    assert err.value.field == field
    assert_vietnamese(err.value, *words)
    assert db_state(world.store) == before


def test_arrival_before_issued_date(world, registered):
    files, before = registered
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        register_incoming(
            s, world.clerk_id, incoming_fields(code_number="06", issued_date=date(2026, 3, 10)), files,
            arrival_date=date(2026, 3, 9), allow_duplicate=True,
        )
    assert err.value.field == "arrival_date"
    assert_vietnamese(err.value, "Ngày đến", "trước ngày ban hành")
    assert db_state(world.store) == before


def test_arrival_date_in_the_future(world, registered):
    """A typo like 2062 would open a new register year at 01: refused."""
    files, before = registered
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        register_incoming(
            s, world.clerk_id, incoming_fields(code_number="06"), files,
            arrival_date=date(2062, 3, 9), allow_duplicate=True, today=date(2026, 3, 10),
        )
    assert err.value.field == "arrival_date"
    assert_vietnamese(err.value, "Ngày đến", "tương lai")
    assert db_state(world.store) == before


# ----------------------------------------------------------------------------- numbers and duplicates


def test_a_number_already_taken(world, registered, blobs, pdf_factory):
    _, before = registered
    other = prepare_files([pdf_factory()], blobs)
    with pytest.raises(NumberTakenError) as err, world.store.write() as s:
        register_incoming(
            s, world.clerk_id, incoming_fields(code_number="06"), other, arrival_date=ARRIVAL, requested_number=1
        )
    assert_vietnamese(err.value, "Số 01 đã được cấp", "02")
    assert db_state(world.store) == before
    with pytest.raises(ValidationError) as gap, world.store.write() as s:
        register_incoming(
            s, world.clerk_id, incoming_fields(code_number="06"), other, arrival_date=ARRIVAL, requested_number=4
        )
    assert_vietnamese(gap.value, "liên tục")
    assert db_state(world.store) == before


def test_duplicate_by_number_notation_and_organ(world, registered, blobs, pdf_factory):
    _, before = registered
    other_file = prepare_files([pdf_factory()], blobs)  # a different scan of the same document
    with pytest.raises(DuplicateWarning) as err, world.store.write() as s:
        register_incoming(s, world.clerk_id, incoming_fields(code_number="05"), other_file, arrival_date=ARRIVAL)
    assert isinstance(err.value, DuplicateError)
    assert_vietnamese(err.value, "đã được vào sổ", "05/SNV-VP", "số đến 01")
    assert len(err.value.duplicates) == 1
    assert db_state(world.store) == before
    # The same number from another organ is another document.
    with world.store.write() as s:
        doc = register_incoming(
            s, world.clerk_id, incoming_fields(code_number="05", organ_id="000.00.20.H41", organ_name="Sở Tài chính"),
            other_file, arrival_date=ARRIVAL,
        )
        assert doc.arrival_number == 2


def test_duplicate_by_file_digest(world, registered):
    files, before = registered
    with pytest.raises(DuplicateWarning) as err, world.store.write() as s:
        register_incoming(s, world.clerk_id, incoming_fields(code_number="77"), files, arrival_date=ARRIVAL)
    assert_vietnamese(err.value, "đã được vào sổ")
    assert db_state(world.store) == before
    # The clerk looked and decides it is a different document: it goes in with the next number.
    with world.store.write() as s:
        doc = register_incoming(
            s, world.clerk_id, incoming_fields(code_number="77"), files, arrival_date=ARRIVAL, allow_duplicate=True
        )
        assert doc.arrival_number == 2


def _second_clerk(world) -> str:  # type: ignore[no-untyped-def]
    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Role

    with world.store.write() as s:
        return create_user(
            s, "vanthu2", "Hoàng Văn Sơn", world.org_id, {Role.CLERK}, world.office_unit_id, "Văn thư"
        ).id


def test_a_duplicate_the_clerk_may_not_see_is_told_without_anything_of_it(world, blobs, pdf_factory):
    """A confidential document another clerk registered reaches only them (and the
    leaders): the warning says a document with that number is registered where this
    clerk may not read, and nothing of it — no number, số đến, subject or id."""
    other_clerk = _second_clerk(world)
    secret_file = prepare_files([pdf_factory("Phương án bảo vệ mục tiêu trọng điểm")], blobs)
    with world.store.write() as s:
        for _ in range(4):  # its số đến in the secret series is 04
            hidden = register_incoming(
                s, other_clerk, incoming_fields("Phương án bảo vệ mục tiêu trọng điểm", code_number="05",
                                                secrecy="confidential"),
                secret_file, arrival_date=ARRIVAL, allow_duplicate=True,
            )
        hidden_id = hidden.id
    before = db_state(world.store)
    words_of_it = ("05", "04", "SNV-VP", "mục tiêu", hidden_id)

    mine = prepare_files([pdf_factory("Công văn khác")], blobs)
    for fields, files in (
        (incoming_fields("Công văn khác", code_number="05"), mine),  # same số, ký hiệu, organ
        (incoming_fields("Công văn khác", code_number="88"), secret_file),  # the same file
    ):
        with pytest.raises(DuplicateWarning) as err, world.store.write() as s:
            register_incoming(s, world.clerk_id, fields, files, arrival_date=ARRIVAL)
        warning = err.value
        assert warning.duplicates == [] and warning.unseen
        assert warning.message_vi == (
            "Văn bản cùng số, ký hiệu và cơ quan ban hành (hoặc cùng tệp) đã được vào sổ, trong sổ mà bạn "
            "không được xem; hãy hỏi văn thư đã vào sổ văn bản đó hoặc lãnh đạo cơ quan."
        )
        assert "a register you may not read" in warning.message_en
        assert [w for w in words_of_it if w in warning.message_vi + warning.message_en] == []
        assert db_state(world.store) == before

    # The clerk who registered it is told which one it is.
    with pytest.raises(DuplicateWarning) as own, world.store.write() as s:
        register_incoming(s, other_clerk, incoming_fields(code_number="05"), mine, arrival_date=ARRIVAL)
    assert own.value.duplicates and not own.value.unseen
    assert_vietnamese(own.value, "05/SNV-VP", "số đến 01")

    # An ordinary duplicate beside it is named; the confidential one still only said to exist.
    with world.store.write() as s:
        register_incoming(s, world.clerk_id, incoming_fields(code_number="05"), mine, arrival_date=ARRIVAL,
                          allow_duplicate=True)
    with pytest.raises(DuplicateWarning) as both, world.store.write() as s:
        register_incoming(s, world.clerk_id, incoming_fields(code_number="05"), mine, arrival_date=ARRIVAL)
    assert len(both.value.duplicates) == 1 and both.value.unseen
    assert both.value.message_vi.startswith("Văn bản có thể đã được vào sổ: 05/SNV-VP (số đến 01).")
    assert "sổ mà bạn không được xem" in both.value.message_vi and "04" not in both.value.message_vi

    # Told, the clerk may still register it: it takes the next number of the ordinary register.
    with world.store.write() as s:
        doc = register_incoming(s, world.clerk_id, incoming_fields(code_number="05"), mine, arrival_date=ARRIVAL,
                                allow_duplicate=True)
        assert doc.arrival_number == 2


def test_only_a_clerk_registers(world, registered):
    files, before = registered
    from eoffice.errors import PermissionDenied

    with pytest.raises(PermissionDenied) as err, world.store.write() as s:
        register_incoming(s, world.officer_id, incoming_fields(code_number="06"), files, arrival_date=ARRIVAL)
    assert_vietnamese(err.value, "văn thư")
    assert db_state(world.store) == before
