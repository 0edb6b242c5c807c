"""A few hundred deterministically mutated workbooks: each is either read into values a clerk could have typed,
or refused with one Vietnamese line; never a traceback."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from model.template import load_template
from model.untrusted import RefusedFile
from model.values import from_storage, normalise_value
from model.xlsx_read import read_workbook
from tests.xlsx_mutations import mutate
from tests.xlsx_support import FILLED, blank_district_report, fill_form, new_form

CASES = 200
_RAW_WORDS = ("traceback", "error", "exception", "keyerror", "none", "b'", "xml")


@pytest.fixture(scope="module")
def filled_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("fuzz")
    library, report = blank_district_report(folder / "tinh.db")
    form = new_form(folder, library, report)
    library.close()
    return fill_form(form, folder / "da-dien.xlsx", FILLED).read_bytes()


def test_mutated_workbooks_are_read_or_refused_cleanly(tmp_path: Path, filled_bytes: bytes) -> None:
    template = load_template("nq36a_quy")
    outcomes = {"read": 0, "refused": 0}
    for seed in range(CASES):
        data, described = mutate(random.Random(seed), filled_bytes)
        path = tmp_path / f"ca-{seed}.xlsx"
        path.write_bytes(data)
        try:
            content = read_workbook(path)
        except RefusedFile as exc:
            message = str(exc)
            assert message.strip() and "\n" not in message, (seed, described, message)
            ours = re.sub(r"“[^”]*”", "", message).lower()  # what the clerk typed is quoted back as it was
            assert not any(word in ours for word in _RAW_WORDS), (seed, described, message)
            outcomes["refused"] += 1
        except Exception as exc:  # the finding is the exception itself
            pytest.fail(f"seed {seed} ({described}): {type(exc).__name__}: {exc}")
        else:
            (report,) = content.reports.values()
            for key, (number, text) in report.values.items():
                spec = template.fields[key]
                value = from_storage(spec, number, text)
                assert normalise_value(spec, value) == value, (seed, described, key, value)
            outcomes["read"] += 1
        path.unlink()
    assert outcomes["read"] > 20 and outcomes["refused"] > 50, outcomes  # both paths were exercised
