"""The server's duplicate warning tells a clerk nothing of a document they may not see.

A confidential incoming document reaches only the clerk who registered it (and the
leaders): another clerk's desktop never pulls it, so registering the same document there
passes on the desk, and the server finds the duplicate when the operation arrives. Its
rejection — the reason the desk shows — says that a document with that number is
registered where this clerk may not read and whom to ask, never its number, số đến,
subject or id; told, the clerk may register it anyway. Over the real HTTP server, on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.documents.incoming import UNSEEN_DUPLICATE
from eoffice.documents.models import Document
from eoffice.store.base import new_id
from eoffice.sync.client_state import rejected_operations
from tests.server.conftest import give_passwords
from tests.sync.http_support import Device, Province
from tests.sync.test_http_sync import _register

SUBJECT = "Phương án bảo vệ mục tiêu trọng điểm"


def _push(device: Device, op: ops.RegisterIncoming) -> None:
    """Send the registration's PDF and then its queued operation, as the engine does."""
    device.client.upload_blob(device.blobs.path_for(op.files[0].digest))
    device.engine.sync_once()


def _rejections(device: Device) -> dict[str, tuple[str, str]]:
    with device.store.read() as s:
        return {row.op_id: (row.reason_vi, row.reason_en) for row in rejected_operations(s)}


def test_a_duplicate_of_a_document_the_clerk_may_not_see_is_refused_without_anything_of_it(
    province: Province, pdf_factory
):
    w = province.world
    with province.store.write() as s:
        clerk2 = create_user(s, "vanthu2", "Hoàng Văn Sơn", w.org_id, {Role.CLERK}, w.office_unit_id, "Văn thư").id
    give_passwords(province.store, "vanthu2")
    registrar = province.device("vanthu2", clerk2)
    clerk = province.device("vanthu", w.clerk_id)
    registrar.engine.sync_once()
    clerk.engine.sync_once()

    secret_pdf = pdf_factory(SUBJECT)
    secret = _register(registrar, secret_pdf, SUBJECT, code_number="05", secrecy="confidential")
    _push(registrar, secret)
    with province.store.read() as s:
        hidden = s.get(Document, secret.document_id)
        assert hidden is not None and hidden.arrival_number == 1
    clerk.engine.sync_once()
    with clerk.store.read() as s:
        assert s.get(Document, secret.document_id) is None  # never pulled: the desk cannot warn

    same_number = _register(clerk, pdf_factory("Công văn khác"), "Công văn khác", code_number="05")
    same_file = _register(clerk, secret_pdf, "Công văn khác nữa", code_number="88")
    _push(clerk, same_number)
    _push(clerk, same_file)
    refused = _rejections(clerk)
    assert refused == {same_number.op_id: UNSEEN_DUPLICATE, same_file.op_id: UNSEEN_DUPLICATE}
    leaks = ("05", "01", "SNV-VP", "mục tiêu", secret.document_id)
    assert [word for word in leaks for reason in refused.values() if word in " ".join(reason)] == []
    with clerk.store.read() as s:  # undone on the desk
        assert s.get(Document, same_number.document_id) is None

    # Told, the clerk registers it anyway: it takes the ordinary register's first number.
    anyway = ops.RegisterIncoming(
        new_id(), new_id(), dict(same_number.fields), same_number.files, same_number.arrival_date,
        allow_duplicate=True,
    )
    [accepted] = clerk.client.push([anyway])
    assert accepted.outcome == "accepted" and accepted.result["arrival_number"] == 1

    # The clerk who registered the confidential one is told which one it is.
    again = ops.RegisterIncoming(new_id(), new_id(), dict(secret.fields), secret.files, secret.arrival_date)
    [own] = registrar.client.push([again])
    assert own.outcome == "rejected" and own.reason.startswith("Văn bản có thể đã được vào sổ: 05/SNV-VP (số đến 01)")
