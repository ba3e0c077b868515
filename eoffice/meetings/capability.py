"""What this capability registers with the generic machinery; imported by
``eoffice.capabilities.load`` and by nothing else."""

from __future__ import annotations

import eoffice.meetings.meeting_ops
from eoffice.documents.followup import register_followup_source
from eoffice.meetings import task_views
from eoffice.meetings import events as _events  # noqa: F401  (which operations tell whom, live)
from eoffice.meetings import synced  # noqa: F401  (rooms, meetings, sittings, participants)
import eoffice.meetings.agenda_ops  # noqa: F401  (agenda, documents, comments, notes, receipts: operation kinds)
from eoffice.meetings import fileholders  # noqa: F401  (the documents' files, predownloaded)
from eoffice.meetings import reading_synced  # noqa: F401  (agenda, documents, comments, notes, receipts)
from eoffice.meetings import invitation_ops  # noqa: F401  (registrations)
from eoffice.meetings.minutes import capability as _minutes  # noqa: F401  (the minutes: texts, record, drafts)
from eoffice.meetings import opinion_ops, opinion_synced  # noqa: F401  (written opinions: operations, rows, files)
from eoffice.meetings import diary  # noqa: F401  (the work diary's drafts: meetings attended)
from eoffice.meetings import task_ops, task_synced, task_diary  # noqa: F401  (tasks: operations, rows, the diary)

register_followup_source(task_views.FOLLOWUP)  # tasks in the documents' boxes, with their counts
