"""A document's fields as a plain dict, for audit before/after and for sync."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from eoffice.store.base import Base


def snapshot(row: Base, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    names = fields or tuple(c.key for c in row.__table__.columns)
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(row, name)
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        out[name] = value
    return out
