"""Vocabulary for demo documents: realistic subjects, organs and texts of a province."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from eoffice.signing.filling import date_text

SUBJECT_TEMPLATES = [
    "Về việc triển khai kế hoạch chuyển đổi số năm {year}",
    "Về việc báo cáo tình hình thực hiện nhiệm vụ {period}",
    "Về việc tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn",
    "Về việc bổ nhiệm {position} {unit}",
    "Về việc phê duyệt dự toán ngân sách năm {year}",
    "Về việc tổ chức hội nghị sơ kết công tác cải cách hành chính {period}",
    "Về việc hướng dẫn thực hiện chế độ tiền lương đối với cán bộ, công chức",
    "Về việc kiểm tra công tác văn thư, lưu trữ năm {year}",
    "Về việc đôn đốc giải ngân vốn đầu tư công năm {year}",
    "Về việc góp ý dự thảo Nghị quyết của Hội đồng nhân dân tỉnh",
    "Về việc tăng cường phòng, chống dịch bệnh trên địa bàn tỉnh",
    "Về việc triển khai dịch vụ công trực tuyến toàn trình",
    "Về việc cử cán bộ tham gia lớp bồi dưỡng kiến thức quản lý nhà nước",
    "Về việc thực hiện chính sách hỗ trợ hộ nghèo, hộ cận nghèo",
    "Về việc đảm bảo an toàn, an ninh thông tin mạng",
    "Về việc sắp xếp tổ chức bộ máy các cơ quan chuyên môn",
    "Về việc giao chỉ tiêu biên chế công chức năm {year}",
    "Về việc mời họp giao ban công tác {period}",
    "Về việc xây dựng kế hoạch phát triển kinh tế - xã hội năm {year}",
    "Về việc thanh tra việc quản lý, sử dụng tài sản công",
    "Về việc công nhận kết quả thi tuyển viên chức năm {year}",
    "Về việc triển khai ứng dụng chữ ký số trong cơ quan nhà nước",
    "Về việc đẩy mạnh thực hành tiết kiệm, chống lãng phí",
    "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc",
    "Về việc quản lý, vận hành hệ thống quản lý văn bản và điều hành",
]

BODY_SENTENCES = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, đề nghị các cơ quan, đơn vị nghiêm túc triển khai.",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
    "Các đơn vị tổng hợp kết quả, báo cáo về Văn phòng trước ngày 25 hằng tháng.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, phản ánh kịp thời để được hướng dẫn.",
    "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
    "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm thi hành văn bản này.",
    "Đẩy mạnh chuyển đổi số, nâng cao hiệu quả giải quyết thủ tục hành chính cho người dân.",
    "Tăng cường kiểm tra, giám sát, xử lý nghiêm các trường hợp vi phạm.",
    "Bảo đảm an toàn thông tin, bảo vệ bí mật nhà nước trong quá trình xử lý văn bản điện tử.",
]

@dataclass(frozen=True)
class Organ:
    """An organ outside the province's demo offices that sends documents to them."""

    name: str
    organ_id: str
    abbreviation: str  # used in its notations
    place: str  # the place name before the date ("Hà Nội, ngày …")
    signers: tuple[tuple[str, str], ...]  # (position, full name) of those who sign for it
    parent: str = ""  # the superior organ printed above its name ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN")


EXTERNAL_ORGANS = [
    Organ("Văn phòng Chính phủ", "000.00.00.G01", "VPCP", "Hà Nội",
          (("Bộ trưởng, Chủ nhiệm", "Trần Văn Khải"), ("Phó Chủ nhiệm", "Nguyễn Hữu Lộc"))),
    Organ("Bộ Nội vụ", "000.00.00.G09", "BNV", "Hà Nội",
          (("Bộ trưởng", "Đặng Thị Hoa"), ("Thứ trưởng", "Vũ Đình Khang"))),
    Organ("Bộ Tài chính", "000.00.00.G12", "BTC", "Hà Nội",
          (("Bộ trưởng", "Lương Văn Quý"), ("Thứ trưởng", "Cao Minh Đạt"))),
    Organ("Bộ Thông tin và Truyền thông", "000.00.00.G14", "BTTTT", "Hà Nội",
          (("Bộ trưởng", "Đỗ Văn Khánh"), ("Thứ trưởng", "Phạm Quang Huy"))),
    Organ("Ủy ban nhân dân huyện Nghi Lộc", "000.00.30.H41", "UBND", "Nghi Lộc",
          (("Chủ tịch", "Nguyễn Văn Nam"), ("Phó Chủ tịch", "Hoàng Thị Lan"))),
    Organ("Ủy ban nhân dân thành phố Vinh", "000.00.31.H41", "UBND", "Vinh",
          (("Chủ tịch", "Trần Ngọc Bảo"), ("Phó Chủ tịch", "Phan Thị Minh Hà"))),
    Organ("Công an tỉnh", "000.00.40.H41", "CAT", "Nghệ An",
          (("Giám đốc", "Bùi Quang Vĩnh"), ("Phó Giám đốc", "Lê Văn Thái")), parent="Bộ Công an"),
    Organ("Sở Kế hoạch và Đầu tư", "000.00.15.H41", "SKHĐT", "Nghệ An",
          (("Giám đốc", "Trần Quốc Thành"), ("Phó Giám đốc", "Nguyễn Thị Thu")),
          parent="Ủy ban nhân dân tỉnh Nghệ An"),
]

INCOMING_TYPES = ["Công văn"] * 6 + [
    "Quyết định", "Kế hoạch", "Thông báo", "Báo cáo", "Giấy mời", "Hướng dẫn", "Chỉ thị",
]
OUTGOING_TYPES = ["Công văn"] * 5 + ["Quyết định", "Kế hoạch", "Báo cáo", "Tờ trình", "Thông báo"]
POSITIONS = ["Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng"]
#: Positions of those who sign for a demo office (its other leaders approve but do not sign).
SIGNING_POSITIONS = ("Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc")


def subject(rng: random.Random, year: int, unit_name: str = "Văn phòng") -> str:
    template = rng.choice(SUBJECT_TEMPLATES)
    return template.format(
        year=year,
        period=rng.choice(
            [f"quý {rng.randint(1, 4)} năm {year}", f"6 tháng đầu năm {year}", f"tháng {rng.randint(1, 12)}/{year}"]
        ),
        position=rng.choice(POSITIONS),
        unit=unit_name,
    )


def body(rng: random.Random) -> str:
    return " ".join(rng.sample(BODY_SENTENCES, 4))


def place_date(place: str, day: date | None, year: int) -> str:
    """The header's place and date as NĐ 30 writes it: a leading zero only for days 1–9 and
    months 1–2; blank (for the clerk to fill when issuing) without a day."""
    if day is None:
        return f"{place}, ngày      tháng      năm {year}"
    return f"{place}, {date_text(day)}"  # as issuing fills it in
