"""The decree's input fields of a document (Phụ lục VI) and their checks."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from eoffice.documents.types import DOCUMENT_TYPES, Priority, Secrecy
from eoffice.errors import ValidationError

ORGAN_ID = re.compile(r"^[A-Z0-9]{3}\.[A-Z0-9]{2}\.[A-Z0-9]{2}\.[A-Z0-9]{3}$")

LIMITS = {
    "subject": 500,
    "code_notation": 100,
    "code_number": 20,
    "organ_name": 300,
    "signer_position": 200,
    "signer_full_name": 200,
    "to_places": 1000,
    "recipients_note": 1000,
    "note": 2000,
}

LABELS_VI = {
    "subject": "Trích yếu",
    "code_notation": "Ký hiệu",
    "code_number": "Số",
    "organ_name": "Cơ quan ban hành",
    "signer_position": "Chức vụ người ký",
    "signer_full_name": "Người ký",
    "to_places": "Nơi nhận",
    "recipients_note": "Đơn vị/người nhận",
    "note": "Ghi chú",
    "organ_id": "Mã định danh cơ quan",
    "type_name": "Loại văn bản",
    "issued_date": "Ngày ban hành",
    "arrival_date": "Ngày đến",
    "due_date": "Hạn xử lý",
    "page_amount": "Số trang",
    "issued_amount": "Số lượng bản",
}


@dataclass
class DocumentFields:
    """What a clerk types from a document's face; shared by incoming and outgoing."""

    type_name: str
    subject: str
    organ_name: str = ""
    organ_id: str = ""
    code_number: str | None = None
    code_notation: str = ""
    issued_date: date | None = None
    signer_position: str = ""
    signer_full_name: str = ""
    priority: str = Priority.NORMAL.value
    secrecy: str = Secrecy.NONE.value
    page_amount: int | None = None
    issued_amount: int | None = None
    due_date: date | None = None
    to_places: str = ""
    recipients_note: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data


def _fail(field_name: str, vi: str, en: str) -> None:
    raise ValidationError(vi, en, field=field_name)


def clean(fields: DocumentFields, *, incoming: bool) -> DocumentFields:
    """Trim whitespace and check every field; raise ValidationError on the first problem."""
    for name in LIMITS:
        value = getattr(fields, name)
        if isinstance(value, str):
            setattr(fields, name, value.strip())
    fields.subject = re.sub(r"\s+", " ", fields.subject)
    fields.organ_id = fields.organ_id.strip().upper()
    if fields.code_number is not None:
        fields.code_number = fields.code_number.strip() or None

    if not fields.subject:
        _fail("subject", "Trích yếu không được để trống.", "The subject is required.")
    for name, limit in LIMITS.items():
        value = getattr(fields, name) or ""
        if len(value) > limit:
            _fail(
                name,
                f"{LABELS_VI[name]} dài {len(value)} ký tự, vượt quá giới hạn {limit} ký tự.",
                f"{name} is {len(value)} characters long; the limit is {limit}.",
            )
    if fields.type_name not in DOCUMENT_TYPES:
        _fail(
            "type_name",
            f"Loại văn bản “{fields.type_name}” không có trong danh mục (Phụ lục III).",
            f"Unknown document type “{fields.type_name}”.",
        )
    if fields.organ_id and not ORGAN_ID.match(fields.organ_id):
        _fail(
            "organ_id",
            f"Mã định danh “{fields.organ_id}” không đúng dạng (ví dụ 000.00.01.H41).",
            f"Organ id “{fields.organ_id}” is malformed (e.g. 000.00.01.H41).",
        )
    if fields.priority not in {p.value for p in Priority}:
        _fail("priority", "Độ khẩn không hợp lệ.", "Invalid priority.")
    if fields.secrecy not in {s.value for s in Secrecy}:
        _fail("secrecy", "Độ mật không hợp lệ.", "Invalid secrecy level.")
    for name in ("page_amount", "issued_amount"):
        value = getattr(fields, name)
        if value is not None and (not isinstance(value, int) or value < 1 or value > 100_000):
            _fail(name, f"{LABELS_VI[name]} phải là số nguyên dương.", f"{name} must be a positive integer.")
    if incoming:
        if not fields.organ_name:
            _fail("organ_name", "Cần ghi cơ quan ban hành (tác giả).", "The issuing organ is required.")
        if fields.issued_date is None:
            _fail("issued_date", "Cần ghi ngày ban hành.", "The issued date is required.")
        if fields.code_number is not None and not re.fullmatch(r"[0-9]{1,10}[A-Za-z]?", fields.code_number):
            _fail("code_number", "Số văn bản chỉ gồm chữ số (ví dụ 05).", "The number must be digits (e.g. 05).")
    if fields.code_notation and re.search(r"\s", fields.code_notation):
        _fail(
            "code_notation",
            "Ký hiệu không được có khoảng trắng (ví dụ QĐ-UBND).",
            "The notation must not contain spaces (e.g. QĐ-UBND).",
        )
    if fields.issued_date and fields.due_date and fields.due_date < fields.issued_date:
        _fail(
            "due_date",
            "Hạn xử lý không thể trước ngày ban hành.",
            "The due date cannot be before the issued date.",
        )
    return fields
