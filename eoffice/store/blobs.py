"""Content-addressed file store: files kept by SHA-256, written whole or not at all."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class BlobStore:
    """Files under ``root/ab/cdef…`` named by their SHA-256.

    A file is streamed to a temporary name in the same folder and renamed into place, so a
    crash never leaves a half-written file under a digest; a temporary file a crash or a
    cut connection left behind is removed by ``sweep_temporary``.
    """

    #: Temporary names: a server's upload in progress, a local ``put_stream``.
    UPLOAD_PREFIX = ".upload-"
    INCOMING_PREFIX = ".incoming-"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:]

    def has(self, digest: str) -> bool:
        return self.path_for(digest).exists()

    def put_stream(self, source: BinaryIO) -> tuple[str, int]:
        """Store a stream; returns (digest, size)."""
        hasher = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(prefix=self.INCOMING_PREFIX, dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    hasher.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = hasher.hexdigest()
            target = self.path_for(digest)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                os.unlink(tmp)
            else:
                os.replace(tmp, target)
            return digest, size
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def put_file(self, path: Path) -> tuple[str, int]:
        with open(path, "rb") as source:
            return self.put_stream(source)

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        import io

        return self.put_stream(io.BytesIO(data))

    def export(self, digest: str, target: Path) -> None:
        shutil.copyfile(self.path_for(digest), target)

    def discard(self, digest: str) -> None:
        """Remove a stored file (a client dropping a document it may no longer see)."""
        self.path_for(digest).unlink(missing_ok=True)

    def sweep_temporary(self, older_than: datetime) -> list[str]:
        """Remove the temporary files last written before ``older_than`` (what an upload
        cut off, or a killed process, left); returns their names. A transfer in progress
        writes to its file all the time and is left alone."""
        cutoff = older_than.timestamp()
        removed = []
        with os.scandir(self.root) as entries:
            for entry in entries:
                if not entry.name.startswith((self.UPLOAD_PREFIX, self.INCOMING_PREFIX)):
                    continue
                try:
                    if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed.append(entry.name)
                except FileNotFoundError:  # finished (renamed) or removed meanwhile
                    continue
        return removed


def sha256_file(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()
