"""Fixtures of the demo tests: the keyring double, so no test touches the real keyring."""

from tests.sync.http_support import memory_keyring  # noqa: F401  (fixture)
