"""Writing diaries in tests the way the desktop does: operations applied with authority."""

from __future__ import annotations

from datetime import date

from eoffice import ops
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.worklog import operations as wops

MONDAY = date(2026, 3, 2)  # a Monday


def apply(store: Store, actor_id: str, op: ops.Operation, *, authority: bool = True) -> ops.AppliedResult:
    with store.write() as s:
        return ops.apply(s, actor_id, op, authority=authority)


def add(
    store: Store, user_id: str, text: str = "Soạn báo cáo", *, day: date = MONDAY, **values: object
) -> wops.AddEntry:
    values.setdefault("minutes", None if "start_minute" in values else 60)
    op = wops.AddEntry(op_id=new_id(), entry_id=new_id(), day=day.isoformat(), text=text, **values)  # type: ignore[arg-type]
    apply(store, user_id, op)
    return op


def hm(h: int, m: int = 0) -> int:
    return h * 60 + m
