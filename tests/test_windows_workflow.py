"""The Windows workflow cannot run here, but it must at least be a valid GitHub Actions workflow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "windows.yml"


def test_windows_workflow_matches_the_github_actions_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_windows_workflow_pins_the_runner_and_uploads_the_installer() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-2022" in text
    assert "SoanBaoCao.exe" in text and "--self-test" in text
    assert "installer/SoanBaoCao.iss" in text.replace("\\", "/")
    assert "actions/upload-artifact" in text
