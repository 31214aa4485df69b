"""Files shipped with the app: schemas and sample articles (``resources/``).

In a wheel they live in ``annotator/resources``; in a source checkout (editable install)
they are the repository's top-level ``resources/`` folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from annotator.core.schema import Schema
from annotator.core.schema_parse import schema_from_toml


@cache
def resources_dir() -> Path:
    packaged = Path(__file__).parent / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("annotator's resources folder is missing from this installation")


def default_schema_path() -> Path:
    return resources_dir() / "schemas" / "news.toml"


@cache
def default_schema() -> Schema:
    path = default_schema_path()
    return schema_from_toml(path.read_text(encoding="utf-8"), str(path))


def sample_paths() -> list[Path]:
    return sorted((resources_dir() / "samples").glob("*.jsonl"))
