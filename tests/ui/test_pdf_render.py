"""Signatures and seals show in every PDF view of the app (issue 15, stop 3).

A signature's visible part is an annotation's appearance stream; QtPdf draws it only when
asked. A letter is signed by the director and sealed by the agency with the decree's
appearances, then its page 1 is looked at through each view: the seal's red must be
inside the seal's box (and the signer's blue inside the signer's box).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import SignResult, sign_pdf
from eoffice.signing.placement import Box
from eoffice.ui.pdf.render import load_pdf, render_page
from eoffice.ui.pdf.view import PdfPageView
from tests.signing.conftest import PASSWORD, Pki, have_font
from tests.conftest import need

ORGANISATION = "Ủy ban nhân dân tỉnh Nghệ An"


def coloured(image: QImage, area: QRect, channel: int) -> int:
    """Pixels of ``area`` where ``channel`` (0 red, 2 blue) clearly dominates."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    area = area.intersected(image.rect())
    count = 0
    for y in range(area.top(), area.bottom() + 1, 2):
        for x in range(area.left(), area.right() + 1, 2):
            colour = image.pixelColor(x, y)
            rgb = (colour.red(), colour.green(), colour.blue())
            if rgb[channel] > 120 and all(rgb[channel] - rgb[c] > 60 for c in range(3) if c != channel):
                count += 1
    return count


def box_area(box: Box, page_height: float, scale: float, left: int = 0, top: int = 0) -> QRect:
    """The box (PDF points, y up) in the pixels of a page drawn at ``scale`` from (left, top)."""
    return QRect(
        left + round(box.x1 * scale), top + round((page_height - box.y2) * scale),
        round(box.width * scale), round(box.height * scale),
    )


def letter(path: Path, pages: int = 1) -> Path:
    """An official letter whose signature block reads GIÁM ĐỐC / Nguyễn Văn Đức (on its last page)."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.demo.pdfs import write_document

    return write_document(
        path, organ_name=ORGANISATION, number_label="12/UBND-VP", type_name="Công văn",
        subject="Về việc chuyển đổi số", body="Nội dung văn bản thử nghiệm về chuyển đổi số. " * 8 * (pages * 12 - 11),
        signer_position="Giám đốc", signer_full_name="Nguyễn Văn Đức",
    )


def sign_and_seal(source: Path, pki: Pki, folder: Path) -> tuple[SignResult, SignResult]:
    """The director's signature, then the agency's seal over its left third."""
    from eoffice.signing.images import seal_image, signature_image

    seal = seal_image(ORGANISATION)
    signed = sign_pdf(
        source, folder / "signed.pdf", open_pkcs12(pki.p12("signer"), PASSWORD),
        Appearance(Kind.SIGNER, image=signature_image("Nguyễn Văn Đức"), title="Giám đốc", name="Nguyễn Văn Đức",
                   seal_image=seal),
    )
    stamped = sign_pdf(
        signed.output, folder / "sealed.pdf", open_pkcs12(pki.p12("agency"), PASSWORD),
        Appearance(Kind.AGENCY, image=seal),
    )
    return signed, stamped


@pytest.fixture
def sealed(test_pki: Pki, tmp_path: Path) -> tuple[SignResult, SignResult]:
    return sign_and_seal(letter(tmp_path / "cong-van.pdf"), test_pki, tmp_path)


def loaded(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert load_pdf(document, path)
    return document


def test_the_seal_is_drawn_only_with_the_annotations(qapp, sealed):
    signed, stamped = sealed
    document = loaded(stamped.output)
    points = document.pagePointSize(stamped.box.page)
    scale = 2.0
    size = QSize(round(points.width() * scale), round(points.height() * scale))
    seal = box_area(stamped.box, points.height(), scale)

    assert coloured(render_page(document, stamped.box.page, size), seal, 0) > 200
    assert coloured(document.render(stamped.box.page, size), seal, 0) == 0  # QtPdf's default: no annotations
    plain = QPdfDocument()
    plain.load(str(stamped.output))
    assert coloured(render_page(plain, stamped.box.page, size), seal, 0) == 0  # nor widgets, loaded as it is
    before = loaded(signed.output)  # signed by the director, not sealed yet
    assert coloured(render_page(before, signed.box.page, size), seal, 0) == 0


def seal_on_screen(qtbot, view: PdfPageView, stamped: SignResult, signed: SignResult) -> tuple[int, int]:
    """(red pixels in the seal's box, blue pixels in the signer's box) as ``view`` shows the page."""
    document = view.document()
    height = document.pagePointSize(stamped.box.page).height()
    view.go_to_page(stamped.box.page, height - stamped.box.y2)
    shot = view.viewport().grab().toImage()
    page = view.page_rect(stamped.box.page)
    scale = view.scale() * shot.devicePixelRatio()
    seal = box_area(stamped.box, height, scale, page.left(), page.top())
    signer = box_area(signed.box, height, scale, page.left(), page.top())
    return coloured(shot, seal, 0), coloured(shot, signer, 2)


def test_the_detail_pane_shows_the_seal(qtbot, sealed):
    from eoffice.ui.documents.detail import DetailPane

    signed, stamped = sealed
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(620, 1000)
    pane.show()
    qtbot.waitExposed(pane)
    pane.file_combo.addItem("sealed.pdf", str(stamped.output))  # what show_detail does for the main file
    qtbot.waitUntil(lambda: pane.pdf.pageCount() == 1)
    red, blue = seal_on_screen(qtbot, pane.pdf_view, stamped, signed)
    assert red > 50 and blue > 20


def test_the_signing_dialog_shows_the_signature_the_seal_must_overlap(qtbot, sealed, test_pki, tmp_path):
    from eoffice.signing.images import seal_image
    from eoffice.ui.signing.sign_dialog import SignDialog

    signed, _stamped = sealed
    dialog = SignDialog(
        signed.output, tmp_path / "again.pdf", Appearance(Kind.AGENCY, image=seal_image(ORGANISATION)),
        module_paths=[], pkcs12_files=[test_pki.p12("agency")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page_item is not None)
    page = dialog.page_item.pixmap().toImage()
    signer = box_area(signed.box, dialog.page_size[1], dialog.scale)
    assert coloured(page, signer, 2) > 20, "the director's blue signature is in the preview"
    seal = box_area(dialog.box, dialog.page_size[1], dialog.scale)
    assert coloured(page, seal, 0) == 0  # the seal is not there yet: only its box


def test_the_page_view_shows_the_signature_and_the_seal(qtbot, sealed):
    signed, stamped = sealed
    view = PdfPageView()
    qtbot.addWidget(view)
    document = loaded(stamped.output)
    document.setParent(view)
    view.resize(700, 900)
    view.setDocument(document)
    view.show()
    qtbot.waitExposed(view)
    red, blue = seal_on_screen(qtbot, view, stamped, signed)
    assert red > 100, "the agency's red seal is on screen, in its box"
    assert blue > 50, "the director's blue signature is on screen, in its box"


def test_the_register_dialog_previews_the_received_file_with_its_seal(qtbot, window, sealed):
    signed, stamped = sealed
    window.section("documents").act_register.trigger()  # Ctrl+N
    dialog = window.section("documents").dialog
    assert not dialog.preview.isVisible()
    dialog.add_files([stamped.output])
    qtbot.waitUntil(lambda: dialog.preview.isVisible() and dialog.preview_pdf.pageCount() == 1)
    red, blue = seal_on_screen(qtbot, dialog.preview, stamped, signed)
    assert red > 20 and blue > 10
    dialog.reject()
