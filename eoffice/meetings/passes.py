"""Meeting passes: the QR code on each participant's invitation that identifies that person
for that meeting (giấy mời kèm mã QR điểm danh).

A pass is a short text, ``EM1.<payload>.<signature>`` (base64url): the payload names the
meeting and the participant's user, the signature is the server's Ed25519 signature over
a label of this use and the payload. Only the server holds the private key, so a pass
cannot be made by anyone else; a pass names its meeting, so one meeting's pass is refused
at another's door. Whoever checks people in needs only the public key, so the check works
offline (the next issue): ``verify``.

Where things live:

- The private key: ``meeting_pass.key`` (PKCS#8 PEM, readable by the server's owner
  only) in the server's data dir beside its token secret, created on first use
  (``load_or_create_key``). Server processes sharing a database share the data dir.
- The passes and the public key reach clients through the meetings' routes
  (``meetings.pass_routes``): an organiser asks the server for the passes of a meeting's
  participants; anyone signed in may fetch the public key and keep it.
- The printed pass: ``attendance_card`` writes one page per person with the meeting's
  details and the QR code, a separate PDF beside the issued invitation, which stays as
  signed (adding a page to a signed PDF would be a change after the signatures).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from eoffice.errors import DomainError
from eoffice.store.paths import create_private_once

KEY_FILE = "meeting_pass.key"
PREFIX = "EM1"
#: What the signature covers besides the payload: a signature the server made for
#: anything else (none today, but one key may serve more uses) is never a pass.
LABEL = b"eoffice meeting pass v1\n"
MAX_TOKEN = 400

FORGED = "forged"
OTHER_MEETING = "other_meeting"
UNKNOWN_PERSON = "unknown_person"


class PassRefused(DomainError):
    """A pass that does not admit its bearer; ``reason`` says why (``FORGED``,
    ``OTHER_MEETING``, ``UNKNOWN_PERSON``)."""

    def __init__(self, reason: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.reason = reason


@dataclass(frozen=True)
class Pass:
    """Whom a verified pass admits, to which meeting."""

    meeting_id: str
    user_id: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_pass(key: Ed25519PrivateKey, meeting_id: str, user_id: str) -> str:
    """The pass of ``user_id`` for ``meeting_id``, signed with the server's key."""
    if " " in meeting_id or " " in user_id:
        raise ValueError("ids must not contain spaces")
    payload = f"{meeting_id} {user_id}".encode()
    return f"{PREFIX}.{_b64(payload)}.{_b64(key.sign(LABEL + payload))}"


def public_key_of(value: Ed25519PublicKey | bytes | str) -> Ed25519PublicKey:
    """A public key given as the key, its 32 raw bytes, or those bytes in base64 (as the
    server publishes it)."""
    if isinstance(value, Ed25519PublicKey):
        return value
    raw = _unb64(value) if isinstance(value, str) else value
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as 32 raw bytes in base64url: what clients fetch and keep."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return _b64(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _forged() -> PassRefused:
    return PassRefused(
        FORGED,
        "Mã QR không hợp lệ: không phải mã do hệ thống cấp hoặc đã bị sửa.",
        "Invalid QR code: not issued by the system, or altered.",
    )


def verify(
    token: str,
    meeting_id: str,
    public_key: Ed25519PublicKey | bytes | str,
    participants: set[str] | frozenset[str] | None = None,
) -> Pass:
    """Whom ``token`` admits to ``meeting_id``; PassRefused when it is forged or altered,
    made for another meeting, or (given the meeting's ``participants``' user ids) names
    someone no longer invited."""
    token = token.strip()
    parts = token.split(".")
    if len(token) > MAX_TOKEN or len(parts) != 3 or parts[0] != PREFIX:
        raise _forged()
    try:
        payload, signature = _unb64(parts[1]), _unb64(parts[2])
        public_key_of(public_key).verify(signature, LABEL + payload)
        named_meeting, user_id = payload.decode("utf-8").split(" ")
    except (ValueError, InvalidSignature) as err:  # binascii.Error and UnicodeDecodeError are ValueErrors
        raise _forged() from err
    if named_meeting != meeting_id:
        raise PassRefused(
            OTHER_MEETING,
            "Mã QR này là của một cuộc họp khác.",
            "This QR code belongs to another meeting.",
        )
    if participants is not None and user_id not in participants:
        raise PassRefused(
            UNKNOWN_PERSON,
            "Người có mã QR này không có trong danh sách mời của cuộc họp.",
            "The holder of this QR code is not invited to this meeting.",
        )
    return Pass(named_meeting, user_id)


def load_or_create_key(data_dir: Path) -> Ed25519PrivateKey:
    """The server's pass key, created (owner-readable only) on first use; processes
    starting together end up with the same key (``store.paths.create_private_once``)."""
    path = data_dir / KEY_FILE
    pem = create_private_once(path, lambda: Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise RuntimeError(f"{path} is not an Ed25519 key; move it away to make a new one")
    return key


# --------------------------------------------------------------------------- from the server


def fetch_pass_key(client: Any) -> str:
    """The server's public key (base64url), through a signed-in ``sync.client.SyncClient``:
    kept by the desk that checks people in, which then verifies offline."""
    return str(client.get_json("/meetings/pass-key")["public_key"])


def fetch_passes(client: Any, meeting_id: str) -> dict[str, str]:
    """Every participant's pass for ``meeting_id``, by user id (the meeting's organisers
    only: the server refuses anyone else, a ``ServerRefused`` with status 403)."""
    return {str(row["user_id"]): str(row["token"]) for row in client.get_json(f"/meetings/{meeting_id}/passes")}


# --------------------------------------------------------------------------- the printed pass


@dataclass(frozen=True)
class Card:
    """What one person's attendance card shows (``card_of`` reads it from the rows)."""

    organisation: str
    parent: str
    title: str
    person: str  # "Nguyễn Văn A, Giám đốc Sở Tài chính"
    time: str
    venue: str
    invitation_label: str  # "05/GM-UBND" once issued, else ""
    token: str


def qr_png(token: str, scale: int = 8) -> bytes:
    """The pass as a QR code image (error correction M: a printed card survives a crease)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make_qr(token, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def card_of(session: Any, meeting_id: str, user_id: str, token: str) -> Card:
    """The card of ``user_id`` for ``meeting_id`` as the rows say now."""
    from eoffice.directory.models import User
    from eoffice.documents.models import Document
    from eoffice.errors import NotFound
    from eoffice.meetings.models import Meeting
    from eoffice.meetings.paper import meeting_place, organisation_of, parent_name, person, span_text

    meeting = session.get(Meeting, meeting_id)
    user = session.get(User, user_id)
    if meeting is None or meeting.deleted or user is None:
        raise NotFound("Không tìm thấy cuộc họp hoặc người được mời.", "Meeting or invitee not found.")
    org = organisation_of(session, meeting)
    doc = session.get(Document, meeting.invitation_document_id) if meeting.invitation_document_id else None
    label = doc.number_label if doc is not None and doc.register_number is not None else ""
    return Card(
        organisation=org.name, parent=parent_name(session, org), title=meeting.title, person=person(user),
        time=span_text(meeting.starts_at, meeting.ends_at), venue=meeting_place(session, meeting),
        invitation_label=label, token=token,
    )


def meeting_cards(session: Any, meeting_id: str, tokens: dict[str, str]) -> list[Card]:
    """A card for each person with a pass (``fetch_passes``), by name: the secretariat
    prints them all at once, or sends each person their own (``attendance_card``)."""
    cards = [card_of(session, meeting_id, user_id, token) for user_id, token in tokens.items()]
    return sorted(cards, key=lambda card: card.person)


def _card_page(pdf: Any, card: Card) -> None:
    from eoffice.meetings.paper import header

    pdf.add_page()
    header(pdf, organisation=card.organisation, parent=card.parent, number_line="", place_date="")
    pdf.ln(10)
    pdf.set_font("Body", "B", 14)
    pdf.cell(0, 7, "GIẤY MỜI KÈM MÃ QR ĐIỂM DANH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "B", 13)
    pdf.multi_cell(0, 7, card.title, align="C", new_x="LMARGIN", new_y="NEXT")
    if card.invitation_label:
        pdf.set_font("Body", "", 12)
        pdf.cell(0, 6, f"(Kèm theo Giấy mời số {card.invitation_label})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for label, text in (("Kính mời", card.person), ("Thời gian", card.time), ("Địa điểm", card.venue)):
        pdf.set_font("Body", "B", 13)
        pdf.write(7, f"{label}: ")
        pdf.set_font("Body", "", 13)
        pdf.write(7, text)
        pdf.ln(8)
    pdf.ln(4)
    size = 60.0
    x = (pdf.w - size) / 2
    import io

    pdf.image(io.BytesIO(qr_png(card.token)), x=x, y=pdf.get_y(), w=size, h=size)
    pdf.set_y(pdf.get_y() + size + 4)
    pdf.set_font("Body", "", 11)
    pdf.multi_cell(
        0, 5.5,
        "Đề nghị đại biểu xuất trình mã này khi điểm danh. Mã chỉ dùng cho người được mời có tên trên, "
        "tại cuộc họp này.",
        align="C", new_x="LMARGIN", new_y="NEXT",
    )


def attendance_cards(cards: list[Card]) -> bytes:
    """One page per person: the meeting, the person and their QR code, in the embedded font."""
    from eoffice.printing.fonts import new_pdf

    pdf = new_pdf()
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=15)
    for card in cards:
        _card_page(pdf, card)
    return bytes(pdf.output())


def attendance_card(card: Card) -> bytes:
    """One person's card as its own PDF (sent to that person alone)."""
    return attendance_cards([card])
