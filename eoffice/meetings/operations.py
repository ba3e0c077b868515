"""The meetings' operations: the values that travel (declared here, the one contract
between the modules that apply them). Each module registers the kinds it applies with
``eoffice.ops.registry.register``: ``meetings.meeting_ops`` (rooms, meetings, sittings,
participants, answers, states), ``meetings.agenda_ops`` (agenda, documents, comments,
private notes, read receipts), ``meetings.invitation_ops`` (the invitation's link) and
``meetings.opinion_ops`` (written opinions between meetings) and ``meetings.task_ops`` (the
tasks a meeting assigns and their follow-up).

Times travel as ISO 8601 strings with their offset (``Moment``), read with
``meetings.values.moment``. Every row an operation makes is named by an id the client
chose, so an operation replays to the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar

from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingComment,
    MeetingDocument,
    Participant,
    PrivateNote,
    Room,
    Sitting,
)
from eoffice.meetings.opinion_models import OpinionAnswer, OpinionDocument, OpinionPoll
from eoffice.meetings.task_models import MeetingTask
from eoffice.ops.limits import Fits
from eoffice.ops.operation import Operation
from eoffice.ops.values import FileRef, Id, ISODate

#: A time with its offset, "2026-12-07T08:00:00+07:00".
Moment = Annotated[str, Fits(max_length=40)]


# --------------------------------------------------------------------------- rooms, meetings


@dataclass(frozen=True)
class CreateRoom(Operation):
    kind: ClassVar[str] = "meeting_create_room"
    room_id: Id
    name: Annotated[str, Fits(Room.name)]
    address: Annotated[str, Fits(Room.address)] = ""
    capacity: Annotated[int, Fits(Room.capacity)] = 0


@dataclass(frozen=True)
class MeetingValues:
    """What a meeting's editor sets (mixed into the kinds below)."""

    title: Annotated[str, Fits(Meeting.title)]
    kind_of_meeting: Annotated[str, Fits(Meeting.kind)]
    starts_at: Moment
    ends_at: Moment
    room_id: Id | None = None
    place: Annotated[str, Fits(Meeting.place)] = ""
    online_link: Annotated[str, Fits(Meeting.online_link)] = ""
    unit_id: Id | None = None
    secret: bool = False
    notes: Annotated[str, Fits(Meeting.notes)] = ""
    chair_id: Id | None = None
    secretary_id: Id | None = None


@dataclass(frozen=True, kw_only=True)
class CreateMeeting(MeetingValues, Operation):
    """A draft meeting and its first sitting (same times and place); the vote rules are
    its kind's defaults (``meetings.rules.defaults_for``)."""

    kind: ClassVar[str] = "meeting_create"
    meeting_id: Id
    sitting_id: Id


@dataclass(frozen=True, kw_only=True)
class UpdateMeeting(MeetingValues, Operation):
    kind: ClassVar[str] = "meeting_update"
    meeting_id: Id


@dataclass(frozen=True)
class SittingValues:
    starts_at: Moment
    ends_at: Moment
    title: Annotated[str, Fits(Sitting.title)] = ""
    room_id: Id | None = None
    place: Annotated[str, Fits(Sitting.place)] = ""


@dataclass(frozen=True, kw_only=True)
class AddSitting(SittingValues, Operation):
    kind: ClassVar[str] = "meeting_add_sitting"
    sitting_id: Id
    meeting_id: Id


@dataclass(frozen=True, kw_only=True)
class UpdateSitting(SittingValues, Operation):
    kind: ClassVar[str] = "meeting_update_sitting"
    sitting_id: Id


@dataclass(frozen=True)
class RemoveSitting(Operation):
    kind: ClassVar[str] = "meeting_remove_sitting"
    sitting_id: Id


@dataclass(frozen=True)
class NewParticipant:
    participant_id: Id
    user_id: Id
    role: Annotated[str, Fits(Participant.role)] = "member"
    votes: bool = True


@dataclass(frozen=True)
class AddParticipants(Operation):
    """Many at once (a council of 95 is picked in one go)."""

    kind: ClassVar[str] = "meeting_add_participants"
    meeting_id: Id
    participants: tuple[NewParticipant, ...]


@dataclass(frozen=True)
class SetParticipantRole(Operation):
    kind: ClassVar[str] = "meeting_set_participant_role"
    participant_id: Id
    role: Annotated[str, Fits(Participant.role)]
    votes: bool


@dataclass(frozen=True)
class RemoveParticipant(Operation):
    kind: ClassVar[str] = "meeting_remove_participant"
    participant_id: Id


@dataclass(frozen=True)
class AnswerInvitation(Operation):
    """The participant's answer (or the secretary's, noting one given by phone)."""

    kind: ClassVar[str] = "meeting_answer"
    participant_id: Id
    answer: Annotated[str, Fits(Participant.answer)]
    reason: Annotated[str, Fits(Participant.answer_reason)] = ""
    substitute_id: Id | None = None
    substitute_name: Annotated[str, Fits(Participant.substitute_name)] = ""
    #: When the answer was given (kept, HĐND Đ.93), as the client saw it.
    answered_at: Moment = ""


@dataclass(frozen=True)
class ChangeMeetingState(Operation):
    """scheduled (invitations out), postponed or cancelled (with a reason, told to every
    participant), in session, closed, archived. Needs the server's authority."""

    kind: ClassVar[str] = "meeting_change_state"
    meeting_id: Id
    state: Annotated[str, Fits(Meeting.state)]
    reason: Annotated[str, Fits(Meeting.state_reason)] = ""


@dataclass(frozen=True)
class LinkInvitation(Operation):
    """Names the outgoing GM draft made from the meeting (``meetings.invitation``); issuing
    that document makes the meeting scheduled. Sent right after its ``create_draft``."""

    kind: ClassVar[str] = "meeting_link_invitation"
    meeting_id: Id
    document_id: Id


# --------------------------------------------------------------------------- agenda, documents


@dataclass(frozen=True)
class ItemValues:
    title: Annotated[str, Fits(AgendaItem.title)]
    presenter_id: Id | None = None
    presenter_unit_id: Id | None = None
    planned_minutes: Annotated[int, Fits(AgendaItem.planned_minutes)] = 0
    decision: Annotated[str, Fits(AgendaItem.decision)] = "information"
    vote_rule: Annotated[str, Fits(AgendaItem.vote_rule)] = ""


@dataclass(frozen=True, kw_only=True)
class AddAgendaItem(ItemValues, Operation):
    kind: ClassVar[str] = "meeting_add_item"
    item_id: Id
    meeting_id: Id
    sitting_id: Id
    parent_id: Id | None = None
    #: Index among its siblings (appended when past the end).
    position: Annotated[int, Fits(AgendaItem.position)] = 1_000_000


@dataclass(frozen=True, kw_only=True)
class UpdateAgendaItem(ItemValues, Operation):
    kind: ClassVar[str] = "meeting_update_item"
    item_id: Id


@dataclass(frozen=True)
class MoveAgendaItem(Operation):
    """Drag and drop: under ``parent_id`` (None: top level) at ``position`` among its new siblings."""

    kind: ClassVar[str] = "meeting_move_item"
    item_id: Id
    parent_id: Id | None
    position: Annotated[int, Fits(AgendaItem.position)]
    sitting_id: Id | None = None


@dataclass(frozen=True)
class RemoveAgendaItem(Operation):
    """Removes the item, its sub-items and their documents (kept as deleted rows)."""

    kind: ClassVar[str] = "meeting_remove_item"
    item_id: Id


@dataclass(frozen=True)
class AccessValues:
    audience: Annotated[str, Fits(MeetingDocument.audience)] = "all"
    readers: tuple[Id, ...] = ()
    release_at: Moment | None = None


@dataclass(frozen=True, kw_only=True)
class AddMeetingDocument(AccessValues, Operation):
    kind: ClassVar[str] = "meeting_add_document"
    document_id: Id
    version_id: Id
    meeting_id: Id
    item_id: Id
    title: Annotated[str, Fits(MeetingDocument.title)]
    file: FileRef
    source_document_id: Id | None = None


@dataclass(frozen=True)
class ReplaceMeetingDocument(Operation):
    """A new version of the file; the old one is kept (readers see "đã cập nhật")."""

    kind: ClassVar[str] = "meeting_replace_document"
    document_id: Id
    version_id: Id
    file: FileRef


@dataclass(frozen=True, kw_only=True)
class SetDocumentAccess(AccessValues, Operation):
    """Who may read it and from when; needs the server's authority."""

    kind: ClassVar[str] = "meeting_set_document_access"
    document_id: Id


@dataclass(frozen=True)
class RemoveMeetingDocument(Operation):
    kind: ClassVar[str] = "meeting_remove_document"
    document_id: Id


@dataclass(frozen=True)
class CommentDocument(Operation):
    kind: ClassVar[str] = "meeting_comment"
    comment_id: Id
    document_id: Id
    text: Annotated[str, Fits(MeetingComment.text)]
    page: Annotated[int | None, Fits(ge=1)] = None


@dataclass(frozen=True)
class AddNote(Operation):
    kind: ClassVar[str] = "meeting_add_note"
    note_id: Id
    document_id: Id
    version: Annotated[int, Fits(ge=1)]
    page: Annotated[int, Fits(ge=1)]
    note_kind: Annotated[str, Fits(PrivateNote.kind)]
    shape: Annotated[str, Fits(max_length=200_000)] = "{}"
    text: Annotated[str, Fits(max_length=20_000)] = ""
    color: Annotated[str, Fits(PrivateNote.color)] = "#ffeb3b"


@dataclass(frozen=True)
class UpdateNote(Operation):
    kind: ClassVar[str] = "meeting_update_note"
    note_id: Id
    shape: Annotated[str, Fits(max_length=200_000)]
    text: Annotated[str, Fits(max_length=20_000)] = ""
    color: Annotated[str, Fits(PrivateNote.color)] = "#ffeb3b"


@dataclass(frozen=True)
class DeleteNote(Operation):
    kind: ClassVar[str] = "meeting_delete_note"
    note_id: Id


@dataclass(frozen=True)
class RecordRead(Operation):
    """The first opening of a document by its reader (online or offline); the receipt's
    id is derived, and the earliest time is kept."""

    kind: ClassVar[str] = "meeting_record_read"
    document_id: Id
    version: Annotated[int, Fits(ge=1)]
    opened_at: Moment


# --------------------------------------------------------------------------- the minutes (meetings.minutes)


@dataclass(frozen=True)
class WriteMinutes(Operation):
    """The whole text of one part of the minutes (``texts``)."""

    kind: ClassVar[str] = "meeting_write_minutes"
    meeting_id: Id
    part: Annotated[str, Fits(MinutesText.part)]
    text: Annotated[str, Fits(max_length=20_000)] = ""


@dataclass(frozen=True)
class LinkMinutes(Operation):
    """Names the outgoing draft made from the minutes (``paper`` "minutes", type BB) or
    from their conclusions ("conclusions", type TB); sent right after its ``create_draft``."""

    kind: ClassVar[str] = "meeting_link_minutes"
    meeting_id: Id
    document_id: Id
    paper: Annotated[str, Fits(max_length=12)] = "minutes"
# --------------------------------------------------------------------------- written opinions


@dataclass(frozen=True)
class OpinionFile:
    document_id: Id
    title: Annotated[str, Fits(OpinionDocument.title)]
    file: FileRef


@dataclass(frozen=True)
class SendOpinionPoll(Operation):
    """The chair (or the meeting's office) asks the members in office a written question."""

    kind: ClassVar[str] = "meeting_opinion_send"
    poll_id: Id
    meeting_id: Id
    question: Annotated[str, Fits(OpinionPoll.question)]
    deadline: Moment
    details: Annotated[str, Fits(max_length=20_000)] = ""
    #: The key of the meeting's vote rule that decides it ("" : the meeting's first).
    rule: Annotated[str, Fits(max_length=40)] = ""
    documents: tuple[OpinionFile, ...] = ()


@dataclass(frozen=True)
class AnswerOpinionPoll(Operation):
    """A member's answer: agree, disagree, or another opinion written out."""

    kind: ClassVar[str] = "meeting_opinion_answer"
    poll_id: Id
    choice: Annotated[str, Fits(OpinionAnswer.choice)]
    text: Annotated[str, Fits(max_length=20_000)] = ""
    #: Optional: the answer signed with the member's e-card (``meetings.opinion_signing``).
    signature: Annotated[str, Fits(max_length=40_000)] = ""


@dataclass(frozen=True)
class CloseOpinionPoll(Operation):
    """Close and count; needs the server (it holds every answer)."""

    kind: ClassVar[str] = "meeting_opinion_close"
    poll_id: Id


# --------------------------------------------------------------------------- tasks (meetings.tasks)

#: The longest deadline a task takes, in working days (``tasks.MAX_DAYS``).
TaskDays = Annotated[int, Fits(ge=0, le=2_600)]


@dataclass(frozen=True)
class TaskHolder:
    """A unit or a person a task names (lead, coordinator): exactly one of the two ids."""

    unit_id: Id | None = None
    user_id: Id | None = None


@dataclass(frozen=True)
class AssignMeetingTask(Operation):
    """The chair (or an organiser) assigns a task; the deadline is counted in working days
    from ``on_date``, the day it was assigned (the server checks the day is plausible)."""

    kind: ClassVar[str] = "meeting_task_assign"
    task_id: Id
    meeting_id: Id
    what: Annotated[str, Fits(MeetingTask.what)]
    lead: TaskHolder
    deadline_days: TaskDays
    coordinators: tuple[TaskHolder, ...] = ()
    item_id: Id | None = None
    on_date: ISODate | None = None


@dataclass(frozen=True)
class StartMeetingTask(Operation):
    kind: ClassVar[str] = "meeting_task_start"
    task_id: Id


@dataclass(frozen=True)
class ForwardMeetingTask(Operation):
    """Chuyển xử lý: a child task for a unit below, or a person of the unit or below it;
    without ``deadline_days`` it keeps the task's deadline."""

    kind: ClassVar[str] = "meeting_task_forward"
    task_id: Id
    child_id: Id
    lead: TaskHolder
    coordinators: tuple[TaskHolder, ...] = ()
    deadline_days: Annotated[int | None, Fits(ge=0, le=2_600)] = None
    on_date: ISODate | None = None


@dataclass(frozen=True)
class ReturnMeetingTask(Operation):
    kind: ClassVar[str] = "meeting_task_return"
    task_id: Id
    reason: Annotated[str, Fits(max_length=5_000)]


@dataclass(frozen=True)
class CompleteMeetingTask(Operation):
    kind: ClassVar[str] = "meeting_task_complete"
    task_id: Id
    result_note: Annotated[str, Fits(max_length=20_000)] = ""
    reply_document_id: Id | None = None
