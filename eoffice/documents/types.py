"""The decree's vocabularies: document types (Phụ lục III), urgency, secrecy, states."""

from __future__ import annotations

import enum


class Direction(str, enum.Enum):
    INCOMING = "incoming"  # văn bản đến
    OUTGOING = "outgoing"  # văn bản đi


class Priority(str, enum.Enum):
    """Độ khẩn."""

    NORMAL = "normal"  # Thường
    URGENT = "urgent"  # Khẩn
    VERY_URGENT = "very_urgent"  # Thượng khẩn
    FLASH = "flash"  # Hỏa tốc


class Secrecy(str, enum.Enum):
    """Độ mật; NONE for ordinary documents."""

    NONE = "none"
    CONFIDENTIAL = "confidential"  # Mật
    SECRET = "secret"  # Tối mật
    TOP_SECRET = "top_secret"  # Tuyệt mật


PRIORITY_LABELS_VI = {
    Priority.NORMAL: "Thường",
    Priority.URGENT: "Khẩn",
    Priority.VERY_URGENT: "Thượng khẩn",
    Priority.FLASH: "Hỏa tốc",
}
SECRECY_LABELS_VI = {
    Secrecy.NONE: "",
    Secrecy.CONFIDENTIAL: "Mật",
    Secrecy.SECRET: "Tối mật",
    Secrecy.TOP_SECRET: "Tuyệt mật",
}


class DocState(str, enum.Enum):
    """A document's overall state. Incoming and outgoing use different subsets."""

    # incoming
    REGISTERED = "registered"  # đã vào sổ, chờ bút phê
    DIRECTED = "directed"  # đã bút phê, đang xử lý
    DONE = "done"  # đã hoàn thành
    RETURNED = "returned"  # trả lại (nơi gửi / người soạn)
    # outgoing
    DRAFT = "draft"  # dự thảo
    REVIEWING = "reviewing"  # chờ trưởng đơn vị cho ý kiến
    SUBMITTED = "submitted"  # trình ký
    APPROVED = "approved"  # đã duyệt, chờ cấp số
    NUMBERED = "numbered"  # đã cấp số, chờ đóng dấu (the agency's seal makes it issued)
    ISSUED = "issued"  # đã ban hành


class LineRole(str, enum.Enum):
    """A recipient's part in a direction (bút phê)."""

    LEAD = "lead"  # chủ trì
    COORDINATE = "coordinate"  # phối hợp
    INFORM = "inform"  # để biết


class LineState(str, enum.Enum):
    WAITING = "waiting"  # chờ xử lý
    IN_PROGRESS = "in_progress"  # đang xử lý
    DONE = "done"  # hoàn thành
    RETURNED = "returned"  # trả lại
    FORWARDED = "forwarded"  # đã chuyển xử lý


#: Type name → abbreviation (Phụ lục III). Công văn has none.
DOCUMENT_TYPES: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Công văn": "",
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}

CONG_VAN = "Công văn"


def type_abbreviation(type_name: str) -> str:
    """The Phụ lục III abbreviation; raises KeyError for an unknown type."""
    return DOCUMENT_TYPES[type_name]
