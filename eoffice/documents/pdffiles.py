"""Checking a file is a usable PDF and extracting its text for search."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from eoffice.errors import InvalidFileError

log = logging.getLogger(__name__)

#: Text kept per file for search; PostgreSQL's tsvector is limited to 1 MB.
MAX_TEXT = 200_000


@dataclass(frozen=True)
class PdfInfo:
    page_count: int
    text: str


def inspect_pdf(path: Path, extract_text: bool = True) -> PdfInfo:
    """Open a PDF strictly enough to know it is usable; raise InvalidFileError otherwise."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = Path(path).name
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InvalidFileError(
            f"Không đọc được tệp “{name}”: {exc.strerror}.", f"Cannot read “{name}”."
        ) from exc
    if b"%PDF-" not in head:
        raise InvalidFileError(
            f"Tệp “{name}” không phải là tệp PDF.", f"“{name}” is not a PDF file."
        )
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            raise InvalidFileError(
                f"Tệp “{name}” được mã hóa (có mật khẩu); hãy xin bản không mã hóa.",
                f"“{name}” is encrypted; ask for an unencrypted copy.",
            )
        pages = len(reader.pages)
        if pages == 0:
            raise InvalidFileError(f"Tệp “{name}” không có trang nào.", f"“{name}” has no pages.")
        text = ""
        if extract_text:
            parts: list[str] = []
            size = 0
            for page in reader.pages:
                try:
                    chunk = page.extract_text() or ""
                except Exception:  # a page whose text cannot be read is still a page
                    log.warning("text extraction failed on a page of %s", name, exc_info=True)
                    chunk = ""
                parts.append(chunk)
                size += len(chunk)
                if size >= MAX_TEXT:
                    break
            text = "\n".join(parts)[:MAX_TEXT]
        return PdfInfo(page_count=pages, text=text)
    except InvalidFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise InvalidFileError(
            f"Tệp “{name}” bị hỏng, không mở được như một tệp PDF.",
            f"“{name}” is damaged and cannot be opened as a PDF.",
        ) from exc
