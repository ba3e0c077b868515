"""Long paragraphs in fpdf2, wrapped in linear time.

fpdf2's ``multi_cell`` measures the line it is building again for every character it
adds, so a page of text costs it tens of thousands of width sums: the minutes of a
two-day council session (60 pages) took 2.5 s in it. Here each distinct word is measured
once per font and size, lines are filled greedily, and each line's words are placed
with ``text`` at their x: justified (NĐ 30: căn đều hai lề) but the last line of each
paragraph. A line that would pass the page's bottom margin starts a new page, as
``multi_cell`` does.
"""

from __future__ import annotations

from typing import Any

_widths: dict[tuple[int, str, float, str], float] = {}


def _width(pdf: Any, word: str) -> float:
    key = (id(pdf.current_font), pdf.font_style, pdf.font_size_pt, word)
    found = _widths.get(key)
    if found is None:
        if len(_widths) > 200_000:
            _widths.clear()
        found = _widths[key] = pdf.get_string_width(word)
    return found


def _split_long(pdf: Any, word: str, width: float) -> list[str]:
    """A word wider than the line (a long link, a run of dots), cut where it must be."""
    pieces, piece = [], ""
    for char in word:
        if piece and _width(pdf, piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(pdf: Any, text: str, width: float) -> list[str]:
    """``text`` as the lines it fills at ``width`` (mm) in the current font; a newline in
    the text starts a new line."""
    lines: list[str] = []
    space = _width(pdf, " ")
    for part in text.split("\n"):
        words: list[str] = []
        for word in part.split():
            words += _split_long(pdf, word, width) if _width(pdf, word) > width else [word]
        line: list[str] = []
        used = 0.0
        for word in words:
            w = _width(pdf, word)
            if line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [word], w
            else:
                used += (space if line else 0.0) + w
                line.append(word)
        lines.append(" ".join(line))
    return lines


def paragraph(pdf: Any, text: str, *, height: float, indent: float = 0.0, justify: bool = True) -> None:
    """Write ``text`` from the left margin (plus ``indent``) to the right one, justified
    except each last line; the cursor ends at the left margin under it."""
    width = pdf.epw - indent
    x0 = pdf.l_margin + indent
    space = _width(pdf, " ")
    for part in text.split("\n"):
        lines = wrap(pdf, part, width)
        for n, line in enumerate(lines):
            if pdf.get_y() + height > pdf.page_break_trigger:
                pdf.add_page()
            y = pdf.get_y()
            baseline = y + 0.5 * height + 0.3 * pdf.font_size
            words = line.split(" ") if line else []
            gaps = len(words) - 1
            last = n == len(lines) - 1
            extra = 0.0
            if justify and not last and gaps > 0:
                extra = (width - sum(_width(pdf, w) for w in words) - gaps * space) / gaps
            if extra <= 0.0:
                if line:
                    pdf.text(x0, baseline, line)
            else:
                x = x0
                for word in words:
                    pdf.text(x, baseline, word)
                    x += _width(pdf, word) + space + extra
            pdf.set_xy(pdf.l_margin, y + height)
