"""What the secretary writes into the minutes, part by part (see ``models.MinutesText``).

The parts are fixed names, so the editor, the composer and the server agree on where a
text goes without a schema of their own:

- ``opening``: a line after the attendance (e.g. who opened the meeting and why);
- ``guests``: the invited guests, as the minutes name them;
- ``item:<item id>:presenter``, ``item:<item id>:summary``, ``item:<item id>:conclusion``:
  per agenda item, who presented (when it was not the agenda's presenter), the
  discussion's summary, the conclusion;
- ``speech:<speech id>``: the summary of one speech;
- ``closing``: the last line before the end time (e.g. the minutes were read out);
- ``recipients``: the "Nơi nhận" list.

Writes are last-writer-wins per part: the secretary is one person, perhaps on two
computers; an autosave sends the whole text of the part each time. Writes are not
audited one by one (an autosave every few seconds would drown the audit); the minutes
are audited when they become a document and when that is signed and issued.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.errors import PermissionDenied, ValidationError
from eoffice.meetings import access
from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.models import Meeting
from eoffice.meetings.organising import meeting_of

MAX_TEXT = 20_000
_UUID = r"[0-9a-fA-F-]{36}"
_PART = re.compile(
    rf"^(?:opening|guests|closing|recipients|item:{_UUID}:(?:presenter|summary|conclusion)|speech:{_UUID})$"
)
#: The namespace of the texts' ids: uuid5(namespace, "<meeting id>/<part>").
_NAMESPACE = uuid.UUID("7d3c6a52-2b1e-4f7e-9b8f-2f8f0c0b3a11")


def item_part(item_id: str, what: str) -> str:
    """``item:<id>:summary`` and the like (``what``: presenter, summary, conclusion)."""
    return f"item:{item_id}:{what}"


def speech_part(speech_id: str) -> str:
    return f"speech:{speech_id}"


def text_id(meeting_id: str, part: str) -> str:
    """The row's id: the same on every computer for the same meeting and part."""
    return str(uuid.uuid5(_NAMESPACE, f"{meeting_id}/{part}"))


def check_part(part: str) -> None:
    if not _PART.match(part):
        raise ValidationError("Phần của biên bản không hợp lệ.", "Unknown part of the minutes.", field="part")


def denied() -> PermissionDenied:
    return PermissionDenied(
        "Chỉ chủ tọa, thư ký và người tổ chức cuộc họp được viết biên bản.",
        "Only the meeting's chair, secretary and organisers write the minutes.",
    )


def may_write(session: Session, user_id: str, meeting: Meeting) -> bool:
    return access.organises(session, load_actor(session, user_id), meeting)


def write_text(session: Session, actor_id: str, meeting_id: str, part: str, text: str) -> MinutesText:
    """Set the text of one part of the minutes (created on first write)."""
    check_part(part)
    if len(text) > MAX_TEXT:
        raise ValidationError("Đoạn văn quá dài.", "The text is too long.", field="text")
    meeting = meeting_of(session, meeting_id)
    if not may_write(session, actor_id, meeting):
        raise denied()
    row = session.get(MinutesText, text_id(meeting_id, part))
    if row is None:
        row = MinutesText(id=text_id(meeting_id, part), meeting_id=meeting_id, part=part, text=text,
                          written_by=actor_id)
        session.add(row)
    else:
        row.text, row.written_by, row.deleted = text, actor_id, False
    session.flush()
    return row


def texts_of(session: Session, meeting_id: str) -> dict[str, str]:
    """Every written part of the meeting's minutes: part -> text."""
    rows = session.execute(
        select(MinutesText.part, MinutesText.text).where(
            MinutesText.meeting_id == meeting_id, MinutesText.deleted.is_(False)
        )
    )
    return {part: text for part, text in rows}
