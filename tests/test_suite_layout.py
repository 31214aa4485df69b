"""How the suite is laid out: helpers come from ``tests/helpers`` only, and the markers a quick
local run relies on name tests that exist."""

from __future__ import annotations

import ast

from tests.helpers.markers import SLOW_TESTS, TESTS


def test_test_modules_import_helpers_only_from_the_helpers_package() -> None:
    offending = []
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            offending += [
                f"{path.relative_to(TESTS)}: {module}"
                for module in modules
                if module.startswith("tests.") and not module.startswith("tests.helpers.")
            ]
    assert offending == []


def test_every_slow_test_id_names_a_test_function_in_its_file() -> None:
    for node_id in SLOW_TESTS:
        path, name = node_id.split("::")
        source = (TESTS.parent / path).read_text(encoding="utf-8")
        assert f"def {name.split('[')[0]}(" in source, node_id
