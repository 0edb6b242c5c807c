"""model.library.quickread gives the same report data as Library, and steps aside whenever Library must decide."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from model.library.quickread import read_library, read_report
from model.report.report_info import report_to_open
from tests.locations import FIXTURES, ROOT


@pytest.mark.parametrize("ref", ["2018-Q2", "2018-Q1"])
def test_snapshot_matches_the_library(sample_library, sample_path, ref):
    info = sample_library.find_report(ref)
    if not sample_library.report(info.id).is_issued:
        sample_library.set_typed(info.id, {"dvc_tong": "5"})  # give it problems to compare
    snapshot = read_report(sample_path, ref)
    assert snapshot is not None and snapshot.id == info.id
    assert snapshot.report(info.id).period == info.period
    assert snapshot.report(info.id).organization_name == info.organization_name
    assert snapshot.template_of(info.id) is sample_library.template_of(info.id)
    assert snapshot.values(info.id) == sample_library.values(info.id)
    assert snapshot.context(info.id) == sample_library.context(info.id)
    assert snapshot.check(info.id) == sample_library.check(info.id)
    assert read_report(sample_path, info.id).id == info.id  # by full id too


def test_snapshot_answers_only_for_its_report(sample_path, sample_library):
    snapshot = read_report(sample_path, "2018-Q2")
    other = sample_library.find_report("2018-Q1").id
    with pytest.raises(KeyError):
        snapshot.values(other)


def test_steps_aside_for_what_library_must_handle(sample_path, tmp_path):
    assert read_report(sample_path, sample_path.name) is None  # no such report: Library words the message
    snapshot = read_report(sample_path, "2018-Q2")
    assert read_report(sample_path, snapshot.id[:8]) is None  # id prefixes are Library's
    assert read_report(tmp_path / "khong-co.db", "2018-Q2") is None
    not_sqlite = tmp_path / "hong.db"
    not_sqlite.write_bytes(b"not a database at all" * 100)
    assert read_report(not_sqlite, "2018-Q2") is None
    older = tmp_path / "v1.db"
    shutil.copy(FIXTURES / "library_v1.db", older)
    assert read_report(older, "2018-Q2") is None  # needs migrating
    journal = sample_path.with_name(sample_path.name + "-journal")
    journal.write_bytes(b"")
    assert read_report(sample_path, "2018-Q2") is None  # an interrupted write to roll back
    journal.unlink()
    foreign = tmp_path / "khac.db"
    sqlite3.connect(foreign).executescript("PRAGMA application_id=1; CREATE TABLE t(x);").close()
    assert read_report(foreign, "2018-Q2") is None


def test_snapshot_does_not_change_the_file(sample_path):
    before = sample_path.read_bytes()
    assert read_report(sample_path, "2018-Q2") is not None
    assert sample_path.read_bytes() == before
    assert not sample_path.with_name(sample_path.name + "-journal").exists()


def test_the_export_command_does_not_import_sqlalchemy(sample_path, tmp_path):
    code = ("import sys, main; "
            f"rc = main.main(['export', {str(sample_path)!r}, '--report', '2018-Q2', '--to', "
            f"{str(tmp_path / 'bc.pdf')!r}]); "
            "print(rc, 'sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("0 False")
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")


def test_library_snapshot_matches_the_library(sample_library, sample_path):
    q2 = sample_library.find_report("2018-Q2").id
    sample_library.set_typed(q2, {"dvc_tong": "5"})  # problems to compare, and a newer revision
    snapshot = read_library(sample_path)
    assert snapshot is not None and snapshot.path == sample_path
    assert list(snapshot.reports) == sample_library.reports()  # the same descriptions, in the same order
    chosen = snapshot.chosen
    assert chosen is not None and chosen.id == report_to_open(sample_library.reports()).id == q2
    assert chosen.report(q2) == sample_library.report(q2)
    assert chosen.values(q2) == sample_library.values(q2)
    assert chosen.check_context(q2) == sample_library.check_context(q2)
    assert chosen.check(q2) == sample_library.check(q2) != []


def test_library_snapshot_opens_on_the_last_report_when_every_one_is_issued(sample_library, sample_path):
    for info in sample_library.reports():
        sample_library.set_status(info.id, "issued")
    snapshot = read_library(sample_path)
    assert snapshot.chosen.id == sample_library.find_report("2018-Q2").id
    assert snapshot.chosen.report(snapshot.chosen.id).is_issued


def test_library_snapshot_of_an_empty_library(tmp_path):
    from model.library.library import Library

    Library.create(tmp_path / "trong.db").close()
    snapshot = read_library(tmp_path / "trong.db")
    assert snapshot is not None and snapshot.reports == () and snapshot.chosen is None


def test_library_snapshot_steps_aside_for_what_library_must_handle(sample_path, tmp_path):
    older = tmp_path / "v1.db"
    shutil.copy(FIXTURES / "library_v1.db", older)
    assert read_library(older) is None  # needs migrating
    not_sqlite = tmp_path / "hong.db"
    not_sqlite.write_bytes(b"not a database at all" * 100)
    assert read_library(not_sqlite) is None
    assert read_library(tmp_path / "khong-co.db") is None
    journal = sample_path.with_name(sample_path.name + "-journal")
    journal.write_bytes(b"")
    assert read_library(sample_path) is None
