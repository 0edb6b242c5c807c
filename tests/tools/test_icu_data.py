"""Qt's ICU data rebuilt for the Linux bundle (``tools/icu_data.py``): the Vietnamese and English locales and
everything that is not locale data stay byte for byte, and Qt sorts Vietnamese with it exactly as with the full data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from tools.icu_data import data_symbol, item_kept, package_in, read_package, trim_library, trimmed_package

QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
ICU_DATA = sorted(QT_LIB.glob("libicudata.so.*"))
needs_icu = pytest.mark.skipif(not ICU_DATA, reason="this PySide6 ships no ICU (Windows, macOS)")


def _needs_binutils() -> None:
    missing = [tool for tool in ("as", "ld", "nm", "readelf") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):  # .ci/run installs binutils: a CI without it must not pass by skipping
            pytest.fail(f"binutils missing: {missing}")
        pytest.skip(f"binutils missing: {missing} (apt-get install binutils)")


@pytest.mark.parametrize(("name", "kept"), [
    ("icudt73l/coll/vi.res", True), ("icudt73l/vi_VN.res", True), ("icudt73l/en_AU.res", True),
    ("icudt73l/root.res", True), ("icudt73l/coll/root.res", True), ("icudt73l/coll/ucadata.icu", True),
    ("icudt73l/res_index.res", True), ("icudt73l/zone/pool.res", True), ("icudt73l/supplementalData.res", True),
    ("icudt73l/nfkc.nrm", True), ("icudt73l/brkitr/word.brk", True), ("icudt73l/cnvalias.icu", True),
    ("icudt73l/coll/zh.res", False), ("icudt73l/de_DE.res", False), ("icudt73l/unit/es_419.res", False),
    ("icudt73l/zone/zh_Hant_TW.res", False), ("icudt73l/ibm-1390_P110-2003.cnv", False),
    ("icudt73l/brkitr/cjdict.dict", False), ("icudt73l/translit/root.res", False),
])
def test_items_kept_are_vietnamese_english_and_everything_not_a_locale(name: str, kept: bool) -> None:
    assert item_kept(name) is kept


@needs_icu
def test_trimmed_package_keeps_its_items_byte_for_byte_and_drops_the_rest() -> None:
    _needs_binutils()
    library = ICU_DATA[0]
    full = package_in(library, data_symbol(library))
    header, items = read_package(full)
    trimmed_header, trimmed = read_package(trimmed_package(full))
    assert trimmed_header == header
    assert trimmed == [(name, blob) for name, blob in items if item_kept(name)]
    names = [name for name, _ in trimmed]
    assert names == sorted(names, key=lambda n: n.encode())  # ICU finds items by binary search
    assert any(name.endswith("coll/vi.res") for name in names)
    assert len(trimmed_package(full)) < len(full) / 5  # 32 MB -> under 6 MB


_COLLATION_PROBE = """
import json, re
from PySide6.QtCore import QCollator, QCoreApplication, QLocale
app = QCoreApplication([])
words = ["ăa", "ab", "Đà Nẵng", "Dak Lak", "Điện Biên", "An Giang", "Ân Thi", "Ơn", "Ôm", "Ông", "Uyên", "Ưng",
         "Hà Nội", "Hà Giang", "Hải Phòng", "tệp 10", "tệp 9"]
out = {}
for name in ["vi_VN", "en_US", "de_DE"]:
    collator = QCollator(QLocale(name))
    out[name] = sorted(words, key=collator.sortKey)
    collator.setNumericMode(True)  # as the file dialogs sort
    out[name + " numeric"] = sorted(words, key=collator.sortKey)
out["upper"] = QLocale("vi_VN").toUpper("đường ưu tiên")
out["icu"] = re.findall(r"\\S*libicudata\\S*", open("/proc/self/maps").read())[:1]
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(library_path: str | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library_path:
        env["LD_LIBRARY_PATH"] = library_path  # searched before the RUNPATH of PySide6's Qt libraries
    done = subprocess.run([sys.executable, "-c", _COLLATION_PROBE], capture_output=True, text=True, env=env,
                          check=True)
    return json.loads(done.stdout)


@needs_icu
def test_qt_sorts_vietnamese_with_the_trimmed_data_as_with_the_full_data(tmp_path: Path) -> None:
    _needs_binutils()
    trimmed = trim_library(ICU_DATA[0], tmp_path)
    full, reduced = _probe(None), _probe(str(tmp_path))
    assert reduced.pop("icu") == [str(trimmed)] and full.pop("icu") == [str(ICU_DATA[0].resolve())]
    assert reduced == full
    # the Vietnamese tailoring is there: ă after every a, đ after every d, ơ after ô
    assert reduced["vi_VN"][:4] == ["ab", "An Giang", "ăa", "Ân Thi"]
    assert reduced["vi_VN numeric"][-4:] == ["tệp 9", "tệp 10", "Uyên", "Ưng"]
