"""The desktop on attacked files: the signatures tab shows the document as changed, and
registering a received one warns and offers to return it (see ``tests.signing.attacks``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from eoffice.signing.trust import add_trusted_root
from eoffice.ui.signing.signatures_panel import SignaturesPanel
from tests.signing.attacks import ATTACKS
from tests.ui.helpers import drop_files

WAIT = 30_000


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_the_signatures_tab_shows_an_attacked_document_as_changed(qtbot, decree, test_pki, attack):
    panel = SignaturesPanel()
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.verified, timeout=WAIT):
        panel.verify(decree.attack(attack), [test_pki.root.cert])
    assert "KHÔNG hợp lệ" in panel.banner.text()
    bad = next(i for i, s in enumerate(panel.report.signatures) if not s.ok)
    assert panel.model.index(bad, 2).data() == "KHÔNG hợp lệ"
    assert "•" in panel.details.text()  # the reasons, one per line

    with qtbot.waitSignal(panel.verified, timeout=WAIT):  # the honest file, for contrast
        panel.verify(decree.sealed["plain"], [test_pki.root.cert])
    assert "KHÔNG" not in panel.banner.text()


def test_registering_an_attacked_pdf_warns_and_offers_to_return_it(qtbot, window, ui_world, decree, test_pki):
    with ui_world.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    for attack in ATTACKS:
        path = decree.attack(attack)
        if dialog.files.paths:
            dialog.files.list.setCurrentRow(0)
            qtbot.mouseClick(dialog.files.remove_button, Qt.LeftButton)
        drop_files(dialog, [path])
        qtbot.waitUntil(lambda p=path: dialog.report is not None and dialog.files.paths == [p], timeout=WAIT)
        text = dialog.signatures.text()
        assert text.startswith("KHÔNG hợp lệ"), (attack, text)
        assert dialog.return_button.isVisible(), attack
        assert dialog.return_reason.text().startswith("Văn bản điện tử có chữ ký số không hợp lệ"), attack
