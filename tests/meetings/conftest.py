"""Fixtures of the meetings' HTTP tests: a server on loopback and the keyring double."""

from tests.sync.http_support import memory_keyring, province  # noqa: F401  (fixtures)
