"""Trợ giúp → Hướng dẫn sử dụng (F1): opens the user guide PDF in the computer's PDF reader.

The guide is built from docs/huong-dan-su-dung/ with screenshots of the editor by tools/build_guide.py and
shipped in the bundle (build.spec); a source checkout where it was never built says how to build it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from model.paths import user_guide_path

if TYPE_CHECKING:
    from gui.services import WindowServices


def guide_action(window: WindowServices) -> QAction:
    return window.make_action("&Hướng dẫn sử dụng", lambda: open_guide(window), "F1",
                              "Mở tài liệu hướng dẫn sử dụng (PDF)", "huong_dan_su_dung")


def open_guide(window: WindowServices) -> bool:
    path = user_guide_path()
    if path is None:
        window.dialogs.error("Chưa có hướng dẫn sử dụng",
                             "Bản cài đặt này thiếu tệp hướng dẫn sử dụng. Hãy cài lại phần mềm; trên bản mã nguồn, "
                             "dựng hướng dẫn bằng lệnh: python3 tools/build_guide.py")
        return False
    return window.dialogs.open_file(path)
