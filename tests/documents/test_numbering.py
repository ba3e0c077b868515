"""Register numbers (NĐ 30/2020): from 01 each year, per register, no gaps, no repeats."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from eoffice.audit.chain import verify_chain
from eoffice.documents.incoming import prepare_files, register_incoming
from eoffice.documents.models import Document
from eoffice.documents.numbering import (
    format_number,
    notation,
    number_label,
    numbers_in_use,
    register_for,
    take_number,
)
from eoffice.errors import NumberTakenError, ValidationError
from eoffice.store.base import new_id
from eoffice.store.sequences import next_value

from .workflow_helpers import incoming_fields

THREADS = 8
PER_THREAD = 25


def _register(world, files, arrival_date, **overrides):  # type: ignore[no-untyped-def]
    overrides.setdefault("issued_date", arrival_date)
    with world.store.write() as s:
        doc = register_incoming(
            s, world.clerk_id, incoming_fields(**overrides), files, arrival_date=arrival_date,
            allow_duplicate=True, today=date(2027, 1, 31),
        )
        return doc.arrival_number


@pytest.fixture
def files(blobs, pdf_factory):  # type: ignore[no-untyped-def]
    return prepare_files([pdf_factory()], blobs)


def test_format_and_notation():
    assert format_number(1) == "01"
    assert format_number(9) == "09"
    assert format_number(12) == "12"
    assert format_number(105) == "105"
    assert notation("Quyết định", "UBND") == "QĐ-UBND"
    assert number_label(12, notation("Quyết định", "UBND")) == "12/QĐ-UBND"
    assert number_label(5, notation("Công văn", "UBND", "VP")) == "05/UBND-VP"
    assert notation("Quy định", "SNV") == "QyĐ-SNV"
    assert notation("Tờ trình", "UBND", "") == "TTr-UBND"
    with pytest.raises(ValidationError) as err:
        notation("Thư tay", "UBND")
    assert "Phụ lục III" in err.value.message_vi


def test_the_first_number_of_a_year_is_01_and_a_new_year_starts_again(world, files):
    assert _register(world, files, date(2026, 1, 2)) == 1
    assert _register(world, files, date(2026, 12, 31)) == 2
    assert _register(world, files, date(2027, 1, 1)) == 1
    # A late entry dated in the old year continues the old year's series.
    assert _register(world, files, date(2026, 12, 31)) == 3
    with world.store.read() as s:
        doc = s.query(Document).filter_by(year=2027).one()
        assert format_number(doc.arrival_number) == "01"


def test_registers_are_separate_and_secret_documents_have_their_own_series(world, files):
    assert _register(world, files, date(2026, 3, 2)) == 1
    assert _register(world, files, date(2026, 3, 2)) == 2
    assert _register(world, files, date(2026, 3, 2), secrecy="confidential") == 1
    assert _register(world, files, date(2026, 3, 2), secrecy="top_secret") == 2
    assert _register(world, files, date(2026, 3, 2)) == 3
    with world.store.write() as s:  # the outgoing register has its own series too
        outgoing = register_for(s, world.org_id, "outgoing", False)
        assert take_number(s, outgoing.id, 2026) == 1


def test_a_requested_number_must_be_the_next_one(world, files):
    with world.store.write() as s:
        register_id = register_for(s, world.org_id, "incoming", False).id
    assert _register(world, files, date(2026, 3, 2)) == 1
    assert _register(world, files, date(2026, 3, 2)) == 2
    with pytest.raises(NumberTakenError) as err, world.store.write() as s:
        take_number(s, register_id, 2026, requested=2)
    assert err.value.message_vi.startswith("Số 02 đã được cấp")
    with pytest.raises(ValidationError) as gap, world.store.write() as s:
        take_number(s, register_id, 2026, requested=5)
    assert "liên tục" in gap.value.message_vi and "03" in gap.value.message_vi
    with world.store.write() as s:
        assert take_number(s, register_id, 2026, requested=3) == 3


def test_a_rolled_back_number_is_given_again(world):
    with world.store.write() as s:
        register_id = register_for(s, world.org_id, "incoming", False).id
    with pytest.raises(RuntimeError), world.store.write() as s:
        assert take_number(s, register_id, 2026) == 1
        raise RuntimeError("the registration failed after the number was taken")
    with world.store.write() as s:
        assert take_number(s, register_id, 2026) == 1


def _run_threads(target, count: int) -> list[BaseException]:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run() -> None:
        try:
            start.wait()
            target()
        except BaseException as exc:  # noqa: BLE001 - a thread's failure, whatever it is, is reported to the test
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_callers_get_every_number_once(world):
    """8 threads × 25 registrations: numbers exactly 1..200, no gap, no repeat."""
    store = world.store
    with store.write() as s:
        register_id = register_for(s, world.org_id, "incoming", False).id

    def work() -> None:
        for _ in range(PER_THREAD):
            with store.write() as s:
                number = take_number(s, register_id, 2026)
                s.add(
                    Document(
                        id=new_id(),
                        organisation_id=world.org_id,
                        direction="incoming",
                        state="registered",
                        register_id=register_id,
                        year=2026,
                        register_number=number,
                        arrival_number=number,
                        arrival_date=date(2026, 3, 2),
                        sort_key=next_value(s, "documents.sort_key"),
                        type_name="Công văn",
                        subject=f"Văn bản số đến {number}",
                        organ_name="Sở Nội vụ",
                    )
                )

    assert _run_threads(work, THREADS) == []
    with store.read() as s:
        assert numbers_in_use(s, register_id, 2026) == list(range(1, THREADS * PER_THREAD + 1))


def test_concurrent_registrations_keep_numbers_and_the_audit_chain(world, files):
    """The whole registration (number, document, search row, audit event) under contention."""
    store = world.store
    with store.write() as s:
        register_id = register_for(s, world.org_id, "incoming", False).id

    def work() -> None:
        for _ in range(5):
            _register(world, files, date(2026, 3, 2))

    assert _run_threads(work, THREADS) == []
    with store.read() as s:
        assert numbers_in_use(s, register_id, 2026) == list(range(1, THREADS * 5 + 1))
        assert verify_chain(s) == []
