"""``annotator gui --db``: a server project opens like a file; one that cannot be reached is
named in the message and the command exits non-zero."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner
from PySide6.QtWidgets import QMessageBox

from annotator.cli import cli


def test_an_unreachable_server_is_named_and_the_app_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    result = CliRunner().invoke(
        cli, ["gui", "--db", f"postgresql://ana:s3cret@127.0.0.1:{port}/corpus"]
    )
    assert result.exit_code == 1
    (message,) = shown
    assert message.startswith(
        f"PostgreSQL database corpus on 127.0.0.1:{port} as ana: cannot connect to the server"
    )
    assert "s3cret" not in message
