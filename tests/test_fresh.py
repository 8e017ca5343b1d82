"""POST /evidence answers with a body built from its own write (kg.fresh), not read back: it
must be exactly what GET /evidence/{id} then gives, for every shape of body, on every backend."""

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.tokens import TokenFile
from tests.conftest import BACKENDS, settings_for

BASE = {
    "summary": "An audit of joint procurement found savings.",
    "evidence_type": "audit",
    "independence": "independent",
    "direction": "supports",
    "directness": "direct",
}
SHAPES = {
    "claim, known source, quote, day": {
        "claim": "c01",
        "source": "s01",
        "quote": "savings of 2% were found",
        "date": "2025-06-01",
    },
    "benefit, known source, nothing optional": {"benefit": "economies-of-scale", "source": "s02"},
    "new source with every field, month": {
        "claim": "c02",
        "date": "2024-03",
        "source": {
            "url": "https://example.org/audit",
            "title": "An audit",
            "publisher": "An auditor",
            "date": "2024-03-05",
        },
    },
    "new source, only url and title, year": {
        "claim": "c03",
        "date": "2023",
        "source": {"url": "https://example.org/b", "title": 'Ünïcode "quoted" title'},
    },
}


@pytest.fixture(scope="module", params=BACKENDS)
def api(request, tmp_path_factory):
    tokens = TokenFile(tmp_path_factory.mktemp("fresh") / "tokens.json")
    key = tokens.create("alice.o@nhs")
    with TestClient(create_app(settings_for(request.param, tokens=str(tokens.path)))) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        yield client


@pytest.mark.parametrize("shape", SHAPES)
def test_the_201_is_what_get_then_gives(api, shape):
    posted = api.post("/evidence", json=BASE | SHAPES[shape], headers={"X-Request-ID": shape})
    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert body["verification_status"] == "unverified" and body["reviews"] == []
    assert body["provenance"][0]["request_id"] == shape
    assert api.get(posted.headers["Location"]).json() == body


def test_a_replay_answers_with_the_item_as_it_is_now(api):
    first = api.post("/evidence", json=BASE | SHAPES["benefit, known source, nothing optional"],
                     headers={"Idempotency-Key": "fresh-replay"})  # fmt: skip
    again = api.post("/evidence", json=BASE | SHAPES["benefit, known source, nothing optional"],
                     headers={"Idempotency-Key": "fresh-replay"})  # fmt: skip
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json() == api.get(first.headers["Location"]).json()
