"""The write-time shape check: ontology/shapes.ttl compiled into plain Python checks.

pyshacl takes 10 to 20 ms to validate even a twenty-triple write, holding the GIL, which
capped durable writes near 50 a second. Our shapes use a small part of SHACL Core (targets by
class, direct property paths, counts, node kind, `sh:in`, datatypes, lengths, patterns, an
`sh:or` of datatypes and an `sh:xone` of counts). This module compiles exactly that part and
refuses any shape it does not understand, so a new constraint is never skipped in silence;
tests/test_constraints.py checks it reports what pyshacl reports. `kg validate` keeps pyshacl.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import Problem
from kg.validation import SH, problem, shapes_graph

ValueCheck = Callable[[Node], bool]
PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.nodeKind, SH["in"], SH.datatype}
PROPERTY_KEYS |= {SH.minLength, SH.pattern, SH["or"], SH.message}
NODE_KEYS = {RDF.type, SH.targetClass, SH.property, SH.xone, SH.message}


class UnsupportedShape(ValueError):
    """shapes.ttl uses SHACL this module does not compile (use pyshacl, or extend this)."""


def has_datatype(datatype: URIRef) -> ValueCheck:
    """SHACL's sh:datatype: a well-formed literal of that type (a plain literal is a string)."""

    def check(v: Node) -> bool:
        if not isinstance(v, Literal) or v.ill_typed:
            return False
        if v.datatype is None:
            return v.language is None and datatype == XSD.string
        return v.datatype == datatype

    return check


def of_kind(kind: URIRef) -> ValueCheck:
    """SHACL's sh:nodeKind, for the three plain kinds."""
    types = {SH.IRI: URIRef, SH.Literal: Literal, SH.BlankNode: BNode}
    if kind not in types:
        raise UnsupportedShape(f"sh:nodeKind {kind}")
    return lambda v: isinstance(v, types[kind])


@dataclass
class PropertyRule:
    """One property shape: counts on a direct path, and checks each value must pass."""

    path: URIRef
    message: str
    min_count: int = 0
    max_count: int | None = None
    value_checks: list[ValueCheck] = field(default_factory=list)

    def conforms(self, graph: Graph, focus: Node) -> bool:
        """Whether `focus` passes this rule (what `problems` says, without building any)."""
        values = set(graph.objects(focus, self.path))
        if len(values) < self.min_count or (
            self.max_count is not None and len(values) > self.max_count
        ):
            return False
        return all(ok(v) for v in values for ok in self.value_checks)

    def problems(self, graph: Graph, focus: Node) -> list[Problem]:
        values = set(graph.objects(focus, self.path))
        found = []
        if len(values) < self.min_count or (
            self.max_count is not None and len(values) > self.max_count
        ):
            found.append(problem(graph, focus, self.path, self.message))
        for v in sorted(values):
            found += [
                problem(graph, focus, self.path, self.message, v)
                for ok in self.value_checks
                if not ok(v)
            ]
        return found


def _known(shapes: Graph, node: Node, keys: set[URIRef]) -> None:
    unknown = set(shapes.predicates(node)) - keys
    if unknown:
        raise UnsupportedShape(f"{node}: {sorted(map(str, unknown))}")


def _alternatives(shapes: Graph, node: Node) -> ValueCheck:
    """sh:or over shapes that each name only a datatype."""
    checks = []
    for member in Collection(shapes, node):
        _known(shapes, member, {SH.datatype})
        checks.append(has_datatype(shapes.value(member, SH.datatype)))
    return lambda v: any(c(v) for c in checks)


def _value_checks(shapes: Graph, node: Node) -> list[ValueCheck]:
    checks = []
    if (kind := shapes.value(node, SH.nodeKind)) is not None:
        checks.append(of_kind(kind))
    if (members := shapes.value(node, SH["in"])) is not None:
        allowed = frozenset(Collection(shapes, members))
        checks.append(lambda v: v in allowed)
    if (datatype := shapes.value(node, SH.datatype)) is not None:
        checks.append(has_datatype(datatype))
    if (length := shapes.value(node, SH.minLength)) is not None:
        checks.append(lambda v: not isinstance(v, BNode) and len(str(v)) >= int(length))
    if (pattern := shapes.value(node, SH.pattern)) is not None:
        regex = re.compile(str(pattern))
        checks.append(lambda v: not isinstance(v, BNode) and bool(regex.search(str(v))))
    if (alternatives := shapes.value(node, SH["or"])) is not None:
        checks.append(_alternatives(shapes, alternatives))
    return checks


def _property(shapes: Graph, node: Node, message: str = "") -> PropertyRule:
    _known(shapes, node, PROPERTY_KEYS)
    path = shapes.value(node, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"{node}: only a single property as sh:path")
    low, high = shapes.value(node, SH.minCount), shapes.value(node, SH.maxCount)
    return PropertyRule(
        path=path,
        message=str(shapes.value(node, SH.message) or message),
        min_count=int(low) if low is not None else 0,
        max_count=int(high) if high is not None else None,
        value_checks=_value_checks(shapes, node),
    )


@dataclass
class NodeRule:
    """One node shape: its target class, its property rules and an optional sh:xone."""

    target: URIRef
    message: str
    properties: list[PropertyRule]
    exactly_one_of: list[PropertyRule]

    def problems(self, graph: Graph, focus: Node) -> list[Problem]:
        found = [p for rule in self.properties for p in rule.problems(graph, focus)]
        if self.exactly_one_of:
            passing = sum(rule.conforms(graph, focus) for rule in self.exactly_one_of)
            if passing != 1:
                found.append(problem(graph, focus, None, self.message, focus))
        return found


def _node(shapes: Graph, node: Node) -> NodeRule:
    _known(shapes, node, NODE_KEYS)
    message = str(shapes.value(node, SH.message) or "")
    xone = shapes.value(node, SH.xone)
    return NodeRule(
        target=shapes.value(node, SH.targetClass),
        message=message,
        properties=[_property(shapes, p) for p in shapes.objects(node, SH.property)],
        exactly_one_of=[_property(shapes, m, message) for m in Collection(shapes, xone)]
        if xone
        else [],
    )


@cache
def rules() -> tuple[NodeRule, ...]:
    """shapes.ttl compiled once; UnsupportedShape if it uses SHACL this module lacks."""
    shapes = shapes_graph()
    return tuple(_node(shapes, n) for n in sorted(shapes.subjects(RDF.type, SH.NodeShape)))


def _instances(graph: Graph, cls: URIRef) -> set[Node]:
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def check(graph: Graph) -> list[Problem]:
    """Every shape violation in `graph`, as kg.validation.validate_graph reports it."""
    found = [
        p
        for rule in rules()
        for focus in _instances(graph, rule.target)
        for p in rule.problems(graph, focus)
    ]
    return sorted(found, key=lambda p: (p.where, p.message))
