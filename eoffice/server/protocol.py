"""The client–server protocol version, checked on every request.

A client sends ``X-Eoffice-Protocol: <int>``; the server answers 426 with a message a
clerk understands when it does not speak that version.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1
PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
HEADER = "X-Eoffice-Protocol"
API_PREFIX = "/api/v1"


def versions_text(low: int = PROTOCOL_MIN, high: int = PROTOCOL_MAX) -> str:
    return str(low) if low == high else f"{low}–{high}"


def mismatch_messages(sent: str | None) -> tuple[str, str]:
    """(Vietnamese, English) explanation for a client outside the server's range."""
    versions = versions_text()
    if sent is None:
        return (
            f"Yêu cầu thiếu phiên bản giao thức. Máy chủ dùng giao thức phiên bản {versions}; "
            "hãy cập nhật eoffice.",
            f"The request has no protocol version. The server speaks protocol {versions}; update eoffice.",
        )
    return (
        f"Máy chủ dùng giao thức phiên bản {versions}; hãy cập nhật eoffice.",
        f"The server speaks protocol {versions} (the client sent {sent[:20]}); update eoffice.",
    )


def accepts(sent: str | None) -> bool:
    if sent is None:
        return False
    try:
        version = int(sent.strip())
    except ValueError:
        return False
    return PROTOCOL_MIN <= version <= PROTOCOL_MAX
