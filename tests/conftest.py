import json
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


@pytest.fixture(scope="session")
def client():
    """A TestClient on a seeded in-memory store; read-only by convention."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from kg.settings import Settings

    with TestClient(create_app(Settings(memory=True, query_timeout=5))) as c:
        yield c
