"""The one table of formats and media types, shared by the CLI and the API."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kg.errors import UnsupportedFormat

Kind = Literal["rdf", "results", "table", "graph", "gapmap"]


@dataclass(frozen=True)
class Format:
    """A serialisation: its short name, media type, file extensions and what it can carry."""

    name: str
    media_type: str
    extensions: tuple[str, ...]
    kind: Kind
    quads: bool = False  # carries named graphs
    aliases: tuple[str, ...] = ()


FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("ttl",), "rdf", aliases=("ttl",)),
    Format("trig", "application/trig", ("trig",), "rdf", quads=True),
    Format("ntriples", "application/n-triples", ("nt",), "rdf", aliases=("nt",)),
    Format("nquads", "application/n-quads", ("nq",), "rdf", quads=True, aliases=("nq",)),
    Format("jsonld", "application/ld+json", ("jsonld", "json-ld"), "rdf", quads=True),
    Format("rdfxml", "application/rdf+xml", ("rdf", "owl", "xml"), "rdf", aliases=("xml",)),
    Format("json", "application/sparql-results+json", ("srj",), "results"),
    Format("xml", "application/sparql-results+xml", ("srx",), "results"),
    Format("csv", "text/csv", ("csv",), "results"),
    Format("tsv", "text/tab-separated-values", ("tsv",), "results"),
    # Lists of the REST API (/claims, /gaps) and the CLI's --format.
    Format("json", "application/json", ("json",), "table"),
    Format("csv", "text/csv", ("csv",), "table"),
    # `kg export` and /export/graph.{ext}: the projection for Gephi, Cytoscape, Graphviz, the web.
    Format("graphml", "application/graphml+xml", ("graphml",), "graph"),
    Format("gexf", "application/gexf+xml", ("gexf",), "graph"),
    Format("cyjs", "application/json", ("cyjs",), "graph", aliases=("cytoscape",)),
    Format("dot", "text/vnd.graphviz", ("dot", "gv"), "graph", aliases=("graphviz",)),
    Format("jsonld", "application/ld+json", ("jsonld",), "graph"),
    Format("ttl", "text/turtle", ("ttl",), "graph", aliases=("turtle",)),
    Format("nq", "application/n-quads", ("nq",), "graph", quads=True, aliases=("nquads",)),
    Format("html", "text/html", ("html",), "graph"),
    # /export/gap-map.{ext} and `kg export gap-map.{ext}`: groups by benefits.
    Format("svg", "image/svg+xml", ("svg",), "gapmap"),
    Format("html", "text/html", ("html",), "gapmap"),
    Format("csv", "text/csv", ("csv",), "gapmap"),
)


def formats_of(kind: Kind) -> list[Format]:
    """All formats of one kind, in the table's order (the first is the default)."""
    return [f for f in FORMATS if f.kind == kind]


def by_name(name: str, kind: Kind) -> Format:
    """A format by short name or alias (`ttl`, `turtle`) or media type."""
    wanted = name.lower()
    for f in formats_of(kind):
        if wanted in (f.name, f.media_type, *f.aliases):
            return f
    raise UnsupportedFormat(f"unknown format '{name}'", [f.name for f in formats_of(kind)])


def for_path(path: str | Path, kind: Kind = "rdf") -> Format:
    """The format a file's extension says it is in."""
    suffix = Path(path).suffix.lower().lstrip(".")
    for f in formats_of(kind):
        if suffix in f.extensions:
            return f
    names = [ext for f in formats_of(kind) for ext in f.extensions]
    raise UnsupportedFormat(f"cannot tell the format of '{path}' from its extension", names)


def negotiate(accept: str | None, candidates: list[Format]) -> Format | None:
    """Pick the candidate the Accept header prefers; None when none is acceptable."""
    if not accept:
        return candidates[0]
    ranges = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranges.append((q, -i, media.lower()))
    for q, _, media in sorted(ranges, reverse=True):
        if q <= 0:
            continue
        for f in candidates:
            if _matches(media, f.media_type):
                return f
    return None


def _matches(media_range: str, media_type: str) -> bool:
    if media_range in ("*/*", media_type):
        return True
    major, _, minor = media_range.partition("/")
    return minor == "*" and media_type.startswith(major + "/")
