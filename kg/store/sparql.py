"""The scale-out store: any SPARQL 1.1 Query + Update endpoint (tested on Virtuoso 7).

Every read is a SPARQL query; every write one SPARQL Update request that inserts one named
graph, so it is atomic on the server. Every request has a timeout; a server that is down or
slow is StoreUnavailable (503), and the next request simply tries again.
"""

import time
from collections.abc import Iterable
from typing import BinaryIO

import httpx
import pyoxigraph as ox

from kg.errors import InvalidInput, KGError, Problem, QuerySyntaxError, StoreUnavailable
from kg.formats import Format
from kg.queries import Bindings, bind
from kg.results import RESULTS_JSON
from kg.store.base import Progress, Row, Store, Triple
from kg.store.oxigraph import to_ox
from kg.store.parsing import parse_all
from kg.store.terms import from_json, plain
from kg.vocab import GRAPH_BASE

# Only our graphs count as the store's data: a server has system graphs of its own.
OURS = f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}"))'
PAGE = 10_000  # rows per request when reading everything: servers cap result sizes
INSERT_BATCH = 400  # triples per INSERT DATA request: Virtuoso refuses much larger ones
HELD_BATCH = 200  # triples asked about per request when a load skips those already held
# /health gives the triple count on every call, and a remote COUNT grows with the data (0.4 s
# at 100k triples on Virtuoso): a count is reused until we write or it is this many seconds
# old, so writes by others show within that time.
COUNT_MAX_AGE = 10.0


class SparqlStore(Store):
    """A remote SPARQL endpoint; `update_url` defaults to the query URL."""

    kind = "sparql"

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ):
        self.location = query_url
        self.update_url = update_url or query_url
        self.version = 0
        self._count: tuple[int, float, int] | None = None  # (version, when, count)
        auth = httpx.DigestAuth(user, password) if user else None
        self.client = httpx.Client(timeout=timeout, auth=auth)

    def _post(self, url: str, data: dict, accept: str) -> httpx.Response:
        # Form-encoded POST: Virtuoso hangs on a direct application/sparql-query POST.
        try:
            response = self.client.post(url, data=data, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise StoreUnavailable(f"the SPARQL endpoint {url} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"cannot reach the SPARQL endpoint {url}: {exc}") from None
        if response.status_code >= 500 and "syntax" not in response.text.lower()[:500]:
            raise StoreUnavailable(
                f"the SPARQL endpoint failed ({response.status_code}): {response.text[:200]}"
            )
        if response.status_code >= 400:
            raise QuerySyntaxError(
                f"the SPARQL endpoint refused the request "
                f"({response.status_code}): {response.text[:300]}"
            )
        return response

    def _json(self, query: str) -> dict:
        response = self._post(self.location, {"query": query}, RESULTS_JSON)
        if "X-SPARQL-MaxRows" in response.headers:
            raise KGError(
                "the SPARQL endpoint cut the result at "
                f"{response.headers['X-SPARQL-MaxRows']} rows; raise its row limit"
            )
        return response.json()

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        body = self._json(bind(query, bindings))
        if "results" not in body:
            raise InvalidInput("not a SELECT query", [Problem("query", "expected SELECT")])
        names = body["head"]["vars"]
        return [{n: plain(b.get(n)) for n in names} for b in body["results"]["bindings"]]

    def ask(self, query: str) -> bool:
        body = self._json(query)
        if "boolean" not in body:
            raise InvalidInput("not an ASK query", [Problem("query", "expected ASK")])
        return bool(body["boolean"])

    def update(self, text: str) -> None:
        """Send one SPARQL Update request."""
        self._post(self.update_url, {"update": text}, "*/*")
        self.version += 1

    def commit_graph(self, graph: str, triples: Iterable[Triple]) -> None:
        body = " .\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in triples)
        self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body} .\n}} }}")

    def load(
        self,
        source: BinaryIO,
        fmt: Format,
        graph: str,
        progress: Progress | None = None,
        base_iri: str | None = None,
    ) -> int:
        quads = parse_all(source, fmt, graph, progress, base_iri)
        if not fmt.quads:
            held = self._held([q.triple for q in quads])
            quads = [q for i, q in enumerate(quads) if i not in held]
        self.insert_quads(quads)
        return len(quads)

    def _held(self, triples: list[ox.Triple]) -> set[int]:
        """The positions of the `triples` some graph already holds, asked in batches. The
        endpoint matches them: it may store a term in another form ("+00:00" read back as "Z")."""
        held: set[int] = set()
        for start in range(0, len(triples), HELD_BATCH):
            # One UNION branch per triple: Virtuoso 7 matches no row of a VALUES block with
            # two or more rows once one holds a literal with a language tag.
            branches = " UNION ".join(
                f"{{ GRAPH ?g {{ {t.subject} {t.predicate} {t.object} }} BIND({start + i} AS ?i) }}"
                for i, t in enumerate(triples[start : start + HELD_BATCH])
            )
            rows = self._json(f"SELECT DISTINCT ?i WHERE {{ {branches} }}")
            held.update(int(b["i"]["value"]) for b in rows["results"]["bindings"])
        return held

    def insert_quads(self, quads: list[ox.Quad]) -> None:
        """Insert parsed quads, grouped by graph, in batches (each batch one request)."""
        by_graph: dict[str, list[str]] = {}
        for q in quads:
            g = q.graph_name.value
            by_graph.setdefault(g, []).append(f"{q.subject} {q.predicate} {q.object} .")
        for g, lines in by_graph.items():
            for i in range(0, len(lines), INSERT_BATCH):
                chunk = "\n".join(lines[i : i + INSERT_BATCH])
                self.update(f"INSERT DATA {{ GRAPH <{g}> {{\n{chunk}\n}} }}")

    def _quads(self, where: str = "") -> Iterable[ox.Quad]:
        offset = 0
        while True:
            rows = self._json(
                f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} "
                f"{where} }} ORDER BY ?g ?s ?p ?o LIMIT {PAGE} OFFSET {offset}"
            )
            bindings = rows["results"]["bindings"]
            for b in bindings:
                yield ox.Quad(
                    from_json(b["s"]), from_json(b["p"]), from_json(b["o"]), from_json(b["g"])
                )
            if len(bindings) < PAGE:
                return
            offset += PAGE

    def dump(self, out: BinaryIO, fmt: Format) -> None:
        ox.serialize(self._quads(), out, ox.RdfFormat.from_media_type(fmt.media_type))

    def export(self, out: BinaryIO, fmt: Format, subjects: Iterable[str] | None = None) -> None:
        if subjects is None:
            quads: Iterable[ox.Quad] = self._quads()
        else:
            values = " ".join(f"<{s}>" for s in subjects)
            quads = self._quads(f"VALUES ?s {{ {values} }}")
        data = quads if fmt.quads else (q.triple for q in quads)
        ox.serialize(data, out, ox.RdfFormat.from_media_type(fmt.media_type))

    def graph_names(self) -> list[str]:
        rows = self._json(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
        return sorted(b["g"]["value"] for b in rows["results"]["bindings"])

    def ping(self) -> None:
        self.ask("ASK {}")

    def __len__(self) -> int:
        now, cached = time.monotonic(), self._count
        if cached and cached[0] == self.version and now - cached[1] < COUNT_MAX_AGE:
            return cached[2]
        rows = self._json(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
        count = int(rows["results"]["bindings"][0]["n"]["value"])
        self._count = (self.version, now, count)
        return count

    def is_empty(self) -> bool:
        return not self.ask(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")

    def close(self) -> None:
        self.client.close()
