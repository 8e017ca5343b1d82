"""SPARQL JSON results terms as pyoxigraph terms or as the plain values of the Row contract."""

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedInt",
        "unsignedLong",
    )
}
FLOATS = {XSD + t for t in ("decimal", "double", "float")}


def from_json(term: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A term of SPARQL 1.1 JSON results (Virtuoso's older "typed-literal" included)."""
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in term:
        return ox.Literal(value, language=term["xml:lang"])
    if term.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(term["datatype"]))
    return ox.Literal(value)


def plain(term: dict | None) -> object:
    """The plain value: IRIs as str, numbers as int or float, booleans as bool."""
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "bnode":
        return "_:" + value
    datatype = term.get("datatype")
    if datatype in INTEGERS:
        return int(value)
    if datatype in FLOATS:
        return float(value)
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value
