"""The desktop's calls to a session over the real server on loopback: a ballot that
cannot reach the server says so plainly and is never kept to be sent later; one whose
answer was lost is sent again, counted once, and the voter told it was recorded."""

from __future__ import annotations

import pytest

from eoffice.meetings.live.client import BallotNotSent, SessionClient
from eoffice.sync.client import Offline, ServerRefused
from eoffice.sync.client_state import pending_operations
from tests.meetings.live.helpers import scheduled_meeting
from tests.sync.http_support import CuttingProxy, Province


def test_a_ballot_without_the_server_is_not_sent_and_says_so(province: Province) -> None:
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    calls = SessionClient(officer.client, "meeting-1")
    province.server.stop()  # the network is gone
    with pytest.raises(BallotNotSent) as caught:
        calls.cast_ballot("vote-1", ["yes"])
    assert caught.value.message_vi == (
        "Không gửi được phiếu biểu quyết: máy đang mất kết nối với máy chủ. "
        "Biểu quyết chỉ thực hiện được khi có kết nối."
    )
    assert "only while connected" in caught.value.message_en
    with officer.store.read() as s:  # nothing queued: a ballot is not an operation
        assert pending_operations(s) == []
    with pytest.raises(Offline):  # other calls: the usual "offline"
        calls.snapshot()


def test_a_ballot_whose_answer_was_lost_is_counted_once_and_said_recorded(province: Province, pdf_factory) -> None:
    w = province.world
    ids = scheduled_meeting(province, pdf_factory)
    chair = SessionClient(province.device("vanthu", w.clerk_id).client, ids["meeting"])
    officer = province.device("chuyenvien", w.officer_id)
    mine = SessionClient(officer.client, ids["meeting"])
    other = SessionClient(province.device("chuyenvien2", w.officer2_id).client, ids["meeting"])
    assert chair.open().state == "running"
    mine.check_in()
    other.check_in()
    vote = chair.prepare_vote("Thông qua Dự thảo Nghị quyết về giá đất", "majority", item_id=ids["item"])
    assert chair.open_vote(vote.id, without_quorum=True).state == "open"

    # The answer to the ballot is cut on its way back: the retry learns it was counted.
    proxy = CuttingProxy(province.server.port, cut_after=1)
    try:
        officer.client.retarget(proxy.url)
        outcome = mine.cast_ballot(vote.id, ["yes"])
    finally:
        officer.client.retarget(province.url)
        proxy.close()
    assert outcome.recorded_before and outcome.receipt is None
    assert outcome.message_vi == "Phiếu của bạn đã được ghi nhận."
    assert sum(b"/ballot" in r for r in proxy.requests) == 2  # sent twice…

    # …counted once; a second ballot of one's own is refused as such, never counted.
    with pytest.raises(ServerRefused) as caught:
        mine.cast_ballot(vote.id, ["no"])
    assert caught.value.code == "already_voted"
    assert other.cast_ballot(vote.id, ["no"]).receipt is not None
    closed = chair.close_vote(vote.id)
    assert closed.returned == 2
    assert closed.result is not None and closed.result.counts.get("yes") == 1 and closed.result.counts.get("no") == 1
