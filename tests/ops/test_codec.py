"""The codec reads any frozen dataclass made of JSON-able parts, and nothing else: a
nested value that is unknown or malformed is a ValidationError in Vietnamese."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

import pytest

from eoffice.errors import ValidationError
from eoffice.ops import (
    AppliedResult,
    Custom,
    FileRef,
    Id,
    ISODate,
    Operation,
    files_named,
    from_json,
    registry,
    to_json,
)
from eoffice.ops.limits import Fits
from eoffice.ops.values import bad
from eoffice.store.base import new_id

DIGEST = "ab" * 32


@dataclass(frozen=True)
class Seat:
    row: Annotated[int, Fits(ge=1, le=40)]
    label: Annotated[str, Fits(max_length=4)] = ""

    def validate(self) -> None:
        if self.label.startswith("-"):
            raise bad("nhãn ghế không hợp lệ.", "bad seat label.", "label")


@dataclass(frozen=True)
class Participant:
    """A participant of a meeting: no ``unit_id``, unlike the documents' lines."""

    user_id: Id
    seat: Seat | None = None
    badges: tuple[Seat, ...] = ()


def _tags(value: Any, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise bad(f"“{name}” phải là các nhãn.", f"{name} must be labels.", name)
    return value


@dataclass(frozen=True)
class Convene(Operation):
    kind: ClassVar[str] = "test_convene"
    meeting_id: Id
    day: ISODate
    title: Annotated[str, Fits(max_length=20)]
    lines: tuple[Participant, ...]
    agenda: FileRef | None = None
    minutes: tuple[FileRef, ...] = ()
    tags: Annotated[dict[str, Any] | None, Custom(_tags)] = None
    public: bool = False


def _example() -> Convene:
    return Convene(
        Id(new_id()), Id(new_id()), ISODate("2026-03-09"), "Giao ban tuần",
        (Participant(Id(new_id()), Seat(3, "A3"), (Seat(1),)), Participant(Id(new_id()))),
        FileRef(DIGEST, "chuong-trinh.pdf", 10, 1), (FileRef("cd" * 32, "bien-ban.pdf", 20, 2),),
        {"room": "Phòng họp 1"}, True,
    )


@pytest.fixture(autouse=True)
def convene() -> Iterator[None]:
    registry.register(
        Convene, apply=lambda session, actor, op, authority: AppliedResult(op.kind), label_vi="Triệu tập họp",
        label_en="Convene", tables=("meetings",), example=_example,
    )
    try:
        yield
    finally:
        registry.unregister(Convene.kind)


def test_a_kind_of_nested_values_round_trips():
    op = _example()
    data = to_json(op)
    assert data["lines"][0] == {
        "user_id": op.lines[0].user_id, "seat": {"row": 3, "label": "A3"}, "badges": [{"row": 1, "label": ""}],
    }
    back = from_json(json.loads(json.dumps(data, ensure_ascii=False)))
    assert back == op and type(back) is Convene
    assert files_named(back) == (op.agenda, *op.minutes)


def _reason(change: Any) -> str:
    data = to_json(_example())
    change(data)
    with pytest.raises(ValidationError) as caught:
        from_json(data)
    assert caught.value.message_vi.startswith("Thao tác không hợp lệ")
    return caught.value.message_vi


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        data[path[-1]] = value
    return change


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("lines", 0, "unit_id"), "x", "trường lạ “unit_id”"),  # unknown nested field
        (("lines", 0, "seat", "colour"), "red", "trường lạ “colour”"),  # two levels down
        (("lines", 0, "seat"), [3], "phải là một đối tượng"),
        (("lines", 0, "seat", "row"), "3", "số nguyên"),
        (("lines", 0, "seat", "row"), 41, "quá lớn"),
        (("lines", 0, "seat", "row"), 0, "từ 1 trở lên"),
        (("lines", 0, "seat", "label"), "A12345", "vượt quá giới hạn 4"),
        (("lines", 0, "seat", "label"), "-1", "nhãn ghế"),  # the value's own validate()
        (("lines", 0, "badges"), {"row": 1}, "danh sách"),
        (("lines", 0, "badges", 0, "row"), None, "số nguyên"),
        (("lines", 1, "user_id"), "not-a-uuid", "mã định danh"),
        (("lines",), "everyone", "danh sách"),
        (("agenda", "digest"), "abc", "mã băm"),
        (("agenda",), "chuong-trinh.pdf", "phải là một đối tượng"),
        (("minutes", 0, "size"), -1, "không được âm"),
        (("tags",), {"room": 1}, "nhãn"),  # the field's own reader
        (("title",), "x\x00y", "ký tự không hợp lệ"),
        (("day",), "2026-02-30", "ngày"),
        (("public",), "yes", "đúng/sai"),
    ],
)
def test_a_malformed_nested_value_is_refused_in_vietnamese(path, value, words):
    assert words in _reason(_set(path, value))


def test_a_missing_nested_field_is_refused():
    def drop(data: Any) -> None:
        del data["lines"][0]["user_id"]
    assert "thiếu trường “user_id”" in _reason(drop)


def test_kind_is_known_only_at_the_top():
    assert "trường lạ “kind”" in _reason(_set(("lines", 0, "kind"), "test_convene"))


def test_an_unregistered_kind_is_refused():
    registry.unregister(Convene.kind)
    data = to_json(_example())
    with pytest.raises(ValidationError) as caught:
        from_json(data)
    assert "không được hỗ trợ" in caught.value.message_vi
