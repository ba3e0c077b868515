"""The client's side of the HTTP API: sign-in, push, pull, attachments.

Every failure a user can meet is a DomainError with a Vietnamese message: ``Offline``
when the server cannot be reached (keep working locally, try later), ``NotSignedIn``
when a password is needed again, ``ProtocolMismatchError`` when client and server speak
different protocol versions, ``ServerRefused`` for any other refusal, ``BlobCorrupt``
when a downloaded attachment does not match its digest.

The access token lives in memory only; the refresh token is kept by ``Credentials`` in
the system keyring. An expired access token is renewed transparently, once per request.
"""

from __future__ import annotations

import hashlib
import os
import ssl
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx
import orjson

from eoffice.errors import DomainError
from eoffice.ops import Operation, to_json
from eoffice.server.protocol import API_PREFIX, HEADER, PROTOCOL_VERSION, versions_text
from eoffice.store.blobs import BlobStore, sha256_file
from eoffice.sync.changes import BodyPage, ChangePage
from eoffice.sync.credentials import Credentials

CHUNK = 256 * 1024
#: Files fetched in parallel by ``download_many``.
DOWNLOADS_AT_ONCE = 8
#: Seconds to wait for the answer to a push (see ``SyncClient.push``).
PUSH_TIMEOUT = 180.0


class Offline(DomainError):
    """The server cannot be reached now; the work stays local until it can."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Không kết nối được máy chủ; đang làm việc ngoại tuyến, dữ liệu sẽ được đồng bộ khi có kết nối.",
            f"The server cannot be reached ({detail}); working offline." if detail else "The server cannot be reached.",
        )


class NotSignedIn(DomainError):
    def __init__(
        self, message_vi: str = "Hãy đăng nhập để đồng bộ với máy chủ.", message_en: str = "Sign in to sync."
    ) -> None:
        super().__init__(message_vi, message_en)


class ProtocolMismatchError(DomainError):
    """Client and server speak different protocol versions: an update is needed."""


class ServerRefused(DomainError):
    """The server answered with an error; its Vietnamese message is kept as it is."""

    def __init__(self, message_vi: str, message_en: str, *, status: int, code: str, field: str | None = None) -> None:
        super().__init__(message_vi, message_en, field=field)
        self.status = status
        self.code = code


class UntrustedServer(DomainError):
    """The server's TLS certificate is not trusted: never talk to it (an admin must act)."""

    def __init__(self) -> None:
        super().__init__(
            "Chứng chỉ bảo mật của máy chủ không được tin cậy; không kết nối. Hãy liên hệ quản trị.",
            "The server's TLS certificate is not trusted; not connecting.",
        )


def _transport_error(error: httpx.TransportError) -> DomainError:
    if "CERTIFICATE_VERIFY_FAILED" in str(error) or isinstance(error.__context__, ssl.SSLCertVerificationError):
        return UntrustedServer()
    return Offline(type(error).__name__)


class BlobCorrupt(DomainError):
    def __init__(self, digest: str) -> None:
        super().__init__(
            "Tệp đính kèm tải về bị hỏng (mã băm SHA-256 không khớp) và đã bị loại bỏ.",
            f"The downloaded attachment {digest[:12]}… does not match its digest; it was discarded.",
        )
        self.digest = digest


@dataclass(frozen=True)
class PushResult:
    """The server's answer to one pushed operation."""

    op_id: str
    kind: str
    outcome: str  # "accepted" / "rejected"
    reason: str = ""
    reason_en: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"


def _ssl_verify(verify: bool | ssl.SSLContext | str | Path) -> bool | ssl.SSLContext:
    if isinstance(verify, (str, Path)):
        return ssl.create_default_context(cafile=str(verify))
    return verify


def _error_of(response: httpx.Response) -> DomainError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    vi = str(body.get("message") or f"Máy chủ từ chối yêu cầu (mã {response.status_code}).")
    en = str(body.get("message_en") or f"The server refused the request ({response.status_code}).")
    code = str(body.get("error") or f"http_{response.status_code}")
    if response.status_code == 426:
        return ProtocolMismatchError(vi, en)
    if response.status_code == 401:
        return NotSignedIn(vi, en)
    if response.status_code in (502, 503, 504):
        return Offline(f"HTTP {response.status_code}")
    return ServerRefused(vi, en, status=response.status_code, code=code, field=body.get("field"))


class SyncClient:
    """One signed-in user talking to one server; safe to share between threads."""

    def __init__(
        self,
        base_url: str,
        *,
        credentials: Credentials,
        verify: bool | ssl.SSLContext | str | Path = True,
        timeout: float = 30.0,
        protocol: int = PROTOCOL_VERSION,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.credentials = credentials
        self.protocol = protocol
        self._http = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            headers={HEADER: str(protocol)},
            verify=_ssl_verify(verify),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        )
        self._access: str | None = None
        self._lock = threading.Lock()
        self._downloads: dict[str, threading.Lock] = {}
        self._downloads_lock = threading.Lock()
        #: The signed-in user as the server describes them (after login or refresh).
        self.user: dict[str, Any] | None = None

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _raw(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, path, **kwargs)
        except httpx.TransportError as error:
            raise _transport_error(error) from error

    def retarget(self, base_url: str) -> None:
        """Talk to the same server at a new address (the demo's server restarted elsewhere)."""
        self.base_url = base_url.rstrip("/")
        self._http.base_url = httpx.URL(self.base_url + API_PREFIX)

    @property
    def access_token(self) -> str | None:
        """The access token in memory now (None before sign-in or a refresh)."""
        return self._access

    def refresh_access(self) -> None:
        """New tokens from the stored refresh token now (NotSignedIn when there is none)."""
        self._refresh(self._access)

    def _take_tokens(self, body: dict[str, Any]) -> None:
        self._access = body["access_token"]
        self.user = body.get("user")
        self.credentials.save(body["refresh_token"])

    def _refresh(self, stale: str | None) -> None:
        """New tokens from the stored refresh token, unless another thread just did it."""
        with self._lock:
            if self._access is not None and self._access != stale:
                return
            token = self.credentials.refresh_token()
            if not token:
                raise NotSignedIn()
            response = self._raw("POST", "/auth/refresh", json={"refresh_token": token})
            if response.status_code == 401:
                self.credentials.forget()
                self._access = None
                raise _error_of(response)
            if response.status_code != 200:
                raise _error_of(response)
            self._take_tokens(response.json())

    def _send(
        self,
        method: str,
        path: str,
        *,
        stream: bool = False,
        content: Callable[[], Iterator[bytes]] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """An authenticated request; on 401 token_expired the token is renewed and it is sent again."""
        for attempt in (1, 2):
            access = self._access
            if access is None:
                self._refresh(None)
                access = self._access
            headers = {**kwargs.pop("headers", {}), "Authorization": f"Bearer {access}"}
            request = self._http.build_request(
                method, path, headers=headers, content=content() if content else None, **kwargs
            )
            kwargs["headers"] = {k: v for k, v in headers.items() if k != "Authorization"}
            try:
                response = self._http.send(request, stream=stream)
            except httpx.TransportError as error:
                raise _transport_error(error) from error
            if response.status_code == 401 and attempt == 1:
                if stream:
                    response.read()
                    response.close()
                if _code(response) not in ("token_revoked", "account_disabled"):
                    self._refresh(access)
                    continue
            return response
        raise AssertionError("unreachable")

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._send(method, path, **kwargs)
        if response.status_code >= 400:
            raise _error_of(response)
        return orjson.loads(response.content)  # pages are megabytes: parsed in C

    # ------------------------------------------------------------------ API

    def hello(self) -> dict[str, Any]:
        """The server's protocol range; ProtocolMismatchError when ours is outside it."""
        response = self._raw("GET", "/hello")
        if response.status_code != 200:
            raise _error_of(response)
        body = response.json()
        low, high = int(body["protocol_min"]), int(body["protocol_max"])
        if not low <= self.protocol <= high:
            spoken = versions_text(low, high)
            if self.protocol < low:
                vi = (
                    f"Máy chủ dùng giao thức phiên bản {spoken}, ứng dụng này dùng phiên bản {self.protocol}; "
                    "hãy cập nhật eoffice lên phiên bản mới."
                )
            else:
                vi = (
                    f"Máy chủ dùng giao thức phiên bản {spoken}, ứng dụng này dùng phiên bản {self.protocol}; "
                    "máy chủ cần được nâng cấp, hãy liên hệ quản trị."
                )
            raise ProtocolMismatchError(
                vi, f"The server speaks protocol {spoken}; this client speaks {self.protocol}."
            )
        return body  # type: ignore[no-any-return]

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Sign in; the refresh token goes to the keyring. Returns the user."""
        response = self._raw("POST", "/auth/login", json={"username": username, "password": password})
        if response.status_code != 200:
            raise _error_of(response)
        self.credentials.username = username
        self._take_tokens(response.json())
        assert self.user is not None
        return self.user

    def logout(self) -> None:
        token = self.credentials.refresh_token()
        if token:
            try:
                self._raw("POST", "/auth/logout", json={"refresh_token": token})
            except Offline:
                pass
        self.credentials.forget()
        self._access = None

    def push(self, ops: list[Operation]) -> list[PushResult]:
        """Send operations in order; the server's answer to each, in the same order.

        The answer may take long under load: the server applies one writer's batch at a
        time (server versions commit in order), so a batch waits behind the others'. A
        read timeout then would show the client offline although its batch is applied.
        """
        body = self._json(
            "POST", "/ops", json={"ops": [to_json(op) for op in ops]},
            timeout=httpx.Timeout(max(self.timeout, PUSH_TIMEOUT), connect=min(self.timeout, 5.0)),
        )
        return [
            PushResult(
                r["op_id"], r.get("kind", ""), r["outcome"], r.get("reason", ""), r.get("reason_en", ""),
                r.get("result") or {}, bool(r.get("replayed")),
            )
            for r in body["results"]
        ]

    def pull(self, cursor: int, limit: int = 1000, wait: float = 0) -> ChangePage:
        """The next page of rows above ``cursor``.

        ``wait`` (seconds) makes it a long poll: when nothing is new the server answers as
        soon as something is, or with an empty page when the wait (or its own limit) ends.
        """
        if not wait:
            return ChangePage.from_json(self._json("GET", "/changes", params={"cursor": cursor, "limit": limit}))
        return ChangePage.from_json(self._json(
            "GET", "/changes", params={"cursor": cursor, "limit": limit, "wait": wait},
            timeout=httpx.Timeout(self.timeout + wait, connect=min(self.timeout, 5.0)),
        ))

    def pull_trailing(self, stream: str, cursor: int, upto: int, limit: int = 1000) -> BodyPage:
        """The next page of a trailing stream (``sync.tables.Trailing``: the PDFs' text,
        ``bodies``) of rows versioned in (``cursor``, ``upto``]."""
        return BodyPage.from_json(
            self._json("GET", f"/{stream}", params={"cursor": cursor, "upto": upto, "limit": limit})
        )

    def pull_bodies(self, cursor: int, upto: int, limit: int = 1000) -> BodyPage:
        """The next page of PDF text of documents versioned in (``cursor``, ``upto``]."""
        return self.pull_trailing("bodies", cursor, upto, limit)

    def refetch(self, document_ids: list[str], cursor: int) -> ChangePage:
        """Documents' current rows as the server has them (after a rejection)."""
        return ChangePage.from_json(
            self._json("GET", "/documents", params={"ids": document_ids, "cursor": cursor})
        )

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """A GET of a capability's own route (``server.routes.register_router``) as this
        user, under the API's prefix; its errors as DomainErrors, like every call here."""
        return self._json("GET", path, params=params or {})

    def post_json(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """A POST of a capability's own route as this user (see ``get_json``): for what is
        done online only, never queued (a ballot, a chair's action)."""
        return self._json("POST", path, json=body or {})

    def has_blob(self, digest: str) -> bool:
        """Whether the server holds the file for us: False also when it holds the same
        bytes from someone else (403), which our upload then proves we have too."""
        response = self._send("HEAD", f"/blobs/{digest}")
        if response.status_code in (403, 404):
            return False
        if response.status_code >= 400:
            raise _error_of(response)
        return True

    def upload_blob(self, path: Path, digest: str | None = None) -> str:
        """Send a file unless the server has it; streamed from disk. Returns its digest."""
        path = Path(path)
        digest = digest or sha256_file(path)
        if self.has_blob(digest):
            return digest
        size = path.stat().st_size

        def chunks() -> Iterator[bytes]:
            with open(path, "rb") as source:
                while chunk := source.read(CHUNK):
                    yield chunk

        response = self._send(
            "PUT", f"/blobs/{digest}", content=chunks,
            headers={"Content-Length": str(size), "Content-Type": "application/octet-stream"},
        )
        if response.status_code >= 400:
            raise _error_of(response)
        return digest

    def download_blob(self, digest: str, dest: BlobStore) -> Path:
        """Fetch an attachment into ``dest``, resuming a partial download; verified by SHA-256.

        The bytes go to ``.download-<digest>`` in the store's folder as they arrive; a cut
        leaves them there (Offline is raised) and the next call asks only for the rest.
        A file that does not match its digest is deleted (BlobCorrupt).
        """
        with self._download_lock(digest):  # the engine and an on-demand fetch never share a part file
            return self._download(digest, dest)

    def download_many(
        self, digests: list[str], dest: BlobStore, at_once: int = DOWNLOADS_AT_ONCE
    ) -> Iterator[tuple[str, BaseException | None]]:
        """``download_blob`` for each digest, ``at_once`` at a time, yielding (digest, the
        error or None) as each ends. A meeting's hundreds of documents are each a round
        trip: fetched one by one, the link idles between them. A cut (Offline) cancels
        those not started yet; the ones under way end (kept, or left to resume)."""
        with ThreadPoolExecutor(max_workers=max(1, at_once), thread_name_prefix="download") as pool:
            futures = {pool.submit(self.download_blob, digest, dest): digest for digest in digests}
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                error = future.exception()
                if isinstance(error, Offline):
                    for other in futures:
                        other.cancel()
                yield futures[future], error

    def _download_lock(self, digest: str) -> threading.Lock:
        with self._downloads_lock:
            return self._downloads.setdefault(digest, threading.Lock())

    def _download(self, digest: str, dest: BlobStore) -> Path:
        target = dest.path_for(digest)
        if target.exists():
            return target
        part = dest.root / f".download-{digest}"
        hashed = hashlib.sha256()
        for _ in range(2):
            offset = part.stat().st_size if part.exists() else 0
            headers = {"Range": f"bytes={offset}-"} if offset else {}
            response = self._send("GET", f"/blobs/{digest}", stream=True, headers=headers)
            try:
                if response.status_code == 416:  # our part is not a prefix of theirs
                    part.unlink(missing_ok=True)
                    continue
                if response.status_code >= 400:
                    response.read()
                    raise _error_of(response)
                resumed = response.status_code == 206 and response.headers.get(
                    "content-range", ""
                ).startswith(f"bytes {offset}-")
                # Hashed as it arrives (a resumed part's first bytes once, from the disk):
                # the file is not read back whole after it is written.
                hashed = _sha256_of(part) if resumed else hashlib.sha256()
                with open(part, "ab" if resumed else "wb") as out:
                    for chunk in response.iter_bytes(CHUNK):
                        hashed.update(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
            except httpx.TransportError as error:
                raise _transport_error(error) from error
            finally:
                response.close()
            break
        if hashed.hexdigest() != digest:
            part.unlink(missing_ok=True)
            raise BlobCorrupt(digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
        return target


def _code(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""


def _sha256_of(path: Path) -> Any:
    """A SHA-256 object fed with the file's bytes so far (to go on hashing what follows)."""
    hashed = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            hashed.update(block)
    return hashed


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
