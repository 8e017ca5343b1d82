"""The peers, on the same data: plain rdflib in memory, rdflib-endpoint (FastAPI + rdflib, as a
user runs it) and Virtuoso through our scale-out store. Each answers the same gap query text
(gaps.rq); a peer that takes longer than the limit is reported as such, not waited for."""

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
from benchmarks.measure import summary, timings, tree_peak_rss_mb  # noqa: E402
from kg import queries  # noqa: E402

GAPS = queries.bind(queries.get("gaps"))


def rdflib_in_memory(nt: Path, repeat: int, limit: float) -> dict:
    """Load with rdflib and ask the gap query, in a child process killed past `limit` s."""
    code = f"""
import json, resource, time, statistics
from rdflib import Graph
t = time.perf_counter(); g = Graph(); g.parse({str(nt)!r}, format="nt")
load = time.perf_counter() - t
q = {GAPS!r}
times = []
for _ in range({repeat}):
    t = time.perf_counter(); n = len(list(g.query(q))); times.append(time.perf_counter() - t)
print(json.dumps({{"load_s": load, "times": times, "rows": n,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=limit, check=True
        ).stdout
    except subprocess.TimeoutExpired:
        return {"over_limit_s": limit}
    data = json.loads(out)
    return {
        "load_s": data["load_s"],
        "gaps": summary(data["times"]),
        "rows": data["rows"],
        "peak_mb": data["peak_mb"],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rdflib_endpoint(nt: Path, repeat: int, limit: float) -> dict:
    """`rdflib-endpoint serve data.nt`, then the gap query over HTTP."""
    port = _free_port()
    exe = Path(sys.executable).parent / "rdflib-endpoint"
    proc = subprocess.Popen(
        [str(exe), "serve", str(nt), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                httpx.get(url, params={"query": "ASK {}"}, timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            return {"over_limit_s": limit}
        headers = {"Accept": "application/sparql-results+json"}
        with httpx.Client(timeout=limit) as c:

            def ask() -> None:
                c.post(url, data={"query": GAPS}, headers=headers).raise_for_status()

            try:
                t = time.perf_counter()
                ask()
                if time.perf_counter() - t > limit / (repeat + 1):
                    return {"gaps": summary([time.perf_counter() - t]), "runs": 1}
                result = {"gaps": summary(timings(ask, repeat, warmup=0))}
            except httpx.TimeoutException:
                return {"over_limit_s": limit}
            result["peak_mb"] = tree_peak_rss_mb(proc.pid)
            return result
    finally:
        proc.kill()
        proc.wait()


def virtuoso(data: Path, repeat: int, workdir: Path) -> dict:
    """A throwaway Virtuoso loaded with its bulk loader (the same triples, seed included);
    the gap query through our scale-out store."""
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
            f"ld_dir('{workdir}', '{data.name}', 'urn:kg:bench');",
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
        from kg.store.sparql import SparqlStore

        store = SparqlStore("http://127.0.0.1:8895/sparql", timeout=600)
        rows = store.select(GAPS)
        result = {
            "load_s": load,
            "rows": len(rows),
            "gaps": summary(timings(lambda: store.select(GAPS), repeat)),
        }
        store.close()
        return result
    finally:
        subprocess.run(
            ["bash", str(script), "stop", str(workdir)], env=env, capture_output=True, timeout=120
        )
