"""``eoffice admin register-certificate``: the admin binds e-cards' certificates to their holders."""

from __future__ import annotations

from sqlalchemy import select

from eoffice.server.process import open_server
from eoffice.signing.models import SigningCertificate
from tests.server.pki import make_ca, make_leaf, pem
from tests.server.test_admin_cli import _organisation, eoffice


def test_register_a_users_and_an_organisations_certificate_then_remove_one(server_dir, tmp_path):
    _organisation(server_dir)
    made = eoffice(
        server_dir, "create-user", "--username", "snv.giamdoc", "--full-name", "Nguyễn Văn Đức", "--organ-id",
        "000.00.12.H41", "--roles", "leader", "--password-env", "NEW_PASSWORD", password="mat-khau-dau-tien",
    )
    assert made.returncode == 0, made.stderr
    ca, ca_key = make_ca()
    (tmp_path / "ca.pem").write_bytes(pem(ca))
    (tmp_path / "giamdoc.pem").write_bytes(pem(make_leaf(ca, ca_key, "Nguyễn Văn Đức")))
    (tmp_path / "snv.pem").write_bytes(pem(make_leaf(ca, ca_key, "Sở Nội vụ tỉnh Nghệ An")))

    person = eoffice(server_dir, "register-certificate", str(tmp_path / "giamdoc.pem"), "--username", "snv.giamdoc")
    assert person.returncode == 0, person.stderr
    assert "cho Nguyễn Văn Đức" in person.stdout
    seal = eoffice(server_dir, "register-certificate", str(tmp_path / "snv.pem"), "--organ-id", "000.00.12.H41")
    assert seal.returncode == 0 and "cho cơ quan Sở Nội vụ tỉnh Nghệ An" in seal.stdout
    taken = eoffice(server_dir, "register-certificate", str(tmp_path / "giamdoc.pem"), "--organ-id", "000.00.12.H41")
    assert taken.returncode == 1 and "đã được đăng ký cho Nguyễn Văn Đức" in taken.stderr
    ca_refused = eoffice(server_dir, "register-certificate", str(tmp_path / "ca.pem"), "--username", "snv.giamdoc")
    assert ca_refused.returncode == 1 and "CA" in ca_refused.stderr
    removed = eoffice(server_dir, "register-certificate", str(tmp_path / "giamdoc.pem"), "--remove")
    assert removed.returncode == 0, removed.stderr

    store, _, _ = open_server(None, server_dir)
    try:
        with store.read() as s:
            rows = {r.subject: (r.user_id is None, r.deleted) for r in s.scalars(select(SigningCertificate))}
    finally:
        store.dispose()
    assert rows == {"CN=Nguyễn Văn Đức,C=VN": (False, True), "CN=Sở Nội vụ tỉnh Nghệ An,C=VN": (True, False)}
