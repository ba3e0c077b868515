"""Every demo user, in every role the demo has, signs in to the demo server over HTTP and
pulls everything from cursor 0: each page answered, and what arrives is what the rules
give them (the diaries by the domain's own check, ``review.may_read``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.demo.cards import give_cards
from eoffice.demo.server import DEMO_PASSWORD, seed_server
from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.documents.models import Document
from eoffice.documents.visibility import visible_documents
from eoffice.meetings.access import meeting_clause
from eoffice.meetings.live import attendance
from eoffice.meetings.meetings import PEOPLE_COLUMNS
from eoffice.meetings.models import Meeting
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.settings import ServerSettings
from eoffice.signing.models import TrustedRoot
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.versioning import install_versioning
from eoffice.worklog import review
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek
from tests.server.conftest import api_client

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 19)
DIARY = {"worklog_entries": WorklogEntry, "worklog_weeks": WorklogWeek, "worklog_comments": WorklogComment}


def _pull_everything(base: str, username: str, limit: int) -> dict[str, set[str]]:
    """Sign in as ``username`` and pull from cursor 0 to the end; ids per table."""
    got: dict[str, set[str]] = {}
    with api_client(base) as http:
        signed_in = http.post("/auth/login", json={"username": username, "password": DEMO_PASSWORD})
        assert signed_in.status_code == 200, (username, signed_in.text)
        http.headers["Authorization"] = f"Bearer {signed_in.json()['access_token']}"
        cursor, more = 0, True
        while more:
            response = http.get("/changes", params={"cursor": cursor, "limit": limit})
            assert response.status_code == 200, (username, cursor, response.text)
            page = response.json()
            for table, rows in page["rows"].items():
                got.setdefault(table, set()).update(row["id"] for row in rows)
            assert page["next_cursor"] > cursor or not page["more"]
            cursor, more = page["next_cursor"], page["more"]
    return got


def _met(session, user: User) -> set[str]:  # type: ignore[no-untyped-def]
    """The people of other organisations a user receives: those named in the meetings they
    see whose people come from several organisations (the HĐND session's UBND guests)."""
    found: set[str] = set()
    for meeting_id in session.scalars(select(Meeting.id).where(meeting_clause(user))):
        named: set[str] = set()
        for column in PEOPLE_COLUMNS:
            key = column.class_.id if column.class_ is Meeting else column.class_.meeting_id
            named |= {i for i in session.scalars(select(column).where(key == meeting_id)) if i}
        organisations = set(session.scalars(select(User.organisation_id).where(User.id.in_(sorted(named)))))
        if len(organisations) > 1:
            found |= named
    return found


def test_every_demo_user_pulls_everything_from_cursor_0_over_http(store: Store, tmp_path: Path):
    install_versioning(store)
    blobs = BlobStore(tmp_path / "server" / "blobs")
    seed_server(store, blobs, documents=40, today=TODAY)
    give_cards(store, blobs, tmp_path / "cards")
    with store.read() as s:  # this afternoon's HĐND session is ready to run live
        today = s.scalars(select(Meeting).where(Meeting.title == "Kỳ họp chuyên đề HĐND tỉnh khóa XVIII")).one()
        assert today.state == "scheduled" and today.starts_at.date() == TODAY
        view = attendance.attendance_view(s, today.id)
        assert view.quorum.holds and view.hall == 38
        waiting = {r.full_name for r in view.rows if r.presence == "not_arrived"}
        delegate = s.scalars(select(User).where(User.username == "daibieu10")).one()
        assert delegate.full_name in waiting  # checks in from their own app in the demo
        mine = next(r for r in view.rows if r.user_id == delegate.id)
        assert (mine.presence, mine.reason) == ("not_arrived", "")  # said they would come
        users = list(s.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username)))
        assert {role for u in users for role in u.roles} == set(Role)
        heads = [u for u in users if u.has_role(Role.LEADER) and u.has_role(Role.OFFICER)]
        # The case that broke: a head of unit who reviews someone, with rows in every diary table.
        assert heads and all(
            s.scalar(select(WorklogComment.id).where(WorklogComment.author_id == h.id)) for h in heads
        )
        owners = {name: {row.id: row.user_id for row in s.scalars(select(model))} for name, model in DIARY.items()}
        everyone = {u.id: u for u in users}
        expected: dict[str, dict[str, set[str]]] = {}
        for user in users:
            readable = {o for o in everyone if review.may_read(s, user, everyone[o])}
            expected[user.username] = {
                "organisations": set(s.scalars(select(Organisation.id))),
                "units": set(s.scalars(select(Unit.id).where(Unit.organisation_id == user.organisation_id))),
                "users": set(s.scalars(select(User.id).where(User.organisation_id == user.organisation_id)))
                | _met(s, user),
                "documents": set(s.scalars(select(Document.id).where(visible_documents(user, s)))),
                "trusted_roots": set(s.scalars(select(TrustedRoot.id))),
                **{name: {i for i, o in rows.items() if o in readable} for name, rows in owners.items()},
            }
    assert any(expected[h.username]["worklog_comments"] and expected[h.username]["worklog_weeks"] for h in heads)
    server = EmbeddedServer(store, blobs, ServerSettings(data_dir=tmp_path / "server")).start()
    try:
        for user in users:
            got = _pull_everything(f"{server.url}/api/v1", user.username, limit=200)
            for table, ids in expected[user.username].items():
                assert got.get(table, set()) == ids, (user.username, table)
    finally:
        server.stop()
