"""Measure the mutation score of one layer against that layer's own tests, with mutmut 3.

Each layer is measured in a copy of the working tree (tracked files plus uncommitted edits) under
a work folder, so the checkout stays clean and two layers never share mutmut's cache. The copy's
pyproject.toml gets the layer's ``only_mutate`` and test folder on top of ``[tool.mutmut]``.

    python scripts/mutation_score.py core store          # both layers, one after the other
    python scripts/mutation_score.py store --jobs 2

It takes minutes per layer, so it is not part of the test suite. The score counts killed and timed
out mutants over all mutants generated (survivors and mutants no test reaches count against it).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAUGHT = {"killed", "timeout"}
_QUOTED = re.compile(r"'[^']*'")
_SQL = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|GROUP BY|ORDER BY|AND|SET|ASC|DESC|PRAGMA"
    r"|BEGIN|COMMIT)\b",
    re.I,
)
STATUS_BY_EXIT_CODE = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    37: "caught by type check",
}


def copy_tree(destination: Path, *, keep_results: bool = False) -> None:
    """Copy the files git knows about (tracked and untracked, not ignored) as they are on disk.

    Without ``keep_results`` the destination starts empty (a clean measurement).
    """
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    if destination.exists() and not keep_results:
        shutil.rmtree(destination)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def layer_settings(layer: str) -> str:
    """The ``[tool.mutmut]`` table for one layer: the shared settings plus its source and tests."""
    shared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    settings = dict(shared)
    settings["only_mutate"] = [f"src/annotator/{layer}/*"]
    settings["pytest_add_cli_args_test_selection"] = [f"tests/{layer}"]
    lines = ["[tool.mutmut]"]
    for key, value in settings.items():
        lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def with_layer_settings(pyproject: str, layer: str) -> str:
    """Replace the ``[tool.mutmut]`` table of a pyproject.toml text with the layer's table."""
    kept: list[str] = []
    skipping = False
    for line in pyproject.splitlines(keepends=True):
        if line.startswith("["):
            skipping = line.strip() == "[tool.mutmut]"
        if not skipping:
            kept.append(line)
    return "".join(kept).rstrip("\n") + "\n\n" + layer_settings(layer)


def statuses_by_module(workdir: Path) -> dict[str, Counter[str]]:
    """Count mutant outcomes per source module from the ``.meta`` files mutmut leaves behind."""
    counts: dict[str, Counter[str]] = {}
    for meta in sorted((workdir / "mutants" / "src").rglob("*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        module = meta.relative_to(workdir / "mutants" / "src").with_suffix("").with_suffix("")
        name = ".".join(module.parts)
        counted: Counter[str] = Counter()
        for code in data.get("exit_code_by_key", {}).values():
            counted[STATUS_BY_EXIT_CODE.get(code, "not checked" if code is None else "other")] += 1
        if counted:
            counts[name] = counted
    return counts


def _functions(path: Path) -> dict[str, ast.AST]:
    """Every function of a mutated module by name (mutmut names each mutant a function)."""
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _case_of_sql_only(original: ast.AST, mutant: ast.AST) -> bool:
    """Whether the mutant only changes the case of string constants outside their quoted values:
    SQL keywords, table and column names are case-insensitive in SQLite, so such a mutant
    cannot change what a query does ('pending' must stay as it is)."""
    pairs = list(zip(ast.walk(original), ast.walk(mutant), strict=False))
    changed = False
    for a, b in pairs:
        if type(a) is not type(b):
            return False
        if isinstance(a, ast.Constant) and isinstance(b, ast.Constant) and a.value != b.value:
            if not (isinstance(a.value, str) and isinstance(b.value, str)):
                return False
            if (
                a.value.lower() != b.value.lower()
                or not _SQL.search(a.value)
                or _QUOTED.findall(a.value) != _QUOTED.findall(b.value)
            ):
                return False
            changed = True
    return changed


def sql_case_mutants(workdir: Path) -> list[str]:
    """Surviving mutants that only change the case of SQL text: equivalent by construction."""
    found = []
    for meta in sorted((workdir / "mutants" / "src").rglob("*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        survivors = [
            key
            for key, code in data.get("exit_code_by_key", {}).items()
            if STATUS_BY_EXIT_CODE.get(code) == "survived"
        ]
        if not survivors:
            continue
        functions = _functions(meta.with_suffix(""))
        for key in survivors:
            name = key.rsplit(".", 1)[1]
            original = functions.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
            mutant = functions.get(name)
            if original and mutant:
                original.name = mutant.name  # type: ignore[attr-defined]
                if _case_of_sql_only(original, mutant):
                    found.append(key)
    return found


def report(layer: str, counts: dict[str, Counter[str]]) -> float:
    """Print the per-module table and return the layer's score in percent."""
    total = Counter[str]()
    print(f"\n{layer}: module, caught/total, score, survived, no tests")
    for module, counted in counts.items():
        total.update(counted)
        generated = sum(counted.values())
        caught = sum(counted[s] for s in CAUGHT)
        print(
            f"  {module:45} {caught:5}/{generated:<5} {100 * caught / generated:5.1f}%"
            f"  {counted['survived']:4}  {counted['no tests']:4}"
        )
    generated = sum(total.values())
    caught = sum(total[s] for s in CAUGHT)
    score = 100 * caught / generated if generated else 0.0
    print(f"  {'total':45} {caught:5}/{generated:<5} {score:5.1f}%  {dict(total)}")
    return score


def forget_uncaught(workdir: Path) -> int:
    """Clear the result of every mutant not killed or timed out, so the next run tests it again
    with the tests as they are now; returns how many. Tests are only ever added or tightened,
    so a mutant an earlier run killed stays killed."""
    cleared = 0
    for meta in (workdir / "mutants" / "src").rglob("*.py.meta"):
        data = json.loads(meta.read_text("utf-8"))
        results = data.get("exit_code_by_key", {})
        for key, code in results.items():
            if STATUS_BY_EXIT_CODE.get(code) not in CAUGHT:
                results[key] = None
                cleared += 1
        meta.write_text(json.dumps(data), "utf-8")
    return cleared


def measure(layer: str, workroot: Path, jobs: int, *, again: bool = False) -> float:
    workdir = workroot / layer
    again = again and (workdir / "mutants").is_dir()
    copy_tree(workdir, keep_results=again)
    if again:
        print(f"{layer}: testing {forget_uncaught(workdir)} uncaught mutants again")
    pyproject = workdir / "pyproject.toml"
    pyproject.write_text(with_layer_settings(pyproject.read_text("utf-8"), layer), "utf-8")
    subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)],
        cwd=workdir,
        check=False,
    )
    return report(layer, statuses_by_module(workdir))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("layers", nargs="*", default=["core", "store"], choices=["core", "store"])
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/annotator-mutation"),
        help="where the copies live (kept, so `mutmut show NAME` works there afterwards)",
    )
    parser.add_argument(
        "--report-only", action="store_true", help="print the scores of the last run"
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="keep the last run's kills and test only the other mutants, with the tests as "
        "they are now (minutes instead of half an hour while adding tests)",
    )
    args = parser.parse_args()
    for layer in args.layers:
        if args.report_only:
            report(layer, statuses_by_module(args.workdir / layer))
        else:
            measure(layer, args.workdir, args.jobs, again=args.again)
        equivalent = sql_case_mutants(args.workdir / layer)
        print(f"  {len(equivalent)} survivors only change the case of SQL text (equivalent):")
        for key in equivalent:
            print(f"    {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
