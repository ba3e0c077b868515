"""Registering certificates to their holders, and the rule's neighbours the HTTP tests leave
(``signing.ownership``), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.errors import DuplicateError, NotFound, ValidationError
from eoffice.signing import pki
from eoffice.signing.models import SigningCertificate
from eoffice.signing.ownership import (
    CertificateIdentity,
    CertificateNotOwned,
    check_signature_certificate,
    owner_for,
    register_certificate,
    unregister_certificate,
)
from tests.conftest import World
from tests.signing.conftest import Pki


def _check(world: World, actor_id: str, kind: str, cert: x509.Certificate) -> None:
    with world.store.read() as s:
        actor = s.get(User, actor_id)
        check_signature_certificate(s, actor, world.org_id, kind, CertificateIdentity.of(cert))


def test_one_certificate_has_one_holder_and_a_removed_one_can_be_registered_again(world: World, test_pki: Pki):
    with world.store.write() as s:
        with pytest.raises(ValidationError, match="CA"):
            register_certificate(s, test_pki.intermediate.pem, user_id=world.leader_id)
        with pytest.raises(ValidationError):
            register_certificate(s, b"not a certificate", user_id=world.leader_id)
        with pytest.raises(NotFound):
            unregister_certificate(s, test_pki.signer.pem)
        register_certificate(s, test_pki.signer.pem, user_id=world.leader_id)
    with world.store.write() as s, pytest.raises(DuplicateError, match="Nguyễn Văn Đức"):
        register_certificate(s, test_pki.signer.pem, user_id=world.officer_id)
    _check(world, world.leader_id, "signer", test_pki.signer.cert)

    # The card is handed back: the binding goes (a tombstone, for the desktops), and the
    # same certificate can be someone else's; the leader's rule falls back to the subject.
    with world.store.write() as s:
        unregister_certificate(s, test_pki.signer.pem)
        register_certificate(s, test_pki.signer.pem, organisation_id=world.org_id)
        [row] = s.scalars(select(SigningCertificate)).all()
        assert (row.user_id, row.organisation_id, row.deleted) == (None, world.org_id, False)
    with pytest.raises(CertificateNotOwned, match="của cơ quan Ủy ban nhân dân tỉnh Nghệ An"):
        _check(world, world.leader_id, "signer", test_pki.signer.cert)


def test_a_card_whose_uid_is_another_account_is_theirs_even_under_the_signers_name(world: World, test_pki: Pki):
    """The subject rule: a certificate naming the leader but carrying the officer's account
    (UID) is the officer's; one with the leader's own UID is the leader's."""

    def card(uid: str) -> x509.Certificate:
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.USER_ID, uid),
            x509.NameAttribute(NameOID.COMMON_NAME, "nguyễn  văn đức"),  # case and spaces do not matter
        ])
        return pki.issue_signer(test_pki.intermediate, subject).cert

    with pytest.raises(CertificateNotOwned, match="của Lê Minh Anh"):
        _check(world, world.leader_id, "signer", card("chuyenvien"))
    _check(world, world.leader_id, "signer", card("lanhdao"))
    # A person's card, with a UID, never passes for the organisation's even under its name.
    org_named = x509.Name([
        x509.NameAttribute(NameOID.USER_ID, "vanthu"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Ủy ban nhân dân tỉnh Nghệ An"),
    ])
    with pytest.raises(CertificateNotOwned, match="cơ quan"):
        _check(world, world.clerk_id, "agency", pki.issue_signer(test_pki.intermediate, org_named).cert)
    _check(world, world.clerk_id, "agency", test_pki.agency.cert)


def test_the_desktops_plan_judges_like_the_server(world: World, test_pki: Pki):
    """``owner_for(with_others=True)`` carries what the desktop needs to judge a key alone."""
    officer_card = pki.issue_signer(test_pki.intermediate, pki.name("Lê Minh Anh", "UBND tỉnh Nghệ An"))
    with world.store.write() as s:
        register_certificate(s, officer_card.pem, user_id=world.officer_id)
    with world.store.read() as s:
        leader = owner_for(s, s.get(User, world.leader_id), world.org_id, "signer", with_others=True)
        seal = owner_for(s, s.get(User, world.clerk_id), world.org_id, "agency", with_others=True)
    leader.check(CertificateIdentity.of(test_pki.signer.cert))
    with pytest.raises(CertificateNotOwned, match="“Lê Minh Anh” của Lê Minh Anh"):
        leader.check(CertificateIdentity.of(officer_card.cert))
    seal.check(CertificateIdentity.of(test_pki.agency.cert))
    with pytest.raises(CertificateNotOwned, match="thẻ cá nhân"):
        seal.check(CertificateIdentity.of(test_pki.signer.cert))
