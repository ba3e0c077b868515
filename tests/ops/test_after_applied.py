"""A capability reacts to another's operation without that one naming it
(``registry.on_applied``): run after a successful apply, in its transaction, its tables
added to the result's; a refusal of the operation runs no reaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from eoffice.errors import StateError
from eoffice.ops import AppliedResult, Changes, Operation, registry
from eoffice.store.base import new_id


@dataclass(frozen=True)
class Bell(Operation):
    kind: ClassVar[str] = "test_bell"
    refuse: bool = False


@pytest.fixture
def bell() -> Any:
    def apply(session: Any, actor_id: str, op: Bell, authority: bool) -> AppliedResult:
        if op.refuse:
            raise StateError("Không được.", "Refused.")
        return AppliedResult(op.kind, {"rang": True})

    registry.register(
        Bell, apply=apply, label_vi="Rung chuông", label_en="Ring", tables=("bells",), example=lambda: Bell(new_id())
    )
    try:
        yield Bell
    finally:
        registry.unregister(Bell.kind)


def test_a_reaction_runs_after_the_kind_it_names_and_adds_the_tables_it_changed(bell):
    heard: list[tuple[str, str, dict[str, Any], bool]] = []

    def react(session: Any, actor_id: str, op: Any, result: AppliedResult, authority: bool) -> Changes | None:
        heard.append((actor_id, op.kind, result.data, authority))
        return Changes.of("echoes") if authority else None

    registry.on_applied(Bell.kind)(react)
    registry.on_applied(Bell.kind)(react)  # twice is once
    try:
        actor = new_id()
        offline = registry.apply(None, actor, bell(new_id()), authority=False)  # type: ignore[arg-type]
        server = registry.apply(None, actor, bell(new_id()), authority=True)  # type: ignore[arg-type]
        assert offline.changes == Changes.of("bells")
        assert server.changes == Changes.of("bells", "echoes")
        assert heard == [(actor, "test_bell", {"rang": True}, False), (actor, "test_bell", {"rang": True}, True)]

        with pytest.raises(StateError):
            registry.apply(None, actor, bell(new_id(), refuse=True), authority=True)  # type: ignore[arg-type]
        assert len(heard) == 2  # a refused operation made nothing to react to
    finally:
        registry.off_applied(Bell.kind, react)
    registry.apply(None, new_id(), bell(new_id()), authority=True)  # type: ignore[arg-type]
    assert len(heard) == 2


def test_a_reaction_that_refuses_refuses_the_operation(bell):
    def veto(session: Any, actor_id: str, op: Any, result: AppliedResult, authority: bool) -> Changes | None:
        raise StateError("Cuộc họp đã hủy.", "The meeting was cancelled.")

    registry.on_applied(Bell.kind)(veto)
    try:
        with pytest.raises(StateError, match="hủy"):
            registry.apply(None, new_id(), bell(new_id()), authority=True)  # type: ignore[arg-type]
    finally:
        registry.off_applied(Bell.kind, veto)
