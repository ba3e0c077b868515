"""Generated signature and seal images for the demo's soft e-cards (Pillow).

A real official scans their signature and the agency its seal; these stand in for them
with the decree's colours: the signature blue, the seal red, both on a transparent
background, at 300 dpi so that the seal prints at its real size (40 mm).
"""

from __future__ import annotations

import io
import math
import unicodedata

from eoffice.printing.fonts import find_font

DPI = 300
BLUE = (20, 50, 170, 255)
RED = (215, 20, 30, 255)
SEAL_MM = 40.0


def _font(size: int, bold: bool = False):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    choice = find_font()
    path = choice.bold if bold and choice.bold else choice.regular
    return ImageFont.truetype(str(path), size)


def _png(image) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def signature_image(full_name: str) -> bytes:
    """A blue, slanted rendering of the name with an underline flourish (50 × 20 mm)."""
    from PIL import Image, ImageDraw

    width, height = 600, 240
    text_layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(text_layer)
    # the given name (last word) large, as many Vietnamese signatures are
    words = unicodedata.normalize("NFC", full_name).split()
    given = words[-1] if words else full_name
    font = _font(120)
    box = draw.textbbox((0, 0), given, font=font)
    x = (width - (box[2] - box[0])) / 2 - box[0]
    y = (height - (box[3] - box[1])) / 2 - box[1] - 20
    draw.text((x, y), given, font=font, fill=BLUE)
    shear = 0.3
    slanted = text_layer.transform(
        (width, height), Image.Transform.AFFINE, (1, shear, -shear * height / 2, 0, 1, 0),
        resample=Image.Resampling.BICUBIC,
    )
    flourish = ImageDraw.Draw(slanted)
    points = [(60 + t * 4.8, 190 - 28 * math.sin(t / 100 * math.pi * 1.6)) for t in range(101)]
    flourish.line(points, fill=BLUE, width=7, joint="curve")
    return _png(slanted)


def _ring_text(image, text: str, radius: float, font, fill) -> None:  # type: ignore[no-untyped-def]
    """``text`` along the top of a circle of ``radius`` around the image centre."""
    from PIL import Image, ImageDraw

    cx, cy = image.width / 2, image.height / 2
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths) + 2.0 * len(text)
    span = min(total / radius, math.radians(300))  # radians the text takes
    angle = -math.pi / 2 - span / 2  # start left of the top
    for ch, w in zip(text, widths, strict=True):
        step = (w + 2.0) / total * span
        mid = angle + step / 2
        angle += step
        if not ch.strip():
            continue
        size = int(font.size * 1.6)
        glyph = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size / 2, size / 2), ch, font=font, fill=fill, anchor="mm")
        rotated = glyph.rotate(-math.degrees(mid) - 90, resample=Image.Resampling.BICUBIC)
        px = cx + radius * math.cos(mid) - size / 2
        py = cy + radius * math.sin(mid) - size / 2
        image.alpha_composite(rotated, (int(px), int(py)))


def seal_image(organisation: str) -> bytes:
    """A red round seal: two rings, the organisation's name around, a star in the centre."""
    from PIL import Image, ImageDraw

    size = round(SEAL_MM / 25.4 * DPI)  # 472 px: 40 mm at 300 dpi
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), outline=RED, width=12)
    inner = size * 0.29
    c = size / 2
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=RED, width=5)
    # a five-pointed star
    points = []
    for k in range(10):
        r = inner * (0.62 if k % 2 == 0 else 0.25)
        a = -math.pi / 2 + k * math.pi / 5
        points.append((c + r * math.cos(a), c + r * math.sin(a)))
    draw.polygon(points, fill=RED)
    text = unicodedata.normalize("NFC", organisation).upper()
    font_size = 40 if len(text) <= 28 else max(24, int(40 * 28 / len(text)))
    _ring_text(image, text, size / 2 - 52, _font(font_size, bold=True), RED)
    return _png(image)


#: The largest signature or seal image accepted (a scan at 300 dpi is far smaller).
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 5000


def check_png(data: bytes) -> tuple[int, int]:
    """A signature or seal image must be a readable PNG of sensible size; its (width, height)."""
    from PIL import Image, UnidentifiedImageError

    from eoffice.errors import ValidationError

    bad = ValidationError(
        "Hình chữ ký / con dấu phải là ảnh PNG (nền trong suốt) dưới 2 MB.",
        "A signature or seal image must be a PNG (transparent background) under 2 MB.",
        field="image",
    )
    if len(data) > MAX_IMAGE_BYTES or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise bad
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            size = image.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        raise bad from err
    if not (0 < size[0] <= MAX_IMAGE_SIDE and 0 < size[1] <= MAX_IMAGE_SIDE):
        raise bad
    return size
