"""Votes through the real server on loopback: the organiser prepares, opens, closes and
publishes; members cast ballots from their computers; a second ballot, also one sent at
the same moment from a second computer, is refused with 409 ``already_voted``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from eoffice.sync.client import ServerRefused, SyncClient
from eoffice.sync.credentials import Credentials
from tests.meetings.live.ballots import attend, council
from tests.server.conftest import PASSWORD, give_passwords
from tests.sync.http_support import Province


@contextmanager
def signed_in(province: Province, username: str) -> Iterator[SyncClient]:
    with SyncClient(province.url, credentials=Credentials(province.url, username)) as client:
        client.login(username, PASSWORD)
        yield client


def refused(call: object, *args: object) -> ServerRefused:
    with pytest.raises(ServerRefused) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value


def test_ballots_over_http(province: Province):
    w = province.world
    c = council(province.store, w)
    attend(province.store, c.rows, c.rows.delegate_id, "absent")
    give_passwords(province.store, "daibieu")
    base = f"/meetings/{c.meeting_id}/votes"
    with signed_in(province, "vanthu") as clerk, signed_in(province, "chuyenvien") as officer, \
            signed_in(province, "lanhdao") as chair, signed_in(province, "lanhdao") as chair_laptop, \
            signed_in(province, "daibieu") as absent:
        vote = clerk.post_json(base, {"title": "Thông qua Tờ trình số 12", "rule_key": "majority"})
        assert vote["state"] == "prepared"
        no = refused(officer.post_json, f"{base}/{vote['id']}/open", {})
        assert (no.status, no.code) == (403, "permission_denied")
        opened = clerk.post_json(f"{base}/{vote['id']}/open", {"without_quorum": False})
        assert (opened["state"], opened["issued"]) == ("open", 2)

        receipt = officer.post_json(f"{base}/{vote['id']}/ballot", {"choice": ["yes"]})
        assert receipt == {"vote_id": vote["id"], "returned": 1, "issued": 2}
        again = refused(officer.post_json, f"{base}/{vote['id']}/ballot", {"choice": ["no"]})
        assert (again.status, again.code) == (409, "already_voted")
        assert again.message_vi.startswith("Phiếu của đại biểu đã được ghi nhận")
        absent_one = refused(absent.post_json, f"{base}/{vote['id']}/ballot", {"choice": ["yes"]})
        assert (absent_one.status, absent_one.code) == (403, "not_entitled")

        # The chair's desk and laptop send the ballot at the same moment: one counts.
        start = threading.Barrier(2)
        answers: list[object] = [None, None]

        def cast(n: int, client: SyncClient) -> None:
            start.wait()
            try:
                answers[n] = client.post_json(f"{base}/{vote['id']}/ballot", {"choice": ["yes"]})
            except ServerRefused as error:
                answers[n] = error.code

        threads = [threading.Thread(target=cast, args=(n, cl)) for n, cl in enumerate((chair, chair_laptop))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(map(str, answers))[0] == "already_voted"
        assert {"vote_id": vote["id"], "returned": 2, "issued": 2} in answers

        closed = clerk.post_json(f"{base}/{vote['id']}/close")
        assert closed["result"]["counts"] == {"yes": 2, "no": 0, "abstain": 0}
        assert closed["result"]["verdict"]["passed"] and closed["result"]["percents"]["yes"] == "66.67"
        late = refused(officer.post_json, f"{base}/{vote['id']}/ballot", {"choice": ["yes"]})
        assert (late.status, late.code) == (409, "vote_not_open")
        assert officer.get_json(base)[0]["result"] is None  # not published yet
        clerk.post_json(f"{base}/{vote['id']}/publish")
        seen = officer.get_json(base)[0]
        assert seen["state"] == "published" and seen["result"]["verdict"]["text"] == "Thông qua"
        wrong = refused(clerk.post_json, f"{base}/{vote['id']}/close")
        assert (wrong.status, wrong.code) == (409, "wrong_state")
        # An election by secret ballot, over HTTP too.
        election = clerk.post_json(base, {
            "title": "Bầu Phó Chủ tịch", "method": "choices", "secret": True, "rule_key": "majority",
            "options": [{"key": "an", "label": "Nguyễn Văn An"}, {"key": "binh", "label": "Trần Bình"}],
        })
        clerk.post_json(f"{base}/{election['id']}/open", {"without_quorum": True})
        assert officer.post_json(f"{base}/{election['id']}/ballot", {"choice": ["an"]})["returned"] == 1
        tally = refused(clerk.post_json, f"{base}/{election['id']}/show-tally", {"show": True})
        assert (tally.status, tally.code) == (409, "wrong_state")
        counted = clerk.post_json(f"{base}/{election['id']}/close")["result"]
        assert counted["counts"] == {"an": 1, "binh": 0} and counted["named"] == []
        assert counted["record"]["returned"] == 1 and counted["elected"] == []  # 1 of 3 is no majority
    # The refused ballot was audited (who, where), never with what it chose.
    with province.store.read() as s:
        audited = [" ".join(map(str, row)) for row in s.execute(sa.text("SELECT * FROM audit_events"))]
    refusals = [row for row in audited if "not_entitled" in row]
    assert refusals and all(c.rows.delegate_id in row for row in refusals)
    assert not any("choice" in row or '"yes"' in row for row in audited)
