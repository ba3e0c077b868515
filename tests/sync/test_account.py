"""An account on this computer: signs in over HTTP, syncs until the window can open, then
keeps syncing in the background and hears the live channel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from eoffice.documents import operations as ops
from eoffice.documents.models import DirectionLine, Document
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from eoffice.sync.account import Account, Profile
from eoffice.sync.client import NotSignedIn
from eoffice.sync.client_state import get_cursor, record_local
from tests.server.conftest import PASSWORD
from tests.sync.conftest import doc_fields
from tests.sync.http_support import Province
from tests.waiting import PATIENCE, until

WAIT = PATIENCE


def _account(province: Province, tmp_path: Path, username: str) -> Account:
    profile = Profile.of(province.url, username, base=tmp_path / "desktop")
    return Account(profile, interval=5.0)


def _register(account: Account, pdf: Path) -> ops.RegisterIncoming:
    digest, size = account.blobs.put_file(pdf)
    op = ops.RegisterIncoming(
        op_id=new_id(), document_id=new_id(), fields=doc_fields("Về việc chuyển đổi số"),
        files=(FileRef(digest, pdf.name, size, 1, ""),), arrival_date="2026-03-03",
    )
    account.engine.user_id = account.user_id or ""
    with account.store.write() as s:
        account.desk.apply(s, account.user_id or "", op)
    account.desk.committed()
    return op


def _registered_and_listening(  # type: ignore[no-untyped-def]
    clerk: Account, officer: Account, leader, pdf_factory, on_event=None, on_round=None
) -> ops.RegisterIncoming:
    """The clerk registers a document the leader pulls; the officer's app runs, its live
    channel caught up."""
    for account in (clerk, officer):
        account.sign_in(PASSWORD)
        account.sync_until_ready()
    op = _register(clerk, pdf_factory("Về việc chuyển đổi số"))
    clerk.engine.sync_once()
    leader.engine.sync_once()
    officer.on_event = on_event
    officer.on_round = on_round
    officer.start()
    assert officer.live is not None and officer.live.ready.wait(WAIT)
    return op


def _direct_to_officer(province: Province, leader, op: ops.RegisterIncoming) -> None:  # type: ignore[no-untyped-def]
    w = province.world
    direct = ops.Direct(
        new_id(), op.document_id, new_id(), "Đề nghị chủ trì xử lý",
        (ops.LineRef(new_id(), "lead", user_id=w.officer_id, deadline="2099-01-01"),),
    )
    with leader.store.write() as s:
        record_local(s, w.leader_id, direct)
    assert leader.engine.sync_once().accepted == 1


def test_each_server_and_user_has_a_folder_of_its_own(tmp_path):
    a = Profile.of("http://127.0.0.1:8765", "VanThu", base=tmp_path)
    b = Profile.of("http://127.0.0.1:8765", "lanhdao", base=tmp_path)
    c = Profile.of("https://eoffice.nghean.gov.vn", "vanthu", base=tmp_path)
    assert len({a.root, b.root, c.root}) == 3
    assert a.username == "vanthu" and a.root.is_relative_to(tmp_path)
    assert not a.exists()


def test_a_new_computer_signs_in_and_syncs_until_its_own_user_is_here(province, tmp_path):
    account = _account(province, tmp_path, "vanthu")
    try:
        assert not account.signed_in()
        with pytest.raises(NotSignedIn):
            account.sync_until_ready()
        user = account.sign_in(PASSWORD)
        assert user["id"] == province.world.clerk_id
        assert account.signed_in()  # the refresh token is in the keyring
        seen = []
        account.sync_until_ready(progress=seen.append)
        assert account.has_user_row()
        assert seen and seen[-1].online is True
        assert account.profile.exists()
    finally:
        account.close()

    again = _account(province, tmp_path, "vanthu")  # the next start: no password asked
    try:
        assert again.signed_in() and again.has_user_row()
        assert again.user_id == province.world.clerk_id
    finally:
        again.close()


def test_a_direction_pushed_by_the_leader_arrives_live_and_by_pull(province, tmp_path, pdf_factory):
    w = province.world
    clerk = _account(province, tmp_path, "vanthu")
    officer = _account(province, tmp_path, "chuyenvien")
    leader = province.device("lanhdao", w.leader_id)
    events: list[dict] = []
    arrived = threading.Event()
    rounds = []

    def heard(event: dict) -> None:
        events.append(event)

    def round_done(report) -> None:  # type: ignore[no-untyped-def]
        rounds.append(report)
        with officer.store.read() as s:
            if s.query(DirectionLine).filter(DirectionLine.user_id == w.officer_id).count():
                arrived.set()

    try:
        op = _registered_and_listening(clerk, officer, leader, pdf_factory, heard, round_done)
        _direct_to_officer(province, leader, op)

        assert arrived.wait(WAIT), "the officer's database never received the direction"
        # A round may pull the direction before the live event is handed over: wait for it.
        until(lambda: events, "the live event of the direction")
        assert [e["kind"] for e in events] == ["direction.assigned"]
        assert events[0]["payload"]["document_id"] == op.document_id
        with officer.store.read() as s:
            assert s.get(Document, op.document_id) is not None
            assert get_cursor(s, "live") == events[0]["id"]  # the next start resumes after it
    finally:
        officer.close()
        clerk.close()


def test_a_direction_made_while_the_app_was_closed_is_told_at_its_next_start(province, tmp_path, pdf_factory):
    """The live channel keeps the id it was caught up to: the next start asks for the
    events since, so the notification of a new direction is not lost with the window."""
    w = province.world
    clerk = _account(province, tmp_path, "vanthu")
    officer = _account(province, tmp_path, "chuyenvien")
    leader = province.device("lanhdao", w.leader_id)
    try:
        op = _registered_and_listening(clerk, officer, leader, pdf_factory)
    finally:
        officer.close()
        clerk.close()
    _direct_to_officer(province, leader, op)

    again = _account(province, tmp_path, "chuyenvien")
    heard: list[dict] = []
    told = threading.Event()
    again.on_event = lambda event: (heard.append(event), told.set())
    try:
        assert again.signed_in()
        again.start()
        assert told.wait(WAIT), "the direction made meanwhile was never told"
        assert [e["kind"] for e in heard] == ["direction.assigned"]
        assert heard[0]["payload"]["document_id"] == op.document_id
    finally:
        again.close()


def test_an_account_follows_a_server_that_came_back_at_another_address(province, tmp_path, pdf_factory):
    from eoffice.server.embedded import EmbeddedServer

    where: list[str] = []
    profile = Profile.of(province.url, "vanthu", base=tmp_path / "desktop")
    account = Account(profile, interval=5.0, locate=lambda: where[-1] if where else None)
    moved = None
    try:
        account.sign_in(PASSWORD)
        account.sync_until_ready()
        province.server.stop()
        moved = EmbeddedServer(province.store, province.blobs, province.settings).start(timeout=PATIENCE)
        assert moved.url != profile.server_url
        op = _register(account, pdf_factory("Về việc chuyển đổi số"))
        account.engine.min_backoff = account.engine.max_backoff = 0.1
        account.start()
        until(lambda: account.engine.status().online is False, "the account finds the server gone")
        where.append(moved.url)  # now the locator knows the new address
        until(lambda: not account.engine.status().pending, "the account pushes to the new address")
        with province.store.read() as s:
            assert s.get(Document, op.document_id).arrival_number == 1
        assert account.client.base_url == moved.url
    finally:
        account.close()
        if moved is not None:
            moved.stop()
