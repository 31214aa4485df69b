"""The Compare Annotators panel: the open document's annotators in lanes (or merged, coloured
by agreement) around the selected reading, over the list of readings to curate.

The panel shows a ``Curation`` and reports the curator's keys as signals; the curation
controller builds the edits. Lanes are built only for the stretch around the selected row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.comparison import MAJORITY, SINGLE, UNANIMOUS, Version, lane_name
from annotator.core.curation import Curation
from annotator.core.model import Span
from annotator.core.team import GOLD
from annotator.gui.panels.comparison_lanes import Lane, LaneBox, LanesView
from annotator.gui.panels.differences import DifferencesModel, DifferencesTable

CONTEXT = 60
"""Code points of text shown on each side of the selected reading."""
LONGEST = 400
"""The most code points of one reading shown (a section can be thousands long)."""
AGREEMENT_COLORS = {UNANIMOUS: "#9fd89f", MAJORITY: "#f2d08a", SINGLE: "#f29a9a"}
SHOWN = (
    ("Open differences", True, True),
    ("All differences", True, False),
    ("Everything still open", False, True),
    ("Everything", False, False),
)
"""Filter choices: (text, differences only, open only)."""
LANES, MERGED = "Lanes per annotator", "Merged by agreement"
KEYS_HINT = "A accept · X reject · E accept and edit · ↑↓ move · Ctrl+Z undo"
EDITING_HINT = (
    "Editing the gold span: a label's key relabels it, Alt+←/→ move its start, "
    "Alt+Shift+←/→ its end (Ctrl: by word); Enter or Esc ends"
)


class ComparisonPanel(QWidget):
    acceptUnanimousRequested = Signal()
    markCuratedRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curation: Curation | None = None
        self.text = ""
        self.colors: dict[str, str] = {}
        self.title = ""
        self.heading = QLabel("Open a document, then Project ▸ Compare Annotators")
        self.heading.setWordWrap(True)
        self.mode = QComboBox()
        self.mode.addItems([LANES, MERGED])
        self.shown = QComboBox()
        self.shown.addItems([text for text, _d, _o in SHOWN])
        self.accept_unanimous = QPushButton("Accept Unanimous")
        self.accept_unanimous.setToolTip("Accept every reading all annotators made (one step)")
        self.mark_curated = QPushButton("Mark Curated")
        self.mark_curated.setToolTip("Set the document's gold status to done")
        controls = QHBoxLayout()
        for widget in (self.mode, self.shown, self.accept_unanimous, self.mark_curated):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.lanes = LanesView()
        scroll = QScrollArea()
        scroll.setWidget(self.lanes)
        scroll.setWidgetResizable(False)
        self.lanes_scroll = scroll
        self.model = DifferencesModel(self)
        self.table = DifferencesTable(self.model, self)
        self.hint = QLabel(KEYS_HINT)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(self.table)
        splitter.setSizes([160, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.hint)

        self.mode.currentIndexChanged.connect(lambda _i: self.show_selected())
        self.shown.currentIndexChanged.connect(lambda _i: self.refill())
        self.accept_unanimous.clicked.connect(self.acceptUnanimousRequested)
        self.mark_curated.clicked.connect(self.markCuratedRequested)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_selected())

    # ----- showing --------------------------------------------------------------------------
    def show_curation(
        self, curation: Curation | None, text: str, title: str, colors: dict[str, str]
    ) -> None:
        """Show a document's comparison (None: nothing to compare)."""
        self.curation, self.text, self.colors, self.title = curation, text, colors, title
        self.refill()

    def refill(self, keep: Version | None = None) -> None:
        """List the readings the filter lets through; select ``keep``'s row (else the first)."""
        curation = self.curation
        _text, differences_only, open_only = SHOWN[self.shown.currentIndex()]
        groups = (
            curation.groups_where(differences_only=differences_only, open_only=open_only)
            if curation is not None
            else []
        )
        self.model.set_rows(curation, groups)
        self._show_heading()
        row = self.model.row_of(keep) if keep is not None else -1
        self.table.select_row(max(row, 0))
        self.show_selected()

    def refresh_states(self) -> None:
        """The decisions or the gold changed: states, heading and lanes, same rows."""
        self.model.refresh_states()
        self._show_heading()
        self.show_selected()

    def set_editing(self, editing: bool) -> None:
        self.table.editing = editing
        self.hint.setText(EDITING_HINT if editing else KEYS_HINT)

    def _show_heading(self) -> None:
        curation = self.curation
        if curation is None:
            self.heading.setText("No annotators' spans to compare in this document")
            return
        waiting = len(curation.groups_where(differences_only=True, open_only=True))
        count = len(curation.annotators)
        names = ", ".join(lane_name(name) for name in curation.annotators)
        who = f"{count} annotators ({names})" if count != 1 else f"one annotator: {names}"
        plural = "s" if waiting != 1 else ""
        self.heading.setText(
            f"{self.title}: {who}; {waiting} open difference{plural}, "
            f"{len(curation.gold)} gold spans"
        )

    def selected_version(self) -> Version | None:
        return self.model.version_at(self.table.current_row())

    def select_version(self, version: Version) -> None:
        self.table.select_row(self.model.row_of(version))

    def show_selected(self) -> None:
        version = self.selected_version()
        curation = self.curation
        if version is None or curation is None:
            self.lanes.clear()
            return
        group = curation.group_of(version)
        start = max(0, group.start - CONTEXT)
        end = min(len(self.text), min(group.end, group.start + LONGEST) + CONTEXT)
        spans = curation.overlapping(start, end)
        if self.mode.currentText() == MERGED:
            lanes = self._merged(curation, spans, version)
        else:
            lanes = self._per_annotator(curation, spans, version)
        gold = [s for s in spans if s.annotator == GOLD]
        chosen = curation.gold_of(version)
        lanes.append(
            Lane(
                "gold",
                tuple(
                    LaneBox(s.start, s.end, s.label, self._color(s.label), s is chosen)
                    for s in gold
                ),
            )
        )
        self.lanes.show_stretch(self.text[start:end], start, (group.start, group.end), lanes)
        self.lanes_scroll.ensureVisible(int(self.lanes.x_of(group.start)), 0, 80, 0)

    def _per_annotator(self, curation: Curation, spans: list[Span], version: Version) -> list[Lane]:
        chosen = {s.id for s in version.spans}
        return [
            Lane(
                lane_name(name),
                tuple(
                    LaneBox(s.start, s.end, s.label, self._color(s.label), s.id in chosen)
                    for s in spans
                    if s.annotator == name
                ),
            )
            for name in curation.annotators
        ]

    def _merged(self, curation: Curation, spans: list[Span], version: Version) -> list[Lane]:
        readings: dict[tuple[str, str, int, int], Version] = {}
        for span in spans:
            reading = curation.version_of.get(span.id)
            if reading is not None:
                readings.setdefault(reading.key, reading)
        count = curation.annotator_count
        boxes = tuple(
            LaneBox(
                r.start,
                r.end,
                f"{r.label} ({len(r.annotators)}/{count})",
                AGREEMENT_COLORS[r.agreement(count)],
                r.key == version.key,
            )
            for r in readings.values()
        )
        return [Lane("agreement", boxes)]

    def _color(self, label: str) -> str:
        return self.colors.get(label, "#cccccc")
