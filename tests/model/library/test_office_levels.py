"""Offices with a level: migration of today's libraries, the level's variant of a report, one rule for the previous
report, carry-forward of stock figures, the issue date at issuance, editing and merging offices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.errors import LibraryError
from model.exchange.consolidation import consolidate, find_office
from model.library.library import Library
from model.library.sample import OFFICE_NAME
from model.offices.actions import add_office, issue_report, new_report
from model.offices.editing import OfficeChanges, edit_office, merge_offices
from model.offices.identity import fold_name, infer_level
from model.report.template_source import check_template_text
from model.vietnamese.period import Period
from tests.locations import FIXTURES

Q3, Q4 = Period(2018, 3), Period(2018, 4)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_library_of_an_older_schema_gets_levels_after_a_backup(version: int, tmp_path: Path) -> None:
    path = tmp_path / f"library_v{version}.db"
    shutil.copy2(FIXTURES / path.name, path)
    with Library.open(path) as library:
        levels = {o.name: (o.level, o.code) for o in library.organizations()}
    assert (tmp_path / f"library_v{version}.db.v{version}.bak").exists()
    expected = {OFFICE_NAME: ("tinh", "")}
    if version >= 2:  # the fixture's province has two districts under it
        expected |= {"Ủy ban nhân dân huyện An Minh": ("huyen", ""), "Ủy ban nhân dân huyện Vĩnh Thuận": ("huyen", "")}
    assert levels == expected


def test_levels_are_read_from_the_name_when_an_office_has_no_sub_units() -> None:
    assert infer_level("Ủy ban nhân dân tỉnh Kiên Giang", False) == "tinh"
    assert infer_level("UBND thị xã Hà Tiên", False) == infer_level("Ủy ban nhân dân thành phố Rạch Giá", False) == (
        "huyen")
    assert infer_level("Sở Thông tin và Truyền thông", False) == infer_level("Ban Quản lý Khu kinh tế", False) == "so"
    assert infer_level("Ủy ban nhân dân xã Vân Khánh", False) == "xa"
    assert infer_level("Sở Nội vụ", True) == "tinh"  # an office with sub-units is taken as the province


def test_names_fold_case_spaces_unicode_and_the_tone_mark_place() -> None:
    import unicodedata

    assert fold_name("Uỷ ban  nhân dân HUYỆN Hoà Bình") == fold_name(
        unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Hòa Bình"))
    assert fold_name("Hóa") != fold_name("Hòa")
    assert fold_name("UBND huyện An Minh") == fold_name("Ủy ban nhân dân huyện An Minh")


@pytest.fixture
def chain(tmp_path: Path) -> Library:
    library = Library.create(tmp_path / "tinh.db")
    add_office(library, OFFICE_NAME, "Kiên Giang")
    add_office(library, "Ủy ban nhân dân huyện An Minh", "Kiên Giang", parent_ref=OFFICE_NAME)
    add_office(library, "Sở Nội vụ", "Kiên Giang", parent_ref=OFFICE_NAME, symbol="SNV", code="000.00.12.H33")
    yield library
    library.close()


def test_report_new_takes_the_variant_of_the_office_level(chain: Library) -> None:
    kinds = {chain.report(new_report(chain, name, Q3)).template_key
             for name in (OFFICE_NAME, "Ủy ban nhân dân huyện An Minh", "000.00.12.H33")}
    assert kinds == {"nq36a_quy", "nq36a_quy_huyen", "nq36a_quy_so"}
    district = next(r for r in chain.reports() if r.template_key == "nq36a_quy_huyen")
    assert chain.values(district.id)["mo_dau"].endswith("trên địa bàn huyện quý III năm 2018 như sau:")
    assert "mot_cua_tinh_tiep_nhan" not in chain.template_of(district.id).fields  # no province-only figure


def test_the_previous_report_is_the_same_kind_and_stock_figures_are_carried(chain: Library) -> None:
    q3 = new_report(chain, "Sở Nội vụ", Q3)
    chain.set_values(q3, {"dvc_muc_1_2": 60, "dvc_muc_3": 30, "dvc_tong": 95, "dvc_ho_so_truc_tuyen": 12,
                          "nguoi_ky_ho_ten": "Nguyễn Văn A"})
    other_kind = chain.create_report(find_office(chain, "Sở Nội vụ").id, Q3, template_key="nq36a_quy")
    chain.set_values(other_kind, {"nguoi_ky_ho_ten": "Người của mẫu khác"})  # newer, another kind: never carried
    q4 = new_report(chain, "Sở Nội vụ", Q4, carry_forward=True)
    assert chain.previous_report(q4).id == q3
    values = chain.values(q4)
    assert values["dvc_muc_1_2"] == 60 and values["dvc_tong"] == 95  # over_time last and cumulative
    assert "dvc_ho_so_truc_tuyen" not in values  # a flow starts blank
    assert values["nguoi_ky_ho_ten"] == "Nguyễn Văn A"


def test_a_blank_issue_date_is_a_warning_on_a_draft_and_an_error_when_issuing(chain: Library) -> None:
    report = new_report(chain, OFFICE_NAME, Q3)
    dated = [p for p in chain.check(report) if "ngay_ban_hanh" in p.field_keys]
    assert [p.severity for p in dated] == ["warning"] and "khi ban hành" in dated[0].message
    assert [p.severity for p in chain.check(report, issuing=True) if "ngay_ban_hanh" in p.field_keys] == ["error"]
    with pytest.raises(LibraryError, match="lỗi nên chưa đánh dấu ban hành"):
        issue_report(chain, report)


def test_a_consolidated_draft_takes_signer_recipients_and_tasks_from_the_office_previous_report(
        chain: Library) -> None:
    own_q2 = new_report(chain, OFFICE_NAME, Period(2018, 2))
    chain.set_values(own_q2, {"nguoi_ky_ho_ten": "Mai Văn Huỳnh", "noi_nhan": ["Văn phòng Chính phủ;", "Lưu: VT."],
                              "nhiem_vu": ["Triển khai một cửa điện tử cấp xã."]})
    unit = new_report(chain, "Ủy ban nhân dân huyện An Minh", Period(2018, 3))
    chain.set_values(unit, {"mot_cua_tiep_nhan": 10, "mot_cua_dung_han": 9})
    result = consolidate(chain, Q3, OFFICE_NAME, [unit])
    values = chain.values(result.report_id)
    assert values["nguoi_ky_ho_ten"] == "Mai Văn Huỳnh" and values["noi_nhan"] == ("Văn phòng Chính phủ;", "Lưu: VT.")
    assert values["nhiem_vu"] == ("Triển khai một cửa điện tử cấp xã.",)
    assert values["mot_cua_huyen_tiep_nhan"] == 10 and values["mot_cua_huyen_ty_le"] == 90
    assert "mot_cua_tinh_tiep_nhan" not in values  # a district's one-stop office is never the province's
    assert any("lấy từ báo cáo quý II năm 2018" in note for note in result.notes)


def test_edit_reparents_and_refuses_a_cycle_a_name_taken_and_a_bad_code(chain: Library) -> None:
    edited = edit_office(chain, "Sở Nội vụ", OfficeChanges(parent_ref="Ủy ban nhân dân huyện An Minh", level="so",
                                                           header_lines=["UBND TỈNH", "SỞ NỘI VỤ"]))
    assert edited.parent_id == find_office(chain, "Ủy ban nhân dân huyện An Minh").id
    assert edited.header_name == "UBND TỈNH\nSỞ NỘI VỤ"
    for changes, message in ((OfficeChanges(parent_ref="Sở Nội vụ"), "không làm cơ quan cấp trên"),
                             (OfficeChanges(name="ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"), "đã có cơ quan"),
                             (OfficeChanges(code="12 34"), "không đúng dạng"),
                             (OfficeChanges(level="quan"), "không có")):
        with pytest.raises(LibraryError, match=message):
            edit_office(chain, "Ủy ban nhân dân huyện An Minh" if changes.parent_ref else "Sở Nội vụ", changes)


def test_merge_moves_every_report_and_sub_unit_to_the_office_kept(chain: Library) -> None:
    duplicate = chain.add_organization("UBND tỉnh Kiên Giang (trùng)", "X", "Kiên Giang")
    kept = find_office(chain, OFFICE_NAME).id
    reports = [chain.create_report(duplicate, period) for period in (Q3, Q4)]
    chain.create_report(kept, Q3)  # both have quý III: both reports stay
    edit_office(chain, "Sở Nội vụ", OfficeChanges(parent_ref=duplicate))
    result = merge_offices(chain, duplicate, OFFICE_NAME)
    assert result.reports == 2 and result.children == 1
    assert {r.id for r in chain.reports() if r.organization_id == kept} >= set(reports)
    assert len(chain.reports()) == 3 and duplicate not in {o.id for o in chain.organizations()}
    assert find_office(chain, "Sở Nội vụ").parent_id == kept
    with pytest.raises(LibraryError, match="cơ quan cấp dưới"):
        merge_offices(chain, OFFICE_NAME, "Sở Nội vụ")


def test_a_consolidation_rule_is_checked_like_the_rest_of_a_template() -> None:
    text = (Path(__file__).parents[3] / "resources" / "templates" / "nq36a_quy_huyen.toml").read_text("utf-8")
    bad = text.replace('level = "huyen"', 'level = "quan"').replace(
        "htth_diem_cau = \"htth_diem_cau\" }", "htth_diem_cau = \"htth_diem_cau\", khong_co = \"x\" }")
    messages = " ".join(m.message for m in check_template_text(bad))
    assert "“level” phải là một trong" in messages and "mẫu không có trường “khong_co”" in messages
