"""Parsing RDF input for a store: all of it first (nothing is written on a syntax error),
with progress by bytes read, and parser errors with their line and column."""

from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import syntax_error
from kg.formats import Format
from kg.store.base import Progress


class CountingReader:
    """A file wrapper that reports how many bytes the parser has read."""

    def __init__(self, raw: BinaryIO, progress: Progress):
        self.raw, self.progress, self.done = raw, progress, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.done += len(chunk)
        self.progress(self.done)
        return chunk


def parse_all(
    source: BinaryIO,
    fmt: Format,
    graph: str,
    progress: Progress | None = None,
    base_iri: str | None = None,
) -> list[ox.Quad]:
    """Every quad of `source`; triples (quads in no graph) are put into `graph`."""
    reader = CountingReader(source, progress) if progress else source
    target = ox.NamedNode(graph)
    try:
        return [
            q
            if not isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, target)
            for q in ox.parse(
                reader, ox.RdfFormat.from_media_type(fmt.media_type), base_iri=base_iri
            )
        ]
    except SyntaxError as exc:
        raise syntax_error(exc) from None
