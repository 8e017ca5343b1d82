"""Where a durable write's CPU goes, thread by thread, in a real `kg serve` under concurrent
writers: what benchmarks/findings.md reports for the 8-client target. Writes go into STORE
(use a copy). Thread names come from `py-spy dump` if py-spy is installed (`.[bench]`).

    python benchmarks/write_cpu.py STORE [--clients 8] [--writes 1000] [--rounds 2]
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.over_http import WRITTEN, some_claims, writes
from kg.tokens import TokenFile
from tests.server import Server

TICKS = 100  # clock ticks a second in /proc/PID/task/TID/stat (USER_HZ on Linux)


def cpu_by_thread(pid: int) -> Counter:
    """Seconds of CPU (user and system) each thread of `pid` has used so far."""
    used: Counter = Counter()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended meanwhile
            continue
        used[int(task.name)] = (int(fields[11]) + int(fields[12])) / TICKS
    return used


def thread_names(pid: int) -> dict[int, str]:
    """Thread id -> Python thread name (py-spy), or the kernel's name (RocksDB's threads)."""
    names = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        names[int(task.name)] = (task / "comm").read_text().strip()
    beside = Path(sys.executable).with_name("py-spy")  # in the venv, maybe not on PATH
    spy = str(beside) if beside.exists() else shutil.which("py-spy")
    if spy:
        dump = subprocess.run([spy, "dump", "--pid", str(pid)], capture_output=True, text=True)
        if dump.returncode:  # ptrace not allowed, say: threads keep the process's name
            print(f"py-spy dump failed: {dump.stderr.strip()}", file=sys.stderr)
        for tid, name in re.findall(r'Thread (\d+) \([^)]*\): "([^"]+)"', dump.stdout):
            names[int(tid)] = name
    return names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--writes", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    made = args.writes // args.clients * args.clients  # each client makes as many
    folder = Path(tempfile.mkdtemp())
    token = TokenFile(folder / "tokens.json").create("bench")
    server = Server(args.store, tokens=str(folder / "tokens.json"))
    try:
        with httpx.Client(base_url=server.url, timeout=600) as c:
            c.get("/gaps")  # the first read computes every status: not what we measure
            claims = some_claims(c, WRITTEN)
        writes(server.url, token, 80, args.clients, claims)  # warm up
        names = thread_names(server.proc.pid)
        for _ in range(args.rounds):
            before, started = cpu_by_thread(server.proc.pid), time.perf_counter()
            rate = writes(server.url, token, args.writes, args.clients, claims)
            used = cpu_by_thread(server.proc.pid) - before
            per_write: Counter = Counter()
            for tid, seconds in used.items():
                per_write[names.get(tid, "other")] += seconds * 1000 / made
            print(
                f"{args.clients} clients: {rate:.0f}/s in {time.perf_counter() - started:.1f} s;"
                f" server CPU a write {sum(per_write.values()):.2f} ms: "
                + ", ".join(f"{n} {ms:.2f}" for n, ms in per_write.most_common() if ms >= 0.01)
            )
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
