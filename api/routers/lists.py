"""What /claims and /gaps share: filters, paging and the JSON or CSV body."""

from typing import Annotated

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse

from api.negotiation import choose
from kg.formats import formats_of
from kg.tables import claims_csv, list_body

GroupQ = Annotated[str | None, Query(description="Group id (slug or IRI).")]
BenefitQ = Annotated[str | None, Query(description="Benefit id (slug or IRI).")]
OffsetQ = Annotated[int, Query(ge=0, description="Rows to skip.")]
FormatQ = Annotated[str | None, Query(alias="format", description="json or csv; overrides Accept.")]
LIST_CONTENT = {
    200: {
        "content": {"application/json": {}, "text/csv": {}},
        "description": "The list, as JSON or CSV",
    }
}


def page(rows: list[dict], limit: int | None, offset: int) -> list[dict]:
    """Rows from `offset`, at most `limit` of them (all when limit is None)."""
    end = None if limit is None else offset + limit
    return rows[offset:end]


def answer(
    request: Request, rows: list[dict], total: int, limit: int | None, offset: int
) -> Response:
    """The list as `{"items", "total", ...}` JSON or as CSV, as the client asked."""
    fmt = choose(request, formats_of("table"))
    if fmt.name == "csv":
        return Response(
            claims_csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"X-Total-Count": str(total)},
        )
    return JSONResponse(list_body(rows, total, limit, offset))
