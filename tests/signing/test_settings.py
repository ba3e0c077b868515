"""Module paths and the timestamp server in the settings file; trusted roots in the database."""

from __future__ import annotations

import pytest

from eoffice.errors import DuplicateError, NotFound, ValidationError
from eoffice.signing.settings import SigningSettings, load_settings, save_settings
from eoffice.signing.tokens import default_module_paths


def test_settings_round_trip_and_defaults(tmp_path):
    path = tmp_path / "signing.json"
    assert load_settings(path).pkcs11_modules == tuple(default_module_paths())
    settings = SigningSettings().with_module("/opt/vendor/libtoken.so").without_module(default_module_paths()[0])
    settings = SigningSettings(settings.pkcs11_modules, "http://127.0.0.1:8080/tsa", False)
    save_settings(settings, path)
    again = load_settings(path)
    assert again == settings and "/opt/vendor/libtoken.so" in again.pkcs11_modules


def test_a_relative_module_path_or_bad_url_is_refused(tmp_path):
    with pytest.raises(ValidationError):
        SigningSettings().with_module("libopensc.so")
    with pytest.raises(ValidationError):
        save_settings(SigningSettings(timestamp_url="ftp://x"), tmp_path / "s.json")


def test_a_broken_settings_file_falls_back_to_the_defaults(tmp_path):
    path = tmp_path / "signing.json"
    path.write_text("{not json")
    assert load_settings(path) == SigningSettings()


def test_trusted_roots_add_list_remove(sqlite_store, test_pki):
    from eoffice.signing.trust import add_trusted_root, list_trusted_roots, remove_trusted_root, trusted_roots

    with sqlite_store.write() as s:
        info = add_trusted_root(s, test_pki.root.pem)
    with sqlite_store.write() as s, pytest.raises(DuplicateError):
        add_trusted_root(s, test_pki.root.pem)
    with sqlite_store.write() as s, pytest.raises(ValidationError):
        add_trusted_root(s, test_pki.signer.pem)  # not a CA
    with sqlite_store.read() as s:
        assert [r.subject for r in list_trusted_roots(s)] == [info.subject]
        assert trusted_roots(s) == [test_pki.root.cert]
    with sqlite_store.write() as s:
        remove_trusted_root(s, info.id)
    with sqlite_store.read() as s:
        assert trusted_roots(s) == []
    with sqlite_store.write() as s, pytest.raises(NotFound):
        remove_trusted_root(s, info.id)
