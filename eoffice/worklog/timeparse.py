"""The quick-add line: "8h30-10h họp giao ban" → 08:30–10:00, "Họp giao ban", a meeting.

What it reads, as officers write their diaries:

- a range of clock times anywhere in the line: ``8h30-10h``, ``8:30 - 10:00``, ``8g-9g30``,
  ``từ 8 giờ 30 đến 10 giờ``, ``8-10h``; a period word before or after a time (``sáng``,
  ``trưa``, ``chiều``, ``tối``) moves it to the afternoon as people say it (``chiều 2h-4h``
  = 14:00–16:00); without one, hours 1 to 6 are afternoon hours (nobody's office day runs
  from 1 a.m., so ``11h-1h`` is 11:00–13:00); an end before its start is refused;
- a duration: ``30p``, ``45 phút``, ``2 tiếng``, ``2 tiếng rưỡi``, ``1 tiếng 30 phút``,
  ``1,5 tiếng``, ``1.5h``, ``nửa tiếng``, ``nửa ngày``, ``cả ngày``; a lone ``2h`` or
  ``1h30`` up to 4 hours is a duration ("2h soạn báo cáo");
- a lone clock time from 5 o'clock, after ``lúc`` or a period word, or written ``9:00``,
  is a start time, which needs an end or a duration beside it (``9h 30p họp``);
- ``hôm qua`` / ``hôm kia`` at the start put the entry one or two days back.

The rest of the line is the entry's text. Words naming a meeting (họp, hội nghị, giao
ban…) suggest the meeting category, ``đột xuất`` the ad-hoc one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eoffice.errors import ValidationError

DAY = 24 * 60
#: The longest lone ``Nh`` read as a duration; from here on it is a clock time.
LONGEST_LONE_HOURS = 4

_U = r"(?![^\W\d_])"  # not followed by a letter (so "5 hồ sơ" is no time)
_PERIOD = r"(sáng|trưa|chiều|tối)"
_CLOCK_UNIT = rf"(?:h|g|\s*giờ){_U}\s*(\d{{1,2}})?(?:\s*(?:p|phút){_U}|')?"
_CLOCK = rf"(\d{{1,2}})(?:{_CLOCK_UNIT}|:(\d{{2}}))"
_CLOCK_BARE = rf"(\d{{1,2}})(?:{_CLOCK_UNIT}|:(\d{{2}}))?"
_SEP = r"\s*(?:-|–|—|->|đến|tới)\s*"
_RANGE = re.compile(
    rf"(?<![\w/.,])(?:{_PERIOD}\s+)?(?:từ\s+)?{_CLOCK_BARE}(?:\s*{_PERIOD})?{_SEP}{_CLOCK}(?:\s*{_PERIOD})?",
    re.IGNORECASE,
)
_HOURS = re.compile(
    rf"(?<![\w/.,])(?:(lúc|{_PERIOD[1:-1]})\s+)?(\d{{1,2}}(?:[.,]\d{{1,2}})?)"
    rf"(?:(h|g){_U}(\d{{1,2}})?(?:(?:p|phút){_U}|')?|\s*giờ{_U}(?:\s*(\d{{1,2}})(?:\s*(?:phút|p){_U})?)?|:(\d{{2}}))"
    rf"(?:\s+{_PERIOD})?",
    re.IGNORECASE,
)
_TIENG = re.compile(
    rf"(?<![\w/.,])(\d{{1,2}}(?:[.,]\d{{1,2}})?)\s*tiếng{_U}(\s*rưỡi)?(?:\s*(\d{{1,2}})\s*(?:phút|p){_U})?",
    re.IGNORECASE,
)
_MINUTES = re.compile(rf"(?<![\w/.,])(\d{{1,4}})\s*(?:(?:p|phút){_U}|')", re.IGNORECASE)
_WORDS = {"nửa tiếng": 30, "nửa ngày": 240, "cả ngày": 480, "cả buổi": 240}
_WORDS_RE = re.compile(r"(?<!\w)(" + "|".join(_WORDS) + r")(?!\w)", re.IGNORECASE)
_DAYS = re.compile(r"^\s*(hôm qua|hôm kia)(?!\w)[\s,:]*", re.IGNORECASE)
_MEETING = re.compile(r"(?<!\w)(họp|hội nghị|hội thảo|giao ban|tọa đàm|toạ đàm)(?!\w)", re.IGNORECASE)
_ADHOC = re.compile(r"(?<!\w)đột xuất(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class QuickEntry:
    """What a quick-add line says: its times or duration, its text, a category hint."""

    text: str
    minutes: int
    start_minute: int | None = None
    end_minute: int | None = None
    category: str | None = None
    day_offset: int = 0


def _bad(vi: str, en: str) -> ValidationError:
    return ValidationError(vi, en, field="time")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _to_24(hour: int, period: str | None) -> int:
    period = (period or "").lower()
    if period in ("chiều", "tối") and hour < 12:
        return hour + 12
    if period == "trưa" and hour <= 2:
        return hour + 12
    if not period and 1 <= hour <= 6:
        return hour + 12
    return hour


def _clock(hour: str, minute: str | None, period: str | None) -> int:
    h, m = int(hour), int(minute or 0)
    if h > 24 or m >= 60 or (h == 24 and m):
        raise _bad(f"Giờ “{hour}:{minute or '00'}” không hợp lệ.", f"{hour}:{minute or '00'} is not a time of day.")
    return _to_24(h, period) * 60 + m


def _range(match: re.Match[str]) -> tuple[int, int]:
    g = match.groups()
    before, a_h, a_m1, a_m2, after_a, b_h, b_m1, b_m2, after_b = g
    start = _clock(a_h, a_m1 or a_m2, after_a or before)
    end = _clock(b_h, b_m1 or b_m2, after_b or before or after_a)
    if end <= start:
        raise _bad(
            f"Giờ kết thúc {end // 60:02d}:{end % 60:02d} phải sau giờ bắt đầu {start // 60:02d}:{start % 60:02d}.",
            "The end time must be after the start time.",
        )
    return start, end


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t,;:.-–—")
    text = re.sub(r"^(lúc|từ)\s+", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def parse_quick(line: str) -> QuickEntry:
    """Read a quick-add line; raises ValidationError (field "time") when its times say
    nothing usable (no time at all, an end before its start, a start with no end)."""
    text = line.strip()
    day_offset = 0
    if m := _DAYS.match(text):
        day_offset = -1 if m.group(1).lower() == "hôm qua" else -2
        text = text[m.end() :]
    start = end = None
    minutes: int | None = None
    if m := _RANGE.search(text):
        start, end = _range(m)
        minutes = end - start
        text = _cut(text, m)
    else:
        duration = 0
        found = False
        if m := _TIENG.search(text):
            duration += round(_number(m.group(1)) * 60) + (30 if m.group(2) else 0) + int(m.group(3) or 0)
            found = True
            text = _cut(text, m)
        for m in _HOURS.finditer(text):
            lead, hours, _unit, min_hg, min_gio, min_colon, after = m.groups()
            clockish = bool(lead or after or min_colon is not None)
            decimal = "," in hours or "." in hours
            if not clockish and (decimal or int(hours) <= LONGEST_LONE_HOURS):
                if found:
                    continue  # "2 tiếng … 1h30": one duration is enough
                duration += round(_number(hours) * 60) + int(min_hg or min_gio or 0)
                found = True
            elif decimal:
                raise _bad(f"Giờ “{hours}” không hợp lệ.", f"{hours} is not a time of day.")
            else:
                period = after or (lead if lead and lead.lower() != "lúc" else None)
                start = _clock(hours, min_hg or min_gio or min_colon, period)
            text = _cut(text, m)
            break
        if m := _MINUTES.search(text):
            duration += int(m.group(1))
            found = True
            text = _cut(text, m)
        if not found and (m := _WORDS_RE.search(text)):
            duration += _WORDS[m.group(1).lower()]
            found = True
            text = _cut(text, m)
        if found:
            minutes = duration
            if start is not None:
                end = start + duration
                if end > DAY:
                    raise _bad("Công việc không được kéo qua nửa đêm.", "An entry cannot run past midnight.")
        elif start is not None:
            raise _bad(
                f"Đã có giờ bắt đầu {start // 60:02d}:{start % 60:02d}; hãy ghi thêm giờ kết thúc "
                "(vd 9h-10h) hoặc thời lượng (vd 9h 45p).",
                "A start time needs an end time or a duration.",
            )
    if minutes is None:
        raise _bad(
            "Hãy ghi thời gian: khoảng giờ (8h30-10h), số phút (30p) hoặc số tiếng (2 tiếng).",
            "Write a time: a range (8h30-10h), minutes (30p) or hours (2 tiếng).",
        )
    if minutes <= 0 or minutes > DAY:
        raise _bad("Thời lượng phải trên 0 và không quá 24 giờ.", "The duration must be above 0 and at most 24 hours.")
    text = _tidy(text)
    category = "meeting" if _MEETING.search(text) else "adhoc" if _ADHOC.search(text) else None
    return QuickEntry(text, minutes, start, end, category, day_offset)
