"""End to end on Virtuoso: moving data from the embedded store, and surviving an outage."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.tokens import TokenFile
from tests.builders import ITEM
from tests.conftest import require_virtuoso, reset_virtuoso
from tests.server import Server

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def test_dump_embedded_restore_into_virtuoso(tmp_path):
    remote = reset_virtuoso()
    tokens = TokenFile(tmp_path / "tokens.json")
    alice, bob = tokens.create("alice"), tokens.create("bob", "reviewer")
    embedded = Server(tmp_path / "db", tokens=str(tokens.path))
    try:
        item = httpx.post(
            f"{embedded.url}/evidence", json=ITEM, headers={"Authorization": f"Bearer {alice}"}
        ).json()["id"]
        httpx.post(
            f"{embedded.url}/evidence/{item}/reviews",
            json={"status": "verified"},
            headers={"Authorization": f"Bearer {bob}"},
        ).raise_for_status()
        here = httpx.get(f"{embedded.url}/gaps").json()
        history = httpx.get(f"{embedded.url}/evidence/{item}").json()
    finally:
        embedded.stop()
    assert "c01" not in {c["id"] for c in here["items"]}  # the write changed the answer
    kg("dump", "-o", str(tmp_path / "all.nq"), "--store", str(tmp_path / "db"))
    kg("restore", str(tmp_path / "all.nq"), "--store", remote)
    there = Server(remote, tokens=str(tokens.path))
    try:
        assert httpx.get(f"{there.url}/gaps").json() == here
        moved = httpx.get(f"{there.url}/evidence/{item}").json()
        assert moved["reviews"] == history["reviews"]
        assert moved["provenance"] == history["provenance"]
    finally:
        there.stop()


@pytest.fixture
def own_virtuoso(tmp_path):
    """A second Virtuoso on other ports, to stop and start without disturbing the others."""
    require_virtuoso()
    env = {**os.environ, "KG_VIRTUOSO_HTTP": "8893", "KG_VIRTUOSO_SQL": "1114"}
    script = ROOT / "scripts" / "virtuoso.sh"

    def run(cmd: str) -> None:
        subprocess.run(
            ["bash", str(script), cmd, str(tmp_path / "v")],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    run("start")
    yield run
    run("stop")


def test_outage_gives_503_and_recovers_without_restart(own_virtuoso, tmp_path):
    location = "sparql+http://127.0.0.1:8893/sparql"
    server = Server(location, tokens=str(tmp_path / "tokens.json"), sparql_timeout="5")
    try:
        assert httpx.get(f"{server.url}/gaps", timeout=30).status_code == 200
        own_virtuoso("stop")
        for path in ("/gaps", "/health", "/claims/c01"):
            t = time.monotonic()
            r = httpx.get(server.url + path, timeout=30)
            assert r.status_code == 503, (path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert time.monotonic() - t < 10
        own_virtuoso("start")
        r = httpx.get(f"{server.url}/gaps", timeout=30)
        assert r.status_code == 200 and r.json()["total"] > 0
    finally:
        server.stop()
