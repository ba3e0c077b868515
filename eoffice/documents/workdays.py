"""Working days: time limits skip weekends and the configured holidays (ngày làm việc).

Deadlines in a direction are given in working days ("xử lý trong 5 ngày làm việc"); the
holidays (Tết, 30/4, 2/9 and compensatory days off) are configured by the admin because
they change every year.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import Holiday

_ONE_DAY = timedelta(days=1)


def holidays(session: Session) -> set[date]:
    """Every configured holiday."""
    return set(session.scalars(select(Holiday.day)))


def is_working_day(day: date, holidays: set[date]) -> bool:
    """Monday to Friday and not a configured holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: set[date]) -> date:
    """The date ``days`` working days after ``start`` (before it when ``days`` is negative).

    ``days == 0`` gives ``start`` itself, or the next working day when ``start`` is a day off:
    a time limit never falls on a weekend or a holiday.
    """
    day = start
    if days == 0:
        while not is_working_day(day, holidays):
            day += _ONE_DAY
        return day
    step = _ONE_DAY if days > 0 else -_ONE_DAY
    remaining = abs(days)
    while remaining:
        day += step
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, holidays: set[date]) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

    It is the inverse of ``add_working_days`` for a working ``end``:
    ``working_days_between(d, add_working_days(d, n, h), h) == n`` for ``n >= 1``.
    """
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start, holidays)
    total_days = (end - start).days
    full_weeks, rest = divmod(total_days, 7)
    count = full_weeks * 5
    day = start + timedelta(days=full_weeks * 7)
    for _ in range(rest):
        day += _ONE_DAY
        if day.weekday() < 5:
            count += 1
    count -= sum(1 for h in holidays if start < h <= end and h.weekday() < 5)
    return count
