"""A scrolling view of a PDF's pages that draws their annotations (signatures and seals).

``QPdfView`` renders without annotations and has no option for them, so this small view
lays the pages out itself, one under the other, and renders the visible ones on demand
(``render.render_page``), keeping the last few images.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from eoffice.ui.pdf.render import render_page

#: Zoom steps of Ctrl++ and Ctrl+- (1.0 is the page at its real size on screen).
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
SPACING = 10  # px between pages and around them
CACHED_PAGES = 12
HIGHLIGHT = QColor(255, 200, 0, 110)
CURRENT_HIGHLIGHT = QColor(255, 120, 0, 150)

#: Draws over one visible page: (painter, page from 0, where the page is on screen, pixels per point).
OverlayPainter = Callable[[QPainter, int, QRect, float], None]
#: A mouse event on a page: ("press" | "move" | "release", page from 0, point in PDF points from
#: the page's top left, the event); True when it used the event (the view then does nothing with it).
PageMouseHandler = Callable[[str, int, QPointF, QMouseEvent], bool]


class PdfPageView(QAbstractScrollArea):
    """The pages of a ``QPdfDocument`` one under the other, fit to width or zoomed."""

    current_page_changed = Signal(int)
    zoom_changed = Signal()
    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: QPdfDocument | None = None
        self._fit_width = True
        self._zoom = 1.0
        self._rects: list[QRect] = []
        self._content = QSize(0, 0)
        self._images: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self._highlights: dict[int, list[QRectF]] = {}
        self._current_highlight: tuple[int, list[QRectF]] | None = None
        self._current_page = 0
        self._going_to = False
        self._widest = 0.0  # points: the widest page, which fitting to the width fits
        self._laid_scale = 0.0
        self._overlay: OverlayPainter | None = None
        self._mouse: PageMouseHandler | None = None
        self._mouse_page = -1  # the page a press landed on: its move and release stay on it
        self.viewport().setAutoFillBackground(True)
        palette = self.viewport().palette()
        palette.setColor(self.viewport().backgroundRole(), QColor(0x52, 0x56, 0x59))
        self.viewport().setPalette(palette)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # -- the document -----------------------------------------------------------------------

    def document(self) -> QPdfDocument | None:
        return self._document

    def setDocument(self, document: QPdfDocument | None) -> None:
        if self._document is not None:
            self._document.statusChanged.disconnect(self._reload)
            self._document.pageCountChanged.disconnect(self._reload)
            self._document.destroyed.disconnect(self._forget)
        self._document = document
        if document is not None:
            document.statusChanged.connect(self._reload)
            document.pageCountChanged.connect(self._reload)
            document.destroyed.connect(self._forget)
        self._reload()

    def _forget(self, *_args: object) -> None:
        self._document = None
        self._reload()

    def page_count(self) -> int:
        if self._document is not None and not shiboken6.isValid(self._document):
            self._document = None  # deleted (its closing emits signals as it goes)
        return self._document.pageCount() if self._document is not None else 0

    def _reload(self, *_args: object) -> None:
        count = self.page_count()
        self._widest = max((self._document.pagePointSize(p).width() for p in range(count)), default=0.0)  # type: ignore[union-attr]
        self._images.clear()
        self._highlights.clear()
        self._current_highlight = None
        self._current_page = 0
        self._layout()
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self.current_page_changed.emit(0)
        self.viewport().update()

    # -- zoom ---------------------------------------------------------------------------------

    def fits_width(self) -> bool:
        return self._fit_width

    def zoom_factor(self) -> float:
        """The zoom shown (1.0: the page's real size), whether fitted to the width or chosen."""
        return self.scale() / self._real_size_scale()

    def fit_width(self) -> None:
        self._fit_width = True
        self._rezoom()

    def set_zoom(self, factor: float) -> None:
        self._fit_width = False
        self._zoom = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._rezoom()

    def zoom_in(self) -> None:
        now = self.zoom_factor()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom_factor()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    def _real_size_scale(self) -> float:
        return self.logicalDpiX() / 72.0

    def scale(self) -> float:
        """Screen pixels per PDF point."""
        if not self._fit_width:
            return self._zoom * self._real_size_scale()
        widest = self._widest
        if widest <= 0:
            return self._real_size_scale()
        return max(0.05, (self.viewport().width() - 2 * SPACING) / widest)

    def _rezoom(self) -> None:
        """Lay out again at the new scale, keeping the same place of the same page in view."""
        page = self._page_in_view()
        rect = self._rects[page] if page < len(self._rects) else None
        into = (self.verticalScrollBar().value() - rect.top()) / max(1, rect.height()) if rect is not None else 0.0
        self._layout()
        if page < len(self._rects):
            rect = self._rects[page]
            self.verticalScrollBar().setValue(round(rect.top() + into * rect.height()))
        self.viewport().update()
        self.zoom_changed.emit()

    # -- layout and pages ---------------------------------------------------------------------

    def _layout(self) -> None:
        scale = self._laid_scale = self.scale()
        self._rects = []
        y, widest = SPACING, 0
        for page in range(self.page_count()):
            points = self._document.pagePointSize(page)  # type: ignore[union-attr]
            size = QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))
            self._rects.append(QRect(0, y, size.width(), size.height()))
            y += size.height() + SPACING
            widest = max(widest, size.width())
        self._content = QSize(widest + 2 * SPACING, y)
        for rect in self._rects:  # centred across the content's width
            rect.moveLeft((self._content.width() - rect.width()) // 2)
        viewport = self.viewport().size()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setRange(0, max(0, self._content.height() - viewport.height()))
        vbar.setPageStep(viewport.height())
        vbar.setSingleStep(40)
        hbar.setRange(0, max(0, self._content.width() - viewport.width()))
        hbar.setPageStep(viewport.width())
        hbar.setSingleStep(40)
        self.viewport().update()

    def page_rect(self, page: int) -> QRect:
        """Where page ``page`` is drawn, in the viewport's coordinates."""
        return self._rects[page].translated(self._offset())

    def _offset(self) -> QPoint:
        dx = max(0, (self.viewport().width() - self._content.width()) // 2) - self.horizontalScrollBar().value()
        return QPoint(dx, -self.verticalScrollBar().value())

    def current_page(self) -> int:
        """The page being read (from 0): the one last gone to, or the one at the view's top third."""
        return self._current_page

    def _page_in_view(self) -> int:
        if not self._rects:
            return 0
        line = self.verticalScrollBar().value() + self.viewport().height() // 3
        for page, rect in enumerate(self._rects):
            if rect.bottom() + SPACING >= line:
                return page
        return len(self._rects) - 1

    def go_to_page(self, page: int, y_points: float | None = None) -> None:
        """Scroll to a page's top (or to ``y_points`` on it, a third down the view)."""
        if not self._rects:
            return
        page = min(max(page, 0), len(self._rects) - 1)
        rect = self._rects[page]
        if y_points is None:
            value = rect.top() - SPACING
        else:
            value = round(rect.top() + y_points * self.scale() - self.viewport().height() / 3)
        self._going_to = True  # the last pages may not reach the top: the page is the one asked for
        try:
            self.verticalScrollBar().setValue(value)
        finally:
            self._going_to = False
        self._announce(page)
        self.viewport().update()

    def _scrolled(self, *_args: object) -> None:
        if not self._going_to:
            self._announce(self._page_in_view())
        self.viewport().update()

    def _announce(self, page: int) -> None:
        if page != self._current_page:
            self._current_page = page
            self.current_page_changed.emit(page)

    def page_image(self, page: int) -> QImage:
        """Page ``page`` as it is drawn now (annotations included), from the cache or rendered."""
        size = self._rects[page].size() * self.devicePixelRatioF()
        key = (page, size.width(), size.height())
        image = self._images.get(key)
        if image is None:
            image = render_page(self._document, page, size)  # type: ignore[arg-type]
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self._images[key] = image
            while len(self._images) > CACHED_PAGES:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(key)
        return image

    # -- search highlights ----------------------------------------------------------------------

    def set_highlights(self, highlights: dict[int, list[QRectF]], current: tuple[int, list[QRectF]] | None) -> None:
        """Mark text found on pages (rectangles in points); ``current`` more strongly."""
        self._highlights = highlights
        self._current_highlight = current
        self.viewport().update()

    # -- overlay (marks drawn by whoever uses the view) ---------------------------------------

    def set_overlay(self, painter: OverlayPainter | None) -> None:
        """Draw ``painter`` over each visible page after the page itself (None: nothing)."""
        self._overlay = painter
        self.viewport().update()

    def set_page_mouse(self, handler: PageMouseHandler | None) -> None:
        """Give mouse presses, moves and releases on the pages to ``handler`` first."""
        self._mouse = handler
        self.viewport().setMouseTracking(handler is not None)

    def page_at(self, pos: QPoint | QPointF) -> tuple[int, QPointF] | None:
        """The page under a viewport position and the point there in PDF points (top left origin)."""
        point = QPointF(pos)
        scale = self.scale()
        for page in range(len(self._rects)):
            shown = QRectF(self.page_rect(page))
            if shown.contains(point):
                return page, QPointF((point.x() - shown.left()) / scale, (point.y() - shown.top()) / scale)
        return None

    def to_view(self, page: int, point: QPointF) -> QPointF:
        """A point in PDF points of ``page`` (top left origin) in the viewport's coordinates."""
        shown = self.page_rect(page)
        scale = self.scale()
        return QPointF(shown.left() + point.x() * scale, shown.top() + point.y() * scale)

    def page_points(self, page: int) -> QRectF:
        """The page's size in points, as a rectangle at the origin."""
        if self._document is None or not 0 <= page < self.page_count():
            return QRectF()
        return QRectF(QPointF(0, 0), self._document.pagePointSize(page))

    def refresh_overlay(self) -> None:
        self.viewport().update()

    def _page_mouse(self, kind: str, event: QMouseEvent) -> bool:
        if self._mouse is None or not self._rects:
            return False
        pos = event.position()
        if kind == "press" or self._mouse_page < 0:
            found = self.page_at(pos)
            if found is None:
                return False
            page, point = found
            if kind == "press":
                self._mouse_page = page
        else:  # a drag keeps to its page, clamped to it
            page = self._mouse_page
            shown = QRectF(self.page_rect(page))
            scale = self.scale()
            x = min(max(pos.x(), shown.left()), shown.right())
            y = min(max(pos.y(), shown.top()), shown.bottom())
            point = QPointF((x - shown.left()) / scale, (y - shown.top()) / scale)
        if kind == "release":
            self._mouse_page = -1
        return self._mouse(kind, page, point, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._page_mouse("press", event):
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._page_mouse("move", event):
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._page_mouse("release", event):
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    # -- events ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._document is None or not self._rects:
            return
        if self._fit_width and abs(self.scale() - self._laid_scale) > 1e-6:
            self._layout()  # the viewport changed width without a resize of the area (a scroll bar came)
        painter = QPainter(self.viewport())
        offset = self._offset()
        visible = event.rect()
        scale = self.scale()
        for page, rect in enumerate(self._rects):
            shown = rect.translated(offset)
            if not shown.intersects(visible):
                continue
            painter.fillRect(shown, Qt.GlobalColor.white)
            painter.drawImage(shown, self.page_image(page))
            marks = [(HIGHLIGHT, r) for r in self._highlights.get(page, [])]
            if self._current_highlight is not None and self._current_highlight[0] == page:
                marks += [(CURRENT_HIGHLIGHT, r) for r in self._current_highlight[1]]
            for colour, r in marks:
                painter.fillRect(
                    QRectF(shown.left() + r.left() * scale, shown.top() + r.top() * scale,
                           r.width() * scale, r.height() * scale),
                    colour,
                )
            if self._overlay is not None:
                painter.save()
                painter.setClipRect(shown)
                self._overlay(painter, page, shown, scale)
                painter.restore()
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_width and event.oldSize().width() != event.size().width():
            self._rezoom()
        else:
            self._layout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_PageDown:
            self.go_to_page(self.current_page() + 1)
        elif key == Qt.Key.Key_PageUp:
            self.go_to_page(self.current_page() - 1)
        elif key == Qt.Key.Key_Home and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to_page(self.page_count() - 1)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
        else:
            super().wheelEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.double_clicked.emit()
        event.accept()
