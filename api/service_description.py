"""The SPARQL service description (GET /sparql without a query)."""

import pyoxigraph as ox

from kg import formats
from kg.formats import Format

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RESULT_FORMATS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


def describe(endpoint: str, fmt: Format) -> bytes:
    """The description of the endpoint at `endpoint`, serialised in `fmt`."""
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")

    def t(s: object, p: str, o: object) -> ox.Triple:
        return ox.Triple(s, ox.NamedNode(p), o)

    triples = [
        t(
            service,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            ox.NamedNode(_SD + "Service"),
        ),
        t(service, _SD + "endpoint", ox.NamedNode(endpoint)),
        t(service, _SD + "supportedLanguage", ox.NamedNode(_SD + "SPARQL11Query")),
        t(service, _SD + "feature", ox.NamedNode(_SD + "UnionDefaultGraph")),
        t(service, _SD + "defaultDataset", dataset),
        t(
            dataset,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            ox.NamedNode(_SD + "Dataset"),
        ),
        t(
            service,
            "http://www.w3.org/2000/01/rdf-schema#comment",
            ox.Literal(
                "Read-only: SPARQL Update, SERVICE and LOAD are refused. Queries are stopped after "
                "KG_QUERY_TIMEOUT seconds and rows capped at KG_MAX_ROWS."
            ),
        ),
    ]
    for f in formats.formats_of("results") + formats.formats_of("rdf"):
        if f.name in _RESULT_FORMATS:
            triples.append(
                t(service, _SD + "resultFormat", ox.NamedNode(_FORMATS + _RESULT_FORMATS[f.name]))
            )
    return ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type))
