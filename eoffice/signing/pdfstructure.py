"""A signed PDF read strictly: its revisions laid end to end, every byte accounted for.

A lenient reader (and some viewers) rebuilds a file's cross-reference by scanning for
``N G obj`` when the one it was given looks wrong, and uses what it finds; pyHanko reads
the chain of cross-reference sections and ignores bytes that no section points to. What
one reader shows and another verifies can then differ. So before any signature counts,
the file must be an original followed by incremental updates, each of which is exactly:
objects (every one listed in that update's own cross-reference, at its offset, and no
object that is not), the cross-reference (table or stream), its trailer, ``startxref``
pointing at that cross-reference, and ``%%EOF`` — with only whitespace after the last.

The original (revision 0, or the two sections of a linearized file) is taken as it came:
its body is not parsed object by object. But every ``N G obj`` at the start of a line
anywhere in the file — what a reader rebuilding the cross-reference would use, stream
data included — must be an object some cross-reference lists at that offset; and a
reference to an object a revision does not define is caught by ``changes.ObjectGraph``
(such a reference is what makes a reader rebuild).

``signature_coverage`` checks one signature's byte range against this layout: it starts
at 0, ends where its revision ends, and the gap between the two ranges holds exactly the
``/Contents`` hex string of that signature's dictionary, and the revision's
``startxref`` points at its own cross-reference inside the signed bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, BinaryIO

WHITESPACE = b"\x00\t\n\x0c\r "
#: ``N G obj`` where an object starts; a lenient reader finds objects by this pattern.
OBJECT_HEADER = re.compile(rb"(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+obj(?![^\x00\t\n\x0c\r /<\[(%])")
TAIL = re.compile(rb"startxref[\x00\t\n\x0c\r ]+(\d{1,20})[\x00\t\n\x0c\r ]+%%EOF")
HEX_STRING = re.compile(rb"<[0-9A-Fa-f]*>")
#: How far to look for a revision's ``startxref … %%EOF`` after its trailer.
TAIL_WINDOW = 4096


@dataclass(frozen=True)
class Reason:
    """Why something is not intact or not allowed, in Vietnamese and English."""

    vi: str
    en: str


@dataclass
class RevisionSpan:
    """Where one revision lies in the file."""

    index: int
    start: int  # first byte (the end of the previous revision)
    xref_start: int  # where its startxref points
    eof: int  # just after its "%%EOF"
    end: int  # after %%EOF and the end-of-line that follows it, if any
    objects: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (id, gen) -> (start, end)


@dataclass
class Layout:
    """The revisions of a file and what is wrong with how they are laid out."""

    size: int
    revisions: list[RevisionSpan]
    original: int  # how many xref sections make the original file (2 when linearized)
    problems: list[tuple[int, Reason]] = field(default_factory=list)  # (revision, reason); -1 after the last

    def problems_in(self, first: int, last: int | None = None) -> list[Reason]:
        """What is wrong in revisions ``first``..``last``; with no ``last``, to the end of the file
        (bytes after the last revision included)."""
        return [
            reason for rev, reason in self.problems
            if (rev == -1 and last is None) or (rev >= first and (last is None or rev <= last))
        ]

    @property
    def trailing(self) -> bool:
        """Bytes other than whitespace follow the last revision."""
        return any(rev == -1 for rev, _reason in self.problems)


class _Bytes:
    """Random access to the file through its handle, a window at a time."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle = handle
        self.size = size

    def read(self, start: int, length: int) -> bytes:
        if start < 0 or start >= self.size or length <= 0:
            return b""
        self.handle.seek(start)
        return self.handle.read(min(length, self.size - start))

    def skip_space(self, pos: int, limit: int, comments: bool = True) -> tuple[int, bytes | None]:
        """The first position at or after ``pos`` that is not whitespace or a comment; the
        comment text seen, if any (a lenient scanner reads objects inside comments too)."""
        seen = b""
        while pos < limit:
            chunk = self.read(pos, min(4096, limit - pos))
            if not chunk:
                break
            i = 0
            while i < len(chunk) and chunk[i] in WHITESPACE:
                i += 1
            pos += i
            if i < len(chunk):
                if comments and chunk[i : i + 1] == b"%":
                    end = pos
                    while end < limit:
                        part = self.read(end, min(4096, limit - end))
                        cut = min((j for j in (part.find(b"\r"), part.find(b"\n")) if j >= 0), default=-1)
                        if cut >= 0:
                            seen += part[:cut]
                            end += cut
                            break
                        seen += part
                        end += len(part)
                    pos = end
                    continue
                break
        return pos, (seen or None)


def _u(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class AtRevision:
    """Resolves references as of one revision, strictly (a duplicate key is an error)."""

    strict = True

    def __init__(self, reader: Any, revision: int) -> None:
        self.reader = reader
        self.revision = revision

    def get_object(self, ref: Any, *_args: Any, **_kwargs: Any) -> Any:
        return self.reader.get_object(ref, revision=self.revision)

    @property
    def decode_context(self) -> Any:
        return self.reader.decode_context


def _read_object_at(data: _Bytes, reader: Any, pos: int, revision: int) -> tuple[int, int, int]:
    """Parse the object whose header is at ``pos``: (id, generation, end after ``endobj``)."""
    from pyhanko.pdf_utils import generic, misc

    head = data.read(pos, 64)
    match = OBJECT_HEADER.match(head)
    if match is None:
        raise ValueError(f"no object header at {pos}")
    idnum, gen = int(match.group(1)), int(match.group(2))
    handle = data.handle
    handle.seek(pos + match.end())
    misc.read_non_whitespace(handle, seek_back=True)
    generic.read_object(handle, generic.Reference(idnum, gen, AtRevision(reader, revision)))
    after = handle.tell()
    after, _comment = data.skip_space(after, data.size, comments=False)
    if data.read(after, 6) != b"endobj":
        raise ValueError(f"object {idnum} {gen} at {pos} has no endobj")
    return idnum, gen, after + 6


def object_span(handle: BinaryIO, size: int, reader: Any, pos: int, revision: int) -> tuple[int, int, int, int] | None:
    """(id, generation, start, end) of the object at ``pos``, or None when it cannot be read."""
    data = _Bytes(handle, size)
    try:
        idnum, gen, end = _read_object_at(data, reader, pos, revision)
    except Exception:  # noqa: BLE001 - any parse failure means "not an object here"
        return None
    return idnum, gen, pos, end


def _tail(data: _Bytes, pos: int, declared: int) -> tuple[int, int] | Reason:
    """After a revision's trailer: ``startxref`` (pointing at ``declared``) and ``%%EOF``.

    Returns (eof, end): just after %%EOF, and after its end-of-line.
    """
    pos, _comment = data.skip_space(pos, data.size)
    window = data.read(pos, TAIL_WINDOW)
    match = TAIL.match(window)
    if match is None:
        return Reason(
            f"sau bảng tham chiếu chéo ở vị trí {_u(declared)} không có startxref và %%EOF",
            f"the cross-reference at offset {declared} is not followed by startxref and %%EOF",
        )
    if int(match.group(1)) != declared:
        return Reason(
            f"startxref của phiên bản ({_u(int(match.group(1)))}) không trỏ tới bảng tham chiếu chéo của nó "
            f"({_u(declared)})",
            f"the revision's startxref ({int(match.group(1))}) does not point at its own cross-reference ({declared})",
        )
    eof = pos + match.end()
    end = eof
    after = data.read(eof, 2)
    if after.startswith(b"\r\n"):
        end += 2
    elif after[:1] in (b"\r", b"\n"):
        end += 1
    return eof, end


def _section_end(data: _Bytes, reader: Any, revision: int) -> tuple[int, int] | Reason:
    """Where revision ``revision`` ends: its trailer (for a table), startxref and %%EOF."""
    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.xref import XRefSectionType

    meta = reader.xrefs.get_xref_container_info(revision)
    declared = meta.declared_startxref
    pos = meta.end_location
    if meta.xref_section_type in (XRefSectionType.STANDARD, XRefSectionType.HYBRID_MAIN):
        # pyHanko's table reader stops past the keyword "trailer", at its dictionary
        pos, _c = data.skip_space(pos, data.size)
        if data.read(pos, 7) == b"trailer":
            pos, _c = data.skip_space(pos + 7, data.size)
        elif data.read(max(0, pos - 16), 16).rstrip(WHITESPACE)[-7:] != b"trailer":
            return Reason(
                f"bảng tham chiếu chéo ở vị trí {_u(declared)} không có trailer",
                f"the cross-reference table at offset {declared} has no trailer",
            )
        handle = data.handle
        handle.seek(pos)
        try:
            misc.read_non_whitespace(handle, seek_back=True)
            generic.read_object(handle, generic.Reference(0, 0, AtRevision(reader, revision)))
        except Exception as err:  # noqa: BLE001
            return Reason(
                f"không đọc được trailer ở vị trí {_u(pos)}", f"the trailer at offset {pos} cannot be read ({err})"
            )
        pos = handle.tell()
    else:
        pos, _c = data.skip_space(pos, data.size, comments=False)
        if data.read(pos, 6) != b"endobj":
            return Reason(
                f"luồng tham chiếu chéo ở vị trí {_u(declared)} không kết thúc bằng endobj",
                f"the cross-reference stream at offset {declared} does not end with endobj",
            )
        pos += 6
    return _tail(data, pos, declared)


def _linearized_length(data: _Bytes, reader: Any) -> int | None:
    """The /L of a linearization dictionary that opens the file, if there is one."""
    from pyhanko.pdf_utils import generic, misc

    pos, _c = data.skip_space(0, min(data.size, 4096))
    head = data.read(pos, 64)
    match = OBJECT_HEADER.match(head)
    if match is None:
        return None
    handle = data.handle
    handle.seek(pos + match.end())
    try:
        misc.read_non_whitespace(handle, seek_back=True)
        obj = generic.read_object(
            handle, generic.Reference(int(match.group(1)), int(match.group(2)), AtRevision(reader, 0))
        )
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(obj, generic.DictionaryObject) or "/Linearized" not in obj:
        return None
    length = obj.get("/L")
    return int(length) if isinstance(length, int) and not isinstance(length, bool) else None


def _account_body(
    data: _Bytes, reader: Any, span: RevisionSpan, xref_entries: dict[tuple[int, int], int], structural: set[int]
) -> list[Reason]:
    """Every byte between the start of an update and its cross-reference is an object that
    update's cross-reference lists at that offset; every offset it lists is such an object."""
    problems: list[Reason] = []
    body_end = span.xref_start
    pos = span.start
    while True:
        pos, comment = data.skip_space(pos, body_end)
        if comment and OBJECT_HEADER.search(comment):
            problems.append(Reason(
                f"một đối tượng nằm trong dòng chú thích ở vị trí {_u(pos)}",
                f"an object is hidden in a comment before offset {pos}",
            ))
        if pos >= body_end:
            break
        try:
            idnum, gen, end = _read_object_at(data, reader, pos, span.index)
        except Exception as err:  # noqa: BLE001
            problems.append(Reason(
                f"phiên bản {span.index} có dữ liệu không phải đối tượng PDF ở vị trí {_u(pos)}",
                f"revision {span.index} holds bytes that are not a PDF object at offset {pos} ({err})",
            ))
            return problems
        if end > body_end:
            problems.append(Reason(
                f"đối tượng {idnum} {gen} ở vị trí {_u(pos)} chồng lên bảng tham chiếu chéo",
                f"object {idnum} {gen} at offset {pos} runs into the cross-reference",
            ))
            return problems
        if (idnum, gen) in span.objects:
            problems.append(Reason(
                f"đối tượng {idnum} {gen} được định nghĩa hai lần trong cùng một phiên bản",
                f"object {idnum} {gen} is defined twice in one revision",
            ))
        span.objects[(idnum, gen)] = (pos, end)
        pos = end
    for ref, (start, _end) in span.objects.items():
        if start in structural:
            continue  # a hybrid table's xref stream belongs to the cross-reference
        if xref_entries.get(ref) != start:
            problems.append(Reason(
                f"đối tượng {ref[0]} {ref[1]} ở vị trí {_u(start)} không có trong bảng tham chiếu chéo của phiên bản "
                f"{span.index} (trình đọc dựng lại bảng tham chiếu sẽ dùng nó)",
                f"object {ref[0]} {ref[1]} at offset {start} is not in revision {span.index}'s cross-reference "
                "(a reader that rebuilds the cross-reference would use it)",
            ))
    for ref, offset in xref_entries.items():
        if offset == span.xref_start or offset in structural:
            continue  # an xref stream listing itself
        if span.objects.get(ref, (None, None))[0] != offset:
            problems.append(Reason(
                f"bảng tham chiếu chéo của phiên bản {span.index} trỏ đối tượng {ref[0]} {ref[1]} tới vị trí "
                f"{_u(offset)}, nơi không có đối tượng đó của phiên bản này",
                f"revision {span.index}'s cross-reference points object {ref[0]} {ref[1]} at offset {offset}, "
                "where this revision does not define it",
            ))
    return problems


def _entries(reader: Any, revision: int) -> tuple[dict[tuple[int, int], int], set[int], set[int]]:
    """The offsets a section lists: (id, gen) -> offset; the object streams its compressed
    entries use; the offsets of hybrid xref streams."""
    data = reader.xrefs.get_xref_data(revision)
    entries = {(idnum, gen): offset for idnum, (gen, offset) in data.standard_xrefs.items()}
    objstms = set(data.obj_streams_used)
    hybrid_offsets: set[int] = set()
    if data.hybrid is not None:
        hybrid = data.hybrid.xref_data
        entries.update({(idnum, gen): offset for idnum, (gen, offset) in hybrid.standard_xrefs.items()})
        objstms |= set(hybrid.obj_streams_used)
        hybrid_offsets.add(data.hybrid.meta_info.start_location)
    return entries, objstms, hybrid_offsets


def read_layout(reader: Any, handle: BinaryIO, size: int) -> Layout:
    """The file's revisions as laid out, with what is wrong in each (see the module's doc)."""
    from pyhanko.pdf_utils.xref import XRefSectionType

    data = _Bytes(handle, size)
    total = reader.total_revisions
    problems: list[tuple[int, Reason]] = []
    metas = [reader.xrefs.get_xref_container_info(r) for r in range(total)]

    original = 1
    original_end: tuple[int, int] | Reason
    linear = _linearized_length(data, reader)
    if linear is not None and total >= 2 and all(m.declared_startxref < linear for m in metas[:2]):
        original = 2
        while original < total and metas[original].declared_startxref < linear:
            original += 1
        tail = data.read(max(0, linear - 48), min(48, linear))
        match = re.search(rb"startxref[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+%%EOF([\r\n]{0,2})$", tail)
        if match is None or int(match.group(1)) != metas[original - 1].declared_startxref:
            original_end = Reason(
                "tệp tối ưu cho web không kết thúc đúng chỗ nó khai báo",
                "the linearized original does not end where it says it does",
            )
        else:
            original_end = (linear - len(match.group(2)), linear)
    else:
        original_end = _section_end(data, reader, 0)

    revisions: list[RevisionSpan] = []
    if isinstance(original_end, Reason):
        problems.append((original - 1, original_end))
        # without the original's end no update can be placed: every revision is suspect
        for r in range(total):
            revisions.append(RevisionSpan(r, 0, metas[r].declared_startxref, size, size))
        return Layout(size, revisions, original, problems)
    for r in range(original):
        revisions.append(RevisionSpan(r, 0, metas[r].declared_startxref, original_end[0], original_end[1]))

    previous_end = original_end[1]
    for r in range(original, total):
        meta = metas[r]
        span = RevisionSpan(r, previous_end, meta.declared_startxref, previous_end, previous_end)
        revisions.append(span)
        if meta.declared_startxref < previous_end:
            problems.append((r, Reason(
                f"bảng tham chiếu chéo của phiên bản {r} nằm trước phần của phiên bản đó trong tệp",
                f"revision {r}'s cross-reference lies before the revision itself",
            )))
            continue
        end = _section_end(data, reader, r)
        if isinstance(end, Reason):
            problems.append((r, end))
            continue
        span.eof, span.end = end
        if meta.xref_section_type is XRefSectionType.HYBRID_MAIN:
            # readers before PDF 1.5 see the table alone, later ones the stream too
            problems.append((r, Reason(
                f"phiên bản {r} có bảng tham chiếu chéo lai (trình đọc cũ và mới thấy khác nhau)",
                f"revision {r} has a hybrid cross-reference (older and newer readers see different objects)",
            )))
        entries, objstms, hybrid_offsets = _entries(reader, r)
        for reason in _account_body(data, reader, span, entries, set(hybrid_offsets)):
            problems.append((r, reason))
        defined_here = {ref[0] for ref in span.objects}
        for stm in sorted(objstms - defined_here):
            problems.append((r, Reason(
                f"phiên bản {r} dùng luồng đối tượng {stm} của một phiên bản khác",
                f"revision {r} uses object stream {stm}, which it does not define",
            )))
        previous_end = span.end

    after, _c = data.skip_space(previous_end, size, comments=False)
    if after < size:
        problems.append((-1, Reason(
            f"có {_u(size - after)} byte sau %%EOF cuối cùng (không có bảng tham chiếu chéo; trình đọc dựng lại "
            "bảng tham chiếu sẽ dùng chúng)",
            f"{size - after} bytes follow the last %%EOF without a cross-reference (a reader that rebuilds the "
            "cross-reference would use them)",
        )))
    problems.extend(_scan_headers(data, reader, revisions))
    return Layout(size, revisions, original, problems)


#: ``N G obj`` at the start of a line, as a reader that rebuilds the cross-reference finds
#: objects (poppler scans every line of the file, stream data included).
LINE_HEADER = re.compile(
    rb"(?:^|(?<=[\r\n]))[\x00\t\x0c ]*(\d{1,10})[\x00\t\x0c\r\n ]+(\d{1,5})[\x00\t\x0c\r\n ]+obj(?![A-Za-z0-9])"
)
SCAN_CHUNK = 1 << 20


def _scan_headers(data: _Bytes, reader: Any, revisions: list[RevisionSpan]) -> list[tuple[int, Reason]]:
    """Every object a rebuilding reader would find is one some cross-reference lists there."""
    known: dict[int, tuple[int, int]] = {}

    def at(offset: int, ref: tuple[int, int]) -> None:
        head = data.read(offset, 16)
        skipped = len(head) - len(head.lstrip(WHITESPACE))
        known[offset + skipped] = ref

    for rev in range(reader.total_revisions):
        section = reader.xrefs.get_xref_data(rev)
        tables = [section] + ([section.hybrid.xref_data] if section.hybrid is not None else [])
        for table in tables:
            for idnum, (gen, offset) in table.standard_xrefs.items():
                at(offset, (idnum, gen))
        meta = reader.xrefs.get_xref_container_info(rev)
        if meta.stream_ref is not None:
            at(meta.start_location, (meta.stream_ref.idnum, meta.stream_ref.generation))
        if section.hybrid is not None and section.hybrid.meta_info.stream_ref is not None:
            hybrid = section.hybrid.meta_info
            at(hybrid.start_location, (hybrid.stream_ref.idnum, hybrid.stream_ref.generation))
    found: list[tuple[int, Reason]] = []
    start = 0
    while start < data.size and len(found) < 5:
        base = max(0, start - 64)  # the bytes before, so that a line's start is seen as one
        chunk = data.read(base, start - base + SCAN_CHUNK + 64)
        for match in LINE_HEADER.finditer(chunk):
            pos = base + match.start(1)
            if pos < start:
                continue  # the previous chunk read it
            if pos >= start + SCAN_CHUNK:
                break  # the next chunk reads it
            ref = (int(match.group(1)), int(match.group(2)))
            if known.get(pos) != ref:
                rev = next((s.index for s in revisions if s.start <= pos < s.end), -1)
                found.append((rev, Reason(
                    f"có đối tượng {ref[0]} {ref[1]} ở vị trí {_u(pos)} mà không bảng tham chiếu chéo nào chỉ tới "
                    "(trình đọc dựng lại bảng tham chiếu sẽ dùng nó)",
                    f"object {ref[0]} {ref[1]} at offset {pos} is in no cross-reference (a reader that rebuilds the "
                    "cross-reference would use it)",
                )))
                if len(found) >= 5:
                    break
        start += SCAN_CHUNK
    return found


@dataclass(frozen=True)
class Coverage:
    """What a signature's byte range covers, and why it is not exact when it is not."""

    kind: str  # "whole_file", "revision", "partial", "unclear"
    covered: int
    reasons: tuple[Reason, ...] = ()


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def signature_coverage(layout: Layout, handle: BinaryIO, reader: Any, embedded: Any) -> Coverage:
    """Whether ``embedded`` covers exactly its revision (and the file, if it is the last)."""
    from pyhanko.pdf_utils import generic

    data = _Bytes(handle, layout.size)
    raw = embedded.byte_range
    values = [_int(v) for v in raw] if isinstance(raw, generic.ArrayObject) else []
    ints = [v for v in values if v is not None and v >= 0]
    if len(values) != 4 or len(ints) != 4:
        return Coverage("unclear", 0, (Reason(
            "/ByteRange của chữ ký không phải bốn số nguyên", "the signature's /ByteRange is not four integers"
        ),))
    start1, len1, start2, len2 = ints
    covered = len1 + len2
    if start1 != 0 or len1 <= 0 or start2 <= len1 or start2 + len2 > layout.size:
        return Coverage("unclear", covered, (Reason(
            "/ByteRange của chữ ký không bắt đầu từ đầu tệp hoặc vượt ra ngoài tệp",
            "the signature's /ByteRange does not start at the beginning of the file or runs past its end",
        ),))
    reasons: list[Reason] = []
    gap = data.read(len1, start2 - len1)
    contents = embedded.pkcs7_content
    if (
        HEX_STRING.fullmatch(gap) is None
        or len(gap) % 2
        or bytes.fromhex(gap[1:-1].decode("ascii")) != contents
    ):
        reasons.append(Reason(
            "khoảng trống giữa hai vùng được ký không đúng là chuỗi hex /Contents của chữ ký",
            "the gap between the signed ranges is not exactly the signature's /Contents hex string",
        ))
    revision = embedded.signed_revision
    span = layout.revisions[revision] if 0 <= revision < len(layout.revisions) else None
    end = start2 + len2
    if span is None or end not in (span.eof, span.end):
        reasons.append(Reason(
            "vùng được ký không kết thúc ở cuối phiên bản của chữ ký",
            "the signed range does not end where the signature's revision ends",
        ))
    elif not (start2 <= span.xref_start < end):
        reasons.append(Reason(
            "bảng tham chiếu chéo của phiên bản được ký nằm ngoài vùng được ký",
            "the signed revision's cross-reference lies outside the signed bytes",
        ))
    sig_ref = embedded.sig_field.raw_get("/V")
    marker = None
    if isinstance(sig_ref, generic.IndirectObject):
        try:
            marker = reader.xrefs.get_historical_ref(sig_ref.reference, revision)
        except KeyError:
            marker = None
    found = None
    if isinstance(marker, int) and span is not None:
        # the revision's own objects were parsed when laying it out
        ref = (int(sig_ref.idnum), int(sig_ref.generation))
        known = span.objects.get(ref)
        if known is not None and known[0] == marker:
            found = (ref[0], ref[1], known[0], known[1])
    if found is None and isinstance(marker, int):
        found = object_span(handle, layout.size, reader, marker, revision)
    if found is None:
        reasons.append(Reason(
            "từ điển chữ ký không phải một đối tượng riêng đọc được trong tệp",
            "the signature dictionary is not a readable object of its own in the file",
        ))
    else:
        _id, _gen, obj_start, obj_end = found
        before = data.read(obj_start, len1 - obj_start).rstrip(WHITESPACE)
        if not (obj_start < len1 and end >= obj_end > start2) or not before.endswith(b"/Contents"):
            reasons.append(Reason(
                "khoảng trống giữa hai vùng được ký không phải giá trị /Contents của từ điển chữ ký",
                "the gap between the signed ranges is not the /Contents value of the signature dictionary",
            ))
    if reasons:
        kind = "partial" if span is not None and end < layout.size else "unclear"
        return Coverage(kind, covered, tuple(reasons))
    if revision == len(layout.revisions) - 1 and not layout.trailing:
        return Coverage("whole_file", covered)
    return Coverage("revision", covered)
