"""Signing's synced tables: the admin's trusted CA roots, which every user receives
(public certificates, to verify offline), and the certificates registered to people's
e-cards and to organisations, which an organisation's desktops receive for their own
(to refuse another's card before the PIN is asked)."""

from __future__ import annotations

from sqlalchemy import true

from eoffice.signing.models import SigningCertificate, TrustedRoot
from eoffice.sync.tables import SyncedTable, of_organisation, register

_EVERY_ROW = true()

register(
    SyncedTable(TrustedRoot, visible=lambda _user: _EVERY_ROW, order=70),
    SyncedTable(SigningCertificate, visible=of_organisation(SigningCertificate), order=71),
)
