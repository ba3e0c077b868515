"""The live session through the real server on loopback: the chair opens it, a participant's
live socket hears the meeting start and every change of the session in order, and the
snapshot answers what the screens draw."""

from __future__ import annotations

from typing import Any

from eoffice.meetings import passes
from eoffice.meetings.pass_routes import server_key
from tests.meetings.factories import make_meeting
from tests.server.conftest import PASSWORD, api_client
from tests.server.live_helpers import live_socket, receive, until_ready
from tests.sync.http_support import Province


def _login(api: str, username: str) -> dict[str, str]:
    with api_client(api) as c:
        response = c.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _live(ws: Any) -> tuple[str, str, Any]:
    message = receive(ws)
    payload = message["payload"]
    return message["kind"], payload.get("part", ""), payload.get("data", {}).get("state", payload.get("state"))


def test_a_participant_hears_the_session_live_and_reads_its_snapshot(province: Province):
    w = province.world
    rows = make_meeting(province.store, w)
    api = f"{province.url}/api/v1"
    base = f"/meetings/{rows.meeting_id}"
    leader, officer, outsider = (_login(api, name) for name in ("lanhdao", "chuyenvien", "chuyenvien2"))
    officer_token = officer["Authorization"].removeprefix("Bearer ")
    with api_client(api) as c, live_socket(province.url, officer_token) as ws:
        until_ready(ws)
        refused = c.post(f"{base}/session/open", headers=officer)
        assert (refused.status_code, refused.json()["error"]) == (403, "permission_denied")

        opened = c.post(f"{base}/session/open", headers=leader, json={})
        assert opened.status_code == 200, opened.text
        assert opened.json()["state"] == "running"
        assert _live(ws) == ("meeting.started", "", "in_session")
        assert _live(ws) == ("meeting.live", "session", "running")

        checked = c.post(f"{base}/check-in", headers=officer, json={"online": False})
        assert checked.status_code == 200 and checked.json()["presence"] == "hall"
        message = receive(ws)["payload"]
        assert message["part"] == "attendance" and message["data"]["hall"] == 1
        assert message["data"]["quorum"]["present"] == 1 and not message["data"]["complete"]

        key = server_key(province.settings.data_dir)
        other = passes.issue_pass(key, "another-meeting", w.leader_id)
        scan = c.post(f"{base}/check-in/pass", headers=leader, json={"token": other})
        assert (scan.status_code, scan.json()["error"]) == (409, "pass_refused")
        scan = c.post(f"{base}/check-in/pass", headers=leader,
                      json={"token": passes.issue_pass(key, rows.meeting_id, w.leader_id)})
        assert scan.status_code == 200 and scan.json()["method"] == "pass"
        assert receive(ws)["payload"]["data"]["quorum"]["present"] == 2  # the chair is a member in office too

        asked = c.post(f"{base}/speakers", headers=officer, json={"kind": "speech"})
        assert asked.status_code == 200, asked.text
        assert _live(ws)[1] == "speakers"
        accepted = c.post(f"{base}/speakers/{asked.json()['id']}/accept", headers=leader)
        assert accepted.status_code == 200 and accepted.json()["queue"][0]["state"] == "accepted"
        assert _live(ws)[1] == "speakers"
        following = c.post(f"{base}/speakers/next", headers=leader)
        assert following.json()["current"]["id"] == asked.json()["id"]
        assert _live(ws)[1] == "speakers"

        assert c.post(f"{base}/session/pause", headers=leader).json()["state"] == "paused"
        assert _live(ws) == ("meeting.live", "session", "paused")

        snapshot = c.get(f"{base}/session", headers=officer)
        assert snapshot.status_code == 200, snapshot.text
        body = snapshot.json()
        assert body["session"]["state"] == "paused" and body["revision"] == 7
        assert body["me"]["presence"] == "hall" and not body["me"]["organiser"]
        assert body["speakers"]["current"]["user_id"] == w.officer_id
        assert {t["user_id"] for t in body["speakers"]["totals"]} == set(rows.participants)
        assert c.get(f"{base}/session", headers=outsider).status_code == 404

        closed = c.post(f"{base}/session/close", headers=leader)
        assert closed.status_code == 200 and closed.json()["state"] == "closed"
        assert [_live(ws) for _ in range(3)] == [
            ("meeting.closed", "", "closed"), ("meeting.live", "speakers", None), ("meeting.live", "session", "closed"),
        ]
        assert c.post(f"{base}/session/open", headers=leader).status_code == 409
