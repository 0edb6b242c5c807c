"""Tệp → Ký số… and Tệp → Kiểm tra chữ ký số… in the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests import signing_support as pki
from tests.signing_support import Kit, make_kit


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    return make_kit(tmp_path_factory.mktemp("ky-so-gui"))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _sign_dialog(qtbot, settings: QSettings, kit: Kit, role_index: int, source: Path, key: Path, image: Path):
    from gui.dialogs.signing import SignDialog

    dialog = SignDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.set_path(source)
    dialog.role.setCurrentIndex(role_index)
    dialog.use_file.setChecked(True)
    dialog.key_file.set_path(key)
    dialog.image.set_path(image)
    return dialog


def test_sign_twice_from_the_editor_then_verify(qtbot, settings, kit, tmp_path) -> None:
    from gui.dialogs.signing import VerifyDialog

    source = tmp_path / "BC-154-UBND-2018-Q2.pdf"
    source.write_bytes(kit.report.read_bytes())
    dialog = _sign_dialog(qtbot, settings, kit, 0, source, kit.signer_p12, kit.signature)
    assert dialog.target.path() == tmp_path / "BC-154-UBND-2018-Q2-da-ky.pdf"
    dialog.secret.setText("sai")
    dialog.accept()
    assert dialog.isVisible() and dialog.secret.text() == ""
    assert dialog.message.text() == "Mật khẩu của tệp chứng thư số “nguoi-ky.p12” không đúng."
    assert not dialog.target.path().exists()
    dialog.secret.setText(pki.P12_PASSWORD)
    dialog.accept()
    assert not dialog.isVisible() and dialog.signed == tmp_path / "BC-154-UBND-2018-Q2-da-ky.pdf"
    settings.sync()
    saved = Path(settings.fileName()).read_text(encoding="utf-8", errors="replace")
    assert "nguoi-ky.p12" in saved and pki.P12_PASSWORD not in saved

    second = _sign_dialog(qtbot, settings, kit, 1, dialog.signed, kit.organisation_p12, kit.seal)
    assert second.key_file.path() == kit.organisation_p12
    second.secret.setText(pki.P12_PASSWORD)
    second.accept()
    assert second.signed == tmp_path / "BC-154-UBND-2018-Q2-co-dau.pdf"

    settings.setValue("ky_so/thu_muc_tin_cay", str(kit.ca_pem))
    verify = VerifyDialog(settings, None, second.signed)
    qtbot.addWidget(verify)
    verify.show()
    assert verify.table.rowCount() == 2
    signers = [verify.table.item(row, 0).text() for row in range(2)]
    assert signers == ["Mai Văn Huỳnh", "Ủy ban nhân dân tỉnh Kiên Giang"]
    assert [verify.table.item(row, 3).text() for row in range(2)] == ["nguyên vẹn", "nguyên vẹn"]
    assert verify.summary.text() == "Cả 2 chữ ký số hợp lệ, văn bản nguyên vẹn."
    verify.grab().save(str(tmp_path / "kiem-tra.png"))
    second.show()
    second.grab().save(str(tmp_path / "ky-so.png"))


def test_verify_without_trust_says_untrusted(qtbot, settings, kit, tmp_path) -> None:
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import SIGNER, sign_pdf
    from gui.dialogs.signing import VerifyDialog

    signed = sign_pdf(kit.report, tmp_path / "ky.pdf", SIGNER, load_pkcs12(kit.signer_p12, pki.P12_PASSWORD))
    verify = VerifyDialog(settings, None, signed)
    qtbot.addWidget(verify)
    assert verify.table.item(0, 4).text() == "KHÔNG tin cậy"
    assert verify.summary.text().startswith("1/1 chữ ký số KHÔNG đạt")
    verify.pdf.set_path(kit.report)
    verify.check()
    assert verify.table.rowCount() == 0
    assert verify.summary.text() == "Tệp “bao-cao.pdf” không có chữ ký số nào."


def test_file_menu_has_the_signing_actions(qtbot, monkeypatch, sample_path) -> None:
    from gui.app import start_editor
    from tests.gui_support import ScriptedDialogs

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    titles = [action.text() for action in window.file_menu.actions()]
    assert "&Ký số…" in titles and "Kiểm tra chữ &ký số…" in titles
