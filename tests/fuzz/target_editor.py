"""Target ``editor``: the editor's window opening a damaged library (File → Open), offscreen. It must say why in a
dialog or show the library, never raise, and never write to a damaged file; the window keeps working."""

from __future__ import annotations

import random
import shutil
import sys
import time
from pathlib import Path

from tests.fuzz import outcomes
from tests.fuzz.outcomes import Outcome
from tests.fuzz.registry import register
from tests.fuzz.target_import import message_problem, mutated_file, unexpected
from tests.fuzz.target_library import is_intact, library_seeds


class EditorTarget:
    def __init__(self, folder: Path, window=None) -> None:
        from gui.app import start_editor
        from tests.gui_support import ScriptedDialogs

        self.folder = folder
        self.seeds = library_seeds(folder / "seeds")
        home = folder / "nha.db"
        shutil.copyfile(folder / "seeds" / "mau.db", home)
        self.window = window or start_editor(str(home))
        self.window.dialogs = ScriptedDialogs(self.window)
        self.home = home

    def run_case(self, seed: int) -> Outcome:
        rng = random.Random(seed)
        data, described = mutated_file(rng, self.seeds, self.folder / "dang-sua.db")
        path = self.folder / f"hong-{seed}.db"
        path.write_bytes(data)
        intact = is_intact(path)
        window, errors = self.window, self.window.dialogs.errors
        errors.clear()
        raised: list[BaseException] = []
        hook, sys.excepthook = sys.excepthook, lambda _t, exc, _tb: raised.append(exc)
        started = time.process_time()
        try:
            opened = window.open_library(path)
            from PySide6.QtWidgets import QApplication

            QApplication.processEvents()
        except Exception as exc:
            raised.append(exc)
        finally:
            sys.excepthook = hook
        outcome = self._judge(raised, opened if not raised else False, errors, path, data, intact)
        if time.process_time() - started > outcomes.HANG_SECONDS:
            outcome = Outcome(outcomes.HANG, f"{time.process_time() - started:.1f} s")
        if not window.open_library(self.home):  # back to a good library for the next case
            outcome = Outcome(outcomes.TRACEBACK, f"the window no longer opens a good library: {errors}")
        path.unlink(missing_ok=True)
        if outcome.kind not in outcomes.GOOD:
            return Outcome(outcome.kind, f"{outcome.detail} [{'intact' if intact else 'damaged'}: {described}]")
        return outcome

    @staticmethod
    def _judge(raised: list[BaseException], opened: bool, errors: list[tuple[str, str]], path: Path, data: bytes,
               intact: bool) -> Outcome:
        if raised:
            return unexpected(raised[0])
        if any("lỗi ngoài dự kiến" in text for _title, text in errors):
            return Outcome(outcomes.TRACEBACK, f"unexpected error told to the clerk: {errors[-1][1][:100]}")
        changed = path.read_bytes() != data
        if not opened:
            if changed:
                return Outcome(outcomes.REFUSED_CHANGED, errors[-1][1] if errors else "")
            if not errors:
                return Outcome(outcomes.UNCLEAR, "refused without a message")
            if problem := message_problem(errors[-1][1]):
                return Outcome(outcomes.UNCLEAR, problem)
            return Outcome(outcomes.REFUSED, errors[-1][1])
        if changed and not intact:
            return Outcome(outcomes.REFUSED_CHANGED, "a damaged library was written to")
        return Outcome(outcomes.ACCEPTED)


@register("editor", weight=1, description="the editor's window opening a damaged library")
def _editor_target(folder: Path) -> EditorTarget:
    return EditorTarget(folder)
