"""The one way files are written: a hidden temporary file, flushed, renamed over the target."""

from __future__ import annotations

import os

import pytest

from model.replacing import replacing


def test_the_target_appears_whole_and_nothing_else_is_left(tmp_path):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    synced = []
    real_fsync = os.fsync

    def recording_fsync(fd):
        synced.append(fd)
        real_fsync(fd)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", recording_fsync)
        with replacing(target) as temporary:
            assert temporary.parent == tmp_path and temporary.name.startswith(".~")
            temporary.write_bytes(b"new")
            assert target.read_bytes() == b"old"  # a reader sees the old file until the rename
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.pdf"]
    assert len(synced) == (1 if os.name == "nt" else 2)  # the file's bytes, then the folder's entry


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "gui-tinh.db"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["gui-tinh.db"]
