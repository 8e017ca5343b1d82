"""Checks before a write: do the things it refers to exist, and does the new graph pass the
shapes (compiled checks, kg.constraints, that report what pyshacl would, in well under 1 ms)."""

from rdflib import Graph

from kg import constraints
from kg.errors import InvalidInput, NotFound, Problem
from kg.evidence import require
from kg.store.base import Store, Triple


class References:
    """Resolves the ids a body refers to, collecting every missing one before failing."""

    def __init__(self, store: Store, prefix: str = ""):
        self.store, self.prefix = store, prefix
        self.found: dict[str, str] = {}
        self.problems: list[Problem] = []

    def need(self, field: str, kind: str, ref: str | None) -> None:
        """Resolve `ref` as an existing `kind`; a missing one is noted against `field`."""
        if ref is None:
            return
        try:
            self.found[field] = require(self.store, kind, ref)
        except NotFound as exc:
            self.problems.append(Problem(self.prefix + field, exc.detail))

    def raise_if_missing(self) -> dict[str, str]:
        """The resolved IRIs, or InvalidInput listing every missing reference."""
        if self.problems:
            raise InvalidInput("the body refers to things that do not exist", self.problems)
        return self.found


def shapes(triples: list[Triple]) -> None:
    """The shapes on the graph a write would create; InvalidInput with every violation."""
    # SimpleMemory keeps no graph names, which one new graph does not need: checking an item
    # took 0.17 to 0.25 ms against 0.41 to 0.46 ms in rdflib's default store.
    graph = Graph(store="SimpleMemory")
    for t in triples:
        graph.add(t)
    problems = constraints.check(graph)
    if problems:
        raise InvalidInput("the data would break the shapes", problems)
