"""Demo diaries: a few weeks of work diaries for the demo's officers, some weeks reviewed.

Separate from ``seed_demo`` so the caller decides (it takes a few seconds, through the
real domain functions: audited, locked weeks really locked). Call it after the org chart
is in: ``seed_diaries(store, today=…)``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from eoffice.directory.models import Role, User
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.worklog import review
from eoffice.worklog.entries import EntryFields, add_entry
from eoffice.worklog.weeks import week_start

#: (text, category, minutes) an officer's day is made of; the first two recur every day.
ROUTINE = [
    ("Họp giao ban đầu ngày của phòng", "meeting", 30),
    ("Đọc và xử lý thư điện tử công vụ", "regular", 30),
]
TASKS = [
    ("Nghiên cứu, tham mưu văn bản trả lời theo chỉ đạo của lãnh đạo", "document", 120),
    ("Soạn thảo báo cáo kết quả thực hiện nhiệm vụ tháng", "regular", 90),
    ("Rà soát hồ sơ thủ tục hành chính tiếp nhận trong tuần", "regular", 120),
    ("Tiếp và trả lời kiến nghị của công dân", "adhoc", 60),
    ("Làm việc với các đơn vị về tiến độ chuyển đổi số", "meeting", 90),
    ("Cập nhật dữ liệu vào hệ thống quản lý văn bản", "regular", 60),
    ("Dự hội nghị trực tuyến của Ủy ban nhân dân tỉnh", "meeting", 150),
    ("Kiểm tra, đôn đốc việc thực hiện văn bản được giao", "document", 90),
    ("Xử lý công việc đột xuất do lãnh đạo giao", "adhoc", 60),
]
RESULTS = ["Hoàn thành", "Đã trình lãnh đạo", "Đang thực hiện", ""]


def seed_diaries(store: Store, *, today: date | None = None, weeks: int = 3, seed: int = 7) -> int:
    """Give every officer ``weeks`` weeks of diary up to ``today``; the weeks before the
    current one approved by a leader who leads them, the first with a comment by the
    nearest of them (a head of unit's review in the demo), later ones now and then. Returns
    the number of entries written."""
    rng = random.Random(seed)
    today = today or date.today()
    first = week_start(today) - timedelta(days=7 * (weeks - 1))
    written = 0
    with store.write() as s:
        users = list(s.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username)))
        officers = [u for u in users if u.has_role(Role.OFFICER)]
        for officer in officers:
            reviewers = [u for u in users if review.leads(s, u, officer)]
            day = first
            while day <= today:
                if day.weekday() < 5:
                    minute = 7 * 60 + 30
                    plan = ROUTINE + rng.sample(TASKS, rng.randint(2, 4))
                    for text, category, minutes in plan:
                        if minute + minutes > 17 * 60:
                            break
                        if minute < 11 * 60 + 30 <= minute + minutes or 11 * 60 + 30 <= minute < 13 * 60 + 30:
                            minute = max(minute, 13 * 60 + 30)  # lunch
                        timed = rng.random() < 0.75
                        fields = EntryFields(
                            day=day, text=text, category=category,
                            minutes=None if timed else minutes,
                            start_minute=minute if timed else None, end_minute=minute + minutes if timed else None,
                            result=rng.choice(RESULTS) if category != "meeting" else "",
                            recurring=(text, category, minutes) in ROUTINE,
                        )
                        op_id = new_id()
                        add_entry(s, officer.id, new_id(), fields, revision=op_id)
                        written += 1
                        minute += minutes + rng.choice((0, 15, 30))
                day += timedelta(days=1)
            if not reviewers:
                continue
            monday = first
            while monday < week_start(today):
                leader = rng.choice(reviewers)
                # Each person's first week is commented on by the leader nearest to them
                # (their head of unit, when they have one), so every head has reviewed
                # someone; later weeks now and then by whoever approves them.
                if monday == first:
                    leader = _nearest(reviewers, officer)
                if monday == first or rng.random() < 0.3:
                    review.add_comment(s, leader.id, new_id(), officer.id, monday, rng.choice(COMMENTS))
                review.approve_week(s, leader.id, officer.id, monday)
                monday += timedelta(days=7)
    return written


COMMENTS = ["Đề nghị ghi rõ kết quả từng việc.", "Tốt, đề nghị phát huy.", "Lưu ý thời hạn trả lời văn bản."]


def _nearest(reviewers: list[User], person: User) -> User:
    """The reviewer closest to ``person``: the head of their own unit, else a head of a unit
    above it, else a leader of the organisation."""
    heads = [r for r in reviewers if not review.leads_organisation(r)]
    same_unit = [r for r in heads if r.unit_id == person.unit_id and r.id != person.id]
    return (same_unit or heads or reviewers)[0]
