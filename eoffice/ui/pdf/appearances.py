"""A copy of a PDF, in memory, in which QtPdf draws the form fields' appearances.

PDFium, under QtPdf, draws annotations when asked but skips form widgets — and a
signature's visible part (the signer's image, the agency's red seal) or a filled field is a
widget's appearance stream; widgets are drawn only through PDFium's form-fill calls, which
QtPdf does not make. So, for showing and printing only, each visible widget that has an
appearance is re-typed as a stamp annotation in an incremental update appended to the
file's bytes: PDFium then draws the same appearance stream, where the widget is. The file
on disk (and every copy the user saves) stays the signed original.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

log = logging.getLogger(__name__)

#: Annotation flags (PDF 32000-1, 12.5.3): Hidden and NoView widgets are not shown.
HIDDEN, NO_VIEW = 1 << 1, 1 << 5


def shown_bytes(path: Path) -> bytes:
    """The file's bytes, with its visible widgets' appearances made drawable (see above).

    The unchanged bytes when the file has no such widget or cannot be read that way (a
    damaged file is still shown as QtPdf can).
    """
    data = Path(path).read_bytes()
    try:
        return _retyped(data) or data
    except Exception:
        log.warning("cannot prepare the appearances of %s", path, exc_info=True)
        return data


def _retyped(data: bytes) -> bytes | None:
    from pyhanko.pdf_utils.generic import IndirectObject, NameObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    changed = 0
    for page_ref in _page_refs(writer):
        page = page_ref.get_object()
        annots_raw = page.get("/Annots")
        if annots_raw is None:
            continue
        annots = annots_raw.get_object()
        page_changed = False
        for item in annots:
            annot = item.get_object()
            if annot.get("/Subtype") != "/Widget" or "/AP" not in annot:
                continue
            if int(annot.get("/F", 0)) & (HIDDEN | NO_VIEW):
                continue
            annot["/Subtype"] = NameObject("/Stamp")
            changed += 1
            if isinstance(item, IndirectObject):
                writer.mark_update(item)
            else:
                page_changed = True
        if page_changed:
            writer.mark_update(annots_raw if isinstance(annots_raw, IndirectObject) else page_ref)
    if not changed:
        return None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_refs(writer):  # type: ignore[no-untyped-def]
    """The pages' indirect references, in order."""
    root = writer.root
    stack = [root["/Pages"] if not hasattr(root, "raw_get") else root.raw_get("/Pages")]
    while stack:
        ref = stack.pop()
        node = ref.get_object()
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            stack.extend(reversed(list(node.raw_get("/Kids") if hasattr(node, "raw_get") else node["/Kids"])))
        else:
            yield ref
