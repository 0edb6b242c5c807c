"""The export service and command: refusal on check errors, --force, atomic writes, file names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import main
from export.document import service
from export.document.service import ExportError, ReportHasErrors, export_report, suggested_filename
from tests.export_text import docx_paragraphs
from tests.locations import ROOT

pytestmark = pytest.mark.both_engines



@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for exports (``tmp_path`` also holds the sample library)."""
    folder = tmp_path / "xuat"
    folder.mkdir()
    return folder


def _break_sum(library, report_id) -> None:
    library.set_typed(report_id, {"dvc_tong": "5"})  # 1.248 + 656 + 68 ≠ 5: a check error


def test_a_report_with_errors_is_refused_and_nothing_is_written(sample_library, q2_id, out_dir):
    _break_sum(sample_library, q2_id)
    with pytest.raises(ReportHasErrors) as raised:
        export_report(sample_library, q2_id, out_dir / "bc.pdf")
    assert "lỗi" in str(raised.value) and "Tổng số dịch vụ công trực tuyến" in str(raised.value)
    assert raised.value.errors
    assert list(out_dir.iterdir()) == []


def test_force_exports_and_reports_the_errors(sample_library, q2_id, tmp_path):
    _break_sum(sample_library, q2_id)
    result = export_report(sample_library, q2_id, tmp_path / "bc.docx", force=True)
    assert result.forced and result.errors and result.format == "docx"
    assert result.path.stat().st_size > 10_000


def test_cli_refuses_with_errors_then_force_says_so(sample_path, tmp_path, capsys):
    assert main.main(["set", str(sample_path), "--report", "2018-Q2", "dvc_tong=5"]) == 0
    capsys.readouterr()
    out = tmp_path / "bc.pdf"
    assert main.main(["export", str(sample_path), "--report", "2018-Q2", "--to", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Báo cáo còn") and "--force" in err and err.count("\n") == 1
    assert not out.exists()
    assert main.main(["export", str(sample_path), "--report", "2018-Q2", "--to", str(out), "--force"]) == 0
    captured = capsys.readouterr()
    assert "--force" in captured.err and "lỗi" in captured.err
    assert str(out) in captured.out and out.read_bytes().startswith(b"%PDF")


def test_cli_exports_docx_from_the_extension(sample_path, tmp_path, capsys):
    out = tmp_path / "Báo cáo quý II.DOCX"
    assert main.main(["export", str(sample_path), "--report", "2018-Q2", "--to", str(out)]) == 0
    assert out.read_bytes().startswith(b"PK")  # a zip package, i.e. .docx
    assert capsys.readouterr().err == ""


def test_cli_exports_from_a_library_that_needs_migrating(tmp_path, capsys):
    """The command's fast read path steps aside; Library migrates the file, then the export runs."""
    library = tmp_path / "v1.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "library_v1.db", library)
    out = tmp_path / "bc.docx"
    assert main.main(["export", str(library), "--report", "2018-Q2", "--to", str(out)]) == 0
    assert "Số: 154/BC-UBND" in docx_paragraphs(out)


@pytest.mark.parametrize("ref, message", [("2019-Q1", "Không có báo cáo quý I năm 2019"),
                                          ("zzzz", "Không tìm thấy báo cáo")])
def test_cli_unknown_report_is_a_clerk_error(sample_path, tmp_path, capsys, ref, message):
    assert main.main(["export", str(sample_path), "--report", ref, "--to", str(tmp_path / "bc.pdf")]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("name, message", [("bc.txt", ".docx hoặc .pdf"), ("khong-co/bc.pdf", "Không có thư mục")])
def test_cli_clerk_errors_exit_2(sample_path, tmp_path, capsys, name, message):
    assert main.main(["export", str(sample_path), "--report", "2018-Q2", "--to", str(tmp_path / name)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_failed_write_leaves_the_old_file_and_no_half_file(sample_library, q2_id, out_dir, monkeypatch, fmt):
    out = out_dir / f"bc.{fmt}"
    out.write_bytes(b"old version")

    def half_write(document, fmt_, path: Path) -> None:
        path.write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(service, "_write", half_write)
    with pytest.raises(ExportError, match=r"bc\.\w+”: ổ đĩa đã đầy"):  # in Vietnamese, not the system's English
        export_report(sample_library, q2_id, out)
    assert out.read_bytes() == b"old version"
    assert sorted(p.name for p in out_dir.iterdir()) == [out.name]


def test_export_replaces_an_existing_file(sample_library, q2_id, out_dir):
    out = out_dir / "bc.pdf"
    out.write_bytes(b"old version")
    export_report(sample_library, q2_id, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out_dir.iterdir()) == ["bc.pdf"]


def test_suggested_file_names(sample_library, q2_id):
    assert suggested_filename(sample_library, q2_id) == "BC-154-UBND-2018-Q2.pdf"
    q1 = sample_library.find_report("2018-Q1").id
    assert suggested_filename(sample_library, q1, "docx") == "BC-62-UBND-2018-Q1.docx"
    sample_library.set_values(q2_id, {"so": None})
    assert suggested_filename(sample_library, q2_id, "docx") == "BC-UBND-2018-Q2-du-thao.docx"


def test_importing_the_service_does_not_load_the_writers():
    code = ("import sys, export.document.service; "
            "print(sorted(m for m in ('docx', 'reportlab') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
