"""The editor's entry point (placeholder until the editor lands)."""

from __future__ import annotations


def run_gui(library_path: str | None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label = QLabel(f"Soạn báo cáo — {library_path or 'chưa mở thư viện'}")
    label.setWindowTitle("Soạn báo cáo")
    label.show()
    return app.exec()
