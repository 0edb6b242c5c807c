"""The outcome classes of a fuzz case, and their tally.

A case ends in exactly one class. The first two are what a clerk should ever see; every other class is a bug
the harness reports with the case's seed, so ``python tests/fuzz/run.py --target T --seed N`` replays it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

REFUSED = "refused cleanly"
"""One Vietnamese line says why; the library's bytes are unchanged."""
ACCEPTED = "accepted intact"
"""Imported (or opened) and every invariant holds afterwards."""
TRACEBACK = "traceback"
"""An exception no handler explained reached the clerk (a Python traceback, exit status 1)."""
HANG = "hang (>10 s)"
"""A case that worked more than 10 s of CPU (or waited a minute): timed by CPU, so a loaded machine is no hang."""
REFUSED_CHANGED = "refused but bytes changed"
"""Refused, yet the library (or a damaged file opened directly) was written to."""
BROKEN = "accepted but invariants broken"
"""Accepted, and the library then fails integrity_check or our invariants (negative counts, control characters,
text that is not UTF-8 or not NFC, a report that cannot be checked)."""
UNCLEAR = "refused with an unclear message"
"""Refused, but the message is empty, several lines, or SQLite's or Python's English words."""

CLASSES = (REFUSED, ACCEPTED, TRACEBACK, HANG, REFUSED_CHANGED, BROKEN, UNCLEAR)
GOOD = frozenset({REFUSED, ACCEPTED})
HANG_SECONDS = 10.0


@dataclass(frozen=True)
class Outcome:
    kind: str
    detail: str = ""


@dataclass
class Tally:
    """Counts per class, and the first few failing cases of each class (target, seed, detail)."""

    counts: Counter[str] = field(default_factory=Counter)
    by_target: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[tuple[str, int, str, str]] = field(default_factory=list)
    slowest: tuple[float, str, int] = (0.0, "", 0)
    """CPU seconds of the slowest case, its target and seed."""

    def add(self, target: str, seed: int, outcome: Outcome, seconds: float = 0.0) -> None:
        self.counts[outcome.kind] += 1
        self.by_target[target, outcome.kind] += 1
        self.slowest = max(self.slowest, (seconds, target, seed))
        if outcome.kind not in GOOD and sum(f[2] == outcome.kind for f in self.failures) < 20:
            self.failures.append((target, seed, outcome.kind, outcome.detail))

    @property
    def bad(self) -> int:
        return sum(n for kind, n in self.counts.items() if kind not in GOOD)

    def table(self) -> str:
        """Counts per class: all targets, then each target."""
        width = max(len(c) for c in CLASSES)
        targets = sorted({target for target, _ in self.by_target})
        lines = [f"{'':<{width}}  {'total':>7}" + "".join(f"  {t:>9}" for t in targets)]
        for kind in (*CLASSES, "total"):
            count = sum(self.counts.values()) if kind == "total" else self.counts.get(kind, 0)
            per_target = [sum(n for (t, _), n in self.by_target.items() if t == target) if kind == "total"
                          else self.by_target.get((target, kind), 0) for target in targets]
            lines.append(f"{kind:<{width}}  {count:>7}" + "".join(f"  {n:>9}" for n in per_target))
        seconds, target, seed = self.slowest
        lines.append(f"slowest case: {seconds:.2f} s of CPU ({target} seed {seed})")
        return "\n".join(lines)

    def failure_lines(self) -> list[str]:
        return [f"{kind}: --target {target} --seed {seed}: {detail}" for target, seed, kind, detail in self.failures]
