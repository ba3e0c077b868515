"""The desktop's copy of a meeting's record (``GET /meetings/{id}/record``), so that the
minutes editor opens and exports offline with what the server last said. One JSON file
per meeting in the account's folder, replaced atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import ValidationError as ShapeError

from eoffice.meetings.minutes.schemas import MeetingRecord
from eoffice.sync.client import SyncClient


def fetch_record(client: SyncClient, meeting_id: str) -> MeetingRecord:
    """The record now (``Offline`` / ``ServerRefused`` as the client raises them)."""
    return MeetingRecord.model_validate(client.get_json(f"/meetings/{meeting_id}/record"))


class RecordCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, meeting_id: str) -> Path:
        return self.folder / f"{meeting_id}.json"

    def load(self, meeting_id: str) -> MeetingRecord | None:
        """The last record kept for the meeting; None if none (or unreadable: it is a cache)."""
        try:
            return MeetingRecord.model_validate_json(self._path(meeting_id).read_bytes())
        except (OSError, ShapeError, ValueError):
            return None

    def save(self, record: MeetingRecord) -> None:
        """Keep ``record`` unless a newer one (greater revision) is already kept."""
        kept = self.load(record.meeting_id)
        if kept is not None and kept.revision > record.revision:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".record-", dir=self.folder)
        with os.fdopen(fd, "wb") as out:
            out.write(record.model_dump_json().encode())
        os.replace(tmp, self._path(record.meeting_id))
