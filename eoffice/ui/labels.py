"""Translated names of the domain's vocabularies (boxes, states, urgency, roles…).

Kept as functions so the text is looked up in the current language each time it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eoffice.ops import registry
from eoffice.ui.i18n import current_language


def box_label(box: str) -> str:
    names = {
        "incoming": QCoreApplication.translate("Labels", "Incoming documents"),
        "outgoing": QCoreApplication.translate("Labels", "Outgoing documents"),
        "waiting": QCoreApplication.translate("Labels", "Waiting for me"),
        "due_soon": QCoreApplication.translate("Labels", "Due soon"),
        "overdue": QCoreApplication.translate("Labels", "Overdue"),
        "to_approve": QCoreApplication.translate("Labels", "Drafts to approve"),
        "my_drafts": QCoreApplication.translate("Labels", "My drafts"),
    }
    return names.get(_value(box), _value(box))


def state_label(state: str) -> str:
    names = {
        "registered": QCoreApplication.translate("Labels", "Registered"),
        "directed": QCoreApplication.translate("Labels", "In progress"),
        "done": QCoreApplication.translate("Labels", "Done"),
        "returned": QCoreApplication.translate("Labels", "Returned"),
        "draft": QCoreApplication.translate("Labels", "Draft"),
        "reviewing": QCoreApplication.translate("Labels", "Awaiting the head of unit's review"),
        "submitted": QCoreApplication.translate("Labels", "Submitted for signature"),
        "approved": QCoreApplication.translate("Labels", "Approved"),
        "numbered": QCoreApplication.translate("Labels", "Numbered, awaiting the seal"),
        "issued": QCoreApplication.translate("Labels", "Issued"),
    }
    return names.get(_value(state), _value(state))


def line_state_label(state: str) -> str:
    names = {
        "waiting": QCoreApplication.translate("Labels", "Waiting"),
        "in_progress": QCoreApplication.translate("Labels", "Handling"),
        "done": QCoreApplication.translate("Labels", "Done"),
        "returned": QCoreApplication.translate("Labels", "Returned"),
        "forwarded": QCoreApplication.translate("Labels", "Forwarded"),
    }
    return names.get(_value(state), _value(state))


def line_role_label(role: str) -> str:
    names = {
        "lead": QCoreApplication.translate("Labels", "Lead"),
        "coordinate": QCoreApplication.translate("Labels", "Coordinate"),
        "inform": QCoreApplication.translate("Labels", "For information"),
    }
    return names.get(_value(role), _value(role))


def priority_label(priority: str) -> str:
    names = {
        "normal": QCoreApplication.translate("Labels", "Normal"),
        "urgent": QCoreApplication.translate("Labels", "Urgent"),
        "very_urgent": QCoreApplication.translate("Labels", "Very urgent"),
        "flash": QCoreApplication.translate("Labels", "Flash"),
    }
    return names.get(_value(priority), _value(priority))


def secrecy_label(secrecy: str) -> str:
    names = {
        "none": QCoreApplication.translate("Labels", "Ordinary"),
        "confidential": QCoreApplication.translate("Labels", "Confidential"),
        "secret": QCoreApplication.translate("Labels", "Secret"),
        "top_secret": QCoreApplication.translate("Labels", "Top secret"),
    }
    return names.get(_value(secrecy), _value(secrecy))


def direction_label(direction: str) -> str:
    names = {
        "incoming": QCoreApplication.translate("Labels", "Incoming"),
        "outgoing": QCoreApplication.translate("Labels", "Outgoing"),
    }
    return names.get(_value(direction), _value(direction))


def role_label(role: str) -> str:
    names = {
        "clerk": QCoreApplication.translate("Labels", "Clerk"),
        "officer": QCoreApplication.translate("Labels", "Officer"),
        "leader": QCoreApplication.translate("Labels", "Leader"),
        "admin": QCoreApplication.translate("Labels", "Administrator"),
    }
    return names.get(_value(role), _value(role))


def operation_label(kind: str) -> str:
    """What a user did, named as the outbox and the rejections list show it: the label
    its capability registered, in the UI's language."""
    return registry.label(kind, current_language())


def pending_number_label() -> str:
    return QCoreApplication.translate("Labels", "awaiting number")


def _value(item: object) -> str:
    return str(getattr(item, "value", item))


def format_date(value: object) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write dates."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")  # type: ignore[attr-defined]
