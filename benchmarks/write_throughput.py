"""Durable write throughput of POST /evidence on a real `kg serve` with a disk store.

    python benchmarks/write_throughput.py [--items 200] [--clients 8]

Each 201 is sent only after the item is committed and flushed (group commit shares flushes
between concurrent writers). Prints items per second, sequential and concurrent.
"""

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.tokens import TokenFile
from tests.server import Server

ITEM = {
    "claim": "c01",
    "summary": "A benchmark item.",
    "quote": "q",
    "source": "s01",
    "evidence_type": "audit",
    "independence": "independent",
    "direction": "supports",
    "directness": "direct",
}


def post_many(url: str, token: str, n: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as c:
        for _ in range(n):
            r = c.post("/evidence", json=ITEM, headers={"Authorization": f"Bearer {token}"})
            r.raise_for_status()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        token = TokenFile(store / "tokens.json").create("bench")
        server = Server(store)
        try:
            post_many(server.url, token, 10)  # warm up
            t = time.perf_counter()
            post_many(server.url, token, args.items)
            seq = args.items / (time.perf_counter() - t)
            per = args.items // args.clients
            t = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                list(pool.map(lambda _: post_many(server.url, token, per), range(args.clients)))
            conc = per * args.clients / (time.perf_counter() - t)
        finally:
            server.stop()
    print(
        f"POST /evidence, durable: sequential {seq:.0f} items/s; "
        f"{args.clients} clients {conc:.0f} items/s"
    )


if __name__ == "__main__":
    main()
