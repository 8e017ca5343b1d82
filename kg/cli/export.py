"""`kg export`: the graph for Gephi, Cytoscape, Graphviz and the web, or the gap map."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import exporters, formats, gapmap
from kg.cli.common import MemoryOpt, StoreOpt, err, opened
from kg.errors import UnsupportedFormat
from kg.formats import Format

FORMATS_HELP = (
    "graphml, gexf, cyjs, dot, jsonld, ttl, nq, html (the viewer), or gap-map.svg, "
    "gap-map.html, gap-map.csv; from -o's extension when omitted"
)


def choose(name: str | None, output: Path | None) -> Format:
    """The export format from its name, else from the output file (gap-map.* for the map)."""
    if name is None and output is None:
        raise UnsupportedFormat(
            "give a FORMAT or an output file with -o", [f.name for f in formats.formats_of("graph")]
        )
    if name is None:
        name = output.name if "gap-map" in output.name else output.suffix.lstrip(".")
        if output.suffix.lower() in (".svg", ".csv"):
            name = "gap-map" + output.suffix.lower()
    if name.startswith("gap-map"):
        ext = name.partition(".")[2] or (output.suffix.lstrip(".") if output else "svg")
        return formats.by_name(ext, "gapmap")
    return formats.by_name(name, "graph")


def export(
    fmt: Annotated[str | None, typer.Argument(metavar="FORMAT", help=FORMATS_HELP)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    group: Annotated[str | None, typer.Option("--group", help="Only this group's part.")] = None,
    benefit: Annotated[
        str | None, typer.Option("--benefit", help="Only this benefit's part.")
    ] = None,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Export the graph (or one group's or benefit's part) or the evidence gap map."""
    chosen = choose(fmt, output)
    with opened(store, memory) as s:
        if chosen.kind == "gapmap":
            data = gapmap.export(s, chosen.name, group, benefit)
        else:
            data = exporters.export(s, chosen, group, benefit)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    what = "gap map" if chosen.kind == "gapmap" else "graph"
    err.print(f"wrote the {what} as {chosen.name} to {output} ({len(data)} bytes)")
