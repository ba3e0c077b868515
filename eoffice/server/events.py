"""Live events: what a user should hear about now (a direction for me, a document returned).

Events are rows of ``live_events`` written inside the transaction of the operation that
caused them, so an event exists exactly when its cause committed. Their ``seq`` comes from
the ``live_event`` counter (``eoffice.store.sequences.next_value``), whose row stays locked
until commit: events become visible strictly in ``seq`` order, so a client that has seen
event N and asks for ``seq > N`` never skips one committed later with a smaller number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from eoffice.store.base import Base, new_id, utcnow


class LiveEvent(Base):
    """One event for an audience: a user, a unit and/or a whole organisation.

    No foreign keys: events are a log; they outlive whatever they talk about.
    """

    __tablename__ = "live_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(60))
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    unit_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    organisation_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    payload_json: Mapped[str] = mapped_column(Text, default="{}")
