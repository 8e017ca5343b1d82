"""End to end writes on a real server and disk store: a crash mid-write, and 8 writers."""

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from kg.store import open_store
from kg.tokens import TokenFile
from tests.server import Server

pytestmark = pytest.mark.e2e
ITEM = {
    "summary": "A test item.",
    "quote": "q",
    "source": "s01",
    "evidence_type": "audit",
    "independence": "independent",
    "direction": "supports",
    "directness": "direct",
}
HALF_ITEMS = """PREFIX nhsg: <https://w3id.org/nhs-groups-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?item WHERE {
  GRAPH ?g { ?item a nhsg:EvidenceItem }
  FILTER NOT EXISTS {
    GRAPH ?g { ?item nhsg:source ?s ; nhsg:direction ?d ; nhsg:independence ?i ;
                     nhsg:directness ?n ; nhsg:summary ?m ; nhsg:evidenceType ?t }
    ?g prov:wasAttributedTo ?who ; prov:generatedAtTime ?when ; prov:wasGeneratedBy ?act .
  }
}"""


@pytest.fixture
def store_dir(tmp_path):
    return tmp_path / "store"


def _token(store_dir, name="writer"):
    return TokenFile(store_dir / "tokens.json").create(name)


def test_kill_9_loses_no_acknowledged_write(store_dir):
    token = _token(store_dir)
    server = Server(store_dir)
    acknowledged: list[dict] = []
    stop = threading.Event()

    def post(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=10) as c:
            for i in range(1000):
                if stop.is_set():
                    return
                try:
                    r = c.post(
                        "/evidence",
                        json={**ITEM, "claim": f"c{n + 1:02d}", "summary": f"writer {n} item {i}"},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                except httpx.HTTPError:
                    return
                if r.status_code == 201:
                    acknowledged.append(r.json())

    threads = [threading.Thread(target=post, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait(10)
    stop.set()
    for t in threads:
        t.join(15)
    assert len(acknowledged) >= 40
    for child in _orphans():
        os.kill(child, signal.SIGKILL)

    restarted = Server(store_dir)
    try:
        for body in acknowledged:
            again = httpx.get(f"{restarted.url}/evidence/{body['id']}").json()
            assert again["summary"] == body["summary"] and again["source"] == body["source"]
            assert again["provenance"] == body["provenance"]
    finally:
        restarted.stop()
    with open_store(store_dir) as s:
        assert s.select(HALF_ITEMS) == []


def _orphans() -> list[int]:
    """Query workers of the killed server (their parent died with it); they exit on EOF but
    are cleaned up here so that nothing holds the store."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    cmd = fh.read()
            except OSError:
                continue
            if b"multiprocessing" in cmd and b"spawn" in cmd and int(entry) != os.getpid():
                with open(f"/proc/{entry}/stat") as fh:
                    if fh.read().rsplit(")", 1)[1].split()[1] == "1":
                        found.append(int(entry))
    return found


def test_eight_writers_and_readers(store_dir):
    token = _token(store_dir)
    server = Server(store_dir)
    statuses: list[int] = []
    try:

        def writer(n: int) -> list[str]:
            ids = []
            with httpx.Client(base_url=server.url, timeout=30) as c:
                for i in range(50):
                    r = c.post(
                        "/evidence",
                        json={**ITEM, "claim": f"c{n + 1:02d}", "summary": f"writer {n} item {i}"},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    statuses.append(r.status_code)
                    ids.append(r.json()["id"])
                    if i % 10 == 0:
                        g = c.get("/gaps")
                        statuses.append(g.status_code)
                        assert g.json()["total"] == len(g.json()["items"])
            return ids

        before = {
            f"c{n + 1:02d}": httpx.get(f"{server.url}/claims/c{n + 1:02d}").json() for n in range(8)
        }
        with ThreadPoolExecutor(8) as pool:
            ids = [i for batch in pool.map(writer, range(8)) for i in batch]
        assert all(s < 500 for s in statuses) and statuses.count(201) == 400
        assert len(set(ids)) == 400
        for claim, old in before.items():
            now = httpx.get(f"{server.url}/claims/{claim}").json()
            assert now["counts"]["items"] == old["counts"]["items"] + 50
            # unverified items are evidence but never independent evidence
            expected = {"no-evidence": "no-independent-evidence"}.get(old["status"], old["status"])
            assert now["status"] == expected
            assert len(now["evidence"]) == len(old["evidence"]) + 50
    finally:
        server.stop()
