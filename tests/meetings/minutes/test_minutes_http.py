"""The minutes over the real server on loopback: the record read by those who see the
meeting and nobody else; the secretary's texts written offline, waiting in the outbox,
reaching the chair's desk and never a participant's or an outsider's; a member's write
refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from eoffice.meetings.minutes import texts
from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.operations import WriteMinutes
from eoffice.store.base import new_id
from tests.meetings.live.helpers import scheduled_meeting
from tests.meetings.minutes.story import run_a_little
from eoffice.sync.client import SyncClient
from eoffice.sync.credentials import Credentials
from tests.server.conftest import PASSWORD, api_client
from tests.sync.http_support import Device, Province


def _login(api: str, username: str) -> dict[str, str]:
    with api_client(api) as c:
        response = c.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _texts(device: Device) -> dict[str, str]:
    with device.store.read() as s:
        return {row.part: row.text for row in s.scalars(select(MinutesText))}


def test_the_record_is_read_by_those_who_see_the_meeting(province: Province, pdf_factory: Any):
    ids = scheduled_meeting(province, pdf_factory)
    speech_id = run_a_little(province.store, province.world, ids)
    api = f"{province.url}/api/v1"
    with api_client(api) as c:
        for username in ("vanthu", "lanhdao", "chuyenvien", "chuyenvien2"):  # the secretary, the chair, members
            got = c.get(f"/meetings/{ids['meeting']}/record", headers=_login(api, username))
            assert got.status_code == 200, (username, got.text)
            record = got.json()
            assert record["state"] == "closed" and [s["id"] for s in record["speeches"]] == [speech_id]
            assert record["speeches"][0]["item_id"] == ids["item"] and record["speeches"][0]["seconds"] == 180
        outsider = c.get(f"/meetings/{ids['meeting']}/record", headers=_login(api, "quantri"))
        assert outsider.status_code == 404, outsider.text
        assert c.get(f"/meetings/{ids['meeting']}/record").status_code == 401


def test_the_secretarys_texts_wait_offline_and_reach_only_the_organisers(province: Province, pdf_factory: Any):
    w = province.world
    ids = scheduled_meeting(province, pdf_factory)
    speech_id = run_a_little(province.store, province.world, ids)
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    officer = province.device("chuyenvien", w.officer_id)
    outsider = province.device("quantri", w.admin_id)
    clerk.engine.sync_once()  # the secretary's desk holds the meeting
    conclusion = texts.item_part(ids["item"], "conclusion")
    # written with no connection: applied on the desk at once, waiting in the outbox
    clerk.record(WriteMinutes(new_id(), ids["meeting"], conclusion, "Thống nhất thông qua."))
    clerk.record(WriteMinutes(new_id(), ids["meeting"], texts.speech_part(speech_id), "Đề nghị bổ sung số liệu."))
    clerk.record(WriteMinutes(new_id(), ids["meeting"], conclusion, "Thống nhất thông qua Dự thảo Nghị quyết."))
    assert _texts(clerk)[conclusion] == "Thống nhất thông qua Dự thảo Nghị quyết."
    with province.store.read() as s:
        assert s.scalars(select(MinutesText)).all() == []
    report = clerk.engine.sync_once()
    assert report.accepted == 3, report
    with province.store.read() as s:
        [row] = s.scalars(select(MinutesText).where(MinutesText.part == conclusion)).all()
        assert row.text == "Thống nhất thông qua Dự thảo Nghị quyết." and row.id == texts.text_id(ids["meeting"],
                                                                                                   conclusion)
    for device in (leader, officer, outsider):
        device.engine.sync_once()
    assert _texts(leader) == {conclusion: "Thống nhất thông qua Dự thảo Nghị quyết.",
                              texts.speech_part(speech_id): "Đề nghị bổ sung số liệu."}
    assert _texts(officer) == {} and _texts(outsider) == {}
    # a member who is not an organiser cannot write them: the desk does not offer it, and
    # the server refuses one pushed by hand
    with SyncClient(province.url, credentials=Credentials(province.url, "chuyenvien")) as pushing:
        pushing.login("chuyenvien", PASSWORD)
        forged = WriteMinutes(new_id(), ids["meeting"], "opening", "Tôi ghi biên bản")
        [answer] = pushing.push([forged])
    assert answer.outcome == "rejected" and "thư ký" in answer.reason
    with province.store.read() as s:
        assert s.scalars(select(MinutesText).where(MinutesText.part == "opening")).all() == []
