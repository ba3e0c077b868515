"""Fixtures of the live session's tests: a scheduled UBND meeting (``factories.make_meeting``:
the leader chairs, the clerk is secretary, the officer and a delegate are voting members,
a guest has no vote) and helpers that read what the participants were told."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select

from eoffice.server.events import LiveEvent
from eoffice.store import Store
from tests.conftest import World
from tests.meetings.factories import MeetingRows, make_meeting
from tests.sync.http_support import memory_keyring, province  # noqa: F401  (fixtures)

#: The session's clock in the domain tests: explicit times, nothing waits.
T0 = datetime(2026, 12, 7, 1, 0, tzinfo=timezone.utc)


def at(minutes: float = 0, seconds: float = 0) -> datetime:
    return T0 + timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def meeting(store: Store, world: World) -> MeetingRows:
    return make_meeting(store, world)


def told(store: Store, meeting_id: str, kind: str = "meeting.live") -> list[dict[str, Any]]:
    """The payloads of the events of ``kind`` about the meeting's session, in order."""
    with store.read() as s:
        events = s.scalars(select(LiveEvent).where(LiveEvent.kind == kind).order_by(LiveEvent.seq)).all()
        return [e.payload() for e in events if e.payload().get("meeting_id", meeting_id) == meeting_id]
