"""Times as the meetings' operations carry them: ISO 8601 text with its offset.

A time without an offset is refused rather than guessed: "08:00" on a laptop in Hà Nội
and on the server (in UTC) would be seven hours apart. Every time is kept aware; SQLite
hands stored times back naive (as UTC), ``aware`` makes them comparable again.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from eoffice.errors import ValidationError

#: Vietnam's time (Asia/Ho_Chi_Minh has kept +07:00, with no summer time, since 1975): the
#: province's meetings are at its hours whatever a computer's own zone says, so calendars,
#: screens and papers all read them in it.
VIETNAM = timezone(timedelta(hours=7), "ICT")


def moment(text: str, field: str) -> datetime:
    """The time ``text`` says ("2026-12-07T08:00:00+07:00"), in UTC; a ValidationError
    naming ``field`` when it is empty, malformed or has no offset."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(
            f"Thiếu thời gian ({field}).", f"The time is missing ({field}).", field=field
        )
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"Thời gian “{text}” không hợp lệ ({field}); hãy nhập dạng 2026-12-07T08:00+07:00.",
            f"The time “{text}” is not valid ({field}); use the form 2026-12-07T08:00+07:00.",
            field=field,
        ) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"Thời gian “{text}” thiếu múi giờ ({field}).",
            f"The time “{text}” has no time zone ({field}).",
            field=field,
        )
    return value.astimezone(timezone.utc)


def utc(value: datetime) -> datetime:
    """``value`` in UTC, as it is stored (SQLite keeps no offset: every stored time must be
    in one zone for comparisons to hold)."""
    return aware(value).astimezone(timezone.utc)


def aware(value: datetime) -> datetime:
    """``value`` with a zone: a naive one is UTC (as SQLite stores it)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def moment_text(value: datetime) -> str:
    """The text an operation carries for ``value`` (naive values are taken as UTC)."""
    return aware(value).isoformat()


def vietnam(moment: datetime) -> datetime:
    """``moment`` (naive: UTC, as SQLite hands it back) in Vietnam's time."""
    return aware(moment).astimezone(VIETNAM)
