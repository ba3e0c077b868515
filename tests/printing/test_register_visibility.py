"""A printed register holds what its reader may see, as their pull would send it to them.

The clerk keeps and prints every register of the organisation's ordinary documents and
the leader sees them all; an officer's print holds their unit's documents only, and a
secret document only when it names them (``documents.visibility``, the rule of the
server's pull). Each register is printed to a real PDF and read back with pdftotext: by
the library call the desktop makes, and by ``eoffice print-register --user``.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from eoffice.cli import main
from eoffice.documents.directions import LineSpec, direct
from eoffice.documents.incoming import prepare_files, register_incoming
from eoffice.documents.models import DirectionLine
from eoffice.documents.types import LineRole
from eoffice.errors import NotFound
from eoffice.printing.registers import print_followup_register, print_register
from tests.conftest import World, need
from tests.printing.test_registers import add_outgoing, fields, register_id

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
SUBJECTS = {
    "office": "Về việc sắp xếp phòng làm việc",
    "finance": "Về việc quyết toán ngân sách",
    "waiting": "Về việc mời dự hội thảo",
    "secret_unit": "Về việc bảo vệ mục tiêu trọng yếu",
    "secret_named": "Về việc thẩm tra lý lịch nhân sự",
    "out_office": "Về việc báo cáo công tác văn phòng",
    "out_finance": "Về việc trả lời kiến nghị tài chính",
}
REPLY_NUMBER = "77/UBND-TC"


@dataclass
class Registers:
    """The organisation's registers and the documents in them, by ``SUBJECTS`` key."""

    world: World
    ids: dict[str, str]


def text_of(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed (cells wrap)."""
    need(shutil.which("pdftotext") is not None, "poppler-utils not installed (pdftotext)")
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


@pytest.fixture
def registers(world: World, blobs, pdf_factory) -> Registers:  # type: ignore[no-untyped-def]
    w, ids = world, {}
    plan = {  # key: (secrecy, who leads, who coordinates)
        "office": ("none", LineSpec(LineRole.LEAD, unit_id=w.office_unit_id),
                   LineSpec(LineRole.COORDINATE, unit_id=w.finance_unit_id)),
        "finance": ("none", LineSpec(LineRole.LEAD, unit_id=w.finance_unit_id), None),
        "waiting": ("none", None, None),
        "secret_unit": ("confidential", LineSpec(LineRole.LEAD, unit_id=w.office_unit_id), None),
        "secret_named": ("secret", LineSpec(LineRole.LEAD, user_id=w.officer_id), None),
    }
    for n, (key, (secrecy, lead, coordinate)) in enumerate(plan.items(), start=1):
        files = prepare_files([pdf_factory(SUBJECTS[key])], blobs)
        with w.store.write() as s:
            doc = register_incoming(
                s, w.clerk_id, fields(1, subject=SUBJECTS[key], code_number=str(40 + n), secrecy=secrecy), files,
                arrival_date=date(2026, 3, 2 + n),
            )
            ids[key] = doc.id
            if lead is not None:
                direct(s, w.leader_id, doc.id, "", [spec for spec in (lead, coordinate) if spec],
                       today=date(2026, 3, 2 + n))
    with w.store.write() as s:
        add_outgoing(s, w, SUBJECTS["out_office"], date(2026, 3, 10), drafting_unit_id=w.office_unit_id,
                     created_by=w.officer_id)
        # The finance unit's reply to the office's document: its number is the finance
        # unit's and the clerk's to see, not the office officer's.
        reply = add_outgoing(s, w, SUBJECTS["out_finance"], date(2026, 3, 12), drafting_unit_id=w.finance_unit_id,
                             created_by=w.officer2_id, reply_to_id=ids["office"], code_notation="UBND-TC")
        reply.code_number = REPLY_NUMBER.split("/")[0]
        line = s.query(DirectionLine).filter_by(document_id=ids["office"], unit_id=w.finance_unit_id).one()
        line.state, line.reply_document_id = "done", reply.id
        line.completed_at = datetime(2026, 3, 12, 9, 0, tzinfo=timezone.utc)
    return Registers(w, ids)


def _printed(registers: Registers, tmp_path: Path, kind: str, user_id: str) -> str:
    w = registers.world
    out = tmp_path / f"{kind}-{user_id}.pdf"
    with w.store.read() as s:
        if kind == "followup":
            print_followup_register(s, w.org_id, *MARCH, out, printed_by=user_id, today=date(2026, 3, 20))
        else:
            secret = kind == "incoming_secret"
            print_register(s, register_id(w, kind.removesuffix("_secret"), secret), *MARCH, out, printed_by=user_id)
    return text_of(out)


def _holds(text: str) -> set[str]:
    return {key for key, subject in SUBJECTS.items() if subject in text}


def test_each_reader_prints_only_the_documents_they_may_see(registers: Registers, tmp_path: Path):
    w = registers.world
    seen = {
        (kind, who): _holds(_printed(registers, tmp_path, kind, user_id))
        for kind in ("incoming", "incoming_secret", "outgoing")
        for who, user_id in (("clerk", w.clerk_id), ("leader", w.leader_id), ("office", w.officer_id),
                             ("finance", w.officer2_id), ("admin", w.admin_id))
    }
    assert seen == {
        # The clerk and the leader: the whole ordinary registers.
        ("incoming", "clerk"): {"office", "finance", "waiting"},
        ("incoming", "leader"): {"office", "finance", "waiting"},
        ("outgoing", "clerk"): {"out_office", "out_finance"},
        ("outgoing", "leader"): {"out_office", "out_finance"},
        # Secret incoming: the clerk who registered them and the leaders who direct them.
        ("incoming_secret", "clerk"): {"secret_unit", "secret_named"},
        ("incoming_secret", "leader"): {"secret_unit", "secret_named"},
        # An officer: their unit's lines and drafts; a secret one only when named on it,
        # not for a line to their unit.
        ("incoming", "office"): {"office"},
        ("incoming_secret", "office"): {"secret_named"},
        ("outgoing", "office"): {"out_office"},
        ("incoming", "finance"): {"office", "finance"},
        ("incoming_secret", "finance"): set(),
        ("outgoing", "finance"): {"out_finance"},
        # An admin keeps the directory, not the correspondence.
        ("incoming", "admin"): set(),
        ("incoming_secret", "admin"): set(),
        ("outgoing", "admin"): set(),
    }


def test_the_follow_up_register_shows_an_officer_no_reply_they_may_not_see(registers: Registers, tmp_path: Path):
    w = registers.world
    clerk = _printed(registers, tmp_path, "followup", w.clerk_id)
    office = _printed(registers, tmp_path, "followup", w.officer_id)
    finance = _printed(registers, tmp_path, "followup", w.officer2_id)
    assert _holds(clerk) == {"office", "finance", "waiting"}
    assert _holds(office) == {"office"} and _holds(finance) == {"office", "finance"}
    # The office's document, with the finance unit's line done by its reply: the
    # reply's number is printed for the clerk and the finance unit, not for the office.
    assert REPLY_NUMBER in clerk and REPLY_NUMBER in finance
    assert REPLY_NUMBER not in office
    assert "Phòng Tài chính (phối hợp)" in office and "Đã hoàn thành ngày 12/03/2026" in office
    assert "Người in: Lê Minh Anh" in office and "Người in: Trần Thị Thu" in clerk


def test_a_register_is_never_printed_for_an_unknown_reader(registers: Registers, tmp_path: Path):
    w = registers.world
    with w.store.read() as s, pytest.raises(NotFound, match="Không tìm thấy người dùng"):
        print_register(s, register_id(w, "incoming"), *MARCH, tmp_path / "x.pdf", printed_by="Trần Thị Thu")
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_prints_for_the_user_it_names(registers: Registers, tmp_path: Path, capsys):
    w = registers.world

    def run(*extra: str) -> int:
        return main([
            "--database-url", w.store.url, "print-register", "--organ-id", "000.00.01.H41", "--kind", "incoming",
            "--from", "2026-03-01", "--to", "2026-03-31", *extra,
        ])

    assert run("-o", str(tmp_path / "officer.pdf"), "--user", "chuyenvien") == 0
    assert run("-o", str(tmp_path / "clerk.pdf"), "--user", "vanthu") == 0
    assert _holds(text_of(tmp_path / "officer.pdf")) == {"office"}
    assert _holds(text_of(tmp_path / "clerk.pdf")) == {"office", "finance", "waiting"}
    assert "Người in: Lê Minh Anh" in text_of(tmp_path / "officer.pdf")
    # Someone not of the organisation gets nothing printed.
    capsys.readouterr()
    assert run("-o", str(tmp_path / "nobody.pdf"), "--user", "khongco") == 1
    assert "Cơ quan không có người dùng khongco." in capsys.readouterr().err
    assert not (tmp_path / "nobody.pdf").exists()
    # The database's operator, naming nobody, prints every ordinary document.
    assert run("-o", str(tmp_path / "operator.pdf")) == 0
    assert _holds(text_of(tmp_path / "operator.pdf")) == {"office", "finance", "waiting"}
