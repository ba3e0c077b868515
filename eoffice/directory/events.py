"""The directory's audiences for live events: a unit's members, an organisation's.

Registered with ``eoffice.server.events`` (by this capability's registrations); their
members are read when an event is delivered, so a user moved to another unit hears that
unit's events from then on.
"""

from __future__ import annotations

from sqlalchemy import Select, select

from eoffice.directory.models import Role, User
from eoffice.server.events import AudienceKey, register_audience

UNIT = "unit"
ORGANISATION = "organisation"


def unit(unit_id: str | None, role: Role | None = None) -> AudienceKey | None:
    """The members of a unit (its own, not of the units below it); None for no unit."""
    return AudienceKey(UNIT, unit_id, role.value if role else None) if unit_id else None


def organisation(organisation_id: str | None, role: Role | None = None) -> AudienceKey | None:
    """The members of an organisation (``role``: only those holding it, e.g. its clerks)."""
    return AudienceKey(ORGANISATION, organisation_id, role.value if role else None) if organisation_id else None


def _unit_members() -> Select[str | None, str]:
    return select(User.unit_id.label("ref"), User.id.label("user_id")).where(User.unit_id.is_not(None))


def _organisation_members() -> Select[str, str]:
    return select(User.organisation_id.label("ref"), User.id.label("user_id"))


register_audience(UNIT, _unit_members)
register_audience(ORGANISATION, _organisation_members)
