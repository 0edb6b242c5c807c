"""The registry of fuzz targets: one module per kind of untrusted input.

A target module is a file ``tests/fuzz/target_*.py`` that decorates a factory with :func:`register`. The factory
gets a private work folder (where it builds its seed inputs once) and returns a :class:`Target`, whose
``run_case(seed)`` mutates a seed input with ``random.Random(seed)`` alone, feeds it to the program, and returns
the :class:`~tests.fuzz.outcomes.Outcome`. The same seed always makes the same input, so a failure is replayed
with ``python tests/fuzz/run.py --target NAME --seed N``.

A new kind of input (a template, an Excel workbook, a PDF to verify) adds one module; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tests.fuzz.outcomes import Outcome


class Target(Protocol):
    def run_case(self, seed: int) -> Outcome: ...


@dataclass(frozen=True)
class TargetSpec:
    name: str
    factory: Callable[[Path], Target]
    weight: int
    """Share of the cases of a run (``--cases``) this target gets, relative to the others (0: only when named
    with ``--target``)."""
    description: str
    in_suite: bool = True
    """False for a target whose findings are not fixed yet: the suite's sample leaves it out."""


TARGETS: dict[str, TargetSpec] = {}


def register(name: str, *, weight: int, description: str, in_suite: bool = True
             ) -> Callable[[Callable[[Path], Target]], Callable[[Path], Target]]:
    def add(factory: Callable[[Path], Target]) -> Callable[[Path], Target]:
        TARGETS[name] = TargetSpec(name, factory, weight, description, in_suite)
        return factory
    return add


def load_targets() -> dict[str, TargetSpec]:
    """Every target of ``tests/fuzz/target_*.py``."""
    import tests.fuzz as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("target_"):
            importlib.import_module(f"tests.fuzz.{module.name}")
    return TARGETS


def share(total: int, specs: list[TargetSpec]) -> dict[str, int]:
    """``total`` cases split by weight (the remainder to the heaviest target); targets of weight 0 alone share
    them equally."""
    weights = sum(s.weight for s in specs)
    if weights == 0:
        specs = [TargetSpec(s.name, s.factory, 1, s.description, s.in_suite) for s in specs]
        weights = len(specs)
    counts = {s.name: total * s.weight // weights for s in specs}
    heaviest = max(specs, key=lambda s: s.weight).name
    counts[heaviest] += total - sum(counts.values())
    return counts
