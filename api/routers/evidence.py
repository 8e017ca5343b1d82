"""/evidence: add an item, read it with its history, review it."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import ContributorDep, ReviewerDep, StoreDep, WriterDep
from api.problems import responses
from api.writing import context, created, write_then_read
from kg import catalog, fresh
from kg.models import EvidenceIn, ReviewIn
from kg.store.base import Store
from kg.vocab import iri
from kg.writes.operations import WriteResult

router = APIRouter(tags=["evidence"])


@router.post(
    "/evidence",
    status_code=201,
    summary="Add an evidence item (contributor token)",
    responses=responses(401, 403, 413, 422),
)
async def post_evidence(
    request: Request, body: EvidenceIn, who: ContributorDep, writer: WriterDep, store: StoreDep
) -> JSONResponse:
    ctx = await context(request, who)
    result, item = await write_then_read(
        lambda: writer.add_evidence(body, ctx), lambda r: _created_item(store, r)
    )
    return created(f"/evidence/{result.id}", item, result.replayed, ctx.request_id)


def _created_item(store: Store, result: WriteResult) -> dict:
    # A replay answers with the item as it is now, which reviews may have changed since.
    if result.replayed:
        return catalog.evidence_item(store, result.id)
    return fresh.evidence_item(store, iri("evidence", result.id), result.graph, result.triples)


@router.get(
    "/evidence/{id:path}",
    summary="An evidence item with its review history",
    response_model=dict,
    responses=responses(404),
)
def get_evidence(id: str, store: StoreDep) -> JSONResponse:
    return JSONResponse(catalog.evidence_item(store, id))  # plain JSON, as a claim's page


@router.post(
    "/evidence/{id:path}/reviews",
    status_code=201,
    summary="Set an item's verification status (reviewer token)",
    responses=responses(401, 403, 404, 413, 422),
)
async def post_review(
    id: str, request: Request, body: ReviewIn, who: ReviewerDep, writer: WriterDep, store: StoreDep
) -> JSONResponse:
    ctx = await context(request, who)
    result, item = await write_then_read(
        lambda: writer.add_review(id, body, ctx), lambda _: catalog.evidence_item(store, id)
    )
    return created(f"/evidence/{item['id']}", item, result.replayed, ctx.request_id)
