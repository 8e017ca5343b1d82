"""User queries (/sparql) on a remote store: forwarded with a time limit, rows capped, and
answered in the format the client asked for. The counterpart of kg.workers for Oxigraph."""

import httpx
import pyoxigraph as ox

from kg import results
from kg.errors import QuerySyntaxError, QueryTimeout, StoreUnavailable
from kg.store.sparql import SparqlStore
from kg.store.terms import from_json
from kg.worker_main import Answer


class RemoteQueries:
    """Runs checked user queries on the endpoint of a SparqlStore."""

    def __init__(self, store: SparqlStore, timeout: float):
        self.store, self.timeout = store, timeout

    def _fetch(self, query: str, accept: str, default_graphs, named_graphs):
        data = {
            "query": query,
            "timeout": str(int(self.timeout * 1000)),
            "default-graph-uri": list(default_graphs),
            "named-graph-uri": list(named_graphs),
        }
        try:
            return self.store.client.post(
                self.store.location, data=data, headers={"Accept": accept}, timeout=self.timeout
            )
        except httpx.TimeoutException:
            raise QueryTimeout(self.timeout) from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"cannot reach the SPARQL endpoint: {exc}") from None

    def run(
        self,
        query: str,
        form: str,
        fmt: str,
        media_type: str,
        max_rows: int,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
    ) -> Answer:
        """Evaluate on the endpoint; the answer is re-serialised here, capped at max_rows."""
        if form in ("select", "ask"):
            response = self._fetch(query, results.RESULTS_JSON, default_graphs, named_graphs)
            self._raise_for(response)
            body = response.json()
            if form == "ask":
                return Answer(results.boolean(bool(body["boolean"]), fmt), False)
            variables = body["head"]["vars"]
            bindings = body["results"]["bindings"]
            truncated = len(bindings) > max_rows or "X-SPARQL-MaxRows" in response.headers
            rows = [
                [from_json(b[v]) if v in b else None for v in variables]
                for b in bindings[:max_rows]
            ]
            extra = {"truncated": truncated, "max_rows": max_rows}
            writer = results.WRITERS[fmt]
            out = writer(variables, rows, extra) if fmt == "json" else writer(variables, rows)
            return Answer(out, truncated)
        response = self._fetch(query, "application/n-triples", default_graphs, named_graphs)
        self._raise_for(response)
        triples = list(ox.parse(response.content, ox.RdfFormat.N_TRIPLES))
        kept = triples[:max_rows]
        out = ox.serialize(kept, format=ox.RdfFormat.from_media_type(media_type))
        return Answer(out, len(triples) > max_rows)

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        if response.status_code >= 500:
            raise StoreUnavailable(f"the SPARQL endpoint failed ({response.status_code})")
        if response.status_code >= 400:
            raise QuerySyntaxError(f"the SPARQL endpoint refused the query: {response.text[:300]}")

    def close(self) -> None:
        """Nothing to stop: the store owns the connection."""
