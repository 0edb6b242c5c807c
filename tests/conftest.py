"""Shared fixtures: every test gets its own user data folder and a fresh sample library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _user_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SOANBAOCAO_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _gc_on_gui_thread(request: pytest.FixtureRequest) -> None:
    """Qt tests collect garbage on the GUI thread only, as the application does (gui/gc_guard.py)."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        from gui.gc_guard import collect_on_gui_thread

        collect_on_gui_thread(request.getfixturevalue("qapp"))


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """A freshly written sample library file (Kiên Giang quý I and quý II 2018)."""
    from model.sample import write_sample

    path = tmp_path / "mau.db"
    write_sample(path).close()
    return path


@pytest.fixture
def sample_library(sample_path: Path):
    from model.library import Library

    library = Library.open(sample_path)
    yield library
    library.close()


@pytest.fixture
def q2_id(sample_library) -> str:
    return sample_library.find_report("2018-Q2").id
