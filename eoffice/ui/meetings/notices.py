"""How the meetings' live events read in the notifications (registered with the generic
``ui.sync.notifications.register_event_text``, which never names meetings): "Giấy mời
họp: <title>, 08:00 ngày 12/12", "Cuộc họp <title> đã hoãn: <reason>", "<name> trả lời:
vắng — <reason>". Payloads are ``meetings.events.summary`` (plus the answer's fields) and
``meetings.invitation_ops``' scheduling one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eoffice.meetings.values import vietnam
from PySide6.QtCore import QCoreApplication

from eoffice.ui.sync.notifications import Notification, register_event_text, register_silent_kinds


def _title(payload: dict[str, Any]) -> str:
    title = str(payload.get("title") or "")
    return title or QCoreApplication.translate("MeetingNotices", "(secret meeting)")


def _when(payload: dict[str, Any]) -> str:
    """"08:00 on 12/12" in this computer's time."""
    try:
        start = datetime.fromisoformat(str(payload.get("starts_at") or ""))
    except ValueError:
        return ""
    local = vietnam(start)  # naive: the server's stored time (UTC), as the invitation's issuing sends it
    text = QCoreApplication.translate("MeetingNotices", "%1 on %2")
    return text.replace("%1", f"{local:%H:%M}").replace("%2", f"{local:%d/%m}")


def _meeting_text(kind: str, payload: dict[str, Any]) -> Notification:
    title, when = _title(payload), _when(payload)
    reason = str(payload.get("reason") or "")
    warning = False
    if kind in ("meeting.scheduled", "meeting.invited"):
        if when:
            text = QCoreApplication.translate("MeetingNotices", "Meeting invitation: %1, %2")
        else:
            text = QCoreApplication.translate("MeetingNotices", "Meeting invitation: %1")
        text = text.replace("%1", title).replace("%2", when)
    elif kind == "meeting.postponed":
        text = QCoreApplication.translate("MeetingNotices", "The meeting %1 is postponed: %2")
        text = text.replace("%1", title).replace("%2", reason or "—")
        warning = True
    elif kind == "meeting.cancelled":
        text = QCoreApplication.translate("MeetingNotices", "The meeting %1 is cancelled: %2")
        text = text.replace("%1", title).replace("%2", reason or "—")
        warning = True
    elif kind == "meeting.started":
        text = QCoreApplication.translate("MeetingNotices", "The meeting %1 has started").replace("%1", title)
    elif kind == "meeting.closed":
        text = QCoreApplication.translate("MeetingNotices", "The meeting %1 has ended").replace("%1", title)
    else:  # meeting.answered
        name = str(payload.get("full_name") or QCoreApplication.translate("MeetingNotices", "Someone"))
        answer = str(payload.get("answer") or "")
        if answer == "attend":
            said = QCoreApplication.translate("MeetingNotices", "%1 answered: will attend (%2)")
        elif answer == "absent":
            said = QCoreApplication.translate("MeetingNotices", "%1 answered: absent — %3 (%2)")
        elif answer == "substitute":
            said = QCoreApplication.translate("MeetingNotices", "%1 answered: sends %4 instead (%2)")
        else:
            said = QCoreApplication.translate("MeetingNotices", "%1 answered the invitation (%2)")
        text = (said.replace("%1", name).replace("%2", title).replace("%3", reason or "—")
                .replace("%4", str(payload.get("substitute_name") or "—")))
    return Notification(text, warning=warning)


register_event_text(
    ("meeting.scheduled", "meeting.invited", "meeting.postponed", "meeting.cancelled", "meeting.started",
     "meeting.closed", "meeting.answered"),
    _meeting_text,
)
# The session's own changes (``meetings.live.telling``): its screens follow them, the bell does not.
register_silent_kinds(("meeting.live",))
