"""The ontology and vocabularies: labelled, linked to the standards, with the design's ids."""

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef

from kg import resources
from kg.vocab import ID_BASE, NHSG, VOCABULARIES

N = Namespace(NHSG)
SH = Namespace("http://www.w3.org/ns/shacl#")
STANDARD = (
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://purl.obolibrary.org/obo/SEPIO_",
    "http://schema.org/",
)


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for p in resources.ontology_files():
        g.parse(p, format="turtle")
    return g


def our_terms(g: Graph, kind: URIRef) -> list[URIRef]:
    return [t for t in g.subjects(RDF.type, kind) if str(t).startswith(NHSG)]


def test_every_term_has_a_label_and_definition(onto):
    terms = (
        our_terms(onto, OWL.Class)
        + our_terms(onto, OWL.ObjectProperty)
        + our_terms(onto, OWL.DatatypeProperty)
    )
    assert len(terms) > 20
    for t in terms:
        assert onto.value(t, RDFS.label), t
        assert onto.value(t, SKOS.definition), t


@pytest.mark.parametrize(
    "name", ["Group", "Trust", "Benefit", "Claim", "EvidenceItem", "Source", "Review"]
)
def test_classes_specialise_standard_vocabularies(onto, name):
    parents = {str(p) for p in onto.objects(N[name], RDFS.subClassOf)}
    assert any(p.startswith(STANDARD) for p in parents), parents


@pytest.mark.parametrize("scheme", sorted(VOCABULARIES))
def test_vocabulary_ids_are_the_designs(onto, scheme):
    found = {
        str(c)[len(ID_BASE) + len(scheme) + 1 :]
        for c in onto.subjects(RDF.type, SKOS.Concept)
        if str(c).startswith(f"{ID_BASE}{scheme}/")
    }
    assert found == set(VOCABULARIES[scheme])
    for c in found:
        node = URIRef(f"{ID_BASE}{scheme}/{c}")
        assert onto.value(node, SKOS.prefLabel) and onto.value(node, SKOS.definition)
        assert onto.value(node, SKOS.inScheme) is not None


def test_shapes_use_the_same_vocabularies():
    shapes = Graph().parse(resources.shapes_file(), format="turtle")
    from rdflib.collection import Collection

    lists = [set(Collection(shapes, lst)) for lst in shapes.objects(None, SH["in"])]
    for scheme, ids in VOCABULARIES.items():
        expected = {URIRef(f"{ID_BASE}{scheme}/{i}") for i in ids}
        assert expected in lists, scheme
