"""tools/build_windows_wine.sh (the Windows build, install and uninstall under Wine that CI runs) stays sound.

The real proof is the script's run in CI; these checks catch what breaks it before a 10-minute run does."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.locations import ROOT

SCRIPT = ROOT / "tools" / "build_windows_wine.sh"


@pytest.mark.parametrize("script", [SCRIPT, ROOT / "tools" / "build_linux.sh", ROOT / ".ci" / "run"],
                         ids=lambda path: path.name)
def test_script_is_shellcheck_clean(script: Path):
    if shutil.which("shellcheck") is None:
        if os.environ.get("CI"):  # .ci/run installs it: a CI without it must not pass by skipping
            pytest.fail("shellcheck is not installed")
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    result = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_script_parses_and_ci_runs_it_after_the_linux_build():
    assert subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True).returncode == 0
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("tools/build_linux.sh") < ci.index("tools/build_windows_wine.sh")


def test_windows_dependencies_come_from_pyproject_not_a_list_of_its_own():
    text = SCRIPT.read_text(encoding="utf-8")
    assert 'project["dependencies"]' in text and 'project["optional-dependencies"]["build"]' in text
    for package in ("PySide6", "SQLAlchemy", "reportlab", "python-docx"):
        assert package.lower() not in text.lower(), package


def test_the_wine_only_icu_stub_stays_out_of_the_bundle():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "icu*.dll" in text and "system32/icuuc.dll" in text and "bcryptprimitives.dll" in text
    assert "icuuc" not in (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "icuuc" not in (ROOT / "installer" / "SoanBaoCao.iss").read_text(encoding="utf-8-sig")
