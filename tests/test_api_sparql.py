"""/sparql through TestClient: the protocol's forms, formats, refusals and limits."""

import csv
import io
import json

import pytest

PROBLEM = "application/problem+json"
GROUPS = (
    "PREFIX nhsg: <https://w3id.org/nhs-groups-kg/ontology#> "
    "SELECT ?g WHERE { ?g a nhsg:Group } ORDER BY ?g"
)


def test_get_post_form_and_direct_post_agree(client):
    a = client.get("/sparql", params={"query": GROUPS}).json()
    b = client.post("/sparql", data={"query": GROUPS}).json()
    c = client.post(
        "/sparql", content=GROUPS, headers={"content-type": "application/sparql-query"}
    ).json()
    assert a["results"] == b["results"] == c["results"]
    assert len(a["results"]["bindings"]) == 15 and a["head"]["vars"] == ["g"]


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("application/sparql-results+json", lambda t: len(json.loads(t)["results"]["bindings"])),
        ("application/sparql-results+xml", lambda t: t.count("<result>")),
        ("text/csv", lambda t: len(list(csv.reader(io.StringIO(t)))) - 1),
        ("text/tab-separated-values", lambda t: len(t.strip().splitlines()) - 1),
    ],
)
def test_select_formats(client, accept, check):
    r = client.get("/sparql", params={"query": GROUPS}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert check(r.text) == 15


def test_format_parameter_overrides_accept(client):
    r = client.get(
        "/sparql",
        params={"query": GROUPS, "format": "csv"},
        headers={"accept": "application/sparql-results+json"},
    )
    assert r.headers["content-type"].startswith("text/csv")


def test_ask(client):
    r = client.get("/sparql", params={"query": "ASK { ?s a ?t }"})
    assert r.json() == {"head": {}, "boolean": True}
    r = client.get("/sparql", params={"query": "ASK { ?s a ?t }"}, headers={"accept": "text/csv"})
    assert r.status_code == 406


@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
)
def test_construct_formats(client, accept):
    from rdflib import Graph

    q = (
        "CONSTRUCT { ?g a <https://w3id.org/nhs-groups-kg/ontology#Group> } "
        "WHERE { ?g a <https://w3id.org/nhs-groups-kg/ontology#Group> }"
    )
    r = client.get("/sparql", params={"query": q}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    fmt = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
    }[accept]
    assert len(Graph().parse(data=r.text, format=fmt)) == 15


def test_describe(client):
    q = "DESCRIBE <https://w3id.org/nhs-groups-kg/id/group/foundation-group>"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200 and "Foundation Group" in r.text


def test_service_description(client):
    from rdflib import Graph, URIRef

    r = client.get("/sparql")
    assert r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef("http://testserver/sparql")) in g


def test_dataset_parameters(client):
    seed = "https://w3id.org/nhs-groups-kg/graph/seed"
    onto = "https://w3id.org/nhs-groups-kg/graph/ontology"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?g a <https://w3id.org/nhs-groups-kg/ontology#Group> }"
    only_onto = client.get("/sparql", params={"query": q, "default-graph-uri": onto}).json()
    only_seed = client.get("/sparql", params={"query": q, "default-graph-uri": seed}).json()
    assert only_onto["results"]["bindings"][0]["n"]["value"] == "0"
    assert only_seed["results"]["bindings"][0]["n"]["value"] == "15"
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = client.get("/sparql", params={"query": q, "named-graph-uri": seed}).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [seed]


@pytest.mark.parametrize(
    "how",
    [
        {"method": "get", "params": {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}},
        {"method": "post", "data": {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}},
        {
            "method": "post",
            "content": "INSERT DATA { <a:a> <a:b> <a:c> }",
            "headers": {"content-type": "application/sparql-update"},
        },
        {
            "method": "post",
            "content": "DELETE WHERE { ?s ?p ?o }",
            "headers": {"content-type": "application/sparql-query"},
        },
        {"method": "get", "params": {"query": "CLEAR ALL"}},
    ],
)
def test_updates_are_refused_in_every_form(client, how):
    before = client.get("/health").json()["triples"]
    how = dict(how)
    method = how.pop("method")
    r = getattr(client, method)("/sparql", **how)
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
    assert "read-only" in r.json()["detail"]
    assert client.get("/health").json()["triples"] == before


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        (
            "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://127.0.0.1:1/> {} } }",
            "SERVICE",
        ),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ],
)
def test_service_and_load_are_refused(client, query, word):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403 and word in r.json()["detail"]


def test_syntax_error_has_line_and_column(client):
    r = client.get("/sparql", params={"query": "SELECT ?x\nWHERE { ?x ?y }"})
    body = r.json()
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM
    assert body["line"] == 2 and body["column"] >= 9


def test_unsupported_accept_and_body(client):
    r = client.get("/sparql", params={"query": GROUPS}, headers={"accept": "image/png"})
    assert r.status_code == 406 and "supported" in r.json()
    r = client.post("/sparql", content=b"x", headers={"content-type": "text/plain"})
    assert r.status_code == 415 and r.headers["content-type"] == PROBLEM
    r = client.post("/sparql", data={"nothing": "here"})
    assert r.status_code == 422


def test_rows_are_capped_and_say_so():
    from fastapi.testclient import TestClient

    from api.app import create_app
    from kg.settings import Settings

    with TestClient(create_app(Settings(memory=True, max_rows=7))) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        body = r.json()
        assert len(body["results"]["bindings"]) == 7
        assert body["truncated"] is True and body["max_rows"] == 7
        assert r.headers["x-kg-truncated"] == "true" and r.headers["x-kg-max-rows"] == "7"
        r = c.get("/sparql", params={"query": GROUPS, "format": "csv"})
        assert len(r.text.strip().splitlines()) == 8


def test_oversize_body_is_413():
    from fastapi.testclient import TestClient

    from api.app import create_app
    from kg.settings import Settings

    with TestClient(create_app(Settings(memory=True, max_body=100))) as c:
        r = c.post(
            "/sparql",
            content="SELECT * WHERE { ?s ?p ?o } #" + "x" * 200,
            headers={"content-type": "application/sparql-query"},
        )
        assert r.status_code == 413 and r.headers["content-type"] == PROBLEM
        assert c.get("/health").status_code == 200
