"""A plain implementation of the article view contract (docs: briefs/gui_contract.md).

The window shell codes against this API only; the full view with custom painting of visible
blocks replaces this module. Offsets crossing the API are code points; Qt's UTF-16 positions
are converted here with ``Utf16Index``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from annotator.core.model import Relation, Span
from annotator.core.schema import Schema
from annotator.core.text import Utf16Index


class ArticleView(QPlainTextEdit):
    """Read-only article text with spans shown over it."""

    selectionChangedCp = Signal(int, int)
    spanSelected = Signal(str)
    hotkeyPressed = Signal(str)
    deleteRequested = Signal()
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._text = ""
        self._index = Utf16Index("")
        self._spans: dict[str, Span] = {}
        self._schema: Schema | None = None
        self._selected: str | None = None
        self._relations: list[Relation] = []
        self._suggestions: list[Span] = []
        self._hits: list[tuple[int, int]] = []
        self.selectionChanged.connect(self._emit_selection)

    # ----- content ------------------------------------------------------------------------
    def set_document(self, text: str, spans: list[Span], schema: Schema) -> None:
        self._text = text
        self._index = Utf16Index(text)
        self._spans = {s.id: s for s in spans}
        self._schema = schema
        self._selected = None
        self.setPlainText(text)
        self._refresh()

    def add_span(self, span: Span) -> None:
        self._spans[span.id] = span
        self._refresh()

    def remove_span(self, span_id: str) -> None:
        self._spans.pop(span_id, None)
        if self._selected == span_id:
            self._selected = None
            self.spanSelected.emit("")
        self._refresh()

    def update_span(self, span: Span) -> None:
        self._spans[span.id] = span
        self._refresh()

    def set_schema(self, schema: Schema) -> None:
        self._schema = schema
        self._refresh()

    def spans(self) -> list[Span]:
        return sorted(self._spans.values(), key=lambda s: (s.start, -s.end, s.id))

    def set_relations(self, relations: list[Relation]) -> None:
        self._relations = list(relations)

    def set_suggestions(self, suggestions: list[Span]) -> None:
        self._suggestions = list(suggestions)

    def set_find_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        self._hits = list(hits)

    # ----- selection ----------------------------------------------------------------------
    def selection_cp(self) -> tuple[int, int]:
        cursor = self.textCursor()
        start = self._index.from_utf16(cursor.selectionStart(), snap="left")
        end = self._index.from_utf16(cursor.selectionEnd(), snap="right")
        return start, end

    def set_selection_cp(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._index.to_utf16(start))
        cursor.setPosition(self._index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def select_span(self, span_id: str | None) -> None:
        span = self._spans.get(span_id or "")
        self._selected = span.id if span else None
        if span is not None:
            self.set_selection_cp(span.start, span.start)
            self.ensureCursorVisible()
        self._refresh()
        self.spanSelected.emit(self._selected or "")

    def selected_span_id(self) -> str | None:
        return self._selected

    def scroll_to_cp(self, offset: int) -> None:
        self.set_selection_cp(offset, offset)
        self.ensureCursorVisible()

    def set_font_point_size(self, size: float) -> None:
        font = self.font()
        font.setPointSizeF(size)
        self.setFont(font)

    # ----- input --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected:
            self.deleteRequested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._step_span(-1 if key == Qt.Key.Key_Backtab else 1)
            return
        text = event.text()
        if (
            len(text) == 1
            and text.isprintable()
            and not text.isspace()
            and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        ):
            self.hotkeyPressed.emit(text)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab selects spans instead of moving the focus

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection():
            return
        pos = self._index.from_utf16(self.cursorForPosition(event.position().toPoint()).position())
        hits = [s for s in self._spans.values() if s.start <= pos < s.end]
        innermost = min(hits, key=lambda s: s.end - s.start) if hits else None
        self.select_span(innermost.id if innermost else None)

    def _step_span(self, step: int) -> None:
        ordered = self.spans()
        if not ordered:
            return
        ids = [s.id for s in ordered]
        if self._selected in ids:
            index = (ids.index(self._selected) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.select_span(ids[index])

    def _emit_selection(self) -> None:
        start, end = self.selection_cp()
        self.selectionChangedCp.emit(start, end)

    # ----- display ------------------------------------------------------------------------
    def _refresh(self) -> None:
        selections = []
        for span in self.spans():
            fmt = QTextCharFormat()
            color = QColor(self._color(span))
            layer = self._schema.layer(span.layer).style if self._schema else "background"
            if layer == "underline":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(color)
            elif layer == "background":
                fmt.setBackground(color)
            else:
                continue
            if span.id == self._selected:
                fmt.setFontWeight(700)
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._index.to_utf16(span.start))
            cursor.setPosition(self._index.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def _color(self, span: Span) -> str:
        if self._schema is not None and self._schema.has_label(span.label):
            return self._schema.label(span.label).color
        return "#cccccc"
