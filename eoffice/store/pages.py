"""Counting a stored file's pages, as the server measures every uploaded blob."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def count_pages(path: Path) -> int:
    """The pages of a stored file as the server counts them: 0 for anything that is not a
    PDF pypdf can read (an image, damaged bytes), which no client declares for a PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with open(path, "rb") as fh:
            if b"%PDF-" not in fh.read(1024):
                return 0
        return len(PdfReader(str(path), strict=False).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        log.info("no pages counted in %s: %s", Path(path).name, exc)
        return 0
