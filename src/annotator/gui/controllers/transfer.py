"""File ▸ Import and File ▸ Export, run as background tasks with progress and Cancel.

The dialogs are window-modal but open with ``open()``, not ``exec()``: the event loop keeps
running (tests drive them like a user). The work runs on the task's own connection; the window
only refreshes when it is done. An import is one transaction and an export is staged beside
its target, so a failure or Cancel leaves the project and the disk as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.config import backup_folder
from annotator.core.progress import CancelCheck, Progress
from annotator.formats.export_api import ExportOptions, ExportReport
from annotator.formats.interchange import Offsets
from annotator.formats.records import ImportReport
from annotator.gui.dialogs.export import ExportDialog
from annotator.gui.dialogs.import_files import FILE_FILTER, ImportDialog
from annotator.gui.dialogs.report_window import ReportWindow
from annotator.gui.editing.tasks import Task, TaskRunner
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.settings import EXPORT_DIR, IMPORT_DIR, read_str
from annotator.gui.state import Workspace
from annotator.store.backups import take_backup
from annotator.store.repository import Repository


class Transfers(QObject):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        status_bar: StatusBar,
        settings: QSettings,
        reload_documents: Callable[[], None],
        schema_changed: Callable[[str], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.runner = workspace, runner
        self.status_bar, self.settings = status_bar, settings
        self._reload_documents = reload_documents
        """Called after an import, to show the new documents."""
        self._schema_changed = schema_changed
        """Called with a status message when an import added to the schema (annotation.conf)."""
        self.window = window
        """The parent of the dialogs and report windows."""
        self.report_box: ReportWindow | None = None
        self.dialog: ImportDialog | ExportDialog | None = None
        """The import or export dialog last opened (tests drive it)."""

    # ----- import -----------------------------------------------------------------------------
    def import_files(self) -> ImportDialog | None:
        """Pick files, then show them in the Import dialog with their formats and options."""
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import Documents", self._last_dir(), FILE_FILTER
        )
        return self.import_dialog([Path(p) for p in paths]) if paths else None

    def import_folder(self) -> ImportDialog | None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import Folder", self._last_dir())
        return self.import_dialog([Path(folder)]) if folder else None

    def import_dialog(self, paths: list[Path]) -> ImportDialog:
        dialog = ImportDialog(paths, self.window, settings=self.settings)

        def accepted() -> None:
            self.start_import(
                dialog.good_paths(),
                fmt=dialog.chosen_format(),
                offsets=dialog.chosen_offsets(),
                lang=dialog.chosen_lang(),
                skip_bad=dialog.skip_bad(),
                bad_inputs=dialog.bad_inputs(),
                schema_from_conf=dialog.schema_from_conf(),
                keep_boilerplate=dialog.keep_boilerplate(),
                url_filter=dialog.url_filter(),
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_import(
        self,
        paths: list[Path],
        *,
        fmt: str | None = None,
        offsets: str = "utf16",
        lang: str | None = None,
        skip_bad: bool = False,
        bad_inputs: dict[Path, str] | None = None,
        schema_from_conf: bool = False,
        keep_boilerplate: bool = False,
        url_filter: str | None = None,
    ) -> Task:
        """Import ``paths``; ``bad_inputs`` (already refused by the dialog, only with
        ``skip_bad``) are listed in the report as skipped. ``schema_from_conf`` adds what
        the brat inputs' ``annotation.conf`` declares to the schema first."""
        from annotator.formats.importer import import_paths

        annotator = self.workspace.annotator
        unit: Offsets = "codepoint" if offsets == "codepoint" else "utf16"
        skipped = [(str(path), why) for path, why in (bad_inputs or {}).items()]
        if paths:
            self.settings.setValue(IMPORT_DIR, str(paths[0].parent))

        db_path = self.workspace.project_file  # None on a server, which has its own backups

        def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> ImportReport:
            if db_path is not None and repo.document_ids():  # a change to a project with work
                take_backup(db_path, backup_folder(db_path), "before-import", cancel=cancel)
            report = import_paths(
                repo,
                paths,
                fmt=fmt,
                offsets=unit,
                lang=lang,
                skip_bad=skip_bad,
                annotator=annotator,
                schema_from_conf=schema_from_conf,
                keep_boilerplate=keep_boilerplate,
                url_filter=url_filter,
                progress=progress,
                cancel=cancel,
            )
            report.skipped[:0] = skipped
            return report

        task = self.runner.start("Importing", work)
        folder = _folder_of(paths[0]) if paths else None
        task.succeeded.connect(lambda report: self._imported(report, folder))
        task.failed.connect(lambda message: self._failed("Import failed", message))
        task.cancelled.connect(
            lambda: self.status_bar.info("Import cancelled; nothing was written")
        )
        self.status_bar.info(f"Importing {len(paths)} item(s)…")
        return task

    def _imported(self, report: ImportReport, folder: Path | None) -> None:
        if report.schema:
            self._schema_changed("Saved: the corpus's annotation.conf was added to the schema")
        for doc_id in report.added:
            self.workspace.repo.forget_document(doc_id)
        self._reload_documents()
        doc = self.workspace.doc
        if doc is not None and doc.id in report.added:
            self.workspace.reload_document()  # the import added annotations to it
        count = len(report.imported)
        self.status_bar.saved(f"Saved: imported {count} document(s) with {report.spans} span(s)")
        self._report("Import finished", report.lines(), folder)

    # ----- export -----------------------------------------------------------------------------
    def export_dialog(self) -> ExportDialog:
        repo = self.workspace.repo
        dialog = ExportDialog(
            self._export_dir(),
            self.window,
            layers=[layer.name for layer in repo.schema().layers],
            annotators=repo.annotators(),
            settings=self.settings,
        )
        dialog.accepted.connect(
            lambda: self.start_export(
                dialog.chosen_format(), dialog.chosen_path(), dialog.options()
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_export(self, fmt: str, out: Path, options: ExportOptions | None = None) -> Task:
        from annotator.formats.registry import exporter as exporter_of

        exporter = exporter_of(fmt)
        chosen = options or ExportOptions()
        self.settings.setValue(EXPORT_DIR, str(out.parent))

        def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> ExportReport:
            return exporter(repo, out, chosen, progress, cancel)

        task = self.runner.start("Exporting", work)
        task.succeeded.connect(self._exported)
        task.failed.connect(lambda message: self._failed("Export failed", message))
        task.cancelled.connect(
            lambda: self.status_bar.info("Export cancelled; nothing was written")
        )
        self.status_bar.info(f"Exporting {fmt} to {out}…")
        return task

    def _exported(self, report: ExportReport) -> None:
        self.status_bar.info(
            f"Exported {report.documents} document(s), {report.spans} span(s) to {report.out}"
        )
        self._report("Export finished", report.lines(), _folder_of(Path(report.out)))

    # ----- shared ---------------------------------------------------------------------------
    def _failed(self, title: str, message: str) -> None:
        self.status_bar.problem(f"{title}: {message}")
        self._report(title, [message], None, error=True)

    def _report(
        self, title: str, lines: list[str], folder: Path | None, *, error: bool = False
    ) -> None:
        """A non-modal, resizable window with the whole report; the window stays usable."""
        box = ReportWindow(title, lines, folder, error=error, parent=self.window)
        box.show()
        self.report_box = box

    def _export_dir(self) -> Path:
        """The last export folder, else ``annotator-exports`` in the user's documents: never
        the last import folder, where exports would land among the source data."""
        last = read_str(self.settings, EXPORT_DIR)
        if last:
            return Path(last)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents or Path.home()) / "annotator-exports"

    def _last_dir(self, key: str = IMPORT_DIR) -> str:
        settings = self.settings
        return read_str(settings, key) or read_str(settings, IMPORT_DIR) or str(Path.home())


def _folder_of(path: Path) -> Path:
    """The folder to show for an input or output: itself if a folder, else its parent."""
    return path if path.is_dir() else path.parent
