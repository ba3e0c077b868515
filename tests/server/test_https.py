"""HTTPS: the server speaks TLS with the admin's certificate; a client verifies it."""

from __future__ import annotations

import ssl

import httpx
import pytest

from eoffice.server.embedded import EmbeddedServer
from eoffice.server.settings import ServerSettings
from eoffice.store.blobs import BlobStore
from tests.server.pki import make_server_cert


def test_a_client_that_trusts_the_certificate_connects_and_others_do_not(sqlite_store, tmp_path):
    certfile, keyfile = make_server_cert(tmp_path)
    settings = ServerSettings(data_dir=tmp_path / "server")
    with EmbeddedServer(
        sqlite_store, BlobStore(tmp_path / "blobs"), settings, certfile=certfile, keyfile=keyfile
    ) as server:
        assert server.url.startswith("https://127.0.0.1:")
        trusting = ssl.create_default_context(cafile=str(certfile))
        response = httpx.get(f"{server.url}/api/v1/hello", verify=trusting)
        assert response.status_code == 200 and response.json()["server"] == "eoffice"
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(f"{server.url}/api/v1/hello")
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            httpx.get(f"{server.url.replace('https', 'http')}/api/v1/hello")
