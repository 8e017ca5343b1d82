"""One scale over HTTP: a real `kg serve` on an already loaded store (ours, or a remote one).
Times /gaps, a claim's page, an evidence item's page, /health, a /sparql SELECT and durable
writes; reads peak memory.

    python benchmarks/over_http.py STORE [--repeat 15] [--writes 100]
"""

import argparse
import http.client
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.measure import http_get, interleaved, summary, timings, tree_peak_rss_mb
from kg.tokens import TokenFile
from tests import builders
from tests.server import Server

SELECT = (
    "PREFIX nhsg: <https://w3id.org/nhs-groups-kg/ontology#> SELECT ?claim ?group "
    "WHERE { ?claim a nhsg:Claim ; nhsg:aboutGroup ?group } LIMIT 100"
)
# Pages take a few ms: many more samples than the gaps, whose median of 5 moved by 30%.
SMALL = 200
WRITTEN = 200  # claims the timed writes add items to, apart from those timed after a write
ITEM = {**builders.ITEM, "summary": "A benchmark item."}  # each write names its claim


def writes(url: str, token: str, n: int, clients: int, claims: list[str]) -> float:
    """Items per second of durable POST /evidence with `clients` concurrent writers, each item
    to the next of `claims` in turn, as contributors spread over the graph would write. (One
    claim for all of them grew to hundreds of items, which no real claim has.)

    Each writer is the standard library's HTTP client on one kept-alive connection: httpx
    spent 2.2 ms of CPU per request here, on the same 2 cores as the server it was timing,
    and http.client 0.5 ms (benchmarks/findings.md)."""
    where = urlsplit(url)
    bodies = [json.dumps({**ITEM, "claim": claim}).encode() for claim in claims]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def post(client: int) -> None:
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=120)
        try:
            for k in range(n // clients):
                body = bodies[(client * (n // clients) + k) % len(bodies)]
                connection.request("POST", "/evidence", body, headers)
                answer = connection.getresponse()
                answer.read()
                if answer.status != 201:
                    raise RuntimeError(f"POST /evidence: {answer.status}")
        finally:
            connection.close()

    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(post, range(clients)))
    return (n // clients * clients) / (time.perf_counter() - t)


def after_a_write(client: httpx.Client, token: str, path: str, claims: list[str]) -> dict:
    """GET `path` (a format string, given the claim), each time just after an item is added to
    the next of `claims`: what a read pays to bring the statuses the server keeps up to date
    (kg/status_view.py). One item per claim, so that no claim's page grows as we measure."""
    out = []
    for claim in claims:
        client.post(
            "/evidence", json={**ITEM, "claim": claim}, headers={"Authorization": f"Bearer {token}"}
        ).raise_for_status()
        out += timings(http_get(client, path.format(claim)), 1, warmup=0)
    return summary(out)


def some_claims(client: httpx.Client, n: int) -> list[str]:
    """`n` claims from one page (round again if there are fewer). One page, because behind a
    remote store every page of claims runs the rule over the whole graph (1.7 s at 1M on
    Virtuoso); a small one, because 10,000 claims raised the server's peak by 31 MB at 1M."""
    found = [c["id"] for c in client.get("/claims", params={"limit": n}).json()["items"]]
    return [found[k % len(found)] for k in range(n)]


def reads(c: httpx.Client, repeat: int) -> dict:
    """The first /gaps (the server computes every status), then the reads, up to date."""
    first = timings(http_get(c, "/gaps"), 1, warmup=0)
    claim = c.get("/claims", params={"limit": 1, "offset": 17}).json()["items"][0]["id"]
    item = c.get(f"/claims/{claim}").json()["evidence"][0]["id"]
    pages = interleaved(
        {
            "claim_page": http_get(c, f"/claims/{claim}"),
            "evidence_page": http_get(c, f"/evidence/{item}"),
            "health": http_get(c, "/health"),
            "sparql_select": http_get(c, "/sparql", {"query": SELECT}),
        },
        max(repeat, SMALL),
    )
    return {
        "claim": claim,
        "gaps_first_ms": first[0] * 1000,
        "gaps_http": summary(timings(http_get(c, "/gaps"), repeat)),
        **{name: summary(seconds) for name, seconds in pages.items()},
    }


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
            result = reads(c, args.repeat)
            claims = some_claims(c, args.repeat + SMALL // 4 + WRITTEN)
            gaps, pages = claims[: args.repeat], claims[args.repeat : args.repeat + SMALL // 4]
            spread = claims[args.repeat + SMALL // 4 :]
            result["writes_seq_per_s"] = writes(server.url, token, args.writes, 1, spread)
            result["writes_8_per_s"] = writes(server.url, token, args.writes * 2, 8, spread)
            result["gaps_after_write"] = after_a_write(c, token, "/gaps", gaps)
            result["claim_page_after_write"] = after_a_write(c, token, "/claims/{}", pages)
        result["server_peak_mb"] = tree_peak_rss_mb(server.proc.pid)
    finally:
        server.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
