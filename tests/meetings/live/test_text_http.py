"""Text the live session's routes take (an absence's reason, a refusal's, a vote's title and
options) through the real server on SQLite and PostgreSQL: the six characters ``\\u0000``
are text like any other and kept as written; a real NUL, or a lone surrogate, is refused
with a 422 naming the field, nothing written. A NUL in the address is refused the same way.

PostgreSQL refuses a NUL in text in the middle of the transaction: before the bodies were
checked (``server.schemas.RequestBody``) each of these was a 500 there, and SQLite kept it.
"""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select

from eoffice.meetings.live.models import Attendance, Speech, Vote
from tests.meetings.factories import make_meeting
from tests.meetings.live.test_session_http import _login
from tests.server.conftest import api_client
from tests.sync.http_support import Province

SPELLED = "Ốm, giấy báo gõ nhầm \\u0000"  # backslash, u, 0, 0, 0, 0
assert len("\\u0000") == 6 and "\x00" not in SPELLED
REFUSED_VI = "chứa ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hóa)."


def _refused(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_text"
    assert body["message"] == f"“{field}” {REFUSED_VI}"
    assert body["message_en"].startswith(f"{field} holds a character no database stores")


def _votes(province: Province) -> int:
    with province.store.read() as s:
        return s.scalar(select(func.count()).select_from(Vote)) or 0


def test_spelled_escapes_are_kept_and_real_nul_is_refused_by_name(province: Province):
    w = province.world
    rows = make_meeting(province.store, w)
    api = f"{province.url}/api/v1"
    base = f"/meetings/{rows.meeting_id}"
    leader, officer = _login(api, "lanhdao"), _login(api, "chuyenvien")
    absent = rows.participants[rows.delegate_id]
    with api_client(api) as c:
        assert c.post(f"{base}/session/open", headers=leader, json={}).status_code == 200

        def mark(reason: str) -> httpx.Response:
            return c.post(f"{base}/attendance", headers=leader,
                          json={"participant_id": absent, "presence": "absent", "reason": reason})

        _refused(mark("Ốm\x00"), "reason")
        with province.store.read() as s:
            assert s.scalar(select(Attendance).where(Attendance.participant_id == absent)) is None
        assert mark(SPELLED).status_code == 200

        asked = c.post(f"{base}/speakers", headers=officer, json={"kind": "speech"}).json()["id"]
        refuse = f"{base}/speakers/{asked}/refuse"
        _refused(c.post(refuse, headers=leader, json={"reason": "Lạc đề\x00"}), "reason")
        with province.store.read() as s:
            assert s.get(Speech, asked).state == "waiting"  # type: ignore[union-attr]
        assert c.post(refuse, headers=leader, json={"reason": SPELLED}).status_code == 200

        def vote(title: str, label: str = "Đồng ý") -> dict[str, Any]:
            return {"title": title, "method": "choices", "rule_key": "majority",
                    "options": [{"key": "a", "label": label}, {"key": "b", "label": "Không đồng ý"}]}

        _refused(c.post(f"{base}/votes", headers=leader, json=vote("Thông qua\x00")), "title")
        _refused(c.post(f"{base}/votes", headers=leader, json=vote("Thông qua", "Đồng\x00ý")), "options")
        lone = b'{"title": "Th\\ud800ng qua", "rule_key": "majority"}'  # a lone surrogate, as JSON may spell it
        _refused(c.post(f"{base}/votes", headers={**leader, "Content-Type": "application/json"}, content=lone),
                 "title")
        assert _votes(province) == 0
        made = c.post(f"{base}/votes", headers=leader, json=vote(SPELLED, SPELLED))
        assert made.status_code == 200, made.text
        assert made.json()["title"] == SPELLED and made.json()["options"][0]["label"] == SPELLED

        # Ids in the address: no route runs.
        for address in (f"/meetings/{rows.meeting_id}%00/session", "/documents?ids=%00"):
            answer = c.get(address, headers=leader)
            assert answer.status_code == 422, (address, answer.text)
            assert answer.json() == {
                "error": "invalid_text", "message": "Địa chỉ yêu cầu chứa ký tự không hợp lệ (ký tự điều khiển).",
                "message_en": "The request's address holds a control character no database stores.",
            }
        assert c.get(f"{base}/session", headers=leader).status_code == 200  # and it still serves

    with province.store.read() as s:
        assert s.scalar(select(Attendance.reason).where(Attendance.participant_id == absent)) == SPELLED
        assert s.get(Speech, asked).reason == SPELLED  # type: ignore[union-attr]
        assert s.scalar(select(Vote.title)) == SPELLED
