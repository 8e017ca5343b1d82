"""GET /benefits and /benefits/{id}: each benefit with its evidence status across groups."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep, ViewDep
from api.problems import responses
from kg import catalog

router = APIRouter(tags=["benefits"])
IndirectQ = Annotated[bool, Query(description="Count indirect independent evidence as evidence.")]


@router.get("/benefits", summary="Every benefit with the status of its pooled evidence")
def list_benefits(store: StoreDep, include_indirect: IndirectQ = False) -> dict:
    items = catalog.benefits(store, include_indirect)
    return {"items": items, "total": len(items)}


@router.get(
    "/benefits/{id:path}",
    summary="One benefit, its claims and its own evidence",
    responses=responses(404),
)
def get_benefit(
    id: str, store: StoreDep, view: ViewDep, include_indirect: IndirectQ = False
) -> dict:
    return catalog.benefit(store, id, include_indirect, view)
