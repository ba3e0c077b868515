"""The refresh token in the system keyring (Windows Credential Manager, macOS Keychain,
Secret Service), never in a plain file.

Without a usable keyring the token is kept in memory for this session only: the user is
asked to sign in again at the next start, which is safer than writing it to disk.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger("eoffice.sync")

SERVICE = "eoffice"


class Credentials:
    """The refresh token of one user on one server."""

    def __init__(
        self, server_url: str, username: str | None = None, *, service: str = SERVICE, server_key: str | None = None
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.username = username
        self.service = service
        #: Names the server in the keyring; its URL unless the server moves (the demo's port).
        self.server_key = server_key or self.server_url
        self._memory: str | None = None
        #: False when the keyring refused the token (kept in memory only).
        self.persisted = True

    @property
    def account(self) -> str:
        return f"{(self.username or '').lower()}@{self.server_key}"

    def refresh_token(self) -> str | None:
        """The stored refresh token, or None (sign in again)."""
        if self._memory is not None:
            return self._memory
        if not self.username:
            return None
        try:
            return keyring.get_password(self.service, self.account)
        except KeyringError as error:
            log.warning("keyring unavailable: %s", error)
            return None

    def save(self, token: str) -> None:
        """Store a new refresh token (they rotate on every use)."""
        try:
            keyring.set_password(self.service, self.account, token)
        except KeyringError as error:
            log.warning("keyring unavailable, the sign-in lasts this session only: %s", error)
            self._memory = token
            self.persisted = False
        else:
            self._memory = None
            self.persisted = True

    def forget(self) -> None:
        """Drop the token (signed out, or refused by the server)."""
        self._memory = None
        if not self.username:
            return
        try:
            keyring.delete_password(self.service, self.account)
        except PasswordDeleteError:
            pass
        except KeyringError as error:
            log.warning("keyring unavailable: %s", error)
