"""Benchmark: the work diary's reports and week view on a unit of 50 people with a year of entries.

    .venv/bin/python bench/worklog.py [--people 50] [--per-day 4] [--database-url URL]

Prints ONE JSON object on stdout; progress goes to stderr. Not a test: nothing here asserts
a time. Measured (median of several runs, warm database):

- ``monthly_unit_report_s``: ``build_report`` of the unit for one month (every person's
  entries grouped by category with totals), what the leader's "Báo cáo tháng" reads;
- ``week_view_ms``: ``week_view`` of one person's week, what opening the Diary shows;
- ``leader_panel_ms``: everything the Diary panel reads for the unit's leader (their week,
  drafts, and the 50 people's week totals);
- ``monthly_unit_pdf_s`` / ``monthly_unit_docx_s``: writing that month's report (when a
  Vietnamese font is installed, for the PDF).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eoffice.directory.admin import create_organisation, create_unit, create_user  # noqa: E402
from eoffice.directory.models import Role  # noqa: E402
from eoffice.store import Store  # noqa: E402
from eoffice.store.base import utcnow  # noqa: E402
from eoffice.worklog.models import WorklogEntry  # noqa: E402
from eoffice.worklog.report import MONTH, build_report  # noqa: E402
from eoffice.worklog.views import week_view  # noqa: E402
from eoffice.worklog.weeks import month_range  # noqa: E402

TEXTS = [
    ("Họp giao ban đầu tuần", "meeting"),
    ("Xử lý văn bản đến được giao", "document"),
    ("Soạn thảo báo cáo kết quả thực hiện nhiệm vụ", "regular"),
    ("Tiếp và trả lời công dân", "adhoc"),
    ("Rà soát hồ sơ thủ tục hành chính", "regular"),
    ("Tham mưu văn bản trả lời Sở Tài chính", "document"),
    ("Đọc và xử lý thư điện tử công vụ", "regular"),
]


def log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def seed(store: Store, people: int, per_day: int, end: date) -> tuple[str, str, list[str]]:
    """One organisation, one unit of ``people`` officers and its head; a year of entries."""
    rng = random.Random(5)
    with store.write() as s:
        org = create_organisation(s, "000.00.99.H41", "Sở Thử nghiệm tỉnh Nghệ An", "STN")
        unit = create_unit(s, org.id, "TH", "Phòng Tổng hợp")
        head = create_user(
            s, "truongphong", "Trưởng phòng", org.id, {Role.LEADER, Role.OFFICER}, unit.id, "Trưởng phòng"
        )
        ids = [
            create_user(s, f"cv{n:03d}", f"Chuyên viên {n:03d}", org.id, {Role.OFFICER}, unit.id, "Chuyên viên").id
            for n in range(people)
        ]
        unit_id, head_id = unit.id, head.id
    start = end - timedelta(days=365)
    rows = []
    now = utcnow()
    day = start
    while day <= end:
        if day.weekday() < 5:
            for user_id in [*ids, head_id]:
                minute = 7 * 60 + 30
                for _ in range(per_day):
                    text, category = rng.choice(TEXTS)
                    length = rng.choice((30, 45, 60, 90, 120))
                    timed = rng.random() < 0.7
                    rows.append({
                        "id": str(uuid.uuid4()), "user_id": user_id, "day": day,
                        "start_minute": minute if timed else None, "end_minute": minute + length if timed else None,
                        "minutes": length, "text": text, "category": category, "result": "Hoàn thành",
                        "document_id": None, "direction_line_id": None, "meeting_id": None, "recurring": False,
                        "source_key": None, "revision": str(uuid.uuid4()), "conflict_of": None, "conflict": "",
                        "created_at": now, "server_version": None, "deleted": False, "updated_at": now,
                    })
                    minute += length + 15
        day += timedelta(days=1)
    with store.write() as s:
        for first in range(0, len(rows), 5000):
            s.execute(WorklogEntry.__table__.insert(), rows[first : first + 5000])
    log(f"seeded {len(rows)} entries for {people + 1} people")
    return unit_id, head_id, ids


def median_of(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--per-day", type=int, default=4)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    from eoffice.ui.worklog.panel import load  # the panel's reader is plain Python (no widget)

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'worklog.sqlite3'}"
        store = Store(url)
        store.migrate()
        end = date(2026, 12, 31)
        unit_id, head_id, ids = seed(store, args.people, args.per_day, end)
        first, last = month_range(2026, 11)

        def report():  # type: ignore[no-untyped-def]
            with store.read() as s:
                return build_report(s, head_id, first, last, unit_id=unit_id, kind=MONTH)

        def week() -> None:
            with store.read() as s:
                week_view(s, ids[7], ids[7], date(2026, 11, 18))

        def panel() -> None:
            with store.read() as s:
                load(s, head_id, head_id, date(2026, 11, 18))

        built = report()
        out: dict[str, object] = {
            "database": store.dialect,
            "people": args.people + 1,
            "entries_in_year": args.per_day * (args.people + 1) * sum(
                1 for n in range(366) if (end - timedelta(days=n)).weekday() < 5
            ),
            "entries_in_month": built.entries,
            "monthly_unit_report_s": round(median_of(report, 5), 4),
            "week_view_ms": round(median_of(week, 21) * 1000, 2),
            "leader_panel_ms": round(median_of(panel, 11) * 1000, 2),
        }
        from eoffice.printing.fonts import FontMissingError
        from eoffice.worklog.export import write_docx, write_pdf

        try:
            out["monthly_unit_pdf_s"] = round(median_of(lambda: write_pdf(built, Path(tmp) / "m.pdf"), 3), 3)
        except FontMissingError as error:  # no Vietnamese font on this machine
            out["monthly_unit_pdf_s"] = None
            log("PDF not measured:", error)
        out["monthly_unit_docx_s"] = round(median_of(lambda: write_docx(built, Path(tmp) / "m.docx"), 3), 3)
        store.dispose()
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
