"""The quick-add line reads the times officers write, in Vietnamese."""

from __future__ import annotations

import pytest

from eoffice.errors import ValidationError
from eoffice.worklog.timeparse import parse_quick


def hm(h: int, m: int = 0) -> int:
    return h * 60 + m


@pytest.mark.parametrize(
    ("line", "start", "end", "minutes", "text"),
    [
        ("8h30-10h họp giao ban", hm(8, 30), hm(10), 90, "Họp giao ban"),
        ("14h-16h30 xử lý văn bản", hm(14), hm(16, 30), 150, "Xử lý văn bản"),
        ("chiều 2h-4h tiếp công dân", hm(14), hm(16), 120, "Tiếp công dân"),
        ("2h chiều - 4h30 làm việc với Sở Tài chính", hm(14), hm(16, 30), 150, "Làm việc với Sở Tài chính"),
        ("8:30 - 10:00 soạn báo cáo", hm(8, 30), hm(10), 90, "Soạn báo cáo"),
        ("từ 8 giờ 30 đến 10 giờ tiếp dân", hm(8, 30), hm(10), 90, "Tiếp dân"),
        ("8g-9g30 trực cơ quan", hm(8), hm(9, 30), 90, "Trực cơ quan"),
        ("8-10h rà soát hồ sơ", hm(8), hm(10), 120, "Rà soát hồ sơ"),
        ("Họp chi bộ 16h-17h", hm(16), hm(17), 60, "Họp chi bộ"),
        ("11h-1h tiếp khách", hm(11), hm(13), 120, "Tiếp khách"),
        ("trưa 12h-1h trực", hm(12), hm(13), 60, "Trực"),
        ("tối 7h-9h30 viết báo cáo", hm(19), hm(21, 30), 150, "Viết báo cáo"),
        ("sáng 9h họp 45p", hm(9), hm(9, 45), 45, "Họp"),
        ("9h 30p họp chi bộ", hm(9), hm(9, 30), 30, "Họp chi bộ"),
        ("lúc 9h họp 1 tiếng", hm(9), hm(10), 60, "Họp"),
        ("9:00 45p họp", hm(9), hm(9, 45), 45, "Họp"),
    ],
)
def test_clock_ranges_and_start_plus_duration(line, start, end, minutes, text):
    entry = parse_quick(line)
    assert (entry.start_minute, entry.end_minute, entry.minutes, entry.text) == (start, end, minutes, text)


@pytest.mark.parametrize(
    ("line", "minutes", "text"),
    [
        ("30p trả lời công văn", 30, "Trả lời công văn"),
        ("trả lời công văn 45 phút", 45, "Trả lời công văn"),
        ("2 tiếng", 120, ""),
        ("2 tiếng rưỡi kiểm tra hồ sơ", 150, "Kiểm tra hồ sơ"),
        ("1 tiếng 30 phút làm việc nhóm", 90, "Làm việc nhóm"),
        ("1,5 tiếng đọc tài liệu", 90, "Đọc tài liệu"),
        ("1.5h rà soát", 90, "Rà soát"),
        ("2h soạn báo cáo", 120, "Soạn báo cáo"),
        ("1h30 đọc tài liệu", 90, "Đọc tài liệu"),
        ("nửa tiếng gọi điện", 30, "Gọi điện"),
        ("nửa ngày đi công tác", 240, "Đi công tác"),
        ("cả ngày tập huấn", 480, "Tập huấn"),
        ("xử lý 5 hồ sơ 45 phút", 45, "Xử lý 5 hồ sơ"),
        ("20' nhập liệu", 20, "Nhập liệu"),
    ],
)
def test_durations(line, minutes, text):
    entry = parse_quick(line)
    assert (entry.minutes, entry.start_minute, entry.end_minute, entry.text) == (minutes, None, None, text)


def test_numbers_that_are_not_times_stay_in_the_text():
    entry = parse_quick("30p xử lý 5 hồ sơ theo Công văn 125/UBND-VP")
    assert entry.text == "Xử lý 5 hồ sơ theo Công văn 125/UBND-VP" and entry.minutes == 30


def test_category_hints_and_yesterday():
    assert parse_quick("8h-9h giao ban tuần").category == "meeting"
    assert parse_quick("8h-9h hội nghị trực tuyến").category == "meeting"
    assert parse_quick("30p việc đột xuất lãnh đạo giao").category == "adhoc"
    assert parse_quick("30p soạn thảo").category is None
    entry = parse_quick("hôm qua 16h-17h họp chi bộ")
    assert entry.day_offset == -1 and entry.start_minute == hm(16)
    assert parse_quick("hôm kia 1 tiếng trực").day_offset == -2


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("họp chi bộ", "Hãy ghi thời gian"),
        ("9h họp giao ban", "giờ kết thúc"),
        ("10h-9h nhầm giờ", "phải sau giờ bắt đầu"),
        ("25h-26h x", "không hợp lệ"),
        ("8h70-9h x", "không hợp lệ"),
        ("1500p quá dài", "không quá 24 giờ"),
        ("23h 2 tiếng trực đêm", "nửa đêm"),
    ],
)
def test_times_that_say_nothing_usable_are_refused_in_vietnamese(line, says):
    with pytest.raises(ValidationError) as caught:
        parse_quick(line)
    assert says in caught.value.message_vi and caught.value.field == "time"
