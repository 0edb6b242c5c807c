"""A clerk attacking the server library with their own SQL (psycopg, as psql would): every attack fails, and
where it reaches our code the clerk reads one Vietnamese line (model.server.security)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from model.errors import LibraryError
from model.library.library import Library
from model.report.shipped import shipped_template_text
from model.report.template_source import template_sha256
from model.server.copying import upload
from model.server.security import clerk_group
from tests.exchange_support import PROVINCE, province_with_districts, run_cli

AN_MINH = "Ủy ban nhân dân huyện An Minh"
VINH_THUAN = "Ủy ban nhân dân huyện Vĩnh Thuận"


def _database(url: str) -> str:
    return url.split("/", 3)[3].split("?", 1)[0]


def _role(pg_server, prefix: str) -> str:
    role = f"{prefix}_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f'CREATE ROLE "{role}" LOGIN')
    return role


class Province:
    """The province library on the server (three districts' reports of quý II, An Minh's issued) and a clerk of
    An Minh."""

    def __init__(self, pg_server, url: str, reports: dict[str, str], clerk: str) -> None:
        self.pg_server, self.url, self.reports, self.clerk = pg_server, url, reports, clerk
        self.clerk_url = url.replace("postgres@", f"{clerk}@")

    def sql(self, role: str | None = None, database: str | None = None) -> psycopg.Connection:
        """A psycopg connection as ``role`` (the clerk by default): what psql would give them."""
        return psycopg.connect(host=str(self.pg_server.socket_dir), port=self.pg_server.port,
                               user=role or self.clerk, dbname=database or _database(self.url))

    def office(self, name: str) -> str:
        with Library.open(self.url) as library:
            return next(o.id for o in library.organizations() if o.name == name)


@pytest.fixture
def province(pg_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Province]:
    url = pg_server.new_database()
    library, _, _ = province_with_districts(tmp_path / "tinh.db")
    names = {r.organization_name: r.id for r in library.reports()}
    library.close()
    with Library.init_server(url) as server:
        upload(tmp_path / "tinh.db", server)
        server.set_status(names[AN_MINH], "issued")
    clerk = _role(pg_server, "huyen")
    assert run_cli(capsys, "server-grant", url, "--role", clerk, "--office", AN_MINH)[0] == 0
    yield Province(pg_server, url, names, clerk)


def _refused(conn: psycopg.Connection, sql: str, params: tuple = ()) -> str:
    """Run ``sql`` in its own transaction, which must fail; its SQLSTATE. Nothing is kept."""
    with pytest.raises(psycopg.Error) as failure, conn.transaction():
        conn.execute(sql, params)
    return failure.value.sqlstate or ""


def _values(province: Province, report: str) -> dict[str, int]:
    with province.sql("postgres") as conn:
        return dict(conn.execute("SELECT key, int_value FROM field_values WHERE report_id = %s "
                                 "AND int_value IS NOT NULL", (report,)).fetchall())


# ---------------------------------------------------------------- issued reports
def test_a_clerk_cannot_delete_their_issued_report(province: Province, capsys: pytest.CaptureFixture[str]) -> None:
    issued = province.reports[AN_MINH]
    with province.sql() as conn:
        assert _refused(conn, "DELETE FROM reports WHERE id = %s", (issued,)) == "SB002"
        assert _refused(conn, "DELETE FROM field_values WHERE report_id = %s", (issued,)) == "SB001"
    code, _, err = run_cli(capsys, "report", "delete", province.clerk_url, "--report", issued, "--yes")
    assert code == 2 and "Báo cáo đã ban hành không xóa được trên máy chủ" in err and err.count("\n") == 1
    with Library.open(province.clerk_url) as library:
        assert library.report(issued).is_issued


def test_reopen_edit_and_issue_in_one_transaction_is_refused(province: Province) -> None:
    issued = province.reports[AN_MINH]
    before = _values(province, issued)
    reopen = "UPDATE reports SET status = 'draft', revision = revision + 1 WHERE id = %s"
    edit = "UPDATE field_values SET int_value = 999 WHERE report_id = %s AND key = 'dvc_tong'"
    issue = "UPDATE reports SET status = 'issued', revision = revision + 1 WHERE id = %s"
    with province.sql() as conn:
        with pytest.raises(psycopg.Error) as failure, conn.transaction():
            conn.execute(reopen, (issued,))
            conn.execute(edit, (issued,))
            conn.execute(issue, (issued,))
        assert failure.value.sqlstate == "SB003"
        with pytest.raises(psycopg.Error) as failure, conn.transaction():  # the reopening hidden in a savepoint
            with conn.transaction():
                conn.execute(reopen, (issued,))
            conn.execute(edit, (issued,))
            conn.execute(issue, (issued,))
        assert failure.value.sqlstate == "SB003"
        # an issued report changes in no other way: not its row, not by a reopening that changes the row too
        assert _refused(conn, "UPDATE reports SET year = 2019 WHERE id = %s", (issued,)) == "SB001"
        assert _refused(conn, "UPDATE reports SET status = 'draft' WHERE id = %s", (issued,)) == "SB001"
        assert _refused(conn, "UPDATE reports SET status = 'draft', revision = revision + 1, quarter = 3 "
                              "WHERE id = %s", (issued,)) == "SB001"
        assert _refused(conn, edit, (issued,)) == "SB001"
    assert _values(province, issued) == before
    with Library.open(province.clerk_url) as library:  # what our code shows for the same attempt
        assert library.report(issued).is_issued
        with pytest.raises(LibraryError, match="vừa được mở lại trong cùng giao dịch"), \
                library.session() as session, session.begin():
            session.execute(text(reopen.replace("%s", ":id")), {"id": issued})
            session.execute(text(issue.replace("%s", ":id")), {"id": issued})
        library.set_status(issued, "draft")  # reopening on its own stays possible, and is recorded
        library.set_values(issued, {"dvc_tong": 5})
        library.set_status(issued, "issued")
    with province.sql("postgres") as conn:
        assert conn.execute("SELECT reopened_by FROM report_reopenings WHERE report_id = %s",
                            (issued,)).fetchall() == [(province.clerk,)]


# ---------------------------------------------------------------- the edit log
def test_edit_log_rows_carry_the_sessions_own_role(province: Province, pg_server) -> None:
    draft = province.reports[AN_MINH]
    with Library.open(province.url) as library:
        library.set_status(draft, "draft")
    other = _role(pg_server, "nguoi_khac")
    with province.sql() as conn:
        with conn.transaction():
            conn.execute("INSERT INTO report_edits (report_id, revision, editor, changed_at, fields) "
                         "VALUES (%s, 999, %s, '2000-01-01', 'dvc_tong')", (draft, other))
        assert conn.execute("SELECT editor, changed_at > '2020-01-01' FROM report_edits WHERE revision = 999"
                            ).fetchone() == (province.clerk, True)
        assert _refused(conn, "UPDATE report_edits SET editor = %s", (other,)) == "42501"
        assert _refused(conn, "DELETE FROM report_edits") == "42501"


# ---------------------------------------------------------------- offices
def test_a_clerk_adds_offices_only_under_their_own(province: Province, capsys: pytest.CaptureFixture[str]) -> None:
    vinh_thuan, an_minh = province.office(VINH_THUAN), province.office(AN_MINH)
    add = ("INSERT INTO organizations (id, name, header_name, parent_header, place, symbol_suffix, parent_id, "
           "updated_at) VALUES (%s, 'Xã lạ', 'XÃ LẠ', '', 'Kiên Giang', 'UBND', %s, '2024-01-01')")
    with province.sql() as conn:
        assert _refused(conn, add, (str(uuid.uuid4()), vinh_thuan)) == "42501"
        assert _refused(conn, add, (str(uuid.uuid4()), None)) == "42501"
        assert _refused(conn, "UPDATE organizations SET parent_id = %s WHERE id = %s", (vinh_thuan, an_minh)) \
            == "SB004"
        with conn.transaction():
            conn.execute(add, (str(uuid.uuid4()), an_minh))  # a commune under the clerk's own district
    code, _, err = run_cli(capsys, "office", "add", province.clerk_url, "--name", "Ủy ban nhân dân xã Giả",
                           "--place", "Kiên Giang", "--parent", VINH_THUAN)
    assert code == 2 and "chỉ thêm được cơ quan trực thuộc cơ quan mình được cấp quyền" in err
    with Library.open(province.url) as library:
        under = {o.name for o in library.organizations() if o.parent_id == vinh_thuan}
        assert under == set()


# ---------------------------------------------------------------- templates
def test_only_the_administrator_adds_templates_for_new_reports(province: Province, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    planted = shipped_template_text("nq36a_quy").replace("version = 1", "version = 2", 1).replace(
        "(mức độ 3 và 4).\"", "(mức độ 3 và 4). Câu cài cắm.\"", 1)
    add = 'INSERT INTO templates ("key", version, toml_text, sha256, origin) VALUES (%s, %s, %s, %s, %s)'
    with province.sql() as conn:
        for origin in ("added", "shipped", "accepted"):
            assert _refused(conn, add, ("nq36a_quy", 2, planted, template_sha256(planted), origin)) == "42501"
        assert _refused(conn, "UPDATE templates SET toml_text = %s", (planted,)) == "42501"
        assert _refused(conn, "DELETE FROM templates") == "42501"
        with conn.transaction():  # what an import of another office's report stores: for that report only
            conn.execute(add, ("nq36a_quy", 2, planted, template_sha256(planted), "received"))
            nested = 'key = "nq36a_quy"\nversion = 3\nx = ' + "[" * 600 + "]" * 600 + "\n"
            conn.execute(add, ("nq36a_quy", 3, nested, template_sha256(nested), "received"))
    file = tmp_path / "v2.toml"
    file.write_text(planted.replace("version = 2", "version = 4", 1), encoding="utf-8")
    code, _, err = run_cli(capsys, "template", "add", province.clerk_url, file)
    assert code == 2 and "chỉ quản trị viên (tài khoản đã chạy server-init) thêm được mẫu" in err

    province_clerk = _role(province.pg_server, "tinh")  # another clerk, another office
    assert run_cli(capsys, "server-grant", province.url, "--role", province_clerk, "--office", PROVINCE)[0] == 0
    other_url = province.url.replace("postgres@", f"{province_clerk}@")
    code, out, err = run_cli(capsys, "template", "list", other_url)
    assert code == 2 and "nq36a_quy\t1\t" in out and "Bỏ qua mẫu “nq36a_quy” phiên bản 3" in err
    code, _, err = run_cli(capsys, "report", "new", other_url, "--office", PROVINCE, "--period", "2018-Q3")
    assert code == 0, err
    with Library.open(other_url) as library:
        assert library.find_report("2018-Q3").template_version == 1


# ---------------------------------------------------------------- one library, one group
def test_a_grant_in_one_library_gives_nothing_in_another(province: Province, pg_server) -> None:
    second = pg_server.new_database()
    Library.init_server(second).close()
    database = _database(second)
    assert clerk_group(database) != clerk_group(_database(province.url))
    with province.sql(database=database) as conn:
        for statement in ("SELECT count(*) FROM organizations", "SELECT count(*) FROM templates",
                          "INSERT INTO organizations (id, name) VALUES ('x', 'Cơ quan lạ')"):
            assert _refused(conn, statement) == "42501"
    with pytest.raises(LibraryError, match="không có quyền"):
        Library.open(second.replace("postgres@", f"{province.clerk}@"))
    with Library.open(province.clerk_url) as library:  # their own library still works
        assert [r.id for r in library.reports()] == [province.reports[AN_MINH]]


def test_a_copied_library_database_keeps_no_grant_of_its_original(pg_server, sample_url: str,
                                                                  pg_sample_database: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    original = clerk_group(pg_sample_database)  # sample_url is a copy (CREATE DATABASE … TEMPLATE)
    clerk = _role(pg_server, "huyen")
    pg_server.execute(f'GRANT "{original}" TO "{clerk}"')  # a clerk of the original library
    assert run_cli(capsys, "server-grant", sample_url, "--role", _role(pg_server, "tinh"), "--office",
                   "Ủy ban nhân dân tỉnh Kiên Giang")[0] == 0
    with pytest.raises(LibraryError, match="không có quyền"):
        Library.open(sample_url.replace("postgres@", f"{clerk}@"))
