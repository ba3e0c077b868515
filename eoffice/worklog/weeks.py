"""Weeks of a diary: Monday first, with an id derived from the owner and the Monday."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

#: The namespace of derived ids (weeks, conflict copies): any fixed UUID will do.
NAMESPACE = uuid.UUID("5c3f4b2e-8d0a-4f6e-9a51-7b2d1e0c9f44")


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (weeks run Monday to Sunday, as offices plan them)."""
    return day - timedelta(days=day.weekday())


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=i) for i in range(7)]


def week_id(user_id: str, monday: date) -> str:
    """The week row's id: the same on every machine, so two approvals make one row."""
    return str(uuid.uuid5(NAMESPACE, f"week/{user_id}/{week_start(monday).isoformat()}"))


def copy_id(op_id: str) -> str:
    """The id of the conflict copy an update makes, the same wherever it is applied."""
    return str(uuid.uuid5(NAMESPACE, f"conflict/{op_id}"))


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def hhmm(minute: int | None) -> str:
    """``510`` → ``08:30``; empty for none."""
    if minute is None:
        return ""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def duration_vi(minutes: int) -> str:
    """``90`` → ``1 giờ 30 phút``, as a report writes it."""
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return f"{hours} giờ {rest} phút"
    if hours:
        return f"{hours} giờ"
    return f"{rest} phút"
