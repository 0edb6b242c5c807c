"""kill -9 of a writer at random moments: a process edits figures, imports files and consolidates (then deletes the
consolidated draft) on a library, writing an acknowledgement after each operation returns; it is killed with
SIGKILL at a moment drawn from the trial's seed. The library must then open, pass ``integrity_check`` and our
invariants, and hold every acknowledged write."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_FIELD = "dvc_tong"


@dataclass
class TrialReport:
    trials: int = 0
    killed_mid_write: int = 0
    """Trials whose kill left a hot journal (a transaction cut short)."""
    acknowledged: int = 0
    failures: list[str] = field(default_factory=list)

    def table(self) -> str:
        return (f"trials                      {self.trials:>5}\n"
                f"killed inside a transaction {self.killed_mid_write:>5}\n"
                f"acknowledged operations     {self.acknowledged:>5}\n"
                f"corrupted or lost writes    {len(self.failures):>5}")


def prepare(folder: Path, district_files: int = 6) -> tuple[Path, list[Path]]:
    """A province library with three districts' reports of quý II/2018, and files of other districts to import."""
    from tests.exchange_support import exported_district_file, province_with_districts

    library, _province, _reports = province_with_districts(folder / "tinh.db")
    library.close()
    files = [exported_district_file(folder, f"Huyện {i}", {"dvc_tong": 10 + i, "mot_cua_huyen_tiep_nhan": 100})
             for i in range(district_files)]
    return folder / "tinh.db", files


def _ack(handle: int, *words: object) -> None:
    os.write(handle, (" ".join(map(str, words)) + "\n").encode())


def writer(library_path: Path, files: list[Path], ack_path: Path, seed: int) -> None:
    """Edit, import and consolidate for ever; one line in ``ack_path`` after each operation has returned."""
    rng = random.Random(seed)
    handle = os.open(ack_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        _write_for_ever(library_path, files, handle, rng)
    except BaseException as exc:  # the trial reports it: a writer must only ever end by the kill
        _ack(handle, "ERROR", repr(exc).replace("\n", " "))
        raise


def _write_for_ever(library_path: Path, files: list[Path], handle: int, rng: random.Random) -> None:
    from model.exchange.consolidation import consolidate
    from model.exchange.dbimport import import_files
    from model.library.library import Library
    from model.vietnamese.period import Period

    with Library.open(library_path) as library:
        districts = [r.id for r in library.reports()]
        province = next(o.id for o in library.organizations() if o.parent_id is None)
        _ack(handle, "READY")
        value, pending = 1000, list(files)
        while True:
            operation = rng.choice(["write", "write", "import", "consolidate"])
            if operation == "write":
                report = rng.choice(districts)
                value += 1
                library.set_values(report, {_FIELD: value})
                _ack(handle, "W", report, value)
            elif operation == "import" and pending:
                file = pending.pop(0)
                result = import_files(library, [file], on_conflict="keep")
                _ack(handle, "I", *(o.report_id for f in result.files for o in f.outcomes))
            elif operation == "consolidate":
                made = consolidate(library, Period(2018, 2), province, districts).report_id
                _ack(handle, "C", made)
                _ack(handle, "DELETING", made)  # from here until "D", the draft may be gone or not
                library.delete_report(made)
                _ack(handle, "D", made)


def _lost_writes(path: Path, acks: list[list[str]]) -> list[str]:
    from model.library.library import Library

    with Library.open(path) as library:
        present = {r.id for r in library.reports()}
        lost: list[str] = []
        latest: dict[str, int] = {}
        for words in acks:
            if words[0] == "W":
                latest[words[1]] = int(words[2])
            elif words[0] in ("I", "C"):
                lost += [f"{words[0]} {rid} missing" for rid in words[1:] if rid not in present]
            elif words[0] == "D" and words[1] in present:
                lost.append(f"deleted {words[1]} is back")
        for report, value in latest.items():
            stored = library.values(report).get(_FIELD)
            if not isinstance(stored, int) or stored < value:
                lost.append(f"{report[:8]}.{_FIELD} = {stored}, acknowledged {value}")
    # A consolidated draft acknowledged (C) is not expected once its deletion began.
    return [line for line in lost if not any(w[0] == "DELETING" and line.startswith(f"C {w[1]}") for w in acks)]


def _context() -> multiprocessing.context.ForkServerContext:
    """Writers are forked from a server that has imported the model once (a fresh Python would spend most of a
    trial importing SQLAlchemy)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["model.exchange.consolidation", "model.exchange.dbimport", "model.library.library",
                                    "tests.fuzz.kill_trials"])
    return context


def run_trial(seed: int, base: Path, files: list[Path], folder: Path) -> tuple[bool, int, list[str]]:
    """One trial; (killed inside a transaction, acknowledged operations, failures)."""
    from model.library.storage import journal_path
    from tests.fuzz.invariants import library_problems

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    library = folder / "tinh.db"
    shutil.copyfile(base, library)
    acks_path = folder / "acks.txt"
    acks_path.write_text("")
    process = _context().Process(target=writer, args=(library, files, acks_path, seed), daemon=True)
    process.start()
    deadline = time.monotonic() + 60
    while "READY" not in acks_path.read_text() and process.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(rng.uniform(0.0, 0.6))
    process.kill()
    process.join()
    errors = [line for line in acks_path.read_text().splitlines() if line.startswith("ERROR")]
    if errors:  # (an exit status other than -9 without an error is the forkserver losing track: 255)
        return False, 0, [f"seed {seed}: the writer ended by itself (exit status {process.exitcode}) {errors}"]
    mid_write = journal_path(library).exists()
    acks = [line.split() for line in acks_path.read_text().splitlines() if line and line != "READY"]
    try:
        lost = _lost_writes(library, acks)
        problems = library_problems(library)
    except Exception as exc:
        return mid_write, len(acks), [f"seed {seed}: the library does not open: {type(exc).__name__}: {exc}"]
    return mid_write, len(acks), [f"seed {seed}: {line}" for line in problems + lost]


def run_trials(count: int, *, first_seed: int = 0, parallel: int = 2) -> TrialReport:
    report = TrialReport()
    with tempfile.TemporaryDirectory(prefix="fuzz-kill-") as folder:
        base, files = prepare(Path(folder) / "base")
        with ThreadPoolExecutor(parallel) as pool:
            results = pool.map(lambda seed: run_trial(seed, base, files, Path(folder) / f"trial-{seed}"),
                               range(first_seed, first_seed + count))
            for mid_write, acknowledged, failures in results:
                report.trials += 1
                report.killed_mid_write += mid_write
                report.acknowledged += acknowledged
                report.failures += failures
    return report
