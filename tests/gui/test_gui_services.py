"""The window's services: the controllers and pasting are typed against gui.services.WindowServices instead of
importing the window; the window must really offer every member the protocol names, with the same parameters,
or a controller fails only when the clerk first uses its action."""

from __future__ import annotations

import inspect

import pytest

from gui.services import WindowServices
from tests.gui_support import ScriptedDialogs


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    editor = start_editor(str(sample_path))
    qtbot.addWidget(editor)
    return editor


def _members() -> dict[str, object]:
    declared = {name: None for name in WindowServices.__annotations__}
    declared |= {name: value for name, value in vars(WindowServices).items()
                 if not (name.startswith("__") and name.endswith("__")) and (callable(value)
                                                                             or isinstance(value, property))}
    return declared


def test_the_protocol_names_what_the_controllers_use() -> None:
    names = set(_members())
    assert {"library", "dialogs", "settings", "make_action", "reload_reports", "statusBar", "write_again"} <= names


def test_the_main_window_offers_every_service_with_the_same_parameters(window) -> None:
    missing, different = [], []
    for name, declared in _members().items():
        if not hasattr(window, name):
            missing.append(name)
            continue
        if callable(declared) and not isinstance(declared, property) and name != "statusBar":  # statusBar is Qt's
            wanted = list(inspect.signature(declared).parameters)[1:]  # without self
            offered = list(inspect.signature(getattr(window, name)).parameters)
            if wanted != offered:
                different.append((name, wanted, offered))
    assert missing == []
    assert different == []
