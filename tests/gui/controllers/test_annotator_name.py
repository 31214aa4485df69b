"""File ▸ Set Annotator Name… on a secured server project: the role is the name, and the app
says so instead of offering to switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.config import load_config
from annotator.gui import app as gui_app
from annotator.gui.main_window import MainWindow
from tests.helpers.pg_team import TeamProject
from tests.helpers.window_fixtures import make_settings


@pytest.fixture
def alices_window(qtbot: QtBot, team_project: TeamProject, tmp_path: Path) -> Iterator[MainWindow]:
    """The app opened by alice on the secured project, with another name configured."""
    window = gui_app.create_window(
        team_project.url("alice"), "d1", "dewi", make_settings(tmp_path / "s.ini")
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.runner.cancel_all()
    window.workspace.repo.db.close()


def test_the_name_cannot_be_switched_on_a_secured_project_and_the_app_says_why(
    qtbot: QtBot,
    alices_window: MainWindow,
    team_project: TeamProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice = team_project.people["alice"]
    asked: list[Any] = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a) or ("x", True))
    action = alices_window.actions_["file.set_annotator_name"]
    reason = f"On this server project you are the role {alice}; the server decides who writes what"
    assert not action.isEnabled()
    assert action.toolTip() == reason and action.statusTip() == reason
    assert alices_window.status_bar.annotator_text() == f"Annotator: {alice}"
    assert alices_window.status_bar.annotator_tooltip() == reason
    qtbot.keyClick(alices_window.view, Qt.Key.Key_U, CTRL_SHIFT)
    action.trigger()
    alices_window.annotator_name.ask()  # however it is reached
    assert asked == []
    assert alices_window.workspace.annotator == alice
    assert alices_window.status_bar.message() == reason
    assert "annotator" not in load_config()


def test_a_server_project_nobody_secured_still_lets_the_name_be_set(
    qtbot: QtBot, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = gui_app.create_window(pg_url, None, "dewi", make_settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Budi", True))
    action = window.actions_["file.set_annotator_name"]
    assert action.isEnabled() and action.statusTip() == "Name recorded on every edit"
    action.trigger()
    assert window.workspace.annotator == "Budi"
    assert window.status_bar.annotator_text() == "Annotator: Budi"
    window.close()
    window.workspace.repo.db.close()


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
