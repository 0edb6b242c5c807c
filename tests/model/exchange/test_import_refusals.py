"""Every kind of bad file is refused with a Vietnamese reason, exit status 2, and the library's bytes unchanged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from model.exchange.dbimport import import_files
from model.library.library import Library
from model.library.storage import SCHEMA_VERSION
from tests.exchange_support import exported_district_file, run_cli


def _sql(*statements: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.close()
    return mutate


def _not_sqlite(path: Path) -> None:
    path.write_text("Báo cáo quý II năm 2018\nđây là tệp văn bản bị đổi đuôi thành .db\n", encoding="utf-8")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _too_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # scribble over every page but the header page
        data[start + 8: start + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))


def _other_application(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Nguyễn Văn A', '0912')")
    conn.commit()
    conn.close()


def _our_tables_other_stamp(path: Path) -> None:
    _sql("PRAGMA application_id=0")(path)


REFUSALS: dict[str, tuple[Callable[[Path], None], str]] = {
    "not_sqlite": (_not_sqlite, "Không phải tệp dữ liệu SQLite"),
    "too_short": (_too_short, "Tệp bị cắt cụt"),
    "truncated": (_truncated, "bị hỏng hoặc bị cắt cụt"),
    "corrupt": (_corrupt, "bị hỏng"),
    "other_application": (_other_application, "tệp SQLite của phần mềm khác"),
    "other_application_same_tables": (_our_tables_other_stamp, "tệp SQLite của phần mềm khác"),
    "newer_schema": (_sql(f"PRAGMA user_version={SCHEMA_VERSION + 1}"), "phiên bản Soạn báo cáo mới hơn"),
    "unknown_schema_version": (_sql("PRAGMA user_version=0"), "không phải phiên bản nào của Soạn báo cáo"),
    "trigger": (_sql("CREATE TRIGGER xoa AFTER INSERT ON organizations BEGIN DELETE FROM reports; END"),
                "Tệp có trigger (lệnh tự chạy) “xoa”"),
    "view": (_sql("CREATE VIEW reports_view AS SELECT * FROM reports"), "Tệp có view “reports_view”"),
    "unknown_table": (_sql("CREATE TABLE ghi_chu (x TEXT)"), "Tệp có bảng lạ “ghi_chu”"),
    "missing_table": (_sql("DROP TABLE consolidation_figures"), "Tệp thiếu bảng “consolidation_figures”"),
    "unknown_index": (_sql("CREATE INDEX ix_la ON field_values (int_value)"), "Tệp có chỉ mục lạ “ix_la”"),
    "extra_column": (_sql("ALTER TABLE reports ADD COLUMN ghi_chu TEXT"), "Bảng “reports” trong tệp có cấu trúc lạ"),
    "negative_count": (_sql("UPDATE field_values SET int_value = -5 WHERE key = 'dvc_tong'"),
                       "Tổng số dịch vụ công trực tuyến: số liệu không được nhỏ hơn 0."),
    "percent_above_100": (_sql("UPDATE field_values SET int_value = 140 WHERE key = 'mot_cua_huyen_ty_le'"),
                          "tỷ lệ không được lớn hơn 100%"),
    "text_in_a_count": (_sql("UPDATE field_values SET int_value = NULL, text_value = '120' WHERE key = 'dvc_tong'"),
                        "“Tổng số dịch vụ công trực tuyến”: phải là số"),
    "control_characters": (_sql("UPDATE field_values SET text_value = 'Ổn định' || char(7) || char(27) "
                                "WHERE key = 'mot_cua_tinh_hinh'"), "có ký tự điều khiển"),
    "control_characters_in_office": (_sql("UPDATE organizations SET name = name || char(0)"), "có ký tự điều khiển"),
    "invalid_utf8": (_sql("UPDATE field_values SET text_value = CAST(X'C328' AS TEXT) WHERE key = 'mot_cua_tinh_hinh'"),
                     "chữ sai mã (không phải chữ Unicode UTF-8)"),
    "unknown_template": (_sql("UPDATE reports SET template_key = 'nq17_nam'"),
                         "dùng mẫu báo cáo “nq17_nam” phiên bản 1 mà tệp không kèm theo"),
    "newer_template_version": (_sql("UPDATE reports SET template_version = 9"),
                               "dùng mẫu báo cáo “nq36a_quy” phiên bản 9 mà tệp không kèm theo"),
    "unknown_field": (_sql("INSERT INTO field_values (report_id, key, int_value) SELECT id, 'dvc_muc_5', 3 "
                           "FROM reports"), "có trường lạ “dvc_muc_5”"),
    "bad_date": (_sql("INSERT INTO field_values (report_id, key, text_value) SELECT id, 'ngay_ban_hanh', "
                      "'31/02/2018' FROM reports"), "Ngày ban hành"),
    "bad_quarter": (_sql("UPDATE reports SET quarter = 5"), "quý: giá trị 5 không hợp lệ"),
    "bad_report_id": (_sql("PRAGMA foreign_keys=OFF", "UPDATE field_values SET report_id = 'x' || report_id",
                           "UPDATE reports SET id = 'x' || id"), "có mã không hợp lệ"),
    "bad_status": (_sql("UPDATE reports SET status = 'published'"), "trạng thái “published” không hợp lệ"),
    "orphan_values": (_sql("INSERT INTO field_values (report_id, key, int_value) VALUES "
                           "('0b5e7f7e-8d1e-4d0c-9a59-2f0b7c1d3e4f', 'dvc_tong', 1)"),
                      "số liệu của một báo cáo không có trong tệp"),
    "missing_parent_office": (_sql("UPDATE organizations SET parent_id = '0b5e7f7e-8d1e-4d0c-9a59-2f0b7c1d3e4f'"),
                              "cơ quan cấp trên không có trong tệp"),
}


@pytest.fixture
def library_path(sample_path: Path) -> Path:
    """The receiving library: the sample (two reports of Kiên Giang)."""
    return sample_path


@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_bad_file_is_refused_and_the_library_is_unchanged(kind: str, tmp_path: Path, library_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    mutate, expected = REFUSALS[kind]
    bad = exported_district_file(tmp_path)
    mutate(bad)
    before = library_path.read_bytes()

    code, out, err = run_cli(capsys, "import", library_path, bad)

    assert code == 2
    assert f"{bad.name}: TỪ CHỐI" in err
    assert expected in err
    assert "Traceback" not in out + err
    assert library_path.read_bytes() == before
    assert not library_path.with_name(library_path.name + "-journal").exists()


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path, library_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    before = library_path.read_bytes()
    code, _, err = run_cli(capsys, "import", library_path, tmp_path / "khong-co.db", tmp_path)
    assert code == 2
    assert "khong-co.db: TỪ CHỐI — Không tìm thấy tệp." in err
    assert "không phải tệp .db" in err
    assert library_path.read_bytes() == before


def test_refused_file_beside_good_ones_changes_nothing_of_its_own(tmp_path: Path, library_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    good = exported_district_file(tmp_path, "An Minh")
    bad = exported_district_file(tmp_path, "Vĩnh Thuận")
    _sql("UPDATE field_values SET int_value = -1 WHERE key = 'dvc_tong'")(bad)

    code, out, err = run_cli(capsys, "import", library_path, good, bad)

    assert code == 2
    assert "thêm 1, cập nhật 0, bỏ qua 0" in out
    assert "TỪ CHỐI" in err and "Vĩnh Thuận" in err
    with Library.open(library_path) as library:
        offices = {r.organization_name for r in library.reports()}
    assert "Ủy ban nhân dân huyện An Minh" in offices
    assert "Ủy ban nhân dân huyện Vĩnh Thuận" not in offices


def test_refused_file_into_a_new_library_leaves_no_library_behind(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = exported_district_file(tmp_path)
    _not_sqlite(bad)
    target = tmp_path / "moi.db"
    code, _, _ = run_cli(capsys, "import", target, bad)
    assert code == 2
    assert not target.exists()


def test_the_file_itself_is_never_modified(tmp_path: Path, library_path: Path) -> None:
    received = exported_district_file(tmp_path)
    _sql("PRAGMA user_version=1", "DROP TABLE consolidation_figures", "DROP TABLE consolidation_sources",
         "DROP TABLE templates", "ALTER TABLE reports DROP COLUMN period_kind", "DROP TABLE return_comments",
         "DROP TABLE report_events", "DROP TABLE deadlines", "ALTER TABLE organizations DROP COLUMN level",
         "ALTER TABLE organizations DROP COLUMN code")(received)
    before = received.read_bytes()
    with Library.open(library_path) as library:
        result = import_files(library, [received])
    assert result.files[0].refused is None and result.written == 1  # an older file is migrated in a copy
    assert received.read_bytes() == before
    assert sorted(p.name for p in received.parent.iterdir()) == ["gui-tinh.db", "thu-vien.db"]
