"""An incoming office is recognised by id, then by mã định danh, then by name: never a second office of one name."""

from __future__ import annotations

from pathlib import Path

from model.exchange.dbexport import export_office_tree, export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library
from model.offices.actions import add_office
from model.vietnamese.period import Period

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"


def _sent(tmp_path: Path, name: str, code: str = "") -> Path:
    """A unit's library set up by hand (its own ids), with one report, exported for sending."""
    folder = tmp_path / name.replace(" ", "-")
    folder.mkdir()
    with Library.create(folder / "thu-vien.db") as library:
        office = add_office(library, name, "Kiên Giang", code=code)
        report = library.create_report(office.id, Period(2018, 3))
        return export_reports(library, [report], folder / "gui.db").path


def test_an_office_is_recognised_by_its_code_whatever_its_name(tmp_path: Path) -> None:
    with Library.create(tmp_path / "tinh.db") as library:
        ours = add_office(library, "Sở Thông tin và Truyền thông", "Kiên Giang", code="000.00.12.H33")
        result = import_files(library, [_sent(tmp_path, "Sở TT&TT Kiên Giang", code="000.00.12.H33")])
        assert [o.id for o in library.organizations()] == [ours.id]
        assert library.reports()[0].organization_id == ours.id
    assert any("cùng mã định danh 000.00.12.H33" in note for note in result.files[0].notes)


def test_a_name_two_offices_of_the_library_share_refuses_the_file(tmp_path: Path) -> None:
    with Library.create(tmp_path / "tinh.db") as library:
        library.add_organization("Sở Nội vụ", "SỞ NỘI VỤ", "Kiên Giang")
        library.add_organization("Sở Nội vụ", "SỞ NỘI VỤ", "Kiên Giang")  # duplicates of an older version
        result = import_files(library, [_sent(tmp_path, "Sở Nội vụ")])
        assert len(library.organizations()) == 2 and not library.reports()
    assert "office merge" in (result.files[0].refused or "")


def test_an_office_tree_gives_a_new_library_the_province_offices_once(tmp_path: Path) -> None:
    with Library.create(tmp_path / "tinh.db") as province:
        add_office(province, PROVINCE, "Kiên Giang")
        add_office(province, "Ủy ban nhân dân huyện An Minh", "Kiên Giang", parent_ref=PROVINCE)
        tree = export_office_tree(province, tmp_path / "cay.db").path
        assert export_office_tree(province, tmp_path / "cay-huyen.db",
                                  root_id=province.organizations()[1].id).organizations == 2
    with Library.create(tmp_path / "huyen.db") as district:
        first = import_files(district, [tree])
        again = import_files(district, [tree])  # nothing new the second time
        offices = {o.name: o for o in district.organizations()}
    assert first.offices_added == 2 and again.offices_added == 0
    assert offices["Ủy ban nhân dân huyện An Minh"].parent_id == offices[PROVINCE].id
    assert offices["Ủy ban nhân dân huyện An Minh"].level == "huyen"
