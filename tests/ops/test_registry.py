"""Every kind a capability registers is complete: named in both languages, readable back
from its JSON, dispatched by the registry; a kind nobody registered is refused clearly."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from eoffice.errors import ValidationError
from eoffice.ops import NOTHING, AppliedResult, Changes, Operation, from_json, registry, to_json
from eoffice.ops.registry import Kind
from eoffice.store.base import new_id

KINDS: list[Kind[Any]] = list(registry.kinds().values())


def test_the_capabilities_register_their_kinds():
    modules = {entry.cls.__module__ for entry in KINDS}
    assert modules == {
        "eoffice.documents.operations", "eoffice.signing.operations", "eoffice.worklog.operations",
        "eoffice.meetings.operations",
    }
    # documents (35, set_cosigner included); meetings: meeting_ops (11), agenda_ops (13), invitation_ops (1),
    # opinion_ops (3), minutes (2), task_ops (5)
    assert len(KINDS) == 35 + 11 + 13 + 1 + 3 + 2 + 5
    assert all(entry.kind == name for name, entry in registry.kinds().items())


@pytest.mark.parametrize("entry", KINDS, ids=lambda entry: entry.kind)
def test_every_kind_has_a_label_in_both_languages(entry):
    vi, en = registry.label(entry.kind, "vi"), registry.label(entry.kind, "en")
    assert vi.strip() and en.strip()
    assert vi != entry.kind and en != entry.kind  # never the raw id in the rejections list
    assert vi != en  # Vietnamese written, not the English copied


def test_labels_are_distinct_within_each_language():
    for language in ("vi", "en"):
        labels = [entry.label(language) for entry in KINDS]
        assert len(set(labels)) == len(labels), language


@pytest.mark.parametrize("entry", KINDS, ids=lambda entry: entry.kind)
def test_the_encoder_round_trips_every_kind(entry):
    op = entry.example()
    assert type(op) is entry.cls
    data = to_json(op)
    text = json.dumps(data, ensure_ascii=False)
    back = from_json(json.loads(text))
    assert back == op and type(back) is type(op)
    assert to_json(back) == data


@pytest.mark.parametrize("entry", KINDS, ids=lambda entry: entry.kind)
def test_every_kind_says_which_tables_it_changes_and_who_may_push_it(entry):
    assert entry.tables and all(name.isidentifier() for name in entry.tables)
    assert entry.check is not None  # a kind without one would be refused by the server
    assert entry.discard is not None  # a rejected op leaves nothing of its own on the client


def test_an_unknown_label_is_the_kind_itself():
    assert registry.label("left_by_an_older_version") == "left_by_an_older_version"


# --------------------------------------------------------------------------- dispatch


@dataclass(frozen=True)
class Nobody(Operation):
    kind: ClassVar[str] = "registered_by_nobody"


@dataclass(frozen=True)
class Impostor(Operation):
    """Takes the name of a registered kind without being it."""

    kind: ClassVar[str] = "start_line"


@pytest.mark.parametrize("op", [Nobody(new_id()), Impostor(new_id())], ids=["unregistered", "impostor"])
def test_dispatch_of_a_kind_nobody_registered_is_a_clear_validation_error(op):
    with pytest.raises(ValidationError) as caught:
        registry.apply(None, new_id(), op, authority=True)  # type: ignore[arg-type]  (never reaches a session)
    assert "không được hỗ trợ" in caught.value.message_vi
    assert op.kind in caught.value.message_vi


@dataclass(frozen=True)
class Ping(Operation):
    kind: ClassVar[str] = "test_ping"
    text: str = ""


@pytest.fixture
def ping() -> Any:
    def apply(session: Any, actor_id: str, op: Ping, authority: bool) -> AppliedResult:
        return AppliedResult(op.kind, {"authority": authority}, Changes.of("extra"))

    registry.register(
        Ping, apply=apply, label_vi="Thử", label_en="Ping", tables=("pings",), example=lambda: Ping(new_id())
    )
    try:
        yield Ping
    finally:
        registry.unregister(Ping.kind)


def test_the_result_names_the_tables_the_kind_declares(ping):
    result = registry.apply(None, new_id(), ping(new_id()), authority=False)  # type: ignore[arg-type]
    assert result.data == {"authority": False}
    assert result.changes == Changes.of("pings", "extra")
    assert result.changes.touches("pings") and not result.changes.touches("documents")
    assert AppliedResult("x").changes == NOTHING


def test_a_kind_name_cannot_be_taken_twice(ping):
    @dataclass(frozen=True)
    class Other(Operation):
        kind: ClassVar[str] = "test_ping"

    with pytest.raises(ValueError, match="taken"):
        registry.register(
            Other, apply=lambda *a: AppliedResult("x"), label_vi="Khác", label_en="Other", tables=(),
            example=lambda: Other(new_id()),
        )


def test_a_kind_needs_both_labels():
    with pytest.raises(ValueError, match="label"):
        registry.register(
            Nobody, apply=lambda *a: AppliedResult("x"), label_vi="Không ai", label_en=" ", tables=(),
            example=lambda: Nobody(new_id()),
        )
    assert registry.operation_class(Nobody.kind) is None


@dataclass(frozen=True)
class Loose(Operation):
    kind: ClassVar[str] = "test_loose"
    fields: dict[str, Any]  # no Custom reader: nobody says what it may hold


@dataclass
class Mutable:
    x: int


@dataclass(frozen=True)
class Holder(Operation):
    kind: ClassVar[str] = "test_holder"
    value: Mutable


def test_a_field_the_codec_cannot_read_fails_at_registration():
    for cls in (Loose, Holder):
        with pytest.raises(TypeError):
            registry.register(
                cls, apply=lambda *a: AppliedResult("x"), label_vi="Sai", label_en="Wrong", tables=(),
                example=lambda: None,  # type: ignore[arg-type,return-value]
            )
        assert registry.operation_class(cls.kind) is None
