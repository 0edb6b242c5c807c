"""``--self-test``: one OK line and exit status 0 on a sound installation; what failed and 1 otherwise."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import main
from model.library.storage import SCHEMA_VERSION
from tests.locations import ROOT


def test_self_test_passes_with_one_ok_line(capsys, _user_data_dir: Path):
    assert main.main(["--self-test"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith(f"OK: Soạn báo cáo {main.__version__} tự kiểm tra đạt")
    assert f"thư viện mẫu (lược đồ {SCHEMA_VERSION}, 2 báo cáo, 0 lỗi)" in out[0]
    assert f"mở thư viện lược đồ 1→{SCHEMA_VERSION}" in out[0]
    assert "gửi và nhận tệp .db" in out[0]
    assert "trình soạn" in out[0]
    assert re.search(r"DOCX \d+ KB, PDF \d+ KB, phông .+, nhúng 4 kiểu", out[0])
    # The windowed Windows build has no stdout: the same line is in the user data folder.
    assert (_user_data_dir / "selftest.log").read_text(encoding="utf-8").strip() == out[0]


def test_self_test_names_missing_resources_and_fails(capsys, monkeypatch, tmp_path: Path, _user_data_dir: Path):
    # A frozen bundle whose resources/ folder was left out.
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert main.main(["--self-test"]) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert "bước tài nguyên: thiếu tệp tài nguyên" in captured.err
    assert str(tmp_path / "resources" / "templates" / "nq36a_quy.toml") in captured.err
    assert "LỖI" in (_user_data_dir / "selftest.log").read_text(encoding="utf-8")


def test_self_test_names_missing_fonts_and_fails(capsys, monkeypatch, tmp_path: Path):
    # A bundle with everything but resources/fonts.
    shutil.copytree(ROOT / "resources", tmp_path / "resources", ignore=shutil.ignore_patterns("fonts"))
    shutil.copytree(ROOT / "tests" / "fixtures", tmp_path / "tests" / "fixtures")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert main.main(["--self-test"]) == 1
    err = capsys.readouterr().err
    assert "bước xuất văn bản: thiếu phông kèm theo: LiberationSerif-Regular.ttf" in err


@pytest.mark.slow  # a new Python process with Qt, every check: 4 s
def test_self_test_exit_status_of_a_real_process(tmp_path: Path):
    env = {**os.environ, "SOANBAOCAO_DATA_DIR": str(tmp_path)}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test chooses offscreen itself
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")
