"""Commands that move or check data: load, validate, stats."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import formats, queries
from kg.cli.common import MemoryOpt, StoreOpt, err, file_progress, opened, out
from kg.cli.output import print_rows
from kg.errors import InvalidInput, Problem
from kg.importing import run_import
from kg.loading import load_files
from kg.tokens import Principal
from kg.validation import validate_files
from kg.writes import Writer

# Triples of a dump outside any named graph (a dump from elsewhere) land here.
RESTORED = "https://w3id.org/nhs-groups-kg/graph/restored"
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


def import_(
    file: Annotated[Path, typer.Argument(help="claims.csv or evidence.csv (docs/import.md)")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything, write nothing.")
    ] = False,
    as_: Annotated[
        str, typer.Option("--as", help="Who is importing (recorded as provenance).")
    ] = "kg-import",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Import claims or evidence from CSV: every row is checked, then all land or none."""
    if not file.is_file():
        raise InvalidInput(f"no such file: {file}", [Problem(str(file), "no such file")])
    with opened(store, memory) as s:
        try:
            report = run_import(Writer(s), file, Principal(as_, "contributor"), dry_run)
        except InvalidInput as exc:
            for p in exc.problems:
                print(f"{p.where}: {p.message}")
            raise
    verb = "would import" if dry_run else "imported"
    err.print(
        f"{verb} {report.rows} {report.kind} row(s)"
        + (f" into {report.graph}" if report.graph else "")
    )


def dump(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (.nq or .trig).")
    ] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Write every quad, all named graphs with their provenance, as N-Quads or TriG."""
    fmt = formats.for_path(output) if output else formats.by_name("nquads", "rdf")
    if not fmt.quads or fmt.name == "jsonld":
        raise InvalidInput(
            f"{output}: a dump needs a quad format", [Problem(str(output), "use .nq or .trig")]
        )
    with opened(store, memory) as s:
        if output is None:
            s.dump(sys.stdout.buffer, fmt)
            return
        with output.open("wb") as fh:
            s.dump(fh, fmt)
        err.print(f"wrote {len(s)} quads to {output}")


def restore(
    files: FilesArg,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Load a dump (N-Quads or TriG from `kg dump`) into an empty store, graphs as they were."""
    for f in files:
        fmt = formats.for_path(f)
        if not fmt.quads or fmt.name == "jsonld":
            raise InvalidInput(f"{f}: a dump is N-Quads or TriG", [Problem(str(f), "use .nq")])
        if not f.is_file():
            raise InvalidInput(f"no such file: {f}", [Problem(str(f), "no such file")])
    with opened(store, memory, seed=False) as s, file_progress() as bar:
        if not s.is_empty():
            raise InvalidInput(
                f"the store at {s.location} is not empty",
                [Problem("store", "restore into a new, empty store")],
            )
        for f in files:
            task = bar.add_task(f.name, total=f.stat().st_size)
            with f.open("rb") as fh:
                s.load(
                    fh,
                    formats.for_path(f),
                    RESTORED,
                    progress=lambda done, t=task: bar.update(t, completed=done),
                )
        err.print(f"restored {len(s)} quads into {s.location}")


def synth(
    triples: Annotated[int, typer.Option("--triples", help="About how many triples.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (.nq).")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same data.")] = 1,
) -> None:
    """Write deterministic synthetic data shaped like the seed, as N-Quads."""
    import pyoxigraph as ox

    from kg.synth import Synth

    if triples < 1 or output.suffix != ".nq":
        raise InvalidInput(
            "kg synth needs --triples > 0 and an .nq output file",
            [Problem("--output", "an .nq file")],
        )
    generator = Synth(triples, seed)
    with output.open("wb") as fh:
        ox.serialize(generator.quads(), fh, ox.RdfFormat.N_QUADS)
    err.print(f"wrote {generator.count} synthetic triples to {output}")
