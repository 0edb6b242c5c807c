"""The templates shipped in ``resources/templates/``: the seed of every new library, by key and version.

A report is read with the copy its library stores (``Library.template_of``); these files only seed it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from model.paths import resource_path
from model.report.template import Template, TemplateError
from model.report.template_source import parse_template_text


def _shipped_files() -> dict[tuple[str, int], Path]:
    """Every shipped template by (key, version): ``KEY.toml`` is the current one, ``KEY.vN.toml`` an older one
    kept so that a library migrated from schema 2 stores the exact text its reports were written with."""
    found: dict[tuple[str, int], Path] = {}
    for path in sorted(resource_path("templates").glob("*.toml")):
        key, _, version = path.stem.partition(".v")
        if version.isdigit():
            found[(key, int(version))] = path
        else:
            found[(key, _version_in(path))] = path
    return found


_VERSION_LINE = re.compile(r"^version\s*=\s*(\d+)\s*$", re.MULTILINE)


def _version_in(path: Path) -> int:
    match = _VERSION_LINE.search(path.read_text(encoding="utf-8"))
    if not match:
        raise TemplateError(f"Tệp mẫu “{path.name}” không ghi phiên bản.")
    return int(match.group(1))


def shipped_versions() -> dict[str, int]:
    """The newest shipped version of every template key."""
    newest: dict[str, int] = {}
    for key, version in _shipped_files():
        newest[key] = max(version, newest.get(key, 0))
    return newest


def shipped_template_text(key: str, version: int | None = None) -> str:
    """The exact text of the shipped template ``key`` (its newest version unless ``version`` is given)."""
    files = _shipped_files()
    if version is None:
        version = shipped_versions().get(key)
    path = files.get((key, version)) if version is not None else None
    if path is None:
        shown = f"“{key}”" if version is None else f"“{key}” phiên bản {version}"
        raise TemplateError(f"Phiên bản này không có mẫu báo cáo {shown}.")
    return path.read_text(encoding="utf-8")


@cache
def load_template(key: str) -> Template:
    """The newest shipped template ``key`` from ``resources/templates/`` (read once per process): the seed of a
    new library. A report is read with the copy its library stores (``Library.template_of``)."""
    return parse_template_text(shipped_template_text(key))


def available_templates() -> list[str]:
    """Keys of the templates shipped in ``resources/templates/``."""
    from model.report.shipped import shipped_versions

    return sorted(shipped_versions())


DEFAULT_TEMPLATE = "nq36a_quy"
