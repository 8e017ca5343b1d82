"""POST /claims, POST /evidence, reviews: success, each refusal, and what the rule then says."""

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.tokens import TokenFile
from tests.conftest import BACKENDS, settings_for

PROBLEM = "application/problem+json"
ITEM = {
    "claim": "c01",
    "summary": "An audit of joint procurement found savings.",
    "quote": "savings of 2% were found",
    "source": "s01",
    "evidence_type": "audit",
    "independence": "independent",
    "direction": "supports",
    "directness": "direct",
    "date": "2025-06-01",
}
CLAIM = {
    "group": "foundation-group",
    "benefit": "economies-of-scale",
    "claimed_by": "A test speaker",
    "quote": "we will save money",
    "source": {
        "url": "https://example.org/paper",
        "title": "A board paper",
        "publisher": "A trust",
        "date": "2016-05",
    },
}


@pytest.fixture(params=BACKENDS)
def api(request, tmp_path):
    tokens = TokenFile(tmp_path / "tokens.json")
    keys = {
        "alice": tokens.create("alice"),
        "bob": tokens.create("bob", "reviewer"),
        "carol": tokens.create("carol", "reviewer"),
    }
    settings = settings_for(request.param, tokens=str(tokens.path), max_body=4096)
    with TestClient(create_app(settings)) as client:
        client.keys = keys
        client.tokens = tokens
        yield client


def auth(api, who):
    return {"Authorization": f"Bearer {api.keys[who]}"}


def gap_ids(api):
    return {c["id"] for c in api.get("/gaps").json()["items"]}


def triples(api):
    return api.get("/health").json()["triples"]


def test_post_evidence(api):
    r = api.post("/evidence", json=ITEM, headers=auth(api, "alice"))
    assert r.status_code == 201
    body = r.json()
    assert r.headers["location"] == f"/evidence/{body['id']}"
    assert body["verification_status"] == "unverified" and body["reviews"] == []
    assert body["claim"] == "c01" and body["source"]["id"] == "s01"
    [prov] = body["provenance"]
    assert prov["by"] == "alice" and prov["activity"] == "POST /evidence"
    assert api.get(r.headers["location"]).json() == body
    claim = api.get("/claims/c01").json()
    assert body["id"] in {e["id"] for e in claim["evidence"]}
    assert claim["status"] == "no-independent-evidence"  # unverified is not evidence yet


def test_post_evidence_about_a_benefit_with_a_new_source(api):
    item = {
        **ITEM,
        "claim": None,
        "benefit": "economies-of-scale",
        "source": {"url": "https://example.org/s", "title": "A study"},
    }
    r = api.post("/evidence", json=item, headers=auth(api, "alice"))
    assert r.status_code == 201
    body = r.json()
    assert body["benefit"] == "economies-of-scale" and body["claim"] is None
    assert body["source"]["url"] == "https://example.org/s"


def test_post_claim(api):
    r = api.post("/claims", json=CLAIM, headers=auth(api, "alice"))
    assert r.status_code == 201
    body = r.json()
    assert r.headers["location"] == f"/claims/{body['id']}"
    assert body["status"] == "no-evidence" and body["group"] == "foundation-group"
    assert body["source"]["title"] == "A board paper" and body["source"]["date"] == "2016-05"
    assert body["id"] in gap_ids(api)
    general = api.post(
        "/claims", json={**CLAIM, "group": None, "source": "s01"}, headers=auth(api, "alice")
    ).json()
    assert general["group"] is None


def test_review_moves_a_claim_out_of_gaps_and_withdrawal_back(api):
    claim = api.post("/claims", json=CLAIM, headers=auth(api, "alice")).json()["id"]
    item = api.post("/evidence", json={**ITEM, "claim": claim}, headers=auth(api, "alice")).json()[
        "id"
    ]
    assert claim in gap_ids(api)
    r = api.post(f"/evidence/{item}/reviews", json={"status": "verified"}, headers=auth(api, "bob"))
    assert r.status_code == 201 and r.json()["verification_status"] == "verified"
    assert claim not in gap_ids(api)
    assert api.get(f"/claims/{claim}").json()["status"] == "supported"
    r = api.post(
        f"/evidence/{item}/reviews",
        json={"status": "withdrawn", "comment": "the source was retracted"},
        headers=auth(api, "carol"),
    )
    assert r.status_code == 201
    assert claim in gap_ids(api)
    history = api.get(f"/evidence/{item}").json()["reviews"]
    assert [(h["status"], h["by"]) for h in history] == [
        ("verified", "bob"),
        ("withdrawn", "carol"),
    ]
    assert history[1]["comment"] == "the source was retracted"


def test_disputed_review_also_reopens_the_gap(api):
    claim = api.post("/claims", json=CLAIM, headers=auth(api, "alice")).json()["id"]
    item = api.post("/evidence", json={**ITEM, "claim": claim}, headers=auth(api, "alice")).json()[
        "id"
    ]
    api.post(f"/evidence/{item}/reviews", json={"status": "verified"}, headers=auth(api, "bob"))
    api.post(
        f"/evidence/{item}/reviews",
        json={"status": "disputed", "comment": "misquoted"},
        headers=auth(api, "bob"),
    )
    assert api.get(f"/claims/{claim}").json()["status"] == "no-independent-evidence"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer kg_nope_nope"}, 401),
        ({"Authorization": "Basic YWxpY2U6cHc="}, 401),
    ],
)
def test_writes_need_a_valid_token(api, headers, status):
    before = triples(api)
    for path, body in [
        ("/evidence", ITEM),
        ("/claims", CLAIM),
        ("/evidence/e01/reviews", {"status": "verified"}),
    ]:
        r = api.post(path, json=body, headers=headers)
        assert r.status_code == status and r.headers["content-type"] == PROBLEM
        assert r.headers["www-authenticate"] == "Bearer"
    assert triples(api) == before


def test_revoked_token(api):
    api.tokens.revoke("alice")
    assert api.post("/evidence", json=ITEM, headers=auth(api, "alice")).status_code == 401


def test_contributor_cannot_review(api):
    r = api.post(
        "/evidence/e01/reviews",
        json={"status": "disputed", "comment": "x"},
        headers=auth(api, "alice"),
    )
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM


def test_reviewer_cannot_review_own_item(api):
    item = api.post("/evidence", json=ITEM, headers=auth(api, "bob")).json()["id"]
    before = triples(api)
    r = api.post(f"/evidence/{item}/reviews", json={"status": "verified"}, headers=auth(api, "bob"))
    assert r.status_code == 403 and "submitted" in r.json()["detail"]
    assert triples(api) == before
    assert (
        api.post(
            f"/evidence/{item}/reviews", json={"status": "verified"}, headers=auth(api, "carol")
        ).status_code
        == 201
    )


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"direction": "refutes"}, "direction", "'supports', 'disputes' or 'inconclusive'"),
        ({"independence": "sort of"}, "independence", "'independent'"),
        ({"evidence_type": "blog"}, "evidence_type", "'inspection-report'"),
        ({"directness": None}, "directness", ""),
        ({"date": "2025-02-30"}, "date", "real date"),
        ({"summary": ""}, "summary", "at least 1"),
        ({"claim": "nope"}, "claim", "no claim with id 'nope'"),
        ({"source": "s999"}, "source", "no source with id 's999'"),
        ({"source": {"url": "ftp://x", "title": "t"}}, "source", ""),
        ({"benefit": "economies-of-scale"}, "body", "exactly one of 'claim' or 'benefit'"),
        ({"colour": "blue"}, "colour", "Extra inputs"),
    ],
)
def test_evidence_validation(api, change, field, words):
    before = triples(api)
    body = {k: v for k, v in {**ITEM, **change}.items() if v is not None}
    r = api.post("/evidence", json=body, headers=auth(api, "alice"))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    errors = r.json()["errors"]
    assert any(e["field"].startswith(field) and words in e["message"] for e in errors), errors
    assert triples(api) == before


def test_every_missing_reference_is_listed(api):
    r = api.post(
        "/claims",
        json={**CLAIM, "group": "g-nope", "benefit": "b-nope", "source": "s-nope"},
        headers=auth(api, "alice"),
    )
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"group", "benefit", "source"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "withdrawn"}, "body"),
        ({"status": "accepted"}, "status"),
        ({"status": "verified", "extra": 1}, "extra"),
    ],
)
def test_review_validation(api, body, field):
    r = api.post("/evidence/e01/reviews", json=body, headers=auth(api, "bob"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == field


def test_review_of_unknown_item(api):
    r = api.post("/evidence/e-nope/reviews", json={"status": "verified"}, headers=auth(api, "bob"))
    assert r.status_code == 404


def test_malformed_json(api):
    r = api.post(
        "/evidence",
        content=b'{"claim": "c01",',
        headers={**auth(api, "alice"), "content-type": "application/json"},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body"
    assert "malformed JSON" in r.json()["errors"][0]["message"]


def test_oversize_body(api):
    r = api.post("/evidence", json={**ITEM, "summary": "x" * 5000}, headers=auth(api, "alice"))
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM


def test_idempotency_key(api):
    headers = {**auth(api, "alice"), "Idempotency-Key": "abc-1"}
    first = api.post("/evidence", json=ITEM, headers=headers)
    after_first = triples(api)
    again = api.post("/evidence", json=ITEM, headers=headers)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"]
    assert again.json()["id"] == first.json()["id"]
    assert triples(api) == after_first
    other = api.post("/evidence", json={**ITEM, "summary": "different"}, headers=headers)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    # the key belongs to its token: another writer's same key is a new request
    bob = api.post("/evidence", json=ITEM, headers={**auth(api, "bob"), "Idempotency-Key": "abc-1"})
    assert bob.status_code == 201 and bob.json()["id"] != first.json()["id"]


def test_request_id_and_named_graph_in_the_dump(api):
    r = api.post("/evidence", json=ITEM, headers={**auth(api, "alice"), "X-Request-ID": "req-42"})
    body = r.json()
    assert r.headers["x-request-id"] == "req-42"
    [prov] = body["provenance"]
    assert prov["request_id"] == "req-42" and prov["graph"].startswith(
        "https://w3id.org/nhs-groups-kg/graph/evidence/"
    )
    dump = api.get("/export/graph.nq")
    assert dump.status_code == 200 and dump.headers["content-type"] == "application/n-quads"
    lines = [line for line in dump.text.splitlines() if line.endswith(f"<{prov['graph']}> .")]
    assert any(body["iri"] in line for line in lines)
    assert any("wasAttributedTo" in line for line in lines)


def test_on_a_disk_store_writes_reach_sparql_and_survive_a_restart(tmp_path):
    """The disk store acknowledges a write from its journal, not a flush: the write must still
    be in the query workers' snapshot, in /health's count, and in the store after a restart."""
    from kg.settings import Settings

    tokens = TokenFile(tmp_path / "tokens.json")
    key = tokens.create("alice")
    settings = Settings(store=str(tmp_path / "db"), tokens=str(tokens.path))
    ask = (
        "PREFIX nhsg: <https://w3id.org/nhs-groups-kg/ontology#> "
        "SELECT ?i WHERE {{ ?i a nhsg:EvidenceItem ; nhsg:summary {s} }}"
    )
    with TestClient(create_app(settings)) as api:
        before = api.get("/health").json()["triples"]
        api.get("/sparql", params={"query": "ASK {}"})  # the workers start on the old data
        r = api.post("/evidence", json=ITEM, headers={"Authorization": f"Bearer {key}"})
        assert r.status_code == 201
        query = ask.format(s=json.dumps(ITEM["summary"]))
        rows = api.get("/sparql", params={"query": query}).json()["results"]["bindings"]
        assert [b["i"]["value"] for b in rows] == [r.json()["iri"]]
        after = api.get("/health").json()["triples"]
        assert after > before
    with TestClient(create_app(settings)) as api:
        assert api.get("/health").json()["triples"] == after
        assert api.get(f"/evidence/{r.json()['id']}").status_code == 200
