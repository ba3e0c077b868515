"""The minutes seeded from a real session: what happened, in the decree's order, with the
secretary's texts; the texts kept when the record moves on."""

from __future__ import annotations

from eoffice.meetings.minutes import texts
from eoffice.meetings.minutes.compose import minutes_of
from eoffice.meetings.minutes.record import meeting_record
from eoffice.store import Store
from eoffice.directory.models import User
from tests.conftest import World
from tests.meetings.minutes.story import run_story


def _text(store: Store, world: World, meeting_id: str, *, user_id: str | None = None) -> str:
    with store.read() as s:
        user = s.get(User, user_id or world.clerk_id)
        record = meeting_record(s, meeting_id, user)
        return minutes_of(s, meeting_id, record, texts.texts_of(s, meeting_id)).text()


def test_the_minutes_say_what_happened(store: Store, world: World):
    story = run_story(store, world)
    text = _text(store, world, story.meeting_id)
    assert "Thời gian bắt đầu: 08 giờ 00, thứ Hai, ngày 07 tháng 12 năm 2026" in text
    assert "Địa điểm: Phòng họp số 1" in text
    # five members in office: four present (three in the hall, one online), one absent with her reason
    assert "Số thành viên có mặt: 4/5 (80,00%)" in text
    assert "- Vắng mặt (1): Đại biểu 001, Đại biểu (lý do: Đi công tác tại Hà Nội)." in text
    assert "- Dự trực tuyến (1): Đại biểu 000, Đại biểu." in text
    assert "- Khách mời: Vũ Đình Khách, Đại biểu." in text
    assert text.index("1. Dự thảo Nghị quyết về giá đất") < text.index("2. Kế hoạch đầu tư công năm 2027")
    # the named vote: percentages of the members in office, the verdict, who chose what
    assert "Kết quả: Tán thành: 3/5 thành viên (60,00%); Không tán thành: 1/5 thành viên (20,00%); " \
           "Không biểu quyết: 0/5 thành viên (0,00%)." in text
    assert "Kết luận biểu quyết: Thông qua." in text
    assert "Không tán thành: Đại biểu 000." in text
    # the secret ballot: the counting committee's record, nobody's choice
    assert ("Biên bản kiểm phiếu: tổng số thành viên 5; số thành viên tham gia bỏ phiếu 4; số phiếu phát ra 4; "
            "số phiếu thu vào 4; số phiếu hợp lệ 4; số phiếu không hợp lệ 0; Tán thành: 4") in text
    assert "(bỏ phiếu kín)" in text and "Tán thành: Đại biểu 000" not in text
    assert text.count("+ Đồng chí ") == 3 and "phát biểu (08 giờ 05, 4 phút)." in text
    assert "Cuộc họp kết thúc vào 09 giờ 30, thứ Hai, ngày 07 tháng 12 năm 2026." in text


def test_the_secretarys_text_is_kept_when_the_record_moves_on(store: Store, world: World):
    story = run_story(store, world, close=False)
    first_speech = story.speech_ids[0]
    with store.write() as s:
        texts.write_text(s, world.clerk_id, story.meeting_id, texts.speech_part(first_speech),
                         "Đề nghị giữ nguyên hệ số điều chỉnh giá đất.")
        texts.write_text(s, world.clerk_id, story.meeting_id, texts.item_part(story.items[0], "conclusion"),
                         "Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết.")
    before = _text(store, world, story.meeting_id)
    assert "Cuộc họp kết thúc vào …… giờ" in before
    from eoffice.meetings.live import session as chairing
    from tests.meetings.minutes.story import at, speak

    speak(store, story.meeting_id, story.members[1], world.clerk_id, 50, 1)
    with store.write() as s:
        chairing.close(s, world.leader_id, story.meeting_id, at(95))
    after = _text(store, world, story.meeting_id)
    assert after.count("+ Đồng chí ") == 4
    assert "phát biểu (08 giờ 05, 4 phút): Đề nghị giữ nguyên hệ số điều chỉnh giá đất." in after
    assert "- Kết luận: Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết." in after
    assert "Cuộc họp kết thúc vào 09 giờ 35" in after


def test_only_the_organisers_write_the_minutes(store: Store, world: World):
    import pytest

    from eoffice.errors import PermissionDenied, ValidationError

    story = run_story(store, world, close=False)
    with store.write() as s, pytest.raises(PermissionDenied):
        texts.write_text(s, world.officer_id, story.meeting_id, "opening", "Tôi viết biên bản")
    with store.write() as s, pytest.raises(ValidationError):
        texts.write_text(s, world.clerk_id, story.meeting_id, "item:x:conclusion", "…")
    with store.write() as s:  # the chair may
        row = texts.write_text(s, world.leader_id, story.meeting_id, "opening", "Đồng chí chủ tọa khai mạc.")
    assert row.id == texts.text_id(story.meeting_id, "opening")


def test_the_minutes_list_the_tasks_assigned_per_item(store: Store, world: World):
    from datetime import date

    from eoffice.meetings import tasks

    story = run_story(store, world)
    friday = date(2026, 12, 4)
    with store.write() as s:
        tasks.assign(s, world.clerk_id, "00000000-0000-4000-8000-000000000001", story.meeting_id,
                     "Hoàn thiện Dự thảo Nghị quyết theo ý kiến thành viên",
                     tasks.Holder(unit_id=world.finance_unit_id),
                     [tasks.Holder(unit_id=world.office_unit_id), tasks.Holder(user_id=world.officer_id)], 5,
                     item_id=story.items[0], today=friday)
        tasks.assign(s, world.clerk_id, "00000000-0000-4000-8000-000000000002", story.meeting_id,
                     "Tổng hợp báo cáo kết quả phiên họp.", tasks.Holder(user_id=world.officer2_id), [], 3,
                     today=friday)
    text = _text(store, world, story.meeting_id)
    line = ("- Giao nhiệm vụ: Hoàn thiện Dự thảo Nghị quyết theo ý kiến thành viên; đơn vị chủ trì: Phòng Tài chính; "
            "phối hợp: Văn phòng, Lê Minh Anh; hạn xử lý: 11/12/2026.")
    assert line in text
    # under its item, before the next one; the meeting's own task under "Nội dung khác"
    assert text.index("1. Dự thảo Nghị quyết về giá đất") < text.index(line) < text.index("2. Kế hoạch đầu tư công")
    general = ("- Giao nhiệm vụ: Tổng hợp báo cáo kết quả phiên họp; người chủ trì: Phạm Quốc Huy; "
               "hạn xử lý: 09/12/2026.")
    assert general in text and text.index("Nội dung khác") < text.index(general)
