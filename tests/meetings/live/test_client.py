"""The desktop's calls to a session over the real server on loopback: a ballot that
cannot reach the server says so plainly and is never kept to be sent later."""

from __future__ import annotations

import pytest

from eoffice.meetings.live.client import BallotNotSent, SessionClient
from eoffice.sync.client import Offline
from eoffice.sync.client_state import pending_operations
from tests.sync.http_support import Province


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
