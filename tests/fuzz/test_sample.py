"""The fuzz harness's fixed sample, run with the suite: 1.000 mutated .db files (received files imported, the
clerk's own library damaged and opened by the command line), 150 mutated templates (refused, or checked and
exported), 100 mutated Excel forms imported, the editor opening damaged libraries, a few cases
through the real command line, and 30 kill -9 trials of a writer. Seeds are fixed, so a failure names its seed
and ``python tests/fuzz/run.py --target T --seed N`` replays it. The long run: ``python tests/fuzz/run.py``."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz import outcomes
from tests.fuzz.kill_trials import run_trials
from tests.fuzz.outcomes import Tally
from tests.fuzz.registry import load_targets
from tests.fuzz.target_import import message_problem, mutated_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = {"db-import": 750, "library": 250, "template": 150, "workbook": 100}
"""Cases per target; a target another module registers gets ``OTHER_TARGETS`` cases (the editor has its own test)."""
OTHER_TARGETS = 100
EDITOR_SEEDS = (*range(30), 77, 86, 112, 115, 133, 145, 154, 253, 322, 544, 1817, 2065, 2178, 2524)
"""The editor's sample: the first seeds, and those the long run found ending in an unexpected error (77…154: a
stored template damaged so that it no longer parses) or writing to a file it refused (253…2524: an old library
whose upgrade failed at its second step after the first was committed)."""
_SAMPLED = {name: SAMPLE.get(name, OTHER_TARGETS) for name, spec in load_targets().items()
            if name != "editor" and spec.in_suite}


def _run(runner, target: str, seeds: range) -> Tally:
    tally = Tally()
    for seed in seeds:
        tally.add(target, seed, runner.run_case(seed))
    return tally


@pytest.mark.slow  # 5-15 s per target
@pytest.mark.parametrize(("target", "count"), _SAMPLED.items())
def test_mutated_files_are_refused_cleanly_or_accepted_intact(target: str, count: int, tmp_path: Path) -> None:
    tally = _run(load_targets()[target].factory(tmp_path), target, range(count))
    assert tally.bad == 0, "\n".join(tally.failure_lines())
    if target in SAMPLE:  # each sample reaches both ends: files refused, and mutations harmless enough to pass
        assert tally.counts[outcomes.REFUSED] > count // 3 and tally.counts[outcomes.ACCEPTED] > count // 10


def test_editor_opens_damaged_libraries_with_a_message_and_stays_usable(qtbot, monkeypatch, tmp_path: Path) -> None:
    from tests.fuzz.target_editor import EditorTarget

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    runner = EditorTarget(tmp_path)
    qtbot.addWidget(runner.window)
    tally = _run(runner, "editor", EDITOR_SEEDS)
    assert tally.bad == 0, "\n".join(tally.failure_lines())
    assert tally.counts[outcomes.REFUSED] >= 5
    assert runner.window.library.path == runner.home and runner.window.report_id is not None


@pytest.mark.slow  # a process per case: 7 s
def test_mutated_files_through_the_real_command_line(tmp_path: Path) -> None:
    """The installed program's path: a separate process, its exit status and stderr, as a clerk's script sees."""
    from tests.fuzz.seeds import exchange_seeds, receiving_library

    seeds = exchange_seeds(tmp_path / "seeds")
    pristine = receiving_library(tmp_path)
    library, received = tmp_path / "thu-vien.db", tmp_path / "nhan-duoc.db"
    seen = set()
    for seed in range(8):
        data, described = mutated_file(random.Random(seed), seeds, tmp_path / "dang-sua.db")
        received.write_bytes(data)
        library.write_bytes(pristine)
        done = subprocess.run([sys.executable, "main.py", "import", str(library), str(received)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 2), f"seed {seed} ({described}): {done.stderr}"
        assert "Traceback" not in done.stderr, f"seed {seed} ({described})"
        if done.returncode == 2:
            assert library.read_bytes() == pristine, f"seed {seed} ({described})"
            reason = done.stderr.splitlines()[0].split(" — ", 1)[1]
            assert "TỪ CHỐI" in done.stderr and message_problem(reason) is None, reason
        seen.add(done.returncode)
    assert seen == {0, 2}


@pytest.mark.slow  # 30 processes killed: 12 s
def test_kill_9_of_a_writer_loses_no_acknowledged_write_and_corrupts_nothing() -> None:
    report = run_trials(30, first_seed=0, parallel=2)
    assert report.failures == [], "\n".join(report.failures)
    assert report.killed_mid_write >= 5, report.table()  # the sample does cut transactions short
    assert report.acknowledged >= 60, report.table()
