"""A signed file's objects as of each revision, read strictly, with the references between them.

A reference in a signed revision to an object that revision does not define is a finding
of its own (``ObjectGraph.missing``): a reader shows nothing there when the signature is
made, and an update that only defines the object later changes what the signed revision
shows, though no object it signed changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from eoffice.signing.pdfstructure import Reason

Ref = tuple[int, int]
TRAILER: Ref = (-1, -1)  # the trailer, as the start of every walk

class ObjectMissing(Exception):
    """A revision refers to an object it does not define."""

    def __init__(self, ref: Ref, revision: int) -> None:
        super().__init__(f"object {ref[0]} {ref[1]} is not defined in revision {revision}")
        self.ref = ref
        self.revision = revision


def _g():  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils import generic

    return generic


def is_ref(value: Any) -> bool:
    return isinstance(value, _g().IndirectObject)


def ref_of(value: Any) -> Ref:
    return (int(value.idnum), int(value.generation))


def raw(d: Any, key: str) -> Any:
    """``d[key]`` without resolving a reference; None when absent or ``d`` is no dictionary."""
    g = _g()
    if not isinstance(d, g.DictionaryObject):
        return None
    return dict.get(d, key)


def _items(d: Any) -> list[tuple[str, Any]]:
    return list(dict.items(d))


def _elements(a: Any) -> list[Any]:
    return list(list.__iter__(a))


def same(a: Any, b: Any) -> bool:
    """Deep equality of two PDF values, references compared by number, not followed."""
    g = _g()
    if isinstance(a, g.IndirectObject) or isinstance(b, g.IndirectObject):
        return isinstance(a, g.IndirectObject) and isinstance(b, g.IndirectObject) and ref_of(a) == ref_of(b)
    if isinstance(a, g.StreamObject) or isinstance(b, g.StreamObject):
        if not (isinstance(a, g.StreamObject) and isinstance(b, g.StreamObject)):
            return False
        return _same_dict(a, b) and a.encoded_data == b.encoded_data
    if isinstance(a, g.DictionaryObject) or isinstance(b, g.DictionaryObject):
        return isinstance(a, g.DictionaryObject) and isinstance(b, g.DictionaryObject) and _same_dict(a, b)
    if isinstance(a, g.ArrayObject) or isinstance(b, g.ArrayObject):
        if not (isinstance(a, g.ArrayObject) and isinstance(b, g.ArrayObject)) or len(a) != len(b):
            return False
        return all(same(x, y) for x, y in zip(_elements(a), _elements(b)))
    strings = (g.TextStringObject, g.ByteStringObject)
    if isinstance(a, strings) or isinstance(b, strings):
        return isinstance(a, strings) and isinstance(b, strings) and a.original_bytes == b.original_bytes
    if isinstance(a, g.NameObject) or isinstance(b, g.NameObject):
        return isinstance(a, g.NameObject) and isinstance(b, g.NameObject) and str(a) == str(b)
    if isinstance(a, g.BooleanObject) or isinstance(b, g.BooleanObject):
        return isinstance(a, g.BooleanObject) and isinstance(b, g.BooleanObject) and bool(a) == bool(b)
    if isinstance(a, g.NullObject) or isinstance(b, g.NullObject) or a is None or b is None:
        return (a is None or isinstance(a, g.NullObject)) and (b is None or isinstance(b, g.NullObject))
    if isinstance(a, (int, float)) or isinstance(b, (int, float)) or type(a).__name__ == "FloatObject":
        try:
            return type(a) is type(b) and a == b
        except TypeError:
            return False
    return type(a) is type(b) and a == b


def _same_dict(a: Any, b: Any) -> bool:
    if set(dict.keys(a)) != set(dict.keys(b)):
        return False
    return all(same(dict.__getitem__(a, k), dict.__getitem__(b, k)) for k in dict.keys(a))


def differing_keys(old: Any, new: Any) -> set[str]:
    """Keys whose value differs (or that one of the two dictionaries lacks)."""
    keys = set(dict.keys(old)) | set(dict.keys(new))
    return {str(k) for k in keys if not same(dict.get(old, k), dict.get(new, k))}


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


class ObjectGraph:
    """The file's objects as of each revision, read strictly, with the references between them.

    An object is read once per version (its edges cached); walks run over the cached edges.
    """

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.revisions = reader.total_revisions
        self.in_use: list[dict[int, int]] = []
        self.freed: list[set[int]] = []
        for rev in range(self.revisions):
            data = reader.xrefs.get_xref_data(rev)
            used: dict[int, int] = {idnum: gen for idnum, (gen, _off) in data.standard_xrefs.items()}
            used.update({idnum: 0 for idnum in data.xrefs_in_objstm})
            freed = {idnum for idnum, gen in data.freed.items() if gen > 0}
            if data.hybrid is not None:
                hybrid = data.hybrid.xref_data
                used.update({idnum: gen for idnum, (gen, _off) in hybrid.standard_xrefs.items()})
                used.update({idnum: 0 for idnum in hybrid.xrefs_in_objstm})
            self.in_use.append(used)
            self.freed.append(freed)
        self._edges: dict[tuple[int, int, int], tuple[tuple[str | None, Ref], ...]] = {}

    def defined_in(self, ref: Ref, revision: int) -> int | None:
        """The revision (≤ ``revision``) whose version of ``ref`` is current then, or None."""
        idnum, gen = ref
        for rev in range(min(revision, self.revisions - 1), -1, -1):
            have = self.in_use[rev].get(idnum)
            if have is not None:
                return rev if have == gen else None
            if idnum in self.freed[rev]:
                return None
        return None

    def changed_in(self, revision: int) -> set[Ref]:
        """Objects that revision ``revision`` defines (new, or new versions)."""
        return {(idnum, gen) for idnum, gen in self.in_use[revision].items()}

    def freed_in(self, revision: int) -> set[int]:
        return set(self.freed[revision])

    def get(self, ref: Ref, revision: int) -> Any:
        """The object ``ref`` as of ``revision``; ObjectMissing when that revision lacks it."""
        if self.defined_in(ref, revision) is None:
            raise ObjectMissing(ref, revision)
        g = _g()
        return self.reader.get_object(g.Reference(ref[0], ref[1], self.reader), revision=revision)

    def deref(self, value: Any, revision: int) -> Any:
        return self.get(ref_of(value), revision) if is_ref(value) else value

    def trailer(self, revision: int) -> Any:
        return self.reader.trailer.flatten(revision)

    def edges(self, ref: Ref, revision: int) -> tuple[tuple[str | None, Ref], ...]:
        """(top-level key, target) for every reference inside ``ref`` as of ``revision``."""
        if ref == TRAILER:
            return tuple(_refs_in(self.trailer(revision), skip={"/Prev", "/XRefStm"}))
        defined = self.defined_in(ref, revision)
        if defined is None:
            raise ObjectMissing(ref, revision)
        key = (ref[0], ref[1], defined)
        found = self._edges.get(key)
        if found is None:
            found = tuple(_refs_in(self.get(ref, revision)))
            self._edges[key] = found
        return found

    def walk(
        self,
        revision: int,
        *,
        skip: Callable[[Ref, str | None], bool] = lambda _ref, _key: False,
        stop: Iterable[Ref] = (),
    ) -> Walk:
        """Everything reachable from the trailer of ``revision``; ``skip`` leaves out some
        edges, ``stop`` objects are reached but not entered."""
        stops = set(stop)
        seen: set[Ref] = {TRAILER}
        missing: list[tuple[Ref, Ref]] = []
        broken: list[tuple[Ref, str]] = []
        todo = [TRAILER]
        while todo:
            current = todo.pop()
            try:
                out = self.edges(current, revision)
            except ObjectMissing:
                continue  # reported where it was referred to
            except Exception as err:  # noqa: BLE001 - a strict read failure is a finding, not a crash
                broken.append((current, str(err) or type(err).__name__))
                continue
            for key, target in out:
                if skip(current, key) or target in seen:
                    continue
                seen.add(target)
                if self.defined_in(target, revision) is None:
                    missing.append((target, current))
                    continue
                if target not in stops:
                    todo.append(target)
        seen.discard(TRAILER)
        return Walk(seen, missing, broken)

    def missing(self, revision: int) -> list[Reason]:
        """References in ``revision`` to objects it does not define, and objects it cannot read."""
        walk = self.walk(revision)
        reasons = []
        for target, source in walk.missing[:5]:
            where = "trailer" if source == TRAILER else f"{source[0]} {source[1]}"
            reasons.append(Reason(
                f"phiên bản {revision} tham chiếu tới đối tượng {target[0]} {target[1]} (từ {where}) mà nó không có",
                f"revision {revision} refers to object {target[0]} {target[1]} (from {where}) that it does not define",
            ))
        for ref, err in walk.broken[:5]:
            reasons.append(Reason(
                f"không đọc được đối tượng {ref[0]} {ref[1]} của phiên bản {revision} ({err})",
                f"object {ref[0]} {ref[1]} of revision {revision} cannot be read ({err})",
            ))
        return reasons


@dataclass
class Walk:
    reached: set[Ref]
    missing: list[tuple[Ref, Ref]]  # (undefined target, referred to from)
    broken: list[tuple[Ref, str]]


def _refs_in(obj: Any, skip: set[str] | None = None) -> Iterable[tuple[str | None, Ref]]:
    g = _g()
    stack: list[tuple[str | None, Any]] = [(None, obj)]
    depth_guard = 0
    while stack:
        top, value = stack.pop()
        depth_guard += 1
        if depth_guard > 1_000_000:
            raise ValueError("object too deeply nested")
        if isinstance(value, g.IndirectObject):
            yield top, ref_of(value)
        elif isinstance(value, g.DictionaryObject):
            for key, item in _items(value):
                if top is None and skip and key in skip:
                    continue
                stack.append((key if top is None else top, item))
        elif isinstance(value, g.ArrayObject):
            stack.extend((top, item) for item in _elements(value))
