"""Fixtures, markers and helpers the whole suite shares; tests/conftest.py loads the fixture
and marker modules as pytest plugins, test modules import the helpers from here."""
