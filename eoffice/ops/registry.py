"""Every operation kind, registered by the capability that owns it.

A capability's ``operations`` module declares its kinds and calls :func:`register` for
each: how to apply it (on the client and, with authority, on the server), how the server
checks that the pusher may name what it names, what proof the server needs of the
files it names, what to discard on the client when the server rejects it, which tables
it touches, and its name in Vietnamese and English. The generic layers (the codec, sync,
the server, the window's rejections list) read these entries and never name a kind.

Readers load the capabilities first (``eoffice.capabilities.load``): a kind is known once
its capability is imported, whoever asks first.

A capability may also react to another's kinds without that one naming it:
``on_applied(kind)(fn)`` runs ``fn`` after every successful :func:`apply` of ``kind``, in
the same transaction (a meeting becomes scheduled when its invitation is issued). The
reaction decides itself whether it acts without authority; the tables it says it changed
join the result's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy.orm import Session

from eoffice import capabilities
from eoffice.ops import codec
from eoffice.ops.changes import Changes
from eoffice.ops.operation import AppliedResult, Operation

if TYPE_CHECKING:
    from eoffice.directory.models import User
    from eoffice.store.blobs import BlobStore

OpT = TypeVar("OpT", bound=Operation)

#: ``apply(session, actor_id, op, authority) -> AppliedResult``: run the operation through
#: the domain in the caller's transaction; a DomainError when it is refused.
Applier = Callable[[Session, str, OpT, bool], AppliedResult]
#: ``check(session, actor, op)``: the server's check before applying a pushed op; raises
#: PermissionDenied when it names rows the actor may not see or touch.
Check = Callable[[Session, "User", OpT], None]
#: ``discard(session, op)``: undo on the client what a rejected op made that the server
#: never had.
Discard = Callable[[Session, OpT], None]
#: ``refetch(session, op)``: the ids of server documents whose local copy a rejected op
#: changed (read before ``discard``), so that the client fetches the server's truth.
Refetch = Callable[[Session, OpT], list[str]]


@dataclass(frozen=True)
class Evidence(Generic[OpT]):
    """What the authority checks in the bytes of a file an operation names (``sync.evidence``).

    ``prove(session, blobs, op, memo)`` returns the finding (or raises the DomainError
    that rejects the op); ``memo`` is shared by the operations of one batch (trusted
    roots read once). ``needed(op)``: whether this op needs a finding at all.
    """

    prove: Callable[[Session, BlobStore, OpT, dict[str, Any]], Any]
    needed: Callable[[OpT], bool] = lambda op: True


@dataclass(frozen=True)
class Kind(Generic[OpT]):
    """One registered operation kind (see the module's docstring)."""

    cls: type[OpT]
    apply: Applier[OpT]
    label_vi: str
    label_en: str
    #: SQL names of the tables applying it may change (``AppliedResult.changes``).
    tables: frozenset[str]
    #: A valid instance, new each call: the tests round-trip every registered kind.
    example: Callable[[], OpT]
    #: None: the server refuses it when pushed (nobody said who may push it).
    check: Check[OpT] | None = None
    evidence: Evidence[OpT] | None = None
    discard: Discard[OpT] | None = None
    refetch: Refetch[OpT] | None = None
    #: False when applying it on a client changes nothing there (the server makes its rows).
    local_effect: bool = True

    @property
    def kind(self) -> str:
        return self.cls.kind

    @property
    def changes(self) -> Changes:
        return Changes(self.tables)

    def label(self, language: str = "vi") -> str:
        return self.label_en if language == "en" else self.label_vi


_KINDS: dict[str, Kind[Any]] = {}

#: ``after(session, actor_id, op, result, authority) -> Changes | None``: a reaction to an
#: applied operation of another capability, in its transaction; a DomainError it raises
#: refuses the operation. Returns the tables it changed (None: none).
AfterApplied = Callable[[Session, str, Any, AppliedResult, bool], Changes | None]

_AFTER: dict[str, list[AfterApplied]] = {}


def register(
    cls: type[OpT],
    *,
    apply: Applier[OpT],
    label_vi: str,
    label_en: str,
    tables: Iterable[str],
    example: Callable[[], OpT],
    check: Check[OpT] | None = None,
    evidence: Evidence[OpT] | None = None,
    discard: Discard[OpT] | None = None,
    refetch: Refetch[OpT] | None = None,
    local_effect: bool = True,
) -> type[OpT]:
    """Register an operation kind of a capability (see :class:`Kind`); returns ``cls``.

    The codec must be able to read every field (``codec.describe``): an annotation it
    does not know is a TypeError here, at import, not a crash on a user's push.
    """
    if not cls.kind or (cls.kind in _KINDS and _KINDS[cls.kind].cls is not cls):
        raise ValueError(f"operation kind {cls.kind!r} is empty or taken")
    if not (label_vi.strip() and label_en.strip()):
        raise ValueError(f"operation kind {cls.kind!r} needs a label in Vietnamese and English")
    codec.describe(cls)
    _KINDS[cls.kind] = Kind(
        cls, apply, label_vi, label_en, frozenset(tables), example, check, evidence, discard, refetch, local_effect
    )
    return cls


def on_applied(*kinds: str) -> Callable[[AfterApplied], AfterApplied]:
    """Decorator: run the reaction after every successful :func:`apply` of these kinds
    (registered or not yet: a kind is named by its string, so the capability reacting
    need not import the one that owns it). Registering the same function twice is once."""

    def add(fn: AfterApplied) -> AfterApplied:
        for kind in kinds:
            reactions = _AFTER.setdefault(kind, [])
            if fn not in reactions:
                reactions.append(fn)
        return fn

    return add


def off_applied(kind: str, fn: AfterApplied) -> None:
    """Forget a reaction (a test's own, once the test is over)."""
    reactions = _AFTER.get(kind, [])
    if fn in reactions:
        reactions.remove(fn)


def unregister(kind: str) -> None:
    """Forget a kind (a test's own kind, once the test is over)."""
    _KINDS.pop(kind, None)


def kinds() -> Mapping[str, Kind[Any]]:
    """Every registered kind, by name (read-only)."""
    capabilities.load()
    return MappingProxyType(_KINDS)


def operation_class(kind: str) -> type[Operation] | None:
    """The class of ``kind``, None when no capability registered it."""
    capabilities.load()
    entry = _KINDS.get(kind)
    return entry.cls if entry is not None else None


def entry_of(op: Operation) -> Kind[Any]:
    """The registered entry of ``op``'s kind; a ValidationError when it has none (or
    another class took the name)."""
    capabilities.load()
    entry = _KINDS.get(op.kind)
    if entry is None or entry.cls is not type(op):
        raise codec.unknown_kind(op.kind)
    return entry


def apply(session: Session, actor_id: str, op: Operation, *, authority: bool) -> AppliedResult:
    """Run ``op`` as ``actor_id`` through its capability, in the caller's transaction.

    ``authority`` True (the server, or a standalone desk) takes register numbers; False
    (a client offline) leaves them pending. Raises the domain's DomainError when the
    operation is refused. The result names the tables the kind declares it changes, and
    those the reactions registered with :func:`on_applied` changed.
    """
    entry = entry_of(op)
    result = entry.apply(session, actor_id, op, authority)
    changes = result.changes | entry.changes
    for react in tuple(_AFTER.get(op.kind, ())):
        more = react(session, actor_id, op, result, authority)
        if more is not None:
            changes = changes | more
    return dataclasses.replace(result, changes=changes)


def label(kind: str, language: str = "vi") -> str:
    """What a user did, as the outbox and the rejections list name it (the kind itself
    when no capability registered it: an operation left by an older version)."""
    capabilities.load()
    entry = _KINDS.get(kind)
    return entry.label(language) if entry is not None else kind
