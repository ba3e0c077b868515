"""The live channel tells nobody about a document their pull would not send them.

Every role of two organisations is connected to ``/api/v1/live`` while secret work goes
on over HTTP (a confidential document registered, directed with lead, coordinate and
inform lines to people and units, forwarded, completed; a confidential reply drafted,
approved, issued and delivered to the other organisation) next to ordinary work. Each
socket must then hold events only about documents its user pulls — live, and again from
the missed-events backlog of a new connection — and those the rule lets them see must
still arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection

from eoffice.directory.admin import create_organisation, create_unit, create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.ops import FileRef, Operation
from eoffice.store.base import new_id
from eoffice.sync.client import SyncClient
from eoffice.sync.credentials import Credentials
from tests.server.conftest import PASSWORD, give_passwords
from tests.server.live_helpers import live_socket, receive, until_ready
from tests.sync.conftest import doc_fields
from tests.sync.http_support import Province, memory_keyring, province  # noqa: F401  (fixtures)

SECRET = "confidential"


@dataclass
class Person:
    """One signed-in user with their live socket and what it has received."""

    username: str
    user_id: str
    client: SyncClient
    socket: ClientConnection
    heard: list[dict[str, Any]] = field(default_factory=list)

    def push(self, op: Operation) -> dict[str, Any]:
        [result] = self.client.push([op])
        assert result.outcome == "accepted", (self.username, op.kind, result.reason)
        return result.result

    def wait_for(self, document_id: str) -> None:
        """Read the socket until an event about ``document_id`` (this person's last one)."""
        while not any(e["payload"].get("document_id") == document_id for e in self.heard):
            message = receive(self.socket)
            assert message["type"] == "event", message
            self.heard.append(message)

    def pulled_documents(self) -> set[str]:
        """The documents a pull from cursor 0 sends this person, over HTTP."""
        found: set[str] = set()
        cursor, more = 0, True
        while more:
            page = self.client.pull(cursor, limit=500)
            found.update(row["id"] for row in page.rows["documents"])
            cursor, more = page.next_cursor, page.more
        return found


@dataclass
class Scene:
    """Everyone signed in and listening, and the places the work goes to."""

    people: dict[str, Person]
    team_unit_id: str  # TH, below Văn phòng
    other_org_id: str  # Sở Nội vụ


@pytest.fixture
def scene(province: Province) -> Iterator[Scene]:  # noqa: F811
    """Every role of the test organisation (and a unit below Văn phòng, a second clerk and
    leader, a head of unit) and of a second organisation, signed in, sockets ready."""
    w = province.world
    with province.store.write() as s:
        th = create_unit(s, w.org_id, "TH", "Phòng Tổng hợp", parent_id=w.office_unit_id)
        made = [
            create_user(s, "vanthu2", "Vũ Thị Hạnh", w.org_id, {Role.CLERK}, w.office_unit_id),
            create_user(s, "lanhdao2", "Hoàng Văn Nam", w.org_id, {Role.LEADER}, w.office_unit_id),
            create_user(s, "chuyenvien3", "Đinh Thu Trang", w.org_id, {Role.OFFICER}, th.id),
            create_user(s, "chuyenvien4", "Trịnh Thị Ngọc", w.org_id, {Role.OFFICER}, w.office_unit_id),
            create_user(s, "truongphongtc", "Lý Thị Nga", w.org_id, {Role.LEADER, Role.OFFICER}, w.finance_unit_id),
        ]
        other = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        made += [
            create_user(s, "vanthu.snv", "Nguyễn Thị Mai", other.id, {Role.CLERK}),
            create_user(s, "giamdoc.snv", "Lê Thị Hồng", other.id, {Role.LEADER}),
            create_user(s, "chuyenvien.snv", "Lê Minh Anh", other.id, {Role.OFFICER}),
        ]
        ids = {
            "vanthu": w.clerk_id, "lanhdao": w.leader_id, "chuyenvien": w.officer_id,
            "chuyenvien2": w.officer2_id, "quantri": w.admin_id, **{u.username: u.id for u in made},
        }
        places = (th.id, other.id)
    give_passwords(province.store, *ids)
    with ExitStack() as stack:
        people = {}
        for username, user_id in ids.items():
            client = stack.enter_context(SyncClient(province.url, credentials=Credentials(province.url, username)))
            client.login(username, PASSWORD)
            socket = stack.enter_context(live_socket(province.url, client.access_token))
            until_ready(socket)
            people[username] = Person(username, user_id, client, socket)
        yield Scene(people, *places)


def _file(person: Person, pdf: Path) -> FileRef:
    digest = person.client.upload_blob(pdf)
    return FileRef(digest, pdf.name, pdf.stat().st_size, 1, "")


def _line(role: str, *, unit_id: str | None = None, user_id: str | None = None) -> ops.LineRef:
    return ops.LineRef(new_id(), role, unit_id=unit_id, user_id=user_id, deadline="2099-01-01")


def _register(clerk: Person, pdf: Path, subject: str, secrecy: str = "none") -> str:
    fields = doc_fields(subject, secrecy=secrecy)
    op = ops.RegisterIncoming(new_id(), new_id(), fields, (_file(clerk, pdf),), "2026-03-03")
    clerk.push(op)
    return op.document_id


def _reply(drafter: Person, approver: Person, clerk: Person, pdf: Path, subject: str, secrecy: str = "none") -> str:
    """A reply drafted, submitted, approved and issued; its id."""
    doc_id = new_id()
    fields = {"type_name": "Công văn", "subject": subject, "secrecy": secrecy}
    drafter.push(ops.CreateDraft(new_id(), doc_id, fields, (_file(drafter, pdf),)))
    drafter.push(ops.SubmitDraft(new_id(), doc_id, approver.user_id))
    approver.push(ops.ApproveDraft(new_id(), doc_id, "Đồng ý"))
    clerk.push(ops.Issue(new_id(), doc_id, "2026-03-05"))
    return doc_id


def test_every_role_hears_only_of_documents_its_pull_sends(
    province: Province, scene: Scene, pdf_factory: Callable[..., Path],  # noqa: F811
):
    w = province.world
    p = scene.people

    # A confidential incoming document, directed to a person, a unit to coordinate and a
    # unit informed, with a direction text that says what it is about.
    secret = _register(p["vanthu"], pdf_factory("Về công tác bảo vệ bí mật"), "Về công tác bảo vệ bí mật", SECRET)
    lead, coordinate, inform = (
        _line("lead", user_id=w.officer_id), _line("coordinate", unit_id=w.finance_unit_id),
        _line("inform", unit_id=w.office_unit_id),
    )
    p["lanhdao"].push(ops.Direct(new_id(), secret, new_id(), "Nội dung chỉ đạo mật", (lead, coordinate, inform)))
    # The person forwards their line down to a unit below theirs; the head of the
    # coordinating unit completes its line.
    p["chuyenvien"].push(ops.ForwardLine(new_id(), lead.line_id, (_line("lead", unit_id=scene.team_unit_id),)))
    p["truongphongtc"].push(ops.CompleteLine(new_id(), coordinate.line_id, "Đã phối hợp"))
    # A second one directed to a unit only.
    unit_only = _register(p["vanthu"], pdf_factory("Về nhân sự"), "Về nhân sự", SECRET)
    to_office = (_line("lead", unit_id=w.office_unit_id),)
    p["lanhdao"].push(ops.Direct(new_id(), unit_only, new_id(), "Văn phòng tham mưu", to_office))
    # A confidential reply, through approval and issue, delivered to the other organisation.
    secret_reply = _reply(p["chuyenvien"], p["lanhdao"], p["vanthu"], pdf_factory("Trả lời mật"), "Trả lời mật", SECRET)
    secret_copy = new_id()
    p["vanthu"].push(ops.Deliver(new_id(), secret_reply, (scene.other_org_id,), (secret_copy,)))
    # Ordinary work beside it: a unit's line reaches its members who see the document.
    ordinary = _register(p["vanthu"], pdf_factory("Về chuyển đổi số"), "Về chuyển đổi số")
    to_office = (_line("lead", unit_id=w.office_unit_id),)
    p["lanhdao"].push(ops.Direct(new_id(), ordinary, new_id(), "Văn phòng chủ trì", to_office))

    # Last, something for every socket, so that each knows when it has heard everything.
    last: dict[str, str] = {}
    marker = _register(p["vanthu"], pdf_factory("Về lịch công tác"), "Về lịch công tác")
    org = [name for name in p if not name.endswith(".snv")]
    lines = tuple(
        _line("lead" if name == "chuyenvien" else "inform", user_id=p[name].user_id)
        for name in org if name != "lanhdao2"
    )
    p["lanhdao2"].push(ops.Direct(new_id(), marker, new_id(), "Để biết", lines))
    last.update(dict.fromkeys((n for n in org if n != "lanhdao2"), marker))
    last["lanhdao2"] = their_draft = new_id()
    p["chuyenvien"].push(ops.CreateDraft(new_id(), their_draft, {"type_name": "Công văn", "subject": "Lịch họp"},
                                         (_file(p["chuyenvien"], pdf_factory("Lịch họp")),)))
    p["chuyenvien"].push(ops.SubmitDraft(new_id(), their_draft, p["lanhdao2"].user_id))
    delivered = _reply(p["chuyenvien"], p["lanhdao"], p["vanthu"], pdf_factory("Mời họp"), "Mời họp")
    last["vanthu.snv"] = copy = new_id()
    p["vanthu"].push(ops.Deliver(new_id(), delivered, (scene.other_org_id,), (copy,)))
    snv_draft = new_id()
    p["chuyenvien.snv"].push(ops.CreateDraft(new_id(), snv_draft, {"type_name": "Tờ trình", "subject": "Đề xuất"},
                                             (_file(p["chuyenvien.snv"], pdf_factory("Đề xuất")),)))
    p["chuyenvien.snv"].push(ops.SubmitDraft(new_id(), snv_draft, p["giamdoc.snv"].user_id))
    p["giamdoc.snv"].push(ops.ReturnDraft(new_id(), snv_draft, "Bổ sung số liệu"))
    last["giamdoc.snv"] = last["chuyenvien.snv"] = snv_draft
    assert set(last) == set(p)

    about: dict[str, list[str]] = {}
    sees: dict[str, set[str]] = {}
    for name, person in p.items():
        person.wait_for(last[name])
        ids = [e["id"] for e in person.heard]
        assert ids == sorted(set(ids)), name  # in order, once each
        about[name] = [e["payload"]["document_id"] for e in person.heard]
        sees[name] = person.pulled_documents()
        unseen = [e for e in person.heard if e["payload"]["document_id"] not in sees[name]]
        assert unseen == [], name

    # Nothing of the secret work reached those it does not name: the informed unit's
    # officer and other clerk, the admin, the unit the line was forwarded to, the other
    # organisation's clerk who received the copy.
    for name in ("chuyenvien4", "vanthu2", "quantri", "chuyenvien3", "chuyenvien2", "vanthu.snv"):
        assert not {secret, unit_only, secret_copy} & set(about[name]), name
    assert secret_reply not in about["chuyenvien4"] and ordinary not in about["quantri"]
    # ... while those it names, or who must act on it, heard of it.
    direction = next(e for e in p["chuyenvien"].heard if e["payload"]["document_id"] == secret)
    assert direction["payload"]["text"] == "Nội dung chỉ đạo mật"
    assert secret in about["truongphongtc"]  # a leader: the coordinating unit's line
    assert secret in about["vanthu"] and unit_only in about["vanthu"]  # who registered them, in the unit
    assert secret in about["lanhdao2"]  # a leader of Văn phòng, informed
    assert secret_reply in about["vanthu2"]  # approved: both clerks number and issue it
    assert ordinary in about["chuyenvien"] and ordinary in about["vanthu2"] and copy in about["vanthu.snv"]

    # A new connection's missed events pass the same rule: the same events again (and
    # those that came after each one's last, about documents they see too).
    for name, person in p.items():
        with live_socket(province.url, person.client.access_token, after=0) as again:
            missed, _ready = until_ready(again)
        assert {e["payload"]["document_id"] for e in missed} <= sees[name], name
        heard_upto = person.heard[-1]["id"]
        assert [e["id"] for e in missed if e["id"] <= heard_upto] == [e["id"] for e in person.heard], name
