"""The sidebar's counts on a client: a first sync, later pulls, documents dropped."""

from __future__ import annotations

from datetime import timedelta

from eoffice.documents import boxcounts
from eoffice.documents.directions import LineSpec, complete_line, direct
from eoffice.documents.models import DirectionLine
from eoffice.documents.types import LineRole
from eoffice.store.bulk import indexes_aside, restore_derived
from eoffice.sync.applying import apply_once
from eoffice.documents.synced import drop_documents
from eoffice.sync.tables import schema
from tests.conftest import World
from tests.documents.test_box_counts import DIRECTED_ON, TODAY, check
from tests.sync.conftest import pull, register_op


def test_counts_after_a_pull_brings_and_drops_documents(server, client, tmp_path):
    """A first sync (indexes aside, then the counts built apart), a later pull, and
    documents dropped from the client."""
    ids = []
    with server.store.write() as s:
        for _ in range(4):
            op = register_op()
            assert apply_once(s, server.clerk_id, op).accepted
            ids.append(op.document_id)
    with server.store.write() as s:
        direct(s, server.leader_id, ids[0], "", [
            LineSpec(LineRole.LEAD, unit_id=server.office_unit_id, deadline=TODAY - timedelta(days=3)),
        ], today=DIRECTED_ON)
        direct(s, server.leader_id, ids[1], "", [
            LineSpec(LineRole.LEAD, user_id=server.officer_id, deadline=TODAY + timedelta(days=1)),
        ], today=DIRECTED_ON)
    local = World(client, *(getattr(server, f) for f in (
        "org_id", "office_unit_id", "finance_unit_id", "clerk_id", "leader_id", "officer_id", "officer2_id", "admin_id",
    )))
    with indexes_aside(client, schema().bulk_tables(), full_text=True):
        pull(server.store, client, server.leader_id, limit=2)
        with client.read() as s:
            assert boxcounts.is_aside(s.connection())
        check(local, rebuild=False)  # counted by the lists' conditions meanwhile
    with client.read() as s:
        assert boxcounts.is_aside(s.connection())  # for the engine's next round, not the load
    check(local, rebuild=False)
    assert restore_derived(client) == 1
    with client.read() as s:
        assert boxcounts.is_kept(s.connection())
    assert restore_derived(client) == 0
    check(local)

    with server.store.write() as s:
        direct(
            s, server.leader_id, ids[2], "", [LineSpec(LineRole.LEAD, unit_id=server.finance_unit_id)],
            today=DIRECTED_ON,
        )
        lines = {ln.document_id: ln.id for ln in s.query(DirectionLine)}
        complete_line(s, server.officer_id, lines[ids[1]], "Xong")
    pull(server.store, client, server.leader_id)
    check(local)
    with client.write() as s:
        drop_documents(s, [ids[0], ids[2]])
    check(local)


def test_counts_set_aside_by_a_killed_load_are_rebuilt_at_the_next_start(server, client):
    with server.store.write() as s:
        assert apply_once(s, server.clerk_id, register_op()).accepted
    with client.write() as s:
        boxcounts.set_aside(s.connection())  # what a first sync killed half-way leaves behind
    pull(server.store, client, server.clerk_id)
    local = World(client, *(getattr(server, f) for f in (
        "org_id", "office_unit_id", "finance_unit_id", "clerk_id", "leader_id", "officer_id", "officer2_id", "admin_id",
    )))
    check(local, rebuild=False)
    client.migrate()  # the next start
    with client.read() as s:
        assert not boxcounts.is_aside(s.connection())
    check(local)
