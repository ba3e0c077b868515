"""This machine's signing settings: the PKCS#11 modules to look in, the timestamp server.

They are per machine (a driver is installed on this computer, not on the user), so they
live in a small JSON file in the data dir (``signing.json``), not in the synced database.
The trusted roots are the organisation's and live in the database (``trusted_roots``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from eoffice.errors import ValidationError
from eoffice.signing.tokens import default_module_paths

FILE_NAME = "signing.json"


@dataclass(frozen=True)
class SigningSettings:
    pkcs11_modules: tuple[str, ...] = field(default_factory=lambda: tuple(default_module_paths()))
    timestamp_url: str = ""  # an RFC 3161 server; "" signs B-B
    fetch_revocation: bool = False  # ask the CRL/OCSP servers named in certificates (network)

    def with_module(self, path: str) -> SigningSettings:
        path = check_module_path(path)
        if path in self.pkcs11_modules:
            return self
        return replace(self, pkcs11_modules=(*self.pkcs11_modules, path))

    def without_module(self, path: str) -> SigningSettings:
        return replace(self, pkcs11_modules=tuple(p for p in self.pkcs11_modules if p != path))


def settings_path(base: Path | None = None) -> Path:
    from eoffice.store.paths import data_dir

    return (base or data_dir()) / FILE_NAME


def check_module_path(path: str) -> str:
    """A module path must be absolute: a bare name would load whatever the search path finds."""
    path = path.strip()
    if not path or not os.path.isabs(path):
        raise ValidationError(
            "Đường dẫn thư viện PKCS#11 phải là đường dẫn đầy đủ (ví dụ /usr/lib/…/opensc-pkcs11.so).",
            "A PKCS#11 module path must be absolute (e.g. /usr/lib/…/opensc-pkcs11.so).",
            field="pkcs11_module",
        )
    return path


def check_timestamp_url(url: str) -> str:
    url = url.strip()
    if url and not url.startswith(("http://", "https://")):
        raise ValidationError(
            "Địa chỉ máy chủ dấu thời gian phải bắt đầu bằng http:// hoặc https://.",
            "The timestamp server address must start with http:// or https://.",
            field="timestamp_url",
        )
    return url


def load_settings(path: Path | None = None) -> SigningSettings:
    """The saved settings, or the defaults when there are none (or the file is unreadable)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SigningSettings()
    except (OSError, ValueError):
        import logging

        logging.getLogger(__name__).warning("unreadable %s; using the default signing settings", path)
        return SigningSettings()
    defaults = SigningSettings()
    return SigningSettings(
        pkcs11_modules=tuple(str(p) for p in data.get("pkcs11_modules", defaults.pkcs11_modules)),
        timestamp_url=str(data.get("timestamp_url", "")),
        fetch_revocation=bool(data.get("fetch_revocation", False)),
    )


def save_settings(settings: SigningSettings, path: Path | None = None) -> Path:
    """Write atomically (temporary file, then rename)."""
    path = path or settings_path()
    for module in settings.pkcs11_modules:
        check_module_path(module)
    check_timestamp_url(settings.timestamp_url)
    data = asdict(settings)
    data["pkcs11_modules"] = list(settings.pkcs11_modules)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(partial, path)
    return path
