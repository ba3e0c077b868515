"""The number and the issuing date written into the signed draft before the agency's seal.

The leader's certification (``pades``) leaves two text fields open over the blanks of page
1's header: ``number`` after "Số:" and ``date`` over "ngày … tháng … năm …". When the
server has given the document its number, the clerk's desk fills them in one incremental
update — each field's value (/V) and its widget's appearance (/AP), nothing else — which
the certification permits (DocMDP level 2, form filling), so the leader's signature stays
valid and the verifier reports the filled fields as the only change after it
(``changes``). The seal then signs the complete document.

The appearance paints white over the blank it covers (the draft's "/SNV-CCHC", or "ngày
tháng … năm 2026") and writes the whole value in the stamps' Vietnamese font, embedded.
A file without those fields (not certified by eOffice, or signed before the fields
existed) is reported, never guessed at: the seal's reason still names the number.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eoffice.signing.errors import SigningError, UnreadablePdfError

NUMBER_FIELD = "number"
DATE_FIELD = "date"
CHUNK = 1 << 20


def date_text(day: date) -> str:
    """"ngày 06 tháng 12 năm 2026": NĐ 30's leading zero for days 1–9 and months 1–2 only."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class IssueFields:
    """Which of the issuing fields a file has open (empty) and which are filled, by name → value."""

    open: tuple[str, ...]
    filled: dict[str, str]

    @property
    def fillable(self) -> bool:
        return bool(self.open)


def _text_fields(root) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Top-level text fields by name (the issuing fields are top-level, as ``pades`` makes them)."""
    from pyhanko.pdf_utils import generic

    found: dict[str, object] = {}
    form = root.get("/AcroForm")
    if form is None:
        return found
    fields = form.get_object().get("/Fields")
    if fields is None:
        return found
    for ref in fields.get_object():
        if not isinstance(ref, generic.IndirectObject):
            continue
        fld = ref.get_object()
        if isinstance(fld, generic.DictionaryObject) and fld.get("/FT") == "/Tx" and "/T" in fld:
            found[str(fld["/T"])] = ref
    return found


def issue_fields(path: Path) -> IssueFields:
    """The number and date fields of ``path``: open ones, and the values of filled ones."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open(path, "rb") as handle:
            try:
                reader = PdfFileReader(handle, strict=False)
                fields = _text_fields(reader.root)
            except (PdfError, ValueError, KeyError, IndexError) as err:
                raise UnreadablePdfError(str(path), str(err)) from err
            open_names: list[str] = []
            filled: dict[str, str] = {}
            for name in (NUMBER_FIELD, DATE_FIELD):
                ref = fields.get(name)
                if ref is None:
                    continue
                value = ref.get_object().get("/V")  # type: ignore[attr-defined]
                if value is None or not str(value).strip():
                    open_names.append(name)
                else:
                    filled[name] = str(value)
    except OSError as err:
        raise UnreadablePdfError(str(path), err.strerror or str(err)) from err
    return IssueFields(tuple(open_names), filled)


class _Covering:
    """A text stamp that first paints its box white: the value replaces the blank under it."""

    @staticmethod
    def make(writer, width: float, height: float, text: str):  # type: ignore[no-untyped-def]
        from pyhanko.pdf_utils import layout
        from pyhanko.pdf_utils.text import TextBoxStyle
        from pyhanko.stamp import TextStamp, TextStampStyle

        from eoffice.signing.appearance import _font_factory

        size = max(6, min(14, round(height / 1.3)))
        style = TextStampStyle(
            stamp_text="%(value)s",
            text_box_style=TextBoxStyle(
                font=_font_factory(size), font_size=size, leading=size + 1,
                box_layout_rule=layout.SimpleBoxLayoutRule(  # pyHanko's default: 10 points around
                    x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MIN,
                    margins=layout.Margins(),
                ),
            ),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins(1, 1, 0, 0),
                inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
            ),
            border_width=0,
        )

        class Stamp(TextStamp):
            def render(self):  # type: ignore[no-untyped-def]
                inner = super().render()
                return b"q 1 g 0 0 %g %g re f Q " % (self.box.width, self.box.height) + inner

        return Stamp(writer, style, {"value": text}, layout.BoxConstraints(width=width, height=height))


def _fill(writer, ref, value: str) -> None:  # type: ignore[no-untyped-def]
    """Set the field's value and its widget's appearance (a merged field and widget, or kids)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    fld = ref.get_object()
    if int(fld.get("/Ff", 0)) & 1:
        raise SigningError("Trường số văn bản chỉ đọc.", "The number field is read-only.")
    fld[pdf_name("/V")] = generic.TextStringObject(value)
    writer.update_container(fld)
    widgets = [fld] if "/Rect" in fld else [kid.get_object() for kid in fld.get("/Kids", [])]
    for widget in widgets:
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        stamp = _Covering.make(writer, abs(x2 - x1), abs(y2 - y1), value)
        widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): stamp.register()})
        writer.update_container(widget)


def fill_issue_fields(src: Path, dst: Path, number_label: str, issued_date: date) -> IssueFields:
    """Write ``number_label`` and ``issued_date`` into ``src``'s open number and date fields, as
    ``dst`` (an incremental update; ``src`` is never changed). Returns what was filled.

    Raises SigningError when the file has no open field to fill (the caller says so), or a
    field is already filled with another value.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    values = {NUMBER_FIELD: number_label.strip(), DATE_FIELD: date_text(issued_date)}
    found = issue_fields(src)
    for name, value in found.filled.items():
        if value.strip() != values[name]:
            raise SigningError(
                f"Tệp đã ghi {'số' if name == NUMBER_FIELD else 'ngày'} “{value}”, khác với “{values[name]}”.",
                f"The file already reads “{value}” as its {name}, not “{values[name]}”.",
            )
    if not found.open:
        if found.filled:
            shutil.copyfile(src, dst)
            return found
        raise SigningError(
            "Tệp không có ô để ghi số và ngày ban hành (không được ký duyệt bằng eOffice).",
            "The file has no fields for the number and the issuing date (not certified by eOffice).",
        )
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".filling-", suffix=".pdf", dir=dst.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, CHUNK)
        with open(tmp, "r+b") as handle:
            try:
                writer = IncrementalPdfFileWriter(handle, strict=False)
                fields = _text_fields(writer.root)
            except (PdfError, ValueError, KeyError, IndexError) as err:
                raise UnreadablePdfError(str(src), str(err)) from err
            for name in found.open:
                _fill(writer, fields[name], values[name])
            writer.write_in_place()
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return IssueFields((), {**found.filled, **{name: values[name] for name in found.open}})


__all__ = ["DATE_FIELD", "NUMBER_FIELD", "IssueFields", "date_text", "fill_issue_fields", "issue_fields"]
