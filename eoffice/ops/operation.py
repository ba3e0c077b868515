"""What every operation is, and what applying one gives back.

An operation is a user action as a frozen value: made on the client, applied there at
once (``authority=False``: no register number is taken), kept in the outbox, pushed to
the server and applied there again with ``authority=True``. It carries its own UUID
(``op_id``) and the ids of the rows it creates, chosen by the client, so that the row the
client shows offline and the row the server makes are the same row. Each capability
declares its kinds and registers them (``eoffice.ops.registry``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from eoffice.ops.changes import NOTHING, Changes
from eoffice.ops.values import Id


@dataclass(frozen=True)
class Operation:
    """Base of every operation: its UUID, made by the client; ``kind`` names its class."""

    kind: ClassVar[str] = ""
    op_id: Id


@dataclass(frozen=True)
class AppliedResult:
    """What an applied operation made: ids, numbers, whether a number is still pending,
    and which tables it changed (the kind's declared ones, for views to refresh)."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    changes: Changes = NOTHING
