"""Commands that move or check data: load, validate, stats."""

from pathlib import Path
from typing import Annotated

import typer

from kg import queries
from kg.cli.common import MemoryOpt, StoreOpt, err, file_progress, opened, out
from kg.cli.output import print_rows
from kg.errors import InvalidInput
from kg.loading import load_files
from kg.validation import validate_files

FilesArg = Annotated[list[Path], typer.Argument(help="RDF files (.ttl .trig .nt .nq .jsonld)")]


def load(
    files: FilesArg,
    graph: Annotated[str | None, typer.Option("--graph", help="Named graph for triples.")] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Load RDF files, each in one transaction into its own named graph with provenance."""
    with opened(store, memory) as s, file_progress() as bar:

        def progress(path: Path, size: int):
            task = bar.add_task(path.name, total=size)
            return lambda done: bar.update(task, completed=done)

        before = len(s)
        load_files(s, files, graph=graph, progress=progress)
        added = len(s) - before
    err.print(f"loaded {len(files)} file(s): {added} quads added")


def validate(files: FilesArg) -> None:
    """Check files against the SHACL shapes; exit 1 and list each violation if any."""
    problems = validate_files(files)
    if not problems:
        out.print(f"{len(files)} file(s) conform to the shapes")
        return
    for p in problems:
        print(
            f"{p.where}: {p.message}"
            + (f" (value: {p.extra['value']})" if "value" in p.extra else "")
        )
    err.print(f"{len(problems)} violation(s)")
    raise typer.Exit(1)


def stats(store: StoreOpt = None, memory: MemoryOpt = False) -> None:
    """Counts of quads, named graphs and things of each kind."""
    with opened(store, memory) as s:
        rows = s.select(queries.get("stats"))
        rows += [
            {"kind": "named graphs", "count": len(s.graph_names())},
            {"kind": "quads", "count": len(s)},
        ]
    print_rows(rows, ("kind", "count"), "table", title=f"store {s.location}")


__all__ = ["InvalidInput", "load", "stats", "validate"]
