"""/export: the whole graph for other tools (more formats and the gap map come with exports)."""

import os
import tempfile

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from api.deps import StoreDep
from kg import formats

router = APIRouter(tags=["exports"])


@router.get(
    "/export/graph.nq",
    summary="Every named graph, provenance included, as N-Quads",
    response_class=FileResponse,
    responses={200: {"content": {"application/n-quads": {}}}},
)
def graph_nquads(store: StoreDep) -> FileResponse:
    # Spooled to a file so a large store streams out without being held in memory twice.
    with tempfile.NamedTemporaryFile(suffix=".nq", delete=False) as tmp:
        store.dump(tmp, formats.by_name("nquads", "rdf"))
    return FileResponse(
        tmp.name,
        media_type="application/n-quads",
        filename="graph.nq",
        background=BackgroundTask(os.unlink, tmp.name),
    )
