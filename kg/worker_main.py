"""The loop of a query worker process (see kg.workers): open the snapshot, answer queries.

This module and what it imports are all a worker loads (about 20 MB, not the 75 MB of the
whole application): keep rdflib, FastAPI and the store classes out of it."""

from dataclasses import dataclass

import pyoxigraph as ox

from kg import results
from kg.errors import syntax_error


@dataclass(frozen=True)
class Request:
    """What a worker is asked: the query, where its data is, and how to answer."""

    version: int
    source: str | bytes  # checkpoint folder, or N-Quads of a memory store
    query: str
    form: str  # select, ask, construct, describe
    fmt: str  # a kg.formats name
    media_type: str
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A worker's answer: the serialised body, and whether rows were cut at max_rows."""

    body: bytes
    truncated: bool


class _Data:
    def __init__(self) -> None:
        self.version: int | None = None
        self.store: ox.Store | None = None

    def at(self, version: int, source: str | bytes) -> ox.Store:
        if version != self.version:
            self.store = None
            if isinstance(source, bytes):
                store = ox.Store()
                store.bulk_load(source, ox.RdfFormat.N_QUADS)
            else:
                store = ox.Store.read_only(source)
            self.store, self.version = store, version
        return self.store


def _dataset(request) -> dict:
    if request.default_graphs or request.named_graphs:
        return {
            "default_graph": [ox.NamedNode(g) for g in request.default_graphs] or None,
            "named_graphs": [ox.NamedNode(g) for g in request.named_graphs] or None,
        }
    return {"use_default_graph_as_union": True}


def answer(store: ox.Store, request):
    """Evaluate one request on `store`."""
    result = store.query(request.query, **_dataset(request))
    if request.form == "ask":
        return Answer(results.boolean(bool(result), request.fmt), False)
    rows, truncated = [], False
    for item in result:
        if len(rows) == request.max_rows:
            truncated = True
            break
        rows.append(item)
    if request.form == "select":
        variables = [v.value for v in result.variables]
        solutions = [[sol[v] for v in variables] for sol in rows]
        writer = results.WRITERS[request.fmt]
        extra = {"truncated": truncated, "max_rows": request.max_rows}
        body = (
            writer(variables, solutions, extra)
            if request.fmt == "json"
            else writer(variables, solutions)
        )
        return Answer(body, truncated)
    fmt = ox.RdfFormat.from_media_type(request.media_type)
    return Answer(ox.serialize(rows, format=fmt), truncated)


def serve(conn) -> None:
    """Answer requests from the pipe until it closes; errors go back as data, not crashes."""
    data = _Data()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", answer(data.at(request.version, request.source), request)))
        except SyntaxError as exc:
            err = syntax_error(exc)
            conn.send(
                (
                    "error",
                    {
                        "kind": "syntax",
                        "message": err.detail,
                        "line": err.line,
                        "column": err.column,
                    },
                )
            )
        except Exception as exc:  # reported to the caller as a KGError
            conn.send(("error", {"kind": "other", "message": f"{type(exc).__name__}: {exc}"}))
