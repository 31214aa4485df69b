"""File ▸ Import and File ▸ Export, run as background tasks with progress and Cancel.

The work runs on the task's own connection; the window only refreshes when it is done. An
import is one transaction, so a failure or Cancel leaves the project as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.records import ImportReport
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.tasks import Task
from annotator.store.repository import Repository

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class Transfers(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.report_box: QMessageBox | None = None

    # ----- import -----------------------------------------------------------------------------
    def import_files(self) -> Task | None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Import Documents",
            self._last_dir(),
            "Documents (*.txt *.jsonl);;Plain text (*.txt);;Native JSONL (*.jsonl)",
        )
        return self.start_import([Path(p) for p in paths]) if paths else None

    def import_folder(self) -> Task | None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import Folder", self._last_dir())
        return self.start_import([Path(folder)]) if folder else None

    def start_import(self, paths: list[Path]) -> Task:
        from annotator.formats.importer import import_paths

        annotator = self.window.annotator
        self.window.settings.setValue("session/import_dir", str(paths[0].parent))

        def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> ImportReport:
            return import_paths(repo, paths, annotator=annotator, progress=progress, cancel=cancel)

        task = self.window.runner.start("Importing", work)
        task.succeeded.connect(self._imported)
        task.failed.connect(lambda message: self._failed("Import failed", message))
        task.cancelled.connect(
            lambda: self.window.status_bar.info("Import cancelled; nothing was written")
        )
        self.window.status_bar.info(f"Importing {len(paths)} item(s)…")
        return task

    def _imported(self, report: ImportReport) -> None:
        self.window.reload_documents()
        count = len(report.imported)
        self.window.status_bar.saved(
            f"Saved: imported {count} document(s) with {report.spans} span(s)"
        )
        self._report("Import finished", report.lines())

    # ----- export -----------------------------------------------------------------------------
    def export_dialog(self) -> Task | None:
        dialog = ExportDialog(Path(self._last_dir()), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.start_export(
            dialog.chosen_format(), dialog.chosen_path(), dialog.chosen_status()
        )

    def start_export(self, fmt: str, out: Path, status: str | None = None) -> Task:
        from annotator.formats.registry import EXPORTERS

        exporter = EXPORTERS[fmt]
        options = ExportOptions(status=status)
        self.window.settings.setValue("session/export_dir", str(out.parent))

        def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> ExportReport:
            return exporter(repo, out, options, progress, cancel)

        task = self.window.runner.start("Exporting", work)
        task.succeeded.connect(self._exported)
        task.failed.connect(lambda message: self._failed("Export failed", message))
        task.cancelled.connect(
            lambda: self.window.status_bar.info("Export cancelled; no file was written")
        )
        return task

    def _exported(self, report: ExportReport) -> None:
        self.window.status_bar.info(
            f"Exported {report.documents} document(s), {report.spans} span(s) to {report.out}"
        )
        self._report("Export finished", report.lines())

    # ----- shared ---------------------------------------------------------------------------
    def _failed(self, title: str, message: str) -> None:
        self.window.status_bar.problem(f"{title}: {message}")
        self._report(title, [message], error=True)

    def _report(self, title: str, lines: list[str], *, error: bool = False) -> None:
        """A non-modal box with the full report; the window stays usable."""
        box = QMessageBox(self.window)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information)
        box.setText(lines[0] if lines else title)
        if len(lines) > 1:
            box.setDetailedText("\n".join(lines))
            box.setInformativeText("\n".join(lines[1:8]) + ("\n…" if len(lines) > 8 else ""))
        box.setModal(False)
        box.show()
        self.report_box = box

    def _last_dir(self) -> str:
        value: Any = self.window.settings.value("session/import_dir", "")
        return str(value) if value else str(Path.home())
