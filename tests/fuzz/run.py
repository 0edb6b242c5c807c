"""Run the fuzz targets at length and print the count of each outcome class.

    python tests/fuzz/run.py --cases 10000                 every target, cases split by weight, 2 workers
    python tests/fuzz/run.py --cases 500 --target db-import --start 7000
    python tests/fuzz/run.py --target db-import --seed 1234   replay one case and print what happened
    python tests/fuzz/run.py --kill-trials 100             kill -9 a writer at random moments

Cases run in worker processes; a case that takes longer than 10 s is killed and counted as a hang. The exit
status is 1 when any case ended outside the two good classes (refused cleanly, accepted intact).
"""

from __future__ import annotations

import argparse
import os
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fuzz import outcomes  # noqa: E402
from tests.fuzz.outcomes import Outcome, Tally  # noqa: E402
from tests.fuzz.registry import load_targets, share  # noqa: E402


def _worker(target: str, start: int, count: int) -> int:
    """Run cases ``start``… of ``target``, one line before and after each, for the parent to read."""
    spec = load_targets()[target]
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as folder:
        os.environ["SOANBAOCAO_DATA_DIR"] = str(Path(folder) / "du-lieu")  # the log and settings, not the user's
        runner = spec.factory(Path(folder))
        print("READY", flush=True)
        for seed in range(start, start + count):
            print(f"S {seed}", flush=True)
            started = time.process_time()
            try:
                outcome = runner.run_case(seed)
            except Exception as exc:  # a fault of the harness itself: shown, never hidden
                outcome = Outcome(outcomes.TRACEBACK, f"harness: {type(exc).__name__}: {exc}")
            detail = outcome.detail.replace("\n", " ").replace("\t", " ")
            print(f"R {seed}\t{time.process_time() - started:.3f}\t{outcome.kind}\t{detail}", flush=True)
    return 0


@dataclass
class _Slice:
    target: str
    next_seed: int
    end: int
    process: subprocess.Popen[str] | None = None
    started: float = 0.0
    cpu_started: float = 0.0
    running: int | None = None


def _cpu_seconds(pid: int) -> float:
    """CPU time a worker has used (Linux): a case is timed by its work, not by the machine's load."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _hung(piece: _Slice) -> bool:
    """More than 10 s of CPU on one case, or a minute of wall time (a case waiting on a lock for ever)."""
    wall = time.monotonic() - piece.started
    if wall > 6 * outcomes.HANG_SECONDS:
        return True
    return wall > outcomes.HANG_SECONDS and _cpu_seconds(piece.process.pid) - piece.cpu_started > outcomes.HANG_SECONDS


def _spawn(piece: _Slice) -> None:
    piece.process = subprocess.Popen(
        [sys.executable, __file__, "--worker", piece.target, str(piece.next_seed), str(piece.end - piece.next_seed)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    piece.started = time.monotonic() + 120  # building the seeds is not a case
    piece.running = None


def run_cases(plan: dict[str, tuple[int, int]], workers: int) -> Tally:
    """``plan``: target → (first seed, number of cases)."""
    pieces: list[_Slice] = []
    for target, (start, count) in plan.items():
        size = -(-count // workers)
        pieces += [_Slice(target, s, min(s + size, start + count)) for s in range(start, start + count, size)]
    tally, pending = Tally(), list(pieces)
    active: list[_Slice] = []
    selector = selectors.DefaultSelector()
    while pending or active:
        while pending and len(active) < workers:
            piece = pending.pop(0)
            _spawn(piece)
            selector.register(piece.process.stdout, selectors.EVENT_READ, piece)
            active.append(piece)
        for key, _ in selector.select(timeout=1.0):
            piece = key.data
            line = piece.process.stdout.readline()
            if line.startswith("S "):
                piece.running, piece.started = int(line[2:]), time.monotonic()
                piece.cpu_started = _cpu_seconds(piece.process.pid)
            elif line.startswith("R "):
                seed_text, seconds, kind, detail = line[2:].rstrip("\n").split("\t", 3)
                tally.add(piece.target, int(seed_text), Outcome(kind, detail), float(seconds))
                piece.next_seed, piece.running = int(seed_text) + 1, None
            elif line == "READY\n":
                piece.started = time.monotonic()
            elif not line:  # the worker ended: finished, or died in a case
                selector.unregister(piece.process.stdout)
                code = piece.process.wait()
                active.remove(piece)
                if piece.running is not None:
                    tally.add(piece.target, piece.running, Outcome(outcomes.TRACEBACK, f"worker died ({code})"))
                    piece.next_seed = piece.running + 1
                if piece.next_seed < piece.end and (code == 0 or piece.running is not None):
                    pending.insert(0, piece)
        for piece in list(active):
            if piece.running is not None and _hung(piece):
                selector.unregister(piece.process.stdout)
                piece.process.kill()
                piece.process.wait()
                active.remove(piece)
                tally.add(piece.target, piece.running, Outcome(outcomes.HANG, "killed after 10 s of work"))
                piece.next_seed = piece.running + 1
                if piece.next_seed < piece.end:
                    pending.insert(0, piece)
    return tally


def _replay(target: str, seed: int) -> int:
    spec = load_targets()[target]
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as folder:
        os.environ["SOANBAOCAO_DATA_DIR"] = str(Path(folder) / "du-lieu")
        outcome = spec.factory(Path(folder)).run_case(seed)
    print(f"{target} seed {seed}: {outcome.kind}\n{outcome.detail}")
    return 0 if outcome.kind in outcomes.GOOD else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=0, help="mutated inputs to run, split between the targets")
    parser.add_argument("--target", action="append", help="only this target (repeatable); see --list")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--seed", type=int, help="replay this one seed of --target")
    parser.add_argument("--kill-trials", type=int, default=0, help="kill -9 trials of a writer")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="list the targets")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args.worker[0], int(args.worker[1]), int(args.worker[2]))
    targets = load_targets()
    if args.list:
        for spec in targets.values():
            print(f"{spec.name}\t(weight {spec.weight})\t{spec.description}")
        return 0
    chosen = [targets[name] for name in args.target] if args.target else list(targets.values())
    if args.seed is not None:
        return _replay(chosen[0].name, args.seed)
    bad = 0
    if args.cases:
        started = time.monotonic()
        counts = share(args.cases, chosen)
        tally = run_cases({name: (args.start, n) for name, n in counts.items() if n}, args.workers)
        print(f"{sum(tally.counts.values())} cases ({', '.join(f'{n} {t}' for t, n in counts.items())}) in "
              f"{time.monotonic() - started:.0f} s with {args.workers} workers\n{tally.table()}")
        for line in tally.failure_lines():
            print(line)
        bad += tally.bad
    if args.kill_trials:
        from tests.fuzz.kill_trials import run_trials

        started = time.monotonic()
        report = run_trials(args.kill_trials, first_seed=args.start, parallel=args.workers)
        print(f"{args.kill_trials} kill -9 trials in {time.monotonic() - started:.0f} s\n{report.table()}")
        for line in report.failures:
            print(line)
        bad += len(report.failures)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
