"""Timing and memory helpers for the benchmark scripts (not a test module)."""

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.server import descendants


def run_json(*args: str) -> dict:
    """Run a benchmark script in its own Python process; the JSON of its last line."""
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def timings(fn: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Seconds of `repeat` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def interleaved(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Seconds of each call over `repeat` rounds, each round calling every one in turn, after
    one untimed round. Times to be compared are taken side by side: this machine's speed
    drifts by a third from one minute to the next, more than the differences we measure."""
    for fn in calls.values():
        fn()
    out: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, fn in calls.items():
            t = time.perf_counter()
            fn()
            out[name].append(time.perf_counter() - t)
    return out


def summary(seconds: list[float]) -> dict:
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def http_get(client: httpx.Client, url: str, params: dict | None = None) -> Callable[[], None]:
    """A call that GETs `url` and fails loudly on anything but 200."""

    def call() -> None:
        r = client.get(url, params=params)
        if r.status_code != 200:
            raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")

    return call


def tree_peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process plus that of all its descendants, MB.
    Descendants, not children: query workers are forked by a fork server, our grandchild."""
    return sum(_status_kb(p, "VmHWM") for p in descendants(pid)) / 1024


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
