"""The seed data against the source JSON it was made from: nothing lost, nothing invented."""

from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from kg import queries, resources
from kg.seed import ensure_seeded
from kg.store import OxigraphStore
from kg.validation import validate_files
from kg.vocab import ONTOLOGY_GRAPH, SEED_GRAPH, iri

N = Namespace("https://w3id.org/nhs-groups-kg/ontology#")
DCT = Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    g = Graph()
    for p in resources.seed_files():
        g.parse(p, format="turtle")
    return g


def test_counts_equal_the_source_data(seeded_store, source_data):
    counts = {r["kind"]: r["count"] for r in seeded_store.select(queries.get("stats"))}
    assert counts["groups"] == len(source_data["groups"]) == 15
    assert counts["claims"] == len(source_data["claims"]) == 36
    assert counts["evidence items"] == len(source_data["evidence"]) == 43
    assert counts["sources"] == len(source_data["sources"]) == 103
    assert counts["benefits"] == len(source_data["benefits"]) == 7
    assert counts["reviews"] == 43
    trusts = {m["ods_code"] for g in source_data["groups"] for m in g["members"]}
    assert counts["trusts"] == len(trusts)


def test_sources_are_kept_exactly(seed_graph, source_data):
    for s in source_data["sources"]:
        node = URIRef(iri("source", s["id"].lower()))
        assert str(seed_graph.value(node, N.url)) == s["url"]
        assert str(seed_graph.value(node, DCT.title)) == s["title"]
        assert str(seed_graph.value(node, DCT.publisher)) == s["publisher"]
        assert str(seed_graph.value(node, N.dateAsGiven)) == s["date"]
        issued = seed_graph.value(node, DCT.issued)
        # a typed date only where the text is one; "undated (2023)" stays text
        assert (issued is not None) == (s["date"][:4].isdigit() and len(s["date"]) in (4, 7, 10))


def test_claims_and_evidence_keep_quotes_and_sources(seed_graph, source_data):
    for c in source_data["claims"]:
        node = URIRef(iri("claim", c["id"].lower()))
        assert str(seed_graph.value(node, N.quote)) == c["quote"]
        assert str(seed_graph.value(node, N.claimedBy)) == c["claimed_by"]
        assert seed_graph.value(node, N.source) == URIRef(iri("source", c["source_id"].lower()))
        assert (seed_graph.value(node, N.aboutGroup) is None) == (c["group_id"] is None)
    for e in source_data["evidence"]:
        node = URIRef(iri("evidence", e["id"].lower()))
        assert str(seed_graph.value(node, N.quote)) == e["quote"]
        assert str(seed_graph.value(node, N.summary)) == e["summary"]
        assert seed_graph.value(node, N.source) == URIRef(iri("source", e["source_id"].lower()))
        direction = {"refutes": "disputes"}.get(e["direction"], e["direction"])
        assert seed_graph.value(node, N.direction) == URIRef(iri("direction", direction))
        independence = "independent" if e["independent"] else "affiliated"
        assert seed_graph.value(node, N.independence) == URIRef(iri("independence", independence))


def test_merger_and_nhs_wide_items_are_indirect(seed_graph, source_data):
    for e in source_data["evidence"]:
        directness = seed_graph.value(URIRef(iri("evidence", e["id"].lower())), N.directness)
        if "mergers" in e["summary"] and "group" not in e["summary"].lower():
            assert directness == URIRef(iri("directness", "indirect")), e["id"]


def test_every_item_has_a_seed_review(seed_graph, source_data):
    for e in source_data["evidence"]:
        review = URIRef(iri("review", f"seed-{e['id'].lower()}"))
        assert seed_graph.value(review, N.reviewOf) == URIRef(iri("evidence", e["id"].lower()))
        assert seed_graph.value(review, N.resultingStatus) == URIRef(
            iri("verification-status", "verified")
        )
        when = seed_graph.value(review, URIRef("http://www.w3.org/ns/prov#endedAtTime"))
        assert str(when).startswith("2026-11-26")
        assert (
            str(seed_graph.value(review, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")))
            == "quote and attribution checked against the retrieved source text"
        )


def test_seed_passes_the_shapes():
    assert validate_files(resources.seed_files()) == []


def test_seed_and_ontology_have_their_own_graphs(seeded_store):
    assert seeded_store.graph_names() == sorted([ONTOLOGY_GRAPH, SEED_GRAPH])


def test_seeding_happens_once(tmp_path):
    with OxigraphStore(tmp_path / "s") as s:
        assert ensure_seeded(s) is True
        n = len(s)
        assert ensure_seeded(s) is False
        assert len(s) == n


def test_make_seed_reproduces_the_committed_files(tmp_path, monkeypatch):
    """The committed Turtle is what the generator makes from the source JSON."""
    import importlib.util

    path = Path(resources.seed_dir()) / "make_seed.py"
    spec = importlib.util.spec_from_file_location("make_seed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import json

    data = json.loads((path.parent / "source" / "nhs_groups_sources.json").read_text())
    for name in ("sources", "benefits", "groups", "claims", "evidence", "reviews"):
        made = getattr(module, name)(data)
        committed = Graph().parse(path.parent / f"{name}.ttl", format="turtle")
        assert len(made) == len(committed), name
        assert set(made) == set(committed), name


def test_dump_keeps_every_quad_in_a_named_graph(seeded_store, tmp_path):
    import pyoxigraph as ox

    from kg.formats import by_name

    out = tmp_path / "dump.nq"
    with out.open("wb") as fh:
        seeded_store.dump(fh, by_name("nquads", "rdf"))
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(seeded_store)
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    assert ox.Literal("Foundation Group") in {q.object for q in quads}
