"""Finding a TrueType font with Vietnamese glyphs to embed in the PDFs we write.

Order of preference follows the decree's typeface (Times New Roman), then metric-compatible
Liberation Serif, then Noto Serif and DejaVu Serif. No font is a clear error, never a PDF
with blank glyphs.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from eoffice.errors import DomainError

FONT_DIRS = [
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
]

#: (family, regular file names, bold file names) in order of preference.
CANDIDATES = [
    (
        "Times New Roman",
        ["times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"],
        ["timesbd.ttf", "Times New Roman Bold.ttf", "Times_New_Roman_Bold.ttf"],
    ),
    ("Liberation Serif", ["LiberationSerif-Regular.ttf"], ["LiberationSerif-Bold.ttf"]),
    ("Noto Serif", ["NotoSerif-Regular.ttf"], ["NotoSerif-Bold.ttf"]),
    ("DejaVu Serif", ["DejaVuSerif.ttf"], ["DejaVuSerif-Bold.ttf"]),
]


class FontMissingError(DomainError):
    pass


@dataclass(frozen=True)
class FontChoice:
    family: str
    regular: Path
    bold: Path | None


#: Letters a font must have to print Vietnamese (older Liberation 1.x lacks most of them).
VIETNAMESE_SAMPLE = "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵ"


def covers_vietnamese(path: Path) -> bool:
    from fontTools.ttLib import TTFont

    # Read the file ourselves: TTFont(path) leaves its handle open (a ResourceWarning),
    # and on a broken file before it can be closed.
    try:
        data = path.read_bytes()
    except OSError:
        return False
    try:
        with TTFont(io.BytesIO(data), lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # noqa: BLE001 - however a font file is broken, it cannot print Vietnamese
        return False
    return all(ord(ch) in cmap for ch in VIETNAMESE_SAMPLE)


def _index_fonts(dirs: list[Path]) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in sorted(os.walk(root), reverse=True):
            for name in files:
                if name.lower().endswith(".ttf"):
                    found.setdefault(name.lower(), []).append(Path(dirpath) / name)
    return found


def _first_covering(index: dict[str, list[Path]], names: list[str]) -> Path | None:
    for name in names:
        for path in index.get(name.lower(), []):
            if covers_vietnamese(path):
                return path
    return None


_cache: FontChoice | None = None


def find_font(dirs: list[Path] | None = None) -> FontChoice:
    """The best Vietnamese-capable serif font on this machine.

    ``EOFFICE_FONT`` (a .ttf path) overrides the search.
    """
    global _cache
    override = os.environ.get("EOFFICE_FONT")
    if override:
        path = Path(override)
        if not path.is_file() or not covers_vietnamese(path):
            raise FontMissingError(
                f"Phông chữ {path} (biến EOFFICE_FONT) không có hoặc thiếu chữ tiếng Việt.",
                f"Font {path} (EOFFICE_FONT) is missing or lacks Vietnamese glyphs.",
            )
        return FontChoice(path.stem, path, None)
    if dirs is None and _cache is not None:
        return _cache
    index = _index_fonts(dirs if dirs is not None else FONT_DIRS)
    for family, regulars, bolds in CANDIDATES:
        regular = _first_covering(index, regulars)
        if regular:
            bold = _first_covering(index, bolds)
            choice = FontChoice(family, regular, bold)
            if dirs is None:
                _cache = choice
            return choice
    raise FontMissingError(
        "Không tìm thấy phông chữ có dấu tiếng Việt (Times New Roman, Liberation Serif, Noto Serif "
        "hoặc DejaVu Serif). Hãy cài gói fonts-liberation2.",
        "No font with Vietnamese glyphs found (Times New Roman, Liberation Serif, Noto Serif or "
        "DejaVu Serif). Install fonts-liberation2.",
    )


def new_pdf(orientation: str = "P"):  # type: ignore[no-untyped-def]
    """An fpdf2 document with the chosen font registered as "Body" (regular and bold)."""
    from fpdf import FPDF

    font = find_font()
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font("Body", "", str(font.regular))
    pdf.add_font("Body", "B", str(font.bold or font.regular))
    pdf.set_font("Body", size=12)
    return pdf
