"""The leader places the number and date by hand where the finder is unsure of them (a PDF from Word)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.filling import issue_fields
from eoffice.signing.placement import DATE, NUMBER
from eoffice.ui.signing.sign_dialog import SignDialog
from tests.signing.conftest import PASSWORD
from tests.signing.test_filling import word_letter
from tests.ui.signing.test_signing_widgets import answer_pin, drag


def _rects(path):  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as handle:
        form = PdfFileReader(handle, strict=False).root["/AcroForm"]["/Fields"]
        return {str(f.get_object()["/T"]): [float(v) for v in f.get_object()["/Rect"]] for f in form}


def test_the_leader_drags_the_number_where_it_belongs_and_the_field_is_made_there(qtbot, test_pki, tmp_path):
    draft = word_letter(tmp_path / "word.pdf")
    out = tmp_path / "signed.pdf"
    appearance = Appearance(
        Kind.SIGNER, image=images.signature_image("Nguyễn Văn Đức"), title="Chủ tịch", name="Nguyễn Văn Đức",
        seal_image=images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"),
    )
    dialog = SignDialog(draft, out, appearance, module_paths=[], pkcs12_files=[test_pki.p12("signer")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.box_item is not None, timeout=10_000)
    # no "Số:" and no date line: both places are proposed, movable, and the dialog says so
    assert set(dialog.issue_items) == {NUMBER, DATE}
    assert "Số:" in dialog.place.text() and "trang 1" in dialog.place.text()
    proposed = dialog.issue_boxes[NUMBER]
    rect = dialog.issue_items[NUMBER].rect()
    drag(dialog.view, rect.center(), rect.center() + QPointF(40, 25))
    moved = dialog.issue_boxes[NUMBER]
    assert moved.x1 > proposed.x1 + 20 and moved.y1 < proposed.y1 - 10  # right and down (PDF y grows upwards)
    assert abs(moved.width - proposed.width) < 0.5  # moved, not resized
    date_box = dialog.issue_boxes[DATE]

    answer_pin(qtbot, PASSWORD)
    with qtbot.waitSignal(dialog.signed, timeout=30_000):
        qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    assert issue_fields(out).open == ("number", "date")
    rects = _rects(out)
    for name, box in ((NUMBER, moved), (DATE, date_box)):
        assert all(abs(a - b) < 0.6 for a, b in zip(rects[name], (box.x1, box.y1, box.x2, box.y2), strict=True)), name


def test_a_draft_whose_places_are_found_shows_no_extra_boxes(qtbot, test_pki, tmp_path):
    from tests.signing.attacks import write_letter

    draft = write_letter(tmp_path / "letter.pdf")
    dialog = SignDialog(
        draft, tmp_path / "signed.pdf", Appearance(Kind.SIGNER, title="Chủ tịch", name="Nguyễn Văn Đức"),
        module_paths=[], pkcs12_files=[test_pki.p12("signer")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.box_item is not None, timeout=10_000)
    assert dialog.issue_items == {} and "Số:" not in dialog.place.text()


def test_on_a_two_page_letter_page_1_shows_above_the_signature_page(qtbot, test_pki, tmp_path):
    draft = word_letter(tmp_path / "long.pdf", body_times=160)
    out = tmp_path / "signed.pdf"
    dialog = SignDialog(
        draft, out, Appearance(Kind.SIGNER, image=images.signature_image("Nguyễn Văn Đức"), title="Chủ tịch",
                               name="Nguyễn Văn Đức"),
        module_paths=[], pkcs12_files=[test_pki.p12("signer")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.box_item is not None, timeout=10_000)
    assert dialog.box is not None and dialog.box.page > 0
    assert dialog.first_page_item is not None and dialog.page_item.pos().y() > dialog.first_page_item.pixmap().height()
    number = dialog.issue_boxes[NUMBER]
    rect = dialog.issue_items[NUMBER].rect()
    assert rect.bottom() < dialog.page_item.pos().y()  # on page 1, above the signature's page
    drag(dialog.view, rect.center(), rect.center() + QPointF(30, 0))
    moved = dialog.issue_boxes[NUMBER]
    assert moved.page == 0 and moved.x1 > number.x1 + 15 and abs(moved.y1 - number.y1) < 0.5
    signer = dialog.box
    answer_pin(qtbot, PASSWORD)
    with qtbot.waitSignal(dialog.signed, timeout=30_000):
        qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)
    rects = _rects(out)
    assert all(abs(a - b) < 0.6 for a, b in zip(rects[NUMBER], (moved.x1, moved.y1, moved.x2, moved.y2), strict=True))
    from eoffice.signing.placement import existing_signatures

    [sig] = existing_signatures(out)
    assert sig.box is not None and sig.box.page == signer.page and abs(sig.box.y1 - signer.y1) < 1.5
