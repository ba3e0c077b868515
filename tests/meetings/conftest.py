"""Fixtures of the meetings' tests: the organisation (``world``), a server on loopback
(``province``) and the keyring double of the HTTP tests."""

from tests.sync.http_support import memory_keyring, province  # noqa: F401  (fixtures)
