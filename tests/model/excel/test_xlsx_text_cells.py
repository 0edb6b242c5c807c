"""Text is text in every workbook we write: a name or a narrative beginning with ``=``, ``+``, ``-``, ``@`` or
``#`` is a string cell (no ``<f>`` element Excel would evaluate), and comes back through ``xlsx-import`` as typed."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from model.excel.layout import CHECK_COLUMN, SUM_COLUMN
from model.exchange.dbexport import export_reports
from model.library.library import Library
from tests.exchange_support import PROVINCE, add_district, run_cli
from tests.xlsx_support import DISTRICT, blank_district_report, cell_of, new_form

HOSTILE_NAME = '=HYPERLINK("http://x","Bấm")'
NARRATIVES = {"mot_cua_tinh_hinh": "=1+1 là con số trong báo cáo", "nguoi_ky_ho_ten": "+84 Trần Văn Đức",
              "nhiem_vu": "-Đã họp\n@tổ công tác\n#N/A", "ket_luan": "@Tổ công tác\n\tTab"}
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*)>(.*?)</c>', re.S)


def _cells(path: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """Each sheet's written cells: address → (attributes, inner XML), read straight from the zip."""
    sheets: dict[str, dict[str, tuple[str, str]]] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode("utf-8")
                sheets[name] = {f"{col}{row}": (attrs, inner) for col, row, attrs, inner in _CELL.findall(xml)}
    return sheets


def _text_of(inner: str) -> str:
    return html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", inner, re.S)))


def test_an_office_name_from_a_received_file_is_text_in_the_figures_workbook(tmp_path: Path, capsys) -> None:
    with Library.create(tmp_path / "huyen.db") as district:
        report = add_district(district, HOSTILE_NAME, {"dvc_tong": 5})
        export_reports(district, [report], tmp_path / "gui-tinh.db")
    with Library.create(tmp_path / "tinh.db") as province:
        province.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
    assert run_cli(capsys, "import", tmp_path / "tinh.db", tmp_path / "gui-tinh.db")[0] == 0
    code, _, err = run_cli(capsys, "xlsx-export", tmp_path / "tinh.db", "--to", tmp_path / "so-lieu.xlsx")
    assert code == 0, err
    cells = next(iter(_cells(tmp_path / "so-lieu.xlsx").values()))
    assert not [address for address, (_, inner) in cells.items() if "<f>" in inner or "<f " in inner]
    attrs, inner = cells["A2"]
    assert 't="inlineStr"' in attrs and _text_of(inner) == HOSTILE_NAME


def test_text_beginning_like_a_formula_is_text_in_the_form_and_comes_back_unchanged(tmp_path: Path, capsys) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    template = library.template_of(report)
    narratives = {key: text for key, text in NARRATIVES.items() if key in template.fields}
    assert "mot_cua_tinh_hinh" in narratives
    library.set_values(report, {key: (tuple(text.split("\n")) if template.fields[key].kind == "list" else text)
                                for key, text in narratives.items()})
    expected = library.values(report)
    form = new_form(tmp_path, library, report)
    library.close()
    sheets = _cells(form)
    data, meta = sheets["xl/worksheets/sheet1.xml"], sheets["xl/worksheets/sheet2.xml"]
    for key in narratives:
        attrs, inner = data[cell_of(key)]
        assert "<f>" not in inner and 't="inlineStr"' in attrs, key
        stored = expected[key]
        assert _text_of(inner) == (stored if isinstance(stored, str) else "\n".join(stored))
    formulas = {address for address, (_, inner) in data.items() if "<f>" in inner}
    assert formulas and all(address[0] in (SUM_COLUMN, CHECK_COLUMN, "D") for address in formulas)
    assert not {cell_of(key) for key in narratives} & formulas
    assert not [address for address, (_, inner) in meta.items() if "<f>" in inner]
    code, _, err = run_cli(capsys, "xlsx-import", tmp_path / "moi.db", form)  # a new library: nothing to mix with
    assert code == 0, err
    with Library.open(tmp_path / "moi.db") as library:
        assert library.values(report) == expected
        assert library.report(report).organization_name == DISTRICT
