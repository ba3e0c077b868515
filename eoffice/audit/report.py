"""Audit events as one-line sentences in Vietnamese or English, for a document's history pane."""

from __future__ import annotations

import json
from typing import Any


from eoffice.audit.models import AuditEvent

#: Action → what a clerk reads. Line actions are logged as ``direction_line.*``; the short
#: ``line.*`` spellings are accepted too.
LABELS_VI: dict[str, str] = {
    "document.register_incoming": "Vào sổ văn bản đến",
    "document.open": "Mở xem văn bản",
    "document.direct": "Bút phê",
    "document.state": "Chuyển trạng thái văn bản",
    "document.complete": "Văn bản đã hoàn thành",
    "document.undirect": "Hủy bút phê",
    "document.return": "Trả lại văn bản",
    "document.issue": "Cấp số và ban hành",
    "document.deliver": "Gửi văn bản đến nơi nhận",
    "document.receive": "Nhận văn bản gửi nội bộ",
    "document.update": "Sửa thông tin văn bản",
    "line.create": "Giao xử lý",
    "line.start": "Bắt đầu xử lý",
    "line.complete": "Hoàn thành",
    "line.close": "Kết thúc theo văn bản",
    "line.reopen": "Mở lại để xử lý",
    "line.return": "Trả lại",
    "line.forward": "Chuyển xử lý",
    "draft.create": "Tạo dự thảo",
    "draft.update": "Sửa dự thảo",
    "draft.submit": "Trình ký",
    "draft.approve": "Duyệt",
    "draft.return": "Trả lại dự thảo",
    "document.pass_review": "Trưởng đơn vị cho ý kiến, chuyển lãnh đạo ký",
    "document.return_review": "Trưởng đơn vị trả lại dự thảo",
    "organisation.create": "Tạo cơ quan",
    "organisation.update": "Sửa thông tin cơ quan",
    "unit.create": "Tạo đơn vị",
    "unit.update": "Sửa thông tin đơn vị",
    "user.create": "Tạo người dùng",
    "user.update": "Sửa thông tin người dùng",
    "document.sign": "Ký số",
    "user.signature_image": "Đặt hình chữ ký",
    "organisation.seal_image": "Đặt hình con dấu",
    "trusted_root.add": "Thêm chứng thư số gốc tin cậy",
    "trusted_root.remove": "Bỏ chứng thư số gốc tin cậy",
    "signing_certificate.register": "Đăng ký chứng thư số của thẻ ký số",
    "signing_certificate.remove": "Hủy đăng ký chứng thư số của thẻ ký số",
}

#: The same actions in English (the UI's second language); a capability registering a
#: Vietnamese label registers its English one beside it.
LABELS_EN: dict[str, str] = {
    "document.register_incoming": "Entered in the incoming register",
    "document.open": "Opened the document",
    "document.direct": "Directed",
    "document.state": "Changed the document's state",
    "document.complete": "Document completed",
    "document.undirect": "Direction withdrawn",
    "document.return": "Document returned",
    "document.issue": "Numbered and issued",
    "document.deliver": "Sent to its recipients",
    "document.receive": "Received from within the province",
    "document.update": "Edited the document's details",
    "line.create": "Assigned",
    "line.start": "Started handling",
    "line.complete": "Completed",
    "line.close": "Closed with the document",
    "line.reopen": "Reopened for handling",
    "line.return": "Returned",
    "line.forward": "Passed on for handling",
    "draft.create": "Draft created",
    "draft.update": "Draft edited",
    "draft.submit": "Submitted for signature",
    "draft.approve": "Approved",
    "draft.return": "Draft returned",
    "document.pass_review": "Reviewed by the head of unit, passed on for signature",
    "document.return_review": "Draft returned by the head of unit",
    "organisation.create": "Organisation created",
    "organisation.update": "Organisation edited",
    "unit.create": "Unit created",
    "unit.update": "Unit edited",
    "user.create": "User created",
    "user.update": "User edited",
    "document.sign": "Digitally signed",
    "user.signature_image": "Signature image set",
    "organisation.seal_image": "Seal image set",
    "trusted_root.add": "Trusted root certificate added",
    "trusted_root.remove": "Trusted root certificate removed",
    "signing_certificate.register": "Card certificate registered",
    "signing_certificate.remove": "Card certificate removed",
}

#: How each signature of ``document.sign`` reads in the history.
SIGNATURES_VI = {
    "signer": "Ký số và duyệt văn bản",
    "cosigner": "Ký số trước lãnh đạo (người ký trước)",
    "agency": "Ký số của cơ quan (đóng dấu)",
    "attachment": "Ký số của cơ quan trên tệp kèm theo",
}
SIGNATURES_EN = {
    "signer": "Signed and approved the document",
    "cosigner": "Signed before the leader (co-signer)",
    "agency": "The organisation's digital signature (seal)",
    "attachment": "The organisation's digital signature on an attachment",
}

#: Actions whose sentence ends with the reason or comment given.
_WITH_REASON = {"line.return", "document.return", "draft.return", "document.pass_review", "document.return_review"}


def _after(event: AuditEvent) -> dict[str, Any]:
    try:
        value = json.loads(event.after_json) if event.after_json else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(event: AuditEvent, language: str = "vi") -> str:
    """A one-line description in ``language`` ("vi" or "en"); an unknown action is shown
    as it was logged."""
    english = language == "en"
    action = event.action
    key = "line." + action.removeprefix("direction_line.") if action.startswith("direction_line.") else action
    label = (LABELS_EN if english else LABELS_VI).get(key)
    if label is None:
        return action
    after = _after(event)
    if key in _WITH_REASON:
        reason = after.get("return_reason") or after.get("review_comment") or after.get("reason") or ""
        return f"{label}: {_short(str(reason))}" if reason else label
    if key == "document.register_incoming" and after.get("arrival_number"):
        arrival = int(after["arrival_number"])
        return f"{label} (arrival no. {arrival:02d})" if english else f"{label} (số đến {arrival:02d})"
    if key == "document.direct" and after.get("text"):
        return f"{label}: {_short(str(after['text']))}"
    if key == "document.issue" and after.get("code_number"):
        number = str(after["code_number"])
        notation = after.get("code_notation") or ""
        said = f"{number}/{notation}" if notation else number
        return f"{label} no. {said}" if english else f"{label} số {said}"
    if key == "document.sign":
        text = (SIGNATURES_EN if english else SIGNATURES_VI).get(str(after.get("signature")), label)
        return f"{text}: {after['filename']}" if after.get("filename") else text
    if key == "line.complete" and after.get("result_note"):
        return f"{label}: {_short(str(after['result_note']))}"
    return label
