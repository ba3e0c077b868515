"""The demo's soft e-cards, handed out: a card per person, the seal's card to the clerks.

``give_cards`` runs at every start of the demo server (it is quick once the cards exist):
every demo user gets a PKCS#12 card issued by the demo CA (``signing.democards``), the
demo root becomes a trusted root of the demo server (so every desktop receives it), each
person's signature image and each organisation's seal image are set in their profiles,
and ``cards.json`` says whose cards are whose, so that the sign dialog offers a user
their own card (and a clerk their organisation's) without hunting for files. The
password of every card is ``DEMO_PASSWORD`` ("123456"), asked in the PIN dialog.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, Role, User
from eoffice.signing.democards import DemoCards, make_demo_cards
from eoffice.store import Store
from eoffice.store.blobs import BlobStore

INDEX = "cards.json"


def give_cards(store: Store, blobs: BlobStore, folder: Path) -> DemoCards:
    """Cards for every demo user, the demo root trusted, images in the profiles; idempotent."""
    from eoffice.directory import profile
    from eoffice.signing.trust import add_trusted_root, parse_root, root_id_for
    from eoffice.signing.models import TrustedRoot

    with store.read() as session:
        orgs = {o.id: o.name for o in session.scalars(select(Organisation))}
        users = list(session.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username)))
        people = [(u.username, u.full_name, u.position, orgs.get(u.organisation_id, "")) for u in users]
        clerks = {u.username: orgs.get(u.organisation_id, "") for u in users if u.has_role(Role.CLERK)}
    cards = make_demo_cards(folder, people)
    root_pem = cards.root_pem.read_bytes()
    with store.write() as session:
        _cert, fingerprint = parse_root(root_pem)
        row = session.get(TrustedRoot, root_id_for(fingerprint))
        if row is None or row.deleted:
            add_trusted_root(session, root_pem)
        _register(session, cards)
        for user in session.scalars(select(User).where(User.deleted.is_(False), User.signature_digest.is_(None))):
            card = cards.people.get(user.username.lower())
            if card is not None:
                profile.set_signature_image(session, user.id, blobs.put_file(card.image)[0])
        for org in session.scalars(select(Organisation).where(Organisation.seal_digest.is_(None))):
            seal = cards.organisations.get(org.name)
            clerk = session.scalars(
                select(User).where(User.organisation_id == org.id, User.deleted.is_(False)).order_by(User.username)
            ).all()
            actor = next((u for u in clerk if u.has_role(Role.CLERK) or u.has_role(Role.ADMIN)), None)
            if seal is not None and actor is not None:
                profile.set_seal_image(session, actor.id, org.id, blobs.put_file(seal.image)[0])
    index = {username: [str(card.pkcs12)] for username, card in cards.people.items()}
    for username, files in index.items():
        if username in clerks:  # a clerk holds the organisation's card too
            files.append(str(cards.organisations[clerks[username]].pkcs12))
    partial = folder / f"{INDEX}.{os.getpid()}.part"
    partial.write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, folder / INDEX)
    return cards


def _register(session: Session, cards: DemoCards) -> None:
    """Each card's certificate registered to its holder, once (a card made anew replaces it)."""
    from eoffice.signing.models import SigningCertificate
    from eoffice.signing.ownership import fingerprint, register_certificate, unregister_certificate

    held = {
        (row.user_id, row.organisation_id): row.fingerprint_sha256
        for row in session.scalars(select(SigningCertificate).where(SigningCertificate.deleted.is_(False)))
    }
    users = {u.username: u for u in session.scalars(select(User).where(User.deleted.is_(False)))}
    orgs = {o.name: o for o in session.scalars(select(Organisation).where(Organisation.deleted.is_(False)))}
    wanted: list[tuple[bytes, str | None, str]] = []
    for username, card in cards.people.items():
        if username in users:
            wanted.append((card.certificate_pem, users[username].id, users[username].organisation_id))
    for name, card in cards.organisations.items():
        if name in orgs:
            wanted.append((card.certificate_pem, None, orgs[name].id))
    for pem, user_id, org_id in wanted:
        new = fingerprint(x509.load_pem_x509_certificate(pem))
        old = held.get((user_id, org_id))
        if old == new:
            continue
        if old is not None:  # the card was made anew (expiring): the old certificate goes
            row = session.scalars(select(SigningCertificate).where(SigningCertificate.fingerprint_sha256 == old)).one()
            unregister_certificate(session, row.pem.encode("ascii"))
        if user_id is not None:
            register_certificate(session, pem, user_id=user_id)
        else:
            register_certificate(session, pem, organisation_id=org_id)


def key_files(folder: Path, username: str) -> tuple[Path, ...]:
    """The cards of ``username`` (their own, then their organisation's seal for a clerk)."""
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(Path(p) for p in index.get(username.lower(), []) if Path(p).is_file())
