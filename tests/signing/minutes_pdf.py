"""A meeting's minutes (Mẫu 1.9) as a draft to sign: two signature blocks on the last page,
THƯ KÝ on the left and CHỦ TỌA on the right, each a title, room for the signature and a
name — what ``placement.find_signer_box`` finds a co-signer's and an approver's place by."""

from __future__ import annotations

from pathlib import Path

SECRETARY = "Trần Thị Thẻ"  # the SoftHSM2 token's generated key is hers (tests.signing.conftest)
CHAIR = "Nguyễn Văn Đức"  # the test PKI's "signer"
SECRETARY_TITLE = "THƯ KÝ"
CHAIR_TITLE = "CHỦ TỌA"


def write_minutes(path: Path, secretary: str = SECRETARY, chair: str = CHAIR) -> Path:
    """One page: header with a blank number and date, the minutes' text, the two blocks."""
    from eoffice.printing.fonts import new_pdf

    pdf = new_pdf()
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(30, 20, 15)
    pdf.add_page()
    pdf.set_font("Body", "B", 12)
    pdf.set_xy(20, 15)
    pdf.cell(72, 6, "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", align="C")
    pdf.set_xy(94, 15)
    pdf.cell(106, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C")
    pdf.set_xy(94, 21)
    pdf.set_font("Body", "B", 13)
    pdf.cell(106, 6, "Độc lập - Tự do - Hạnh phúc", align="C")
    pdf.set_font("Body", "", 13)
    pdf.set_xy(20, 30)
    pdf.cell(72, 7, "Số:          /BB-UBND", align="C")
    pdf.set_xy(94, 30)
    pdf.cell(106, 7, "Nghệ An, ngày      tháng      năm 2026", align="C")
    pdf.set_xy(30, 48)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, "BIÊN BẢN", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, "Phiên họp thường kỳ tháng 12 của Ủy ban nhân dân tỉnh", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Body", "", 13)
    body = (
        "Thời gian bắt đầu: 08 giờ 00, ngày 05 tháng 12 năm 2026. Địa điểm: Phòng họp số 1. "
        f"Chủ trì: đồng chí {chair}. Người ghi biên bản: đồng chí {secretary}. "
        "Nội dung: Ủy ban nhân dân tỉnh thảo luận và biểu quyết thông qua kế hoạch chuyển đổi số năm 2027; "
        "số thành viên tán thành 12/13, đạt 92,31%. Cuộc họp kết thúc vào 11 giờ 30 cùng ngày."
    )
    pdf.multi_cell(0, 7, body, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    top = pdf.get_y()
    pdf.set_font("Body", "B", 13)
    for x, title in ((30.0, SECRETARY_TITLE), (110.0, CHAIR_TITLE)):
        pdf.set_xy(x, top)
        pdf.cell(70, 7, title, align="C")
    for x, name in ((30.0, secretary), (110.0, chair)):
        pdf.set_xy(x, top + 30)
        pdf.cell(70, 7, name, align="C")
    path.write_bytes(bytes(pdf.output()))
    return path
