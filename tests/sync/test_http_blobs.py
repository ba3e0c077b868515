"""Attachments over HTTP: verified uploads, Range downloads that resume, streaming sizes."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.documents import operations as ops
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore, sha256_file
from eoffice.sync.client import BlobCorrupt, Offline, ServerRefused, SyncClient
from eoffice.sync.client_state import record_local
from eoffice.sync.credentials import Credentials
from tests.sync.conftest import doc_fields
from tests.sync.http_support import CuttingProxy, Device

MB = 1024 * 1024


def _big_file(path: Path, size: int) -> str:
    """A file of random bytes written in pieces (never whole in memory); returns its digest."""
    hasher = hashlib.sha256()
    with open(path, "wb") as out:
        left = size
        while left:
            piece = os.urandom(min(left, MB))
            hasher.update(piece)
            out.write(piece)
            left -= len(piece)
    return hasher.hexdigest()


def _register_file(device: Device, path: Path, pages: int = 1) -> FileRef:
    """Register ``path`` (``pages`` long: 0 for bytes that are no PDF) as the desk would."""
    device.engine.sync_once()  # the organisation's directory first
    digest, size = device.blobs.put_file(path)
    ref = FileRef(digest, "ho-so.pdf", size, pages, "")
    op = ops.RegisterIncoming(new_id(), new_id(), doc_fields("Hồ sơ kèm tệp lớn"), (ref,), "2026-03-03")
    with device.store.write() as s:
        record_local(s, device.user_id, op)
    return ref


def _leftovers(blobs: BlobStore) -> list[str]:
    return [p.name for p in blobs.root.iterdir() if p.is_file()]


def test_an_upload_whose_bytes_do_not_match_its_digest_is_refused_and_not_kept(province, tmp_path):
    clerk = province.device("vanthu", province.world.clerk_id)
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7 noi dung" * 1000)
    wrong = hashlib.sha256(b"something else").hexdigest()
    with pytest.raises(ServerRefused) as raised:
        clerk.client.upload_blob(path, wrong)
    assert raised.value.status == 422 and "không khớp" in raised.value.message_vi
    assert not province.blobs.has(wrong) and _leftovers(province.blobs) == []
    right = clerk.client.upload_blob(path)
    assert province.blobs.has(right) and sha256_file(province.blobs.path_for(right)) == right
    assert clerk.client.upload_blob(path) == right  # already there: nothing sent again


def test_range_requests_and_head(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    ref = _register_file(clerk, pdf_factory())
    clerk.engine.sync_once()
    data = clerk.blobs.path_for(ref.digest).read_bytes()
    head = clerk.client._send("HEAD", f"/blobs/{ref.digest}")
    assert head.status_code == 200 and int(head.headers["content-length"]) == len(data)
    part = clerk.client._send("GET", f"/blobs/{ref.digest}", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.content == data[10:20]
    assert part.headers["content-range"] == f"bytes 10-19/{len(data)}" and part.headers["accept-ranges"] == "bytes"
    rest = clerk.client._send("GET", f"/blobs/{ref.digest}", headers={"Range": f"bytes={len(data) - 5}-"})
    assert rest.status_code == 206 and rest.content == data[-5:]
    past_the_end = {"Range": f"bytes={len(data) + 5}-"}
    assert clerk.client._send("GET", f"/blobs/{ref.digest}", headers=past_the_end).status_code == 416
    unknown = "0" * 64
    assert clerk.client._send("GET", f"/blobs/{unknown}").status_code == 404
    assert clerk.client._send("GET", "/blobs/not-a-digest").status_code == 422


def test_a_download_cut_mid_body_resumes_and_a_corrupted_blob_is_refused(province, tmp_path):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    path = tmp_path / "ho-so.pdf"
    digest = _big_file(path, 3 * MB)
    ref = _register_file(clerk, path, pages=0)
    clerk.engine.sync_once()
    assert province.blobs.has(digest)

    proxy = CuttingProxy(province.server.port, cut_after=MB)
    try:
        leader = province.device("lanhdao", w.leader_id, url=proxy.url)
        with pytest.raises(Offline):
            leader.client.download_blob(ref.digest, leader.blobs)
        part = leader.blobs.root / f".download-{digest}"
        cut_at = part.stat().st_size
        assert 0 < cut_at < 3 * MB and not leader.blobs.has(digest)
        leader.engine.sync_once()  # pulls the document, then fetches the rest of its file
        assert leader.blobs.has(digest) and sha256_file(leader.blobs.path_for(digest)) == digest
        assert not part.exists()
        asked = b"".join(proxy.requests)
        assert f"range: bytes={cut_at}-".encode() in asked.lower()
    finally:
        proxy.close()

    # The server's copy goes bad on disk: a client refuses it and keeps nothing.
    stored = province.blobs.path_for(digest)
    with open(stored, "r+b") as f:
        f.seek(MB)
        f.write(b"\x00" * 16)
    officer_store = BlobStore(tmp_path / "another")
    with pytest.raises(BlobCorrupt) as raised:
        leader.client.download_blob(digest, officer_store)
    assert "bị hỏng" in raised.value.message_vi
    assert not officer_store.has(digest) and _leftovers(officer_store) == []


def test_a_20_mb_attachment_streams_through_both_sides(province, tmp_path):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    path = tmp_path / "lon.pdf"
    digest = _big_file(path, 20 * MB)
    _register_file(clerk, path, pages=0)
    tracemalloc.start()
    try:
        clerk.engine.sync_once()  # upload (server receives) + push
        _, upload_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        leader.engine.sync_once()  # pull + download (server sends)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sha256_file(leader.blobs.path_for(digest)) == digest
    # Client and server both run in this process: neither held the 20 MB body.
    assert upload_peak < 6 * MB, upload_peak
    assert download_peak < 6 * MB, download_peak


def test_a_blob_of_a_document_one_may_not_see_is_refused_and_audited(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    ref = _register_file(clerk, pdf_factory())
    clerk.engine.sync_once()
    # A user of another organisation: the document is not theirs.
    from eoffice.directory.admin import create_organisation, create_user
    from eoffice.directory.models import Role
    from tests.server.conftest import give_passwords

    with province.store.write() as s:
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        stranger_id = create_user(s, "nguoila", "Người Lạ", other.id, {Role.LEADER}, None, "Giám đốc").id
    give_passwords(province.store, "nguoila")
    stranger = SyncClient(province.url, credentials=Credentials(province.url))
    with stranger:
        stranger.login("nguoila", "mat-khau-1234")
        with pytest.raises(ServerRefused) as raised:
            stranger.download_blob(ref.digest, BlobStore(province.tmp / "stranger"))
    assert raised.value.status == 403
    with province.store.read() as s:
        denied = s.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied")).all()
    assert any(e.actor_id == stranger_id for e in denied)
