"""A fast ruled table for long printed registers, on top of fpdf2's low-level drawing.

fpdf2's own ``pdf.table()`` lays text out with ``multi_cell``, whose line breaking costs
about 2 ms per cell: some 50 s for a year's register of 5,000 documents. Registers only
need left-aligned, word-wrapped text in ruled cells, so this writer wraps with cached
word widths and draws with ``pdf.text``/``pdf.line``: the same year prints in a few
seconds.

What it guarantees: the heading rows are repeated at the top of every page; a row (or a
block of rows sharing spanning cells) is never split across pages unless it is taller
than a whole page, in which case it continues on the next page line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A cell of a block: one text spanning all the block's rows, or one text per row.
BlockCell = str | Sequence[str]


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm


class GridWriter:
    """Writes rows of wrapped text into ruled columns, page after page."""

    def __init__(
        self,
        pdf: Any,
        columns: Sequence[Column],
        *,
        font: str = "Body",
        size: float = 9,
        line_height: float = 4.2,
        pad_x: float = 1.0,
        pad_y: float = 0.9,
        heading_fill: tuple[int, int, int] = (235, 235, 235),
        numbered: bool = True,
    ) -> None:
        self.pdf = pdf
        self.columns = list(columns)
        self.font = font
        self.size = size
        self.lh = line_height
        self.pad_x = pad_x
        self.pad_y = pad_y
        self.fill = heading_fill
        self.numbered = numbered
        self.x0 = pdf.l_margin
        self.edges = [self.x0]
        for column in self.columns:
            self.edges.append(self.edges[-1] + column.width)
        self._widths: dict[tuple[str, str], float] = {}
        self._style = ""
        self._fresh: tuple[int, float] | None = None  # (page, y) right under the headings
        self.rows_written = 0

    # ----------------------------------------------------------------- text measuring

    def _use(self, style: str) -> None:
        if style != self._style:
            self.pdf.set_font(self.font, style, self.size)
            self._style = style

    def _width(self, word: str) -> float:
        key = (self._style, word)
        width = self._widths.get(key)
        if width is None:
            width = self.pdf.get_string_width(word)
            self._widths[key] = width
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap to ``width`` mm; a word longer than a line is cut."""
        avail = width - 2 * self.pad_x
        space = self._width(" ")
        out: list[str] = []
        for paragraph in (text or "").split("\n"):
            words = paragraph.split()
            if not words:
                out.append("")
                continue
            line: list[str] = []
            used = 0.0
            for word in words:
                w = self._width(word)
                if w > avail:
                    if line:
                        out.append(" ".join(line))
                        line, used = [], 0.0
                    pieces = self._cut(word, avail)
                    out.extend(pieces[:-1])
                    line, used = [pieces[-1]], self._width(pieces[-1])
                    continue
                if line and used + space + w > avail:
                    out.append(" ".join(line))
                    line, used = [word], w
                else:
                    used += (space if line else 0.0) + w
                    line.append(word)
            out.append(" ".join(line))
        while len(out) > 1 and out[-1] == "":
            out.pop()
        return out

    def _cut(self, word: str, avail: float) -> list[str]:
        pieces, current = [], ""
        for ch in word:
            if current and self.pdf.get_string_width(current + ch) > avail:
                pieces.append(current)
                current = ch
            else:
                current += ch
        pieces.append(current)
        return pieces

    # ----------------------------------------------------------------- drawing

    @property
    def _bottom(self) -> float:
        return float(self.pdf.page_break_trigger)

    def _text_lines(self, x: float, y: float, lines: Sequence[str], width: float, align: str = "L") -> None:
        baseline = y + self.pad_y + self.lh * 0.78
        for line in lines:
            if line:
                if align == "C":
                    tx = x + (width - self._width(line)) / 2
                else:
                    tx = x + self.pad_x
                self.pdf.text(tx, baseline, line)
            baseline += self.lh

    def _rule_box(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.pdf.rect(x1, y1, x2 - x1, y2 - y1)

    def headings(self) -> None:
        """Draw the heading rows (names, then the decree's column numbers) at the current y."""
        pdf = self.pdf
        self._use("B")
        wrapped = [self.wrap(c.title, c.width) for c in self.columns]
        height = max(len(w) for w in wrapped) * self.lh + 2 * self.pad_y
        y = pdf.get_y()
        pdf.set_fill_color(*self.fill)
        rows = [(wrapped, height)]
        if self.numbered:
            rows.append(([[f"({i + 1})"] for i in range(len(self.columns))], self.lh + 2 * self.pad_y))
        for cells, h in rows:
            for i, lines in enumerate(cells):
                x1, x2 = self.edges[i], self.edges[i + 1]
                pdf.rect(x1, y, x2 - x1, h, style="DF")
                offset = (h - (len(lines) * self.lh + 2 * self.pad_y)) / 2
                self._text_lines(x1, y + offset, lines, x2 - x1, align="C")
            y += h
        pdf.set_y(y)
        self._fresh = (pdf.page_no(), y)
        self._use("")

    def _new_page(self) -> None:
        self.pdf.add_page()
        self._style = ""
        self.headings()

    def row(self, cells: Sequence[str]) -> None:
        """One row of plain cells."""
        self.block(list(cells))

    def block(self, cells: Sequence[BlockCell]) -> None:
        """A group of rows: a ``str`` cell spans them all, a sequence has one text per row.

        Every sequence cell must have the same length (the number of rows in the block).
        """
        self._use("")
        sizes = {len(c) for c in cells if not isinstance(c, str)}
        if len(sizes) > 1:
            raise ValueError("block cells have different row counts")
        n = sizes.pop() if sizes else 1
        spans = {i: self.wrap(c, self.columns[i].width) for i, c in enumerate(cells) if isinstance(c, str)}
        parts = {
            i: [self.wrap(t, self.columns[i].width) for t in c] for i, c in enumerate(cells) if not isinstance(c, str)
        }
        heights = [
            max([len(parts[i][r]) for i in parts] or [1]) * self.lh + 2 * self.pad_y for r in range(n)
        ]
        span_height = max([len(v) for v in spans.values()] or [0]) * self.lh + 2 * self.pad_y
        if sum(heights) < span_height:
            heights[-1] += span_height - sum(heights)
        total = sum(heights)
        top = self.pdf.get_y()
        if top + total > self._bottom and self._fresh != (self.pdf.page_no(), top):
            self._new_page()
            top = self.pdf.get_y()
        if top + total <= self._bottom:
            self._draw_block(top, spans, parts, heights)
        elif not parts:
            self._split_row(spans)
        else:
            self._draw_in_chunks(spans, parts, heights)
        self.rows_written += 1

    def _draw_block(
        self, top: float, spans: dict[int, list[str]], parts: dict[int, list[list[str]]], heights: list[float]
    ) -> None:
        total = sum(heights)
        for i, lines in spans.items():
            x1, x2 = self.edges[i], self.edges[i + 1]
            self._rule_box(x1, top, x2, top + total)
            self._text_lines(x1, top, lines, x2 - x1)
        y = top
        for r, h in enumerate(heights):
            for i, rows in parts.items():
                x1, x2 = self.edges[i], self.edges[i + 1]
                self._rule_box(x1, y, x2, y + h)
                self._text_lines(x1, y, rows[r], x2 - x1)
            y += h
        self.pdf.set_y(top + total)

    def _draw_in_chunks(
        self,
        spans: dict[int, list[str]],
        parts: dict[int, list[list[str]]],
        heights: list[float],
    ) -> None:
        """A block taller than a page: its rows go page by page, spanning cells repeated."""
        start = 0
        while start < len(heights):
            room = self._bottom - self.pdf.get_y()
            end, used = start, 0.0
            while end < len(heights) and (used + heights[end] <= room or end == start):
                used += heights[end]
                end += 1
            chunk_parts = {i: rows[start:end] for i, rows in parts.items()}
            chunk_heights = heights[start:end]
            span_height = max([len(v) for v in spans.values()] or [0]) * self.lh + 2 * self.pad_y
            if sum(chunk_heights) < span_height:
                chunk_heights[-1] += min(span_height - sum(chunk_heights), room - sum(chunk_heights))
            self._draw_block(self.pdf.get_y(), spans, chunk_parts, chunk_heights)
            start = end
            if start < len(heights):
                self._new_page()

    def _split_row(self, spans: dict[int, list[str]]) -> None:
        """A single row taller than a page: continue its lines on the next pages."""
        offset = 0
        longest = max(len(v) for v in spans.values())
        while offset < longest:
            top = self.pdf.get_y()
            fit = max(1, int((self._bottom - top - 2 * self.pad_y) // self.lh))
            piece = {i: lines[offset : offset + fit] for i, lines in spans.items()}
            height = fit * self.lh + 2 * self.pad_y
            self._draw_block(top, piece, {}, [height])
            offset += fit
            if offset < longest:
                self._new_page()
