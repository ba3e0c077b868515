"""Who receives which document: one rule for pull, push checks, downloads and the boxes.

The server sends a user only the documents this rule lets them see (``sync.changes``),
refuses a pushed operation or an attachment download naming any other one
(``sync.permissions``, ``server.routes.blobs``), and the desktop's boxes and search apply
the same rule to the local database (``boxes.visible_to``), so that a standalone database
shows each user what a synced one would hold for them.

For a user of organisation O (documents of another organisation: never):

- Ordinary documents (secrecy "none"):

  - a clerk (văn thư) receives all of O's: the clerk registers every incoming document,
    numbers and issues every outgoing one, and keeps and prints the registers;
  - a leader (lãnh đạo) receives all of O's: leaders direct the incoming documents, approve
    the drafts of every unit and may act on any line (``directions.may_act_on``). A head
    of unit (``Unit.head_user_id``) gets nothing for being one: what their role gives, and
    the drafts submitted to them for review, which name them (below);
  - an officer (chuyên viên) receives the documents of their unit and of the units below
    it: those with a direction line to one of these units (the unit's work, whoever in it
    holds the line now, and whatever was forwarded further down), and the outgoing ones
    drafted in one of them (``drafting_unit_id``).

- Every user, whatever their roles, receives the documents that name them: created by
  them, submitted to them for review or approval (``approver_id``: the head of the
  drafting unit while a draft is "reviewing", then the leader who signs), named as the
  draft's co-signer (``cosigner_id``, who signs before the leader), directed by them (a direction's
  ``leader_id``) or with a direction line to them personally.
- A deputy named for an absent leader (``delegations``: from the day the delegation is
  made until its last day, ``named_for``) receives the documents submitted to that leader
  for approval as well, secret ones too: they approve and sign them in the leader's stead,
  on the delegation's days only (``acting_for``), and a delegation that starts later
  brings them beforehand so they are at hand on its first day.
- An admin role gives no document by itself: administrators keep the directory (which
  every user of O receives), not the correspondence; an admin who is also a clerk,
  leader or officer receives what that role gives.
- A secret document (secrecy other than "none") reaches only the people named on it, as
  above: never the members of a unit on one of its lines, nor a clerk, leader or admin
  for their role. Two exceptions, each for the people who must act on it before anyone
  can be named:

  - a secret incoming document reaches O's leaders: it is addressed to the organisation,
    whose leaders direct it (the bút phê is what names its handlers); the clerk who
    registered it is its creator and keeps it, other clerks do not;
  - a secret outgoing document, once approved (approved, numbered, then issued), reaches O's
    clerks: only a clerk numbers it in the secret register, issues and delivers it.
    Before approval only its drafter and the one it is submitted to see it (the head of
    unit reviewing it, then the leader who signs: a head who passed it on no longer does).

The signer is not modelled apart from the approver (``signer_full_name`` is text).
Deleted rows are left to the callers: the pull sends tombstones, the boxes hide them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from sqlalchemy import ColumnElement, and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session, object_session

from eoffice.directory.models import Role, Unit, User
from eoffice.documents.delegations import named_for
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.types import Direction, DocState, Secrecy

#: Outgoing states in which a secret document reaches the organisation's clerks.
CLERK_SECRET_STATES = (DocState.APPROVED.value, DocState.NUMBERED.value, DocState.ISSUED.value)
#: Roles whose holders receive documents for their role (admin gives none).
DOCUMENT_ROLES = frozenset({Role.CLERK, Role.LEADER, Role.OFFICER})


def unit_subtree(session: Session, unit_id: str) -> list[str]:
    """``unit_id`` and every unit below it, read from the units table (deleted ones skipped)."""
    children: dict[str | None, list[str]] = {}
    for uid, parent in session.execute(_UNITS_BESIDE, {"unit_id": unit_id}):
        children.setdefault(parent, []).append(uid)
    found = [unit_id]
    stack = list(children.get(unit_id, []))
    while stack:
        uid = stack.pop()
        if uid not in found:
            found.append(uid)
            stack.extend(children.get(uid, []))
    return found


# One statement, built once: every request of an officer asks it.
_UNITS_BESIDE = select(Unit.id, Unit.parent_id).where(
    Unit.organisation_id == select(Unit.organisation_id).where(Unit.id == bindparam("unit_id")).scalar_subquery(),
    Unit.deleted.is_(False),
)


def names_user(user: User) -> ColumnElement[bool]:
    """Documents that name ``user``: creator, approver, co-signer, directing leader, a line's person.

    The person's lines and directions are few: asked as uncorrelated ``IN`` sets, read once
    from their indexes (ix_lines_user_state, ix_directions_leader), not probed per
    document, which a count over a year of the organisation's register would do per row.
    """
    return _names(user.id)


def _names(user_id: str) -> ColumnElement[bool]:
    return or_(
        Document.created_by == user_id,
        Document.approver_id == user_id,
        Document.cosigner_id == user_id,
        Document.id.in_(
            select(DirectionLine.document_id).where(
                DirectionLine.user_id == user_id, DirectionLine.deleted.is_(False)
            )
        ),
        Document.id.in_(
            select(DocumentDirection.document_id).where(
                DocumentDirection.leader_id == user_id, DocumentDirection.deleted.is_(False)
            )
        ),
    )


def _unit_work(units: list[str]) -> ColumnElement[bool]:
    """Documents with a line to one of ``units``, or drafted in one of them.

    The lines are probed per document (a unit's lines are many: a set of them would be
    read whole for every page of a box, which walks only a few hundred documents).
    """
    return or_(
        Document.drafting_unit_id.in_(units),
        exists().where(
            DirectionLine.document_id == Document.id,
            DirectionLine.unit_id.in_(units),
            DirectionLine.deleted.is_(False),
        ),
    )


def visible_documents(user: User, session: Session | None = None, today: date | None = None) -> ColumnElement[bool]:
    """The documents ``user`` may see (receive, act on, download), as a WHERE clause.

    ``session`` (by default the one ``user`` was loaded in) reads the unit tree of an
    officer and the leaders who named a deputy for ``today`` or a later day. Deleted documents are not
    excluded here.
    """
    clerk, leader = user.has_role(Role.CLERK), user.has_role(Role.LEADER)
    units: tuple[str, ...] | None = None
    if not (clerk or leader) and user.has_role(Role.OFFICER) and user.unit_id is not None:
        session = session or object_session(user)
        if session is None:
            raise ValueError("visible_documents needs a session to read an officer's unit tree")
        units = tuple(unit_subtree(session, user.unit_id))
    acting: tuple[str, ...] = ()
    if leader:
        session = session or object_session(user)
        if session is not None:
            acting = tuple(sorted(named_for(session, user.id, today or date.today())))
    return _visible_clause(user.organisation_id, user.id, clerk, leader, units, acting)


@lru_cache(maxsize=512)
def _visible_clause(
    organisation_id: str,
    user_id: str,
    clerk: bool,
    leader: bool,
    units: tuple[str, ...] | None,
    acting: tuple[str, ...] = (),
) -> ColumnElement[bool]:
    """``visible_documents`` from what it depends on, built once per distinct view: every
    pull and push of a user asks it, and building the clause cost more than reading the
    officer's unit tree it depends on (read on every call, so a moved unit counts at once)."""
    ordinary = Document.secrecy == Secrecy.NONE.value
    by_role: list[ColumnElement[bool]] = []
    if clerk or leader:
        by_role.append(ordinary)
    elif units is not None:
        by_role.append(and_(ordinary, _unit_work(list(units))))
    if leader:
        by_role.append(Document.direction == Direction.INCOMING.value)
    if clerk:
        by_role.append(
            and_(Document.direction == Direction.OUTGOING.value, Document.state.in_(CLERK_SECRET_STATES))
        )
    if acting:
        by_role.append(Document.approver_id.in_(acting))
    return and_(Document.organisation_id == organisation_id, or_(*by_role, _names(user_id)))


def may_see(session: Session, user: User, document_id: str) -> bool:
    """Whether ``user`` may see the document ``document_id`` (False when it does not exist)."""
    return (
        session.scalar(
            select(Document.id).where(Document.id == document_id, visible_documents(user, session))
        )
        is not None
    )


def view_of(user: User) -> tuple[object, ...]:
    """What a user's view depends on besides the documents themselves.

    Two values that differ mean the user may see other documents than before (a client
    then pulls its documents afresh, ``sync.changes``). The unit counts for officers only.
    """
    return view_key(user.organisation_id, [r.value for r in user.roles], user.unit_id)


def view_key(organisation_id: str, roles: Iterable[str], unit_id: str | None) -> tuple[object, ...]:
    """``view_of`` from plain values (a pulled user row)."""
    kept = tuple(sorted(r for r in set(roles) if r in {d.value for d in DOCUMENT_ROLES}))
    return (organisation_id, kept, unit_id if Role.OFFICER.value in kept else None)


__all__ = [
    "CLERK_SECRET_STATES",
    "may_see",
    "names_user",
    "unit_subtree",
    "view_key",
    "view_of",
    "visible_documents",
]
