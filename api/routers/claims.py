"""GET /claims and /claims/{id}: claims with the status the evidence rule gives them."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.deps import StoreDep
from api.problems import responses
from api.routers.lists import LIST_CONTENT, BenefitQ, FormatQ, GroupQ, OffsetQ, answer, page
from kg import catalog, evidence

router = APIRouter(tags=["claims"])
Status = Literal[
    "no-evidence",
    "no-independent-evidence",
    "indirect-only",
    "inconclusive",
    "disputed",
    "contested",
    "supported",
]


@router.get(
    "/claims",
    summary="Claims with status and reason; JSON or CSV",
    responses={**LIST_CONTENT, **responses(404, 406, 422)},
)
def list_claims(
    request: Request,
    store: StoreDep,
    group: GroupQ = None,
    benefit: BenefitQ = None,
    status: Annotated[Status | None, Query(description="Only claims with this status.")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Rows per page.")] = 100,
    offset: OffsetQ = 0,
    format: FormatQ = None,
) -> Response:
    found = evidence.claim_statuses(store, group=group, benefit=benefit, status=status)
    rows = catalog.claims_with_fields(store, page(found, limit, offset))
    return answer(request, rows, len(found), limit, offset)


@router.get(
    "/claims/{id:path}",
    summary="One claim with its evidence, status and reason",
    responses=responses(404),
)
def get_claim(id: str, store: StoreDep) -> dict:
    return catalog.claim(store, id)
