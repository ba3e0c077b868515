"""The votes' HTTP routes (``/api/v1/meetings/{meeting_id}/votes…``, see the package's
docstring): each one transaction over ``votes``, the server's clock as ``now``. Casting is
online only: the client never queues a ballot, the server answers at once.
"""

from __future__ import annotations

from fastapi import APIRouter

from eoffice.errors import NotFound
from eoffice.meetings import access
from eoffice.meetings.live import votes
from eoffice.meetings.live.ballot_box import ballot_box
from eoffice.meetings.live.models import VoteMethod
from eoffice.meetings.live.schemas import BallotReceipt, VoteOption, VoteSubject, VoteView
from eoffice.meetings.organising import meeting_of
from eoffice.server.deps import AUTH_RESPONSES, FORBIDDEN, CurrentUser, SettingsDep, StoreDep
from eoffice.server.routes import register_router
from eoffice.server.schemas import ErrorBody, RequestBody

router = APIRouter(prefix="/meetings", tags=["meetings"])

_RESPONSES = {
    **AUTH_RESPONSES, **FORBIDDEN,
    404: {"model": ErrorBody, "description": "No such meeting or vote"},
    409: {"model": ErrorBody, "description": "wrong_state, no_quorum, vote_not_open or already_voted"},
}


class NewVote(RequestBody):
    title: str
    method: str = VoteMethod.YES_NO.value
    secret: bool = False
    item_id: str | None = None
    options: list[VoteOption] | None = None
    subjects: list[VoteSubject] | None = None
    max_choices: int = 1
    rule_key: str = ""
    show_tally: bool = False
    time_limit_seconds: int = 0


class OpenVote(RequestBody):
    without_quorum: bool = False


class ShowTally(RequestBody):
    show: bool


class Ballot(RequestBody):
    choice: list[str]


@router.post("/{meeting_id}/votes", response_model=VoteView, responses=_RESPONSES)
def create(meeting_id: str, body: NewVote, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> VoteView:
    """Prepare a vote (the meeting's organisers)."""
    with store.write() as s:
        return votes.create_vote(
            s, user.id, meeting_id, title=body.title, method=body.method, secret=body.secret, item_id=body.item_id,
            options=body.options, subjects=body.subjects, max_choices=body.max_choices, rule_key=body.rule_key,
            show_tally=body.show_tally, time_limit_seconds=body.time_limit_seconds, now=settings.clock(),
        )


@router.post("/{meeting_id}/votes/{vote_id}/open", response_model=VoteView, responses=_RESPONSES)
def open_(meeting_id: str, vote_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep,
          body: OpenVote | None = None) -> VoteView:
    """Open it: ballots issued to the members entitled now; 409 ``no_quorum`` unless told."""
    with store.write() as s:
        return votes.open_vote(s, user.id, vote_id, without_quorum=bool(body and body.without_quorum),
                               now=settings.clock(), meeting_id=meeting_id)


@router.post("/{meeting_id}/votes/{vote_id}/close", response_model=VoteView, responses=_RESPONSES)
def close(meeting_id: str, vote_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> VoteView:
    """Close and count (the result is the organisers' until published)."""
    with store.write() as s:
        return votes.close_vote(s, user.id, vote_id, now=settings.clock(), meeting_id=meeting_id)


@router.post("/{meeting_id}/votes/{vote_id}/publish", response_model=VoteView, responses=_RESPONSES)
def publish(meeting_id: str, vote_id: str, user: CurrentUser, store: StoreDep, settings: SettingsDep) -> VoteView:
    with store.write() as s:
        return votes.publish_vote(s, user.id, vote_id, now=settings.clock(), meeting_id=meeting_id)


@router.post("/{meeting_id}/votes/{vote_id}/show-tally", response_model=VoteView, responses=_RESPONSES)
def show(meeting_id: str, vote_id: str, body: ShowTally, user: CurrentUser, store: StoreDep) -> VoteView:
    with store.write() as s:
        return votes.show_tally(s, user.id, vote_id, body.show, meeting_id=meeting_id)


@router.post("/{meeting_id}/votes/{vote_id}/ballot", response_model=BallotReceipt, responses=_RESPONSES)
async def ballot(meeting_id: str, vote_id: str, body: Ballot, user: CurrentUser, store: StoreDep,
                 settings: SettingsDep) -> BallotReceipt:
    """The signed-in user's ballot (or the member's, as their allowed substitute): once.

    Written with the ballots arriving at the same time, in one transaction; it waits for
    that on the event loop, not in a worker thread (``ballot_box``)."""
    return await ballot_box(store).cast(votes.BallotRequest(
        user_id=user.id, vote_id=vote_id, choice=body.choice, now=settings.clock(), meeting_id=meeting_id))


@router.get("/{meeting_id}/votes", response_model=list[VoteView], responses=_RESPONSES)
def list_votes(meeting_id: str, user: CurrentUser, store: StoreDep) -> list[VoteView]:
    """The meeting's votes as this user may see them (the snapshot carries the same)."""
    with store.read() as s:
        meeting = meeting_of(s, meeting_id)
        if not access.sees(s, user, meeting):
            raise NotFound("Không tìm thấy cuộc họp.", "Meeting not found.")
        return votes.vote_views(s, meeting_id, organiser=access.organises(s, user, meeting))


register_router(router)
