"""SPARQL JSON results terms as pyoxigraph terms or as the plain values of the Row contract."""

import re

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
DATETIME = XSD + "dateTime"
# Virtuoso pads fractional seconds to six digits (".343250"); Oxigraph gives the canonical
# form (".34325"). Without this a review's time would read differently on each backend.
_TRAILING_ZEROS = re.compile(r"(\.\d*?)0+(?=Z|[+-]\d\d:\d\d|$)")


def canonical_datetime(value: str) -> str:
    """The canonical lexical form of an xsd:dateTime: no trailing zeros in the seconds, and
    UTC as Z (rdflib writes "+00:00")."""
    if value.endswith("+00:00"):
        value = value[:-6] + "Z"
    return _TRAILING_ZEROS.sub(lambda m: m.group(1).rstrip("."), value, count=1)


def from_json(term: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A term of SPARQL 1.1 JSON results (Virtuoso's older "typed-literal" included)."""
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in term:
        return ox.Literal(value, language=term["xml:lang"])
    if term.get("datatype") == DATETIME:
        return ox.Literal(canonical_datetime(value), datatype=ox.NamedNode(DATETIME))
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
    if datatype == DATETIME:
        return canonical_datetime(value)
    return value
