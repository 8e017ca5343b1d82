"""One scale over HTTP: a real `kg serve` on an already loaded store (ours, or a remote one).
Times /gaps, a claim's page, an evidence item's page, /health, a /sparql SELECT and durable
writes; reads peak memory.

    python benchmarks/over_http.py STORE [--repeat 15] [--writes 100]
"""

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.measure import http_get, summary, timings, tree_peak_rss_mb
from kg.tokens import TokenFile
from tests.server import Server

SELECT = (
    "PREFIX nhsg: <https://w3id.org/nhs-groups-kg/ontology#> SELECT ?claim ?group "
    "WHERE { ?claim a nhsg:Claim ; nhsg:aboutGroup ?group } LIMIT 100"
)
ITEM = {
    "claim": "c01",
    "summary": "A benchmark item.",
    "source": "s01",
    "evidence_type": "audit",
    "independence": "independent",
    "direction": "supports",
    "directness": "direct",
}


def writes(url: str, token: str, n: int, clients: int) -> float:
    """Items per second of durable POST /evidence with `clients` concurrent writers."""

    def post(count: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as c:
            for _ in range(count):
                c.post(
                    "/evidence", json=ITEM, headers={"Authorization": f"Bearer {token}"}
                ).raise_for_status()

    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(post, [n // clients] * clients))
    return (n // clients * clients) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--writes", type=int, default=100)
    args = ap.parse_args()
    tokens = Path(tempfile.mkdtemp()) / "tokens.json"
    token = TokenFile(tokens).create("bench")
    server = Server(args.store, tokens=str(tokens), query_timeout="600", max_rows="1000000")
    try:
        with httpx.Client(base_url=server.url, timeout=600) as c:
            claim = c.get("/claims", params={"limit": 1, "offset": 17}).json()["items"][0]["id"]
            item = c.get(f"/claims/{claim}").json()["evidence"][0]["id"]
            result = {
                "gaps_http": summary(timings(http_get(c, "/gaps"), args.repeat)),
                "claim_page": summary(timings(http_get(c, f"/claims/{claim}"), args.repeat)),
                "evidence_page": summary(timings(http_get(c, f"/evidence/{item}"), args.repeat)),
                "health": summary(timings(http_get(c, "/health"), args.repeat)),
                "sparql_select": summary(
                    timings(http_get(c, "/sparql", {"query": SELECT}), args.repeat)
                ),
            }
        result["writes_seq_per_s"] = writes(server.url, token, args.writes, 1)
        result["writes_8_per_s"] = writes(server.url, token, args.writes * 2, 8)
        result["server_peak_mb"] = tree_peak_rss_mb(server.proc.pid)
    finally:
        server.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
