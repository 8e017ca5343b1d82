"""GET /claims and /claims/{id}: claims with the status the evidence rule gives them."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from api.deps import ContributorDep, StoreDep, ViewDep, WriterDep
from api.problems import responses
from api.routers.lists import LIST_CONTENT, BenefitQ, FormatQ, GroupQ, OffsetQ, answer, page
from api.writing import context, created, write_then_read
from kg import catalog, evidence
from kg.models import ClaimIn
from kg.vocab import STATUSES

router = APIRouter(tags=["claims"])
Status = Literal[STATUSES]


@router.get(
    "/claims",
    summary="Claims with status and reason; JSON or CSV",
    responses={**LIST_CONTENT, **responses(404, 406, 422)},
)
def list_claims(
    request: Request,
    store: StoreDep,
    view: ViewDep,
    group: GroupQ = None,
    benefit: BenefitQ = None,
    status: Annotated[Status | None, Query(description="Only claims with this status.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Rows per page.")] = 100,
    offset: OffsetQ = 0,
    format: FormatQ = None,
) -> Response:
    found = evidence.claim_statuses(store, group=group, benefit=benefit, status=status, view=view)
    rows = catalog.claims_with_fields(store, page(found, limit, offset))
    return answer(request, rows, len(found), limit, offset)


@router.get(
    "/claims/{id:path}",
    summary="One claim with its evidence, status and reason",
    response_model=dict,
    responses=responses(404, 409),
)
def get_claim(id: str, store: StoreDep, view: ViewDep) -> JSONResponse:
    # The page is plain JSON already: FastAPI's encoder would walk it again (0.2 ms a page).
    return JSONResponse(catalog.claim(store, id, view))


@router.post(
    "/claims",
    status_code=201,
    summary="Add a claim (contributor token)",
    responses=responses(401, 403, 413, 422),
)
async def post_claim(
    request: Request,
    body: ClaimIn,
    who: ContributorDep,
    writer: WriterDep,
    store: StoreDep,
    view: ViewDep,
) -> JSONResponse:
    ctx = await context(request, who)
    result, claim = await write_then_read(
        lambda: writer.add_claim(body, ctx), lambda r: catalog.claim(store, r.id, view)
    )
    return created(f"/claims/{result.id}", claim, result.replayed, ctx.request_id)
