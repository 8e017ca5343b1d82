"""Loading RDF files into a store: each file into its own named graph, with provenance."""

import uuid
from collections.abc import Callable
from pathlib import Path

from kg import formats, provenance
from kg.errors import InvalidInput, Problem, QuerySyntaxError
from kg.store.base import Progress, Store

# Called with (file, total bytes) and returning the per-file progress callback.
ProgressFactory = Callable[[Path, int], Progress]


# Loads this big are bulk loads, after which compacting pays for itself (kg.store.oxigraph).
COMPACT_AFTER = 200_000


def load_file(
    store: Store,
    path: Path,
    *,
    graph: str | None = None,
    progress: Progress | None = None,
) -> tuple[str, int]:
    """Load one file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML); all of it or none.

    Triples go into `graph` (default: a new graph for this load); quads keep their graphs.
    Returns the graph and the number of quads added.
    """
    fmt = formats.for_path(path)
    target = graph or provenance.new_graph_iri("load", f"{path.stem}-{uuid.uuid4().hex[:12]}")
    try:
        with path.open("rb") as fh:
            count = store.load(fh, fmt, target, progress=progress, base_iri=path.resolve().as_uri())
    except QuerySyntaxError as exc:  # the parser's error, with line and column
        where = f"{path}:{exc.line}:{exc.column}" if exc.line else str(path)
        raise InvalidInput(
            f"{path} is not valid {fmt.name}", [Problem(where, exc.detail)]
        ) from None
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {path}", [Problem(str(path), "not found")]) from None
    return target, count


def load_files(
    store: Store,
    paths: list[Path],
    *,
    graph: str | None = None,
    agent: str = "kg load",
    progress: ProgressFactory | None = None,
) -> int:
    """Load several files, each in its own transaction, and record who loaded them."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InvalidInput(
            "some files do not exist", [Problem(str(p), "no such file") for p in missing]
        )
    for p in paths:  # refuse unknown extensions before anything is written
        formats.for_path(p)
    total = 0
    for p in paths:
        callback = progress(p, p.stat().st_size) if progress else None
        target, count = load_file(store, p, graph=graph, progress=callback)
        store.write_graph(
            target, provenance.record(target, agent, f"{agent} {p.name}", provenance.now())
        )
        total += count
    if total >= COMPACT_AFTER:
        store.compact()
    return total
