"""A library on a PostgreSQL server: the commands, two clerks at once, who may see what, issued reports."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from model.errors import LibraryError, ServerUnavailable, StaleReport
from model.library.library import Library
from model.library.sample import write_sample
from model.library.storage import SCHEMA_VERSION
from model.server.copying import upload
from tests.engines import library_state
from tests.exchange_support import PROVINCE, province_with_districts, run_cli


@pytest.fixture
def server_url(pg_server) -> str:
    """An empty database on the test server (no library yet)."""
    return pg_server.new_database()


def test_every_command_works_on_a_server_url(server_url: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "list", server_url)
    assert code == 2 and "chưa có thư viện" in err and "server-init" in err
    assert run_cli(capsys, "server-init", server_url)[0] == 0
    code, _, err = run_cli(capsys, "server-init", server_url)
    assert code == 2 and "đã có thư viện" in err
    sample = tmp_path / "mau.db"
    write_sample(sample).close()
    code, out, _ = run_cli(capsys, "server-copy", sample, server_url)
    assert code == 0 and "thêm 2" in out
    code, out, _ = run_cli(capsys, "list", server_url)
    assert code == 0 and "2018-Q1\tđã ban hành" in out and "2018-Q2\tdự thảo" in out
    assert run_cli(capsys, "set", server_url, "--report", "2018-Q2", "dvc_tong=1.973")[1] == "dvc_tong = 1.973\n"
    code, out, _ = run_cli(capsys, "check", server_url, "--report", "2018-Q2")
    assert code == 1 and "1.973" in out
    assert run_cli(capsys, "set", server_url, "--report", "2018-Q2", "dvc_tong=1.972")[0] == 0
    assert run_cli(capsys, "export", server_url, "--report", "2018-Q2", "--to", tmp_path / "q2.docx")[0] == 0
    assert (tmp_path / "q2.docx").stat().st_size > 10_000
    offline = tmp_path / "mang-ve.db"
    code, out, _ = run_cli(capsys, "server-copy", server_url, offline)
    assert code == 0 and "2 báo cáo" in out
    assert run_cli(capsys, "fields", offline, "--report", "2018-Q2", "--json")[1] == \
        run_cli(capsys, "fields", server_url, "--report", "2018-Q2", "--json")[1]


def test_upload_refuses_a_bad_file_and_changes_nothing(sample_url: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = library_state(sample_url)
    fake = tmp_path / "gia.db"
    fake.write_bytes(b"PK\x03\x04 not a library")
    code, _, err = run_cli(capsys, "server-copy", fake, sample_url)
    assert code == 2 and "TỪ CHỐI" in err and "không phải tệp dữ liệu SQLite" in err.replace("Không", "không")
    assert library_state(sample_url) == before


def test_server_errors_are_one_vietnamese_line(pg_server, server_url: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    missing = server_url.replace("/t_", "/khong_co_")
    code, _, err = run_cli(capsys, "list", missing)
    assert code == 2 and "không có cơ sở dữ liệu" in err and err.count("\n") == 1
    code, _, err = run_cli(capsys, "list", server_url.replace("postgres@", "nguoi_la@"))
    assert code == 2 and "không có tài khoản “nguoi_la”" in err
    code, _, err = run_cli(capsys, "list", "postgresql://")
    assert code == 2 and "không đúng dạng" in err
    code, _, err = run_cli(capsys, "sample", server_url)
    assert code == 2 and "server-copy" in err and not Path("postgresql:").exists()


def test_the_file_migrations_upgrade_an_older_server_library_in_place(sample_url: str) -> None:
    admin = create_engine(sample_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with admin.begin() as conn:  # the library as schema 1 left it: no consolidation nor template tables
            conn.execute(text("DROP TABLE consolidation_figures, consolidation_sources, templates, return_comments, "
                              "report_events, deadlines"))
            conn.execute(text("ALTER TABLE reports DROP COLUMN period_kind"))
            conn.execute(text("ALTER TABLE organizations DROP COLUMN level, DROP COLUMN code"))
            conn.execute(text("UPDATE soanbaocao_library SET schema_version = 1"))
        with Library.open(sample_url) as library:
            q2 = library.find_report("2018-Q2").id
            assert library.values(q2)["dvc_tong"] == 1972 and library.appendix(q2) is None
        with admin.connect() as conn:
            assert conn.execute(text("SELECT schema_version FROM soanbaocao_library")).scalar() == SCHEMA_VERSION
            secured = set(conn.execute(text("SELECT tablename FROM pg_policies")).scalars())
            assert {"consolidation_sources", "consolidation_figures", "field_values", "reports", "report_events",
                    "return_comments"} <= secured
            assert conn.execute(text("SELECT count(*) FROM templates")).scalar() == 1  # the template its reports use
            assert conn.execute(text("SELECT level FROM organizations")).scalars().all() == ["tinh"]  # from its name
    finally:
        admin.dispose()


# ---------------------------------------------------------------- two clerks at once
def test_an_edit_on_a_stale_revision_is_refused_naming_who_changed_what(sample_url: str) -> None:
    with Library.open(sample_url) as first, Library.open(sample_url) as second:
        q2 = first.find_report("2018-Q2").id
        shown = first.report(q2).revision  # both clerks opened the report at this revision
        assert second.report(q2).revision == shown
        second.edit(q2, {"dvc_tong": 2000, "dvc_muc_3": 400}, shown)
        with pytest.raises(StaleReport) as refused:
            first.edit(q2, {"dvc_tong": 1500}, shown)
        message = str(refused.value)
        assert "postgres" in message and "Tổng số dịch vụ công trực tuyến" in message
        assert "Dịch vụ công mức 3" in message and "tải lại" in message
        assert first.values(q2)["dvc_tong"] == 2000  # nothing lost: the other clerk's edit stands
        reloaded = first.report(q2).revision
        assert first.edit(q2, {"dvc_tong": 1500}, reloaded).revision == reloaded + 1


def test_a_stale_edit_is_refused_on_a_file_too(sample_path: Path) -> None:
    with Library.open(sample_path) as first, Library.open(sample_path) as second:
        q2 = first.find_report("2018-Q2").id
        shown = first.report(q2).revision
        second.edit(q2, {"dvc_tong": 2000}, shown)
        with pytest.raises(StaleReport, match="cửa sổ hoặc máy khác"):
            first.edit(q2, {"dvc_tong": 1500}, shown)
        assert first.values(q2)["dvc_tong"] == 2000


def _wait_until_an_edit_waits_for_a_lock(engine, timeout: float = 10) -> None:
    """Until PostgreSQL shows a session waiting for a lock (a fixed sleep would pass before the edit even began)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if connection.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted")):
                return
        time.sleep(0.05)
    raise AssertionError("the second edit of quý I never reached the lock")


def test_clerks_editing_different_reports_never_wait_for_each_other(sample_url: str) -> None:
    with Library.open(sample_url) as first, Library.open(sample_url) as second:
        q1, q2 = first.find_report("2018-Q1").id, first.find_report("2018-Q2").id
        first.set_status(q1, "draft")
        engine = create_engine(sample_url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            with engine.begin() as held:  # a long edit of quý I holds its row locked
                held.execute(text("SELECT 1 FROM reports WHERE id = :id FOR UPDATE"), {"id": q1})
                done = threading.Event()
                worker = threading.Thread(target=lambda: (second.set_values(q2, {"dvc_tong": 7}), done.set()))
                worker.start()
                worker.join(10)
                assert done.is_set(), "an edit of quý II waited for the lock on quý I"
                blocked = threading.Event()
                same = threading.Thread(target=lambda: (second.set_values(q1, {"dvc_tong": 8}), blocked.set()))
                same.start()
                _wait_until_an_edit_waits_for_a_lock(engine)
                assert not blocked.is_set(), "two edits of one report must be applied one after the other"
            same.join(10)
            assert blocked.is_set()
        finally:
            engine.dispose()
        assert first.values(q2)["dvc_tong"] == 7 and first.values(q1)["dvc_tong"] == 8


def test_an_issued_report_is_read_only_in_the_database_itself(sample_url: str) -> None:
    with Library.open(sample_url) as library:
        q1 = library.find_report("2018-Q1").id
        assert library.report(q1).is_issued
        with pytest.raises(LibraryError, match="đã ban hành"):
            library.set_values(q1, {"dvc_tong": 1})
        with library.session() as session, pytest.raises(LibraryError, match="đã ban hành"):
            session.execute(text("UPDATE field_values SET int_value = 1 WHERE report_id = :id"), {"id": q1})
        with library.session() as session, pytest.raises(LibraryError, match="đã ban hành"):
            session.execute(text("UPDATE reports SET year = 2019 WHERE id = :id"), {"id": q1})
        library.set_status(q1, "draft")  # reopening is the one change an issued report takes
        library.set_values(q1, {"dvc_tong": 1})
        library.set_status(q1, "issued")
        library.delete_report(q1)  # deleting the whole report stays possible, as with a file
        assert [r.period.text for r in library.reports()] == ["quý II năm 2018"]


# ---------------------------------------------------------------- who may do what
@pytest.fixture
def province_on_server(pg_server, server_url: str, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """The province library (three districts' reports of quý II) on the server; office name → report id."""
    library, _, reports = province_with_districts(tmp_path / "tinh.db")
    names = {r.organization_name: r.id for r in library.reports()}
    library.close()
    assert len(reports) == 3
    with Library.init_server(server_url) as server:
        assert upload(tmp_path / "tinh.db", server).written == 3
    return server_url, names


def _role(pg_server, prefix: str) -> str:
    role = f"{prefix}_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f'CREATE ROLE "{role}" LOGIN')
    return role


def test_a_district_clerk_sees_and_edits_only_their_offices_reports(pg_server, province_on_server,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    url, reports = province_on_server
    an_minh, vinh_thuan = reports["Ủy ban nhân dân huyện An Minh"], reports["Ủy ban nhân dân huyện Vĩnh Thuận"]
    district, province, stranger = _role(pg_server, "huyen"), _role(pg_server, "tinh"), _role(pg_server, "la")
    assert run_cli(capsys, "server-grant", url, "--role", district, "--office", "Ủy ban nhân dân huyện An Minh")[0] == 0
    assert run_cli(capsys, "server-grant", url, "--role", province, "--office", PROVINCE)[0] == 0
    run_cli(capsys, "server-grant", url, "--role", stranger, "--office", "Không có")  # refused: no such office

    as_district = url.replace("postgres@", f"{district}@")
    with Library.open(as_district) as library:
        assert [r.id for r in library.reports()] == [an_minh]
        library.set_values(an_minh, {"dvc_tong": 121})
        with pytest.raises(LibraryError, match="Không có báo cáo"):
            library.values(vinh_thuan)
        with library.session() as session:  # the same refusal whatever SQL the clerk sends
            assert session.execute(text("SELECT count(*) FROM field_values WHERE report_id = :id"),
                                   {"id": vinh_thuan}).scalar() == 0
            assert session.execute(text("SELECT count(*) FROM reports")).scalar() == 1
            changed = session.execute(text("UPDATE field_values SET int_value = 0 WHERE report_id = :id"),
                                      {"id": vinh_thuan})
            assert changed.rowcount == 0
            renamed = session.execute(text("UPDATE organizations SET name = 'x' WHERE name = :name"),
                                      {"name": PROVINCE})
            assert renamed.rowcount == 0  # the province's profile is not the district's to change
        other_office = next(o.id for o in library.organizations() if "Vĩnh Thuận" in o.name)
        with pytest.raises(LibraryError, match="không có quyền"):
            library.create_report(other_office, library.report(an_minh).period.previous())
    with Library.open(url.replace("postgres@", f"{province}@")) as library:
        assert {r.id for r in library.reports()} == set(reports.values())
        assert library.values(an_minh)["dvc_tong"] == 121
    with pytest.raises(LibraryError, match="không có quyền"):  # a role granted nothing is refused at the door
        Library.open(url.replace("postgres@", f"{stranger}@"))


# ---------------------------------------------------------------- the server going away
def test_an_edit_while_the_server_is_away_is_refused_and_applied_once_it_is_back(private_server,
                                                                                 tmp_path: Path) -> None:
    sample = tmp_path / "mau.db"
    write_sample(sample).close()
    url = private_server.new_database()
    with Library.init_server(url) as library:
        upload(sample, library)
        q2 = library.find_report("2018-Q2").id
        shown = library.report(q2).revision
        private_server.stop()
        with pytest.raises(ServerUnavailable, match="Không kết nối được tới máy chủ"):
            library.edit(q2, {"dvc_muc_3": 700}, shown)
        private_server.start()
        assert library.edit(q2, {"dvc_muc_3": 700}, shown).revision == shown + 1  # the pool reconnects by itself
        assert library.values(q2)["dvc_muc_3"] == 700


def test_offices_and_reports_are_managed_on_a_server_too(server_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "server-init", server_url)[0] == 0
    code, out, _ = run_cli(capsys, "office", "add", server_url, "--name", "Ủy ban nhân dân huyện An Minh",
                           "--place", "An Minh")
    assert code == 0 and "Đã thêm cơ quan" in out and "Đã tạo thư viện" not in out
    assert run_cli(capsys, "report", "new", server_url, "--office", "Ủy ban nhân dân huyện An Minh",
                   "--period", "2018-Q3")[0] == 0
    assert "2018-Q3\tdự thảo" in run_cli(capsys, "list", server_url)[1]


def test_server_rows_typed_input_would_refuse_never_reach_a_copy(sample_url: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    admin = create_engine(sample_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with admin.begin() as conn:
            conn.execute(text("UPDATE field_values SET int_value = -5 WHERE key = 'dvc_tong' "
                              "AND report_id IN (SELECT id FROM reports WHERE status = 'draft')"))
    finally:
        admin.dispose()
    offline = tmp_path / "mang-ve.db"
    code, _, err = run_cli(capsys, "server-copy", sample_url, offline)
    assert code == 2 and "không đạt kiểm tra" in err and err.count("\n") == 1
    assert not offline.exists()
