"""The library file: round trips, blanks, write-through, self-identification, refusals."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from model.library.library import Library, LibraryError
from model.library.sample import Q1_2018, Q2_2018
from model.library.storage import APPLICATION_ID, SCHEMA_VERSION
from model.vietnamese.period import Period

pytestmark = pytest.mark.both_engines


def _pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_sample_holds_every_value_of_both_reports_after_reopening(sample_path: Path) -> None:
    with Library.open(sample_path) as library:
        q1, q2 = (library.find_report(p) for p in ("2018-Q1", "2018-Q2"))
        assert (q1.status, q2.status) == ("issued", "draft")
        q1_values, q2_values = library.values(q1.id), library.values(q2.id)
    for key, value in Q2_2018.items():
        assert q2_values[key] == value, key
    for key, value in Q1_2018.items():
        assert q1_values[key] == value, key
    assert q2_values["mot_cua_tinh_ty_le"] == 43 and q2_values["mot_cua_huyen_ty_le"] == 70
    assert q2_values["co_quan_ban_hanh"] == "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG"


def test_file_identifies_itself_and_uses_the_rollback_journal(sample_path: Path) -> None:
    assert _pragma(sample_path, "application_id") == APPLICATION_ID
    assert _pragma(sample_path, "user_version") == SCHEMA_VERSION
    assert _pragma(sample_path, "journal_mode") == "delete"
    assert not Path(f"{sample_path}-wal").exists()


def test_edits_are_written_through_and_survive_reopening(sample_path: Path) -> None:
    library = Library.open(sample_path)
    q2 = library.find_report("2018-Q2").id
    library.set_typed(q2, {"dvc_muc_3": "657", "htth_thi_diem": "Thêm 5 điểm cầu <mới> & nâng cấp",
                           "ngay_ban_hanh": "20/06/2018", "nhiem_vu": "- Việc một;\n- Việc hai."})
    # Read with a second, independent connection before closing the first: the edit is already on disk.
    with Library.open(sample_path) as other:
        values = other.values(q2)
    library.close()
    assert values["dvc_muc_3"] == 657
    assert values["htth_thi_diem"] == "Thêm 5 điểm cầu <mới> & nâng cấp"
    assert values["ngay_ban_hanh"] == date(2018, 6, 20)
    assert values["nhiem_vu"] == ("Việc một;", "Việc hai.")


def test_blank_is_not_zero(sample_library: Library, q2_id: str) -> None:
    sample_library.set_typed(q2_id, {"dvc_muc_4": "0", "dvc_ho_so_truc_tuyen": ""})
    values = sample_library.values(q2_id)
    assert values["dvc_muc_4"] == 0
    assert "dvc_ho_so_truc_tuyen" not in values
    assert ("dvc_ho_so_truc_tuyen",) in {p.field_keys for p in sample_library.check(q2_id)}


def test_text_is_stored_nfc_without_control_characters(sample_library: Library, q2_id: str) -> None:
    nfd = unicodedata.normalize("NFD", "Nâng cấp Trung tâm dữ liệu\x07 tỉnh")
    sample_library.set_typed(q2_id, {"ha_tang_tinh_hinh": nfd})
    assert sample_library.values(q2_id)["ha_tang_tinh_hinh"] == "Nâng cấp Trung tâm dữ liệu tỉnh"


def test_ratios_follow_their_counts(sample_library: Library, q2_id: str) -> None:
    sample_library.set_typed(q2_id, {"mot_cua_tinh_dung_han": "1.000"})
    assert sample_library.values(q2_id)["mot_cua_tinh_ty_le"] == 72
    sample_library.set_typed(q2_id, {"mot_cua_tinh_tiep_nhan": ""})
    assert "mot_cua_tinh_ty_le" not in sample_library.values(q2_id)


def test_bad_value_changes_nothing(sample_path: Path) -> None:
    before = sample_path.read_bytes()
    with Library.open(sample_path) as library:
        q2 = library.find_report("2018-Q2").id
        with pytest.raises(LibraryError, match="Dịch vụ công mức 3"):
            library.set_typed(q2, {"dvc_muc_4": "70", "dvc_muc_3": "abc"})
        with pytest.raises(LibraryError, match="không có trường"):
            library.set_typed(q2, {"khong_co": "1"})
        assert library.values(q2)["dvc_muc_4"] == 68
    assert sample_path.read_bytes() == before


def test_issued_report_refuses_edits_until_reopened(sample_library: Library) -> None:
    q1 = sample_library.find_report("2018-Q1").id
    with pytest.raises(LibraryError, match="đã ban hành"):
        sample_library.set_typed(q1, {"dvc_muc_4": "1"})
    sample_library.set_status(q1, "draft")
    sample_library.set_typed(q1, {"dvc_muc_4": "1"})
    assert sample_library.values(q1)["dvc_muc_4"] == 1


def test_next_quarter_carries_texts_signer_and_cumulative_figures(sample_library: Library, q2_id: str) -> None:
    office = sample_library.report(q2_id).organization_id
    q3 = sample_library.create_report(office, Period(2018, 3), carry_from=q2_id)
    values = sample_library.values(q3)
    assert values["nguoi_ky_ho_ten"] == "Mai Văn Huỳnh"
    assert values["noi_nhan"][-1] == "Lưu: VT, ltrtram."
    assert values["dvc_tong"] == 1972 and values["cks_so_chu_ky"] == 78
    assert "mot_cua_tinh_tiep_nhan" not in values  # a flow figure starts blank
    assert "so" not in values and "ngay_ban_hanh" not in values
    assert "quý III năm 2018" in values["trich_yeu"] and "quý III năm 2018" in values["ket_luan"]
    assert sample_library.previous_report(q3).id == q2_id
    with pytest.raises(LibraryError, match="đã có báo cáo quý III năm 2018"):
        sample_library.create_report(office, Period(2018, 3))


def test_blank_report_takes_defaults_and_letterhead(sample_library: Library, q2_id: str) -> None:
    office = sample_library.report(q2_id).organization_id
    values = sample_library.values(sample_library.create_report(office, Period(2019, 1)))
    assert values["ky_hieu"] == "BC-UBND" and values["dia_danh"] == "Kiên Giang"
    assert values["trich_yeu"].endswith("quý I năm 2019")
    assert "dvc_tong" not in values


def test_duplicate_and_delete(sample_library: Library, q2_id: str) -> None:
    copy = sample_library.duplicate_report(q2_id, Period(2018, 4))
    assert sample_library.values(copy)["dvc_tong"] == 1972
    assert "so" not in sample_library.values(copy)
    sample_library.delete_report(copy)
    assert [str(r.period) for r in sample_library.reports()] == ["2018-Q1", "2018-Q2"]


def test_find_report_by_period_and_id_prefix(sample_library: Library, q2_id: str) -> None:
    assert sample_library.find_report(q2_id[:8]).id == q2_id
    with pytest.raises(LibraryError, match="Không có báo cáo quý III năm 2018"):
        sample_library.find_report("2018-Q3")
    with pytest.raises(LibraryError, match="Không tìm thấy báo cáo"):
        sample_library.find_report("zzzz")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "không phải thư viện"),
    (b"hello, not a database at all" * 10, "không phải thư viện"),
])
def test_not_a_library_is_refused_unchanged(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(LibraryError, match=message):
        Library.open(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_and_newer_version_are_refused_unchanged(tmp_path: Path, sample_path: Path) -> None:
    foreign = tmp_path / "khac.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(LibraryError, match="không phải thư viện báo cáo của Soạn báo cáo"):
        Library.open(foreign)
    assert foreign.read_bytes() == before

    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = sample_path.read_bytes()
    with pytest.raises(LibraryError, match="phiên bản Soạn báo cáo mới hơn"):
        Library.open(sample_path)
    assert sample_path.read_bytes() == before


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="Không tìm thấy tệp"):
        Library.open(tmp_path / "khong-co.db")
    assert not (tmp_path / "khong-co.db").exists()
