"""The compiled shape check must report exactly what pyshacl reports: on the seed, and on a
broken copy of one node of each class for every way each property can break."""

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef

from kg import constraints, resources
from kg.errors import InvalidInput
from kg.validation import SH, read_files, shapes_graph, validate_graph
from kg.writes.checks import shapes

XSD = "http://www.w3.org/2001/XMLSchema#"  # rdflib's XSD namespace warns when pytest probes it
BAD_VALUES = [
    BNode("b"),
    URIRef("https://example.org/elsewhere"),
    Literal(""),
    Literal("in English", lang="en"),
    Literal("2020-13-45", datatype=URIRef(XSD + "date")),
    Literal("2020", datatype=URIRef(XSD + "gYear")),
    Literal("not a url", datatype=URIRef(XSD + "anyURI")),
    Literal("ab1"),
]


@pytest.fixture(scope="module")
def seed() -> Graph:
    return read_files(resources.seed_files())


def same(graph: Graph) -> list:
    expected = validate_graph(graph)
    assert constraints.check(graph) == expected
    assert before_a_write(graph) == expected  # in the store a write checks its triples in
    return expected


def before_a_write(graph: Graph) -> list:
    try:
        shapes(list(graph))
    except InvalidInput as exc:
        return exc.problems
    return []


def test_the_seed_passes_both(seed):
    assert same(seed) == []


def one_of_each(seed: Graph) -> list[Graph]:
    """A graph per shape: the triples of the first seed node of its target class."""
    graphs = []
    for rule in constraints.rules():
        node = sorted(seed.subjects(RDF.type, rule.target))[0]
        g = Graph()
        for p, o in seed.predicate_objects(node):
            g.add((node, p, o))
        graphs.append((node, rule, g))
    return graphs


def breakages(node, rule, graph: Graph):
    paths = [r.path for r in rule.properties] + [r.path for r in rule.exactly_one_of]
    for path in dict.fromkeys(paths):
        dropped = Graph() + graph
        dropped.remove((node, path, None))
        yield dropped
        for value in BAD_VALUES:
            replaced = Graph() + dropped
            replaced.add((node, path, value))
            yield replaced
            extra = Graph() + graph
            extra.add((node, path, value))
            yield extra


def test_every_breakage_is_reported_alike(seed):
    reported = 0
    for node, rule, graph in one_of_each(seed):
        assert same(graph) == []
        for broken in breakages(node, rule, graph):
            reported += bool(same(broken))
    assert reported > 200  # the breakages really break things


def test_a_subclass_instance_is_a_target():
    g = Graph()
    sub = URIRef("https://example.org/SpecialClaim")
    g.add((sub, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), rule_target("Claim")))
    g.add((URIRef("https://example.org/c"), RDF.type, sub))
    assert same(g)


def rule_target(name: str) -> URIRef:
    [target] = [r.target for r in constraints.rules() if str(r.target).endswith("#" + name)]
    return target


def test_a_shape_it_cannot_compile_is_refused(monkeypatch):
    shapes = Graph() + shapes_graph()
    prop = next(shapes.objects(None, SH.property))
    shapes.add((prop, SH.maxLength, Literal(3)))
    monkeypatch.setattr(constraints, "shapes_graph", lambda: shapes)
    constraints.rules.cache_clear()
    try:
        with pytest.raises(constraints.UnsupportedShape, match="maxLength"):
            constraints.rules()
    finally:
        constraints.rules.cache_clear()
