"""The desktop refuses to sign with a card that is not the user's, before its PIN is asked.

Through the real main window on a standalone database (the desk is its own authority),
with a SoftHSM2 e-card holding two certificates and soft cards as files: the leader's
"Ký số" lists them all; picking a colleague's e-card certificate, or a colleague's
certificate file whose certificate lies beside it, shows whose card it is and never asks
for the PIN; a certificate file readable only with its password is checked once opened,
before anything is signed; the card registered to the leader signs and approves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from eoffice.documents.models import Document
from eoffice.signing import pki
from eoffice.signing.ownership import register_certificate
from eoffice.signing.settings import SigningSettings, save_settings
from eoffice.signing.trust import add_trusted_root
from tests.signing.conftest import PASSWORD, SOFTHSM_LIB, Pki, Token
from tests.ui.helpers import click_row, switch_user
from tests.ui.test_signing_desktop import submitted_draft

WAIT = 30_000


def test_another_persons_card_is_refused_before_the_pin_and_the_registered_one_signs(
    qtbot, window, ui_world, blobs, letter, test_pki: Pki, softhsm_token: Token, tmp_path: Path
):
    w = ui_world
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
        # The e-card's generated key is the leader's, registered by the admin.
        register_certificate(s, softhsm_token.generated_cert.public_bytes(_pem()), user_id=w.leader_id)
    draft_id = submitted_draft(w, blobs, letter)
    colleague = pki.issue_signer(test_pki.intermediate, pki.name("Lê Minh Anh", "UBND tỉnh Nghệ An"))
    colleague_file = tmp_path / "le-minh-anh.p12"
    colleague_file.write_bytes(pki.pkcs12_bytes(colleague, [test_pki.intermediate.cert], PASSWORD, "officer"))
    colleague_file.with_suffix(".crt.pem").write_bytes(colleague.pem)  # as CAs hand it out
    window.section("signing").key_files = [colleague_file, test_pki.p12("agency")]
    window.section("signing").settings_file = save_settings(
        SigningSettings(pkcs11_modules=(SOFTHSM_LIB,)), tmp_path / "signing.json"
    )

    switch_user(qtbot, window, w.leader_id)
    window.section("documents").box_actions[5].trigger()  # drafts to approve
    click_row(qtbot, window, draft_id)
    window.section("signing").act_sign.trigger()
    qtbot.waitUntil(
        lambda: window.section("signing").sign_flow is not None
        and window.section("signing").sign_flow.dialog is not None,
        timeout=WAIT,
    )
    dialog = window.section("signing").sign_flow.dialog
    qtbot.waitUntil(lambda: dialog.box is not None and dialog.chooser.model.rowCount() == 4, timeout=WAIT)
    asked: list[str] = []
    answers: list[str | None] = []

    def ask_pin(_parent, choice, _state):  # type: ignore[no-untyped-def]
        asked.append(choice.name)
        pin = answers.pop(0) if answers else None  # nothing to type: cancel
        return None if pin is None else (pin, False)

    dialog.ask_pin = ask_pin
    rows = dialog.chooser.model.rows

    def row_of(match) -> int:  # type: ignore[no-untyped-def]
        return next(i for i, c in enumerate(rows) if match(c))

    def sign_with(row: int) -> None:
        dialog.chooser.select(row)
        qtbot.waitUntil(lambda: dialog.sign_button.isEnabled(), timeout=WAIT)
        dialog.error.clear()
        qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)

    # The other certificate on the e-card is a clerk's: refused, the PIN never asked.
    sign_with(row_of(lambda c: c.key_id == softhsm_token.imported_id.hex()))
    qtbot.waitUntil(lambda: dialog.error.text() != "" or bool(asked), timeout=WAIT)
    assert asked == []
    assert "“Văn thư Nhập Khóa”" in dialog.error.text() and "Nguyễn Văn Đức" in dialog.error.text()
    assert "không phải chứng thư số đã đăng ký" in dialog.error.text()
    assert asked == []

    # A colleague's certificate file, its certificate beside it: refused before the password.
    sign_with(row_of(lambda c: c.path == colleague_file))
    qtbot.waitUntil(lambda: dialog.error.text() != "" or bool(asked), timeout=WAIT)
    assert "“Lê Minh Anh”" in dialog.error.text() and asked == []

    # A file that only its password opens (the agency's): checked once opened, before signing.
    answers.append(PASSWORD)
    sign_with(row_of(lambda c: c.path == test_pki.p12("agency")))
    qtbot.waitUntil(lambda: dialog.error.text() != "" and not dialog.runner.busy, timeout=WAIT)
    assert "“Ủy ban nhân dân tỉnh Nghệ An”" in dialog.error.text() and asked == ["agency"]
    assert dialog.result is None and not dialog.output.exists()
    with w.store.read() as s:
        assert s.get(Document, draft_id).state == "submitted"

    # The leader's own (registered) e-card certificate: the PIN is asked, the draft signed.
    answers.append(softhsm_token.pin)
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        sign_with(row_of(lambda c: c.key_id == softhsm_token.generated_id.hex()))
    assert asked == ["agency", "Trần Thị Thẻ"]
    qtbot.waitUntil(
        lambda: window.section("documents").current is not None
        and window.section("documents").current.state == "approved",
        timeout=WAIT,
    )
    with w.store.read() as s:
        assert s.get(Document, draft_id).files[0].signed_kinds == "signer"


def _pem():  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.PEM
