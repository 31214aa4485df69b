"""The main window connects the GUI's parts; none of them may reach back to it."""

from __future__ import annotations

import grimp
import pytest

WINDOW = "annotator.gui.main_window"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """Every import in the package, including those made only for type checking."""
    return grimp.build_graph("annotator")


def test_only_the_app_imports_the_main_window(graph: grimp.ImportGraph) -> None:
    assert graph.find_modules_that_directly_import(WINDOW) == {"annotator.gui.app"}


def test_no_import_cycle_runs_through_the_main_window(graph: grimp.ImportGraph) -> None:
    back = {
        module: graph.find_shortest_chain(importer=module, imported=WINDOW)
        for module in graph.find_modules_directly_imported_by(WINDOW)
    }
    assert {module: chain for module, chain in back.items() if chain} == {}
