"""GET /groups and /groups/{id}: groups with members and the statuses of their claims."""

from fastapi import APIRouter

from api.deps import StoreDep, ViewDep
from api.problems import responses
from kg import catalog

router = APIRouter(tags=["groups"])


@router.get("/groups", summary="Every group with its members and claim statuses")
def list_groups(store: StoreDep, view: ViewDep) -> dict:
    items = catalog.groups(store, view)
    return {"items": items, "total": len(items)}


@router.get(
    "/groups/{id:path}", summary="One group with each of its claims", responses=responses(404)
)
def get_group(id: str, store: StoreDep, view: ViewDep) -> dict:
    return catalog.group(store, id, view)
