"""The peers, on the same data: plain rdflib in memory, rdflib-endpoint (FastAPI + rdflib, as a
user runs it) and Virtuoso through our scale-out store. Each answers the same gap query text
(gaps.rq); a peer that takes longer than the limit is reported as such, not waited for.
rdflib-endpoint also answers the typical /sparql SELECT, and Virtuoso every other question of
over_http.py through our API in front of it (pages, SELECT, durable writes)."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.formulations import formulations  # noqa: E402
from benchmarks.measure import run_json, summary, timings, tree_peak_rss_mb  # noqa: E402
from benchmarks.over_http import SELECT  # noqa: E402
from kg.vocab import GRAPH_BASE  # noqa: E402

FORMULATIONS = formulations()
GAPS = FORMULATIONS["minus (ours)"]


# rdflib's fastest phrasings in the last runs first (with lookups: minus at 100k, not-exists
# with a status filter at 10k): the time budget is spent on the most promising, and each later
# one is stopped once it is slower than the best so far.
RDFLIB_ORDER = [
    "lookups+minus",
    "lookups+not-exists+status-filter",
    "minus (ours)",
    "not-exists+status-filter",
    "lookups+not-exists",
]


def rdflib_in_memory(nt: Path, repeat: int, limit: float) -> dict:
    """Load with rdflib, try each equivalent phrasing of the gap question (formulations.py),
    keep the fastest that gives the same rows, and time it; in a child stopped past `limit`."""
    texts = {name: FORMULATIONS[name] for name in RDFLIB_ORDER}
    try:
        out = subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "rdflib_gaps.py"),
                str(nt),
                json.dumps(texts),
                str(repeat),
                str(limit),
            ],
            capture_output=True,
            text=True,
            timeout=limit + 60,
            check=True,
        ).stdout
    except subprocess.TimeoutExpired:
        return {"over_limit_s": limit}
    data = json.loads(out)
    if not data["times"]:
        return {"over_limit_s": limit, "load_s": data["load_s"], "tried": data["tried"]}
    return {
        "load_s": data["load_s"],
        "gaps": summary(data["times"]),
        "formulation": data["fastest"],
        "tried": data["tried"],
        "rows": data["rows"],
        "peak_mb": data["peak_mb"],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, deadline: float) -> float | None:
    """When the endpoint first answered, or None if not before `deadline`."""
    while time.monotonic() < deadline:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=5)
            return time.monotonic()
        except httpx.HTTPError:
            time.sleep(0.2)
    return None


def rdflib_endpoint(nt: Path, repeat: int, limit: float, formulation: str) -> dict:
    """`rdflib-endpoint serve data.nt`, then the gap query over HTTP, phrased as `formulation`
    (rdflib's fastest, found by rdflib_in_memory: the endpoint runs the same engine)."""
    text = FORMULATIONS[formulation]
    port = _free_port()
    exe = Path(sys.executable).parent / "rdflib-endpoint"
    proc = subprocess.Popen(
        [str(exe), "serve", str(nt), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        started = time.monotonic()
        ready = _wait_ready(url, started + limit)
        if not ready:
            return {"over_limit_s": limit}
        headers = {"Accept": "application/sparql-results+json"}
        with httpx.Client(timeout=limit) as c:
            select = {"query": SELECT}
            extra = {
                "load_s": ready - started,  # it parses the file before it answers
                "sparql_select": summary(
                    timings(
                        lambda: c.get(url, params=select, headers=headers).raise_for_status(), 15
                    )
                ),
            }

            def ask() -> None:
                c.post(url, data={"query": text}, headers=headers).raise_for_status()

            try:
                t = time.perf_counter()
                ask()
                if time.perf_counter() - t > limit / (repeat + 1):
                    took = time.perf_counter() - t
                    return {"gaps": summary([took]), "runs": 1, "formulation": formulation, **extra}
                result = {
                    "gaps": summary(timings(ask, repeat, warmup=0)),
                    "formulation": formulation,
                    **extra,
                }
            except httpx.TimeoutException:
                return {"over_limit_s": limit, **extra}
            result["peak_mb"] = tree_peak_rss_mb(proc.pid)
            return result
    finally:
        proc.kill()
        proc.wait()


VIRTUOSO_URL = "sparql+http://127.0.0.1:8895/sparql"


def virtuoso(data: Path, repeat: int, workdir: Path) -> dict:
    """A throwaway Virtuoso loaded with its bulk loader (the same triples, seed included);
    the gap query through our scale-out store, then over_http.py through our API on it."""
    env = {**os.environ, "KG_VIRTUOSO_HTTP": "8895", "KG_VIRTUOSO_SQL": "1116"}
    script = ROOT / "scripts" / "virtuoso.sh"
    subprocess.run(
        ["bash", str(script), "start", str(workdir)],
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    try:
        (workdir / data.name).write_bytes(data.read_bytes())
        t = time.perf_counter()
        for sql in (
            # Into one of our graphs: `kg serve` seeds a remote store without any, and the seed
            # is already in this file (the union of graphs would then count it twice).
            f"ld_dir('{workdir}', '{data.name}', '{GRAPH_BASE}load/benchmark');",
            "rdf_loader_run();",
            "checkpoint;",
        ):
            subprocess.run(
                ["isql-vt", "1116", "dba", "dba", f"exec={sql}"],
                check=True,
                capture_output=True,
                timeout=3600,
                stdin=subprocess.DEVNULL,
            )
        load = time.perf_counter() - t
        from kg.settings import Settings
        from kg.store import open_store

        store = open_store(VIRTUOSO_URL, settings=Settings(sparql_timeout=600))
        rows = store.select(GAPS)
        result = {
            "load_s": load,
            "rows": len(rows),
            "gaps": summary(timings(lambda: store.select(GAPS), repeat)),
        }
        store.close()
        over_http = ROOT / "benchmarks" / "over_http.py"
        try:
            result["api"] = run_json(str(over_http), VIRTUOSO_URL, "--repeat", str(repeat))
        except RuntimeError as exc:  # reported in the table, not the end of the run
            result["api"] = {"error": str(exc).splitlines()[-1][:300]}
        return result
    finally:
        subprocess.run(
            ["bash", str(script), "stop", str(workdir)], env=env, capture_output=True, timeout=120
        )
