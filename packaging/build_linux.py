"""Build the standalone Linux app with PyInstaller: ``python packaging/build_linux.py``.

Output, in ``dist/annotator-linux/``: the app folder ``annotator/`` (its ``annotator``
program runs without a Python installation), the desktop entry, the icon, the AppStream
metadata and ``install.sh``, which installs them for the current user. Run it from the
repository root after ``pip install -e '.[app]'``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.annotator.Annotator"
EXCLUDED = (
    # The Hugging Face export and the developer tools are not part of the app.
    "datasets",
    "pyarrow",
    "pandas",
    "torch",
    "tensorflow",
    "IPython",
    "matplotlib",
    "tkinter",
    "pytest",
    "mypy",
)


def pyinstaller_args(dist: Path, work: Path) -> list[str]:
    args = [
        str(LINUX / "entry.py"),
        "--name=annotator",
        "--onedir",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
        f"--specpath={work}",
        f"--add-data={ROOT / 'resources'}:annotator/resources",
        "--collect-submodules=annotator",
        "--copy-metadata=annotator",
        "--copy-metadata=spacy",
        "--copy-metadata=PySide6-Essentials",
        "--collect-submodules=spacy.lang.en",
        "--collect-submodules=spacy.lang.id",
    ]
    for name in EXCLUDED:
        args.append(f"--exclude-module={name}")
    return args


def build(out: Path, work: Path) -> Path:
    """Build into ``out`` (replaced); returns the folder holding the app and its files."""
    import PyInstaller.__main__

    bundle = out / "annotator-linux"
    if bundle.exists():
        shutil.rmtree(bundle)
    PyInstaller.__main__.run(pyinstaller_args(bundle, work))
    for name in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", f"{APP_ID}.svg", "install.sh"):
        shutil.copy2(LINUX / name, bundle / name)
    return bundle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    options = parser.parse_args()
    bundle = build(options.out, options.work)
    print(f"built {bundle / 'annotator' / 'annotator'}; install with {bundle / 'install.sh'}")
    sys.exit(0)


if __name__ == "__main__":
    main()
