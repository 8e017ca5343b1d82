"""GET /gaps: the claims that lack independent evidence (design section 5)."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import StoreDep, ViewDep
from api.problems import responses
from api.routers.lists import LIST_CONTENT, BenefitQ, FormatQ, GroupQ, OffsetQ, answer, page
from kg import evidence

router = APIRouter(tags=["claims"])


@router.get(
    "/gaps",
    summary="Claims lacking independent evidence; JSON or CSV",
    responses={**LIST_CONTENT, **responses(404, 406, 422)},
)
def gaps(
    request: Request,
    store: StoreDep,
    view: ViewDep,
    group: GroupQ = None,
    benefit: BenefitQ = None,
    include_indirect: Annotated[
        bool, Query(description="Count indirect independent evidence as evidence.")
    ] = False,
    limit: Annotated[int | None, Query(ge=1, description="At most this many rows.")] = None,
    offset: OffsetQ = 0,
    format: FormatQ = None,
) -> Response:
    found = evidence.gaps(
        store, group=group, benefit=benefit, include_indirect=include_indirect, view=view
    )
    rows = [c.as_dict() for c in page(found, limit, offset)]
    return answer(request, rows, len(found), limit, offset)
