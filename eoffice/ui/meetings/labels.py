"""The meetings' words on screen: kinds, states, roles, answers and read states, in the
language the translator installed (the source strings are English)."""

from __future__ import annotations

from datetime import datetime

from eoffice.meetings.values import vietnam
from PySide6.QtCore import QCoreApplication

from eoffice.meetings.views import READ, UNREAD, UPDATED


def kind_label(kind: str) -> str:
    return {
        "ubnd_regular": QCoreApplication.translate("Meetings", "People's Committee meeting (regular)"),
        "ubnd_topical": QCoreApplication.translate("Meetings", "People's Committee meeting (topical)"),
        "hdnd_session": QCoreApplication.translate("Meetings", "People's Council session"),
        "briefing": QCoreApplication.translate("Meetings", "Briefing"),
        "agency": QCoreApplication.translate("Meetings", "Agency meeting"),
        "conference": QCoreApplication.translate("Meetings", "Conference"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {
        "draft": QCoreApplication.translate("Meetings", "Draft"),
        "scheduled": QCoreApplication.translate("Meetings", "Invited"),
        "in_session": QCoreApplication.translate("Meetings", "In session"),
        "closed": QCoreApplication.translate("Meetings", "Closed"),
        "archived": QCoreApplication.translate("Meetings", "Archived"),
        "postponed": QCoreApplication.translate("Meetings", "Postponed"),
        "cancelled": QCoreApplication.translate("Meetings", "Cancelled"),
    }.get(state, state)


def role_label(role: str) -> str:
    return {
        "chair": QCoreApplication.translate("Meetings", "Chair"),
        "secretary": QCoreApplication.translate("Meetings", "Secretary"),
        "member": QCoreApplication.translate("Meetings", "Member"),
        "guest": QCoreApplication.translate("Meetings", "Guest"),
        "staff": QCoreApplication.translate("Meetings", "Staff"),
    }.get(role, role)


def answer_label(answer: str) -> str:
    return {
        "pending": QCoreApplication.translate("Meetings", "Not answered"),
        "attend": QCoreApplication.translate("Meetings", "Will attend"),
        "absent": QCoreApplication.translate("Meetings", "Absent"),
        "substitute": QCoreApplication.translate("Meetings", "Sends a substitute"),
    }.get(answer, answer)


def decision_label(decision: str) -> str:
    return {
        "information": QCoreApplication.translate("Meetings", "Information"),
        "discussion": QCoreApplication.translate("Meetings", "Discussion"),
        "vote": QCoreApplication.translate("Meetings", "Vote"),
    }.get(decision, decision)


def read_label(state: str) -> str:
    return {
        UNREAD: QCoreApplication.translate("Meetings", "Not read"),
        READ: QCoreApplication.translate("Meetings", "Read"),
        UPDATED: QCoreApplication.translate("Meetings", "Updated"),
    }.get(state, state)


def local(moment: datetime) -> datetime:
    """A stored (UTC) time in Vietnam's time (``meetings.values.VIETNAM``): a meeting at
    08:00 in the province reads 08:00 on every computer, whatever its own zone."""
    return vietnam(moment)


def hm(moment: datetime) -> str:
    return f"{local(moment):%H:%M}"


def day_time(moment: datetime) -> str:
    return f"{local(moment):%H:%M %d/%m/%Y}"


def weekday_label(moment: datetime) -> str:
    names = (
        QCoreApplication.translate("Meetings", "Mon"),
        QCoreApplication.translate("Meetings", "Tue"),
        QCoreApplication.translate("Meetings", "Wed"),
        QCoreApplication.translate("Meetings", "Thu"),
        QCoreApplication.translate("Meetings", "Fri"),
        QCoreApplication.translate("Meetings", "Sat"),
        QCoreApplication.translate("Meetings", "Sun"),
    )
    return names[moment.weekday()]
