"""Every export format read back by its own reader, with the projection's node and edge counts."""

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pydot
import pytest
from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import RDF

from kg import exporters, formats, projection

N = Namespace("https://w3id.org/nhs-groups-kg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
CLASSES = [N.Group, N.Trust, N.Benefit, N.Claim, N.EvidenceItem, N.Source]
VIEWS = [
    {},
    {"group": "foundation-group"},
    {"benefit": "economies-of-scale"},
    {"group": "royal-free-london-group", "benefit": "standardisation-at-scale"},
]


def rdf_counts(g: Graph) -> tuple[int, int]:
    """Nodes and edges of the projection, counted in RDF: typed things, and the links between
    them (memberships count once, as the projection's member-of edge)."""
    nodes = {s for c in CLASSES for s in g.subjects(RDF.type, c)}
    typed = lambda cls: set(g.subjects(RDF.type, cls))  # noqa: E731
    claims, items = typed(N.Claim), typed(N.EvidenceItem)
    edges = 0
    for m in g.subjects(RDF.type, ORG.Membership):
        edges += g.value(m, ORG.member) in nodes and g.value(m, ORG.organization) in nodes
    for s, p, o in g:
        if s not in nodes or o not in nodes:
            continue
        edges += (
            (p == N.aboutGroup and s in claims)
            or (p == N.aboutBenefit and s in claims)
            or (p in (N.aboutClaim, N.aboutBenefit) and s in items)
            or p == N.source
        )
    return len(nodes), edges


@pytest.fixture(scope="module", params=VIEWS, ids=lambda v: "+".join(v.values()) or "whole")
def case(request, seeded_store):
    g = projection.view(seeded_store, **request.param)
    return seeded_store, request.param, g


def out(store, name, view):
    return exporters.export(store, formats.by_name(name, "graph"), **view)


def test_projection_shape(seeded_store):
    g = projection.project(seeded_store)
    assert all(isinstance(n, str) and ":" in n for n in g)
    assert {d["kind"] for _, d in g.nodes(data=True)} == {
        "group",
        "trust",
        "benefit",
        "claim",
        "evidence",
        "source",
    }
    assert {k for *_, k in g.edges(data="kind")} <= set(projection.EDGE_KINDS)
    for _, d in g.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in d.values())
    claim = g.nodes["claim:c34"]
    assert claim["status"] and claim["reason"] and claim["iri"].endswith("/claim/c34")


def test_views_are_neighbourhoods(seeded_store):
    g = projection.view(seeded_store, group="foundation-group")
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert {n for n, d in g.nodes(data=True) if d["kind"] == "group"} == {"group:foundation-group"}
    assert {"trust:RJC", "trust:RLQ", "trust:RLT", "trust:RWP"} <= set(g)
    assert kinds >= {"trust", "claim", "benefit", "source"}


def test_graphml(case, tmp_path):
    store, view, g = case
    f = tmp_path / "g.graphml"
    f.write_bytes(out(store, "graphml", view))
    back = nx.read_graphml(f)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        g.number_of_nodes(),
        g.number_of_edges(),
    )


def test_gexf(case, tmp_path):
    store, view, g = case
    f = tmp_path / "g.gexf"
    f.write_bytes(out(store, "gexf", view))
    back = nx.read_gexf(f)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        g.number_of_nodes(),
        g.number_of_edges(),
    )
    ns = {"viz": "http://gexf.net/1.2/viz", "g": "http://www.gexf.net/1.2draft"}
    root = ET.fromstring(f.read_bytes())
    colours = root.findall(".//{http://www.gexf.net/1.2draft/viz}color") or root.findall(
        ".//viz:color", ns
    )
    assert len(colours) == g.number_of_nodes()


def test_cytoscape(case):
    store, view, g = case
    back = nx.cytoscape_graph(json.loads(out(store, "cyjs", view)))
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        g.number_of_nodes(),
        g.number_of_edges(),
    )


def test_dot(case):
    store, view, g = case
    [back] = pydot.graph_from_dot_data(out(store, "dot", view).decode())
    assert len(back.get_nodes()) == g.number_of_nodes()
    assert len(back.get_edges()) == g.number_of_edges()


@pytest.mark.parametrize(("name", "rdflib_format"), [("jsonld", "json-ld"), ("ttl", "turtle")])
def test_rdf_graph_formats(case, name, rdflib_format):
    store, view, g = case
    back = Graph().parse(data=out(store, name, view), format=rdflib_format)
    assert rdf_counts(back) == (g.number_of_nodes(), g.number_of_edges())


def test_jsonld_has_a_context(seeded_store):
    doc = json.loads(out(seeded_store, "jsonld", {"group": "foundation-group"}))
    assert doc["@context"]["nhsg"] == str(N)


def test_nquads_keep_every_named_graph(case):
    store, view, g = case
    ds = Dataset()
    ds.parse(data=out(store, "nq", view), format="nquads")
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert rdf_counts(merged) == (g.number_of_nodes(), g.number_of_edges())
    if not view:
        names = {str(c.identifier) for c in ds.graphs()}
        assert set(store.graph_names()) <= names


def test_graphviz_renders_the_dot(seeded_store, tmp_path):
    import subprocess

    from tests.server import require_tool

    dot = require_tool("dot")
    f = tmp_path / "g.dot"
    f.write_bytes(out(seeded_store, "dot", {"group": "foundation-group"}))
    svg = subprocess.run([dot, "-Tsvg", str(f)], capture_output=True, check=True).stdout
    assert b"<svg" in svg
