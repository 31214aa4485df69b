"""Before Qt loads: no display, or X11 libraries missing, is said in one line with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.gui import display

ABSENT = {"xcb-cursor", "xcb-icccm", "xcb-keysyms"}


@pytest.fixture
def x11(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(
        display, "find_library", lambda name: None if name in ABSENT else f"lib{name}.so"
    )


def test_every_missing_xcb_library_is_named_with_one_apt_get_line(x11: None) -> None:
    problem = display.display_problem()
    assert problem is not None
    assert problem.startswith(
        "Qt's X11 (xcb) plugin needs system libraries that are missing: "
        "libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1. On Debian/Ubuntu: sudo apt-get install "
    )
    assert problem.endswith(display.APT_LINE)


def test_the_gui_command_stops_before_qt_aborts(x11: None) -> None:
    result = CliRunner().invoke(cli, ["gui"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1" in lines[0]


def test_nothing_is_checked_on_wayland_or_with_all_libraries(
    monkeypatch: pytest.MonkeyPatch, x11: None
) -> None:
    assert display.display_problem(find=lambda name: f"lib{name}.so") is None
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert display.display_problem() is None


def test_the_readme_lists_the_same_apt_get_line() -> None:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    assert display.APT_LINE in readme.read_text(encoding="utf-8")
