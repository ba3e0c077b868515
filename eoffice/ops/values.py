"""The plain values operations carry, and the checks the codec runs on each of them.

Only JSON data travels: ids are UUID strings, dates ISO strings, files references by
digest (the blobs travel separately). Every check raises a ValidationError with a
Vietnamese message a clerk can read, never a crash.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, NewType, Protocol

from eoffice.errors import ValidationError
from eoffice.ops.limits import (
    BIGINT_MAX,
    BIGINT_MIN,
    FIRST_DAY,
    LAST_DAY,
    UNBOUNDED,
    Fits,
    shown,
    storable,
)

#: A UUID as text, in its 36-character form (checked by the codec).
Id = NewType("Id", str)
#: A date as ``YYYY-MM-DD`` (checked by the codec).
ISODate = NewType("ISODate", str)

UUID_FORM = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DATE_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")
MAX_TEXT = 5_000_000  # extracted PDF text per file, characters
#: The largest value of an ``Integer`` column (a page count).
INT_MAX = 2**31 - 1


def bad(vi: str, en: str, field_name: str | None = None) -> ValidationError:
    """A malformed operation, said in both languages."""
    return ValidationError(f"Thao tác không hợp lệ: {vi}", f"Invalid operation: {en}", field=field_name)


# --------------------------------------------------------------------------- checks


def check_id(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise bad(f"“{name}” phải là mã định danh (UUID).", f"{name} must be a UUID.", name)
    if not UUID_FORM.match(value):  # uuid.UUID would take braces, "urn:uuid:", no hyphens
        raise bad(f"“{name}” không phải mã định danh hợp lệ.", f"{name} is not a valid UUID.", name)
    return value


def check_date(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise bad(f"“{name}” phải là ngày dạng YYYY-MM-DD.", f"{name} must be an ISO date.", name)
    try:
        if not DATE_FORM.match(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise bad(
            f"ngày “{shown(value)}” của “{name}” không hợp lệ.", f"{name} is not a valid date.", name
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise bad(
            f"ngày {day:%d/%m/%Y} của “{name}” nằm ngoài khoảng {FIRST_DAY:%d/%m/%Y}–{LAST_DAY:%d/%m/%Y}.",
            f"{name} {value} lies outside {FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}.",
            name,
        )
    return value


def _out_of_bounds(vi: str, en: str, name: str, label: str | None) -> ValidationError:
    """A value past its column's bound: a field the user typed (``label``) says so in the
    words the capability's own checks use (the documents' ``fields.clean``)."""
    return ValidationError(vi, en, field=name) if label else bad(vi, en, name)


def check_text(value: Any, name: str, limit: Fits = UNBOUNDED, label: str | None = None) -> str:
    """A string its column stores: storable by every database, within the column's length."""
    if not isinstance(value, str):
        raise bad(f"“{name}” phải là chuỗi ký tự.", f"{name} must be a string.", name)
    if not storable(value):
        raise bad(
            f"“{label or name}” chứa ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hóa).",
            f"{name} holds a character no database stores (a control character or broken encoding).",
            name,
        )
    if limit.max_length is not None and len(value) > limit.max_length:
        raise _out_of_bounds(
            f"{label or f'“{name}”'} dài {len(value)} ký tự, vượt quá giới hạn {limit.max_length} ký tự.",
            f"{name} is {len(value)} characters long; the limit is {limit.max_length}.",
            name, label,
        )
    return value


def check_int(value: Any, name: str, limit: Fits = UNBOUNDED, label: str | None = None) -> int:
    """An integer its column stores (``Integer``, ``BigInteger``), within the declared bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad(f"“{name}” phải là số nguyên.", f"{name} must be an integer.", name)
    low = BIGINT_MIN if limit.ge is None else limit.ge
    high = BIGINT_MAX if limit.le is None else limit.le
    what = label or f"“{name}”"
    if value < low:
        if low == 0:
            raise _out_of_bounds(f"{what} không được âm.", f"{name} cannot be negative.", name, label)
        raise _out_of_bounds(f"{what} phải từ {low} trở lên.", f"{name} must be at least {low}.", name, label)
    if value > high:
        raise _out_of_bounds(
            f"{what} quá lớn (tối đa {high}).", f"{name} is too large (at most {high}).", name, label
        )
    return value


def check_bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise bad(f"“{name}” phải là đúng/sai.", f"{name} must be a boolean.", name)
    return value


# --------------------------------------------------------------------------- files


class _FileLike(Protocol):
    digest: str
    filename: str
    size: int
    page_count: int
    text: str


@dataclass(frozen=True)
class FileRef:
    """A file already in (or on its way to) the blob store, by digest.

    The bounds are those of the columns files land in (``document_files``; a signature
    image's digest in ``users``): the documents' tests check they still agree.
    """

    digest: Annotated[str, Fits(max_length=64)]
    filename: Annotated[str, Fits(max_length=255)]
    size: Annotated[int, Fits(ge=0)]
    page_count: Annotated[int, Fits(ge=0, le=INT_MAX)]
    #: The PDF's text the client extracted, indexed for search, bounded by ``MAX_TEXT``.
    text: Annotated[str, Fits(max_length=MAX_TEXT)] = ""

    @classmethod
    def of(cls, prepared: _FileLike) -> FileRef:
        """The reference to a file put in the blob store (``documents.incoming.prepare_files``)."""
        return cls(prepared.digest, prepared.filename, prepared.size, prepared.page_count, prepared.text)

    def validate(self) -> None:
        """Called by the codec once the fields are read."""
        if not DIGEST.match(self.digest):
            raise bad("mã băm SHA-256 của tệp không hợp lệ.", "bad file digest.", "digest")
        if not self.filename:
            raise bad("thông tin tệp không hợp lệ.", "bad file reference.", "files")


def files_named(value: Any) -> tuple[FileRef, ...]:
    """Every ``FileRef`` a value carries, however deep, in field order: the blobs an
    operation names, uploaded before it is pushed and checked by the server."""
    if isinstance(value, FileRef):
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(ref for item in value for ref in files_named(item))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(ref for f in dataclasses.fields(value) for ref in files_named(getattr(value, f.name)))
    return ()
