"""/export: the graph for Gephi, Cytoscape, Graphviz and the web, and the evidence gap map."""

import os
import tempfile
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from api.deps import StoreDep
from api.problems import responses
from kg import exporters, formats, gapmap
from kg.errors import NotFound, UnsupportedFormat
from kg.formats import Format

router = APIRouter(tags=["exports"])


def _format(ext: str, kind: str, name: str) -> Format:
    """An unknown extension names no resource here: 404, not 406."""
    try:
        return formats.by_name(ext, kind)
    except UnsupportedFormat:
        raise NotFound("export", f"{name}.{ext}") from None


GroupQ = Annotated[str | None, Query(description="Only this group's part (slug or IRI).")]
BenefitQ = Annotated[str | None, Query(description="Only this benefit's part.")]
GRAPH_TYPES = {f.media_type: {} for f in formats.formats_of("graph")}
MAP_TYPES = {f.media_type: {} for f in formats.formats_of("gapmap")}


@router.get(
    "/export/graph.nq",
    summary="Every named graph, provenance included, as N-Quads",
    response_class=FileResponse,
    responses={200: {"content": {"application/n-quads": {}}}, **responses(404, 422)},
)
def graph_nquads(store: StoreDep, group: GroupQ = None, benefit: BenefitQ = None) -> Response:
    if group or benefit:
        data = exporters.export(store, formats.by_name("nq", "graph"), group, benefit)
        return Response(data, media_type="application/n-quads")
    # Spooled to a file so a large store streams out without being held in memory twice.
    with tempfile.NamedTemporaryFile(suffix=".nq", delete=False) as tmp:
        store.dump(tmp, formats.by_name("nquads", "rdf"))
    return FileResponse(
        tmp.name,
        media_type="application/n-quads",
        filename="graph.nq",
        background=BackgroundTask(os.unlink, tmp.name),
    )


@router.get(
    "/export/graph.{ext}",
    summary="The graph: graphml, gexf, cyjs, dot, jsonld, ttl, html (a self-contained viewer)",
    responses={200: {"content": GRAPH_TYPES}, **responses(404, 422)},
)
def graph(ext: str, store: StoreDep, group: GroupQ = None, benefit: BenefitQ = None) -> Response:
    fmt = _format(ext, "graph", "graph")
    return Response(exporters.export(store, fmt, group, benefit), media_type=fmt.media_type)


@router.get(
    "/export/gap-map.{ext}",
    summary="The evidence gap map: svg, html or csv",
    responses={200: {"content": MAP_TYPES}, **responses(404, 422)},
)
def gap_map(ext: str, store: StoreDep, group: GroupQ = None, benefit: BenefitQ = None) -> Response:
    fmt = _format(ext, "gapmap", "gap-map")
    return Response(gapmap.export(store, fmt.name, group, benefit), media_type=fmt.media_type)
