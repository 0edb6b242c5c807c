"""The reporting chain as a province lives it: 3 departments and 14 districts, each in its own library, report
to the province, which consolidates them. 12 districts and the departments start from the province's office tree;
2 districts set up their library by hand. Every unit's report is in its level's words, the province's library ends
with exactly one office per unit, and the consolidated figures are the per-level sums computed here independently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exchange_support import run_cli
from tests.export_text import needs_poppler, normalise, pdf_body_text

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"
DEPARTMENTS = ("Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tư pháp")
DISTRICTS = (*(f"Ủy ban nhân dân huyện {n}" for n in (
    "An Minh", "Vĩnh Thuận", "Giang Thành", "An Biên", "U Minh Thượng", "Gò Quao", "Giồng Riềng", "Châu Thành",
    "Tân Hiệp", "Hòn Đất", "Kiên Lương", "Kiên Hải", "Phú Quốc")), "Ủy ban nhân dân thành phố Rạch Giá")
BY_HAND = DISTRICTS[-2:]
"""Districts that set up their library without the province's tree (their own province office, a new id)."""
PERIOD = "2018-Q3"

PROVINCE_ONLY = ("Văn phòng UBND tỉnh", "trên địa bàn tỉnh", "Tỉnh đã cấp", "Cổng dịch vụ công trực tuyến tập trung "
                 "của tỉnh", "Một cửa điện tử cấp tỉnh", "sở, ban, ngành cấp tỉnh", "trong nội bộ tỉnh")
DISTRICT_ONLY = ("Văn phòng HĐND và UBND huyện", "trên địa bàn huyện", "Bộ phận một cửa của huyện", "các xã, thị trấn")


def district_figures(index: int) -> dict[str, int]:
    return {"vb_di_van_phong": 1000 + index, "vb_luan_chuyen": 5000 + 10 * index, "vb_noi_bo_ky_so": 30,
            "vb_noi_bo_tong": 40, "dvc_ho_so_truc_tuyen": 7 + index, "mot_cua_tiep_nhan": 400 + index,
            "mot_cua_dung_han": 300 + index, "mot_cua_xa_tiep_nhan": 90, "mot_cua_xa_dung_han": 80,
            "cks_so_chu_ky": 0 if index == 3 else 20 + index, "cks_van_ban_ky_so": 900 + index, "htth_diem_cau": 2}


def department_figures(index: int) -> dict[str, int]:
    return {"vb_di_van_phong": 700 + index, "vb_luan_chuyen": 2000 + index, "vb_noi_bo_ky_so": 10,
            "vb_noi_bo_tong": 12, "dvc_tong": 100 + index, "dvc_muc_1_2": 60, "dvc_muc_3": 30 + index,
            "dvc_muc_4": 10, "dvc_ho_so_truc_tuyen": 50 + index, "mot_cua_tiep_nhan": 1000 + index,
            "mot_cua_dung_han": 900, "cks_so_chu_ky": 15 + index, "cks_van_ban_ky_so": 4000 + index}


def _set(capsys, library: Path, report: str, values: dict[str, object]) -> None:
    code, _, err = run_cli(capsys, "set", library, "--report", report, *(f"{k}={v}" for k, v in values.items()))
    assert code == 0, err


def _only_report(capsys, library: Path) -> str:
    reports = json.loads(run_cli(capsys, "list", library, "--json")[1])
    assert len(reports) == 1
    return reports[0]["id"]


def _unit_library(capsys, folder: Path, name: str, tree: Path | None, parent_spelling: str = PROVINCE) -> Path:
    """A unit's library: from the province's office tree, or set up by hand."""
    library = folder / "thu-vien.db"
    if tree is not None:
        code, out, err = run_cli(capsys, "import", library, tree)
        assert code == 0 and "thêm 18 cơ quan" in out, err
    else:
        assert run_cli(capsys, "office", "add", library, "--name", parent_spelling, "--place", "Kiên Giang")[0] == 0
        code, _, err = run_cli(capsys, "office", "add", library, "--name", name, "--place", "Kiên Giang",
                               "--parent", PROVINCE)
        assert code == 0, err
    return library


@pytest.fixture
def chain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    province = tmp_path / "tinh" / "tinh.db"
    province.parent.mkdir()
    assert run_cli(capsys, "office", "add", province, "--name", PROVINCE, "--place", "Kiên Giang", "--header",
                   "ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG")[0] == 0
    for name in DEPARTMENTS + DISTRICTS:
        code, _, err = run_cli(capsys, "office", "add", province, "--name", name, "--place", "Kiên Giang",
                               "--parent", PROVINCE, "--parent-header", "UBND TỈNH KIÊN GIANG")
        assert code == 0, err
    tree = tmp_path / "tinh" / "cay-co-quan.db"
    assert run_cli(capsys, "office", "export-tree", province, "--to", tree)[0] == 0

    sent: list[Path] = []
    figures: dict[str, dict[str, int]] = {}
    units = [(name, department_figures(i)) for i, name in enumerate(DEPARTMENTS)] + [
        (name, district_figures(i)) for i, name in enumerate(DISTRICTS)]
    for position, (name, values) in enumerate(units):
        folder = tmp_path / f"don-vi-{position}"
        folder.mkdir()
        by_hand = name in BY_HAND
        spelling = "Uỷ ban  nhân dân tỉnh Kiên Giang" if name == BY_HAND[0] else PROVINCE  # old-style tone, 2 spaces
        library = _unit_library(capsys, folder, name, None if by_hand else tree, spelling)
        code, _, err = run_cli(capsys, "report", "new", library, "--office", name, "--period", PERIOD)
        assert code == 0, err
        report = _only_report(capsys, library)
        _set(capsys, library, report, values)
        _set(capsys, library, report, {"nhiem_vu": "Tiếp tục vận hành một cửa điện tử."})
        figures[name] = values
        sent.append(folder / "gui-tinh.db")
        assert run_cli(capsys, "export-db", library, "--report", report, "--to", sent[-1])[0] == 0
    return {"province": province, "sent": sent, "figures": figures, "tmp": tmp_path}


def _fields(capsys, library: Path, report: str) -> dict[str, object]:
    return {f["key"]: f["value"] for f in json.loads(run_cli(capsys, "fields", library, "--report", report,
                                                              "--json")[1])}


def _consolidate(capsys, chain: dict[str, object]) -> str:
    province = chain["province"]
    code, out, err = run_cli(capsys, "import", province, *chain["sent"])
    assert code == 0, err
    for name in BY_HAND:  # the hand-made offices were recognised, and the import says so
        assert f"Cơ quan “{name}” trong tệp là cơ quan đó đã có trong thư viện (cùng tên" in out
    assert "Cơ quan “Uỷ ban nhân dân tỉnh Kiên Giang” trong tệp là “Ủy ban nhân dân tỉnh Kiên Giang”" in out
    offices = json.loads(run_cli(capsys, "office", "list", province, "--json")[1])
    assert len(offices) == 18 == 1 + len(DEPARTMENTS) + len(DISTRICTS)
    assert {o["level"] for o in offices if o["name"] in DISTRICTS} == {"huyen"}
    assert {o["level"] for o in offices if o["name"] in DEPARTMENTS} == {"so"}
    reports = json.loads(run_cli(capsys, "list", province, "--json")[1])
    assert len(reports) == 17
    code, out, err = run_cli(capsys, "consolidate", province, "--period", PERIOD, "--office", PROVINCE,
                             "--from", *(r["id"] for r in reports))
    assert code == 0, err
    assert "từ 17 đơn vị" in out
    return next(r["id"] for r in json.loads(run_cli(capsys, "list", province, "--json")[1])
                if r["office"] == PROVINCE)


def test_the_province_consolidates_each_level_into_its_own_figures(chain, capsys) -> None:
    consolidated = _consolidate(capsys, chain)
    got = _fields(capsys, chain["province"], consolidated)
    units: dict[str, dict[str, int]] = chain["figures"]  # type: ignore[assignment]
    districts = [units[n] for n in DISTRICTS]
    departments = [units[n] for n in DEPARTMENTS]
    everyone = districts + departments
    assert got["mot_cua_huyen_tiep_nhan"] == sum(d["mot_cua_tiep_nhan"] for d in districts)
    assert got["mot_cua_huyen_dung_han"] == sum(d["mot_cua_dung_han"] for d in districts)
    assert got["mot_cua_huyen_ty_le"] == round(100 * got["mot_cua_huyen_dung_han"] / got["mot_cua_huyen_tiep_nhan"])
    assert got["mot_cua_tinh_tiep_nhan"] == sum(d["mot_cua_tiep_nhan"] for d in departments)
    assert got["vb_luan_chuyen"] == sum(u["vb_luan_chuyen"] for u in everyone)
    assert got["dvc_tong"] == sum(d["dvc_tong"] for d in departments)
    assert got["dvc_ho_so_truc_tuyen"] == sum(u["dvc_ho_so_truc_tuyen"] for u in everyone)
    assert got["cks_so_nganh"] == 3 and got["cks_huyen"] == 13  # one district has no digital signature yet
    assert got["cks_so_chu_ky"] == sum(u["cks_so_chu_ky"] for u in everyone)
    assert got["htth_diem_cau"] == 2 * len(DISTRICTS)
    assert got["vb_di_van_phong"] is None and got["vb_noi_bo_tong"] is None  # the province's own office's figures
    assert "tổng hợp từ báo cáo của 3 sở, ban, ngành và 14 UBND cấp huyện" in got["mo_dau"]
    check = json.loads(run_cli(capsys, "check", chain["province"], "--report", consolidated, "--json")[1])[0]
    assert not [p for p in check["problems"] if "đã cũ" in p["message"]]


@needs_poppler
def test_each_level_reads_in_its_own_words(chain, capsys) -> None:
    consolidated = _consolidate(capsys, chain)
    tmp: Path = chain["tmp"]  # type: ignore[assignment]
    district_library = tmp / "don-vi-3" / "thu-vien.db"  # An Minh's own library
    district_pdf = tmp / "an-minh.pdf"
    assert run_cli(capsys, "export", district_library, "--report", PERIOD, "--to", district_pdf, "--force")[0] == 0
    text = normalise(pdf_body_text(district_pdf))
    assert "Văn phòng HĐND và UBND huyện là 1.000 văn bản" in text and "trên địa bàn huyện" in text
    for phrase in PROVINCE_ONLY:
        assert phrase not in text, phrase
    department_pdf = tmp / "so.pdf"
    run_cli(capsys, "export", tmp / "don-vi-0" / "thu-vien.db", "--report", PERIOD, "--to", department_pdf, "--force")
    text = normalise(pdf_body_text(department_pdf))
    assert "dịch vụ công trực tuyến thuộc thẩm quyền giải quyết" in text
    for phrase in PROVINCE_ONLY + DISTRICT_ONLY:
        assert phrase not in text, phrase
    province_pdf = tmp / "tinh.pdf"
    run_cli(capsys, "export", chain["province"], "--report", consolidated, "--to", province_pdf, "--force")
    text = normalise(pdf_body_text(province_pdf))
    for phrase in DISTRICT_ONLY:
        assert phrase not in text, phrase
    assert "PHỤ LỤC" in text.upper() and DEPARTMENTS[0] in text
    from model.library.library import Library

    with Library.open(chain["province"]) as library:
        rows = [row[1] for row in library.appendix(consolidated).rows]
    assert sorted(rows[:3]) == sorted(DEPARTMENTS) and sorted(rows[3:]) == sorted(DISTRICTS)  # by level


def test_a_newer_unit_revision_makes_the_consolidation_stale_until_refreshed(chain, capsys) -> None:
    province: Path = chain["province"]  # type: ignore[assignment]
    consolidated = _consolidate(capsys, chain)
    _set(capsys, province, consolidated, {"cong_ttdt_tinh_hinh": "Cổng thông tin điện tử của tỉnh hoạt động ổn định."})
    tmp: Path = chain["tmp"]  # type: ignore[assignment]
    district_library = tmp / "don-vi-3" / "thu-vien.db"
    report = _only_report(capsys, district_library)
    _set(capsys, district_library, report, {"mot_cua_tiep_nhan": 1400})  # An Minh corrects its figure: 400 → 1400
    corrected = tmp / "don-vi-3" / "ban-sua.db"
    assert run_cli(capsys, "export-db", district_library, "--report", report, "--to", corrected)[0] == 0
    code, out, _ = run_cli(capsys, "import", province, corrected)
    assert code == 0 and "Cập nhật" in out
    before = _fields(capsys, province, consolidated)["mot_cua_huyen_tiep_nhan"]

    check = json.loads(run_cli(capsys, "check", province, "--report", consolidated, "--json")[1])[0]
    stale = [p for p in check["problems"] if "đã cũ" in p["message"]]
    assert len(stale) == 1 and "Ủy ban nhân dân huyện An Minh" in stale[0]["message"]
    assert stale[0]["severity"] == "warning" and "consolidate --refresh" in stale[0]["message"]
    assert "đã cũ" in run_cli(capsys, "check", province, "--report", consolidated)[1]

    code, out, err = run_cli(capsys, "consolidate", province, "--refresh", consolidated)
    assert code == 0 and "phần chữ giữ nguyên" in out, err
    after = _fields(capsys, province, consolidated)
    assert after["mot_cua_huyen_tiep_nhan"] == before + 1000
    assert after["cong_ttdt_tinh_hinh"] == "Cổng thông tin điện tử của tỉnh hoạt động ổn định."
    check = json.loads(run_cli(capsys, "check", province, "--report", consolidated, "--json")[1])[0]
    assert not [p for p in check["problems"] if "đã cũ" in p["message"]]

    # An issued consolidation only warns: it is never changed.
    assert run_cli(capsys, "report", "issue", province, "--report", consolidated, "--force")[0] == 0
    _set(capsys, district_library, report, {"mot_cua_tiep_nhan": 1500})
    again = tmp / "don-vi-3" / "ban-sua-2.db"
    run_cli(capsys, "export-db", district_library, "--report", report, "--to", again)
    assert run_cli(capsys, "import", province, again)[0] == 0
    check = json.loads(run_cli(capsys, "check", province, "--report", consolidated, "--json")[1])[0]
    assert any("đã cũ" in p["message"] and "đã ban hành nên giữ nguyên" in p["message"] for p in check["problems"])
    code, _, err = run_cli(capsys, "consolidate", province, "--refresh", consolidated)
    assert code == 2 and "đã ban hành" in err
    assert _fields(capsys, province, consolidated)["mot_cua_huyen_tiep_nhan"] == before + 1000
