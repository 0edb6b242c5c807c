"""Helpers for tests that run on a library file and on a server library alike (``new_library`` in conftest)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from model.library.library import Library
from model.library.storage import Base


def create_library(source: Path | str) -> Library:
    """A new, empty library at ``source``: a file is created; a server library is already initialised."""
    return Library.create(source) if isinstance(source, Path) else Library.open(source)


def library_state(source: Path | str) -> object:
    """Everything the library holds, to compare before and after: a file's bytes, a server's rows."""
    if isinstance(source, Path):
        return source.read_bytes()
    with Library.open(source) as library, library.session() as session:
        return {name: sorted(map(tuple, session.execute(select(table)).all()), key=repr)
                for name, table in Base.metadata.tables.items()}
