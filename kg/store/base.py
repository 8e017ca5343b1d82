"""The store interface. Callers use only this; each backend (embedded, remote) implements it."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from typing import BinaryIO

from rdflib.term import Node

from kg.formats import Format
from kg.queries import Bindings

# A SELECT row: variable name -> value. IRIs are str, typed numbers are int/float, booleans
# bool, other literals str; unbound variables are absent or None. Plain values keep the rule
# and the API fast (no term objects per cell) and are the same for every backend.
Row = dict[str, object]
Triple = tuple[Node, Node, Node]
Progress = Callable[[int], None]  # called with bytes read so far
Ask = tuple[str, Bindings | None]  # a query and its bindings, for select_many


class Store(ABC):
    """An RDF dataset that answers SPARQL and takes whole named graphs as writes."""

    kind: str = "abstract"
    location: str = ""

    @abstractmethod
    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        """Run a SELECT over the union of all graphs; `bindings` fills the query's binding
        slots (`{{?claim}}`, see kg.queries.bind) with IRIs."""

    def select_many(self, asks: Sequence[Ask]) -> list[list[Row]]:
        """Several SELECTs that do not depend on each other, answered in order; a store may
        run them at once."""
        return [self.select(query, bindings) for query, bindings in asks]

    @abstractmethod
    def ask(self, query: str) -> bool:
        """Run an ASK over the union of all graphs."""

    def has(self, subject: str, predicate: str, obj: str) -> bool:
        """Whether any graph holds this triple of IRIs."""
        return self.ask(f"ASK {{ <{subject}> <{predicate}> <{obj}> }}")

    def properties(self, subject: str) -> list[tuple[str, object]]:
        """Each (predicate, plain value) of `subject` in any graph, once, as `select` gives them."""
        rows = self.select(f"SELECT DISTINCT ?p ?o WHERE {{ <{subject}> ?p ?o }}")
        return [(r["p"], r["o"]) for r in rows]

    def write_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        """Add one named graph in one transaction, durable when this returns."""
        self.wait_durable(self.commit_graph(graph, triples))

    @abstractmethod
    def commit_graph(self, graph: str, triples: Iterable[Triple]) -> int | None:
        """Add one named graph in one transaction, visible at once; returns a ticket for
        `wait_durable`. Apart, so that a writer can release its own lock before waiting."""

    def wait_durable(self, ticket: int | None = None) -> None:
        """Block until commit `ticket` (None: every commit so far) is on disk. Stores whose
        commits are durable when they return need nothing here."""
        return None

    @abstractmethod
    def load(
        self,
        source: BinaryIO,
        fmt: Format,
        graph: str,
        progress: Progress | None = None,
        base_iri: str | None = None,
    ) -> int:
        """Parse all of `source`, then add it in one go (nothing on a parse error).

        Triples without a graph go into `graph`; quads keep theirs. Returns the quads added.
        A triple the store already holds in some graph is left out when the format has no
        graphs: the union of graphs keeps one copy per graph, and every join over a repeated
        triple doubles its rows (the seed loaded twice made a claim's items take 12 s).
        Quad formats keep every quad, because their graphs are what a dump restores.
        """

    @abstractmethod
    def dump(self, out: BinaryIO, fmt: Format) -> None:
        """Write every quad (all named graphs) in a quad format."""

    @abstractmethod
    def export(self, out: BinaryIO, fmt: Format, subjects: Iterable[str] | None = None) -> None:
        """Write the quads (quad formats) or triples (others) of `subjects`, or of everything.

        Turtle and the like get the triples of all graphs; N-Quads and TriG keep the graphs.
        """

    @abstractmethod
    def graph_names(self) -> list[str]:
        """The IRIs of all named graphs."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads in the store."""

    def is_empty(self) -> bool:
        """True when the store holds no quad at all."""
        return not self.ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    def ping(self) -> None:  # noqa: B027 - an embedded store is there when it is open
        """Check the store answers now; StoreUnavailable if not (a remote one may be down)."""

    def compact(self) -> None:  # noqa: B027 - a no-op is right for stores that manage this
        """Reorganise the files after a big load, for faster queries."""

    def close(self) -> None:  # noqa: B027 - a no-op is right for stores without resources
        """Release files and connections."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
