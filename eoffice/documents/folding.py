"""Folding Vietnamese text for search: no diacritics, đ/Đ → d, lower case.

"Chuyển đổi số" and "chuyen doi so" fold to the same words, so a clerk can type without
an input method and still find the document.
"""

from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_TOKEN = re.compile(r"[0-9a-z]+")


def _fold_slowly(text: str) -> str:
    """The definition of folding: decompose, drop the combining marks, lower-case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


#: Text that is ASCII plus combining diacritics (U+0300–U+036F, all of them marks that
#: ``unicodedata.combining`` reports, but U+034F) once decomposed: Vietnamese, most Latin.
_PLAIN = re.compile("[^\x00-\x7f\u0300-\u034e\u0350-\u036f]")


def fold(text: str) -> str:
    """Lower-case ASCII-ish text with Vietnamese diacritics removed."""
    for letter in "đĐðÐ":
        if letter in text:
            text = text.replace(letter, "d")
    decomposed = unicodedata.normalize("NFD", text)
    if _PLAIN.search(decomposed) is None:
        # The same as _fold_slowly, in C: the only non-ASCII left are the marks to drop.
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _fold_slowly(text)


def tokens(text: str) -> list[str]:
    """Folded words (letters and digits), in order."""
    return _TOKEN.findall(fold(text))
