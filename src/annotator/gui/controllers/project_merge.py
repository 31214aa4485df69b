"""File ▸ Merge Project Files…: annotators' copies of the project brought into it, in a
background task with progress and Cancel, then a report.

The merge is one transaction on the task's own connection (``team.merge``), after a backup of
the project; a refusal or Cancel leaves the project as it was. When it is done the document
list, the schema and the open document are read again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.config import backup_folder
from annotator.core.progress import CancelCheck, Progress
from annotator.gui.dialogs.merge_projects import MergeProjectsDialog, SourceRow
from annotator.gui.dialogs.report_window import ReportWindow
from annotator.gui.editing.tasks import Task, TaskRunner
from annotator.gui.panels.status_bar import StatusBar
from annotator.gui.settings import IMPORT_DIR, read_str
from annotator.gui.state import Workspace
from annotator.store.backups import take_backup
from annotator.store.errors import StoreError
from annotator.store.project_merge import source_summary
from annotator.store.repository import Repository
from annotator.team.merge_report import MergeReport

FILE_FILTER = "Annotator projects (*.db *.sqlite);;All files (*)"


class ProjectMerge(QObject):
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
        self._schema_changed = schema_changed
        """Called with a status message when the merged files added to the schema."""
        self.window = window
        self.dialog: MergeProjectsDialog | None = None
        """The dialog last opened (tests drive it)."""
        self.report_box: ReportWindow | None = None

    def choose_files(self) -> MergeProjectsDialog | None:
        """Pick the project files, then show them with what each holds."""
        start = read_str(self.settings, IMPORT_DIR) or str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Merge Project Files", start, FILE_FILTER
        )
        return self.merge_dialog([Path(p) for p in paths]) if paths else None

    def merge_dialog(self, paths: list[Path]) -> MergeProjectsDialog:
        dialog = MergeProjectsDialog([_row(path) for path in paths], self.window)
        dialog.accepted.connect(
            lambda: self.start_merge(
                dialog.chosen_paths(), as_name=dialog.chosen_as_name(), skip_bad=dialog.skip_bad()
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_merge(
        self, paths: list[Path], *, as_name: str | None = None, skip_bad: bool = False
    ) -> Task:
        from annotator.team.merge import merge_projects

        merged_by = self.workspace.annotator
        db_path = self.workspace.project_file  # None on a server, which has its own backups
        if paths:
            self.settings.setValue(IMPORT_DIR, str(paths[0].parent))

        def work(repo: Repository, progress: Progress, cancel: CancelCheck) -> MergeReport:
            if db_path is not None and repo.document_ids():  # a change to a project with work
                take_backup(db_path, backup_folder(db_path), "before-merge", cancel=cancel)
            return merge_projects(
                repo,
                paths,
                as_name=as_name,
                skip_bad=skip_bad,
                by=merged_by,
                progress=progress,
                cancel=cancel,
            )

        task = self.runner.start("Merging project files", work)
        task.succeeded.connect(self._merged)
        task.failed.connect(self._failed)
        task.cancelled.connect(
            lambda: self.status_bar.info("Merge cancelled; the project is unchanged")
        )
        self.status_bar.info(f"Merging {len(paths)} project file(s)…")
        return task

    def _merged(self, report: MergeReport) -> None:
        if report.schema_changed:
            added = [item for source in report.sources for item in source.schema_added]
            self._schema_changed(f"Saved: the merged files added to the schema: {', '.join(added)}")
        repo = self.workspace.repo
        for doc_id in report.changed_documents:
            repo.forget_document(doc_id)
        self._reload_documents()
        doc = self.workspace.doc
        if doc is not None and doc.id in report.changed_documents:
            self.workspace.reload_document()
        self.status_bar.saved(f"Saved: {report.summary()}")
        self._report("Merge finished", report.lines(), error=False)

    def _failed(self, message: str) -> None:
        self.status_bar.problem(f"Merge failed: {message}")
        self._report("Merge failed", [message], error=True)

    def _report(self, title: str, lines: list[str], *, error: bool) -> None:
        box = ReportWindow(title, lines, None, error=error, parent=self.window)
        box.show()
        self.report_box = box


def _row(path: Path) -> SourceRow:
    try:
        summary = source_summary(path)
    except StoreError as exc:
        return SourceRow(path, problem=str(exc))
    return SourceRow(path, summary.documents, summary.spans, summary.unattributed_spans)
