"""Everything a server process needs to know, declared once with its defaults."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from eoffice.store.base import utcnow
from eoffice.store.paths import create_private_once

SECRET_FILE = "server_secret.key"


@dataclass
class ServerSettings:
    """Tunable limits of one server; tests shorten the durations and inject a clock."""

    data_dir: Path
    access_token_ttl: timedelta = timedelta(minutes=15)
    refresh_token_ttl: timedelta = timedelta(days=30)
    #: Largest request body accepted on JSON endpoints.
    max_body_bytes: int = 10 * 1024 * 1024
    #: Path prefixes whose routes stream large bodies and bound them themselves (attachments).
    streaming_prefixes: tuple[str, ...] = ("/api/v1/blobs",)
    #: After this many consecutive failures on an account, from one source or from all
    #: together, each attempt must wait (429).
    throttle_after: int = 5
    #: The first wait; it doubles with every further failure.
    throttle_base_delay: timedelta = timedelta(seconds=1)
    #: The longest wait of one source on one account.
    throttle_max_delay: timedelta = timedelta(minutes=5)
    #: The longest wait of everyone on one account: what a stranger's guesses can cost
    #: its owner signing in from elsewhere (the account is never locked for everyone).
    account_max_delay: timedelta = timedelta(minutes=1)
    #: After this many consecutive failures on an account from one source, that source
    #: is locked out of that account (423); others still sign in.
    lock_after: int = 10
    lock_for: timedelta = timedelta(minutes=15)
    #: A source failing this many times within ``source_window``, whatever the accounts,
    #: is refused every sign-in for ``source_block_for`` (429). Officials behind one NAT
    #: share an address: keep it well above what their typing errors add up to.
    source_block_after: int = 30
    source_window: timedelta = timedelta(minutes=15)
    source_block_for: timedelta = timedelta(minutes=15)
    #: Refusals that repeat within this window are one audit event with a count.
    audit_repeat_window: timedelta = timedelta(minutes=5)
    #: Addresses of reverse proxies whose ``X-Forwarded-For`` names the client; empty
    #: (the default): the connection's own address is the source, whatever a header says.
    trusted_proxies: tuple[str, ...] = ()
    #: How often an open live channel checks that its sign-in still stands (a sign-out,
    #: a disabled account or a password reset closes it within this time).
    live_recheck: timedelta = timedelta(seconds=30)
    #: The longest a pull with ``wait`` is held open for new rows (its ``wait`` is cut to this).
    long_poll_max: timedelta = timedelta(seconds=25)
    #: An uploaded attachment no accepted operation names is removed this long after its
    #: last upload (a desk uploads just before it pushes, and uploads again if it must).
    upload_grace: timedelta = timedelta(days=7)
    #: A temporary file of an upload (cut off, or its process killed) is removed this long
    #: after it was last written to.
    upload_temp_max_age: timedelta = timedelta(days=1)
    #: How often the server looks for both (and once as it starts).
    sweep_every: timedelta = timedelta(hours=1)
    clock: Callable[[], datetime] = field(default=utcnow)
    #: HMAC key for access tokens; read from (or created in) ``data_dir`` when None.
    secret: bytes | None = None

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)

    def proxy_options(self) -> dict[str, object]:
        """uvicorn's options for ``X-Forwarded-For``: honoured from ``trusted_proxies`` only.

        uvicorn's own default trusts loopback, so that anyone on the server's machine
        could name any source address and slip past the sign-in limits; here nothing is
        trusted unless configured.
        """
        return proxy_options(self.trusted_proxies)

    def signing_key(self) -> bytes:
        if self.secret is None:
            self.secret = load_or_create_secret(self.data_dir)
        return self.secret


def load_or_create_secret(data_dir: Path) -> bytes:
    """The server's token key, created readable by its owner only on first start.

    Server processes sharing one database must share this file (same data dir), or a
    token made by one is refused by the other.
    """
    path = data_dir / SECRET_FILE
    key = create_private_once(path, lambda: secrets.token_urlsafe(48).encode("ascii") + b"\n").strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} is too short to be a server secret; delete it to make a new one")
    return key


#: uvicorn's options for WebSockets, wherever the server runs: no per-message
#: compression. The live channel sends the same small JSON to hundreds of sockets, and
#: compressing every copy apart cost the server three times the CPU of the whole session
#: without it (``bench/meetings.py``, 500 delegates: 89 s against 25 s).
SOCKET_OPTIONS: dict[str, object] = {"ws_per_message_deflate": False}


def proxy_options(trusted: tuple[str, ...] | list[str]) -> dict[str, object]:
    """See ``ServerSettings.proxy_options``."""
    if not trusted:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(trusted)}
