"""How a search result's subject shows why it matched: its matched words marked, and
where the subject does not explain the match, a few words of the PDF's text after it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from eoffice.documents.search import MARK_END, MARK_START
from eoffice.ui.documents.list_model import HINT_ROLE

Index = QModelIndex | QPersistentModelIndex
MARK_BACKGROUND = QColor("#fff176")
SNIPPET_COLOUR = QColor("#5f6368")

#: A piece of text to draw: (text, marked, grey).
Piece = tuple[str, bool, bool]


def subject_pieces(subject: str, spans: tuple[tuple[int, int], ...]) -> list[Piece]:
    """The subject cut at its matched words."""
    pieces: list[Piece] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((subject[at:start], False, False))
        pieces.append((subject[start:end], True, False))
        at = end
    if at < len(subject):
        pieces.append((subject[at:], False, False))
    return pieces


def snippet_pieces(snippet: str) -> list[Piece]:
    """A snippet's words, the matched ones (between the marks) marked, all grey."""
    pieces: list[Piece] = []
    for n, part in enumerate(snippet.split(MARK_START)):
        if n == 0:
            pieces.append((part, False, True))
            continue
        marked, _, rest = part.partition(MARK_END)
        pieces.append((marked, True, True))
        if rest:
            pieces.append((rest, False, True))
    return [p for p in pieces if p[0]]


def snippet_text(snippet: str) -> str:
    """The snippet as plain text (a tooltip)."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


class MatchDelegate(QStyledItemDelegate):
    """Paints the subject of a search result with its matched words marked (no hint: as usual)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hint = index.data(HINT_ROLE)
        if hint is None or (not hint.subject_spans and not hint.snippet):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        subject = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect: QRect = opt.rect.adjusted(4, 0, -4, 0)
        if not hint.snippet:
            self._draw(painter, opt, rect, subject_pieces(subject, hint.subject_spans), selected)
            return
        # The file's words explain the match: the subject gives them half the cell at least.
        subject_width = min(QFontMetrics(opt.font).horizontalAdvance(subject) + 4, rect.width() // 2)
        left = QRect(rect.left(), rect.top(), subject_width, rect.height())
        right = QRect(rect.left() + subject_width, rect.top(), rect.width() - subject_width, rect.height())
        self._draw(painter, opt, left, subject_pieces(subject, hint.subject_spans), selected)
        label = "  · " + self.tr("in the file:") + " "
        self._draw(painter, opt, right, [(label, False, True), *snippet_pieces(hint.snippet)], selected)

    def _draw(
        self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, pieces: list[Piece], selected: bool
    ) -> None:
        painter.save()
        painter.setClipRect(rect)
        x = rect.left()
        base = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        text_colour = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        foreground = opt.palette.color(QPalette.ColorRole.Text)
        own = opt.index.data(Qt.ItemDataRole.ForegroundRole) if opt.index.isValid() else None
        if own is not None and not selected:
            foreground = own.color()
        for text, marked, grey in pieces:
            font = bold if marked else base
            metrics = QFontMetrics(font)
            left = rect.right() - x
            if left <= 0:
                break
            width = metrics.horizontalAdvance(text)
            last = width > left
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, left) if last else text
            width = metrics.horizontalAdvance(shown)
            box = QRect(x, rect.top(), width, rect.height())
            if marked and not selected:
                painter.fillRect(box.adjusted(0, 3, 0, -3), MARK_BACKGROUND)
            painter.setFont(font)
            colour = text_colour if selected else (SNIPPET_COLOUR if grey and not marked else foreground)
            painter.setPen(colour)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
            x += width
            if last:
                break
        painter.restore()
