"""Query workers' snapshots: a server killed without closing leaves its snapshot folder, whose
hard links would keep old store files on disk; the next server removes it."""

import os
import subprocess
import sys
import tempfile

from kg.store import OxigraphStore
from kg.workers import SNAPSHOTS, QueryPool


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_dead_servers_snapshots_are_removed_and_a_live_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = tmp_path / f"{SNAPSHOTS}{dead_pid()}-abc"
    (dead / "v3").mkdir(parents=True)
    live = tmp_path / f"{SNAPSHOTS}{os.getppid()}-def"
    live.mkdir()
    other = tmp_path / "kg-snapshots-unrelated"
    other.mkdir()
    pool = QueryPool(OxigraphStore(tmp_path / "db"))
    try:
        assert not dead.exists()
        assert live.exists() and other.exists()
        assert pool.snapshots.root.name.startswith(f"{SNAPSHOTS}{os.getpid()}-")
    finally:
        pool.close()
    assert not pool.snapshots.root.exists()
