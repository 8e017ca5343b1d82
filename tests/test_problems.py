"""The last-resort handler (api/problems.py): a 500 problem for the client, with no traceback,
and the traceback in the server's log, where someone can read it."""

import logging

from fastapi.testclient import TestClient

from api.app import create_app
from kg import catalog
from kg.settings import Settings


def test_an_unhandled_error_is_a_bare_500_and_a_logged_traceback(monkeypatch, caplog):
    def boom(store, ref, view=None):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(catalog, "claim", boom)
    app = create_app(Settings(memory=True))
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        r = client.get("/claims/c01")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/internal-error") and "secret" not in r.text
    [record] = [x for x in caplog.records if x.name == "kg.api"]
    assert record.exc_info and "secret detail of the failure" in caplog.text
    assert "RuntimeError" in caplog.text and "Traceback" in caplog.text
