"""The command line on files a clerk meets in an office: read-only, locked by another program, unreadable, a
folder, a figure too large to store. Each gives one Vietnamese line on stderr and exit status 2, never a
traceback, and leaves the library as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.locations import ROOT

ENGLISH = ("Traceback", "Error", "error", "database", "Permission", "denied", "unable")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main.main(list(argv))
    return code, capsys.readouterr().err


def assert_one_vietnamese_line(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Lỗi: "), err
    assert not any(word in lines[0] for word in ENGLISH), err


def run_without_override(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run a command as a clerk's account would: file permissions apply (root drops its override)."""
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None or subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", "true"],
                                             capture_output=True).returncode != 0:
            pytest.skip("root without setpriv: file permissions cannot be made to apply")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    return subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)


@pytest.fixture
def read_only_library(sample_path: Path):
    sample_path.chmod(stat.S_IREAD)
    yield sample_path
    sample_path.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_a_figure_too_large_to_store_is_refused(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sample_path.read_bytes()
    code, err = run(capsys, "set", str(sample_path), "--report", "2018-Q2", "dvc_muc_3=99999999999999999999")
    assert code == 2
    assert_one_vietnamese_line(err)
    assert "quá lớn" in err and "999.999.999.999" in err
    assert sample_path.read_bytes() == before


def test_a_folder_given_as_the_library_is_named_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "list", str(tmp_path))
    assert code == 2
    assert_one_vietnamese_line(err)
    assert "là một thư mục" in err


@pytest.mark.slow  # waits out the 5 s lock timeout
def test_a_library_locked_by_another_program_is_not_called_broken(sample_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    holder = sqlite3.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another copy of the program, or a backup tool, in the middle of a write
    try:
        code, err = run(capsys, "list", str(sample_path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert_one_vietnamese_line(err)
    assert "đang bị chương trình khác dùng" in err
    assert "hỏng" not in err and "không phải thư viện" not in err


def test_editing_a_read_only_library_says_so_and_changes_nothing(read_only_library: Path) -> None:
    before = read_only_library.read_bytes()
    done = run_without_override("set", str(read_only_library), "--report", "2018-Q2", "dvc_muc_3=700")
    assert done.returncode == 2, done.stderr
    assert_one_vietnamese_line(done.stderr)
    assert "chỉ cho đọc" in done.stderr
    assert read_only_library.read_bytes() == before
    listed = run_without_override("list", str(read_only_library))  # reading it still works
    assert listed.returncode == 0, listed.stderr
    assert "2018-Q2" in listed.stdout


def test_importing_into_a_read_only_library_says_so(read_only_library: Path, tmp_path: Path) -> None:
    from model.exchange.dbexport import export_reports
    from model.library.library import Library
    from model.vietnamese.period import Period

    other = tmp_path / "khac.db"
    with Library.open(shutil.copy(read_only_library, tmp_path / "nguon.db")) as source:
        report = source.find_report("2018-Q2")
        new_id = source.duplicate_report(report.id, Period(2018, 3))
        export_reports(source, [new_id], other)
    before = read_only_library.read_bytes()
    done = run_without_override("import", str(read_only_library), str(other))
    assert done.returncode == 2, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "chỉ cho đọc" in last and "giữ nguyên" in last, done.stderr
    assert "Traceback" not in done.stderr
    assert read_only_library.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no unreadable mode bits")
def test_an_unreadable_library_is_not_called_broken(sample_path: Path) -> None:
    sample_path.chmod(0)
    try:
        done = run_without_override("list", str(sample_path))
    finally:
        sample_path.chmod(stat.S_IREAD | stat.S_IWRITE)
    assert done.returncode == 2
    assert_one_vietnamese_line(done.stderr)
    assert "không có quyền" in done.stderr
    assert "hỏng" not in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a folder's write bit does not stop writes on Windows")
def test_writes_into_a_read_only_folder_say_so_in_vietnamese(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(stat.S_IREAD | stat.S_IEXEC)
    try:
        for argv in (("sample", str(folder / "moi.db")),
                     ("export-db", str(sample_path), "--report", "2018-Q2", "--to", str(folder / "gui.db")),
                     ("export", str(sample_path), "--report", "2018-Q2", "--to", str(folder / "bc.pdf"))):
            done = run_without_override(*argv)
            assert done.returncode == 2, (argv, done.stderr)
            assert_one_vietnamese_line(done.stderr)
            assert "quyền" in done.stderr, done.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_folder_given_as_a_file_to_write_is_named_a_folder(sample_path: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "thu-muc.db"
    folder.mkdir()
    for argv in (("sample", str(folder)), ("export-db", str(sample_path), "--report", "2018-Q2", "--to", str(folder))):
        code, err = run(capsys, *argv)
        assert code == 2
        assert_one_vietnamese_line(err)
        assert "là một thư mục" in err and "đã có" not in err
