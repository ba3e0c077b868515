"""What changed after a signature, compared revision by revision, object by object.

A change after a signature is safe only if it is on a short list; anything else is
unsafe, whatever a library's default rules would call it:

- a later signature (or document timestamp) in a new signature field, signed in the
  update that adds it — the field, its widget and appearance, its signature dictionary,
  and the field appended to the form's /Fields and to its page's /Annots; after a
  certification, only an invisible one (a visible signature goes into a field the
  certification left open, as pyHanko's rule has it too);
- signing a signature field that was empty when the signature was made, or filling the
  value (/V) of a field the signature lets be filled (its DocMDP allows form filling, its
  FieldMDP does not lock the field, the field is not read-only) — with only that field's
  widget's appearance (/AP, /AS) changing, never its rectangle or flags;
- the DSS (validation data) and its VRI, the document information dictionary and XMP
  metadata (never drawn), the form's /SigFlags and additions to its /DR, the catalog's
  /Extensions, /Version and /MarkInfo (as pyHanko's rules allow them too).

Every other object that a reader reaches from the catalog (pages, their content,
resources, annotations and their flags, other fields, the page tree, the catalog's other
entries) must be byte-for-byte the same object; a new object may be used only through
one of the entries above; nothing may be freed. An object a revision refers to but does
not define is a finding of its own (``ObjectGraph.missing``): defining it later would
change what the signed revision shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eoffice.signing.pdfstructure import Reason

Ref = tuple[int, int]
TRAILER: Ref = (-1, -1)  # the trailer, as the start of every walk

#: Keys of the catalog, the form and a page that a change after signing may touch.
CATALOG_KEYS = frozenset({"/AcroForm", "/DSS", "/Extensions", "/Version", "/Metadata", "/MarkInfo"})
FORM_KEYS = frozenset({"/Fields", "/SigFlags", "/DR"})
NEW_FORM_KEYS = FORM_KEYS | {"/DA"}
PAGE_KEYS = frozenset({"/Annots"})
#: A filled field may change its value; its widget, its appearance.
FIELD_KEYS = frozenset({"/V"})
WIDGET_KEYS = frozenset({"/AP", "/AS"})
READ_ONLY = 1
HIDDEN = 2


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
        return all(same(x, y) for x, y in zip(_elements(a), _elements(b), strict=True))
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
        self._objects: dict[tuple[int, int, int], Any] = {}  # dictionaries and arrays, not streams

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
        """The object ``ref`` as of ``revision``; ObjectMissing when that revision lacks it.

        Read-only for callers: a version is parsed once (streams, which may be large, each time).
        """
        defined = self.defined_in(ref, revision)
        if defined is None:
            raise ObjectMissing(ref, revision)
        key = (ref[0], ref[1], defined)
        found = self._objects.get(key)
        if found is not None:
            return found
        g = _g()
        obj = self.reader.get_object(g.Reference(ref[0], ref[1], self.reader), revision=revision)
        if not isinstance(obj, g.StreamObject) and len(self._objects) < 50_000:
            self._objects[key] = obj
        return obj

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


# ---------------------------------------------------------------------------- the parts


@dataclass
class FieldInfo:
    ref: Ref
    name: str  # fully qualified
    kind: str | None  # /FT, inherited
    flags: int  # /Ff, inherited
    widgets: list[Ref]  # its widget annotations (itself, when merged)
    terminal: bool


@dataclass
class Parts:
    """The parts of a revision that changes after a signature are judged by."""

    catalog: Ref | None = None
    info: Ref | None = None
    metadata: Ref | None = None
    form: Ref | None = None  # the AcroForm, when it is an object of its own
    fields_array: Ref | None = None
    fields: dict[Ref, FieldInfo] = field(default_factory=dict)
    widget_of: dict[Ref, Ref] = field(default_factory=dict)  # widget -> its field
    pages: list[Ref] = field(default_factory=list)
    page_nodes: set[Ref] = field(default_factory=set)
    annots_arrays: dict[Ref, Ref] = field(default_factory=dict)  # array -> page
    problems: list[Reason] = field(default_factory=list)


def _name(value: Any) -> str | None:
    return str(value) if isinstance(value, _g().NameObject) else None


def _text(value: Any) -> str:
    g = _g()
    if isinstance(value, (g.TextStringObject, g.ByteStringObject)):
        return str(value) if isinstance(value, g.TextStringObject) else value.decode("latin-1")
    return ""


def read_parts(graph: ObjectGraph, revision: int) -> Parts:
    """Catalog, form fields and their widgets, pages: by reference, as of ``revision``."""
    g = _g()
    parts = Parts()
    trailer = graph.trailer(revision)
    root = raw(trailer, "/Root")
    if not is_ref(root):
        parts.problems.append(Reason("trailer không trỏ tới danh mục tài liệu", "the trailer has no catalog reference"))
        return parts
    parts.catalog = ref_of(root)
    info = raw(trailer, "/Info")
    parts.info = ref_of(info) if is_ref(info) else None
    catalog = graph.get(parts.catalog, revision)
    if not isinstance(catalog, g.DictionaryObject):
        parts.problems.append(Reason("danh mục tài liệu không phải từ điển", "the catalog is not a dictionary"))
        return parts
    metadata = raw(catalog, "/Metadata")
    parts.metadata = ref_of(metadata) if is_ref(metadata) else None
    form_raw = raw(catalog, "/AcroForm")
    if is_ref(form_raw):
        parts.form = ref_of(form_raw)
    form = graph.deref(form_raw, revision) if form_raw is not None else None
    if isinstance(form, g.DictionaryObject):
        fields_raw = raw(form, "/Fields")
        if is_ref(fields_raw):
            parts.fields_array = ref_of(fields_raw)
        fields = graph.deref(fields_raw, revision) if fields_raw is not None else None
        if isinstance(fields, g.ArrayObject):
            _read_fields(graph, revision, _elements(fields), "", None, 0, parts, set())
    pages_raw = raw(catalog, "/Pages")
    if is_ref(pages_raw):
        _read_pages(graph, revision, ref_of(pages_raw), parts, set())
    return parts


def _read_fields(
    graph: ObjectGraph, revision: int, kids: list[Any], prefix: str, kind: str | None, flags: int,
    parts: Parts, seen: set[Ref],
) -> None:
    g = _g()
    for kid in kids:
        if not is_ref(kid):
            continue
        ref = ref_of(kid)
        if ref in seen or len(seen) > 100_000:
            parts.problems.append(Reason("cây trường biểu mẫu có vòng lặp", "the form field tree has a cycle"))
            continue
        seen.add(ref)
        obj = graph.get(ref, revision)
        if not isinstance(obj, g.DictionaryObject):
            continue
        title = raw(obj, "/T")
        is_widget = _name(raw(obj, "/Subtype")) == "/Widget"
        if title is None and is_widget:
            continue  # a bare widget belongs to its parent, not a field of its own
        name = _text(title)
        full = f"{prefix}.{name}" if prefix else name
        own_kind = _name(raw(obj, "/FT")) or kind
        own_flags = _int(raw(obj, "/Ff"))
        own_flags = flags if own_flags is None else own_flags
        children = graph.deref(raw(obj, "/Kids"), revision) if raw(obj, "/Kids") is not None else None
        widgets: list[Ref] = [ref] if is_widget else []
        field_kids: list[Any] = []
        if isinstance(children, g.ArrayObject):
            for child in _elements(children):
                if not is_ref(child):
                    continue
                child_obj = graph.get(ref_of(child), revision)
                if isinstance(child_obj, g.DictionaryObject) and raw(child_obj, "/T") is None:
                    widgets.append(ref_of(child))
                else:
                    field_kids.append(child)
        info = FieldInfo(ref, full, own_kind, own_flags, widgets, not field_kids)
        parts.fields[ref] = info
        for widget in widgets:
            parts.widget_of[widget] = ref
        if field_kids:
            _read_fields(graph, revision, field_kids, full, own_kind, own_flags, parts, seen)


def _read_pages(graph: ObjectGraph, revision: int, ref: Ref, parts: Parts, seen: set[Ref]) -> None:
    g = _g()
    if ref in seen or len(seen) > 1_000_000:
        parts.problems.append(Reason("cây trang có vòng lặp", "the page tree has a cycle"))
        return
    seen.add(ref)
    node = graph.get(ref, revision)
    if not isinstance(node, g.DictionaryObject):
        return
    if _name(raw(node, "/Type")) == "/Page" or raw(node, "/Kids") is None:
        parts.pages.append(ref)
        annots = raw(node, "/Annots")
        if is_ref(annots):
            parts.annots_arrays[ref_of(annots)] = ref
        return
    parts.page_nodes.add(ref)
    kids = graph.deref(raw(node, "/Kids"), revision)
    if is_ref(raw(node, "/Kids")):
        parts.page_nodes.add(ref_of(raw(node, "/Kids")))
    if isinstance(kids, g.ArrayObject):
        for kid in _elements(kids):
            if is_ref(kid):
                _read_pages(graph, revision, ref_of(kid), parts, seen)


# ---------------------------------------------------------------------------- the review


@dataclass(frozen=True)
class Permissions:
    """What the signature under review lets change after it."""

    docmdp: int | None  # 1 no changes, 2 form filling and signing, 3 also annotations (treated as 2)
    locked: Callable[[str], bool]  # is the field with this fully qualified name locked (FieldMDP)


@dataclass
class Verdict:
    level: str  # "none", "form_filling" or "other"
    reasons: list[Reason] = field(default_factory=list)
    #: The fields whose values were filled after the signature, by name, in order (a later
    #: signature is the filling of its signature field).
    filled: list[str] = field(default_factory=list)


def _refs_list(graph: ObjectGraph, value: Any, revision: int) -> list[Ref] | None:
    g = _g()
    try:
        array = graph.deref(value, revision) if value is not None else g.ArrayObject()
    except ObjectMissing:
        return None
    if not isinstance(array, g.ArrayObject):
        return None
    return [ref_of(x) if is_ref(x) else (-2, -2) for x in _elements(array)]


def _subsequence(old: list[Ref], new: list[Ref]) -> bool:
    it = iter(new)
    return all(any(x == y for y in it) for x in old)


def _visible(graph: ObjectGraph, widget: Any) -> bool:
    """Whether a widget draws anything: a non-empty rectangle, not hidden, an appearance."""
    g = _g()
    flags = _int(raw(widget, "/F")) or 0
    if flags & HIDDEN:
        return False
    rect = raw(widget, "/Rect")
    if isinstance(rect, g.ArrayObject) and len(rect) == 4:
        try:
            x1, y1, x2, y2 = (float(v) for v in _elements(rect))
            if abs(x2 - x1) < 1e-6 or abs(y2 - y1) < 1e-6:
                return False
        except (TypeError, ValueError):
            pass
    return raw(widget, "/AP") is not None


class UpdateReview:
    """One update (revision ``k`` over ``k - 1``) judged against the list of allowed changes."""

    def __init__(self, graph: ObjectGraph, revision: int, perms: Permissions, parts_cache: dict[int, Parts]) -> None:
        self.graph = graph
        self.k = revision
        self.perms = perms
        self.reasons: list[Reason] = []
        self.filling = False
        self.parts_cache = parts_cache

    def parts(self, revision: int) -> Parts:
        if revision not in self.parts_cache:
            self.parts_cache[revision] = read_parts(self.graph, revision)
        return self.parts_cache[revision]

    def unsafe(self, vi: str, en: str) -> None:
        self.reasons.append(Reason(vi, en))

    def run(self) -> Verdict:
        graph, k = self.graph, self.k
        old_parts, new_parts = self.parts(k - 1), self.parts(k)
        self.reasons.extend(old_parts.problems + new_parts.problems)
        freed = {idnum for idnum in graph.freed_in(k) if graph.in_use[k].get(idnum) is None}
        for idnum in sorted(freed)[:5]:
            self.unsafe(f"đối tượng {idnum} bị xóa", f"object {idnum} was deleted")
        old_trailer, new_trailer = graph.trailer(k - 1), graph.trailer(k)
        if not same(raw(old_trailer, "/Root"), raw(new_trailer, "/Root")):
            self.unsafe("danh mục tài liệu bị thay bằng đối tượng khác", "the document catalog was replaced")
        if raw(new_trailer, "/Encrypt") is not None and raw(old_trailer, "/Encrypt") is None:
            self.unsafe("tệp bị mã hóa sau khi ký", "the file was encrypted after signing")

        self.new_objects: set[Ref] = set()
        self.modified: dict[Ref, tuple[Any, Any]] = {}
        for ref in sorted(graph.changed_in(k)):
            if graph.defined_in(ref, k - 1) is None:
                self.new_objects.add(ref)
                continue
            old, new = graph.get(ref, k - 1), graph.get(ref, k)
            if not same(old, new):
                self.modified[ref] = (old, new)

        self.anchors: set[Ref] = set()  # new signature fields and their widgets
        self.containers: set[Ref] = set()  # new arrays / form dictionary holding only allowed entries
        self.zones_new: set[tuple[Ref, str]] = set()  # edges into signature values / new appearances
        self.handled: set[Ref] = set()
        self.new_fields: dict[Ref, list[Ref]] = {}
        self.why_not: dict[Ref, tuple[str, str]] = {}

        self._fields(old_parts)
        self._catalog(old_parts)
        self._form(old_parts)
        self._pages(old_parts)
        self._others(old_parts)
        self._new_objects(new_parts)
        if self.reasons:
            return Verdict("other", self.reasons, self.filled_names)
        return Verdict("form_filling" if self.filling else "none", filled=self.filled_names)

    # -- fields and widgets ------------------------------------------------------------

    def _fields(self, parts: Parts) -> None:
        g = _g()
        self.filled_widgets: set[Ref] = set()
        self.filled_names: list[str] = []
        touched = {r for r in self.modified if r in parts.fields or r in parts.widget_of}
        fields = {parts.widget_of.get(r, r) for r in touched}
        for fref in sorted(fields):
            info = parts.fields[fref]
            self.handled.add(fref)
            self.handled.update(info.widgets)
            label = info.name or f"{fref[0]} {fref[1]}"
            old_field, new_field = self.modified.get(fref, (None, None))
            value_changed = old_field is not None and not same(raw(old_field, "/V"), raw(new_field, "/V"))
            signing = False
            allowed_field: set[str] = set()
            allowed_widget: set[str] = set()
            if value_changed:
                why = self._fill_refused(info, old_field, new_field)
                if why is not None:
                    self.unsafe(f"trường “{label}” bị thay đổi: {why[0]}", f"field “{label}” was changed: {why[1]}")
                    continue
                signing = info.kind == "/Sig"
                allowed_field = set(FIELD_KEYS)
                allowed_widget = set(WIDGET_KEYS)
                self.filling = True
                self.filled_names.append(label)
                self.filled_widgets.update(info.widgets)
                if signing:
                    self.zones_new.add((fref, "/V"))
            for ref in [fref, *[w for w in info.widgets if w != fref]]:
                if ref not in self.modified:
                    continue
                old, new = self.modified[ref]
                if not isinstance(old, g.DictionaryObject) or not isinstance(new, g.DictionaryObject):
                    self.unsafe(f"trường “{label}” bị thay thế", f"field “{label}” was replaced")
                    continue
                allowed = set()
                if ref == fref:
                    allowed |= allowed_field if info.terminal else set()
                if ref in info.widgets:
                    allowed |= allowed_widget
                extra = sorted(differing_keys(old, new) - allowed)
                if extra:
                    keys = ", ".join(extra)
                    if not value_changed:
                        self.unsafe(
                            f"trường “{label}” hoặc chú thích của nó bị thay đổi ({keys}) mà giá trị không được điền",
                            f"field “{label}” or its widget changed ({keys}) without its value being filled",
                        )
                    else:
                        self.unsafe(
                            f"khi điền trường “{label}”, các mục khác bị thay đổi ({keys})",
                            f"filling field “{label}” also changed {keys}",
                        )

    def _fill_refused(self, info: FieldInfo, old: Any, new: Any) -> tuple[str, str] | None:
        """Why filling this field is not allowed, or None when it is."""
        g = _g()
        docmdp = self.perms.docmdp
        if not info.terminal:
            return ("trường cha không có giá trị để điền", "a parent field has no value to fill")
        if docmdp == 1:
            return ("chữ ký chứng nhận không cho phép thay đổi", "the certification allows no changes")
        if info.flags & READ_ONLY:
            return ("trường chỉ đọc", "the field is read-only")
        if self.perms.locked(info.name):
            return ("chữ ký đã khóa trường này", "the signature locks this field")
        value = raw(new, "/V")
        if info.kind == "/Sig":
            before = raw(old, "/V")
            if before is not None and not isinstance(before, g.NullObject):
                return ("chữ ký trong trường bị thay", "the signature in the field was replaced")
            if not is_ref(value) or ref_of(value) not in self.graph.changed_in(self.k):
                return ("giá trị không phải chữ ký mới", "its value is not a new signature")
            if self.graph.defined_in(ref_of(value), self.k - 1) is not None:
                return ("giá trị là một đối tượng cũ", "its value is an existing object")
            sig = self.graph.get(ref_of(value), self.k)
            if not self._signature_value(sig):
                return ("giá trị không phải từ điển chữ ký", "its value is not a signature dictionary")
            return None
        if info.kind == "/Tx":
            ok = isinstance(value, (g.TextStringObject, g.ByteStringObject))
        elif info.kind == "/Ch":
            ok = isinstance(value, (g.TextStringObject, g.ByteStringObject)) or (
                isinstance(value, g.ArrayObject)
                and all(isinstance(x, (g.TextStringObject, g.ByteStringObject)) for x in _elements(value))
            )
        elif info.kind == "/Btn":
            ok = isinstance(value, g.NameObject)
        else:
            ok = False
        if not ok:
            return ("giá trị không hợp với loại trường", "the value does not fit the field's type")
        return None

    @staticmethod
    def _signature_value(sig: Any) -> bool:
        """A signature dictionary in form: a type, four byte-range integers, a contents string."""
        g = _g()
        if not isinstance(sig, g.DictionaryObject):
            return False
        kind = _name(raw(sig, "/Type"))
        byte_range = raw(sig, "/ByteRange")
        return (
            kind in ("/Sig", "/DocTimeStamp", None)
            and isinstance(byte_range, g.ArrayObject)
            and len(byte_range) == 4
            and all(_int(v) is not None for v in _elements(byte_range))
            and isinstance(raw(sig, "/Contents"), (g.ByteStringObject, g.TextStringObject))
        )

    def _timestamp(self, sig: Any) -> bool:
        return _name(raw(sig, "/Type")) == "/DocTimeStamp"

    def _new_signature_field(self, ref: Ref) -> list[Ref] | None:
        """The widgets of ``ref`` if it is a signature field added and signed in this update."""
        g = _g()
        if ref in self.new_fields:
            return self.new_fields[ref]
        if ref not in self.new_objects:
            return None
        obj = self.graph.get(ref, self.k)
        if (
            not isinstance(obj, g.DictionaryObject)
            or _name(raw(obj, "/FT")) != "/Sig"
            or raw(obj, "/Parent") is not None
        ):
            return None
        if self.perms.docmdp == 1 and not self._is_timestamp_field(obj):
            return None
        value = raw(obj, "/V")
        if not is_ref(value) or ref_of(value) not in self.new_objects:
            return None  # an empty signature field, or one "signed" by an old object
        sig = self.graph.get(ref_of(value), self.k)
        if not self._signature_value(sig):
            return None
        widgets: list[Ref] = []
        if _name(raw(obj, "/Subtype")) == "/Widget":
            widgets.append(ref)
        kids = raw(obj, "/Kids")
        if kids is not None:
            if is_ref(kids):
                return None
            if not isinstance(kids, g.ArrayObject):
                return None
            for kid in _elements(kids):
                if not is_ref(kid) or ref_of(kid) not in self.new_objects:
                    return None
                widget = self.graph.get(ref_of(kid), self.k)
                if not isinstance(widget, g.DictionaryObject) or raw(widget, "/T") is not None:
                    return None
                widgets.append(ref_of(kid))
        if self._timestamp(sig):
            for w in widgets:
                if _visible(self.graph, self.graph.get(w, self.k)):
                    return None  # a document timestamp shows nothing
        elif self.perms.docmdp is not None and any(_visible(self.graph, self.graph.get(w, self.k)) for w in widgets):
            # after a certification a signature goes into a field it left open (pyHanko's rule too)
            self.why_not[ref] = (
                "một ô chữ ký mới hiện trên trang sau chữ ký chứng nhận",
                "a new visible signature field after the certification",
            )
            return None
        self.new_fields[ref] = widgets
        self.anchors.add(ref)
        self.anchors.update(widgets)
        if not self._timestamp(sig):
            self.filling = True
        return widgets

    def _is_timestamp_field(self, obj: Any) -> bool:
        value = raw(obj, "/V")
        if not is_ref(value):
            return False
        try:
            return self._timestamp(self.graph.get(ref_of(value), self.k))
        except ObjectMissing:
            return False

    # -- catalog, form, pages ----------------------------------------------------------

    def _catalog(self, parts: Parts) -> None:
        g = _g()
        ref = parts.catalog
        if ref is None or ref not in self.modified:
            return
        self.handled.add(ref)
        old, new = self.modified[ref]
        if not isinstance(new, g.DictionaryObject):
            self.unsafe("danh mục tài liệu bị thay thế", "the document catalog was replaced")
            return
        extra = sorted(differing_keys(old, new) - CATALOG_KEYS)
        if extra:
            self.unsafe(
                f"danh mục tài liệu bị thay đổi ({', '.join(extra)})",
                f"the document catalog changed ({', '.join(extra)})",
            )
        metadata = raw(new, "/Metadata")
        if not same(raw(old, "/Metadata"), metadata) and metadata is not None:
            stream = self.graph.deref(metadata, self.k) if is_ref(metadata) else None
            if not isinstance(stream, g.StreamObject) or _name(raw(stream, "/Type")) != "/Metadata":
                self.unsafe("/Metadata mới không phải luồng XMP", "the new /Metadata is not an XMP stream")
        mark_info = raw(new, "/MarkInfo")
        if not same(raw(old, "/MarkInfo"), mark_info) and mark_info is not None:
            if not isinstance(mark_info, g.DictionaryObject) or list(_refs_in(mark_info)):
                self.unsafe("/MarkInfo bị thay đổi không hợp lệ", "/MarkInfo was changed into something else")
        old_form, new_form = raw(old, "/AcroForm"), raw(new, "/AcroForm")
        if same(old_form, new_form):
            return
        if old_form is None:
            self._new_form(new_form)
        elif is_ref(old_form):
            self.unsafe("biểu mẫu bị thay bằng đối tượng khác", "the form dictionary was replaced")
        else:  # a direct form dictionary, judged like one of its own
            self._form_change(old_form, self.graph.deref(new_form, self.k) if new_form is not None else None)

    def _new_form(self, value: Any) -> None:
        g = _g()
        form = self.graph.deref(value, self.k)
        if is_ref(value):
            self.containers.add(ref_of(value))
        if not isinstance(form, g.DictionaryObject):
            self.unsafe("biểu mẫu mới không hợp lệ", "the new form dictionary is malformed")
            return
        extra = sorted(set(map(str, dict.keys(form))) - NEW_FORM_KEYS)
        if extra:
            self.unsafe(f"biểu mẫu mới có mục {', '.join(extra)}", f"the new form dictionary has {', '.join(extra)}")
        fields_raw = raw(form, "/Fields")
        if is_ref(fields_raw):
            self.containers.add(ref_of(fields_raw))
        for fref in _refs_list(self.graph, fields_raw, self.k) or []:
            if self._new_signature_field(fref) is None:
                self.unsafe(
                    f"biểu mẫu mới có trường {fref[0]} {fref[1]} không phải chữ ký",
                    f"the new form has field {fref[0]} {fref[1]}, which is not a new signature",
                )

    def _form(self, parts: Parts) -> None:
        g = _g()
        if parts.form is not None and parts.form in self.modified:
            self.handled.add(parts.form)
            old, new = self.modified[parts.form]
            self._form_change(old, new)
        if parts.fields_array is not None and parts.fields_array in self.modified:
            # an indirect /Fields array: judged by _form_change through the form, unless the
            # form itself did not change (then the array's new entries are judged here)
            self.handled.add(parts.fields_array)
            old, new = self.modified[parts.fields_array]
            if parts.form is None or parts.form not in self.modified:
                self._field_list(
                    [ref_of(x) if is_ref(x) else (-2, -2) for x in _elements(old)]
                    if isinstance(old, g.ArrayObject)
                    else None,
                    [ref_of(x) if is_ref(x) else (-2, -2) for x in _elements(new)]
                    if isinstance(new, g.ArrayObject)
                    else None,
                )

    def _form_change(self, old: Any, new: Any) -> None:
        g = _g()
        if not isinstance(old, g.DictionaryObject) or not isinstance(new, g.DictionaryObject):
            self.unsafe("biểu mẫu bị thay thế", "the form dictionary was replaced")
            return
        extra = sorted(differing_keys(old, new) - FORM_KEYS)
        if extra:
            self.unsafe(
                f"biểu mẫu bị thay đổi ({', '.join(extra)})", f"the form dictionary changed ({', '.join(extra)})"
            )
        if not same(raw(old, "/Fields"), raw(new, "/Fields")):
            new_raw = raw(new, "/Fields")
            if is_ref(new_raw) and ref_of(new_raw) in self.new_objects:
                self.containers.add(ref_of(new_raw))
            self._field_list(
                _refs_list(self.graph, raw(old, "/Fields"), self.k - 1), _refs_list(self.graph, new_raw, self.k)
            )
        if not _additive(self.graph, raw(old, "/DR"), raw(new, "/DR"), self.k):
            self.unsafe(
                "tài nguyên mặc định của biểu mẫu (/DR) bị thay đổi", "the form's default resources (/DR) were changed"
            )

    def _field_list(self, old: list[Ref] | None, new: list[Ref] | None) -> None:
        if old is None or new is None or not _subsequence(old, new):
            self.unsafe(
                "danh sách trường của biểu mẫu bị xóa bớt hoặc sắp xếp lại",
                "fields were removed from or reordered in the form",
            )
            return
        added = list(new)
        for ref in old:
            added.remove(ref)
        for ref in added:
            if self._new_signature_field(ref) is None:
                vi, en = self.why_not.get(ref, (
                    "không phải chữ ký được ký trong cùng lần cập nhật", "is not a signature made in the same update"
                ))
                self.unsafe(f"trường mới {ref[0]} {ref[1]}: {vi}", f"new field {ref[0]} {ref[1]}: {en}")

    def _pages(self, parts: Parts) -> None:
        g = _g()
        for node in sorted(parts.page_nodes & set(self.modified)):
            self.handled.add(node)
            self.unsafe(
                f"cây trang bị thay đổi (đối tượng {node[0]} {node[1]})",
                f"the page tree changed (object {node[0]} {node[1]})",
            )
        for number, page in enumerate(parts.pages, 1):
            array_ref = next((a for a, p in parts.annots_arrays.items() if p == page), None)
            page_changed = page in self.modified
            array_changed = array_ref is not None and array_ref in self.modified
            if not page_changed and not array_changed:
                continue
            self.handled.add(page)
            if array_ref is not None:
                self.handled.add(array_ref)
            if page_changed:
                old, new = self.modified[page]
                if not isinstance(new, g.DictionaryObject):
                    self.unsafe(f"trang {number} bị thay thế", f"page {number} was replaced")
                    continue
                extra = sorted(differing_keys(old, new) - PAGE_KEYS)
                if extra:
                    self.unsafe(
                        f"trang {number} bị thay đổi ({', '.join(extra)})",
                        f"page {number} changed ({', '.join(extra)})",
                    )
                old_annots, new_annots_raw = raw(old, "/Annots"), raw(new, "/Annots")
            else:
                old_annots = new_annots_raw = raw(self.graph.get(page, self.k), "/Annots")
            if is_ref(new_annots_raw) and ref_of(new_annots_raw) in self.new_objects:
                self.containers.add(ref_of(new_annots_raw))
            before = _refs_list(self.graph, old_annots, self.k - 1)
            after = _refs_list(self.graph, new_annots_raw, self.k)
            if before is None or after is None or not _subsequence(before, after):
                self.unsafe(
                    f"chú thích của trang {number} bị xóa hoặc sắp xếp lại",
                    f"annotations of page {number} were removed or reordered",
                )
                continue
            added = list(after)
            for ref in before:
                added.remove(ref)
            for ref in added:
                if ref not in self.anchors:
                    self.new_annotation(ref, number)

    def new_annotation(self, ref: Ref, page: int) -> None:
        """An annotation added to a page: only the widget of a new signature field may be."""
        for fref in sorted(self.new_objects):
            widgets = self._new_signature_field(fref) if fref not in self.new_fields else self.new_fields[fref]
            if widgets and ref in widgets:
                return
        self.unsafe(
            f"chú thích {ref[0]} {ref[1]} được thêm vào trang {page} mà không phải chữ ký mới",
            f"annotation {ref[0]} {ref[1]} was added to page {page} and is not a new signature",
        )

    # -- everything else ---------------------------------------------------------------

    def _skip_zones_old(self, parts: Parts) -> Callable[[Ref, str | None], bool]:
        catalog = parts.catalog
        filled = self.filled_widgets

        def skip(ref: Ref, key: str | None) -> bool:
            if ref == TRAILER:
                return key == "/Info"
            if ref == catalog:
                return key in ("/DSS", "/Metadata")
            return ref in filled and key == "/AP"

        return skip

    def _others(self, parts: Parts) -> None:
        rest = sorted(set(self.modified) - self.handled)
        if not rest:
            return
        core = self.graph.walk(self.k - 1, skip=self._skip_zones_old(parts)).reached
        for ref in rest:
            if ref not in core:
                continue  # validation data, metadata, an appearance being replaced, or unused
            old, _new = self.modified[ref]
            self.unsafe(
                f"đối tượng {ref[0]} {ref[1]} ({_describe(old)}) bị thay đổi sau khi ký",
                f"object {ref[0]} {ref[1]} ({_describe(old)}) was changed after signing",
            )

    def _new_objects(self, new_parts: Parts) -> None:
        if not self.new_objects:
            return
        catalog = new_parts.catalog
        filled = self.filled_widgets
        zones = self.zones_new

        def skip(ref: Ref, key: str | None) -> bool:
            if ref == TRAILER:
                return key == "/Info"
            if ref == catalog:
                return key in ("/DSS", "/Metadata")
            return (ref in filled and key == "/AP") or (ref, key or "") in zones

        core = self.graph.walk(self.k, skip=skip, stop=self.anchors).reached
        for ref in sorted(self.new_objects & core):
            if ref in self.anchors or ref in self.containers:
                continue
            if self._new_signature_field(ref) is not None:
                continue
            obj = self.graph.get(ref, self.k)
            self.unsafe(
                f"đối tượng mới {ref[0]} {ref[1]} ({_describe(obj)}) được dùng trong tài liệu",
                f"new object {ref[0]} {ref[1]} ({_describe(obj)}) is used by the document",
            )


def _additive(graph: ObjectGraph, old: Any, new: Any, revision: int) -> bool:
    """Every entry of ``old`` is in ``new`` unchanged (sub-dictionaries: additively)."""
    g = _g()
    if old is None:
        return True
    if same(old, new):
        return True
    if is_ref(old) or is_ref(new):
        return False
    if not isinstance(old, g.DictionaryObject) or not isinstance(new, g.DictionaryObject):
        return False
    for key, value in _items(old):
        other = dict.get(new, key)
        if not same(value, other) and not (
            isinstance(value, g.DictionaryObject) and _additive(graph, value, other, revision)
        ):
            return False
    return True


def _describe(obj: Any) -> str:
    g = _g()
    if isinstance(obj, g.StreamObject):
        sub = _name(raw(obj, "/Subtype"))
        return f"luồng {sub}" if sub else "luồng dữ liệu"
    if isinstance(obj, g.DictionaryObject):
        kinds = [x for x in (_name(raw(obj, "/Type")), _name(raw(obj, "/Subtype"))) if x]
        return " ".join(kinds) or "từ điển"
    return type(obj).__name__.replace("Object", "").lower() or "giá trị"


def review_changes(
    graph: ObjectGraph, signed_revision: int, perms: Permissions, parts_cache: dict[int, Parts] | None = None
) -> Verdict:
    """Every update after ``signed_revision``, each judged against the list of allowed changes."""
    cache = parts_cache if parts_cache is not None else {}
    level = "none"
    reasons: list[Reason] = []
    filled: list[str] = []
    for k in range(signed_revision + 1, graph.revisions):
        try:
            verdict = UpdateReview(graph, k, perms, cache).run()
        except ObjectMissing as err:
            verdict = Verdict("other", [Reason(
                f"phiên bản {k} tham chiếu tới đối tượng {err.ref[0]} {err.ref[1]} mà nó không có",
                f"revision {k} refers to object {err.ref[0]} {err.ref[1]} that it does not define",
            )])
        except Exception as err:  # noqa: BLE001 - a malformed update is unsafe, never a crash
            verdict = Verdict("other", [Reason(
                f"không đọc được phần cập nhật thứ {k} ({err})", f"update {k} cannot be read ({err})"
            )])
        filled.extend(name for name in verdict.filled if name not in filled)
        if verdict.level == "other":
            level = "other"
            reasons.extend(verdict.reasons)
        elif verdict.level == "form_filling" and level == "none":
            level = "form_filling"
    return Verdict(level, reasons, filled)
