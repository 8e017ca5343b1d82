"""The read routes: groups, benefits, claims, gaps; JSON and CSV; ids as slugs or IRIs."""

import csv
import io

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef

from api.app import create_app
from kg import evidence
from kg.seed import ensure_seeded
from kg.settings import Settings
from kg.store import OxigraphStore
from kg.vocab import NHSG, iri

PROBLEM = "application/problem+json"


def test_index_and_health(client):
    assert client.get("/").json()["links"]["gaps"] == "/gaps"
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["triples"] > 2000
    assert body["store"] == {"oxigraph": "memory", "virtuoso": "sparql"}[client.backend]


def test_groups(client, source_data):
    body = client.get("/groups").json()
    assert body["total"] == len(body["items"]) == len(source_data["groups"])
    fg = next(g for g in body["items"] if g["id"] == "foundation-group")
    assert fg["label"] == "Foundation Group"
    assert {m["id"] for m in fg["members"]} == {"RJC", "RLQ", "RLT", "RWP"}
    assert sum(fg["claim_statuses"].values()) == 3


@pytest.mark.parametrize("ref", ["foundation-group", iri("group", "foundation-group")])
def test_one_group_by_slug_or_iri(client, ref, seeded_store):
    body = client.get(f"/groups/{ref}").json()
    assert body["id"] == "foundation-group"
    expected = {
        c.id: c.status for c in evidence.claim_statuses(seeded_store, group="foundation-group")
    }
    assert {c["id"]: c["status"] for c in body["claims"]} == expected
    assert all(c["reason"] and c["quote"] and c["source"]["url"] for c in body["claims"])


def test_benefits(client, seeded_store):
    body = client.get("/benefits").json()
    assert body["total"] == 7
    by_id = {b["id"]: b for b in body["items"]}
    for b in evidence.benefit_statuses(seeded_store):
        assert by_id[b.id]["status"] == b.status
        assert by_id[b.id]["definition"]


def test_one_benefit(client):
    body = client.get("/benefits/leadership-focus-ambidexterity").json()
    assert body["label"] == "leadership focus ambidexterity"
    assert all(c["benefit"] == "leadership-focus-ambidexterity" for c in body["claims"])
    assert {e["id"] for e in body["evidence"]} >= {"e01", "e10"}  # items on the benefit itself
    assert all(e["claim"] is None for e in body["evidence"])


def test_claims_paging_and_filters(client, seeded_store):
    first = client.get("/claims", params={"limit": 10}).json()
    assert first["total"] == 36 and len(first["items"]) == 10
    second = client.get("/claims", params={"limit": 10, "offset": 10}).json()
    assert {c["id"] for c in first["items"]}.isdisjoint({c["id"] for c in second["items"]})
    body = client.get("/claims", params={"status": "disputed", "limit": 100}).json()
    expected = {c.id for c in evidence.claim_statuses(seeded_store, status="disputed")}
    assert {c["id"] for c in body["items"]} == expected and body["total"] == len(expected)
    body = client.get("/claims", params={"benefit": "economies-of-scale"}).json()
    assert {c["benefit"] for c in body["items"]} == {"economies-of-scale"}


def test_claim_page(client, source_data):
    body = client.get("/claims/c34").json()
    claim = next(c for c in source_data["claims"] if c["id"] == "C34")
    assert body["quote"] == claim["quote"] and body["claimed_by"] == claim["claimed_by"]
    assert body["group"] is None  # about the group model in general
    expected = {
        e["id"].lower() for e in source_data["evidence"] if e["claim_or_benefit_id"] == "C34"
    }
    assert {e["id"] for e in body["evidence"]} == expected
    for e in body["evidence"]:
        assert e["source"]["url"] and e["independence"] and e["direction"]
        assert e["directness"] and e["verification_status"] == "verified"
    assert body["status"] and body["reason"]


def test_gaps_json_equals_the_rule(client, seeded_store):
    body = client.get("/gaps").json()
    expected = [c.as_dict() for c in evidence.gaps(seeded_store)]
    assert body["items"] == expected and body["total"] == len(expected)
    assert body["limit"] is None  # every row unless a limit is asked for


def test_gaps_filters_and_indirect(client, seeded_store):
    body = client.get("/gaps", params={"group": "foundation-group"}).json()
    assert {c["id"] for c in body["items"]} == {
        c.id for c in evidence.gaps(seeded_store, group="foundation-group")
    }
    wide = client.get("/gaps", params={"include_indirect": "true"}).json()
    assert wide["total"] == len(evidence.gaps(seeded_store, include_indirect=True))
    limited = client.get("/gaps", params={"limit": 3}).json()
    everything = client.get("/gaps").json()
    assert len(limited["items"]) == 3 and limited["total"] == everything["total"]


@pytest.mark.parametrize(
    "how", [{"params": {"format": "csv"}}, {"headers": {"accept": "text/csv"}}]
)
def test_gaps_csv(client, how, seeded_store):
    r = client.get("/gaps", **how)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [c.id for c in evidence.gaps(seeded_store)]
    assert r.headers["x-total-count"] == str(len(rows))


def test_claims_csv(client):
    r = client.get("/claims", params={"format": "csv", "limit": 5})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 5


@pytest.mark.parametrize(
    "url",
    ["/groups/nope", "/benefits/nope", "/claims/nope", "/gaps?group=nope", "/claims?benefit=nope"],
)
def test_unknown_ids_are_404_problems(client, url):
    r = client.get(url)
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM
    assert "nope" in r.json()["detail"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/claims?status=great", "query.status"),
        ("/claims?limit=0", "query.limit"),
        ("/gaps?offset=-1", "query.offset"),
    ],
)
def test_bad_parameters_name_the_field(client, url, field):
    r = client.get(url)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["errors"][0]["field"] == field


def test_unacceptable_type_is_406(client):
    r = client.get("/gaps", headers={"accept": "application/xml"})
    assert r.status_code == 406 and r.headers["content-type"] == PROBLEM
    r = client.get("/gaps", params={"format": "xlsx"})
    assert r.status_code == 406


def test_unknown_route_and_method(client):
    r = client.get("/nothing/here")
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM
    r = client.delete("/gaps")
    assert r.status_code == 405 and r.headers["content-type"] == PROBLEM


def test_a_claim_with_two_benefits_is_a_409_problem(tmp_path):
    # SHACL stops this for writes through the API; two files loaded with `kg load` need not agree.
    store = OxigraphStore(None)
    ensure_seeded(store)
    second = (
        URIRef(iri("claim", "c01")),
        URIRef(NHSG + "aboutBenefit"),
        URIRef(iri("benefit", "leadership-focus-ambidexterity")),
    )
    store.write_graph("https://w3id.org/nhs-groups-kg/graph/test/second", [second])
    app = create_app(Settings(memory=True, tokens=str(tmp_path / "tokens.json")), store=store)
    with TestClient(app) as c:
        r = c.get("/claims/c01")
    assert r.status_code == 409 and r.headers["content-type"] == "application/problem+json"
    assert (
        "2 benefits" in r.json()["detail"]
        and "leadership-focus-ambidexterity" in r.json()["detail"]
    )
