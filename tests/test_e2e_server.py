"""End to end: a real uvicorn subprocess, spoken to by real clients."""

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.server import Server, descendants, require_tool

pytestmark = pytest.mark.e2e
GROUPS = (
    "PREFIX nhsg: <https://w3id.org/nhs-groups-kg/ontology#> "
    "SELECT ?g WHERE { ?g a nhsg:Group } ORDER BY ?g"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("e2e") / "store", query_timeout="2")
    yield s
    s.stop()


def test_gaps_equal_the_cli(server, tmp_path):
    over_http = httpx.get(server.url + "/gaps").json()
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli.main",
            "gaps",
            "--format",
            "json",
            "--store",
            str(tmp_path / "other"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert over_http == json.loads(cli.stdout)
    assert over_http["total"] > 0


def test_sparqlwrapper_formats(server):
    from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(GROUPS)
    sw.setReturnFormat(JSON)
    assert len(sw.query().convert()["results"]["bindings"]) == 15
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert len(doc.getElementsByTagName("result")) == 15
    sw.setReturnFormat(CSV)
    assert len(sw.query().convert().decode().strip().splitlines()) == 16
    sw.setQuery("CONSTRUCT WHERE { ?g a <https://w3id.org/nhs-groups-kg/ontology#Group> }")
    sw.setReturnFormat(TURTLE)
    from rdflib import Graph

    assert len(Graph().parse(data=sw.query().convert(), format="turtle")) == 15


def test_sparqlwrapper_post(server):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setMethod(POST)
    sw.setQuery(GROUPS)
    sw.setReturnFormat(JSON)
    assert len(sw.query().convert()["results"]["bindings"]) == 15


def test_rdflib_sparqlstore(server):
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    rows = list(g.query(GROUPS))
    assert len(rows) == 15
    assert URIRef("https://w3id.org/nhs-groups-kg/id/group/foundation-group") in {r.g for r in rows}


def test_curl(server):
    curl = require_tool("curl")
    out = subprocess.run(
        [curl, "-sf", "-H", "Accept: text/csv", server.url + "/gaps"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("id,group,benefit,status,reason")
    refused = subprocess.run(
        [
            curl,
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "--data-urlencode",
            "update=CLEAR ALL",
            server.url + "/sparql",
        ],
        capture_output=True,
        text=True,
    ).stdout
    assert refused == "403"


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and all its descendants (from /proc)."""
    total = 0.0
    for p in descendants(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in ticks
        except OSError:
            pass
    return total


def test_a_runaway_query_is_stopped(server):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result: dict = {}

    def ask() -> None:
        t = time.monotonic()
        result["response"] = httpx.get(
            server.url + "/sparql", params={"query": endless}, timeout=60
        )
        result["seconds"] = time.monotonic() - t

    worker = threading.Thread(target=ask)
    worker.start()
    time.sleep(0.5)
    health_times = []
    while worker.is_alive():
        t = time.monotonic()
        assert httpx.get(server.url + "/health", timeout=5).status_code == 200
        health_times.append(time.monotonic() - t)
        time.sleep(0.2)
    worker.join()
    r = result["response"]
    assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json"
    assert "2 s" in r.json()["detail"]
    assert result["seconds"] < 2 + 3
    assert health_times and max(health_times) < 1.0
    time.sleep(1)  # let the replacement worker finish starting
    before = _tree_cpu(server.proc.pid)
    time.sleep(2)
    assert _tree_cpu(server.proc.pid) - before < 0.3  # nothing keeps burning CPU
    assert httpx.get(server.url + "/sparql", params={"query": GROUPS}).status_code == 200
