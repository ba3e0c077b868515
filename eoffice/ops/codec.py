"""Operations as JSON, and back: strict, whatever a capability's kinds carry.

A kind is a frozen dataclass whose fields are JSON-able parts: ``str``, ``int``,
``bool``, ``Id``, ``ISODate``, their optionals (``X | None``), tuples of one of them
(``tuple[X, ...]``) and other frozen dataclasses made of the same. A string or integer
says where it is stored, ``Annotated[str, Fits(Model.column)]`` (``eoffice.ops.limits``),
so that the codec refuses what that column cannot hold. A field the generic rules cannot
describe names its own reader, ``Annotated[dict[str, Any], Custom(read)]`` (the documents'
input fields). A value type may define ``validate()``, called once its fields are read.

``from_json`` is strict: anything unknown or malformed is a ValidationError with a
Vietnamese message, never a crash. Whatever passes it, a database stores.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from eoffice.errors import ValidationError
from eoffice.ops.limits import UNBOUNDED, Fits, shown
from eoffice.ops.operation import Operation
from eoffice.ops.values import (
    Id,
    ISODate,
    bad,
    check_bool,
    check_date,
    check_id,
    check_int,
    check_text,
)

#: ``read(value, name)``: the value checked (raising ValidationError), as the field holds it.
Reader = Callable[[Any, str], Any]


@dataclass(frozen=True)
class Custom:
    """A field read by its owner's function: ``Annotated[dict[str, Any], Custom(read)]``.

    ``read(value, name)`` gets the field's JSON value and returns what the field holds;
    its JSON form is the value itself, made plain (lists for tuples).
    """

    read: Reader


def unknown_kind(kind: object) -> ValidationError:
    """The refusal of a kind no capability registered."""
    what = shown(kind) if isinstance(kind, str) else ""
    return bad(f"loại thao tác “{what}” không được hỗ trợ.", f"unknown operation kind “{what}”.", "kind")


# --------------------------------------------------------------------------- writing


def plain(value: Any) -> Any:
    """``value`` as JSON data: dataclasses as objects, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def to_json(op: Operation) -> dict[str, Any]:
    """The operation as a JSON-ready dict, ``kind`` included."""
    out: dict[str, Any] = {"kind": op.kind}
    for f in dataclasses.fields(op):
        out[f.name] = plain(getattr(op, f.name))
    return out


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Field:
    name: str
    read: Reader
    required: bool


@dataclass(frozen=True)
class _Schema:
    fields: tuple[_Field, ...]
    known: frozenset[str]


def _limit_of(metadata: tuple[Any, ...]) -> Fits:
    return next((m for m in metadata if isinstance(m, Fits)), UNBOUNDED)


def _is_value_type(hint: Any) -> bool:
    return isinstance(hint, type) and dataclasses.is_dataclass(hint) and hint.__dataclass_params__.frozen  # type: ignore[attr-defined]


def _reader(hint: Any, limit: Fits = UNBOUNDED) -> Reader:
    """How to read a value of annotation ``hint`` that lands in a column of ``limit``;
    TypeError for an annotation the codec cannot read (a bug in a declaration)."""
    origin = get_origin(hint)
    if origin is Annotated:
        base, *metadata = get_args(hint)
        custom = next((m for m in metadata if isinstance(m, Custom)), None)
        return custom.read if custom is not None else _reader(base, _limit_of(tuple(metadata)))
    if origin is Union or origin is types.UnionType:
        args = get_args(hint)
        present = [a for a in args if a is not type(None)]
        if len(present) != 1 or len(args) != 2:
            raise TypeError(f"only X | None is supported, not {hint!r}")
        inner = _reader(present[0], limit)
        return lambda value, name: None if value is None else inner(value, name)
    if hint is Id:
        return check_id
    if hint is ISODate:
        return check_date
    if hint is str:
        return lambda value, name: check_text(value, name, limit)
    if hint is bool:
        return check_bool
    if hint is int:
        return lambda value, name: check_int(value, name, limit)
    if origin is tuple:
        args = get_args(hint)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only tuple[X, ...] is supported, not {hint!r}")
        item = _reader(args[0], limit)

        def read_tuple(value: Any, name: str) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise bad(f"“{name}” phải là danh sách.", f"{name} must be a list.", name)
            return tuple(item(v, f"{name}[{i}]") for i, v in enumerate(value))

        return read_tuple
    if _is_value_type(hint):
        _schema(hint)  # its own fields are readable, or TypeError now
        return lambda value, name: read_value(hint, value, name)
    raise TypeError(f"unsupported annotation {hint!r}: not a JSON-able part of a frozen dataclass")


_SCHEMAS: dict[type[Any], _Schema] = {}


def _schema(cls: type[Any]) -> _Schema:
    """A value type's fields with their readers (limits included), made once per class."""
    known = _SCHEMAS.get(cls)
    if known is not None:
        return known
    if not _is_value_type(cls):
        raise TypeError(f"{cls!r} is not a frozen dataclass")
    hints = get_type_hints(cls, include_extras=True)
    fields = tuple(
        _Field(
            f.name, _reader(hints[f.name]),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    )
    schema = _SCHEMAS[cls] = _Schema(fields, frozenset(f.name for f in fields))
    return schema


def describe(cls: type[Any]) -> None:
    """Check that the codec can read every field of ``cls``; TypeError when it cannot
    (the registry calls it when a kind is registered, so a bad declaration fails at once)."""
    _schema(cls)


def _unknown(data: dict[Any, Any], known: AbstractSet[str]) -> str:
    """The names of unknown keys, as a message may quote them ("" when none)."""
    return ", ".join(sorted(shown(str(k)) for k in data if k not in known))[:200]


def read_value(cls: type[Any], data: Any, name: str, *, also: AbstractSet[str] = frozenset()) -> Any:
    """A value of the frozen dataclass ``cls`` from its JSON object; strict (a key it does
    not know, besides those of ``also``, is refused)."""
    if not isinstance(data, dict):
        raise bad(f"“{name}” phải là một đối tượng.", f"{name} must be an object.", name)
    schema = _schema(cls)
    extra = _unknown(data, schema.known | also)
    if extra:
        raise bad(f"trường lạ “{extra}” trong “{name or cls.__name__}”.", f"unknown fields {extra}.", name)
    values: dict[str, Any] = {}
    for f in schema.fields:
        if f.name not in data:
            if f.required:
                raise bad(f"thiếu trường “{f.name}”.", f"missing field {f.name}.", f.name)
            continue
        values[f.name] = f.read(data[f.name], f.name)
    obj = cls(**values)
    validate = getattr(obj, "validate", None)
    if callable(validate):
        validate()
    return obj


def from_json(data: Any) -> Operation:
    """An operation from its JSON form; strict (unknown kind or fields → ValidationError).

    Every value is checked against the column it lands in (``eoffice.ops.limits``):
    whatever passes here, a database stores.
    """
    from eoffice.ops.registry import operation_class

    if not isinstance(data, dict):
        raise bad("dữ liệu phải là một đối tượng JSON.", "an operation must be a JSON object.")
    kind = data.get("kind")
    cls = operation_class(kind) if isinstance(kind, str) else None
    if cls is None:
        raise unknown_kind(kind)
    op = read_value(cls, data, cls.__name__, also={"kind"})
    assert isinstance(op, Operation)
    return op


def checked(op: Operation) -> Operation:
    """``op`` as the codec reads it back: what a user's action made is refused at once,
    with its reason, rather than waiting in the outbox for a server that refuses it."""
    return from_json(to_json(op))
