"""A real `kg serve` in a subprocess, for end-to-end tests."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (children, grandchildren...), read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    return found


def require_tool(name: str) -> str:
    """The path of a command the test needs; a skip normally, a failure with KG_REQUIRE_ALL."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("KG_REQUIRE_ALL") == "1":
        pytest.fail(f"{name} is required (KG_REQUIRE_ALL=1) but not installed")
    pytest.skip(f"{name} is not installed")


class Server:
    """`kg serve -p 0` on a store folder; `url` once it answers /health."""

    def __init__(self, store, **env: str):
        environment = {**os.environ, **{f"KG_{k.upper()}": v for k, v in env.items()}}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli.main", "serve", "-p", "0", "--store", str(store)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            raise RuntimeError(f"kg serve did not start: {self.proc.stderr.read()}")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("kg serve never answered /health")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)
