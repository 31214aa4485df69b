"""The article view's selection and input: the text selection and the selected span, both in
code points, and what keys, clicks, hovering and tooltips do over the text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QHelpEvent, QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.gui.article.geometry import ArticleGeometry
from annotator.gui.article.tooltip import span_tooltip
from annotator.gui.article.widgets import SectionGutter

_PASS_THROUGH = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class ArticleInput(ArticleGeometry):
    """Selection, keys and mouse of the article view (whose state ``ArticleView`` builds)."""

    _gutter: SectionGutter
    _last_selection: tuple[int, int]
    _press: QPointF | None

    selectionChangedCp = Signal(int, int)
    spanSelected = Signal(str)
    hotkeyPressed = Signal(str)
    deleteRequested = Signal()
    escapePressed = Signal()
    spanDragged = Signal(str, str)  # Ctrl+drag from a span (head id) to another (tail id)
    edgeDragged = Signal(str, str, int)  # span id, "start" or "end", where it was dropped

    # --- selection -----------------------------------------------------------------------
    def selection_cp(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return self._offsets.range_from_qt(cursor.selectionStart(), cursor.selectionEnd())

    def set_selection_cp(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def select_span(self, span_id: str | None) -> None:
        """Highlight a span, move the caret to its start and scroll it into view."""
        span = self._index.get(span_id) if span_id else None
        if span is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_qt(span.start))
            self.setTextCursor(cursor)
            self.scroll_to_cp(span.start)
        self._set_selected(span.id if span else None)

    def scroll_to_cp(self, offset: int) -> None:
        """Scroll so that ``offset`` is visible (about a third down the view if it was not)."""
        pos = self._offsets.to_qt(min(max(offset, 0), self._offsets.length))
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos)
        rect = self.cursorRect(cursor)
        if rect.top() >= 0 and rect.bottom() <= self.viewport().height():
            return
        block = self.document().findBlock(pos)
        layout = block.layout()
        line = 0
        if layout is not None and layout.lineCount():
            line = max(layout.lineForTextPosition(pos - block.position()).lineNumber(), 0)
        visible = int(self.viewport().height() / QFontMetricsF(self.font()).lineSpacing())
        bar = self.verticalScrollBar()
        bar.setValue(max(0, block.firstLineNumber() + line - visible // 3))

    # --- events --------------------------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab / Shift+Tab walk the spans instead of moving the keyboard focus.

        Qt asks this for a Tab without Ctrl or Alt. Overriding ``event`` instead would put
        Python on the path of every event the view gets, the queued ``setPlainText`` too,
        which must run without the GIL (``ArticleView._lay_out_without_the_gil``).
        """
        self._cycle(1 if next else -1)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~_PASS_THROUGH)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            if self._selected:
                self.deleteRequested.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            event.accept()
            return
        text = event.text()
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            self.hotkeyPressed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Hovering a span makes its relation arcs strong."""
        super().mouseMoveEvent(event)
        if self._relations_of and event.buttons() == Qt.MouseButton.NoButton:
            hovered = self.span_at(event.position())
            if hovered != self._hovered:
                self._hovered = hovered
                self.viewport().update()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPointF) -> str:
        """The tooltip of the span under a viewport point, an own span before another
        annotator's shown one ("" off the spans)."""
        span_id = self.span_at(point)
        span = self._index.get(span_id) if span_id else None
        if span is None:
            return self.ghosts.tooltip_at(point)
        return span_tooltip(span, self._relations_of.get(span.id, []), self._index)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        moved = (event.position() - press).manhattanLength()
        if moved < QApplication.startDragDistance() and not self.textCursor().hasSelection():
            self._set_selected(self.span_at(event.position()))

    def _cycle(self, step: int) -> None:
        span = self._index.neighbour(self._selected, self.selection_cp()[0], step)
        if span is not None:
            self.select_span(span.id)

    def _set_selected(self, span_id: str | None) -> None:
        if span_id == self._selected:
            return
        self._selected = span_id
        self.viewport().update()
        self._gutter.update()
        self.spanSelected.emit(span_id or "")

    def _on_selection_changed(self) -> None:
        selection = self.selection_cp()
        if selection == self._last_selection:
            return
        self._last_selection = selection
        if selection[0] != selection[1]:
            self._set_selected(None)  # a text selection and a selected span exclude each other
        self.selectionChangedCp.emit(*selection)
