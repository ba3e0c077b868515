"""Folding Vietnamese text for search: no diacritics, đ/Đ → d, lower case.

"Chuyển đổi số" and "chuyen doi so" fold to the same words, so a clerk can type without
an input method and still find the document.
"""

from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_TOKEN = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish text with Vietnamese diacritics removed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def tokens(text: str) -> list[str]:
    """Folded words (letters and digits), in order."""
    return _TOKEN.findall(fold(text))
