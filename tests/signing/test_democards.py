"""Demo soft e-cards: made once, reused on re-run, and they sign and verify."""

from __future__ import annotations

import io

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.democards import DEMO_PASSWORD, make_demo_cards
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import sign_pdf
from eoffice.signing.verify import load_trust_roots, verify_pdf
from tests.conftest import need
from tests.signing.conftest import assert_pdfsig_valid, have_font

PEOPLE = [
    ("lanhdao", "Nguyễn Văn Đức", "Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An"),
    ("vanthu", "Trần Thị Thu", "Văn thư", "Ủy ban nhân dân tỉnh Nghệ An"),
    ("chuyenvien", "Lê Minh Anh", "Chuyên viên", "Sở Nội vụ"),
]


def test_cards_are_made_once_and_reused(tmp_path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    first = make_demo_cards(tmp_path / "cards", PEOPLE[:2])
    assert set(first.people) == {"lanhdao", "vanthu"}
    assert set(first.organisations) == {"Ủy ban nhân dân tỉnh Nghệ An"}
    stamp = {p: p.stat().st_mtime_ns for p in (tmp_path / "cards").iterdir()}
    again = make_demo_cards(tmp_path / "cards", PEOPLE)
    assert again.people["lanhdao"] == first.people["lanhdao"]
    for path, mtime in stamp.items():
        assert path.stat().st_mtime_ns == mtime, f"{path.name} was made again"
    assert set(again.people) == {"lanhdao", "vanthu", "chuyenvien"}
    assert set(again.organisations) == {"Ủy ban nhân dân tỉnh Nghệ An", "Sở Nội vụ"}


def test_a_demo_card_signs_and_the_demo_root_verifies(tmp_path, document):
    from PIL import Image

    cards = make_demo_cards(tmp_path / "cards", PEOPLE)
    leader = cards.people["lanhdao"]
    key = open_pkcs12(leader.pkcs12, DEMO_PASSWORD)
    assert key.signer_name == "Nguyễn Văn Đức" and key.organisation == "Ủy ban nhân dân tỉnh Nghệ An"
    signed = sign_pdf(
        document, tmp_path / "signed.pdf", key,
        Appearance(Kind.SIGNER, image=leader.image.read_bytes(), title="Giám đốc", name="Nguyễn Văn Đức"),
    ).output
    agency = cards.organisations["Ủy ban nhân dân tỉnh Nghệ An"]
    seal = Image.open(io.BytesIO(agency.image.read_bytes()))
    assert round(seal.info["dpi"][0]) == 300 and seal.width == 472  # 40 mm
    sealed = sign_pdf(
        signed, tmp_path / "sealed.pdf", open_pkcs12(agency.pkcs12, DEMO_PASSWORD),
        Appearance(Kind.AGENCY, image=agency.image.read_bytes()),
    ).output
    assert_pdfsig_valid(sealed, 2)
    assert verify_pdf(sealed, load_trust_roots([cards.root_pem])).ok
