"""SHACL validation with pyshacl against ontology/shapes.ttl, as a list of readable problems."""

from functools import cache
from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.term import Node

from kg import formats
from kg.errors import InvalidInput, Problem
from kg.resources import shapes_file

SH = Namespace("http://www.w3.org/ns/shacl#")


@cache
def shapes_graph() -> Graph:
    """ontology/shapes.ttl, parsed once."""
    return Graph().parse(shapes_file(), format="turtle")


def _name(graph: Graph, node: Node | None) -> str:
    if node is None:
        return "-"
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # a node n3 cannot shorten (e.g. a path expression)
        return str(node)


def validate_graph(graph: Graph) -> list[Problem]:
    """Every shape violation in `graph`, each naming its node, property and what is wrong."""
    import pyshacl  # here, not at the top: the server never needs its 20 MB (kg.constraints)

    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), inference="none", allow_warnings=True
    )
    if conforms:
        return []
    problems = [
        problem(
            graph,
            report.value(result, SH.focusNode),
            report.value(result, SH.resultPath),
            str(report.value(result, SH.resultMessage) or "violates a shape"),
            report.value(result, SH.value),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return sorted(problems, key=lambda p: (p.where, p.message))


def problem(
    graph: Graph, focus: Node, path: Node | None, message: str, value: Node | None = None
) -> Problem:
    """One shape violation as a Problem naming the node, the property and the value."""
    where = f"{_name(graph, focus)} {_name(graph, path)}"
    extra = {"node": str(focus), "property": str(path) if path else None}
    if value is not None:
        extra["value"] = str(value)
    return Problem(where, message, extra)


def read_files(paths: list[Path]) -> Graph:
    """Parse files into one graph (their union); bad syntax is an InvalidInput with the line."""
    graph = Graph()
    for path in paths:
        fmt = formats.for_path(path)
        if not path.is_file():
            raise InvalidInput(f"no such file: {path}", [Problem(str(path), "no such file")])
        try:
            graph.parse(path, format=_RDFLIB_NAMES[fmt.name])
        except Exception as exc:  # rdflib raises many parser-specific types
            raise InvalidInput(
                f"{path} is not valid {fmt.name}",
                [Problem(str(path), str(exc).strip().splitlines()[0])],
            ) from None
    return graph


_RDFLIB_NAMES = {
    "turtle": "turtle",
    "trig": "trig",
    "ntriples": "nt",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}


def validate_files(paths: list[Path]) -> list[Problem]:
    """Validate the union of several files, as `kg validate` does."""
    return validate_graph(read_files(paths))
