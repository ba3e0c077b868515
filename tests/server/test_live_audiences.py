"""A capability's own audience: a kind registered from outside the server reaches exactly
its members, from several organisations, over the real live channel.

The test plays a capability (as meetings will): a panel whose members come from two
organisations, kept in a table of its own, registered as an audience kind. Membership is
asked when an event is delivered, and the document rule still applies on top of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, String, Table, insert, select

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.server import events
from eoffice.store.base import new_id
from tests.server.conftest import Running, give_passwords
from tests.server.live_helpers import live_socket, receive, registered, until_ready

PANEL = "test_panel"

panel_members = Table(
    "test_panel_members", MetaData(),
    Column("panel_id", String(36), nullable=False),
    Column("user_id", String(36), nullable=False),
)


@dataclass
class Panel:
    running: Running
    id: str
    users: dict[str, str]  # username -> user id

    def join(self, username: str) -> None:
        with self.running.store.write() as s:
            s.execute(insert(panel_members).values(panel_id=self.id, user_id=self.users[username]))

    def tell(self, title: str, about: str | None = None) -> int:
        """An event for the panel's members (about a document when ``about``); its id."""
        with self.running.store.write() as s:
            ev = events.record_event(
                s, "panel.news", {"panel_id": self.id, "title": title},
                to=events.AudienceKey(PANEL, self.id), about=("document", about) if about else None,
            )
            return ev.seq

    def tell_one(self, username: str, title: str) -> int:
        with self.running.store.write() as s:
            to = events.person(self.users[username])
            assert to is not None
            return events.record_event(s, "panel.news", {"title": title}, to=to, about=None).seq


@pytest.fixture
def panel(running: Running) -> Iterator[Panel]:
    """A panel of the test organisation's clerk and another organisation's clerk; the
    officers of both organisations are not on it."""
    w = running.world
    with running.store.write() as s:
        other = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        users = {
            "vanthu": w.clerk_id,
            "chuyenvien": w.officer_id,
            "vanthu.snv": create_user(s, "vanthu.snv", "Nguyễn Thị Mai", other.id, {Role.CLERK}).id,
            "chuyenvien.snv": create_user(s, "chuyenvien.snv", "Lê Văn Bình", other.id, {Role.OFFICER}).id,
        }
        panel_members.create(s.connection())
    give_passwords(running.store, "vanthu.snv", "chuyenvien.snv")

    def members() -> Any:
        return select(panel_members.c.panel_id.label("ref"), panel_members.c.user_id.label("user_id"))

    events.register_audience(PANEL, members)
    try:
        made = Panel(running, new_id(), users)
        made.join("vanthu")
        made.join("vanthu.snv")
        yield made
    finally:
        events.unregister_audience(PANEL)


def _titles(messages: list[dict[str, Any]]) -> list[str]:
    return [m["payload"]["title"] for m in messages]


def test_a_registered_audience_reaches_exactly_its_members_of_two_organisations(running: Running, panel: Panel):
    tokens = {name: str(running.login(name)["access_token"]) for name in panel.users}
    with (
        live_socket(running.server.url, tokens["vanthu"]) as clerk,
        live_socket(running.server.url, tokens["vanthu.snv"]) as their_clerk,
        live_socket(running.server.url, tokens["chuyenvien"]) as officer,
        live_socket(running.server.url, tokens["chuyenvien.snv"]) as their_officer,
    ):
        for ws in (clerk, their_clerk, officer, their_officer):
            until_ready(ws)
        panel.tell("Họp lần 1")
        assert _titles([receive(clerk)]) == ["Họp lần 1"]
        assert _titles([receive(their_clerk)]) == ["Họp lần 1"]

        # Joined while connected: heard from the next event on (asked when it is sent).
        panel.join("chuyenvien.snv")
        doc = registered(running.store, running.world, "Về việc chuẩn bị họp")  # the first organisation's
        panel.tell("Tài liệu họp", about=doc)  # only members who may see the document
        panel.tell("Họp lần 2")
        assert _titles([receive(clerk), receive(clerk)]) == ["Tài liệu họp", "Họp lần 2"]
        assert _titles([receive(their_clerk)]) == ["Họp lần 2"]
        assert _titles([receive(their_officer)]) == ["Họp lần 2"]

        # Not on the panel: the first event the officer gets is one addressed to them alone.
        panel.tell_one("chuyenvien", "Riêng anh")
        assert _titles([receive(officer)]) == ["Riêng anh"]

    # The missed-events backlog asks the same: membership now, then the document rule.
    def missed(username: str) -> list[str]:
        with live_socket(running.server.url, tokens[username], after=0) as ws:
            return _titles(until_ready(ws)[0])

    assert missed("vanthu") == ["Họp lần 1", "Tài liệu họp", "Họp lần 2"]
    assert missed("vanthu.snv") == ["Họp lần 1", "Họp lần 2"]
    assert missed("chuyenvien.snv") == ["Họp lần 1", "Họp lần 2"]  # a member now
    assert missed("chuyenvien") == ["Riêng anh"]


def test_an_event_of_a_kind_no_capability_declares_reaches_nobody(running: Running, panel: Panel):
    token = str(running.login("vanthu")["access_token"])
    events.unregister_audience(PANEL)
    panel.tell("Không ai nghe")
    with live_socket(running.server.url, token, after=0) as ws:
        got, _ = until_ready(ws)
        assert got == []
        panel.tell_one("vanthu", "Chỉ mình chị")
        assert _titles([receive(ws)]) == ["Chỉ mình chị"]
