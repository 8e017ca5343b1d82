import json
import os
import sys
from pathlib import Path

import pytest

from kg.seed import ensure_seeded
from kg.store import OxigraphStore
from tests.builders import Builder

ROOT = Path(__file__).resolve().parent.parent
SOURCE_JSON = ROOT / "seed_data" / "source" / "nhs_groups_sources.json"


@pytest.fixture
def store():
    """An empty in-memory store."""
    s = OxigraphStore(None)
    yield s
    s.close()


@pytest.fixture
def build(store):
    return Builder(store)


@pytest.fixture(scope="session")
def seeded_store():
    """The ontology and seed data in memory; read-only by convention, shared by the session."""
    s = OxigraphStore(None)
    ensure_seeded(s)
    return s


@pytest.fixture(scope="session")
def source_data():
    return json.loads(SOURCE_JSON.read_text())


@pytest.fixture
def kg(capsys, monkeypatch, tmp_path):
    """Run the `kg` command in this process: returns (exit code, stdout, stderr)."""
    from kg.cli.main import run

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["kg", *args])
        try:
            run()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


BACKENDS = ["oxigraph", "virtuoso"]


def require_virtuoso() -> str:
    """The Virtuoso endpoint the tests use (KG_VIRTUOSO_URL, started by scripts/test.sh)."""
    url = os.environ.get("KG_VIRTUOSO_URL")
    if url:
        return url
    if os.environ.get("KG_REQUIRE_ALL") == "1":
        pytest.fail("KG_VIRTUOSO_URL is not set: Virtuoso is required (KG_REQUIRE_ALL=1)")
    pytest.skip("no Virtuoso (KG_VIRTUOSO_URL unset); scripts/test.sh starts one")


def reset_virtuoso() -> str:
    """Drop every graph of ours from the test Virtuoso; returns the store location."""
    from kg.store import open_store

    location = "sparql+" + require_virtuoso()
    with open_store(location) as remote:
        for g in remote.graph_names():
            remote.update(f"DROP SILENT GRAPH <{g}>")
    return location


def settings_for(backend: str, **kw):
    """Settings for a new, seeded store of this backend (a remote one is emptied first)."""
    from kg.settings import Settings

    if backend == "virtuoso":
        return Settings(store=reset_virtuoso(), **kw)
    return Settings(memory=True, **kw)


@pytest.fixture(scope="session", params=BACKENDS)
def client(request, tmp_path_factory):
    """A TestClient on a seeded store of each backend; read-only by convention."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    tokens = str(tmp_path_factory.mktemp("tokens") / "tokens.json")
    settings = settings_for(request.param, query_timeout=5, tokens=tokens)
    with TestClient(create_app(settings)) as c:
        c.backend = request.param
        yield c
