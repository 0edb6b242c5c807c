"""Shared fixtures: every test gets its own user data folder and a fresh sample library.

A module marked ``pytestmark = pytest.mark.both_engines`` runs each of its tests that use ``sample_library`` or
``new_library`` twice: on a library file and on a library in a throwaway PostgreSQL server (tests/pgserver.py,
started once for the session). A test that also uses ``sample_path`` is about the file itself and stays SQLite-only.
"""

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
    """Qt tests collect garbage on the GUI thread only, as the application does (gui/support/gc_guard.py)."""
    if "qtbot" in request.fixturenames or "qapp" in request.fixturenames:
        from gui.support.gc_guard import collect_on_gui_thread

        collect_on_gui_thread(request.getfixturevalue("qapp"))


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """A freshly written sample library file (Kiên Giang quý I and quý II 2018)."""
    from model.library.sample import write_sample

    path = tmp_path / "mau.db"
    write_sample(path).close()
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_engines: run the module's library tests on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (metafunc.definition.get_closest_marker("both_engines") and "library_engine" in metafunc.fixturenames
            and "sample_path" not in metafunc.fixturenames):
        metafunc.parametrize("library_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def library_engine(request: pytest.FixtureRequest) -> str:
    """``sqlite`` (a library file) or ``postgresql`` (a library on the test server)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL cluster for the session, on a unix socket; removed at the end."""
    from tests.pgserver import start_local_server

    server = start_local_server()
    if server is None:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed; .ci/run installs them")
    yield server
    server.remove()


@pytest.fixture(scope="session")
def pg_sample_database(pg_server, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A server database holding the sample library (uploaded from the sample file), copied for each test."""
    from model.library.library import Library
    from model.library.sample import write_sample
    from model.server.copying import upload

    path = tmp_path_factory.mktemp("pgsample") / "mau.db"
    write_sample(path).close()
    url = pg_server.new_database()
    with Library.init_server(url) as library:
        assert upload(path, library).written == 2
    return url.split("@/", 1)[1].split("?", 1)[0]


@pytest.fixture
def sample_library(library_engine: str, request: pytest.FixtureRequest):
    from model.library.library import Library

    if library_engine == "postgresql":
        server = request.getfixturevalue("pg_server")
        source = server.new_database(template=request.getfixturevalue("pg_sample_database"))
    else:
        source = request.getfixturevalue("sample_path")
    library = Library.open(source)
    yield library
    library.close()


@pytest.fixture
def sample_url(pg_server, pg_sample_database: str) -> str:
    """The URL of a server library holding the sample (Kiên Giang quý I issued, quý II draft)."""
    return pg_server.new_database(template=pg_sample_database)


@pytest.fixture
def private_server(pg_server):
    """A cluster of the test's own, which the test may stop and start again (the server going away)."""
    from tests.pgserver import LocalServer

    server = LocalServer(pg_server.bin_dir).init()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def new_library(library_engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Where a new library of the engine under test goes: ``new_library("tinh.db")`` is a file path not yet
    written (an import creates it), or the URL of an empty library on the test server."""
    def make(name: str) -> Path | str:
        if library_engine == "sqlite":
            return tmp_path / name
        from model.library.library import Library

        url = request.getfixturevalue("pg_server").new_database()
        Library.init_server(url).close()
        return url

    return make


@pytest.fixture
def q2_id(sample_library) -> str:
    return sample_library.find_report("2018-Q2").id
