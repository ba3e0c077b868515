"""How a signature looks on the page (NĐ 30/2020, Phụ lục I) and where it goes.

- signer: the blue signature image, centred between the title and the name;
- cosigner (người ký trước: a second person who signs before the approver, e.g. the
  secretary of a meeting's minutes): the same, in the block of their own title and name;
- agency: the red seal image at real size over the left third of the signer's image;
- attachment (separate attachment files, electronic copies): no image, a text stamp at
  the top right of page 1 with the số/ký hiệu and the signing time in ISO 8601 with
  +07:00, in Times New Roman 10 (Liberation Serif where Times is absent), embedded.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path

from eoffice.errors import ValidationError
from eoffice.signing.placement import (
    APPROVER_FIELD,
    DEFAULT_SEAL_MM,
    MM,
    SEAL_FIELD,
    Box,
    agency_box,
    attachment_box,
    empty_signature_field,
    find_block_box,
    find_signer_box,
    seal_size_points,
)

#: Việt Nam's time zone (no daylight saving): the decree's "+07:00".
VN_TZ = timezone(timedelta(hours=7), "ICT")
ISO_FORMAT = "%Y-%m-%dT%H:%M:%S+07:00"

# fontTools reports every table it does not subset (FFTM…) as a warning: noise for a clerk.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

BLUE = (0.0, 0.2, 0.7)
BLACK = (0.0, 0.0, 0.0)


class Kind(str, Enum):
    SIGNER = "signer"
    COSIGNER = "cosigner"
    AGENCY = "agency"
    ATTACHMENT = "attachment"


@dataclass(frozen=True)
class Appearance:
    """What the signature shows and where; ``box`` None means place it automatically."""

    kind: Kind = Kind.SIGNER
    image: bytes | None = None  # PNG (transparent background)
    box: Box | None = None
    title: str = ""  # the signer's title (chức vụ) to find on the last page
    name: str = ""  # the signer's full name to find on the last page
    code_label: str = ""  # số và ký hiệu, for the attachment stamp
    organisation: str = ""  # the agency's name, for the attachment stamp
    seal_image: bytes | None = None  # the leader's signature: the agency's seal, to size the seal's field
    #: A deputy signing in the absent leader's stead (ký thay): "KT. GIÁM ĐỐC", with their
    #: own title and name under it; the block they sign covers the leader's.
    acting_title: str = ""
    signer_title: str = ""
    signer_name: str = ""
    #: The leader's certification: where the number and date fields go when the signer
    #: placed them by hand (the finder was unsure); None: where ``find_issue_places`` finds them.
    number_box: Box | None = None
    date_box: Box | None = None
    #: A co-signer's certification: the approver's title and name to find their block,
    #: where it leaves the approver's signature field open (``approver_box``: placed by hand).
    approver_title: str = ""
    approver_name: str = ""
    approver_box: Box | None = None

    @property
    def personal(self) -> bool:
        """A person's signature (the approver's or a co-signer's): their image between title and name."""
        return self.kind in (Kind.SIGNER, Kind.COSIGNER)

    @classmethod
    def with_image_file(cls, kind: Kind, path: Path | None, **fields: object) -> Appearance:
        return cls(kind=kind, image=Path(path).read_bytes() if path else None, **fields)  # type: ignore[arg-type]


def vn_time(moment: datetime | None = None) -> datetime:
    """``moment`` (default now) in +07:00, whole seconds."""
    return (moment or datetime.now(timezone.utc)).astimezone(VN_TZ).replace(microsecond=0)


def iso_vn(moment: datetime) -> str:
    return vn_time(moment).strftime(ISO_FORMAT)


def _open_image(data: bytes):  # type: ignore[no-untyped-def]
    from PIL import Image, UnidentifiedImageError

    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as err:
        raise ValidationError(
            "Tệp hình chữ ký / con dấu không phải ảnh PNG đọc được.",
            "The signature or seal image is not a readable PNG.",
            field="image",
        ) from err
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    return image


def plan_box(path: Path, appearance: Appearance) -> Box:
    """The box the signature will take: the one asked for, else found in the document."""
    if appearance.box is not None:
        return appearance.box
    if appearance.kind is Kind.ATTACHMENT:
        return attachment_box(path)
    if appearance.kind is Kind.AGENCY:
        if appearance.image is None:
            raise _seal_needed()
        field = empty_signature_field(path, SEAL_FIELD)
        if field is not None:
            return field  # the place the leader's certification left for the seal (it does not move)
        image = _open_image(appearance.image)
        size = seal_size_points(image.size, image.info.get("dpi"))
        return agency_box(path, size, appearance.title, appearance.name)
    if appearance.kind is Kind.SIGNER:
        field = empty_signature_field(path, APPROVER_FIELD)
        if field is not None:
            return field  # the place a co-signer's certification left for the approver (it does not move)
    if appearance.acting_title and appearance.kind is Kind.SIGNER:
        return find_block_box(path, appearance.title, appearance.name)
    return find_signer_box(path, appearance.title, appearance.name)


def approver_place(path: Path, appearance: Appearance) -> Box:
    """Where a co-signer's certification leaves the approver's signature field: the block
    of the approver's title and name (or where the co-signer placed it)."""
    if appearance.approver_box is not None:
        return appearance.approver_box
    return find_signer_box(path, appearance.approver_title, appearance.approver_name)


def seal_place(signer_box: Box, seal_image: bytes | None) -> Box:
    """Where the seal will go over the leader's signature: its real size when its image is
    known (else a usual seal's), its right part over the left third of the signer's box."""
    if seal_image is not None:
        image = _open_image(seal_image)
        w, h = seal_size_points(image.size, image.info.get("dpi"))
    else:
        w = h = DEFAULT_SEAL_MM * MM
    right = signer_box.x1 + signer_box.width / 3
    centre = (signer_box.y1 + signer_box.y2) / 2
    return Box(signer_box.page, right - w, centre - h / 2, right, centre + h / 2, signer_box.found)


def _seal_needed() -> ValidationError:
    return ValidationError(
        "Chữ ký số của cơ quan cần hình con dấu (ảnh PNG nền trong suốt).",
        "The agency signature needs the seal image (a transparent PNG).",
        field="image",
    )


#: What a stamp may print: Latin, Vietnamese letters, punctuation.
STAMP_UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x1A0, 0x1B1), *range(0x300, 0x324),
    *range(0x1EA0, 0x1EFA), *range(0x2010, 0x2027), 0x2030, 0x20AB,
]


def stamp_font() -> Path:
    """The Vietnamese font for stamps: its Latin and Vietnamese glyphs at 1000 units per em.

    pyHanko writes a TrueType font's glyph widths in the font's own units, which PDF
    reads as thousandths of an em: a 2048-unit font (Times, Liberation) would print with
    gaps between letters. A copy at 1000 units per em fixes it; keeping only the glyphs a
    stamp can need (no hinting, no layout tables) makes the per-signature subset ten times
    quicker. Made once and cached.
    """
    import platformdirs
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    from eoffice.printing.fonts import find_font

    source = find_font().regular
    stat = source.stat()
    cache = Path(platformdirs.user_cache_dir("eoffice", "eoffice")) / "fonts"
    target = cache / f"{source.stem}-{stat.st_size}-{int(stat.st_mtime)}-stamp.ttf"
    if target.is_file():
        return target
    from fontTools import subset

    with TTFont(io.BytesIO(source.read_bytes())) as font:
        options = subset.Options()
        options.layout_features = []
        options.hinting = False
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=STAMP_UNICODES)
        subsetter.subset(font)
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(str(partial))
    os.replace(partial, target)
    return target


def _font_factory(size: int):  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    return GlyphAccumulatorFactory(str(stamp_font()), font_size=size)


def stamp_style(appearance: Appearance):  # type: ignore[no-untyped-def]
    """The pyHanko stamp style for ``appearance`` (text parameters: see ``text_params``)."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import StaticStampStyle, TextStampStyle

    if appearance.kind is Kind.SIGNER and appearance.acting_title:
        return _acting_style(appearance)
    if appearance.kind in (Kind.SIGNER, Kind.COSIGNER, Kind.AGENCY) and appearance.image is not None:
        image = _open_image(appearance.image)
        return StaticStampStyle(
            background=PdfImage(image),
            background_opacity=1.0,
            border_width=0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins(),
                inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
            ),
        )
    if appearance.kind is Kind.AGENCY:
        raise _seal_needed()
    if appearance.kind is Kind.ATTACHMENT:
        size, colour = 10, BLACK
        text = "%(organisation)s\nSố: %(code_label)s\nThời gian ký: %(ts)s" if appearance.code_label else (
            "%(organisation)s\nThời gian ký: %(ts)s"
        )
        rule = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(2, 2, 2, 2),
        )
    else:  # a signer without an image: the name in blue, so the place is never empty
        size, colour = 11, BLUE
        text = "Ký bởi: %(signer)s\nThời gian ký: %(ts)s"
        rule = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID
        )
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=_font_factory(size), font_size=size, text_color=colour, leading=size + 2),
        inner_content_layout=rule,
        timestamp_format=ISO_FORMAT,
        border_width=0,
    )


def acting_lines(appearance: Appearance) -> list[str]:
    """The deputy's signature block, top to bottom: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", room
    for the signature image, the deputy's name."""
    titles = [appearance.acting_title.strip(), appearance.signer_title.strip()]
    return [*titles, "", "", "", appearance.signer_name.strip()]


def _centred(lines: list[str]) -> list[str]:
    """Lines padded with spaces so that each is centred on the widest (pyHanko's text
    box aligns lines left), measured with the stamp font's own advance widths."""
    from fontTools.ttLib import TTFont

    with TTFont(str(stamp_font())) as font:
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics

        def width(text: str) -> int:
            return sum(metrics.get(cmap.get(ord(ch), ".notdef"), (500, 0))[0] for ch in text)

        space = width(" ") or 250
        widths = [width(line) for line in lines]
    widest = max(widths, default=0)
    pads = [round((widest - w) / 2 / space) for w in widths]
    return [" " * pad + line if line else line for line, pad in zip(lines, pads, strict=True)]


def _acting_style(appearance: Appearance):  # type: ignore[no-untyped-def]
    """A deputy's block over the leader's: white ground (the leader's title and name
    printed on the page are covered), black text, the deputy's signature image between."""
    from PIL import Image
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    ground = Image.new("RGB", (760, 440), "white")
    if appearance.image is not None:
        signature = _open_image(appearance.image).convert("RGBA")
        signature.thumbnail((420, 170))
        # between the title lines and the name (the text is centred: the middle of its blank lines)
        ground.paste(signature, ((760 - signature.width) // 2, 252 - signature.height // 2), signature)
    size = 12
    text = "\n".join(_centred(acting_lines(appearance))).replace("%", "%%")
    return TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=_font_factory(size), font_size=size, text_color=BLACK, leading=size + 3),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID
        ),
        background=PdfImage(ground),
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
        timestamp_format=ISO_FORMAT,
        border_width=0,
    )


def text_params(appearance: Appearance, organisation: str) -> dict[str, str]:
    """Values for the stamp text; ``%`` in them is safe (no second interpolation)."""
    return {
        "organisation": (appearance.organisation or organisation).strip(),
        "code_label": appearance.code_label.strip(),
    }
