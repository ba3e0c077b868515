"""Fixtures of the ops tests: the server over loopback, from the sync tests."""

from tests.sync.http_support import memory_keyring, province  # noqa: F401  (fixtures)
