"""Where a signature goes on the page, as the decree lays it out.

The signer's image sits between the title (chức vụ) and the name in the signature block
of the last page; the agency's seal overlaps the left third of the signer's image; the
text stamp of an attachment or copy sits at the top right of page 1. Coordinates are
PDF points from the bottom-left corner of the page (x1, y1, x2, y2).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from eoffice.signing.errors import UnreadablePdfError

log = logging.getLogger(__name__)

MM = 72 / 25.4

#: The signer's box when no signature block is found: bottom right of the last page.
DEFAULT_SIGNER_SIZE = (170.0, 70.0)
#: The text stamp of an attachment / copy: top right of page 1.
ATTACHMENT_SIZE = (215.0, 40.0)
#: A round seal's diameter when its image carries no resolution (Vietnamese seals are 35–42 mm).
DEFAULT_SEAL_MM = 36.0
#: The agency's signature field, made empty by the leader's certification (see ``pades``).
SEAL_FIELD = "agency-seal"
#: The approver's signature field, made empty by a co-signer's certification (a document
#: signed first by a co-signer, e.g. the secretary of a meeting's minutes): after a
#: certification a visible signature goes only into a field it left open.
APPROVER_FIELD = "approver-signature"


@dataclass(frozen=True)
class Box:
    """A rectangle on a page (0-based ``page``), in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float
    found: bool = False  # placed from the document's text rather than by default
    fixed: bool = False  # the place a certification left for this signature (seal, approver): it does not move

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def rect(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))

    @classmethod
    def parse(cls, page: int, text: str) -> Box:
        """``x1,y1,x2,y2`` as typed on the command line."""
        try:
            x1, y1, x2, y2 = (float(part) for part in text.split(","))
        except ValueError:
            from eoffice.errors import ValidationError

            raise ValidationError(
                f"Vùng ký “{text}” phải có dạng x1,y1,x2,y2 (điểm PDF).",
                f"The box “{text}” must read x1,y1,x2,y2 (PDF points).",
                field="box",
            ) from None
        return cls(page, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


@dataclass(frozen=True)
class _Line:
    text: str
    x: float
    y: float
    size: float


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def _estimated_width(text: str, size: float) -> float:
    width = 0.0
    for ch in text:
        if ch.isspace():
            width += 0.25
        elif ch.isupper():
            width += 0.68
        else:
            width += 0.47
    return width * size


@contextmanager
def _reader(path: Path) -> Iterator[Any]:
    """pypdf over the open file: given a path it would read the whole file into memory."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with open(path, "rb") as handle:
            try:
                reader = PdfReader(handle)
            except (PdfReadError, ValueError) as err:
                raise UnreadablePdfError(str(path), str(err)) from err
            yield reader
    except OSError as err:
        raise UnreadablePdfError(str(path), err.strerror or str(err)) from err


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """(width, height) of every page, in points."""
    with _reader(path) as reader:
        return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def _without_xobjects(page):  # type: ignore[no-untyped-def]
    """The page without its XObjects: pypdf would load a scanned page's image whole."""
    from pypdf import PageObject
    from pypdf.generic import DictionaryObject, NameObject

    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    if not resources or "/XObject" not in resources:
        return page
    copy = PageObject(page.pdf, page.indirect_reference)
    copy.update(page)
    copy[NameObject("/Resources")] = DictionaryObject({k: v for k, v in resources.items() if k != "/XObject"})
    return copy


def _lines(page) -> list[_Line]:  # type: ignore[no-untyped-def]
    from pypdf import mult

    found: list[_Line] = []
    page = _without_xobjects(page)

    def visit(text, cm, tm, _font, size):  # type: ignore[no-untyped-def]
        if text and text.strip():
            m = mult(tm, cm)
            scale = abs(m[3]) or 1.0
            found.append(_Line(text.strip(), float(m[4]), float(m[5]), float(size) * scale))

    try:
        page.extract_text(visitor_text=visit)
    except Exception as err:  # noqa: BLE001 - a broken content stream only costs the automatic placement
        log.info("no text for placement: %s", err)
    return found


def _find(lines: list[_Line], wanted: str) -> _Line | None:
    target = _normal(wanted)
    if not target:
        return None
    # the lowest match on the page: the signature block is at the end
    matches = [line for line in lines if target in _normal(line.text)]
    return min(matches, key=lambda line: line.y) if matches else None


def _centre_x(line: _Line, wanted: str) -> float:
    text = line.text
    start = _normal(text).find(_normal(wanted))
    before = text[:start] if start > 0 else ""
    return line.x + _estimated_width(before, line.size) + _estimated_width(wanted, line.size) / 2


def find_signer_box(path: Path, title: str = "", name: str = "", page: int | None = None) -> Box:
    """The box between the signer's title and name on the last page, else a default place."""
    with _reader(path) as reader:
        index = len(reader.pages) - 1 if page is None else page
        pdf_page = reader.pages[index]
        width = float(pdf_page.mediabox.width)
        lines = _lines(pdf_page)
    title_line = _find(lines, title) if title else None
    name_line = _find(lines, name) if name else None
    if title_line and name_line and name_line.y >= title_line.y:
        name_line = None  # the name above the title is not the signature block
    box_w, box_h = DEFAULT_SIGNER_SIZE
    if title_line and name_line:
        top = title_line.y - 0.35 * title_line.size
        bottom = name_line.y + 0.95 * name_line.size
        if top - bottom < 24:
            bottom = top - 24
        centre = (_centre_x(title_line, title) + _centre_x(name_line, name)) / 2
        box_h = top - bottom
        box_w = min(box_w, max(100.0, box_h * 2.6))
        return _clamp(Box(index, centre - box_w / 2, bottom, centre + box_w / 2, top, True), width)
    if title_line:
        top = title_line.y - 0.35 * title_line.size
        centre = _centre_x(title_line, title)
        return _clamp(Box(index, centre - box_w / 2, top - box_h, centre + box_w / 2, top, True), width)
    if name_line:
        bottom = name_line.y + 0.95 * name_line.size
        centre = _centre_x(name_line, name)
        return _clamp(Box(index, centre - box_w / 2, bottom, centre + box_w / 2, bottom + box_h, True), width)
    return Box(index, width - 20 * MM - box_w, 90.0, width - 20 * MM, 90.0 + box_h, False)


#: The smallest box a deputy's signature block takes (ký thay: two title lines, the
#: signature, the name).
ACTING_BLOCK_SIZE = (190.0, 110.0)


def find_block_box(path: Path, title: str = "", name: str = "", page: int | None = None) -> Box:
    """The whole signature block, from above the title to below the name, for a deputy
    signing in a leader's stead: the deputy's block ("KT. <title>", their own title,
    signature and name) covers the absent leader's. Else a default place."""
    with _reader(path) as reader:
        index = len(reader.pages) - 1 if page is None else page
        pdf_page = reader.pages[index]
        width = float(pdf_page.mediabox.width)
        lines = _lines(pdf_page)
    title_line = _find(lines, title) if title else None
    name_line = _find(lines, name) if name else None
    if title_line and name_line and name_line.y >= title_line.y:
        name_line = None
    box_w, box_h = ACTING_BLOCK_SIZE
    if title_line is None and name_line is None:
        return Box(index, width - 20 * MM - box_w, 90.0, width - 20 * MM, 90.0 + box_h, False)
    anchor = title_line or name_line
    assert anchor is not None
    centre = _centre_x(anchor, title if title_line else name)
    top = (title_line.y + 1.2 * title_line.size) if title_line else None
    bottom = (name_line.y - 0.5 * name_line.size) if name_line else None
    if top is None:
        top = (bottom or 0.0) + box_h
    if bottom is None or top - bottom < box_h:
        bottom = top - box_h
    return _clamp(Box(index, centre - box_w / 2, bottom, centre + box_w / 2, top, True), width)


def _clamp(box: Box, page_width: float) -> Box:
    shift = 0.0
    if box.x1 < 0:
        shift = -box.x1
    elif box.x2 > page_width:
        shift = page_width - box.x2
    return Box(box.page, box.x1 + shift, box.y1, box.x2 + shift, box.y2, box.found)


def attachment_box(path: Path) -> Box:
    """Top right of page 1, above the header of an official document (NĐ 30 leaves 20 mm)."""
    width, height = page_sizes(path)[0]
    w, h = ATTACHMENT_SIZE
    return Box(0, width - 15 * MM - w, height - 4 * MM - h, width - 15 * MM, height - 4 * MM, True)


#: A form field for the clerk's number has this width when the line leaves room for it.
NUMBER_WIDTH = 110.0
NUMBER_NOT_BLANK = re.compile(r"^\s*\d")
DATE_PLACEHOLDER = re.compile(r"ngày\s*(?P<blank>[^\d]{0,12}?)\s*tháng.*năm", re.IGNORECASE)
#: A date already written ("ngày 05 tháng 12 năm 2026"): nothing to fill.
DATE_WRITTEN = re.compile(r"ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}", re.IGNORECASE)
NUMBER = "number"
DATE = "date"


@dataclass(frozen=True)
class IssuePlaces:
    """Where the clerk writes the number and the date when issuing (page 1's header), if
    the draft leaves them blank: after "Số:", and over "ngày … tháng … năm …".

    ``unsure`` names the places the finder is not sure of: several blanks that could be it
    (the first is given), or none found (a place proposed by the decree's layout, ``found``
    False, only with ``propose``): the signer places those by hand before signing.
    """

    number: Box | None
    date: Box | None
    unsure: frozenset[str] = frozenset()

    @property
    def sure(self) -> bool:
        return not self.unsure


def proposed_number_box(width: float, height: float) -> Box:
    """NĐ 30's "Số:" line: the left column, under the agency's name (about 40 mm from the top)."""
    top = height - 38 * MM
    return Box(0, 40 * MM, top - 14, 40 * MM + NUMBER_WIDTH, top, False)


def proposed_date_box(width: float, height: float) -> Box:
    """NĐ 30's place and date line: the right column, on the number's line."""
    top = height - 38 * MM
    return Box(0, 110 * MM, top - 14, width - 15 * MM, top, False)


def find_issue_places(path: Path, *, propose: bool = False) -> IssuePlaces:
    """The blank number and date of a draft's header, from its text (None where absent).

    With ``propose``, a place not found (and not already written) is proposed where the
    decree puts it, and counted unsure, as an ambiguous one is; nothing is proposed for a
    draft whose number is already written.
    """
    with _reader(path) as reader:
        if not reader.pages:
            return IssuePlaces(None, None)
        page = reader.pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        lines = [line for line in _lines(page) if line.y > height / 2]  # the header, not the body
    unsure: set[str] = set()
    numbers, dates = [], []
    number_written = date_written = False
    for line in sorted(lines, key=lambda item: -item.y):
        text = unicodedata.normalize("NFC", line.text)
        if text.casefold().startswith("số:"):
            if NUMBER_NOT_BLANK.match(text[3:]):
                number_written = True
            else:
                x1 = line.x + _estimated_width("Số: ", line.size)
                numbers.append(Box(
                    0, x1, line.y - 0.3 * line.size, min(x1 + NUMBER_WIDTH, width - 10 * MM), line.y + line.size, True
                ))
        match = DATE_PLACEHOLDER.search(text)
        if match is not None:
            x1 = line.x + _estimated_width(text[: match.start()], line.size)
            # a little past the estimated end: the white of the filled date must cover the whole blank line
            x2 = min(line.x + _estimated_width(text, line.size) * 1.08 + line.size, width - 10 * MM)
            dates.append(Box(0, x1, line.y - 0.3 * line.size, x2, line.y + line.size, True))
        elif DATE_WRITTEN.search(text):
            date_written = True
    number = numbers[0] if numbers else None
    date = dates[0] if dates else None
    if len(numbers) > 1:
        unsure.add(NUMBER)
    if len(dates) > 1:
        unsure.add(DATE)
    if propose and not number_written:  # a number already written: the draft is not waiting for one
        if number is None:
            number = proposed_number_box(width, height)
            unsure.add(NUMBER)
        if date is None and not date_written:
            date = proposed_date_box(width, height)
            unsure.add(DATE)
    return IssuePlaces(number, date, frozenset(unsure))


@dataclass(frozen=True)
class ExistingSignature:
    field_name: str
    box: Box | None  # None for an invisible signature


def existing_signatures(path: Path) -> list[ExistingSignature]:
    """The signature fields already filled, in the order they were signed."""
    with _reader(path) as reader:
        return _existing(reader)


def _existing(reader: Any) -> list[ExistingSignature]:
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    root = reader.trailer["/Root"]
    form = root.get("/AcroForm")
    if form is None:
        return []
    found: list[tuple[int, ExistingSignature]] = []
    for ref in form.get_object().get("/Fields", []):
        fld = ref.get_object()
        if fld.get("/FT") != "/Sig" or "/V" not in fld:
            continue
        value = fld["/V"].get_object()
        order = int(value.get("/ByteRange", [0, 0, 0, 0])[2])
        widget = fld if "/Rect" in fld else (fld.get("/Kids") or [None])[0]
        box = None
        if widget is not None:
            widget = widget.get_object()
            x1, y1, x2, y2 = (float(v) for v in widget.get("/Rect", [0, 0, 0, 0]))
            page_ref = widget.get("/P")
            page = page_of.get(page_ref.idnum, len(reader.pages) - 1) if page_ref is not None else len(reader.pages) - 1
            if abs(x2 - x1) > 1 and abs(y2 - y1) > 1:
                box = Box(page, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), True)
        found.append((order, ExistingSignature(str(fld.get("/T", "")), box)))
    return [sig for _order, sig in sorted(found, key=lambda item: item[0])]


def empty_signature_field(path: Path, name: str) -> Box | None:
    """The place of the empty signature field ``name`` (a top-level field), if the file has one."""
    with _reader(path) as reader:
        page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
        form = reader.trailer["/Root"].get("/AcroForm")
        if form is None:
            return None
        for ref in form.get_object().get("/Fields", []):
            fld = ref.get_object()
            if fld.get("/FT") != "/Sig" or fld.get("/T") != name or "/V" in fld or "/Rect" not in fld:
                continue
            x1, y1, x2, y2 = (float(v) for v in fld["/Rect"])
            page_ref = fld.get("/P")
            page = page_of.get(page_ref.idnum, 0) if page_ref is not None else 0
            return Box(page, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), True, True)
    return None


def seal_size_points(image_size: tuple[int, int], dpi: tuple[float, float] | None) -> tuple[float, float]:
    """The seal's real size on paper: its pixels at its resolution, else 36 mm across."""
    w, h = image_size
    if dpi and dpi[0] > 1 and dpi[1] > 1:
        return (w / dpi[0] * 72, h / dpi[1] * 72)
    scale = DEFAULT_SEAL_MM * MM / max(w, h)
    return (w * scale, h * scale)


def agency_box(path: Path, seal_size: tuple[float, float], title: str = "", name: str = "") -> Box:
    """The seal at real size, its right part over the left third of the signer's image."""
    visible = [sig.box for sig in existing_signatures(path) if sig.box is not None]
    signer = visible[-1] if visible else find_signer_box(path, title, name)
    w, h = seal_size
    right = signer.x1 + signer.width / 3
    centre_y = (signer.y1 + signer.y2) / 2
    return Box(signer.page, right - w, centre_y - h / 2, right, centre_y + h / 2, signer.found)
